//! API key request and response bodies; the secret appears only in the answer to its creation.
use chrono::{DateTime, Utc};
use entity::api_key;
use entity::enums::Scope;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::clock;
use crate::domain::Name;
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::http::Versioned;
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApiKeyCreate {
    /// What the key is for, e.g. "Katalog sociálních služeb kraje".
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// `read` allows GET; `write` allows every other method. At least one.
    #[schema(min_items = 1)]
    pub scopes: Vec<Scope>,
    /// Optional; must be in the future. Without it the key lives until revoked.
    pub expires_at: Option<DateTime<Utc>>,
}

impl Validate for ApiKeyCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(Name::parse("name", &self.name));
        v.check(!self.scopes.is_empty(), "scopes", FieldErrorCode::Required, "must name at least one scope (read, write)");
        if let Some(at) = self.expires_at {
            v.check(at > clock::now(), "expires_at", FieldErrorCode::MustBeFuture, "must be in the future");
            v.date("expires_at", Some(at));
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiKey {
    pub id: Uuid,
    /// The owner: the key acts as this user, within its scopes.
    pub user_id: Uuid,
    pub name: String,
    pub scopes: Vec<Scope>,
    /// The key's first characters, to tell keys apart.
    #[schema(example = "spk_Xy12AbCd")]
    pub prefix: String,
    pub expires_at: Option<DateTime<Utc>>,
    /// Updated at most once a minute.
    pub last_used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for ApiKey {
    fn version(&self) -> i32 {
        self.version
    }
}

impl ApiKey {
    pub fn from_model(m: api_key::Model) -> Self {
        Self {
            id: m.id,
            user_id: m.user_id,
            name: m.name,
            scopes: m.scopes.0,
            prefix: m.prefix,
            expires_at: m.expires_at,
            last_used_at: m.last_used_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// A key just created, with its secret: shown this once, stored only as a hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewApiKey {
    #[serde(flatten)]
    pub api_key: ApiKey,
    /// `spk_…`: send as `Authorization: Bearer spk_…`. It cannot be shown again.
    pub key: String,
}

impl Versioned for NewApiKey {
    fn version(&self) -> i32 {
        self.api_key.version
    }
}

page_of!(ApiKeyPage, ApiKey);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApiKeyFilters {
    /// Whose keys; default the caller's own. Only admins may name someone else.
    pub user_id: Option<Uuid>,
}
