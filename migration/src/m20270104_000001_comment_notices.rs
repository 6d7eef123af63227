//! A comment's author told of its settlement: an account's author unless they ended it by the
//! e-mail's link, an anonymous commenter only with their consent.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("comments").add_column(boolean("notify_on_resolution").default(false).take()).take()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("comments").drop_column("notify_on_resolution").take()).await
    }
}
