//! Sign-in request and response bodies, the account as every answer shows it (never with its
//! password hash), and the caller's own account with what they manage.
use chrono::{DateTime, Utc};
use entity::enums::{Language, NotificationFrequency, Role};
use entity::user;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Email;
use crate::error::{Validate, Validator};
use crate::http::Versioned;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub is_active: bool,
    /// The language of the account's e-mails.
    pub language: Language,
    /// How often the account's subscriptions (`/me/subscriptions`) are told by e-mail: each event
    /// at once, a digest a day or a week, or never.
    pub notification_frequency: NotificationFrequency,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for User {
    fn version(&self) -> i32 {
        self.version
    }
}

impl User {
    pub fn from_model(m: user::Model) -> Self {
        Self {
            id: m.id,
            email: m.email,
            display_name: m.display_name,
            role: m.role,
            is_active: m.is_active,
            language: m.language,
            notification_frequency: m.notification_frequency,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// Where the caller's powers over territorial resources (plans, working groups and what belongs to
/// them) reach, so a client offers only the controls the API would accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Manages {
    /// Admins, and coordinators with no territory assigned: every territory, and the resources
    /// with none.
    pub whole_installation: bool,
    /// Otherwise the territories a coordinator manages: those assigned and every one below them
    /// (empty for members, and when `whole_installation`).
    pub territory_ids: Vec<Uuid>,
}

impl Manages {
    pub const NOTHING: Self = Self { whole_installation: false, territory_ids: Vec::new() };
    pub const EVERYTHING: Self = Self { whole_installation: true, territory_ids: Vec::new() };
}

/// The caller's own account (`/me`, and the account a sign-in or refresh answers): the account,
/// and what it manages. Other people's accounts are `User`, without `manages`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub user: User,
    pub manages: Manages,
}

impl Versioned for Me {
    fn version(&self) -> i32 {
        self.user.version
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Any case.
    pub email: String,
    pub password: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    /// The session to end; without it, the session of the access token in `Authorization`.
    pub refresh_token: Option<String>,
}

/// Asks for a password reset link by e-mail.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The account's e-mail, any case.
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+(\.[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+)+[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub email: String,
}

impl Validate for PasswordResetRequest {
    fn validate(&self, v: &mut Validator) {
        v.field(Email::parse("email", &self.email));
    }
}

/// Sets a new password with the token of a reset link.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    /// The `token` of the link's fragment (`…/reset-password#token=…`).
    pub token: String,
    /// 12 to 256 characters, not easy to guess (the rules of `/me/password`).
    #[schema(min_length = 12, max_length = 256)]
    pub new_password: String,
}

/// A new access token and the refresh token to get the next one.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenPair {
    /// A JWT for `Authorization: Bearer …`.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Opaque, single use: `POST /auth/refresh` spends it and answers a new pair.
    pub refresh_token: String,
    pub user: Me,
}
