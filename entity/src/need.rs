//! A need (potřeba) of the people of a territory: reported by anyone at any time, or recorded by
//! staff; a working group reviews it, answers it publicly and links the measures that answer it
//! (`need_measures`). Its target groups are rows of their own (`need_target_groups`).
use crate::enums::{NeedSource, NeedStatus};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "needs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub description: String,
    /// None: the whole installation's (a single town with no territories set up).
    pub territory_id: Option<Uuid>,
    /// The name the reporter gave (or the account's, or the staff member's who recorded it).
    pub author_name: String,
    /// Only for those who review the need; never in a public answer.
    pub author_email: Option<String>,
    pub source: NeedSource,
    /// The working group that reviews it.
    pub working_group_id: Option<Uuid>,
    pub status: NeedStatus,
    /// The public answer.
    pub response: Option<String>,
    /// The need this one duplicates; set exactly when `status` is `duplicate`.
    pub duplicate_of: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
