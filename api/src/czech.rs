//! Czech alphabetical order, for names the API sorts itself: č follows c, ch follows h, and other
//! accents count only to break ties, as in a Czech dictionary. The
//! databases' own order is by code point (SQLite, PostgreSQL's C collation), which puts every
//! name with a háček after "Z".
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

#[cfg(test)]
mod tests {
    use super::compare;

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
