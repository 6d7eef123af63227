//! Surveys (dotazníková šetření) of a needs analysis: built by the coordinators of a territory,
//! answered by anyone while open or entered from paper, and summed up by aggregate queries.
pub mod answers;
pub mod csv;
pub mod dto;
pub mod results;
pub mod routes;
pub mod service;
