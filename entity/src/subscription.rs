//! A person's e-mail subscription to a plan, a working group or a territory (see api/src/subscriptions/).
use crate::enums::SubscriptionTarget;
use crate::values::StringList;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub target_type: SubscriptionTarget,
    pub target_id: Uuid,
    /// The event types wanted (`plan.status_changed`, …); empty: every one about the target.
    #[sea_orm(column_type = "JsonBinary")]
    pub events: StringList,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
