//! Where a coordinator's powers reach: the territories assigned to them and every territory below
//! those, or, with none assigned, the whole installation. Loaded once per request with the caller
//! (`caller`), so `authorize` decides from memory; the tree walk lives here, below both the caller
//! and the territory folder, which filters lists by the same walk.
use std::collections::BTreeSet;

use entity::{territory, territory_coordinator};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{CommonTableExpression, Expr, ExprTrait, Query, SelectStatement, UnionType, WithClause, WithQuery};
use uuid::Uuid;

use crate::error::ApiResult;

/// The name of the recursive table of the queries below.
const BELOW: &str = "territories_below";

/// The ids `seed` selects and those of every territory below them, in one recursive query (`WITH
/// RECURSIVE`, alike on SQLite and PostgreSQL). `UNION` (not `UNION ALL`) drops ids met twice, so
/// overlapping seeds (a region and one of its ORPs) cost nothing extra.
pub fn with_descendants(mut seed: SelectStatement) -> WithQuery {
    let children = Query::select()
        .column((territory::Entity, territory::Column::Id))
        .from(territory::Entity)
        .inner_join(BELOW, Expr::col((BELOW, "id")).equals((territory::Entity, territory::Column::ParentId)))
        .take();
    let cte =
        CommonTableExpression::new().query(seed.union(UnionType::Distinct, children).take()).column("id").table_name(BELOW).to_owned();
    Query::select().column("id").from(BELOW).take().with(WithClause::new().recursive(true).cte(cte).to_owned())
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
    /// Whether a resource in `territory` lies within reach. A resource in no territory (a group
    /// nobody placed yet) belongs to the whole installation, so only its coordinators reach it.
    pub fn includes(&self, territory: Option<Uuid>) -> bool {
        match (self, territory) {
            (Self::Installation, _) => true,
            (Self::Territories(ids), Some(t)) => ids.contains(&t),
            (Self::Territories(_), None) => false,
        }
    }
}

/// The territories `user` coordinates, with those below them, in one query.
pub async fn coordinated(db: &impl ConnectionTrait, user: Uuid) -> ApiResult<Reach> {
    let assigned = Query::select()
        .column(territory_coordinator::Column::TerritoryId)
        .from(territory_coordinator::Entity)
        .and_where(Expr::col(territory_coordinator::Column::UserId).eq(user))
        .take();
    let ids = ids(db, &with_descendants(assigned)).await?;
    Ok(if ids.is_empty() { Reach::Installation } else { Reach::Territories(ids) })
}

/// The `id` column of every row `query` answers.
pub async fn ids(db: &impl ConnectionTrait, query: &WithQuery) -> ApiResult<BTreeSet<Uuid>> {
    let rows = db.query_all(query).await?;
    Ok(rows.iter().map(|row| row.try_get::<Uuid>("", "id")).collect::<Result<_, _>>()?)
}
