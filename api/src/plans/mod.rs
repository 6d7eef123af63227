//! Plans: CRUD, the lifecycle and its history, and the next cycle's plan.
pub mod dto;
pub mod routes;
pub mod service;
pub mod successor;
