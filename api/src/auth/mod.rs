//! Identity: passwords, tokens, sign-in sessions.
pub mod dto;
pub mod passwords;
pub mod routes;
pub mod service;
pub mod tokens;
