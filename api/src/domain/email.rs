//! E-mail addresses, one rule for accounts and for commenters.
use crate::error::{FieldError, FieldErrorCode};

/// A plausible e-mail address, trimmed and lower-cased (the form accounts compare and are stored
/// in): one `@` after a non-empty local part, a domain of at least two non-empty dot-separated
/// labels, no white space or control character, at most `Email::MAX` characters as sent and as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// The longest e-mail an account can have (RFC 5321).
    pub const MAX: usize = 254;

    /// The form addresses are compared in: trimmed and lower-cased (for look-ups of anything sent).
    pub fn normalize(raw: &str) -> String {
        raw.trim().to_lowercase()
    }

    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let email = Self::normalize(raw);
        let shaped = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.contains('@') && domain.split('.').count() >= 2 && domain.split('.').all(|label| !label.is_empty())
        }) && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if !shaped {
            return Err(FieldError::new(field, FieldErrorCode::InvalidFormat, "must be an e-mail address such as jana.novakova@obec.cz"));
        }
        // Counted as sent, the way the document's `maxLength` counts, and as stored: lower-casing
        // can lengthen a text ('İ' becomes two characters), and the column holds `MAX`.
        if raw.chars().count() > Self::MAX || email.chars().count() > Self::MAX {
            return Err(crate::error::too_long(field, Self::MAX));
        }
        Ok(Self(email))
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

/// Addresses and whether each is plausible, for every test of the rule and of the document's patterns.
#[cfg(test)]
pub const SAMPLES: &[(&str, bool)] = &[
    ("jana@obec.cz", true),
    (" Jana.Novakova@Obec.Example.cz ", true),
    ("a.b+c@obec.example.cz", true),
    ("j@x.y", true),
    ("jana@čeština.cz", true),
    ("", false),
    ("   ", false),
    ("jana", false),
    ("jana@obec", false),
    ("@obec.cz", false),
    ("jana@@obec.cz", false),
    ("jana@obec@cz.cz", false),
    ("jana novak@obec.cz", false),
    ("jana@.obec.cz", false),
    ("jana@obec.cz.", false),
    ("jana@obec..cz", false),
    ("jana@example..cz", false),
    ("ja\u{1}na@obec.cz", false),
    ("jana@obec.cz\u{7f}", false),
    ("jana\u{a0}@obec.cz", false),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn code(raw: &str) -> Option<FieldErrorCode> {
        Email::parse("email", raw).err().map(|e| e.code)
    }

    #[test]
    fn plausible_addresses_are_taken_trimmed_and_lower_cased() {
        assert_eq!(Email::parse("email", " Jana.Novakova@Obec.Example.CZ ").unwrap().as_ref(), "jana.novakova@obec.example.cz");
        for &(raw, plausible) in SAMPLES {
            let expected = if plausible { None } else { Some(FieldErrorCode::InvalidFormat) };
            assert_eq!(code(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn the_bound_counts_characters_as_sent_and_as_stored() {
        let at_most = format!("{}@obec.cz", "ř".repeat(Email::MAX - 8));
        assert_eq!(code(&at_most), None);
        // White space around counts, as the document's maxLength counts it.
        assert_eq!(code(&format!(" {at_most}")), Some(FieldErrorCode::TooLong));
        // Lower-casing 'İ' makes two characters: what is stored must fit too.
        assert_eq!(code(&format!("{}@obec.cz", "İ".repeat(Email::MAX - 8))), Some(FieldErrorCode::TooLong));
        let error = Email::parse("author_email", &format!("x{at_most}")).unwrap_err();
        assert_eq!((error.field.as_str(), error.code, error.max), ("author_email", FieldErrorCode::TooLong, Some(254)));
    }

    #[test]
    fn normalizing_is_idempotent() {
        for raw in [" Jana@Obec.CZ", "ŘEHOŘ@OBEC.CZ\n"].into_iter().chain(SAMPLES.iter().map(|(raw, _)| *raw)) {
            let once = Email::normalize(raw);
            assert_eq!(Email::normalize(&once), once);
        }
    }
}
