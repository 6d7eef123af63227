//! Measure rules and queries.
use chrono::NaiveDate;
use entity::enums::MeasureStatus;
use entity::values::{Funding, FundingList, Indicator, Indicators, StringList};
use std::collections::HashMap;

use entity::measure_link::{partner, service as measure_service, target_group as measure_group};
use entity::need_link::measure as need_measure;
use entity::{goal, measure, measure_update, need, organization, plan, service, target_group};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::dto::{
    Fields, Links, Measure, MeasureCreate, MeasureDetail, MeasureFilters, MeasurePage, MeasurePatch, MeasureRef, NeedRef, ProgressUpdate,
    ProgressUpdateCreate, ProgressUpdatePage,
};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::events::{self, EventType, Subject};
use crate::http::IfMatch;
use crate::lifecycle::{ensure_editable, ensure_not_archived, is_frozen};
use crate::pagination::{self, KeyKind, PageParams, Sort, int_key};
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::territories::scope;
use crate::{access, action_plans, money, register};

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<MeasureDetail> {
    let (measure, _, _) = access::measure(&state.db, caller, id).await?;
    let needs = answered_by(&state.db, id).await?;
    Ok(MeasureDetail { measure: answer(&state.db, measure).await?, needs })
}

/// The needs `measure` answers, in the order they were reported (needs are public).
async fn answered_by<D: ConnectionTrait>(db: &D, measure: Uuid) -> ApiResult<Vec<NeedRef>> {
    let answered = Query::select()
        .column(need_measure::Column::NeedId)
        .from(need_measure::Entity)
        .and_where(need_measure::Column::MeasureId.eq(measure))
        .take();
    let rows = need::Entity::find().filter(need::Column::Id.in_subquery(answered)).order_by_asc(need::Column::Id).all(db).await?;
    Ok(rows.into_iter().map(NeedRef::from_model).collect())
}

/// The network rows `measures` name, three queries whatever their number.
pub async fn links_of<D: ConnectionTrait>(db: &D, measures: &[Uuid]) -> ApiResult<HashMap<Uuid, Links>> {
    let mut links: HashMap<Uuid, Links> = HashMap::new();
    if measures.is_empty() {
        return Ok(links);
    }
    let ids = || measures.iter().copied();
    let partners = partner::Entity::find().filter(partner::Column::MeasureId.is_in(ids())).order_by_asc(partner::Column::Id);
    for row in partners.all(db).await? {
        links.entry(row.measure_id).or_default().partner_organization_ids.push(row.organization_id);
    }
    let services =
        measure_service::Entity::find().filter(measure_service::Column::MeasureId.is_in(ids())).order_by_asc(measure_service::Column::Id);
    for row in services.all(db).await? {
        links.entry(row.measure_id).or_default().service_ids.push(row.service_id);
    }
    let groups =
        measure_group::Entity::find().filter(measure_group::Column::MeasureId.is_in(ids())).order_by_asc(measure_group::Column::Id);
    for row in groups.all(db).await? {
        links.entry(row.measure_id).or_default().target_group_codes.push(row.target_group_code);
    }
    Ok(links)
}

/// `rows` answered with their links.
pub async fn answer_all<D: ConnectionTrait>(db: &D, rows: Vec<measure::Model>) -> ApiResult<Vec<Measure>> {
    let mut links = links_of(db, &rows.iter().map(|m| m.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .into_iter()
        .map(|m| {
            let own = links.remove(&m.id).unwrap_or_default();
            Measure::from_model(m, own)
        })
        .collect())
}

async fn answer<D: ConnectionTrait>(db: &D, row: measure::Model) -> ApiResult<Measure> {
    answer_all(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)
}

/// What a measure may name from the network: `None` is "not given".
#[derive(Clone, Copy)]
struct References<'a> {
    responsible: Option<Uuid>,
    partners: Option<&'a [Uuid]>,
    services: Option<&'a [Uuid]>,
    target_groups: Option<&'a [String]>,
}

