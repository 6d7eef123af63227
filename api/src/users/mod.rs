//! User accounts and the caller's own profile (`/users`, `/me`).
pub mod dto;
pub mod routes;
pub mod service;
