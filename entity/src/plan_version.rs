//! A snapshot of a plan taken at a lifecycle move: the plan, its goals and its measures as they
//! stood, as rows (`Snapshot`), so later changes can be compared with it.
use crate::enums::PlanStatus;
use crate::values::Snapshot;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "plan_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    /// The lifecycle move that took it.
    pub status_change_id: Option<Uuid>,
    /// The plan's status once moved.
    pub status: PlanStatus,
    /// The note given with the move.
    pub reason: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub snapshot: Snapshot,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
