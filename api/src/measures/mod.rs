//! Measures (opatření), their implementation state and timeline of progress updates.
pub mod dto;
pub mod routes;
pub mod service;
