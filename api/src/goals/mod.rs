//! Goals of plans.
pub mod routes;
