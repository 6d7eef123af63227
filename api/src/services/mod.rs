//! Social services (sociální služby) of organizations: their kind, forms, target groups,
//! capacities and the territories they serve.
pub mod dto;
pub mod overview;
pub mod routes;
pub mod service;
