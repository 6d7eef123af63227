//! Comments, moderation and settlement.
pub mod routes;
