//! Territories (území), the tree they form, and the coordinators assigned to them.
pub mod dto;
pub mod paths;
pub mod place;
pub mod routes;
pub mod scope;
pub mod service;
