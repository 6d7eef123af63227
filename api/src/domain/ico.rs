//! IČO, the identification number of a Czech organisation (providers, municipalities).
use crate::error::{FieldError, FieldErrorCode};

/// Eight digits whose last is the check digit: the first seven weighted 8 down to 2, summed,
/// taken mod 11, and `(11 - remainder) mod 10` is the eighth (the registers' rule, ARES).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ico([u8; 8]);

impl Ico {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let invalid = || FieldError::new(field, FieldErrorCode::InvalidFormat, "must be an IČO: 8 digits with a valid check digit");
        let bytes: [u8; 8] = raw.trim().as_bytes().try_into().map_err(|_| invalid())?;
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(invalid());
        }
        let digits = bytes.map(|b| b - b'0');
        let sum: u32 = digits[..7].iter().zip((2..=8).rev()).map(|(&d, w)| u32::from(d) * w).sum();
        if u32::from(digits[7]) != (11 - sum % 11) % 10 {
            return Err(invalid());
        }
        Ok(Self(bytes))
    }

    pub fn as_str(&self) -> &str {
        // Eight ASCII digits, checked in `parse`.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_numbers_are_taken() {
        // Praha, Ostrava, Česká pošta, and one whose remainder is 1 (check digit 0).
        for ico in ["00064581", "00845451", "47114983", "00000060", " 25596641 "] {
            assert_eq!(Ico::parse("ico", ico).map(|i| i.as_str().to_owned()), Ok(ico.trim().to_owned()), "{ico:?}");
        }
    }

    #[test]
    fn a_wrong_check_digit_shape_or_length_is_refused() {
        for bad in ["00064582", "47114980", "0064581", "000645810", "0006458a", "", "0006 4581", "０００６４５８１", "-0064581"] {
            let error = Ico::parse("ico", bad).unwrap_err();
            assert_eq!((error.field.as_str(), error.code), ("ico", FieldErrorCode::InvalidFormat), "{bad:?}");
        }
    }

    /// Of the ten possible last digits exactly one completes any seven: the rule is a function.
    #[test]
    fn every_seven_digits_have_exactly_one_check_digit() {
        for n in (0..10_000_000u32).step_by(7_919) {
            let first = format!("{n:07}");
            let taken = (0..10).filter(|d| Ico::parse("ico", &format!("{first}{d}")).is_ok()).count();
            assert_eq!(taken, 1, "{first}");
        }
    }
}
