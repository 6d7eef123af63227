//! "Zapomenuté heslo": single-use reset links, stored only as their SHA-256 like refresh tokens;
//! and each account's language, in which it gets its e-mails.
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
                    "password_resets",
                    vec![
                        uuid("user_id"),
                        string_len_uniq("token_hash", 64),
                        timestamp_with_time_zone("expires_at"),
                        timestamp_with_time_zone_null("spent_at"),
                    ],
                )
                .foreign_key(&mut fk("password_resets", "user_id", "users", ForeignKeyAction::Cascade))
                .take(),
            )
            .await?;
        manager.create_index(index("password_resets", &["user_id"])).await?;
        manager.alter_table(Table::alter().table("users").add_column(string_len("language", 8).default("cs").take()).take()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("users").drop_column("language").take()).await?;
        manager.drop_table(Table::drop().table("password_resets").to_owned()).await
    }
}
