//! A community plan: one planning cycle of one territory.
use crate::enums::PlanStatus;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    /// The territory's name, kept in step with `territory_id`'s (first-stage clients read it).
    pub territory: String,
    pub territory_id: Option<Uuid>,
    pub period_start: i32,
    pub period_end: i32,
    pub summary: String,
    pub vision: String,
    pub status: PlanStatus,
    pub consultation_closes_at: Option<DateTimeUtc>,
    /// The closing time whose three-day reminder was written (a new deadline gets its own).
    pub closing_reminder_for: Option<DateTimeUtc>,
    pub approval_resolution: Option<String>,
    pub approved_on: Option<Date>,
    /// The plan this one follows as the next cycle's (`POST /plans/{id}/successor`).
    pub previous_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
