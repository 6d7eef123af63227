//! Meetings of working groups, their records and calendars.
pub mod calendar;
pub mod dto;
pub mod routes;
pub mod service;
