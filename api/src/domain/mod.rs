//! Value types that parse at the boundary: a request's raw field goes in, a value that keeps its
//! rule comes out, or a `FieldError` naming the field that `Validator` collects into one 422.
mod email;
mod ico;
mod text;

pub use email::Email;
#[cfg(test)]
pub use email::SAMPLES as EMAIL_SAMPLES;
pub use ico::Ico;
pub use text::{Code, LongText, Name, NonBlank, Text, Title};
