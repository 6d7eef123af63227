//! User accounts and the caller's own profile (`/users`, `/me`).
pub mod routes;
