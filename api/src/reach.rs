//! Where a coordinator's powers reach: the territories assigned to them and every territory below
//! those, or, with none assigned, the whole installation. Loaded once per request with the caller
//! (`caller`), so `authorize` decides from memory. It reads the tree's closure table
//! (`territory_paths`, kept by `territories::paths`), which lives here below both the caller and
//! the territory folder that filters lists by the same table.
use std::collections::BTreeSet;

use entity::territory_coordinator;
use entity::territory_path::{self, Column};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait};
use uuid::Uuid;

use crate::error::ApiResult;

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

/// The territories `user` coordinates, with those below them, in one query. `DISTINCT` drops the
/// ids met twice when assignments overlap (a region and one of its ORPs).
pub async fn coordinated(db: &impl ConnectionTrait, user: Uuid) -> ApiResult<Reach> {
    let assigned = Query::select()
        .column(territory_coordinator::Column::TerritoryId)
        .from(territory_coordinator::Entity)
        .and_where(territory_coordinator::Column::UserId.eq(user))
        .take();
    let below = Query::select()
        .distinct()
        .column(Column::DescendantId)
        .from(territory_path::Entity)
        .and_where(Column::AncestorId.in_subquery(assigned))
        .take();
    let ids = ids(db, &below).await?;
    Ok(if ids.is_empty() { Reach::Installation } else { Reach::Territories(ids) })
}

/// The territory ids (`descendant_id`) a query of the closure table answers.
pub async fn ids(db: &impl ConnectionTrait, query: &SelectStatement) -> ApiResult<BTreeSet<Uuid>> {
    let rows = db.query_all(query).await?;
    Ok(rows.iter().map(|row| row.try_get::<Uuid>("", "descendant_id")).collect::<Result<_, _>>()?)
}
