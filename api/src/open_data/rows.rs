//! A dataset's rows, a page at a time in the order of their ids (keys of the primary index, so a
//! page costs the same at the first row and the millionth). Each row holds its dataset's fields in
//! the dictionary's order (`catalogue.rs`), as JSON values.
use std::collections::HashSet;

use entity::enums::CommentStatus;
use entity::{comment, goal, measure, meeting, need, organization, plan, service, working_group};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};
use uuid::Uuid;

use super::catalogue::DatasetId;
use crate::access;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::services::service::lists_of;

/// Rows read by one query.
pub const PAGE_ROWS: u64 = 500;

pub type Row = Vec<Value>;

/// One page: its rows, and where the next page starts (none after the last).
pub struct Page {
    pub rows: Vec<Row>,
    pub next: Option<Uuid>,
}

/// Which of `plans` an anonymous reader may see (the access rule's own condition), one query.
async fn public_plans<D: ConnectionTrait>(db: &D, plans: impl IntoIterator<Item = Uuid>) -> ApiResult<HashSet<Uuid>> {
    let mut select = plan::Entity::find().select_only().column(plan::Column::Id).filter(plan::Column::Id.is_in(plans));
    if let Some(visible) = access::visible_plans(&Caller::anonymous()) {
        select = select.filter(visible);
    }
    Ok(select.into_tuple::<Uuid>().all(db).await?.into_iter().collect())
}

/// The rows among the next `PAGE_ROWS` ids of the table after `after`, and where the next window
/// starts. Both queries go by the primary key alone, and each dataset keeps what it publishes of
/// the window itself: with a filter in the query, a database may walk another index instead
/// (SQLite took the comments' status index and read every published comment for each page, so
/// a page cost the whole table). So a page may hold fewer rows than the window, or none, and
/// still not be the last.
async fn page_of<D, E>(db: &D, id: E::Column, after: Option<Uuid>) -> ApiResult<(Vec<E::Model>, Option<Uuid>)>
where
    D: ConnectionTrait,
    E: EntityTrait,
{
    let mut window = E::find().select_only().column(id).order_by_asc(id).limit(PAGE_ROWS);
    if let Some(after) = after {
        window = window.filter(id.gt(after));
    }
    let window: Vec<Uuid> = window.into_tuple().all(db).await?;
    let next = (window.len() as u64 == PAGE_ROWS).then(|| window.last().copied()).flatten();
    if window.is_empty() {
        return Ok((Vec::new(), None));
    }
    let models = E::find().filter(id.is_in(window)).order_by_asc(id).all(db).await?;
    Ok((models, next))
}

/// The page of `dataset` after `after` (from the start for none).
pub async fn page<D: ConnectionTrait>(db: &D, dataset: DatasetId, after: Option<Uuid>) -> ApiResult<Page> {
    Ok(match dataset {
        DatasetId::Plans => plans(db, after).await?,
        DatasetId::Goals => goals(db, after).await?,
        DatasetId::Measures => measures(db, after, measure_row).await?,
        DatasetId::IndicatorValues => measures(db, after, indicator_rows).await?,
        DatasetId::Funding => measures(db, after, funding_rows).await?,
        DatasetId::Services => services(db, after).await?,
        DatasetId::Organizations => organizations(db, after).await?,
        DatasetId::WorkingGroups => working_groups(db, after).await?,
        DatasetId::Meetings => meetings(db, after).await?,
        DatasetId::Needs => needs(db, after).await?,
        DatasetId::ConsultationComments => comments(db, after).await?,
    })
}

