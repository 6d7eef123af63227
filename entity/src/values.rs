//! Structured values kept in JSON columns: they belong to one row, are read and written with it,
//! and are never queried on their own.
use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::enums::{FundingSource, Scope, Stakeholder};

/// A list of strings (target groups, partners, agenda items).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct StringList(pub Vec<String>);

/// An API key's scopes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct Scopes(pub Vec<Scope>);

/// One year's measured value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: i32,
    pub value: f64,
}

/// How a measure's success is measured (ukazatel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    #[schema(min_length = 1, max_length = 50)]
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    #[serde(default)]
    pub values: Vec<IndicatorValue>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct Indicators(pub Vec<Indicator>);

/// Money for one year from one source, in CZK as decimal strings ("125000.00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: i32,
    pub source: FundingSource,
    #[schema(pattern = r"^[0-9]{1,13}(\.[0-9]{0,2})?$")]
    pub planned: String,
    #[schema(pattern = r"^[0-9]{1,13}(\.[0-9]{0,2})?$")]
    pub actual: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct FundingList(pub Vec<Funding>);

/// One agenda item of a meeting, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[schema(max_length = 5000)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct Agenda(pub Vec<AgendaItem>);

/// A guest at a meeting who is not a member of the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Guest {
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub stakeholder: Stakeholder,
}

/// Who came to a meeting: members present or excused (by user id), and guests by name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    #[serde(default)]
    pub present: Vec<uuid::Uuid>,
    #[serde(default)]
    pub excused: Vec<uuid::Uuid>,
    #[serde(default)]
    #[schema(max_items = 500)]
    pub guests: Vec<Guest>,
}

/// A resolution (usnesení) adopted at a meeting, with its vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingResolution {
    #[schema(min_length = 1, max_length = 5000)]
    pub text: String,
    pub votes_for: u32,
    pub votes_against: u32,
    pub votes_abstained: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct MeetingResolutions(pub Vec<MeetingResolution>);

/// Fields changed by a write, for the audit trail.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct Changes(pub serde_json::Map<String, serde_json::Value>);

/// A plan's rows as they stood when a version was taken: the plan, its goals and its measures,
/// each row as its JSON object (field names are the column names). Kept as plain objects, not
/// typed rows, so a snapshot taken before a column was added still reads.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, FromJsonQueryResult)]
pub struct Snapshot {
    pub plan: serde_json::Map<String, serde_json::Value>,
    pub goals: Vec<serde_json::Map<String, serde_json::Value>>,
    pub measures: Vec<serde_json::Map<String, serde_json::Value>>,
}
