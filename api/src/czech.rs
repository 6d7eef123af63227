//! Czech alphabetical order, for names the API sorts itself: č follows c, ch follows h, and other
//! accents count only to break ties, as in a Czech dictionary. The
//! databases' own order is by code point (SQLite, PostgreSQL's C collation), which puts every
//! name with a háček after "Z". And names folded for matching as people write them, with or
//! without accents.
use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

static CZECH: LazyLock<CollatorBorrowed<'static>> =
    LazyLock::new(|| Collator::try_new(locale!("cs").into(), CollatorOptions::default()).expect("Czech collation data is compiled in"));

/// How two names compare in Czech alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    CZECH.compare(a, b)
}

/// Names folded for matching: without accents, in lower case, one space between words.
pub use entity::words::fold;

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
