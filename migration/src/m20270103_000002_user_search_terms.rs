//! The words of each account's name and e-mail, which the users list's `q` matches as `/search`
//! matches (entity/src/words.rs). Filled for existing accounts when the search index is next
//! built (api/src/search/index.rs), which the search index's own migration makes happen.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("users").add_column(text("search_terms").default("")).take()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("users").drop_column("search_terms").take()).await
    }
}
