//! Words as the search index and the queries hold them: folded (no accents, lower case) with
//! [`entity::words`] and split at every character that is not a letter or a digit, so "Pečovatelská
//! služba (§40)" and "pecovatelska sluzba 40" are the same three words on both databases, and
//! neither database's own tokenizer has anything left to decide. And the snippet: where in a
//! hit's public text the words were found, marked.
pub use entity::words::terms;
use entity::words::{fold, words};

/// What was typed, as words to find: every word whole but the last, which may be the start of
/// one (people type on). At most [`MAX_WORDS`] words are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub whole: Vec<String>,
    pub prefix: String,
}

/// Words of a query beyond this are ignored: a hit must hold every word, and ten already narrow
/// any text the index holds.
pub const MAX_WORDS: usize = 10;

impl Query {
    /// None when `q` holds no word.
    pub fn parse(q: &str) -> Option<Self> {
        let folded = fold(q);
        let mut all: Vec<String> = words(&folded).take(MAX_WORDS).map(str::to_owned).collect();
        let prefix = all.pop()?;
        Some(Self { whole: all, prefix })
    }

    /// An FTS5 query: every word quoted (so none is read as an operator), the last one a prefix.
    pub fn fts5(&self) -> String {
        let mut parts: Vec<String> = self.whole.iter().map(|w| format!("\"{w}\"")).collect();
        parts.push(format!("\"{}\"*", self.prefix));
        parts.join(" ")
    }

    /// A PostgreSQL `tsquery` (for `to_tsquery('simple', …)`): the words and-ed, the last one a
    /// prefix. The words hold only letters and digits, so none is an operator.
    pub fn tsquery(&self) -> String {
        let mut parts: Vec<String> = self.whole.clone();
        parts.push(format!("{}:*", self.prefix));
        parts.join(" & ")
    }

    fn matches(&self, folded_word: &str) -> bool {
        folded_word.starts_with(&self.prefix) || self.whole.iter().any(|w| w == folded_word)
    }
}

/// About this many bytes of text (some hundred Czech characters) around the first word found.
const SNIPPET_BYTES: usize = 160;

/// A passage of `body` around the first word of `query` in it (or its beginning, when the words
/// were found in the title alone), HTML-escaped, with each word found wrapped in `<mark>`, and
/// "…" where it was cut.
pub fn snippet(body: &str, query: &Query) -> String {
    // Each word of the body (its start and end), and whether it is one sought.
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in body.char_indices().chain(std::iter::once((body.len(), ' '))) {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let found = words(&fold(&body[s..i])).any(|w| query.matches(w));
                spans.push((s, i, found));
                start = None;
            }
            _ => {}
        }
    }
    if spans.is_empty() {
        return escape(body.trim());
    }
    let first = spans.iter().position(|s| s.2).unwrap_or(0);
    // A few words before the first found, beginning at a word's start (the text's, for its first).
    let lead = spans[..first].iter().rposition(|s| spans[first].0 - s.0 >= SNIPPET_BYTES / 4).unwrap_or(0);
    let from = if lead == 0 { 0 } else { spans[lead].0 };
    let to = if body.len() <= from + SNIPPET_BYTES {
        body.len()
    } else {
        let last = spans[first..].iter().take_while(|s| s.1 <= from + SNIPPET_BYTES).last().map_or(from, |s| s.1);
        last.max(spans[first].1)
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for &(s, e, _) in spans.iter().filter(|s| s.2 && s.0 >= from && s.1 <= to) {
        out.push_str(&escape(&body[at..s]));
        out.push_str("<mark>");
        out.push_str(&escape(&body[s..e]));
        out.push_str("</mark>");
        at = e;
    }
    out.push_str(&escape(&body[at..to]));
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if to < body.len() { format!("{out} …") } else { out }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::{Query, snippet, terms};

    #[test]
    fn words_fold_and_split_alike_on_both_sides() {
        assert_eq!(terms("Pečovatelská služba (§40), Český Krumlov"), "pecovatelska sluzba 40 cesky krumlov");
        assert_eq!(terms("e-mail: info@charita.cz"), "e mail info charita cz");
        let q = Query::parse("  Domov pro SENIORY ").unwrap();
        assert_eq!(q.whole, ["domov", "pro"]);
        assert_eq!(q.prefix, "seniory");
        assert_eq!(q.fts5(), r#""domov" "pro" "seniory"*"#);
        assert_eq!(q.tsquery(), "domov & pro & seniory:*");
        assert!(Query::parse(" !? ").is_none());
        // An operator of either query language is only a character between words.
        assert_eq!(Query::parse("a\" OR b:* & !c").unwrap().tsquery(), "a & or & b & c:*");
    }

    #[test]
    fn the_snippet_marks_the_words_found_escaped() {
        let q = Query::parse("pecovatelska").unwrap();
        assert_eq!(
            snippet("Terénní pečovatelská služba <pro> seniory", &q),
            "Terénní <mark>pečovatelská</mark> služba &lt;pro&gt; seniory"
        );
        let q = Query::parse("sluzba pec").unwrap();
        assert_eq!(snippet("Pečovatelská služba", &q), "<mark>Pečovatelská</mark> <mark>služba</mark>");
        // Found in the title only: the text's beginning.
        assert_eq!(snippet("Krátký popis.", &Query::parse("xyz").unwrap()), "Krátký popis.");
        assert_eq!(snippet("", &q), "");
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_word_found() {
        let long = format!("{} denní stacionář {}", "slovo ".repeat(60), "další ".repeat(60));
        let cut = snippet(&long, &Query::parse("stacionar").unwrap());
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("<mark>stacionář</mark>"), "{cut}");
        assert!(cut.chars().count() < 200, "{cut}");
    }
}
