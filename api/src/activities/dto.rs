//! Activity request and response bodies.
use chrono::{DateTime, Utc};
use entity::activity;
use entity::enums::MeasureStatus;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{LongText, Text, Title};
use crate::error::{FieldErrorCode, Validator};
use crate::http::{Versioned, nullable};
use crate::money;

/// The years an activity may name, as a measure's funding rows.
pub const YEARS: (i32, i32) = (2000, 2100);

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityCreate {
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Who carries it out.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub responsible: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year_from: i32,
    /// Not before `year_from`.
    #[schema(minimum = 2000, maximum = 2100)]
    pub year_to: i32,
    /// CZK, e.g. "125000.00".
    #[schema(pattern = r"^[0-9]{1,13}(\.[0-9]{0,2})?$")]
    pub estimated_cost: Option<String>,
    /// Defaults to `planned`.
    pub status: Option<MeasureStatus>,
    /// Order within the measure; defaults to after the last one.
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i32>,
}

/// Everything but `status` is frozen from the plan's approval on, as a measure's texts are.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct ActivityPatch {
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[schema(max_length = 300)]
    pub responsible: Option<String>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year_from: Option<i32>,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year_to: Option<i32>,
    /// `null` removes it.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, pattern = r"^[0-9]{1,13}(\.[0-9]{0,2})?$")]
    pub estimated_cost: Option<Option<String>>,
    pub status: Option<MeasureStatus>,
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i32>,
}

impl ActivityPatch {
    /// Whether the patch touches anything besides the implementation state (`status`).
    pub fn changes_texts(&self) -> bool {
        self.title.is_some()
            || self.description.is_some()
            || self.responsible.is_some()
            || self.year_from.is_some()
            || self.year_to.is_some()
            || self.estimated_cost.is_some()
            || self.position.is_some()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Activity {
    pub id: Uuid,
    pub measure_id: Uuid,
    pub plan_id: Uuid,
    pub title: String,
    pub description: String,
    pub responsible: String,
    pub year_from: i32,
    pub year_to: i32,
    pub estimated_cost: Option<String>,
    pub status: MeasureStatus,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Activity {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Activity {
    pub fn from_model(m: activity::Model) -> Self {
        Self {
            id: m.id,
            measure_id: m.measure_id,
            plan_id: m.plan_id,
            title: m.title,
            description: m.description,
            responsible: m.responsible,
            year_from: m.year_from,
            year_to: m.year_to,
            estimated_cost: m.estimated_cost.map(money::format),
            status: m.status,
            position: m.position,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// A measure's activities, and its estimated cost against theirs: a mismatch is shown, never refused.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityPage {
    pub items: Vec<Activity>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// The measure's `estimated_cost`.
    pub measure_cost: Option<String>,
    /// The sum of the estimated costs of all the measure's activities (on every page the same).
    pub activities_cost: String,
    /// Some activity names a cost, and the sum differs from the measure's (a measure without one counts as 0).
    pub cost_mismatch: bool,
}

/// Every field a create or patch may carry, the years as they will be; `None` means "not given".
pub struct Fields<'a> {
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub responsible: Option<&'a str>,
    pub years: (i32, i32),
    pub estimated_cost: Option<&'a str>,
    pub position: Option<i32>,
}

impl Fields<'_> {
    pub fn validate(&self, v: &mut Validator) {
        if let Some(t) = self.title {
            v.field(Title::parse("title", t));
        }
        if let Some(d) = self.description {
            v.field(LongText::parse("description", d));
        }
        if let Some(r) = self.responsible {
            v.field(Text::<300>::parse("responsible", r));
        }
        let (from, to) = self.years;
        v.range("year_from", from.into(), YEARS.0.into(), YEARS.1.into());
        v.range("year_to", to.into(), YEARS.0.into(), YEARS.1.into());
        v.check(from <= to, "year_to", FieldErrorCode::BeforeStart, "must not be before year_from");
        if let Some(cost) = self.estimated_cost {
            v.field(money::amount("estimated_cost", cost));
        }
        v.position(self.position);
    }
}
