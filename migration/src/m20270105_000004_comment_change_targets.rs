//! A settled comment names the goal or measure of the plan it changed ("Změna v plánu"), so the
//! public page of what changed after the consultation can put each change next to the comments
//! that led to it. No foreign key: the goal or measure may be deleted before approval, and the
//! register then keeps the text of the change without the link.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("comments").add_column(string_len_null("change_target_type", 32)).take()).await?;
        manager.alter_table(Table::alter().table("comments").add_column(uuid_null("change_target_id")).take()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("comments").drop_column("change_target_id").take()).await?;
        manager.alter_table(Table::alter().table("comments").drop_column("change_target_type").take()).await
    }
}
