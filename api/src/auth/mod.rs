//! Identity: the account as answered and sign-in sessions. `users` manages accounts through it;
//! it reaches nothing of `users`. Passwords and tokens are below it, in `credentials`.
pub mod dto;
pub mod invitation;
pub mod reset;
pub mod routes;
pub mod service;
