//! An activity (aktivita): a step inside a measure, with its years and cost.
use crate::enums::MeasureStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub measure_id: Uuid,
    /// Copied from the measure (a measure never changes plan) so plan-wide reads need no join.
    pub plan_id: Uuid,
    pub title: String,
    pub description: String,
    pub responsible: String,
    pub year_from: i32,
    pub year_to: i32,
    /// Hálíře (1/100 CZK), as a measure's `estimated_cost`.
    pub estimated_cost: Option<i64>,
    pub status: MeasureStatus,
    pub position: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
