//! Which territories lie within which: a territory with everything below it, as list filters. Each
//! is one query (the tree walk of `reach`), so a list filtered by a region with hundreds of ORPs
//! below it stays one query. Where a coordinator's powers reach is `reach`'s, re-exported here.
use std::collections::BTreeSet;

use entity::territory;
use sea_orm::sea_query::{BinOper, Expr, ExprTrait, Query, SelectStatement, WithQuery};
use sea_orm::{ColumnTrait, ConnectionTrait};
use uuid::Uuid;

use crate::error::ApiResult;
pub use crate::reach::{Reach, coordinated};
use crate::reach::{ids, with_descendants};

/// `root` and every territory below it, as a query of their ids.
fn subtree_query(root: Uuid) -> WithQuery {
    with_descendants(Query::select().column(territory::Column::Id).from(territory::Entity).and_where(territory::Column::Id.eq(root)).take())
}

/// `column IN (root and every territory below it)`: the filter of a list by `territory_id`.
pub fn within(column: impl ColumnTrait, root: Uuid) -> Expr {
    column.into_expr().binary(BinOper::In, subtree_query(root))
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
