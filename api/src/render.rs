//! Text escaping for the documents the server renders itself (HTML, Markdown, CSV).

pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A multi-line text as HTML paragraphs, its line breaks kept as `<br>`; nothing for an empty text.
pub fn html_paragraphs(text: &str) -> String {
    paragraphs(text).iter().map(|lines| format!("<p>{}</p>", lines.iter().map(|l| html(l)).collect::<Vec<_>>().join("<br>"))).collect()
}

/// Escapes Markdown's inline syntax and table pipes, and keeps a value on one line
/// (for headings, list items and table cells).
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A multi-line text as Markdown paragraphs (blank line between) with hard line breaks, every
/// line escaped so that nothing at its start (`- `, `1. `, `#`, `>`, an indent) opens a block.
pub fn markdown_paragraphs(text: &str) -> String {
    paragraphs(text)
        .iter()
        .map(|lines| lines.iter().map(|l| markdown_line(l)).collect::<Vec<_>>().join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn markdown_line(line: &str) -> String {
    // An indent would open a code block and carries no meaning in a plan's prose.
    let escaped = markdown(line.trim_start());
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    match escaped[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &escaped[..digits], &escaped[digits..]),
        Some('-' | '+' | '=') if digits == 0 => format!("\\{escaped}"),
        _ => escaped,
    }
}

/// Paragraphs (split at blank lines) of non-empty lines, trailing whitespace dropped.
pub fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::html("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(super::markdown("a|b *c*\nd"), "a\\|b \\*c\\* d");
    }

    #[test]
    fn paragraphs_keep_breaks_and_open_no_blocks() {
        let text = "# Nadpis\r\n- bod\n+ bod\n12. bod\n3) bod\n    kód\n> citát\n===\n\n\n  \nDruhý odstavec\n";
        assert_eq!(
            super::markdown_paragraphs(text),
            "\\# Nadpis\\\n\\- bod\\\n\\+ bod\\\n12\\. bod\\\n3\\) bod\\\nkód\\\n\\> citát\\\n\\===\n\nDruhý odstavec"
        );
        assert_eq!(super::html_paragraphs("a <b>\nc\n\nd"), "<p>a &lt;b&gt;<br>c</p><p>d</p>");
        assert_eq!(super::html_paragraphs(" \n"), "");
        assert_eq!(super::markdown_paragraphs("2025 bylo dobré"), "2025 bylo dobré");
    }
}
