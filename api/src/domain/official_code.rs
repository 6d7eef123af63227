//! The official code of a territory as ČSÚ and RÚIAN write them (kraj `51`, okres `3402`, obec
//! `554499`, NUTS `CZ080`): digits and Latin letters.
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{FieldError, FieldErrorCode};

/// The rule as the document states it; the territory schemas spell it out (utoipa takes only a
/// literal), and a test in `territories::dto` holds them equal.
pub const OFFICIAL_CODE_PATTERN: &str = "^[0-9A-Za-z]{1,16}$";

static PATTERN: LazyLock<Regex> = LazyLock::new(|| Regex::new(OFFICIAL_CODE_PATTERN).expect("OFFICIAL_CODE_PATTERN is a regex"));

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialCode(String);

impl OfficialCode {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        if !PATTERN.is_match(raw) {
            return Err(FieldError::new(field, FieldErrorCode::InvalidFormat, "must be 1 to 16 digits or letters (the official code)"));
        }
        Ok(Self(raw.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_as_the_registers_write_them() {
        for code in ["51", "3402", "554499", "CZ080"] {
            assert!(OfficialCode::parse("code", code).is_ok(), "{code}");
        }
        for code in ["", "55 44", " 51", "554499-1", "Čáslav", "12345678901234567"] {
            let error = OfficialCode::parse("code", code).unwrap_err();
            assert_eq!((error.field.as_str(), error.code), ("code", FieldErrorCode::InvalidFormat), "{code:?}");
        }
    }
}
