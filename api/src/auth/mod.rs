//! Identity: passwords, tokens, sign-in sessions.
pub mod passwords;
pub mod routes;
pub mod tokens;
