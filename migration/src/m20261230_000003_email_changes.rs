//! A change of one's own e-mail waits for a link sent to the new address: the address a person asked
//! for, and the link's SHA-256, single use and short-lived.
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
                    "email_changes",
                    vec![
                        uuid("user_id"),
                        string_len("new_email", 254),
                        string_len_uniq("token_hash", 64),
                        timestamp_with_time_zone("expires_at"),
                        timestamp_with_time_zone_null("spent_at"),
                    ],
                )
                .foreign_key(&mut fk("email_changes", "user_id", "users", ForeignKeyAction::Cascade))
                .take(),
            )
            .await?;
        manager.create_index(index("email_changes", &["user_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("email_changes").to_owned()).await
    }
}
