//! Password hashing with argon2id, off the async executor and never more at once than cores.
use std::sync::{Arc, OnceLock};

use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher as _, PasswordVerifier, Version};
use tokio::sync::Semaphore;

use crate::error::{ApiError, ApiResult};

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

/// OWASP's recommendation for argon2id: 19 MiB, 2 iterations, 1 lane.
fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19 * 1024, 2, 1, None).expect("valid argon2 params"))
}

/// A hasher whose concurrency is capped by a semaphore: a flood of sign-ins queues here
/// (cheaply, as futures) instead of spawning a 19 MiB hash per request on the blocking pool.
/// The cap is per process; each instance bounds its own memory.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self { permits: Arc::new(Semaphore::new(cores)) }
    }
}

impl PasswordHasher {
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> ApiResult<T> {
        let _permit = self.permits.acquire().await.map_err(|_| ApiError::Internal)?;
        tokio::task::spawn_blocking(work).await.map_err(|_| ApiError::Internal)
    }

    pub async fn hash(&self, password: String) -> ApiResult<String> {
        self.run(move || {
            argon2().hash_password(password.as_bytes()).map(|h| h.to_string())
        })
        .await?
        .map_err(|_| ApiError::Internal)
    }

    /// Verifies against `hash`, or against a dummy hash when there is no account, so an
    /// unknown e-mail costs the same time as a wrong password.
    pub async fn verify(&self, password: String, hash: Option<String>) -> ApiResult<bool> {
        self.run(move || {
            let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
            PasswordHash::new(&hash)
                .map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
                .unwrap_or(false)
        })
        .await
    }
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        argon2().hash_password(b"no account has this password").expect("hash").to_string()
    })
}

/// Length is the only rule (NIST SP 800-63B): 12 to 256 characters.
pub fn check_policy(field: &str, password: &str, validator: &mut crate::error::Validator) {
    let length = password.chars().count();
    validator.check(length >= MIN_LENGTH, field, format!("must be at least {MIN_LENGTH} characters"));
    validator.check(length <= MAX_LENGTH, field, format!("must be at most {MAX_LENGTH} characters"));
}
