//! Texts as the API takes them, each with its longest length in its type: a required text
//! (`NonBlank`, stored trimmed) or an optional one (`Text`, stored as written).
use crate::error::{FieldError, FieldErrorCode, too_long};

/// The bound counts characters as sent (before any trim), as the document's `max_length` does.
fn bounded(field: &str, raw: &str, max: usize) -> Result<(), FieldError> {
    if raw.chars().count() > max { Err(too_long(field, max)) } else { Ok(()) }
}

/// A text that must hold more than white space, at most `MAX` characters; kept trimmed. Its
/// schema says so with `min_length = 1`, to which `openapi::finish` adds `NON_BLANK_PATTERN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonBlank<const MAX: usize>(String);

impl<const MAX: usize> NonBlank<MAX> {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        if raw.trim().is_empty() {
            return Err(FieldError::new(field, FieldErrorCode::Required, "must not be empty"));
        }
        bounded(field, raw, MAX)?;
        Ok(Self(raw.trim().to_owned()))
    }
}

/// An optional text of at most `MAX` characters, kept as written (long texts keep their layout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<const MAX: usize>(String);

impl<const MAX: usize> Text<MAX> {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        bounded(field, raw, MAX)?;
        Ok(Self(raw.to_owned()))
    }
}

impl<const MAX: usize> AsRef<str> for NonBlank<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize> AsRef<str> for Text<MAX> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// The title of a plan, goal, measure, meeting or agenda item.
pub type Title = NonBlank<300>;
/// A goal's or measure's code, e.g. "P2.1".
pub type Code = NonBlank<32>;
/// The name of a person, working group, territory or API key.
pub type Name = NonBlank<200>;
/// A description, summary, vision or implementation note.
pub type LongText = Text<20_000>;

#[cfg(test)]
mod tests {
    use super::*;

    fn code<T>(parsed: Result<T, FieldError>) -> Option<(FieldErrorCode, Option<i64>)> {
        parsed.err().map(|e| (e.code, e.max))
    }

    #[test]
    fn a_required_text_is_trimmed_and_must_hold_more_than_white_space() {
        assert_eq!(Title::parse("title", "  Plán 2026 \n").unwrap().as_ref(), "Plán 2026");
        for blank in ["", " ", "\t\n", "\u{a0}\u{3000}"] {
            assert_eq!(code(Title::parse("title", blank)), Some((FieldErrorCode::Required, None)), "{blank:?}");
        }
    }

    #[test]
    fn the_bound_is_in_characters_and_counts_the_text_as_sent() {
        assert_eq!(code(Code::parse("code", &"ř".repeat(32))), None);
        assert_eq!(code(Code::parse("code", &"ř".repeat(33))), Some((FieldErrorCode::TooLong, Some(32))));
        // White space around counts toward the bound, as a client checking `max_length` sees it.
        assert_eq!(code(Code::parse("code", &format!(" {} ", "x".repeat(31)))), Some((FieldErrorCode::TooLong, Some(32))));
        assert_eq!(code(NonBlank::<1>::parse("x", "😀")), None);
    }

    #[test]
    fn an_optional_text_is_kept_as_written() {
        assert_eq!(LongText::parse("description", "  a\n\nb ").unwrap().as_ref(), "  a\n\nb ");
        assert_eq!(code(LongText::parse("description", "")), None);
        assert_eq!(code(Text::<3>::parse("note", "abcd")), Some((FieldErrorCode::TooLong, Some(3))));
        let error = Text::<3>::parse("agenda[2].note", "abcd").unwrap_err();
        assert_eq!((error.field.as_str(), error.message.as_str()), ("agenda[2].note", "must be at most 3 characters"));
    }
}
