//! User accounts and the caller's own profile (`/users`, `/me`).
pub mod dto;
pub mod email_change;
pub mod routes;
pub mod service;
