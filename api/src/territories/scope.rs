//! Which territories lie within which: a territory with everything below it, and the territories a
//! coordinator manages. Each is one recursive query (`WITH RECURSIVE`, alike on SQLite and
//! PostgreSQL), so a list filtered by a region with hundreds of ORPs below it stays one query.
use std::collections::BTreeSet;

use entity::{territory, territory_coordinator};
use sea_orm::sea_query::{BinOper, CommonTableExpression, Expr, ExprTrait, Query, SelectStatement, UnionType, WithClause, WithQuery};
use sea_orm::{ColumnTrait, ConnectionTrait};
use uuid::Uuid;

use crate::error::ApiResult;

/// The name of the recursive table of the queries below.
const BELOW: &str = "territories_below";

/// The ids `seed` selects and those of every territory below them. `UNION` (not `UNION ALL`)
/// drops ids met twice, so overlapping seeds (a region and one of its ORPs) cost nothing extra.
fn with_descendants(mut seed: SelectStatement) -> WithQuery {
    let children = Query::select()
        .column((territory::Entity, territory::Column::Id))
        .from(territory::Entity)
        .inner_join(BELOW, Expr::col((BELOW, "id")).equals((territory::Entity, territory::Column::ParentId)))
        .take();
    let cte =
        CommonTableExpression::new().query(seed.union(UnionType::Distinct, children).take()).column("id").table_name(BELOW).to_owned();
    Query::select().column("id").from(BELOW).take().with(WithClause::new().recursive(true).cte(cte).to_owned())
}

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

/// Where a coordinator's powers reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// No territory assigned: the whole installation (a single town needs no set-up).
    Installation,
    /// The territories assigned and every one below them.
    Territories(BTreeSet<Uuid>),
}

impl Reach {
    pub fn includes(&self, territory: Uuid) -> bool {
        match self {
            Self::Installation => true,
            Self::Territories(ids) => ids.contains(&territory),
        }
    }
}

/// The territories `user` coordinates, with those below them, in one query.
pub async fn coordinated(db: &impl ConnectionTrait, user: Uuid) -> ApiResult<Reach> {
    let assigned = Query::select()
        .column(territory_coordinator::Column::TerritoryId)
        .from(territory_coordinator::Entity)
        .and_where(territory_coordinator::Column::UserId.eq(user))
        .take();
    let ids = ids(db, &with_descendants(assigned)).await?;
    Ok(if ids.is_empty() { Reach::Installation } else { Reach::Territories(ids) })
}

async fn ids(db: &impl ConnectionTrait, query: &WithQuery) -> ApiResult<BTreeSet<Uuid>> {
    let rows = db.query_all(query).await?;
    Ok(rows.iter().map(|row| row.try_get::<Uuid>("", "id")).collect::<Result<_, _>>()?)
}
