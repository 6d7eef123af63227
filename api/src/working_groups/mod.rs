//! Working groups and their members.
pub mod routes;
