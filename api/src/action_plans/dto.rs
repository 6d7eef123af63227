//! Action plan request and response bodies.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::action_plan::{self, ActionPlanItem, PlannedAmount};
use entity::enums::{ActionPlanStatus, FundingSource};
use sea_orm::Iterable;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::http::{Versioned, nullable};
use crate::{money, page_of};

/// At most this many items (measures) in one year's plan.
pub const MAX_ITEMS: usize = 500;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanCreate {
    /// Within the plan's period; one action plan per plan and year (409 `duplicate` on `year`).
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: i32,
    /// Each a measure of the plan (once), activities of that measure running that year, and the
    /// money planned for it from each source (once each).
    #[serde(default)]
    #[schema(max_items = 500)]
    pub items: Vec<ActionPlanItem>,
}

/// Approval is `status: approved` with `approved_on` and `approval_resolution` (and optionally
/// `approved_at_meeting_id`); from then on the action plan is frozen (409 `frozen`).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanPatch {
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
    /// Replaced whole when sent.
    #[schema(max_items = 500)]
    pub items: Option<Vec<ActionPlanItem>>,
    pub status: Option<ActionPlanStatus>,
    /// The day of the approving resolution; required with `status: approved`, not in the future.
    pub approved_on: Option<NaiveDate>,
    /// The approving resolution, e.g. "usnesení ŘS č. 5/2027"; required with `status: approved`.
    #[schema(min_length = 1, max_length = 300)]
    pub approval_resolution: Option<String>,
    /// The meeting whose resolution approved it: of a working group of the plan's territory, or of
    /// one owning a goal of the plan, and not cancelled.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub approved_at_meeting_id: Option<Option<Uuid>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ActionPlan {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub year: i32,
    pub items: Vec<ActionPlanItem>,
    pub status: ActionPlanStatus,
    pub approved_on: Option<NaiveDate>,
    pub approval_resolution: Option<String>,
    pub approved_at_meeting_id: Option<Uuid>,
    /// The money planned by source over all items, in the order of the sources.
    pub totals: Vec<PlannedAmount>,
    /// The money planned over all items and sources.
    pub total: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for ActionPlan {
    fn version(&self) -> i32 {
        self.version
    }
}

impl ActionPlan {
    pub fn from_model(m: action_plan::Model) -> Self {
        let mut sums: HashMap<FundingSource, i64> = HashMap::new();
        for p in m.items.0.iter().flat_map(|i| &i.planned) {
            *sums.entry(p.source).or_default() += money::parse(&p.amount).unwrap_or(0);
        }
        let totals: Vec<(FundingSource, i64)> = FundingSource::iter().filter_map(|s| sums.get(&s).map(|a| (s, *a))).collect();
        let total = totals.iter().map(|(_, amount)| amount).sum();
        Self {
            id: m.id,
            plan_id: m.plan_id,
            year: m.year,
            items: m.items.0,
            status: m.status,
            approved_on: m.approved_on,
            approval_resolution: m.approval_resolution,
            approved_at_meeting_id: m.approved_at_meeting_id,
            totals: totals.into_iter().map(|(source, amount)| PlannedAmount { source, amount: money::format(amount) }).collect(),
            total: money::format(total),
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(ActionPlanPage, ActionPlan);
