//! What every handler can reach: the pool, the configuration and the shared services.
use std::sync::Arc;

use sea_orm::DatabaseConnection;

use crate::config::Config;
use crate::credentials::passwords::PasswordHasher;
use crate::credentials::tokens::JwtKeys;
use crate::outbox;
use crate::rate_limit::RateLimiter;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub jwt: Arc<JwtKeys>,
    pub passwords: PasswordHasher,
    pub limiter: Arc<RateLimiter>,
    /// Wakes the outbox worker after a commit that enqueued a message.
    pub outbox: outbox::Wake,
}
