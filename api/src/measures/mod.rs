//! Measures, their implementation timeline, and the plan tree.
pub mod routes;
