//! Meetings of working groups, their records and calendars.
pub mod routes;
