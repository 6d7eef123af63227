//! A message waiting to be sent, or sent (see api/src/outbox/).
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// What `payload` is: `email`, `event` (for the webhooks) or `webhook` (one call).
    pub kind: String,
    pub payload: Json,
    /// Attempts made so far, the one under way included.
    pub attempts: i32,
    /// When the next attempt is due; null once sent or given up on.
    pub next_attempt_at: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    /// Why the latest attempt failed.
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
