//! Organizations (organizace): providers, municipalities, the region, NGOs; identified by IČO.
pub mod dto;
pub mod routes;
pub mod service;
