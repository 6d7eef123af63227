//! Words as people type them, for matching: folded (no accents, lower case) and split at every
//! character that is not a letter or a digit, so "Pečovatelská služba (§40)" and "pecovatelska
//! sluzba 40" are the same three words. The search index and the users' `search_terms` hold
//! words so, and every `q` matches against them (api/src/search/).
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// `text` without accents, in lower case, its words separated by one space: "Osoby  žijící s
/// DEMENCÍ" and "osoby zijici s demenci" fold alike.
pub fn fold(text: &str) -> String {
    let bare: String = text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of folded text.
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// `text`'s words, folded, one space apart.
pub fn terms(text: &str) -> String {
    words(&fold(text)).collect::<Vec<_>>().join(" ")
}
