//! Finding: the words of `q` in the index's folded text, through each database's full-text index,
//! ranked by it (title words weigh more than body words), and only what the caller may read.
use entity::enums::SearchKind;
use entity::search_entry::{self, Column};
use entity::{service, service_link, territory_path};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, JoinType, Query as Sql, SelectStatement};
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select};
use uuid::Uuid;

use super::dto::{MAX_QUERY, MIN_QUERY, SearchHit, SearchPage, SearchParams};
use super::text::{Query, snippet};
use crate::access;
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldError, FieldErrorCode, too_long};
use crate::pagination::{self, PageParams};
use crate::state::AppState;

pub async fn search(state: &AppState, caller: &Caller, params: SearchParams, page: &PageParams) -> ApiResult<SearchPage> {
    let limit = page.limit()?;
    let offset = pagination::offset(page)?;
    // Counted as sent, as the OpenAPI document bounds it; a `q` of blanks finds nothing.
    let q = params.q.as_str();
    let length = q.chars().count();
    if length < MIN_QUERY {
        let short = FieldError::new("q", FieldErrorCode::TooShort, format!("must be at least {MIN_QUERY} characters"));
        return Err(ApiError::Validation(vec![short.with_min(MIN_QUERY as i64)]));
    }
    if length > MAX_QUERY {
        return Err(ApiError::Validation(vec![too_long("q", MAX_QUERY)]));
    }
    let kinds = types(params.types.as_deref())?;
    // Only blanks or signs ("!?"): nothing can hold them.
    let Some(query) = Query::parse(q) else { return Ok(SearchPage { items: Vec::new(), next_cursor: None }) };
    let backend = state.db.get_database_backend();
    // The entries the caller may read that hold the words, narrowed as asked.
    let found = || {
        let mut select = search_entry::Entity::find();
        holding(QueryTrait::query(&mut select), backend, &query);
        if !access::sees_drafts(caller) {
            select = select.filter(Column::Public.eq(true));
        }
        if let Some(kinds) = &kinds {
            select = select.filter(Column::Kind.is_in(kinds.clone()));
        }
        if let Some(root) = params.territory_id {
            select = select.filter(within(root));
        }
        select
    };
    // The last of the first CANDIDATES entries found, in the index's order: what is ranked.
    let last_candidate: Option<i32> = found()
        .select_only()
        .column(Column::Id)
        .order_by(index_order(backend), Order::Asc)
        .offset(CANDIDATES - 1)
        .limit(1)
        .into_tuple()
        .one(&state.db)
        .await?;
    let mut select = ranked(found(), backend, &query);
    if let Some(last) = last_candidate {
        select = select.filter(index_order(backend).lte(last));
    }
    let mut rows = select.order_by_asc(Column::Id).offset(offset).limit(limit + 1).all(&state.db).await?;
    let next_cursor = (rows.len() as u64 > limit).then(|| {
        rows.truncate(limit as usize);
        pagination::offset_cursor(offset + limit, rows.last().map_or(Uuid::nil(), |r| r.entity_id))
    });
    let base = &state.config.public_url;
    let items = rows
        .into_iter()
        .map(|row| SearchHit {
            kind: row.kind,
            id: row.entity_id,
            url: format!("{base}/{}/{}", page_of(row.kind), row.entity_id),
            snippet: snippet(&row.body, &query),
            title: row.title,
        })
        .collect();
    Ok(SearchPage { items, next_cursor })
}

/// `types` as kinds; none when absent (every kind).
fn types(raw: Option<&str>) -> ApiResult<Option<Vec<SearchKind>>> {
    let Some(raw) = raw else { return Ok(None) };
    raw.split(',')
        .map(|t| serde_json::from_value(serde_json::Value::String(t.to_owned())))
        .collect::<Result<Vec<SearchKind>, _>>()
        .map(Some)
        .map_err(|_| {
            ApiError::invalid(
                "types",
                FieldErrorCode::InvalidValue,
                "must list, comma-separated, some of plan, goal, measure, service, organization, working_group, meeting, need",
            )
        })
}

/// Hits are ranked among at most this many entries: the first the index holds (in the order they
/// were indexed) of those holding the words that the caller may read and asked for. Ranking reads
/// each candidate's statistics, so an unbounded ranking costs as much as the words are common: a
/// word every measure holds ("opatření") would rank 100,000 entries at the national size. Fewer
/// candidates than this are all ranked; past them, more words narrow the search.
pub const CANDIDATES: u64 = 1000;

/// The column both the index's order and the candidates' bound are read on: FTS5's rowid on
/// SQLite (whose documents it walks in that order, so the bound ends the walk), the entry's id
/// on PostgreSQL (the same number).
fn index_order(backend: DbBackend) -> Expr {
    match backend {
        DbBackend::Sqlite => Expr::cust("search_fts.rowid"),
        _ => Expr::col((search_entry::Entity, Column::Id)),
    }
}

