//! The territory tree as a closure table: one row for every territory and each territory above
//! it, itself included (`depth` 0 for itself, 1 for its parent, …). "Everything below a region"
//! becomes one indexed lookup by `ancestor_id` instead of a recursive walk over `parent_id`.
//! The services keep it in step with `territories` in the same transaction as every change to
//! the tree; this migration fills it from the tree as it stands (territories the earlier data
//! move made included).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

use crate::indexes::index;
use crate::tables::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "territory_paths";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let paths = Table::create()
            .table(TABLE)
            .if_not_exists()
            .col(uuid("ancestor_id"))
            .col(uuid("descendant_id"))
            .col(integer("depth"))
            .primary_key(Index::create().name("pk_territory_paths").col("ancestor_id").col("descendant_id"))
            .foreign_key(&mut fk(TABLE, "ancestor_id", "territories", ForeignKeyAction::Cascade))
            .foreign_key(&mut fk(TABLE, "descendant_id", "territories", ForeignKeyAction::Cascade))
            .take();
        manager.create_table(paths).await?;
        manager.create_index(index(TABLE, &["descendant_id"])).await?;
        fill_territory_paths(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TABLE).to_owned()).await
    }
}

/// Fills an empty `territory_paths` from `territories.parent_id`: each territory with itself,
/// then, step by step up, with its parent's ancestors. One statement, alike on SQLite and
/// PostgreSQL. `spoluplan restore` rebuilds the table with it too (a dump leaves it out: it is
/// derived from the tree).
pub async fn fill_territory_paths(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let sql = "WITH RECURSIVE up (ancestor_id, descendant_id, depth) AS ( \
                   SELECT id, id, 0 FROM territories \
                   UNION ALL \
                   SELECT t.parent_id, up.descendant_id, up.depth + 1 FROM up JOIN territories t ON t.id = up.ancestor_id \
                   WHERE t.parent_id IS NOT NULL) \
               INSERT INTO territory_paths (ancestor_id, descendant_id, depth) SELECT ancestor_id, descendant_id, depth FROM up";
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    Ok(())
}
