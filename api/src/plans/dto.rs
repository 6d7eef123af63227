//! Plan request and response bodies.
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::PlanStatus;
use entity::{plan, plan_status_change};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{LongText, Name, Title};
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::http::Versioned;
use crate::lifecycle::is_consultation_open;
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanCreate {
    /// e.g. "6. komunitní plán sociálních služeb města Ostravy".
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    /// The plan's territory; required unless `territory` names one.
    pub territory_id: Option<Uuid>,
    /// For first-stage clients: the territory's name, e.g. "Statutární město Ostrava". The plan
    /// is placed in the territory of that name, made (kind `other`) when there is none and the
    /// caller coordinates the whole installation; otherwise 422. Sent with `territory_id`, it
    /// must be that territory's name.
    #[schema(min_length = 1, max_length = 200)]
    pub territory: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start: i32,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end: i32,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub summary: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub vision: String,
}

/// The next cycle's plan: its title and years; the territory, texts, goals and measures come from
/// the plan it follows.
#[derive(Debug, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct SuccessorCreate {
    /// e.g. "7. komunitní plán sociálních služeb města Ostravy".
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    /// Later than the start of the plan it follows.
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start: i32,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end: i32,
}

impl Validate for SuccessorCreate {
    fn validate(&self, v: &mut Validator) {
        texts(v, Some(&self.title), None, None, None);
        Period { start: self.period_start, end: self.period_end }.validate(v);
    }
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct PlanPatch {
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    /// Moves the plan to another territory.
    pub territory_id: Option<Uuid>,
    /// For first-stage clients: moves the plan to the territory of this name (as on create).
    #[schema(min_length = 1, max_length = 200)]
    pub territory: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_start: Option<i32>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub period_end: Option<i32>,
    #[schema(max_length = 20000)]
    pub summary: Option<String>,
    #[schema(max_length = 20000)]
    pub vision: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Plan {
    pub id: Uuid,
    pub title: String,
    /// The territory's name.
    pub territory: String,
    /// Set for every plan (the move to territories placed the older ones); nullable in the schema only.
    pub territory_id: Option<Uuid>,
    pub period_start: i32,
    pub period_end: i32,
    pub summary: String,
    pub vision: String,
    pub status: PlanStatus,
    pub consultation_closes_at: Option<DateTime<Utc>>,
    /// True while the consultation is open for comments.
    pub consultation_open: bool,
    pub approval_resolution: Option<String>,
    pub approved_on: Option<NaiveDate>,
    /// The plan this one follows as the next cycle's (`POST /plans/{id}/successor`); its
    /// successors are `GET /plans?previous_id=`.
    pub previous_id: Option<Uuid>,
    /// Weighted average of its measures' progress (0–100); null without measures.
    pub progress: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Plan {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Plan {
    pub fn from_model(m: plan::Model, progress: Option<i32>) -> Self {
        Self {
            consultation_open: is_consultation_open(&m),
            id: m.id,
            title: m.title,
            territory: m.territory,
            territory_id: m.territory_id,
            period_start: m.period_start,
            period_end: m.period_end,
            summary: m.summary,
            vision: m.vision,
            status: m.status,
            consultation_closes_at: m.consultation_closes_at,
            approval_resolution: m.approval_resolution,
            approved_on: m.approved_on,
            previous_id: m.previous_id,
            progress,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(PlanPage, Plan);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanFilters {
    pub status: Option<PlanStatus>,
    /// Plans of the territory of this name.
    pub territory: Option<String>,
    /// Plans of this territory and of every territory below it.
    pub territory_id: Option<Uuid>,
    /// The plans that follow this one (its successors).
    pub previous_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: PlanStatus,
    /// Why: shown in the plan's history.
    #[schema(max_length = 5000)]
    pub note: Option<String>,
    /// Required when opening the consultation; must be in the future.
    pub consultation_closes_at: Option<DateTime<Utc>>,
    /// Required for approval, e.g. "usnesení ZM č. 1234/ZM2226/22".
    #[schema(max_length = 300)]
    pub approval_resolution: Option<String>,
    /// Required for approval: the date of the council's resolution.
    pub approved_on: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusChangeRecord {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub from_status: PlanStatus,
    pub to_status: PlanStatus,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl StatusChangeRecord {
    pub fn from_model(m: plan_status_change::Model) -> Self {
        Self {
            id: m.id,
            plan_id: m.plan_id,
            from_status: m.from_status,
            to_status: m.to_status,
            actor_id: m.actor_id,
            actor_name: m.actor_name,
            note: m.note,
            created_at: m.created_at,
        }
    }
}

page_of!(StatusChangePage, StatusChangeRecord);

impl Validate for PlanCreate {
    fn validate(&self, v: &mut Validator) {
        texts(v, Some(&self.title), self.territory.as_deref(), Some(&self.summary), Some(&self.vision));
        if self.territory_id.is_none() && self.territory.is_none() {
            v.required("territory_id", "(or, from a first-stage client, territory: its name)");
        }
        Period { start: self.period_start, end: self.period_end }.validate(v);
    }
}

/// The texts; the period is checked as it will be, with the plan's current years (`Period`).
impl Validate for PlanPatch {
    fn validate(&self, v: &mut Validator) {
        texts(v, self.title.as_deref(), self.territory.as_deref(), self.summary.as_deref(), self.vision.as_deref());
    }
}

fn texts(v: &mut Validator, title: Option<&str>, territory: Option<&str>, summary: Option<&str>, vision: Option<&str>) {
    if let Some(t) = title {
        v.field(Title::parse("title", t));
    }
    if let Some(t) = territory {
        v.field(Name::parse("territory", t));
    }
    if let Some(t) = summary {
        v.field(LongText::parse("summary", t));
    }
    if let Some(t) = vision {
        v.field(LongText::parse("vision", t));
    }
}

/// A plan's years, from `start` to `end`.
pub struct Period {
    pub start: i32,
    pub end: i32,
}

impl Validate for Period {
    fn validate(&self, v: &mut Validator) {
        v.range("period_start", self.start.into(), 2000, 2100);
        v.range("period_end", self.end.into(), 2000, 2100);
        v.check(self.start <= self.end, "period_end", FieldErrorCode::BeforeStart, "must not be before period_start");
    }
}
