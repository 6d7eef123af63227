//! Working groups and their members.
pub mod dto;
pub mod members;
pub mod routes;
pub mod service;
