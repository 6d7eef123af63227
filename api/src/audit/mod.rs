//! The audit trail: every write and every failed sign-in, readable by coordinators and admins.
pub mod dto;
pub mod routes;
pub mod service;

pub use service::record;
