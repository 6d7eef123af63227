//! API keys for integrations.
pub mod dto;
pub mod routes;
pub mod service;
