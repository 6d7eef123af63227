//! Comments on plans, goals, measures and meetings; moderation; settlement of consultation comments.
pub mod dto;
mod notice;
pub mod routes;
pub mod service;
