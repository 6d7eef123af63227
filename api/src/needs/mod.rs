//! Needs (potřeby): anyone reports one, a working group reviews it, answers it and links the
//! measures that answer it.
pub mod dto;
pub mod routes;
pub mod service;
