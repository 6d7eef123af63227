//! What composes several resources: the plan tree and the plan document with its settlement
//! register as an annex.
pub mod export;
pub mod renderers;
pub mod routes;
pub mod tree;
