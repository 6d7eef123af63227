//! The network overview (přehled sítě sociálních služeb): how many services of each kind serve each
//! territory, and with what capacity. The database counts and sums; the overview costs the same
//! few queries whatever the size of the network.
use std::collections::HashMap;

use entity::enums::CapacityUnit;
use entity::service_link::{capacity, territory as service_territory};
use entity::{service, service_kind, territory};
use sea_orm::sea_query::{Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter};
use uuid::Uuid;

use super::dto::{NetworkOverview, OverviewRow, OverviewTotal, UnitTotal};
use super::service::active_on;
use crate::error::ApiResult;
use crate::excel_csv::{self, row as csv_row};
use crate::labels::capacity_unit_cs;
use crate::territories::scope;
use crate::{clock, czech};

/// What a tally groups the services by, besides their kind.
#[derive(Clone, Copy, PartialEq)]
enum Per {
    /// Each territory they serve: a service is counted once in each.
    Territory,
    /// Nothing more: each service once.
    Kind,
}

/// The services provided today, of the territory `root` and everything below it (all without it),
/// grouped `per` territory or kind; with `units`, their capacities summed per unit instead of counted.
fn tally(per: Per, root: Option<Uuid>, units: bool) -> SelectStatement {
    let mut query = Query::select();
    query.from(service::Entity).cond_where(active_on(clock::today()));
    if per == Per::Territory {
        let territory = (service_territory::Entity, service_territory::Column::TerritoryId);
        query
            .inner_join(
                service_territory::Entity,
                Expr::col((service_territory::Entity, service_territory::Column::ServiceId)).equals((service::Entity, service::Column::Id)),
            )
            .column(territory)
            .group_by_col(territory);
        if let Some(root) = root {
            query.and_where(scope::within(service_territory::Column::TerritoryId, root));
        }
    } else if let Some(root) = root {
        let serving = scope::rows_within(service_territory::Column::ServiceId, service_territory::Column::TerritoryId, root);
        query.and_where(service::Column::Id.in_subquery(serving));
    }
    let kind = (service::Entity, service::Column::KindCode);
    query.column(kind).group_by_col(kind);
    if units {
        let unit = (capacity::Entity, capacity::Column::Unit);
        query
            .inner_join(
                capacity::Entity,
                Expr::col((capacity::Entity, capacity::Column::ServiceId)).equals((service::Entity, service::Column::Id)),
            )
            .column(unit)
            .group_by_col(unit)
            .expr_as(Func::sum(Expr::col((capacity::Entity, capacity::Column::Count))), "n");
    } else {
        query.expr_as(Func::count(Expr::col((service::Entity, service::Column::Id))), "n");
    }
    query.take()
}

/// A tally's key: the territory (none when per kind) and the kind (none for related activities).
type Key = (Option<Uuid>, Option<String>);

/// The services and the capacities per unit of each key.
#[derive(Default)]
struct Counts {
    services: i64,
    units: HashMap<CapacityUnit, i64>,
}

async fn counts<D: ConnectionTrait>(db: &D, per: Per, root: Option<Uuid>) -> ApiResult<Vec<(Key, Counts)>> {
    let key = |row: &sea_orm::QueryResult| -> Result<Key, sea_orm::DbErr> {
        let territory = if per == Per::Territory { Some(row.try_get::<Uuid>("", "territory_id")?) } else { None };
        Ok((territory, row.try_get::<Option<String>>("", "kind_code")?))
    };
    let mut found: HashMap<Key, Counts> = HashMap::new();
    for row in db.query_all(&tally(per, root, false)).await? {
        found.entry(key(&row)?).or_default().services = row.try_get("", "n")?;
    }
    for row in db.query_all(&tally(per, root, true)).await? {
        let unit: CapacityUnit = row.try_get("", "unit")?;
        found.entry(key(&row)?).or_default().units.insert(unit, row.try_get("", "n")?);
    }
    Ok(found.into_iter().collect())
}

fn units_of(counts: &Counts) -> Vec<UnitTotal> {
    CapacityUnit::iter().filter_map(|unit| counts.units.get(&unit).map(|&count| UnitTotal { unit, count })).collect()
}

