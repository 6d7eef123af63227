//! Identity: the account as answered, passwords, tokens, sign-in sessions. `users` manages
//! accounts through it; it reaches nothing of `users`.
pub mod dto;
pub mod passwords;
pub mod routes;
pub mod service;
pub mod tokens;
