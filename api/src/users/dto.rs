//! User request and response bodies; a response never carries the password hash.
use chrono::{DateTime, Utc};
use entity::enums::Role;
use entity::user;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{FieldErrorCode, Validator};
use crate::http::Versioned;
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    /// Unique regardless of case; stored lower-cased.
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*\.[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub email: String,
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: String,
    pub role: Role,
    /// 12 to 256 characters.
    #[schema(min_length = 12, max_length = 256)]
    pub password: String,
    pub is_active: Option<bool>,
}

/// Changes to another person's account (coordinators and admins).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*\.[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub email: Option<String>,
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: Option<String>,
    /// Only admins give or take the admin role; nobody changes their own role.
    pub role: Option<Role>,
    /// `false` deactivates (as `DELETE` does), `true` reactivates.
    pub is_active: Option<bool>,
    /// Sets a new password (for a person who forgot theirs); ends all of their sessions.
    #[schema(min_length = 12, max_length = 256)]
    pub password: Option<String>,
}

/// Changes to one's own profile; role and activity are not among them.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct MePatch {
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*\.[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub email: Option<String>,
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: Option<String>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    /// 12 to 256 characters.
    #[schema(min_length = 12, max_length = 256)]
    pub new_password: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub is_active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for User {
    fn version(&self) -> i32 {
        self.version
    }
}

impl From<user::Model> for User {
    fn from(m: user::Model) -> Self {
        Self {
            id: m.id,
            email: m.email,
            display_name: m.display_name,
            role: m.role,
            is_active: m.is_active,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(UserPage, User);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilters {
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    /// Part of the e-mail or display name, any case.
    pub q: Option<String>,
}

/// The longest e-mail an account can have (RFC 5321).
pub const MAX_EMAIL: usize = 254;

/// E-mails compare and are stored trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A plausible address: one `@` with text on both sides, a dot in the domain, no spaces.
pub fn validate_email(v: &mut Validator, email: &str) {
    let plausible = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    v.check(plausible, "email", FieldErrorCode::InvalidFormat, "must be an e-mail address such as jana.novakova@obec.cz");
    v.length("email", email, MAX_EMAIL);
}

pub fn validate_display_name(v: &mut Validator, name: &str) {
    v.text("display_name", name, 200);
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;
    use utoipa::openapi::{RefOr, Schema};

    use super::*;

    /// Each body's `email` pattern accepts what `validate_email` does after `normalize_email`.
    #[test]
    fn the_documented_email_pattern_is_the_rule() {
        for body in [UserCreate::schema(), UserPatch::schema(), MePatch::schema()] {
            let RefOr::T(Schema::Object(body)) = body else { panic!("an object") };
            let Some(RefOr::T(Schema::Object(email))) = body.properties.get("email") else { panic!("email") };
            let pattern = regex::Regex::new(email.pattern.as_deref().unwrap()).unwrap();
            for email in [
                "jana@obec.cz",
                " Jana.Novakova@Obec.Example.cz ",
                "jana@obec",
                "@obec.cz",
                "jana@@obec.cz",
                "jana novak@obec.cz",
                "jana@.obec.cz",
                "jana@obec.cz.",
                "jana@obec..cz",
                "jana",
                "",
            ] {
                let mut v = Validator::new();
                validate_email(&mut v, &normalize_email(email));
                assert_eq!(pattern.is_match(email), v.finish().is_ok(), "{email:?}");
            }
        }
    }
}
