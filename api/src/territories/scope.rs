//! Which territories lie within which: a territory with everything below it, as list filters. Each
//! reads the tree's closure table (`territory_paths`, kept by [`super::paths`]) by its primary key
//! `(ancestor_id, descendant_id)`, so a list filtered by a region with hundreds of ORPs below it is
//! one indexed lookup, however deep the tree. Where a coordinator's powers reach is `reach`'s
//! (the same table), re-exported here.
use std::collections::BTreeSet;

use entity::territory_path::{self, Column};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend};
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

/// [`within`], for a list read a page at a time in `id` order, shaped so that the cost of a page
/// stays a page's. A region holding most of the installation's rows is best read by walking the
/// rows in `id` order and testing each against the region's territories until the page is full;
/// a small territory is best read through its own rows (`column`'s index) and sorted. PostgreSQL's
/// planner weighs the two from its statistics. SQLite's does not know how many rows lie in the
/// subtree and always takes the second, which reads and sorts every plan of a region. So on SQLite
/// we weigh them ourselves: with `n` rows in the table and `c` of them in the subtree, walking
/// reads about `page × n / c` rows and the index `c`, so we walk when `c² > page × n`. Both numbers
/// are cheap: `n` is the table's largest rowid, and `c` is counted on the index but only up to
/// √(page × n), all the decision needs.
pub async fn within_paged(db: &impl ConnectionTrait, column: impl ColumnTrait, root: Uuid, page: u64) -> ApiResult<Expr> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(within(column, root));
    }
    let table = column.entity_name();
    let newest = Query::select().expr_as(Func::max(Expr::cust("rowid")), Alias::new("n")).from(table.clone()).take();
    let rows: i64 = match db.query_one(&newest).await? {
        Some(row) => row.try_get::<Option<i64>>("", "n")?.unwrap_or(0),
        None => 0,
    };
    let enough = ((page as f64) * (rows as f64)).sqrt().ceil() as u64 + 1;
    let inside = Query::select().expr(Expr::val(1)).from(table.clone()).and_where(within(column, root)).limit(enough).take();
    let counted = Query::select().expr_as(Func::count(Expr::val(1)), Alias::new("c")).from_subquery(inside, Alias::new("inside")).take();
    let found: i64 = match db.query_one(&counted).await? {
        Some(row) => row.try_get("", "c")?,
        None => 0,
    };
    Ok(if (found * found) as f64 > (page as f64) * (rows as f64) {
        // `+column` is SQLite's way of saying "not through this column's index".
        Expr::cust_with_exprs("+ ?", [Expr::col((table, column))]).in_subquery(subtree_query(root))
    } else {
        within(column, root)
    })
}

/// `column` is `place`, lies below it or above it: the territories whose plans may answer what is
/// asked at `place` (a region's plan answers a town's need, a town's plan a need of its region).
/// Two lookups on the closure table's primary key and its `descendant_id` index.
pub fn related(column: impl ColumnTrait, place: Uuid) -> Expr {
    let above = Query::select().column(Column::AncestorId).from(territory_path::Entity).and_where(Column::DescendantId.eq(place)).take();
    within(column, place).or(column.in_subquery(above))
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