/// `select` (entries holding the words) best first. FTS5's `bm25` is smaller for better hits,
/// PostgreSQL's `ts_rank` larger; both weigh a word in the title (weight A on PostgreSQL, the
/// first column on SQLite) above one in the text. Both find the same entries; the order of hits
/// that rank alike may differ between them.
fn ranked(mut select: Select<search_entry::Entity>, backend: DbBackend, query: &Query) -> Select<search_entry::Entity> {
    let statement: &mut SelectStatement = QueryTrait::query(&mut select);
    match backend {
        DbBackend::Sqlite => statement.order_by_expr(Expr::cust("bm25(search_fts, 4.0, 1.0)"), Order::Asc),
        _ => statement.order_by_expr(
            Expr::cust_with_values("ts_rank(search_entries.terms_vector, to_tsquery('simple', $1))", [query.tsquery()]),
            Order::Desc,
        ),
    };
    select
}

/// Narrows `statement` (a select from `search_entries`) to the entries holding every word of
/// `query`, through the database's full-text index. (sea-query's placeholder in custom SQL is
/// `?` for SQLite and `$1` for PostgreSQL.)
fn holding(statement: &mut SelectStatement, backend: DbBackend, query: &Query) {
    match backend {
        DbBackend::Sqlite => statement
            .join(JoinType::InnerJoin, Alias::new("search_fts"), Expr::cust("search_fts.rowid = search_entries.id"))
            .and_where(Expr::cust_with_values("search_fts MATCH ?", [query.fts5()])),
        _ => statement.and_where(Expr::cust_with_values("search_entries.terms_vector @@ to_tsquery('simple', $1)", [query.tsquery()])),
    };
}

/// The `q` filter of a list of things the index holds (the catalogue's services and
/// organizations): `id` among the entries of `kind` holding every word of `q`, matched as
/// `/search` matches; none when `q` is absent or blank. A `q` of signs only ("!?") finds nothing.
pub fn containing(backend: DbBackend, kind: SearchKind, q: Option<&str>, id: impl ColumnTrait) -> Option<Expr> {
    let q = q.map(str::trim).filter(|q| !q.is_empty())?;
    let Some(query) = Query::parse(q) else { return Some(Expr::value(false)) };
    let mut ids = Sql::select().column((search_entry::Entity, Column::EntityId)).from(search_entry::Entity).take();
    holding(&mut ids, backend, &query);
    ids.and_where(Column::Kind.eq(kind));
    Some(id.in_subquery(ids))
}

/// The `q` filter of a table that keeps its own words in `column` (the users' `search_terms`,
/// each word between spaces): every word of `q` whole, the last one also as the start of a word,
/// as `/search` matches; none when `q` is absent or blank, and nothing for a `q` of signs only.
/// The words hold only letters and digits, so none is a `LIKE` wildcard.
pub fn words_in(column: impl ColumnTrait, q: Option<&str>) -> Option<Condition> {
    let q = q.map(str::trim).filter(|q| !q.is_empty())?;
    let Some(query) = Query::parse(q) else { return Some(Condition::all().add(Expr::value(false))) };
    let whole = query.whole.iter().fold(Condition::all(), |all, word| all.add(column.like(format!("% {word} %"))));
    Some(whole.add(column.like(format!("% {}%", query.prefix))))
}

/// What lies in `root` or below it: by the entry's territory, and a service by where it works
/// (an organization by where its services do).
fn within(root: Uuid) -> Condition {
    let subtree = Sql::select()
        .column(territory_path::Column::DescendantId)
        .from(territory_path::Entity)
        .and_where(territory_path::Column::AncestorId.eq(root))
        .take();
    let services_there = Sql::select()
        .column(service_link::territory::Column::ServiceId)
        .from(service_link::territory::Entity)
        .and_where(service_link::territory::Column::TerritoryId.in_subquery(subtree.clone()))
        .take();
    let organizations_there = Sql::select()
        .column(service::Column::OrganizationId)
        .from(service::Entity)
        .and_where(service::Column::Id.in_subquery(services_there.clone()))
        .take();
    Condition::any()
        .add(Column::TerritoryId.in_subquery(subtree))
        .add(Condition::all().add(Column::Kind.eq(SearchKind::Service)).add(Column::EntityId.in_subquery(services_there)))
        .add(Condition::all().add(Column::Kind.eq(SearchKind::Organization)).add(Column::EntityId.in_subquery(organizations_there)))
}

/// The web app's path of a kind's pages.
fn page_of(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Plan => "plans",
        SearchKind::Goal => "goals",
        SearchKind::Measure => "measures",
        SearchKind::Service => "services",
        SearchKind::Organization => "organizations",
        SearchKind::WorkingGroup => "working-groups",
        SearchKind::Meeting => "meetings",
        SearchKind::Need => "needs",
    }
}
