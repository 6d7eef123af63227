//! Data sets: the Czech demo (`SPOLUPLAN_DEMO=1`, `spoluplan seed demo`) and a large
//! deterministic synthetic set for benchmarks (`spoluplan seed synthetic`), and a survey with many
//! responses (`spoluplan seed survey`).
pub mod cycle;
pub mod demo;
pub mod surveys;
pub mod synthetic;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// A fixed instant, so demo dates read naturally; panics only on a typo in this file.
pub(crate) fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid demo date")
}

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}
