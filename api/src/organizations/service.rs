//! Organizations: public to read; coordinators and admins manage them.
use std::collections::HashMap;

use entity::enums::SearchKind;
use entity::{organization, service};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::dto::{
    Organization, OrganizationCreate, OrganizationDetail, OrganizationFilters, OrganizationPage, OrganizationPatch, ServiceSummary, stored,
};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::domain::Ico;
use crate::error::{ApiError, ApiResult, ConflictCode, Validate, Validator};
use crate::http::IfMatch;
use crate::measures::{self, service::Concerning};
use crate::pagination::{self, PageParams, Sort};
use crate::search;
use crate::state::AppState;
use crate::store::{given, update_versioned};

pub async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<organization::Model> {
    organization::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// The services of `organizations`, in the order they were entered, in one query.
async fn services_of<D: ConnectionTrait>(db: &D, organizations: &[Uuid]) -> ApiResult<HashMap<Uuid, Vec<ServiceSummary>>> {
    let mut by_organization: HashMap<Uuid, Vec<ServiceSummary>> = HashMap::new();
    if organizations.is_empty() {
        return Ok(by_organization);
    }
    let rows = service::Entity::find()
        .filter(service::Column::OrganizationId.is_in(organizations.iter().copied()))
        .order_by_asc(service::Column::Id)
        .all(db)
        .await?;
    for row in &rows {
        by_organization.entry(row.organization_id).or_default().push(ServiceSummary::from_model(row));
    }
    Ok(by_organization)
}

async fn answer<D: ConnectionTrait>(db: &D, m: organization::Model) -> ApiResult<Organization> {
    let services = services_of(db, &[m.id]).await?.remove(&m.id).unwrap_or_default();
    Ok(Organization::from_model(m, services))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<OrganizationDetail> {
    let organization = answer(&state.db, find(&state.db, id).await?).await?;
    let measures = measures::service::concerning(&state.db, caller, Concerning::Organization(id)).await?;
    Ok(OrganizationDetail { organization, measures })
}

/// In the order they were entered.
pub async fn list(state: &AppState, filters: OrganizationFilters, page: &PageParams) -> ApiResult<OrganizationPage> {
    let mut select = organization::Entity::find();
    let backend = state.db.get_database_backend();
    if let Some(q) = search::service::containing(backend, SearchKind::Organization, filters.q.as_deref(), organization::Column::Id) {
        select = select.filter(q);
    }
    if let Some(kind) = filters.kind {
        select = select.filter(organization::Column::Kind.eq(kind));
    }
    if let Some(ico) = &filters.ico {
        select = select.filter(organization::Column::Ico.eq(ico.trim()));
    }
    let sort = Sort { key: None, id: organization::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |o| (None, o.id)).await?;
    let mut services = services_of(&state.db, &rows.iter().map(|o| o.id).collect::<Vec<_>>()).await?;
    let items = rows
        .into_iter()
        .map(|o| {
            let own = services.remove(&o.id).unwrap_or_default();
            Organization::from_model(o, own)
        })
        .collect();
    Ok(OrganizationPage { items, next_cursor })
}

/// 409 `duplicate` naming `ico` when another organization has it (the database keeps it too).
async fn ensure_ico_free<D: ConnectionTrait>(db: &D, ico: Option<&str>, except: Option<Uuid>) -> ApiResult<()> {
    let Some(ico) = ico else { return Ok(()) };
    let mut select = organization::Entity::find().filter(organization::Column::Ico.eq(ico));
    if let Some(id) = except {
        select = select.filter(organization::Column::Id.ne(id));
    }
    if select.one(db).await?.is_some() {
        return Err(ApiError::duplicate("ico", format!("another organization has the IČO {ico}")));
    }
    Ok(())
}

/// The IČO as stored: the eight digits, without the white space around them.
fn ico_of(raw: Option<&str>) -> Option<String> {
    raw.and_then(|raw| Ico::parse("ico", raw).ok()).map(|ico| ico.as_str().to_owned())
}

pub async fn create(state: &AppState, caller: &Caller, body: OrganizationCreate) -> ApiResult<Organization> {
    authorize(caller, Action::ManageNetwork)?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let ico = ico_of(body.ico.as_deref());
    let txn = crate::db::begin(&state.db).await?;
    ensure_ico_free(&txn, ico.as_deref(), None).await?;
    let now = clock::now();
    let created = organization::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(body.name.trim().to_string()),
        ico: Set(ico),
        kind: Set(body.kind),
        address: Set(stored(body.address.as_deref())),
        web: Set(stored(body.web.as_deref())),
        email: Set(stored(body.email.as_deref())),
        phone: Set(stored(body.phone.as_deref())),
        description: Set(body.description.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "organization", Some(created.id), changes_of(&body)).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Organization, &[created.id]).await?;
    txn.commit().await?;
    Ok(Organization::from_model(created, Vec::new()))
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: OrganizationPatch) -> ApiResult<Organization> {
    authorize(caller, Action::ManageNetwork)?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    if_match.check(current.version)?;
    let ico = patch.ico.as_ref().map(|ico| ico_of(ico.as_deref()));
    if let Some(ico) = &ico {
        ensure_ico_free(&txn, ico.as_deref(), Some(id)).await?;
    }
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.name, patch.name.as_ref().map(|n| n.trim().to_string()));
    given(&mut active.ico, ico);
    given(&mut active.kind, patch.kind);
    given(&mut active.address, patch.address.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.web, patch.web.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.email, patch.email.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.phone, patch.phone.as_ref().map(|t| stored(t.as_deref())));
    given(&mut active.description, patch.description.clone());
    let updated = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "organization", Some(id), changes_of(&patch)).await?;
    let organization = answer(&txn, updated).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Organization, &[id]).await?;
    txn.commit().await?;
    Ok(organization)
}

/// Refused (409 `in_use`) while the organization runs services (they would be left without a
/// provider) or measures name it as responsible or partner (unlinking would change a plan's text
/// without its authors).
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManageNetwork)?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    if_match.check(current.version)?;
    let services = service::Entity::find().filter(service::Column::OrganizationId.eq(id)).count(&txn).await?;
    if services > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::InUse,
            format!("the organization runs {services} service(s); delete them or give them to another organization first"),
        ));
    }
    measures::service::ensure_unnamed(&txn, caller, Concerning::Organization(id)).await?;
    organization::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "organization", Some(id), Default::default()).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Organization, &[id]).await?;
    txn.commit().await?;
    Ok(())
}
