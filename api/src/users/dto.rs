//! Account request bodies and filters (the account as answered is `auth::dto::User`).
use entity::enums::{Language, NotificationFrequency, Role};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::dto::User;
use crate::credentials::passwords;
use crate::domain::{Email, Name};
use crate::error::{Validate, Validator};
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserCreate {
    /// Unique regardless of case; stored lower-cased.
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+(\.[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+)+[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub email: String,
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: String,
    pub role: Role,
    /// 12 to 256 characters. Without it the person is sent an invitation to set their own
    /// password (a link valid `SPOLUPLAN_INVITATION_TTL`, 7 days unless configured), and the
    /// account cannot be signed in to until they do.
    #[schema(min_length = 12, max_length = 256)]
    pub password: Option<String>,
    pub is_active: Option<bool>,
}

/// Changes to another person's account (coordinators and admins).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+(\.[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+)+[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
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
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+(\.[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+)+[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$"
    )]
    pub email: Option<String>,
    #[schema(min_length = 1, max_length = 200)]
    pub display_name: Option<String>,
    /// The language of the account's e-mails.
    pub language: Option<Language>,
    /// How often subscriptions are told by e-mail.
    pub notification_frequency: Option<NotificationFrequency>,
}

/// Confirms a change of one's e-mail with the token of the link sent to the new address.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailChangeConfirm {
    /// The `token` of the link's fragment (`…/confirm-email#token=…`).
    pub token: String,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    /// 12 to 256 characters.
    #[schema(min_length = 12, max_length = 256)]
    pub new_password: String,
}

page_of!(UserPage, User);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilters {
    pub role: Option<Role>,
    pub is_active: Option<bool>,
    /// Words of the display name or e-mail, matched as `/search` matches them: any case, with
    /// or without accents, the last word as a prefix.
    pub q: Option<String>,
}

/// Each field as the account takes it; the password's strength is judged against the e-mail and name.
impl Validate for UserCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(Email::parse("email", &self.email));
        v.field(Name::parse("display_name", &self.display_name));
        if let Some(password) = &self.password {
            v.field(passwords::check_policy("password", password, &[&Email::normalize(&self.email), &self.display_name]));
        }
    }
}

/// The e-mail and name; a new password is judged by the service against the account's old and new e-mail and name.
impl Validate for UserPatch {
    fn validate(&self, v: &mut Validator) {
        profile(v, self.email.as_deref(), self.display_name.as_deref());
    }
}

impl Validate for MePatch {
    fn validate(&self, v: &mut Validator) {
        profile(v, self.email.as_deref(), self.display_name.as_deref());
    }
}

fn profile(v: &mut Validator, email: Option<&str>, display_name: Option<&str>) {
    if let Some(email) = email {
        v.field(Email::parse("email", email));
    }
    if let Some(name) = display_name {
        v.field(Name::parse("display_name", name));
    }
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;
    use utoipa::openapi::{RefOr, Schema};

    use super::*;

    /// Each body's `email` pattern and length bound accept what `Email::parse` does.
    #[test]
    fn the_documented_email_pattern_is_the_rule() {
        for body in [UserCreate::schema(), UserPatch::schema(), MePatch::schema(), crate::auth::dto::PasswordResetRequest::schema()] {
            let RefOr::T(Schema::Object(body)) = body else { panic!("an object") };
            let Some(RefOr::T(Schema::Object(email))) = body.properties.get("email") else { panic!("email") };
            assert_eq!(email.max_length, Some(Email::MAX), "the documented bound is the checked one");
            let pattern = regex::Regex::new(email.pattern.as_deref().unwrap()).unwrap();
            for &(email, _) in crate::domain::EMAIL_SAMPLES {
                assert_eq!(pattern.is_match(email), Email::parse("email", email).is_ok(), "{email:?}");
            }
        }
    }
}
