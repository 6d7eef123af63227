//! Yearly action plans (roční akční plány): one per plan and year. Its items (measures, their
//! activities, planned money) are one JSON list written whole, as a measure's funding rows are.
//! It goes with its plan (`Cascade`); the meeting that approved it cannot be deleted from under
//! it (`NoAction`): the approval is public record.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::unique;
use crate::tables::{fk, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

use ForeignKeyAction::{Cascade, NoAction};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let action_plans = resource(
            "action_plans",
            vec![
                uuid("plan_id"),
                integer("year"),
                json_binary("items"),
                string_len("status", 32),
                date_null("approved_on"),
                string_len_null("approval_resolution", 300),
                uuid_null("approved_at_meeting_id"),
            ],
        )
        .foreign_key(&mut fk("action_plans", "plan_id", "plans", Cascade))
        .foreign_key(&mut fk("action_plans", "approved_at_meeting_id", "meetings", NoAction))
        .take();
        manager.create_table(action_plans).await?;
        manager.create_index(unique("action_plans", &["plan_id", "year"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("action_plans").to_owned()).await
    }
}
