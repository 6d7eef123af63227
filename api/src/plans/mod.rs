//! Plans: CRUD, the lifecycle and its history.
pub mod dto;
pub mod routes;
pub mod service;
