//! An integration's endpoint told of events (see api/src/webhooks/).
use crate::values::StringList;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The coordinator or admin who made it; deliveries carry only what they may read.
    pub user_id: Uuid,
    pub url: String,
    /// The event types it is told of (`plan.status_changed`, …).
    #[sea_orm(column_type = "JsonBinary")]
    pub events: StringList,
    pub description: Option<String>,
    pub enabled: bool,
    /// `whsec_…`, the shared HMAC key the deliveries are signed with. Kept in clear because the
    /// worker must sign with it (a hash could only verify); the API answers it once, at creation.
    pub secret: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
