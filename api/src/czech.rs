//! Czech alphabetical order, for names the API sorts itself: č follows c, ch follows h, and other
//! accents count only to break ties, as in a Czech dictionary. The
//! databases' own order is by code point (SQLite, PostgreSQL's C collation), which puts every
//! name with a háček after "Z". And names folded for matching as people write them, with or
//! without accents.
use std::cmp::Ordering;
use std::sync::LazyLock;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

static CZECH: LazyLock<CollatorBorrowed<'static>> =
    LazyLock::new(|| Collator::try_new(locale!("cs").into(), CollatorOptions::default()).expect("Czech collation data is compiled in"));

/// How two names compare in Czech alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    CZECH.compare(a, b)
}

/// `name` without accents, in lower case, its words separated by one space: "Osoby  žijící s
/// DEMENCÍ" and "osoby zijici s demenci" fold alike.
pub fn fold(name: &str) -> String {
    let bare: String = name.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::{compare, fold};

    #[test]
    fn folding_drops_accents_case_and_extra_spaces() {
        assert_eq!(fold("  Osoby  žijící s DEMENCÍ "), "osoby zijici s demenci");
        assert_eq!(fold("Pečující osoby"), fold("pecujici osoby"));
        assert_ne!(fold("senioři"), fold("seniorky"));
    }

    #[test]
    fn names_sort_as_in_a_czech_dictionary() {
        let mut names =
            vec!["Zlín", "ORP Prachatice", "Chrudim", "ORP Český Krumlov", "Hodonín", "Cheb", "Ústí nad Labem", "Uherské Hradiště"];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            ["Hodonín", "Cheb", "Chrudim", "ORP Český Krumlov", "ORP Prachatice", "Uherské Hradiště", "Ústí nad Labem", "Zlín"]
        );
    }
}
