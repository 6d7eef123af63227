//! The transactional outbox: a message to send (an e-mail now, a webhook call later) is a row
//! written in the transaction of the change that causes it, and a worker sends it afterwards. So a
//! crash between the commit and the send loses nothing, and no request waits for SMTP.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::index;
use crate::tables::log;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(log(
                "outbox",
                vec![
                    string_len("kind", 32),
                    json_binary("payload"),
                    integer("attempts").default(0).take(),
                    // Null once the message is sent or given up on: no attempt is due any more.
                    timestamp_with_time_zone_null("next_attempt_at"),
                    timestamp_with_time_zone_null("sent_at"),
                    text_null("last_error"),
                ],
            ))
            .await?;
        // The worker's one query: the due rows, oldest first.
        manager.create_index(index("outbox", &["next_attempt_at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("outbox").to_owned()).await
    }
}
