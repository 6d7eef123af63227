//! API keys for integrations.
pub mod routes;
