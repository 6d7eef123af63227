//! Need rules and queries: anyone reports (anonymous reports limited per address), coordinators
//! where a need lies and leaders of its working group review it, coordinators correct and delete.
//! Nothing reported is silently dropped: a duplicate points to the need it duplicates, and a need
//! others point to cannot be deleted.
use std::collections::HashMap;

use entity::enums::{NeedSource, NeedStatus};
use entity::need_link::{measure as need_measure, target_group as need_group};
use entity::{measure, need, plan, territory, working_group};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use super::dto::{Lists, Need, NeedCreate, NeedFilters, NeedPage, NeedPatch};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::events::{self, EventType, Subject};
use crate::http::IfMatch;
use crate::measures::dto::MeasureRef;
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::territories::scope;
use crate::{access, target_groups};

async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<need::Model> {
    need::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// Who reviews `need`: coordinators where it lies and leaders of its working group.
fn review(need: &need::Model) -> Action {
    Action::ReviewNeed { group: need.working_group_id, place: Place::At(need.territory_id) }
}

/// Whether the caller reviews `need`, and so sees the reporter's e-mail.
fn reviews(caller: &Caller, need: &need::Model) -> bool {
    authorize(caller, review(need)).is_ok()
}

/// The lists of `needs`: their target groups, and the measures that answer them of the plans the
/// caller may see; two queries and one for the measures, whatever their number.
async fn lists_of<D: ConnectionTrait>(db: &D, caller: &Caller, needs: &[Uuid]) -> ApiResult<HashMap<Uuid, Lists>> {
    let mut lists: HashMap<Uuid, Lists> = HashMap::new();
    if needs.is_empty() {
        return Ok(lists);
    }
    let ids = || needs.iter().copied();
    let groups = need_group::Entity::find().filter(need_group::Column::NeedId.is_in(ids())).order_by_asc(need_group::Column::Id);
    for row in groups.all(db).await? {
        lists.entry(row.need_id).or_default().target_group_codes.push(row.target_group_code);
    }
    let links = need_measure::Entity::find()
        .filter(need_measure::Column::NeedId.is_in(ids()))
        .order_by_asc(need_measure::Column::Id)
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(lists);
    }
    let mut select = measure::Entity::find().filter(measure::Column::Id.is_in(links.iter().map(|l| l.measure_id)));
    if let Some(visible) = access::of_visible_plans(caller, measure::Column::PlanId) {
        select = select.filter(visible);
    }
    let measures: HashMap<Uuid, measure::Model> = select.all(db).await?.into_iter().map(|m| (m.id, m)).collect();
    for link in links {
        if let Some(m) = measures.get(&link.measure_id) {
            let reference = MeasureRef { id: m.id, code: m.code.clone(), title: m.title.clone(), plan_id: m.plan_id };
            lists.entry(link.need_id).or_default().measures.push(reference);
        }
    }
    Ok(lists)
}

