//! What a daily or weekly subscriber has yet to be told: one row per event and person, until the
//! worker sends them all as one digest e-mail and deletes them.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::index;
use crate::tables::{fk, log};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                log(
                    "digest_entries",
                    vec![
                        uuid("user_id"),
                        // The subscription it came by, for its unsubscribe link; gone with it.
                        uuid("subscription_id"),
                        string_len("event_type", 64),
                        // The event's data (ids, title, status): what the e-mail says.
                        json_binary("subject"),
                    ],
                )
                .foreign_key(&mut fk("digest_entries", "user_id", "users", ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("digest_entries", "subscription_id", "subscriptions", ForeignKeyAction::Cascade))
                .take(),
            )
            .await?;
        // A person's entries in order, and the worker's look for the oldest.
        manager.create_index(index("digest_entries", &["user_id", "id"])).await?;
        manager.create_index(index("digest_entries", &["created_at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("digest_entries").to_owned()).await
    }
}
