//! A measure (opatření) serving a goal, with its implementation state.
use crate::enums::MeasureStatus;
use crate::values::{FundingList, Indicators, StringList};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "measures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub goal_id: Uuid,
    /// Copied from the goal (a goal never changes plan) so lists filter by plan without a join.
    pub plan_id: Uuid,
    pub code: String,
    pub title: String,
    pub description: String,
    pub responsible: String,
    pub responsible_organization_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub partners: StringList,
    #[sea_orm(column_type = "JsonBinary")]
    pub target_groups: StringList,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub status: MeasureStatus,
    pub progress: i32,
    pub weight: i32,
    /// Hálíře (1/100 CZK); the API speaks decimal strings.
    pub estimated_cost: Option<i64>,
    #[sea_orm(column_type = "JsonBinary")]
    pub funding_sources: FundingList,
    #[sea_orm(column_type = "JsonBinary")]
    pub indicators: Indicators,
    pub implementation_note: String,
    pub position: i32,
    /// The measure of the previous plan this one was copied from.
    pub previous_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
