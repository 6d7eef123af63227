//! Services: public to read; coordinators and admins manage them. A service's lists (forms,
//! target groups, capacities, territories) are rows of their own, replaced whole when a write
//! carries them, and read for a page of services in one query each.
use std::collections::HashMap;

use entity::enums::SearchKind;
use entity::service_link::{capacity, form, target_group as service_group, territory as service_territory};
use entity::{organization, service, service_kind, territory};
use sea_orm::sea_query::{Condition, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::dto::{
    Capacity, Lists, Service, ServiceCreate, ServiceDetail, ServiceFilters, ServicePage, ServicePatch, check_lists, check_validity,
};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::events::{self, EventType, Subject};
use crate::http::IfMatch;
use crate::measures::{self, service::Concerning};
use crate::organizations::dto::stored;
use crate::pagination::{self, PageParams, Sort};
use crate::search;
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::target_groups;
use crate::territories::scope;

async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<service::Model> {
    service::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// The lists of `services`, four queries whatever their number.
pub(crate) async fn lists_of<D: ConnectionTrait>(db: &D, services: &[Uuid]) -> ApiResult<HashMap<Uuid, Lists>> {
    let mut lists: HashMap<Uuid, Lists> = HashMap::new();
    if services.is_empty() {
        return Ok(lists);
    }
    let ids = || services.iter().copied();
    for row in form::Entity::find().filter(form::Column::ServiceId.is_in(ids())).order_by_asc(form::Column::Form).all(db).await? {
        lists.entry(row.service_id).or_default().forms.push(row.form);
    }
    let groups =
        service_group::Entity::find().filter(service_group::Column::ServiceId.is_in(ids())).order_by_asc(service_group::Column::Id);
    for row in groups.all(db).await? {
        lists.entry(row.service_id).or_default().target_group_codes.push(row.target_group_code);
    }
    let capacities = capacity::Entity::find().filter(capacity::Column::ServiceId.is_in(ids())).order_by_asc(capacity::Column::Position);
    for row in capacities.all(db).await? {
        lists.entry(row.service_id).or_default().capacities.push(Capacity { form: row.form, count: row.count, unit: row.unit });
    }
    let territories = service_territory::Entity::find()
        .filter(service_territory::Column::ServiceId.is_in(ids()))
        .order_by_asc(service_territory::Column::Id);
    for row in territories.all(db).await? {
        lists.entry(row.service_id).or_default().territory_ids.push(row.territory_id);
    }
    Ok(lists)
}

/// The names of `organizations`, in one query.
async fn names_of<D: ConnectionTrait>(db: &D, organizations: impl IntoIterator<Item = Uuid>) -> ApiResult<HashMap<Uuid, String>> {
    let organizations: Vec<Uuid> = organizations.into_iter().collect();
    // An empty `IN ()` is written as a condition that is never true, which SQLite checks on every row.
    if organizations.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String)> = organization::Entity::find()
        .select_only()
        .column(organization::Column::Id)
        .column(organization::Column::Name)
        .filter(organization::Column::Id.is_in(organizations))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

async fn answer_all<D: ConnectionTrait>(db: &D, rows: Vec<service::Model>) -> ApiResult<Vec<Service>> {
    let mut lists = lists_of(db, &rows.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
    let names = names_of(db, rows.iter().map(|s| s.organization_id)).await?;
    Ok(rows
        .into_iter()
        .map(|s| {
            let own = lists.remove(&s.id).unwrap_or_default();
            let name = names.get(&s.organization_id).cloned().unwrap_or_default();
            Service::from_model(s, name, own)
        })
        .collect())
}

async fn answer<D: ConnectionTrait>(db: &D, row: service::Model) -> ApiResult<Service> {
    answer_all(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)
}

/// `services` with the measures naming each, a fixed number of queries whatever their number.
async fn with_measures<D: ConnectionTrait>(db: &D, caller: &Caller, services: Vec<service::Model>) -> ApiResult<Vec<ServiceDetail>> {
    let ids: Vec<Uuid> = services.iter().map(|s| s.id).collect();
    let mut naming = measures::service::naming_services(db, caller, &ids).await?;
    Ok(answer_all(db, services)
        .await?
        .into_iter()
        .map(|service| ServiceDetail { measures: naming.remove(&service.id).unwrap_or_default(), service })
        .collect())
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<ServiceDetail> {
    with_measures(&state.db, caller, vec![find(&state.db, id).await?]).await?.pop().ok_or(ApiError::NotFound)
}

/// Provided on `today`: begun (or with no start) and not ended (or with no end).
pub(super) fn active_on(today: chrono::NaiveDate) -> Condition {
    Condition::all()
        .add(Condition::any().add(service::Column::ValidFrom.is_null()).add(service::Column::ValidFrom.lte(today)))
        .add(Condition::any().add(service::Column::ValidTo.is_null()).add(service::Column::ValidTo.gte(today)))
}

/// In the order they were entered, each with the measures naming it.
pub async fn list(state: &AppState, caller: &Caller, filters: ServiceFilters, page: &PageParams) -> ApiResult<ServicePage> {
    let mut select = service::Entity::find();
    if let Some(kind) = &filters.kind_code {
        select = select.filter(service::Column::KindCode.eq(kind.as_str()));
    }
    if let Some(wanted) = filters.form {
        let having = Query::select().column(form::Column::ServiceId).from(form::Entity).and_where(form::Column::Form.eq(wanted)).take();
        select = select.filter(service::Column::Id.in_subquery(having));
    }
    if let Some(code) = &filters.target_group_code {
        let having = Query::select()
            .column(service_group::Column::ServiceId)
            .from(service_group::Entity)
            .and_where(service_group::Column::TargetGroupCode.eq(code.as_str()))
            .take();
        select = select.filter(service::Column::Id.in_subquery(having));
    }
    if let Some(root) = filters.territory_id {
        let serving = scope::rows_within(service_territory::Column::ServiceId, service_territory::Column::TerritoryId, root);
        select = select.filter(service::Column::Id.in_subquery(serving));
    }
    if let Some(organization) = filters.organization_id {
        select = select.filter(service::Column::OrganizationId.eq(organization));
    }
    let backend = state.db.get_database_backend();
    if let Some(q) = search::service::containing(backend, SearchKind::Service, filters.q.as_deref(), service::Column::Id) {
        select = select.filter(q);
    }
    if let Some(active) = filters.active {
        let provided = active_on(clock::today());
        select = select.filter(if active { provided } else { provided.not() });
    }
    let sort = Sort { key: None, id: service::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |s| (None, s.id)).await?;
    Ok(ServicePage { items: with_measures(&state.db, caller, rows).await?, next_cursor })
}

/// The references a write makes, each a 422 naming its field when it points nowhere.
async fn check_references<D: ConnectionTrait>(
    db: &D,
    v: &mut Validator,
    organization_id: Option<Uuid>,
    kind_code: Option<&str>,
    target_group_codes: Option<&[String]>,
    territory_ids: Option<&[Uuid]>,
) -> ApiResult<()> {
    if let Some(id) = organization_id {
        let found = organization::Entity::find_by_id(id).one(db).await?.is_some();
        v.check(found, "organization_id", FieldErrorCode::NotFound, "no such organization");
    }
    if let Some(code) = kind_code {
        let found = service_kind::Entity::find_by_id(code.to_owned()).one(db).await?.is_some();
        v.check(found, "kind_code", FieldErrorCode::NotFound, "no such kind of service (see /service-kinds)");
    }
    if let Some(codes) = target_group_codes {
        target_groups::service::check_known(db, v, "target_group_codes", codes).await?;
    }
    if let Some(ids) = territory_ids.filter(|t| !t.is_empty()) {
        let known: Vec<Uuid> = territory::Entity::find()
            .select_only()
            .column(territory::Column::Id)
            .filter(territory::Column::Id.is_in(ids.iter().copied()))
            .into_tuple()
            .all(db)
            .await?;
        for (i, id) in ids.iter().enumerate() {
            v.check(known.contains(id), &format!("territory_ids[{i}]"), FieldErrorCode::NotFound, "no such territory");
        }
    }
    Ok(())
}

/// 409 `duplicate` naming `registration_id` when another service has it (the database keeps it too).
async fn ensure_registration_free<D: ConnectionTrait>(db: &D, registration: Option<&str>, except: Option<Uuid>) -> ApiResult<()> {
    let Some(registration) = registration else { return Ok(()) };
    let mut select = service::Entity::find().filter(service::Column::RegistrationId.eq(registration));
    if let Some(id) = except {
        select = select.filter(service::Column::Id.ne(id));
    }
    if select.one(db).await?.is_some() {
        return Err(ApiError::duplicate("registration_id", format!("another service has the registration {registration}")));
    }
    Ok(())
}

/// Replaces whichever of a service's lists the write carries, one statement a list.
pub(crate) async fn write_lists<D: ConnectionTrait>(
    db: &D,
    id: Uuid,
    forms: Option<&[entity::enums::ServiceForm]>,
    target_group_codes: Option<&[String]>,
    capacities: Option<&[Capacity]>,
    territory_ids: Option<&[Uuid]>,
) -> ApiResult<()> {
    if let Some(forms) = forms {
        form::Entity::delete_many().filter(form::Column::ServiceId.eq(id)).exec(db).await?;
        let rows = forms.iter().map(|f| form::ActiveModel { id: Set(Uuid::now_v7()), service_id: Set(id), form: Set(*f) });
        insert_all(db, rows).await?;
    }
    if let Some(codes) = target_group_codes {
        service_group::Entity::delete_many().filter(service_group::Column::ServiceId.eq(id)).exec(db).await?;
        let rows = codes.iter().map(|code| service_group::ActiveModel {
            id: Set(Uuid::now_v7()),
            service_id: Set(id),
            target_group_code: Set(code.clone()),
        });
        insert_all(db, rows).await?;
    }
    if let Some(capacities) = capacities {
        capacity::Entity::delete_many().filter(capacity::Column::ServiceId.eq(id)).exec(db).await?;
        let rows = (1..).zip(capacities).map(|(position, c)| capacity::ActiveModel {
            id: Set(Uuid::now_v7()),
            service_id: Set(id),
            form: Set(c.form),
            count: Set(c.count),
            unit: Set(c.unit),
            position: Set(position),
        });
        insert_all(db, rows).await?;
    }
    if let Some(territories) = territory_ids {
        service_territory::Entity::delete_many().filter(service_territory::Column::ServiceId.eq(id)).exec(db).await?;
        let rows = territories.iter().map(|territory| service_territory::ActiveModel {
            id: Set(Uuid::now_v7()),
            service_id: Set(id),
            territory_id: Set(*territory),
        });
        insert_all(db, rows).await?;
    }
    Ok(())
}

/// Inserts `rows` in one statement (none for no rows).
async fn insert_all<D, A>(db: &D, rows: impl IntoIterator<Item = A>) -> ApiResult<()>
where
    D: ConnectionTrait,
    A: ActiveModelTrait,
{
    let rows: Vec<A> = rows.into_iter().collect();
    if !rows.is_empty() {
        A::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// A coordinator narrowed to territories manages a service only when every territory it serves
/// (before and after the change) lies within their reach.
fn ensure_serves_within(caller: &Caller, territories: &[Uuid]) -> ApiResult<()> {
    if territories.is_empty() {
        return authorize(caller, Action::ManageServices(Place::At(None)));
    }
    territories.iter().try_for_each(|t| authorize(caller, Action::ManageServices(Place::At(Some(*t)))))
}

pub async fn create(state: &AppState, caller: &Caller, body: ServiceCreate) -> ApiResult<Service> {
    authorize(caller, Action::ManageServices(Place::Pending))?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let mut v = Validator::new();
    check_references(
        &txn,
        &mut v,
        Some(body.organization_id),
        body.kind_code.as_deref(),
        Some(&body.target_group_codes),
        Some(&body.territory_ids),
    )
    .await?;
    v.finish()?;
    ensure_serves_within(caller, &body.territory_ids)?;
    let registration = stored(body.registration_id.as_deref());
    ensure_registration_free(&txn, registration.as_deref(), None).await?;
    let now = clock::now();
    let created = service::ActiveModel {
        id: Set(Uuid::now_v7()),
        organization_id: Set(body.organization_id),
        name: Set(body.name.trim().to_string()),
        kind_code: Set(body.kind_code.clone()),
        registration_id: Set(registration),
        address: Set(stored(body.address.as_deref())),
        municipality_code: Set(body.municipality_code.clone()),
        web: Set(stored(body.web.as_deref())),
        email: Set(stored(body.email.as_deref())),
        phone: Set(stored(body.phone.as_deref())),
        description: Set(body.description.clone()),
        valid_from: Set(body.valid_from),
        valid_to: Set(body.valid_to),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    write_lists(&txn, created.id, Some(&body.forms), Some(&body.target_group_codes), Some(&body.capacities), Some(&body.territory_ids))
        .await?;
    audit::record(&txn, caller, "create", "service", Some(created.id), changes_of(&body)).await?;
    let service = answer(&txn, created).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Service, &[service.id]).await?;
    txn.commit().await?;
    Ok(service)
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: ServicePatch) -> ApiResult<Service> {
    authorize(caller, Action::ManageServices(Place::Pending))?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    if_match.check(current.version)?;
    // The lists' rules hold between them (capacities of the forms the service has), so a patch
    // is checked against the lists the service will have.
    let mut v = Validator::new();
    let now_lists = lists_of(&txn, &[id]).await?.remove(&id).unwrap_or_default();
    ensure_serves_within(caller, &now_lists.territory_ids)?;
    if let Some(territories) = &patch.territory_ids {
        ensure_serves_within(caller, territories)?;
    }
    let forms = patch.forms.as_deref().unwrap_or(&now_lists.forms);
    let capacities = patch.capacities.as_deref().or((patch.forms.is_some()).then_some(now_lists.capacities.as_slice()));
    check_lists(&mut v, forms, patch.target_group_codes.as_deref(), capacities, patch.territory_ids.as_deref());
    check_validity(&mut v, patch.valid_from.unwrap_or(current.valid_from), patch.valid_to.unwrap_or(current.valid_to));
    check_references(
        &txn,
        &mut v,
        patch.organization_id,
        patch.kind_code.as_ref().and_then(|k| k.as_deref()),
        patch.target_group_codes.as_deref(),
        patch.territory_ids.as_deref(),
    )
    .await?;
    v.finish()?;
    let registration = patch.registration_id.as_ref().map(|r| stored(r.as_deref()));
    if let Some(registration) = &registration {
        ensure_registration_free(&txn, registration.as_deref(), Some(id)).await?;
    }
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.organization_id, patch.organization_id);
    given(&mut active.name, patch.name.as_ref().map(|n| n.trim().to_string()));
    given(&mut active.kind_code, patch.kind_code.clone());
    given(&mut active.registration_id, registration);
    given(&mut active.address, patch.address.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.municipality_code, patch.municipality_code.clone());
    given(&mut active.web, patch.web.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.email, patch.email.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.phone, patch.phone.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.description, patch.description.clone());
    given(&mut active.valid_from, patch.valid_from);
    given(&mut active.valid_to, patch.valid_to);
    let updated = update_versioned(&txn, active, id, version).await?;
    write_lists(
        &txn,
        id,
        patch.forms.as_deref(),
        patch.target_group_codes.as_deref(),
        patch.capacities.as_deref(),
        patch.territory_ids.as_deref(),
    )
    .await?;
    audit::record(&txn, caller, "update", "service", Some(id), changes_of(&patch)).await?;
    let territories = patch.territory_ids.as_deref().unwrap_or(&now_lists.territory_ids);
    events::record(&txn, EventType::ServiceUpdated, Subject::service(&updated, territories)).await?;
    let service = answer(&txn, updated).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Service, &[id]).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(service)
}

/// Deletes the service and its lists; refused (409 `in_use`) while measures name it: a measure is
/// part of a plan's text, which unlinking would change without its authors (or, for an approved
/// plan, after approval), so they unlink it first.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManageServices(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    ensure_serves_within(caller, &lists_of(&txn, &[id]).await?.remove(&id).unwrap_or_default().territory_ids)?;
    if_match.check(current.version)?;
    measures::service::ensure_unnamed(&txn, caller, Concerning::Service(id)).await?;
    service::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "service", Some(id), Default::default()).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Service, &[id]).await?;
    txn.commit().await?;
    Ok(())
}
