//! Open data (otevřená data): everything the public may read, as datasets a machine can take
//! whole: a catalogue with each dataset's data dictionary (also as DCAT-AP-CZ JSON-LD, for the
//! national catalogue NKOD), and each dataset as CSV (RFC 4180) and JSON, streamed a page of rows
//! at a time so a million rows cost no more memory than five hundred.
//!
//! A dataset holds what an anonymous reader sees and never more, whoever downloads it: no draft
//! plan or its parts, no hidden comment, no e-mail address and no person's name (reporters of
//! needs, commenters and meeting guests are people; organizations are not).
pub mod catalogue;
pub mod dcat;
pub mod dto;
pub mod routes;
mod rows;
mod stream;
