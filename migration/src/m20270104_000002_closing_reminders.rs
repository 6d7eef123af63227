//! "Three days before a consultation closes": the plan keeps the closing time whose reminder was
//! written, so it is written once, and a new deadline gets its own.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("plans").add_column(timestamp_with_time_zone_null("closing_reminder_for").take()).take())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("plans").drop_column("closing_reminder_for").take()).await
    }
}
