//! Indexes for the list filters the initial schema left out, and one measure code per goal
//! enforced by the database as well, so two concurrent creates cannot both take a code.
use sea_orm_migration::prelude::*;

use crate::indexes::{index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &[&str], bool)] = &[
    ("users", &["role"], false),
    ("users", &["is_active"], false),
    ("working_groups", &["kind"], false),
    ("working_groups", &["is_active"], false),
    ("comments", &["status"], false),
    ("audit_events", &["action"], false),
    ("measures", &["goal_id", "code"], true),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns, is_unique) in INDEXES {
            let statement = if *is_unique { unique(table, columns) } else { index(table, columns) };
            manager.create_index(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns, is_unique) in INDEXES {
            let prefix = if *is_unique { "uq" } else { "idx" };
            let name = format!("{prefix}_{table}_{}", columns.join("_"));
            manager.drop_index(Index::drop().name(name).table(*table).to_owned()).await?;
        }
        Ok(())
    }
}
