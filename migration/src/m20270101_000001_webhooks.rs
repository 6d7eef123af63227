//! Webhooks: an integration's HTTPS endpoint that is told of events, and the log of every attempt
//! to tell it (kept 30 days; the outbox worker deletes older rows).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::index;
use crate::tables::{fk, log, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                resource(
                    "webhooks",
                    vec![
                        uuid("user_id"),
                        string_len("url", 2000),
                        json_binary("events"),
                        text_null("description"),
                        boolean("enabled").default(true).take(),
                        // The HMAC key, in clear: the worker signs with it (see api/src/webhooks).
                        string_len("secret", 64),
                    ],
                )
                .foreign_key(&mut fk("webhooks", "user_id", "users", ForeignKeyAction::Cascade))
                .take(),
            )
            .await?;
        manager.create_index(index("webhooks", &["user_id"])).await?;
        manager
            .create_table(
                log(
                    "webhook_deliveries",
                    vec![
                        uuid("webhook_id"),
                        // The outbox message: the `webhook-id` header, the same on every retry.
                        uuid("message_id"),
                        uuid("event_id"),
                        string_len("event_type", 64),
                        integer("attempt"),
                        integer_null("status_code"),
                        integer("duration_ms"),
                        text_null("error"),
                        timestamp_with_time_zone_null("next_retry_at"),
                    ],
                )
                .foreign_key(&mut fk("webhook_deliveries", "webhook_id", "webhooks", ForeignKeyAction::Cascade))
                .take(),
            )
            .await?;
        // A webhook's log, newest first; and the worker's sweep by age.
        manager.create_index(index("webhook_deliveries", &["webhook_id", "id"])).await?;
        manager.create_index(index("webhook_deliveries", &["created_at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("webhook_deliveries").to_owned()).await?;
        manager.drop_table(Table::drop().table("webhooks").to_owned()).await
    }
}
