//! Plan versions: a snapshot of the whole plan (its texts, goals and measures) taken at every
//! lifecycle move, so what was put to consultation and what was approved can be compared later.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::index;
use crate::tables::{fk, log};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = log(
            "plan_versions",
            vec![uuid("plan_id"), uuid_null("status_change_id"), string_len("status", 32), text_null("reason"), json_binary("snapshot")],
        )
        .foreign_key(&mut fk("plan_versions", "plan_id", "plans", ForeignKeyAction::Cascade))
        .foreign_key(&mut fk("plan_versions", "status_change_id", "plan_status_changes", ForeignKeyAction::SetNull))
        .take();
        manager.create_table(table).await?;
        manager.create_index(index("plan_versions", &["plan_id", "id"])).await?;
        manager.create_index(index("plan_versions", &["status_change_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("plan_versions").to_owned()).await
    }
}
