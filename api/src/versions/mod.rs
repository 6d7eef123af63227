//! Plan versions (verze plánu): a snapshot of the plan, its goals and measures at every lifecycle
//! move, and the difference between two snapshots, or a snapshot and now.
pub mod diff;
pub mod dto;
pub mod routes;
pub mod service;
pub mod snapshot;
