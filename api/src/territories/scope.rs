//! Which territories lie within which: a territory with everything below it, as list filters. Each
//! reads the tree's closure table (`territory_paths`, kept by [`super::paths`]) by its primary key
//! `(ancestor_id, descendant_id)`, so a list filtered by a region with hundreds of ORPs below it is
//! one indexed lookup, however deep the tree. Where a coordinator's powers reach is `reach`'s
//! (the same table), re-exported here.
use std::collections::BTreeSet;

use entity::territory_path::{self, Column};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait};
use uuid::Uuid;

use crate::error::ApiResult;
use crate::reach::ids;
pub use crate::reach::{Reach, coordinated};

/// The ids of `root` and of every territory below it, as a query (`descendant_id`).
fn subtree_query(root: Uuid) -> SelectStatement {
    Query::select().column(Column::DescendantId).from(territory_path::Entity).and_where(Column::AncestorId.eq(root)).take()
}

/// `column IN (root and every territory below it)`: the filter of a list by `territory_id`.
pub fn within(column: impl ColumnTrait, root: Uuid) -> Expr {
    column.in_subquery(subtree_query(root))
}

/// The ids (`id`) of the rows whose `territory` lies within `root`: the filter of a list one link
/// further away (meetings by their group's territory, measures by their plan's).
pub fn rows_within(id: impl ColumnTrait, territory: impl ColumnTrait, root: Uuid) -> SelectStatement {
    Query::select().column(id).from(id.entity_name()).and_where(within(territory, root)).take()
}

/// The ids of `root` and of every territory below it; empty when `root` does not exist.
pub async fn subtree(db: &impl ConnectionTrait, root: Uuid) -> ApiResult<BTreeSet<Uuid>> {
    ids(db, &subtree_query(root)).await
}
