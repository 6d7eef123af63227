//! E-mail subscriptions: a person's interest in a plan, a working group or a territory, with the
//! event types they want (none named: all that concern the target); and how often each account is
//! told (`users.notification_frequency`).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::{index, unique};
use crate::tables::{fk, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table("users").add_column(string_len("notification_frequency", 16).default("immediate").take()).take(),
            )
            .await?;
        manager
            .create_table(
                resource("subscriptions", vec![uuid("user_id"), string_len("target_type", 32), uuid("target_id"), json_binary("events")])
                    .foreign_key(&mut fk("subscriptions", "user_id", "users", ForeignKeyAction::Cascade))
                    .take(),
            )
            .await?;
        // One subscription per person and target; the fan-out looks them up by target.
        manager.create_index(unique("subscriptions", &["user_id", "target_type", "target_id"])).await?;
        manager.create_index(index("subscriptions", &["target_type", "target_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("subscriptions").to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("notification_frequency").take()).await
    }
}
