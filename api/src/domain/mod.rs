//! Value types that parse at the boundary: a request's raw field goes in, a value that keeps its
//! rule comes out, or a `FieldError` naming the field that `Validator` collects into one 422.
mod email;
mod ico;
mod official_code;
mod text;

pub use email::Email;
#[cfg(test)]
pub use email::SAMPLES as EMAIL_SAMPLES;
pub use ico::Ico;
pub use official_code::{OFFICIAL_CODE_PATTERN, OfficialCode};
pub use text::{Code, LongText, Name, NonBlank, Text, Title};
