//! What the versions and diff endpoints answer.
use chrono::{DateTime, Utc};
use entity::enums::PlanStatus;
use entity::plan_version;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiResult, FieldErrorCode, Validator};

/// A snapshot of the plan taken at a lifecycle move.
#[derive(Debug, Serialize, ToSchema)]
pub struct Version {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub taken_at: DateTime<Utc>,
    /// The plan's status once moved.
    pub status: PlanStatus,
    /// The note given with the move.
    pub reason: Option<String>,
    /// The move in the plan's history (`/plans/{id}/history`).
    pub status_change_id: Option<Uuid>,
}

impl Version {
    pub fn from_model(m: &plan_version::Model) -> Self {
        Self {
            id: m.id,
            plan_id: m.plan_id,
            taken_at: m.created_at,
            status: m.status,
            reason: m.reason.clone(),
            status_change_id: m.status_change_id,
        }
    }
}

crate::page_of!(VersionPage, Version);

/// Which two states of the plan to compare.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// A version id of this plan, or `current` (the plan as it is now).
    #[param(pattern = r"^(current|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    pub from: String,
    /// A version id of this plan, or `current` (the default).
    #[param(pattern = r"^(current|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    pub to: Option<String>,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Current,
    Version(Uuid),
}

impl DiffQuery {
    /// Both sides, or a 422 naming each field that is neither `current` nor a version id.
    pub fn sides(&self) -> ApiResult<(Side, Side)> {
        let (from, to) = (side(&self.from), side(self.to.as_deref().unwrap_or("current")));
        let mut v = Validator::new();
        v.check(from.is_some(), "from", FieldErrorCode::Invalid, "is a version id of this plan or \"current\"");
        v.check(to.is_some(), "to", FieldErrorCode::Invalid, "is a version id of this plan or \"current\"");
        v.finish()?;
        Ok((from.unwrap_or(Side::Current), to.unwrap_or(Side::Current)))
    }
}

fn side(raw: &str) -> Option<Side> {
    match raw {
        "current" => Some(Side::Current),
        other => Uuid::parse_str(other).ok().map(Side::Version),
    }
}

/// One side of a comparison as answered: a version, or the plan now (`version_id` null).
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffSide {
    pub version_id: Option<Uuid>,
    pub status: PlanStatus,
    /// When the version was taken; for the plan now, its last change.
    pub at: DateTime<Utc>,
}

/// How a run of words changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WordOp {
    Equal,
    Delete,
    Insert,
}

/// A run of words (with the spaces between them) kept, removed or added.
#[derive(Debug, Serialize, ToSchema)]
pub struct WordChange {
    pub op: WordOp,
    pub text: String,
}

/// A field whose value differs.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldChange {
    /// The field's name as the resource answers it (`title`, `description`, `progress`, …).
    pub field: String,
    /// The value before: any JSON value (null where the older state lacked the field).
    pub before: Value,
    /// The value after.
    pub after: Value,
    /// For text fields: the change word by word; joining every `equal` and `insert` run gives
    /// `after`, every `equal` and `delete` run `before`.
    pub words: Option<Vec<WordChange>>,
}

/// A goal or measure named in a diff.
#[derive(Debug, Serialize, ToSchema)]
pub struct RowRef {
    pub id: String,
    pub code: Option<String>,
    pub title: Option<String>,
}

impl RowRef {
    pub fn of(row: &Map<String, Value>) -> Self {
        let text = |name: &str| row.get(name).and_then(Value::as_str).map(str::to_string);
        Self { id: text("id").unwrap_or_default(), code: text("code"), title: text("title") }
    }
}

/// A goal or measure whose fields changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct RowChange {
    #[serde(flatten)]
    pub row: RowRef,
    pub changes: Vec<FieldChange>,
}

/// Goals or measures added, removed and changed.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct RowsDiff {
    pub added: Vec<RowRef>,
    pub removed: Vec<RowRef>,
    pub changed: Vec<RowChange>,
}

/// What changed in a plan between two of its states.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDiff {
    pub plan_id: Uuid,
    pub from: DiffSide,
    pub to: DiffSide,
    /// The plan's own fields (title, summary, vision, period, territory).
    pub plan: Vec<FieldChange>,
    pub goals: RowsDiff,
    pub measures: RowsDiff,
}
