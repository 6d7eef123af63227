//! One attempt to deliver an event to a webhook.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "webhook_deliveries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub webhook_id: Uuid,
    /// The outbox message delivered: the `webhook-id` header, the same on every retry.
    pub message_id: Uuid,
    pub event_id: Uuid,
    pub event_type: String,
    /// 1 for the first attempt.
    pub attempt: i32,
    /// The receiver's answer; none when there was none (refused, unreachable, timed out).
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    pub error: Option<String>,
    /// When the next attempt is due; none after a success or the last attempt.
    pub next_retry_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