/// The overview of the services provided today serving `root` or a territory below it (the whole
/// installation without `root`). An unknown territory has no services: an empty overview.
pub async fn overview<D: ConnectionTrait>(db: &D, root: Option<Uuid>) -> ApiResult<NetworkOverview> {
    let order: HashMap<String, i32> = service_kind::Entity::find().all(db).await?.into_iter().map(|k| (k.code, k.position)).collect();
    // Related activities (no kind) after every kind of the Act.
    let kind_order = |kind: &Option<String>| kind.as_ref().map_or(i32::MAX, |k| order.get(k).copied().unwrap_or(i32::MAX - 1));

    let per_territory = counts(db, Per::Territory, root).await?;
    let ids: Vec<Uuid> = per_territory.iter().filter_map(|((t, _), _)| *t).collect();
    // Territories in Czech alphabetical order; a territory's place in it sorts the rows.
    let mut territories: Vec<territory::Model> = territory::Entity::find().filter(territory::Column::Id.is_in(ids)).all(db).await?;
    territories.sort_by(|a, b| czech::compare(&a.name, &b.name));
    let place: HashMap<Uuid, (usize, &str)> = territories.iter().enumerate().map(|(i, t)| (t.id, (i, t.name.as_str()))).collect();
    let mut rows: Vec<OverviewRow> = per_territory
        .iter()
        .filter_map(|((territory, kind), counts)| {
            let (_, name) = place.get(&(*territory)?)?;
            Some(OverviewRow {
                territory_id: (*territory)?,
                territory_name: name.to_string(),
                kind_code: kind.clone(),
                services: counts.services,
                capacities: units_of(counts),
            })
        })
        .collect();
    rows.sort_by_key(|r| (place[&r.territory_id].0, kind_order(&r.kind_code)));

    let mut totals: Vec<OverviewTotal> = counts(db, Per::Kind, root)
        .await?
        .into_iter()
        .map(|((_, kind), counts)| OverviewTotal { capacities: units_of(&counts), kind_code: kind, services: counts.services })
        .collect();
    totals.sort_by_key(|t| kind_order(&t.kind_code));
    Ok(NetworkOverview { territory_id: root, provided_on: clock::today(), rows, totals })
}

/// The overview as CSV for Czech Excel: a row per territory and kind, then the totals per kind
/// ("celkem"), with a capacity column per unit.
pub async fn csv<D: ConnectionTrait>(db: &D, overview: &NetworkOverview) -> ApiResult<String> {
    let kinds: HashMap<String, service_kind::Model> =
        service_kind::Entity::find().all(db).await?.into_iter().map(|k| (k.code.clone(), k)).collect();
    let described = |code: &Option<String>| match code.as_ref().and_then(|c| kinds.get(c)) {
        Some(kind) => (kind.paragraph.clone(), kind.name.clone()),
        None => (String::new(), code.clone().unwrap_or_else(|| "související aktivita".to_string())),
    };
    let unit_headers: Vec<String> = CapacityUnit::iter().map(|u| format!("Kapacita ({})", capacity_unit_cs(u))).collect();
    let mut out = String::from(excel_csv::BOM);
    let mut header = vec!["Území", "§", "Druh služby", "Počet služeb"];
    header.extend(unit_headers.iter().map(String::as_str));
    csv_row(&mut out, &header);
    let mut line = |territory: &str, kind: &Option<String>, services: i64, capacities: &[UnitTotal]| {
        let (paragraph, name) = described(kind);
        let mut fields = vec![territory.to_string(), paragraph, name, services.to_string()];
        fields.extend(
            CapacityUnit::iter().map(|unit| capacities.iter().find(|c| c.unit == unit).map(|c| c.count.to_string()).unwrap_or_default()),
        );
        csv_row(&mut out, &fields.iter().map(String::as_str).collect::<Vec<_>>());
    };
    for r in &overview.rows {
        line(&r.territory_name, &r.kind_code, r.services, &r.capacities);
    }
    for t in &overview.totals {
        line("celkem", &t.kind_code, t.services, &t.capacities);
    }
    Ok(out)
}
