//! The consultation settlement register (vypořádání připomínek).
pub mod routes;
