//! A goal (cíl / priorita) of a plan; may nest one level under a parent goal.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "goals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub parent_goal_id: Option<Uuid>,
    pub working_group_id: Option<Uuid>,
    pub code: String,
    pub title: String,
    pub description: String,
    pub position: i32,
    /// The goal of the previous plan this one was copied from.
    pub previous_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
