//! Yearly action plans (roční akční plány): which measures and activities of a plan run in a year,
//! with what money, approved by the steering group and frozen from then on.
pub mod dto;
pub mod routes;
pub mod service;
