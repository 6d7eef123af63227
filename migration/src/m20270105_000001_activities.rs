//! Activities (aktivity): steps inside a measure, with their years and cost. They go with their
//! measure and plan (`Cascade`): an activity is part of the measure's text.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::index;
use crate::tables::{fk, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

use ForeignKeyAction::Cascade;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let activities = resource(
            "activities",
            vec![
                uuid("measure_id"),
                uuid("plan_id"),
                string_len("title", 300),
                text("description"),
                string_len("responsible", 300),
                integer("year_from"),
                integer("year_to"),
                big_integer_null("estimated_cost"),
                string_len("status", 32),
                integer("position"),
            ],
        )
        .foreign_key(&mut fk("activities", "measure_id", "measures", Cascade))
        .foreign_key(&mut fk("activities", "plan_id", "plans", Cascade))
        .take();
        manager.create_table(activities).await?;
        for index in [index("activities", &["measure_id", "position"]), index("activities", &["plan_id"])] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("activities").to_owned()).await
    }
}
