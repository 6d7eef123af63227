//! Comments on plans, goals, measures and meetings; moderation; settlement of consultation comments.
pub mod dto;
pub mod routes;
pub mod service;
