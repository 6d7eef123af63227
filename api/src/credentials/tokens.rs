//! Access JWTs (short-lived, HS256 pinned) and opaque secrets (refresh tokens, API keys).
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::clock;
use crate::error::ApiError;

const ISSUER: &str = "spoluplan";
const AUDIENCE: &str = "spoluplan-api";
pub const API_KEY_PREFIX: &str = "spk_";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    /// The refresh-token family (the sign-in session) this access token belongs to.
    pub sid: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl: Duration) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        // Off by default in jsonwebtoken: a token may not be used before its `nbf` either.
        validation.validate_nbf = true;
        validation.leeway = 5;
        Self { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), validation, ttl }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    pub fn issue(&self, user_id: Uuid, session: Uuid) -> Result<String, ApiError> {
        let now = clock::now().timestamp();
        let claims =
            Claims { sub: user_id, sid: session, iat: now, exp: now + self.ttl.as_secs() as i64, iss: ISSUER.into(), aud: AUDIENCE.into() };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| {
            tracing::error!(error = %e, "cannot sign an access token");
            ApiError::Internal
        })
    }

    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|_| ApiError::Unauthorized("the access token is invalid or expired".into()))
    }
}

/// 32 random bytes, URL-safe.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Refresh tokens and API keys carry 256 random bits, so a fast hash is enough to make a
/// leaked table useless (brute force is out of reach) and lets us look them up by hash;
/// argon2id is for low-entropy passwords.
pub fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
