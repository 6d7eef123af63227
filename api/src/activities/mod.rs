//! Activities (aktivity): the steps inside a measure, with their years, cost and status.
pub mod dto;
pub mod routes;
pub mod service;
