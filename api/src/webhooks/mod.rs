//! Webhooks: an integration's endpoint, told of events (`events`) by signed HTTPS calls that the
//! outbox makes (`outbox::webhook`). Coordinators manage their own, admins every one.
//!
//! Who is told what: an event reaches a webhook only if its owner, an active coordinator or admin,
//! may read the resource (a draft plan's events only owners who read drafts), and, for a
//! coordinator with territories assigned, only if it lies within them. The signing secret is a
//! shared HMAC key the worker needs in clear, so it is stored as it is, unlike API keys and
//! passwords; the API answers it once, at creation, and it is never logged.
pub mod dto;
pub mod routes;
pub mod service;
