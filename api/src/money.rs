//! Money: decimal strings in CZK on the wire ("125000.00"), whole hálíře in storage.
use crate::error::{FieldError, FieldErrorCode};

/// Parses "125000", "125000.5" or "125000.50" (no sign, no separators) into hálíře.
pub fn parse(text: &str) -> Option<i64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || whole.len() > 13 || fraction.len() > 2 || (!fraction.is_empty() && !digits(fraction)) {
        return None;
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    Some(whole.parse::<i64>().ok()? * 100 + cents)
}

pub fn format(halire: i64) -> String {
    format!("{}.{:02}", halire / 100, halire % 100)
}

/// A money field in hálíře, or the error naming it when it is not a CZK amount.
pub fn amount(field: &str, text: &str) -> Result<i64, FieldError> {
    parse(text).ok_or_else(|| FieldError::new(field, FieldErrorCode::InvalidFormat, "must be an amount in CZK such as \"125000.00\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_what_is_not_an_amount() {
        assert_eq!(parse("125000.00"), Some(12_500_000));
        assert_eq!(parse("125000"), Some(12_500_000));
        assert_eq!(parse("0.5"), Some(50));
        assert_eq!(format(12_500_005), "125000.05");
        for bad in ["", "-1", "1,5", "1.234", "abc", "1e5", ".5", "12345678901234"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
