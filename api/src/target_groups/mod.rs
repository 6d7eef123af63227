//! Target groups (cílové skupiny), referred to by code from services (and later measures, needs, surveys).
pub mod dto;
pub mod routes;
pub mod service;
