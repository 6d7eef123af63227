//! Search (`/search`): plans, goals, measures, services, organizations, working groups, meetings
//! and needs found by the words people type, with or without accents. An index of their public
//! text (`search_entries`, see migration m20270103_000001_search) is written by the services in
//! the same transaction as each change ([`index::refresh`]); queries read it through FTS5 on
//! SQLite and a GIN `tsvector` index on PostgreSQL, the words folded alike for both ([`text`]).
pub mod dto;
pub mod index;
pub mod routes;
pub mod service;
pub mod text;
