//! A comment on a plan, goal, measure or meeting; in a consultation, a formal připomínka
//! with its settlement.
use crate::enums::{Channel, CommentStatus, Resolution, TargetType};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub target_type: TargetType,
    pub target_id: Uuid,
    /// The plan the target belongs to (none for meetings), for the settlement register.
    pub plan_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub body: String,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    pub author_email: Option<String>,
    /// Whether the author is e-mailed the settlement: an account's author unless they ended it by
    /// the e-mail's link, a named author only with their consent and an address.
    pub notify_on_resolution: bool,
    pub status: CommentStatus,
    pub moderation_reason: Option<String>,
    pub is_consultation: bool,
    pub channel: Channel,
    pub received_on: Date,
    pub resolution: Option<Resolution>,
    pub resolution_note: Option<String>,
    pub resolution_change: Option<String>,
    /// The goal or measure of the plan the change was made in (`goal` or `measure`).
    pub change_target_type: Option<TargetType>,
    pub change_target_id: Option<Uuid>,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
