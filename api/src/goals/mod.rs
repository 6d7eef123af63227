//! Goals (cíle / priority) of plans; one level of nesting.
pub mod dto;
pub mod routes;
pub mod service;