/// The ids of `E` among `wanted`, in one query.
async fn existing<D: ConnectionTrait, E: EntityTrait, V>(db: &D, column: E::Column, wanted: Vec<V>) -> ApiResult<Vec<V>>
where
    V: Into<sea_orm::Value> + sea_orm::TryGetable + Send,
{
    Ok(E::find().select_only().column(column).filter(column.is_in(wanted)).into_tuple().all(db).await?)
}

/// 422 naming each reference that points nowhere (`service_ids[1]`).
async fn check_references<D: ConnectionTrait>(db: &D, r: References<'_>) -> ApiResult<()> {
    let mut v = Validator::new();
    let organizations: Vec<Uuid> = r.responsible.into_iter().chain(r.partners.unwrap_or_default().iter().copied()).collect();
    let known = existing::<_, organization::Entity, _>(db, organization::Column::Id, organizations).await?;
    if let Some(id) = r.responsible {
        v.check(known.contains(&id), "responsible_organization_id", FieldErrorCode::NotFound, "no such organization");
    }
    for (i, id) in r.partners.unwrap_or_default().iter().enumerate() {
        v.check(known.contains(id), &format!("partner_organization_ids[{i}]"), FieldErrorCode::NotFound, "no such organization");
    }
    if let Some(ids) = r.services.filter(|s| !s.is_empty()) {
        let known = existing::<_, service::Entity, _>(db, service::Column::Id, ids.to_vec()).await?;
        for (i, id) in ids.iter().enumerate() {
            v.check(known.contains(id), &format!("service_ids[{i}]"), FieldErrorCode::NotFound, "no such service");
        }
    }
    if let Some(codes) = r.target_groups.filter(|c| !c.is_empty()) {
        let known = existing::<_, target_group::Entity, _>(db, target_group::Column::Code, codes.to_vec()).await?;
        for (i, code) in codes.iter().enumerate() {
            v.check(known.contains(code), &format!("target_group_codes[{i}]"), FieldErrorCode::NotFound, "no such target group");
        }
    }
    v.finish()
}

/// Replaces whichever of a measure's lists the write carries.
async fn write_links<D: ConnectionTrait>(db: &D, id: Uuid, r: References<'_>) -> ApiResult<()> {
    if let Some(ids) = r.partners {
        partner::Entity::delete_many().filter(partner::Column::MeasureId.eq(id)).exec(db).await?;
        for organization in ids {
            partner::ActiveModel { id: Set(Uuid::now_v7()), measure_id: Set(id), organization_id: Set(*organization) }.insert(db).await?;
        }
    }
    if let Some(ids) = r.services {
        measure_service::Entity::delete_many().filter(measure_service::Column::MeasureId.eq(id)).exec(db).await?;
        for service in ids {
            measure_service::ActiveModel { id: Set(Uuid::now_v7()), measure_id: Set(id), service_id: Set(*service) }.insert(db).await?;
        }
    }
    if let Some(codes) = r.target_groups {
        measure_group::Entity::delete_many().filter(measure_group::Column::MeasureId.eq(id)).exec(db).await?;
        for code in codes {
            measure_group::ActiveModel { id: Set(Uuid::now_v7()), measure_id: Set(id), target_group_code: Set(code.clone()) }
                .insert(db)
                .await?;
        }
    }
    Ok(())
}