async fn answer_all<D: ConnectionTrait>(db: &D, caller: &Caller, rows: Vec<need::Model>) -> ApiResult<Vec<Need>> {
    let mut lists = lists_of(db, caller, &rows.iter().map(|n| n.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .into_iter()
        .map(|n| {
            let own = lists.remove(&n.id).unwrap_or_default();
            let reviewer = reviews(caller, &n);
            Need::from_model(n, own, reviewer)
        })
        .collect())
}

async fn answer<D: ConnectionTrait>(db: &D, caller: &Caller, row: need::Model) -> ApiResult<Need> {
    answer_all(db, caller, vec![row]).await?.pop().ok_or(ApiError::NotFound)
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Need> {
    answer(&state.db, caller, find(&state.db, id).await?).await
}

/// Newest first: the public list shows what was reported lately at the top.
pub async fn list(state: &AppState, caller: &Caller, filters: NeedFilters, page: &PageParams) -> ApiResult<NeedPage> {
    let mut select = need::Entity::find();
    if let Some(status) = filters.status {
        select = select.filter(need::Column::Status.eq(status));
    }
    if let Some(root) = filters.territory_id {
        select = select.filter(scope::within(need::Column::TerritoryId, root));
    }
    if let Some(code) = &filters.target_group_code {
        let concerning = Query::select()
            .column(need_group::Column::NeedId)
            .from(need_group::Entity)
            .and_where(need_group::Column::TargetGroupCode.eq(code.as_str()))
            .take();
        select = select.filter(need::Column::Id.in_subquery(concerning));
    }
    if let Some(group) = filters.working_group_id {
        select = select.filter(need::Column::WorkingGroupId.eq(group));
    }
    if let Some(measure) = filters.measure_id {
        let answered = Query::select()
            .column(need_measure::Column::NeedId)
            .from(need_measure::Entity)
            .and_where(need_measure::Column::MeasureId.eq(measure))
            .take();
        select = select.filter(need::Column::Id.in_subquery(answered));
    }
    let sort = Sort { key: None, id: need::Column::Id, descending: true };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |n| (None, n.id)).await?;
    Ok(NeedPage { items: answer_all(&state.db, caller, rows).await?, next_cursor })
}

/// 422 naming each reference of a write that points nowhere.
async fn check_references<D: ConnectionTrait>(
    db: &D,
    v: &mut Validator,
    territory_id: Option<Uuid>,
    target_group_codes: Option<&[String]>,
    working_group_id: Option<Uuid>,
) -> ApiResult<()> {
    if let Some(id) = territory_id {
        let found = territory::Entity::find_by_id(id).one(db).await?.is_some();
        v.check(found, "territory_id", FieldErrorCode::NotFound, "no such territory");
    }
    if let Some(codes) = target_group_codes {
        target_groups::service::check_known(db, v, "target_group_codes", codes).await?;
    }
    if let Some(id) = working_group_id {
        let found = working_group::Entity::find_by_id(id).one(db).await?.is_some();
        v.check(found, "working_group_id", FieldErrorCode::NotFound, "no such working group");
    }
    Ok(())
}

/// 422 naming each measure that does not exist, lies in a plan the caller may not see, or in a
/// plan of a territory unrelated to the need's `place` (a Krumlov measure cannot answer an Ostrava
/// need; a region's or a town's within the need's region can). A plan or need of no territory
/// is the whole installation's, related to every place.
async fn check_measures<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    v: &mut Validator,
    place: Option<Uuid>,
    ids: &[Uuid],
) -> ApiResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut select = measure::Entity::find().filter(measure::Column::Id.is_in(ids.iter().copied()));
    if let Some(visible) = access::of_visible_plans(caller, measure::Column::PlanId) {
        select = select.filter(visible);
    }
    let known: Vec<Uuid> = select.all(db).await?.into_iter().map(|m| m.id).collect();
    let related: Vec<Uuid> = match place {
        None => known.clone(),
        Some(place) => {
            let plans = Query::select()
                .column(plan::Column::Id)
                .from(plan::Entity)
                .cond_where(Condition::any().add(plan::Column::TerritoryId.is_null()).add(scope::related(plan::Column::TerritoryId, place)))
                .take();
            let query = measure::Entity::find()
                .filter(measure::Column::Id.is_in(known.iter().copied()))
                .filter(measure::Column::PlanId.in_subquery(plans));
            query.all(db).await?.into_iter().map(|m| m.id).collect()
        }
    };
    for (i, id) in ids.iter().enumerate() {
        let field = format!("measure_ids[{i}]");
        if !known.contains(id) {
            v.error(&field, FieldErrorCode::NotFound, "no such measure");
        } else if !related.contains(id) {
            v.error(
                &field,
                FieldErrorCode::Invalid,
                "that measure's plan lies outside the need's territory, the territories below it and those above it",
            );
        }
    }
    Ok(())
}

