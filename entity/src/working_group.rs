//! A working group (pracovní skupina) or the steering group.
use crate::enums::GroupKind;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "working_groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub kind: GroupKind,
    pub target_group: Option<String>,
    pub description: String,
    pub vision: String,
    /// How many members must be present for resolutions to be valid (rules of procedure).
    pub quorum: Option<i32>,
    pub is_active: bool,
    pub territory_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
