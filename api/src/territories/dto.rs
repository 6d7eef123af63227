//! Territory and coordinator request and response bodies.
use chrono::{DateTime, Utc};
use entity::enums::TerritoryKind;
use entity::{territory, territory_coordinator, user};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{Name, OfficialCode};
use crate::error::{Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TerritoryCreate {
    /// e.g. "Moravskoslezský kraj", "ORP Český Krumlov", "Turnovsko".
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: TerritoryKind,
    /// The official code where one exists, unique per kind.
    #[schema(pattern = "^[0-9A-Za-z]{1,16}$")]
    pub code: Option<String>,
    /// The territory this one lies in (an ORP's region, a municipality's ORP).
    pub parent_id: Option<Uuid>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct TerritoryPatch {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    pub kind: Option<TerritoryKind>,
    /// null removes the code.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, pattern = "^[0-9A-Za-z]{1,16}$")]
    pub code: Option<Option<String>>,
    /// null makes the territory a top one; never the territory itself or one below it (422).
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_id: Option<Option<Uuid>>,
}

impl Validate for TerritoryCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(Name::parse("name", &self.name));
        if let Some(code) = &self.code {
            v.field(OfficialCode::parse("code", code));
        }
    }
}

impl Validate for TerritoryPatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(name) = &self.name {
            v.field(Name::parse("name", name));
        }
        if let Some(Some(code)) = &self.code {
            v.field(OfficialCode::parse("code", code));
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Territory {
    pub id: Uuid,
    pub name: String,
    pub kind: TerritoryKind,
    pub code: Option<String>,
    pub parent_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Territory {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Territory {
    pub fn from_model(m: territory::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            kind: m.kind,
            code: m.code,
            parent_id: m.parent_id,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(TerritoryPage, Territory);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TerritoryFilters {
    pub kind: Option<TerritoryKind>,
    /// The territories directly below this one.
    pub parent_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoordinatorCreate {
    /// An active account with the role `coordinator`.
    pub user_id: Uuid,
}

/// A coordinator assigned to a territory: they manage it and the territories below it, and
/// nothing outside the territories assigned to them.
#[derive(Debug, Serialize, ToSchema)]
pub struct Coordinator {
    pub id: Uuid,
    pub territory_id: Uuid,
    pub user_id: Uuid,
    pub display_name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Coordinator {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Coordinator {
    pub fn from_model(m: territory_coordinator::Model, user: &user::Model) -> Self {
        Self {
            id: m.id,
            territory_id: m.territory_id,
            user_id: m.user_id,
            display_name: user.display_name.clone(),
            email: user.email.clone(),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(CoordinatorPage, Coordinator);

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;

    use super::*;

    /// The document promises the pattern the server checks, for both bodies.
    #[test]
    fn the_documented_code_pattern_is_the_checked_one() {
        for schema in [TerritoryCreate::schema(), TerritoryPatch::schema()] {
            let json = serde_json::to_value(schema).unwrap();
            assert_eq!(json["properties"]["code"]["pattern"], crate::domain::OFFICIAL_CODE_PATTERN, "{json}");
        }
    }
}
