//! A yearly action plan (roční akční plán): which measures and activities of a plan run in one
//! year and with what money; approved by the steering group, frozen from then on.
use crate::enums::{ActionPlanStatus, FundingSource};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Money planned for an item from one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedAmount {
    pub source: FundingSource,
    /// CZK, e.g. "125000.00".
    #[schema(pattern = r"^[0-9]{1,13}(\.[0-9]{0,2})?$")]
    pub amount: String,
}

/// One measure running in the year, the activities of it that do, and its money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanItem {
    pub measure_id: Uuid,
    #[serde(default)]
    #[schema(max_items = 100)]
    pub activity_ids: Vec<Uuid>,
    #[serde(default)]
    #[schema(max_items = 20)]
    pub planned: Vec<PlannedAmount>,
    #[schema(max_length = 5000)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, FromJsonQueryResult, ToSchema)]
pub struct ActionPlanItems(pub Vec<ActionPlanItem>);

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "action_plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    /// Unique per plan.
    pub year: i32,
    /// The items as the API speaks them: a whole list, written at once.
    #[sea_orm(column_type = "JsonBinary")]
    pub items: ActionPlanItems,
    pub status: ActionPlanStatus,
    pub approved_on: Option<Date>,
    pub approval_resolution: Option<String>,
    /// The meeting whose resolution approved it.
    pub approved_at_meeting_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