/// Replaces whichever of a need's lists the write carries.
async fn write_lists<D: ConnectionTrait>(db: &D, id: Uuid, codes: Option<&[String]>, measures: Option<&[Uuid]>) -> ApiResult<()> {
    if let Some(codes) = codes {
        need_group::Entity::delete_many().filter(need_group::Column::NeedId.eq(id)).exec(db).await?;
        for code in codes {
            need_group::ActiveModel { id: Set(Uuid::now_v7()), need_id: Set(id), target_group_code: Set(code.clone()) }.insert(db).await?;
        }
    }
    if let Some(measures) = measures {
        need_measure::Entity::delete_many().filter(need_measure::Column::NeedId.eq(id)).exec(db).await?;
        for measure in measures {
            need_measure::ActiveModel { id: Set(Uuid::now_v7()), need_id: Set(id), measure_id: Set(*measure) }.insert(db).await?;
        }
    }
    Ok(())
}

/// The trail of a write, without the reporter's e-mail (the trail is read by every coordinator).
fn trail<T: serde::Serialize>(body: &T) -> entity::values::Changes {
    let mut changes = changes_of(body);
    changes.0.remove("author_email");
    changes
}

/// Anyone reports a need: anonymous reporters give a name and are limited per address; signed-in
/// callers report under their account's name unless they give one. Recording where a need came
/// from or who reviews it is for coordinators where it lies and leaders of the group named.
pub async fn create(state: &AppState, caller: &Caller, body: NeedCreate) -> ApiResult<Need> {
    let mut v = Validator::new();
    body.validate(&mut v);
    let anonymous = !caller.is_signed_in();
    if anonymous && body.author_name().is_none() {
        v.required("author_name", "(the name of the person or organisation who reports the need)");
    }
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let mut v = Validator::new();
    check_references(&txn, &mut v, body.territory_id, Some(&body.target_group_codes), body.working_group_id).await?;
    v.finish()?;
    if body.records() {
        if anonymous {
            return Err(ApiError::Unauthorized("sign in to record where a need came from or who reviews it".into()));
        }
        authorize(caller, Action::ReviewNeed { group: body.working_group_id, place: Place::At(body.territory_id) })?;
    }
    if anonymous {
        // Counted only when the need would be stored, so a typo does not use up the allowance.
        let limits = state.config.limits;
        let key = format!("need:{}", caller.address_key());
        state.limiter.acquire(&[(&key, limits.anonymous_needs_per_address)], limits.need_window)?;
    }
    let author_name = body.author_name().map(str::to_string).unwrap_or_else(|| caller.display_name());
    let now = clock::now();
    let created = need::ActiveModel {
        id: Set(Uuid::now_v7()),
        title: Set(body.title.trim().to_string()),
        description: Set(body.description.trim().to_string()),
        territory_id: Set(body.territory_id),
        author_name: Set(author_name),
        author_email: Set(body.author_email().map(str::to_string)),
        source: Set(body.source.unwrap_or(NeedSource::Public)),
        working_group_id: Set(body.working_group_id),
        status: Set(NeedStatus::New),
        response: Set(None),
        duplicate_of: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    write_lists(&txn, created.id, Some(&body.target_group_codes), None).await?;
    audit::record(&txn, caller, "create", "need", Some(created.id), trail(&body)).await?;
    events::record(&txn, EventType::NeedCreated, Subject::need(&created)).await?;
    let need = answer(&txn, caller, created).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Need, &[need.id]).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(need)
}

