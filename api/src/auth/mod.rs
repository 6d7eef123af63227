//! Identity: passwords, tokens, sign-in sessions.
pub mod passwords;
pub mod tokens;
