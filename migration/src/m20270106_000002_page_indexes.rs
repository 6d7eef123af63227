//! Indexes that serve each list's page in its own order, so a page reads a page of rows whatever
//! the table's size (issue 17; `tests/api/query_plans.rs` asks both databases). Each replaces an
//! index on the same leading columns that found the rows but left them to be sorted: at the
//! national size a plan's 5,000 comments were sorted for every page of 50, and SQLite, having no
//! statistics, preferred the status index and sorted a million.
use sea_orm_migration::prelude::*;

use crate::indexes::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns of an index.
type Columns = &'static [&'static str];

/// (table, the new index's columns, the index it replaces, if any).
const INDEXES: &[(&str, Columns, Option<Columns>)] = &[
    ("comments", &["target_type", "target_id", "id"], Some(&["target_type", "target_id"])),
    ("comments", &["plan_id", "id"], None),
    ("comments", &["plan_id", "is_consultation", "id"], Some(&["plan_id", "is_consultation"])),
    ("comments", &["status", "id"], Some(&["status"])),
    ("measures", &["plan_id", "position", "id"], Some(&["plan_id"])),
    ("measures", &["goal_id", "position", "id"], Some(&["goal_id", "position"])),
    // `/measures` unfiltered is ordered by position across every plan.
    ("measures", &["position", "id"], None),
    ("plans", &["status", "id"], Some(&["status"])),
    // The closing reminders' sweep: plans in consultation by their deadline.
    ("plans", &["status", "consultation_closes_at"], None),
    ("plan_status_changes", &["plan_id", "id"], Some(&["plan_id"])),
    ("measure_updates", &["measure_id", "id"], None),
];

fn name(table: &str, columns: &[&str]) -> String {
    format!("idx_{table}_{}", columns.join("_"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns, replaces) in INDEXES {
            manager.create_index(index(table, columns)).await?;
            if let Some(old) = replaces {
                manager.drop_index(Index::drop().name(name(table, old)).table(*table).to_owned()).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, columns, replaces) in INDEXES {
            if let Some(old) = replaces {
                manager.create_index(index(table, old)).await?;
            }
            manager.drop_index(Index::drop().name(name(table, columns)).table(*table).to_owned()).await?;
        }
        Ok(())
    }
}