/// The rules between status, answer and `duplicate_of` once the patch is applied: a duplicate
/// points to another need that is itself no duplicate (so duplicates never form a cycle and every
/// chain ends at a need that is reviewed); a need not addressed says why.
async fn check_review<D: ConnectionTrait>(
    db: &D,
    v: &mut Validator,
    id: Uuid,
    status: NeedStatus,
    duplicate_of: Option<Uuid>,
    response: Option<&str>,
) -> ApiResult<()> {
    if status == NeedStatus::NotAddressed && response.is_none() {
        v.required("response", "to say why the need is not addressed");
    }
    if status != NeedStatus::Duplicate {
        return Ok(());
    }
    let Some(original) = duplicate_of else {
        v.required("duplicate_of", "(the need this one duplicates) for status duplicate");
        return Ok(());
    };
    if original == id {
        v.error("duplicate_of", FieldErrorCode::Invalid, "a need cannot duplicate itself");
        return Ok(());
    }
    match need::Entity::find_by_id(original).one(db).await? {
        None => v.error("duplicate_of", FieldErrorCode::NotFound, "no such need"),
        Some(o) if o.status == NeedStatus::Duplicate => v.error(
            "duplicate_of",
            FieldErrorCode::Invalid,
            format!("that need is itself a duplicate; point to the need it duplicates ({})", o.duplicate_of.unwrap_or(o.id)),
        ),
        Some(_) => {}
    }
    Ok(())
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: NeedPatch) -> ApiResult<Need> {
    caller.signed_in()?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    let place = Place::At(current.territory_id);
    authorize(caller, review(&current))?;
    if patch.corrects() {
        authorize(caller, Action::ManageNeeds(place))?;
    }
    if let Some(territory) = patch.territory_id {
        authorize(caller, Action::ManageNeeds(Place::At(territory)))?;
    }
    if_match.check(current.version)?;
    let mut v = Validator::new();
    check_references(&txn, &mut v, patch.territory_id.flatten(), patch.target_group_codes.as_deref(), patch.working_group_id.flatten())
        .await?;
    if let Some(ids) = &patch.measure_ids {
        let place = patch.territory_id.unwrap_or(current.territory_id);
        check_measures(&txn, caller, &mut v, place, ids).await?;
    }
    let status = patch.status.unwrap_or(current.status);
    // Leaving `duplicate` clears the link; staying keeps it unless the patch moves it.
    let duplicate_of = if status == NeedStatus::Duplicate { patch.duplicate_of.unwrap_or(current.duplicate_of) } else { None };
    let response = patch.response().unwrap_or_else(|| current.response.clone());
    check_review(&txn, &mut v, id, status, duplicate_of, response.as_deref()).await?;
    v.finish()?;
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.title, patch.title.as_ref().map(|t| t.trim().to_string()));
    given(&mut active.description, patch.description.as_ref().map(|d| d.trim().to_string()));
    given(&mut active.territory_id, patch.territory_id);
    given(&mut active.source, patch.source);
    given(&mut active.working_group_id, patch.working_group_id);
    active.status = Set(status);
    active.duplicate_of = Set(duplicate_of);
    active.response = Set(response);
    let updated = update_versioned(&txn, active, id, version).await?;
    write_lists(&txn, id, patch.target_group_codes.as_deref(), patch.measure_ids.as_deref()).await?;
    audit::record(&txn, caller, "update", "need", Some(id), trail(&patch)).await?;
    let need = answer(&txn, caller, updated).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Need, &[id]).await?;
    txn.commit().await?;
    Ok(need)
}

/// Coordinators where the need lies delete it (spam, a report in error); refused (409 `in_use`)
/// while other needs are marked duplicates of it, since they would lose the need they point to.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManageNeeds(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    authorize(caller, Action::ManageNeeds(Place::At(current.territory_id)))?;
    if_match.check(current.version)?;
    let duplicates = need::Entity::find().filter(need::Column::DuplicateOf.eq(id)).count(&txn).await?;
    if duplicates > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::InUse,
            format!("{duplicates} need(s) are marked duplicates of this one; point them elsewhere or change their status first"),
        ));
    }
    need::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "need", Some(id), Default::default()).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Need, &[id]).await?;
    txn.commit().await?;
    Ok(())
}
