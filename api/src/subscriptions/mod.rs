//! E-mail subscriptions (`/me/subscriptions`): a signed-in person follows a plan, a working group
//! or a territory, and hears of its events by e-mail as often as their account's
//! `notification_frequency` says. Each person sees and manages only their own; API keys do not
//! (they are integrations, not people, and have webhooks).
pub mod dto;
pub mod routes;
pub mod service;
pub mod unsubscribe;
