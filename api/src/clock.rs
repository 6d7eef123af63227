//! The one clock. PostgreSQL keeps timestamps to the microsecond while SQLite would keep
//! whatever it is given, so every instant the application stores is cut to the microsecond first:
//! then it reads back the same from either database, and after a move from one to the other.
use chrono::{DateTime, SubsecRound, Utc};

/// Now, to the microsecond.
pub fn now() -> DateTime<Utc> {
    to_micros(Utc::now())
}

/// An instant from outside (a request body), cut to the microsecond like `now()`.
pub fn to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;

    #[test]
    fn instants_keep_whole_microseconds() {
        let at = "2026-12-01T10:00:00.123456789Z".parse().unwrap();
        assert_eq!(super::to_micros(at).nanosecond(), 123_456_000);
        assert_eq!(super::now().nanosecond() % 1_000, 0);
    }
}
