//! The import of the national register of social service providers (registr poskytovatelů
//! sociálních služeb, RPSS), MPSV's open-data file `rpss.json`: its providers become organizations
//! (keyed by IČO), its services ours (keyed by `identifikator`). The file is streamed one entry at
//! a time into one transaction, so a file of any size is never held in memory and a malformed one
//! changes nothing.
pub mod dto;
pub mod file;
mod mapping;
pub mod routes;
pub mod service;
pub mod stream;
pub mod target_groups;
