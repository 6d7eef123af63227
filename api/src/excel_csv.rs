//! CSV as Czech Excel opens it: UTF-8 with a byte-order mark, `;` between fields, CRLF line ends,
//! and nothing a spreadsheet would run as a formula. Every CSV download of the API is written so.

/// What a CSV download starts with, so Excel reads it as UTF-8 and keeps the diacritics.
pub const BOM: &str = "\u{feff}";

/// One CSV field for Excel: quoted when it holds the separator, a quote or a line break; a leading
/// `= + - @` (a formula to Excel) is neutralised with an apostrophe, as OWASP advises.
fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if value.contains([';', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One row: its fields, `;`-separated, ended by CRLF.
pub fn row(out: &mut String, fields: &[&str]) {
    let row: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&row.join(";"));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_defused() {
        assert_eq!(field("prostý text"), "prostý text");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("řekl \"ano\"\npak"), "\"řekl \"\"ano\"\"\npak\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    }
}
