//! A person with an account.
use crate::enums::{Language, NotificationFrequency, Role};
use sea_orm::ActiveValue::Set;
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
    /// The words of the name and e-mail (see `words`), a space before and after each, which the
    /// users list's `q` matches; kept by `before_save` below, however the row is written.
    #[serde(default)]
    pub search_terms: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// `search_terms` for a name and an e-mail.
pub fn search_terms(display_name: &str, email: &str) -> String {
    format!(" {} ", crate::words::terms(&format!("{display_name} {email}")))
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C: ConnectionTrait>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr> {
        if let (Some(name), Some(email)) = (self.display_name.try_as_ref(), self.email.try_as_ref()) {
            self.search_terms = Set(search_terms(name, email));
        }
        Ok(self)
    }
}