async fn plans<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (mut models, next) = page_of::<_, plan::Entity>(db, plan::Column::Id, after).await?;
    let public = public_plans(db, models.iter().map(|p| p.id)).await?;
    models.retain(|p| public.contains(&p.id));
    let rows = models
        .into_iter()
        .map(|p| {
            vec![
                json!(p.id),
                json!(p.title),
                json!(p.territory),
                json!(p.territory_id),
                json!(p.period_start),
                json!(p.period_end),
                json!(p.status),
                json!(p.summary),
                json!(p.vision),
                json!(p.consultation_closes_at),
                json!(p.approval_resolution),
                json!(p.approved_on),
                json!(p.updated_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}

async fn goals<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (mut models, next) = page_of::<_, goal::Entity>(db, goal::Column::Id, after).await?;
    let public = public_plans(db, models.iter().map(|g| g.plan_id)).await?;
    models.retain(|g| public.contains(&g.plan_id));
    let rows = models
        .into_iter()
        .map(|g| {
            vec![
                json!(g.id),
                json!(g.plan_id),
                json!(g.parent_goal_id),
                json!(g.working_group_id),
                json!(g.code),
                json!(g.title),
                json!(g.description),
                json!(g.position),
                json!(g.updated_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}

fn measure_row(m: measure::Model) -> Vec<Row> {
    vec![vec![
        json!(m.id),
        json!(m.plan_id),
        json!(m.goal_id),
        json!(m.code),
        json!(m.title),
        json!(m.description),
        json!(m.responsible),
        json!(m.responsible_organization_id),
        json!(m.partners.0),
        json!(m.target_groups.0),
        json!(m.start_date),
        json!(m.end_date),
        json!(m.status),
        json!(m.progress),
        json!(m.estimated_cost),
        json!(m.implementation_note),
        json!(m.updated_at),
    ]]
}

/// A measure's indicator values, in the long format: a row per indicator and year.
fn indicator_rows(m: measure::Model) -> Vec<Row> {
    let mut rows = Vec::new();
    for indicator in m.indicators.0 {
        for value in &indicator.values {
            rows.push(vec![
                json!(m.id),
                json!(m.plan_id),
                json!(indicator.name),
                json!(indicator.unit),
                json!(indicator.baseline),
                json!(indicator.target),
                json!(value.year),
                json!(value.value),
            ]);
        }
    }
    rows
}

/// Money is kept as decimal strings ("125000.00"); the dataset gives numbers.
fn amount(text: &str) -> Value {
    text.parse::<f64>().map_or(Value::Null, |n| json!(n))
}

fn funding_rows(m: measure::Model) -> Vec<Row> {
    m.funding_sources
        .0
        .into_iter()
        .map(|f| {
            vec![
                json!(m.id),
                json!(m.plan_id),
                json!(f.year),
                json!(f.source),
                amount(&f.planned),
                f.actual.as_deref().map_or(Value::Null, amount),
            ]
        })
        .collect()
}

/// Measures of public plans, each made into its rows by `rows`: the measure itself, or its
/// indicator values or funding (a page is a page of measures, so of at most as many rows as they hold).
async fn measures<D: ConnectionTrait>(db: &D, after: Option<Uuid>, rows: fn(measure::Model) -> Vec<Row>) -> ApiResult<Page> {
    let (mut models, next) = page_of::<_, measure::Entity>(db, measure::Column::Id, after).await?;
    let public = public_plans(db, models.iter().map(|m| m.plan_id)).await?;
    models.retain(|m| public.contains(&m.plan_id));
    Ok(Page { rows: models.into_iter().flat_map(rows).collect(), next })
}

async fn services<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (models, next) = page_of::<_, service::Entity>(db, service::Column::Id, after).await?;
    let mut lists = lists_of(db, &models.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
    let names: std::collections::HashMap<Uuid, String> = organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::Name)
        .filter(organization::Column::Id.is_in(models.iter().map(|s| s.organization_id)))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let rows = models
        .into_iter()
        .map(|s| {
            let own = lists.remove(&s.id).unwrap_or_default();
            let capacities: Vec<String> =
                own.capacities.iter().map(|c| format!("{}/{}/{}", c.form.as_str(), c.unit.as_str(), c.count)).collect();
            vec![
                json!(s.id),
                json!(s.organization_id),
                json!(names.get(&s.organization_id)),
                json!(s.name),
                json!(s.kind_code),
                json!(s.registration_id),
                json!(own.forms),
                json!(own.target_group_codes),
                json!(capacities),
                json!(own.territory_ids),
                json!(s.address),
                json!(s.municipality_code),
                json!(s.web),
                json!(s.phone),
                json!(s.valid_from),
                json!(s.valid_to),
                json!(s.updated_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}

async fn organizations<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (models, next) = page_of::<_, organization::Entity>(db, organization::Column::Id, after).await?;
    let rows = models
        .into_iter()
        .map(|o| {
            vec![
                json!(o.id),
                json!(o.name),
                json!(o.ico),
                json!(o.kind),
                json!(o.address),
                json!(o.web),
                json!(o.phone),
                json!(o.description),
                json!(o.updated_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}

async fn working_groups<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (models, next) = page_of::<_, working_group::Entity>(db, working_group::Column::Id, after).await?;
    let rows = models
        .into_iter()
        .map(|g| {
            vec![
                json!(g.id),
                json!(g.name),
                json!(g.kind),
                json!(g.target_group),
                json!(g.description),
                json!(g.vision),
                json!(g.is_active),
                json!(g.territory_id),
                json!(g.updated_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}

async fn meetings<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (models, next) = page_of::<_, meeting::Entity>(db, meeting::Column::Id, after).await?;
    let rows = models
        .into_iter()
        .map(|m| {
            vec![
                json!(m.id),
                json!(m.working_group_id),
                json!(m.title),
                json!(m.starts_at),
                json!(m.ends_at),
                json!(m.format),
                json!(m.location),
                json!(m.status),
                json!(m.updated_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}

async fn needs<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (models, next) = page_of::<_, need::Entity>(db, need::Column::Id, after).await?;
    let rows = models
        .into_iter()
        .map(|n| {
            vec![
                json!(n.id),
                json!(n.title),
                json!(n.description),
                json!(n.territory_id),
                json!(n.source),
                json!(n.status),
                json!(n.working_group_id),
                json!(n.response),
                json!(n.duplicate_of),
                json!(n.created_at),
                json!(n.updated_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}

/// Settled consultation comments, published, of public plans.
async fn comments<D: ConnectionTrait>(db: &D, after: Option<Uuid>) -> ApiResult<Page> {
    let (mut models, next) = page_of::<_, comment::Entity>(db, comment::Column::Id, after).await?;
    let public = public_plans(db, models.iter().filter_map(|c| c.plan_id)).await?;
    models.retain(|c| {
        c.is_consultation
            && c.status == CommentStatus::Published
            && c.resolution.is_some()
            && c.plan_id.is_some_and(|plan| public.contains(&plan))
    });
    let rows = models
        .into_iter()
        .map(|c| {
            vec![
                json!(c.id),
                json!(c.plan_id),
                json!(c.target_type),
                json!(c.target_id),
                json!(c.body),
                json!(c.channel),
                json!(c.received_on),
                json!(c.resolution),
                json!(c.resolution_note),
                json!(c.resolution_change),
                json!(c.resolved_at),
            ]
        })
        .collect();
    Ok(Page { rows, next })
}
