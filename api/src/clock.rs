//! The one clock. PostgreSQL keeps timestamps to the microsecond while SQLite would keep
//! whatever it is given, so every instant the application stores is cut to the microsecond first:
//! then it reads back the same from either database, and after a move from one to the other.
//!
//! Days are Czech days: "today", "not in the future" and "received by the closing day" are told in
//! Prague's time, not UTC's, or a comment received on paper just after midnight would be in the
//! future for an hour or two.
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use chrono_tz::Europe::Prague;

/// Now, to the microsecond.
pub fn now() -> DateTime<Utc> {
    to_micros(Utc::now())
}

/// An instant from outside (a request body), cut to the microsecond like `now()`.
pub fn to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// Today in Prague.
pub fn today() -> NaiveDate {
    day_of(now())
}

/// The day an instant falls on in Prague.
pub fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Prague).date_naive()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Timelike};

    #[test]
    fn instants_keep_whole_microseconds() {
        let at = "2026-12-01T10:00:00.123456789Z".parse().unwrap();
        assert_eq!(super::to_micros(at).nanosecond(), 123_456_000);
        assert_eq!(super::now().nanosecond() % 1_000, 0);
    }

    #[test]
    fn days_are_prague_days_in_winter_and_summer_time() {
        let day = |at: &str| super::day_of(at.parse().unwrap());
        // 23:30 UTC is half past midnight in Prague in winter (UTC+1), and 01:30 in summer (UTC+2).
        assert_eq!(day("2026-12-01T23:30:00Z"), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(day("2026-12-01T22:59:59Z"), NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(day("2026-06-30T22:00:00Z"), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(day("2026-06-30T21:59:59Z"), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap());
    }
}
