//! Target group request and response bodies.
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use entity::target_group;
use regex::Regex;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{LongText, Name};
use crate::error::{FieldError, FieldErrorCode, Validate, Validator};
use crate::http::Versioned;
use crate::page_of;

/// A target group's code: lower-case letters, digits and underscores (the schema spells it out;
/// a test holds the two equal).
pub const CODE_PATTERN: &str = "^[a-z0-9_]{1,80}$";

static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(CODE_PATTERN).expect("CODE_PATTERN is a regex"));

/// A target group's code as sent, or 422 naming `field`.
pub fn parse_code(field: &str, raw: &str) -> Result<(), FieldError> {
    if CODE.is_match(raw) {
        Ok(())
    } else {
        Err(FieldError::new(field, FieldErrorCode::InvalidFormat, "must be 1 to 80 lower-case letters, digits or underscores"))
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGroupCreate {
    /// Unique and kept for good: services, measures and needs refer to the group by it.
    #[schema(pattern = "^[a-z0-9_]{1,80}$")]
    pub code: String,
    /// e.g. "osoby s poruchou autistického spektra".
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
}

impl Validate for TargetGroupCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(parse_code("code", &self.code));
        v.field(Name::parse("name", &self.name));
        v.field(LongText::parse("description", &self.description));
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TargetGroup {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub description: String,
    /// The group's id in the national register's code list (`cilove-skupiny-osoby`), where known.
    pub register_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for TargetGroup {
    fn version(&self) -> i32 {
        self.version
    }
}

impl TargetGroup {
    pub fn from_model(m: target_group::Model) -> Self {
        Self {
            id: m.id,
            code: m.code,
            name: m.name,
            description: m.description,
            register_id: m.register_id,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(TargetGroupPage, TargetGroup);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TargetGroupFilters {
    /// Part of the name, any case.
    pub q: Option<String>,
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    use super::*;

    #[test]
    fn the_documented_code_pattern_is_the_checked_one() {
        let json = serde_json::to_value(TargetGroupCreate::schema()).unwrap();
        assert_eq!(json["properties"]["code"]["pattern"], CODE_PATTERN, "{json}");
        assert!(parse_code("code", "seniori").is_ok());
        for bad in ["", "Senioři", "seniori ", "a-b", &"x".repeat(81)] {
            assert!(parse_code("code", bad).is_err(), "{bad:?}");
        }
    }
}
