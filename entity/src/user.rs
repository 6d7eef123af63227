//! A person with an account.
use crate::enums::{Language, NotificationFrequency, Role};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// Stored lower-cased, so uniqueness is case-insensitive on both databases.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub is_active: bool,
    pub password_hash: String,
    /// The language of the account's e-mails; rows of a dump made before it existed read as Czech.
    #[serde(default)]
    pub language: Language,
    /// How often subscriptions are told; rows of a dump made before it existed read as `immediate`.
    #[serde(default)]
    pub notification_frequency: NotificationFrequency,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