/// Gives each copy the network rows of its original (`pairs` of original and copy): the partners,
/// services and target groups a plan's successor keeps. One query a list to read, one to write.
pub async fn copy_links<D: ConnectionTrait>(db: &D, pairs: &[(Uuid, Uuid)]) -> ApiResult<()> {
    let originals: Vec<Uuid> = pairs.iter().map(|(original, _)| *original).collect();
    let links = links_of(db, &originals).await?;
    let (mut partners, mut services, mut groups) = (Vec::new(), Vec::new(), Vec::new());
    for (original, copy) in pairs {
        let Some(own) = links.get(original) else { continue };
        let measure_id = Set(*copy);
        partners.extend(own.partner_organization_ids.iter().map(|o| partner::ActiveModel {
            id: Set(Uuid::now_v7()),
            measure_id: measure_id.clone(),
            organization_id: Set(*o),
        }));
        services.extend(own.service_ids.iter().map(|s| measure_service::ActiveModel {
            id: Set(Uuid::now_v7()),
            measure_id: measure_id.clone(),
            service_id: Set(*s),
        }));
        groups.extend(own.target_group_codes.iter().map(|c| measure_group::ActiveModel {
            id: Set(Uuid::now_v7()),
            measure_id: measure_id.clone(),
            target_group_code: Set(c.clone()),
        }));
    }
    // Well under SQLite's limit on bound values per statement.
    for chunk in partners.chunks(500) {
        partner::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for chunk in services.chunks(500) {
        measure_service::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    for chunk in groups.chunks(500) {
        measure_group::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}

/// Whom a list of measures concerns.
#[derive(Debug, Clone, Copy)]
pub enum Concerning {
    Service(Uuid),
    /// Responsible or partner.
    Organization(Uuid),
}

/// 409 `in_use` while measures name the service or organization: a measure is part of a plan's
/// text, so unlinking it silently would change a plan, approved ones too. Whoever deletes is
/// signed in, so sees every plan: the count is of all of them.
pub async fn ensure_unnamed<D: ConnectionTrait>(db: &D, caller: &Caller, whom: Concerning) -> ApiResult<()> {
    let naming = concerning(db, caller, whom).await?.len();
    if naming == 0 {
        return Ok(());
    }
    let what = match whom {
        Concerning::Service(_) => "service",
        Concerning::Organization(_) => "organization",
    };
    Err(ApiError::Conflict(ConflictCode::InUse, format!("{naming} measure(s) name the {what}; remove it from them first")))
}

/// The measures, of plans the caller may see, that name a service or an organization, in the
/// order they were created; one query (two for a service).
pub async fn concerning<D: ConnectionTrait>(db: &D, caller: &Caller, whom: Concerning) -> ApiResult<Vec<MeasureRef>> {
    let id = match whom {
        Concerning::Service(id) => return Ok(naming_services(db, caller, &[id]).await?.remove(&id).unwrap_or_default()),
        Concerning::Organization(id) => id,
    };
    let partnering =
        Query::select().column(partner::Column::MeasureId).from(partner::Entity).and_where(partner::Column::OrganizationId.eq(id)).take();
    let mut select = measure::Entity::find().filter(
        sea_orm::Condition::any().add(measure::Column::ResponsibleOrganizationId.eq(id)).add(measure::Column::Id.in_subquery(partnering)),
    );
    if let Some(visible) = access::of_visible_plans(caller, measure::Column::PlanId) {
        select = select.filter(visible);
    }
    let rows = select.order_by_asc(measure::Column::Id).all(db).await?;
    Ok(rows.into_iter().map(|m| MeasureRef { id: m.id, code: m.code, title: m.title, plan_id: m.plan_id }).collect())
}

/// For each of `services`, the measures (of plans the caller may see) that name it, in the order
/// they were created: two queries however many services, so a page of the catalogue carries its
/// measures without a request per card.
pub async fn naming_services<D: ConnectionTrait>(db: &D, caller: &Caller, services: &[Uuid]) -> ApiResult<HashMap<Uuid, Vec<MeasureRef>>> {
    let mut naming: HashMap<Uuid, Vec<MeasureRef>> = HashMap::new();
    if services.is_empty() {
        return Ok(naming);
    }
    let links: Vec<(Uuid, Uuid)> = measure_service::Entity::find()
        .select_only()
        .column(measure_service::Column::MeasureId)
        .column(measure_service::Column::ServiceId)
        .filter(measure_service::Column::ServiceId.is_in(services.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(naming);
    }
    let mut select = measure::Entity::find()
        .select_only()
        .columns([measure::Column::Id, measure::Column::Code, measure::Column::Title, measure::Column::PlanId])
        .filter(measure::Column::Id.is_in(links.iter().map(|(m, _)| *m)));
    if let Some(visible) = access::of_visible_plans(caller, measure::Column::PlanId) {
        select = select.filter(visible);
    }
    let rows: Vec<(Uuid, String, String, Uuid)> = select.into_tuple().all(db).await?;
    let measures: HashMap<Uuid, MeasureRef> =
        rows.into_iter().map(|(id, code, title, plan_id)| (id, MeasureRef { id, code, title, plan_id })).collect();
    // Measure ids are v7 UUIDs: in id order is in the order they were created.
    let mut links = links;
    links.sort_unstable();
    for (measure, service) in links {
        if let Some(m) = measures.get(&measure) {
            naming.entry(service).or_default().push(m.clone());
        }
    }
    Ok(naming)
}

/// Measures of one goal, in order.
pub async fn list_of_goal(state: &AppState, caller: &Caller, goal_id: Uuid, page: &PageParams) -> ApiResult<MeasurePage> {
    access::goal(&state.db, caller, goal_id).await?;
    let filters = MeasureFilters { plan_id: None, goal_id: Some(goal_id), working_group_id: None, status: None, territory_id: None };
    list(state, caller, filters, page).await
}

pub async fn list(state: &AppState, caller: &Caller, filters: MeasureFilters, page: &PageParams) -> ApiResult<MeasurePage> {
    let mut select = measure::Entity::find();
    if let Some(visible) = access::of_visible_plans(caller, measure::Column::PlanId) {
        select = select.filter(visible);
    }
    if let Some(id) = filters.plan_id {
        select = select.filter(measure::Column::PlanId.eq(id));
    }
    if let Some(id) = filters.goal_id {
        select = select.filter(measure::Column::GoalId.eq(id));
    }
    if let Some(id) = filters.working_group_id {
        let owned = Query::select().column(goal::Column::Id).from(goal::Entity).and_where(goal::Column::WorkingGroupId.eq(id)).to_owned();
        select = select.filter(measure::Column::GoalId.in_subquery(owned));
    }
    if let Some(status) = filters.status {
        select = select.filter(measure::Column::Status.eq(status));
    }
    if let Some(root) = filters.territory_id {
        select = select.filter(measure::Column::PlanId.in_subquery(scope::rows_within(plan::Column::Id, plan::Column::TerritoryId, root)));
    }
    // Within one goal the order is by position; across goals it stays stable and total.
    let sort = Sort { key: Some((measure::Column::Position, KeyKind::Int)), id: measure::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |m| (int_key(m.position), m.id)).await?;
    Ok(MeasurePage { items: answer_all(&state.db, rows).await?, next_cursor })
}

async fn ensure_code_free<D: ConnectionTrait>(db: &D, goal_id: Uuid, code: &str, this: Option<Uuid>) -> ApiResult<()> {
    let mut select = measure::Entity::find().filter(measure::Column::GoalId.eq(goal_id)).filter(measure::Column::Code.eq(code));
    if let Some(this) = this {
        select = select.filter(measure::Column::Id.ne(this));
    }
    if select.count(db).await? > 0 {
        return Err(ApiError::duplicate("code", format!("the code {code} is already used by another measure of this goal")));
    }
    Ok(())
}

fn trimmed(list: &[String]) -> StringList {
    StringList(list.iter().map(|s| s.trim().to_string()).collect())
}

pub async fn create(state: &AppState, caller: &Caller, goal_id: Uuid, body: MeasureCreate) -> ApiResult<Measure> {
    let txn = crate::db::begin(&state.db).await?;
    let (goal, plan) = access::goal(&txn, caller, goal_id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    ensure_editable(plan.status)?;
    let mut v = Validator::new();
    Fields {
        code: Some(&body.code),
        title: Some(&body.title),
        description: Some(&body.description),
        responsible: Some(&body.responsible),
        partners: Some(&body.partners),
        target_groups: Some(&body.target_groups),
        partner_organization_ids: Some(&body.partner_organization_ids),
        service_ids: Some(&body.service_ids),
        target_group_codes: Some(&body.target_group_codes),
        dates: (body.start_date, body.end_date),
        progress: body.progress,
        weight: body.weight,
        estimated_cost: body.estimated_cost.as_deref(),
        funding: Some(&body.funding_sources),
        indicators: Some(&body.indicators),
        note: Some(&body.implementation_note),
    }
    .validate(&mut v);
    v.position(body.position);
    v.finish()?;
    let references = References {
        responsible: body.responsible_organization_id,
        partners: Some(&body.partner_organization_ids),
        services: Some(&body.service_ids),
        target_groups: Some(&body.target_group_codes),
    };
    check_references(&txn, references).await?;
    let code = body.code.trim().to_string();
    ensure_code_free(&txn, goal_id, &code, None).await?;
    let position = match body.position {
        Some(p) => p,
        None => next_position(&txn, goal_id).await?,
    };
    let measure = new_row(&body, &goal, code, position).insert(&txn).await?;
    write_links(&txn, measure.id, references).await?;
    audit::record(&txn, caller, "create", "measure", Some(measure.id), changes_of(&body)).await?;
    let measure = answer(&txn, measure).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Measure, &[measure.id]).await?;
    txn.commit().await?;
    Ok(measure)
}

/// After the goal's last measure.
async fn next_position<D: ConnectionTrait>(db: &D, goal_id: Uuid) -> ApiResult<i32> {
    let last = measure::Entity::find().filter(measure::Column::GoalId.eq(goal_id)).order_by_desc(measure::Column::Position).one(db).await?;
    Ok(last.map_or(1, |m| m.position.saturating_add(1)))
}

/// A new measure of `goal` as `body` describes it, stored the way `apply` stores a patch (texts
/// and labels trimmed, money parsed).
fn new_row(body: &MeasureCreate, goal: &goal::Model, code: String, position: i32) -> measure::ActiveModel {
    let now = clock::now();
    measure::ActiveModel {
        id: Set(Uuid::now_v7()),
        goal_id: Set(goal.id),
        plan_id: Set(goal.plan_id),
        code: Set(code),
        title: Set(body.title.trim().to_string()),
        description: Set(body.description.clone()),
        responsible: Set(body.responsible.trim().to_string()),
        responsible_organization_id: Set(body.responsible_organization_id),
        partners: Set(trimmed(&body.partners)),
        target_groups: Set(trimmed(&body.target_groups)),
        start_date: Set(body.start_date),
        end_date: Set(body.end_date),
        status: Set(body.status.unwrap_or(MeasureStatus::Planned)),
        progress: Set(body.progress.unwrap_or(0)),
        weight: Set(body.weight.unwrap_or(1)),
        estimated_cost: Set(body.estimated_cost.as_deref().and_then(money::parse)),
        funding_sources: Set(FundingList(body.funding_sources.clone())),
        indicators: Set(Indicators(body.indicators.clone())),
        implementation_note: Set(body.implementation_note.clone()),
        position: Set(position),
        previous_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: MeasurePatch) -> ApiResult<Measure> {
    let txn = crate::db::begin(&state.db).await?;
    let (current, goal, plan) = access::measure(&txn, caller, id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    if_match.check(current.version)?;
    if patch.changes_texts() {
        ensure_editable(plan.status)?;
    } else {
        ensure_not_archived(plan.status)?;
    }
    validate_patch(&current, &patch)?;
    if is_frozen(plan.status) {
        ensure_definitions_kept(&current, &patch)?;
    }
    if let Some(code) = &patch.code {
        ensure_code_free(&txn, current.goal_id, code.trim(), Some(id)).await?;
    }
    let references = References {
        responsible: patch.responsible_organization_id.flatten(),
        partners: patch.partner_organization_ids.as_deref(),
        services: patch.service_ids.as_deref(),
        target_groups: patch.target_group_codes.as_deref(),
    };
    check_references(&txn, references).await?;
    let version = current.version;
    let state_changes = patch.status.is_some_and(|s| s != current.status) || patch.progress.is_some_and(|p| p != current.progress);
    let mut active = current.into_active_model();
    apply(&mut active, &patch);
    let measure = update_versioned(&txn, active, id, version).await?;
    write_links(&txn, id, references).await?;
    if state_changes {
        // The timeline is the record of implementation, so a direct edit of the state joins it too.
        record_update(&txn, caller, id, clock::today(), measure.status, measure.progress, String::new()).await?;
    }
    audit::record(&txn, caller, "update", "measure", Some(id), changes_of(&patch)).await?;
    let subject = Subject::measure(measure.id, &measure.title, measure.status, measure.progress, &plan);
    events::record(&txn, EventType::MeasureUpdated, subject).await?;
    let measure = answer(&txn, measure).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Measure, &[id]).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(measure)
}

/// 422 naming every field of the patch that is wrong; dates are checked together with the ones
/// the patch leaves as they are.
fn validate_patch(current: &measure::Model, patch: &MeasurePatch) -> ApiResult<()> {
    let mut v = Validator::new();
    Fields {
        code: patch.code.as_deref(),
        title: patch.title.as_deref(),
        description: patch.description.as_deref(),
        responsible: patch.responsible.as_deref(),
        partners: patch.partners.as_deref(),
        target_groups: patch.target_groups.as_deref(),
        partner_organization_ids: patch.partner_organization_ids.as_deref(),
        service_ids: patch.service_ids.as_deref(),
        target_group_codes: patch.target_group_codes.as_deref(),
        dates: (patch.start_date.unwrap_or(current.start_date), patch.end_date.unwrap_or(current.end_date)),
        progress: patch.progress,
        weight: patch.weight,
        estimated_cost: patch.estimated_cost.as_ref().and_then(|c| c.as_deref()),
        funding: patch.funding_sources.as_deref(),
        indicators: patch.indicators.as_deref(),
        note: patch.implementation_note.as_deref(),
    }
    .validate(&mut v);
    v.position(patch.position);
    v.finish()
}

/// The patch's fields onto the row, stored the way `create` stores them (texts and labels
/// trimmed, money parsed).
fn apply(a: &mut measure::ActiveModel, p: &MeasurePatch) {
    let trim = |t: &String| t.trim().to_string();
    given(&mut a.code, p.code.as_ref().map(trim));
    given(&mut a.title, p.title.as_ref().map(trim));
    given(&mut a.description, p.description.clone());
    given(&mut a.responsible, p.responsible.as_ref().map(trim));
    given(&mut a.responsible_organization_id, p.responsible_organization_id);
    given(&mut a.partners, p.partners.as_deref().map(trimmed));
    given(&mut a.target_groups, p.target_groups.as_deref().map(trimmed));
    given(&mut a.start_date, p.start_date);
    given(&mut a.end_date, p.end_date);
    given(&mut a.weight, p.weight);
    given(&mut a.estimated_cost, p.estimated_cost.as_ref().map(|c| c.as_deref().and_then(money::parse)));
    given(&mut a.position, p.position);
    given(&mut a.status, p.status);
    given(&mut a.progress, p.progress);
    given(&mut a.indicators, p.indicators.clone().map(Indicators));
    given(&mut a.funding_sources, p.funding_sources.clone().map(FundingList));
    given(&mut a.implementation_note, p.implementation_note.clone());
}

/// After approval indicators and funding rows are part of the approved text: only measured
/// values and actual amounts may change, never what is measured, the targets or planned money.
fn ensure_definitions_kept(current: &measure::Model, patch: &MeasurePatch) -> ApiResult<()> {
    let frozen = |what: &str| {
        Err(ApiError::Conflict(
            ConflictCode::Frozen,
            format!(
                "{what} of an approved plan are frozen since approval; only yearly indicator values and actual funding amounts may change"
            ),
        ))
    };
    let same_indicator =
        |a: &Indicator, b: &Indicator| a.name == b.name && a.unit == b.unit && a.baseline == b.baseline && a.target == b.target;
    if let Some(new) = &patch.indicators
        && (new.len() != current.indicators.0.len() || !new.iter().zip(&current.indicators.0).all(|(n, c)| same_indicator(n, c)))
    {
        return frozen("indicator definitions (name, unit, baseline, target, which indicators there are)");
    }
    let same_row =
        |a: &Funding, b: &Funding| a.year == b.year && a.source == b.source && money::parse(&a.planned) == money::parse(&b.planned);
    if let Some(new) = &patch.funding_sources
        && (new.len() != current.funding_sources.0.len() || !new.iter().zip(&current.funding_sources.0).all(|(n, c)| same_row(n, c)))
    {
        return frozen("funding rows (year, source, planned amount, which rows there are)");
    }
    Ok(())
}

pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    let txn = crate::db::begin(&state.db).await?;
    let (measure, goal, plan) = access::measure(&txn, caller, id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    if_match.check(measure.version)?;
    ensure_editable(plan.status)?;
    action_plans::service::ensure_unnamed(&txn, plan.id, action_plans::service::Named::Measure(id)).await?;
    register::clear_for_deletion(&txn, vec![], vec![id]).await?;
    measure::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "measure", Some(id), Default::default()).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Measure, &[id]).await?;
    txn.commit().await?;
    Ok(())
}

async fn record_update<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    measure_id: Uuid,
    date: NaiveDate,
    status: MeasureStatus,
    progress: i32,
    note: String,
) -> ApiResult<measure_update::Model> {
    Ok(measure_update::ActiveModel {
        id: Set(Uuid::now_v7()),
        measure_id: Set(measure_id),
        date: Set(date),
        status: Set(status),
        progress: Set(progress),
        note: Set(note),
        author_id: Set(caller.user_id()),
        author_name: Set(caller.display_name()),
        created_at: Set(clock::now()),
    }
    .insert(db)
    .await?)
}

/// Records a progress update; the newest one (by date) also sets the measure's status and
/// progress, so back-filled history does not overwrite the current state.
pub async fn add_update(state: &AppState, caller: &Caller, id: Uuid, body: ProgressUpdateCreate) -> ApiResult<ProgressUpdate> {
    let txn = crate::db::begin(&state.db).await?;
    let (measure, goal, plan) = access::measure(&txn, caller, id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    ensure_not_archived(plan.status)?;
    let today = clock::today();
    let date = body.date.unwrap_or(today);
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let latest = measure_update::Entity::find()
        .filter(measure_update::Column::MeasureId.eq(id))
        .order_by_desc(measure_update::Column::Date)
        .one(&txn)
        .await?;
    if latest.is_none_or(|u| date >= u.date) {
        let version = measure.version;
        let mut active = measure.into_active_model();
        active.status = Set(body.status);
        active.progress = Set(body.progress);
        update_versioned(&txn, active, id, version).await?;
    }
    let update = record_update(&txn, caller, id, date, body.status, body.progress, body.note.clone()).await?;
    audit::record(&txn, caller, "progress_update", "measure", Some(id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(ProgressUpdate::from_model(update))
}

/// The measure's timeline, oldest first.
pub async fn updates(state: &AppState, caller: &Caller, id: Uuid, page: &PageParams) -> ApiResult<ProgressUpdatePage> {
    access::measure(&state.db, caller, id).await?;
    let select = measure_update::Entity::find().filter(measure_update::Column::MeasureId.eq(id));
    let sort = Sort { key: None, id: measure_update::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |u| (None, u.id)).await?;
    Ok(ProgressUpdatePage { items: rows.into_iter().map(ProgressUpdate::from_model).collect(), next_cursor })
}

/// Used by the plan tree: every measure of a plan in order, and their links (four queries).
pub async fn of_plan<D: ConnectionTrait>(db: &D, plan_id: Uuid) -> ApiResult<(Vec<measure::Model>, HashMap<Uuid, Links>)> {
    let rows = measure::Entity::find()
        .filter(measure::Column::PlanId.eq(plan_id))
        .order_by_asc(measure::Column::Position)
        .order_by_asc(measure::Column::Id)
        .all(db)
        .await?;
    let links = links_of(db, &rows.iter().map(|m| m.id).collect::<Vec<_>>()).await?;
    Ok((rows, links))
}
