//! Plans: CRUD, the lifecycle and its history, the nested tree, derived progress.
pub mod dto;
pub mod export;
pub mod lifecycle;
pub mod progress;
pub mod routes;
pub mod service;
pub mod tree;
