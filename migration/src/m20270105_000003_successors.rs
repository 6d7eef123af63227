//! The next cycle's plan (navazující plán) names the plan it follows, and each goal and measure
//! copied into it names the one it was copied from, so either plan can point at the other.
//! No foreign keys: a plan is followed only once approved, and from then on neither it nor its
//! goals and measures can be deleted (they are archived), so the ids always resolve; and SQLite
//! cannot add a foreign key to an existing table.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 3] = ["plans", "goals", "measures"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager.alter_table(Table::alter().table(table).add_column(uuid_null("previous_id")).take()).await?;
        }
        // The successors of a plan: `GET /plans?previous_id=`.
        manager.create_index(index("plans", &["previous_id"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_plans_previous_id").table("plans").to_owned()).await?;
        for table in TABLES {
            manager.alter_table(Table::alter().table(table).drop_column("previous_id").take()).await?;
        }
        Ok(())
    }
}
