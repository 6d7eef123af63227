//! The consultation's settlement register (vypořádání připomínek) as JSON, CSV and HTML.
pub mod download;
pub mod dto;
pub mod formats;
pub mod routes;
pub mod service;
