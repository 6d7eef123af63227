//! Meetings of working groups, their records and calendars.
pub mod dto;
pub mod routes;
pub mod service;
