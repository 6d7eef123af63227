//! The kinds of social service of Act 108/2006: a read-only code list.
pub mod dto;
pub mod routes;
pub mod service;
