//! The monitoring report (monitorovací zpráva): a plan's year evaluated, computed from its
//! measures, their indicators, funding and progress updates; nothing of it is stored.
pub mod document;
pub mod dto;
pub mod routes;
pub mod service;
