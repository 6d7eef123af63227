//! Territory rules: admins set up the tree and who coordinates which part of it; anyone reads it.
use std::collections::HashMap;

use entity::enums::{Role, SearchKind, TerritoryKind};
use entity::{need, plan, territory, territory_coordinator, user, working_group};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::dto::{
    Coordinator, CoordinatorCreate, CoordinatorPage, Territory, TerritoryCreate, TerritoryFilters, TerritoryPage, TerritoryPatch,
};
use super::paths;
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;
use crate::store::{given, update_versioned};

/// The tree is the installation's set-up (domain.md: admins manage territories and their coordinators).
fn ensure_admin(caller: &Caller) -> ApiResult<()> {
    caller.signed_in()?;
    if caller.is_admin() { Ok(()) } else { Err(ApiError::Forbidden("only admins manage territories and their coordinators".into())) }
}

/// Assigning coordinators decides what accounts may do, so, like managing accounts, it takes a
/// signed-in session: an API key never does it, whatever its scopes.
fn ensure_may_assign(caller: &Caller) -> ApiResult<()> {
    authorize(caller, Action::ManageUsers)?;
    ensure_admin(caller)
}

async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<territory::Model> {
    territory::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

pub async fn get(state: &AppState, id: Uuid) -> ApiResult<Territory> {
    Ok(Territory::from_model(find(&state.db, id).await?))
}

/// Territories are public, in the order they were made.
pub async fn list(state: &AppState, filters: TerritoryFilters, page: &PageParams) -> ApiResult<TerritoryPage> {
    let mut select = territory::Entity::find();
    if let Some(kind) = filters.kind {
        select = select.filter(territory::Column::Kind.eq(kind));
    }
    if let Some(parent) = filters.parent_id {
        select = select.filter(territory::Column::ParentId.eq(parent));
    }
    let sort = Sort { key: None, id: territory::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |t| (None, t.id)).await?;
    Ok(TerritoryPage { items: rows.into_iter().map(Territory::from_model).collect(), next_cursor })
}

/// 409 naming `code` when another territory of `kind` has it (the database keeps it too).
async fn ensure_code_free<D: ConnectionTrait>(db: &D, kind: TerritoryKind, code: Option<&str>, except: Option<Uuid>) -> ApiResult<()> {
    let Some(code) = code else { return Ok(()) };
    let mut select = territory::Entity::find().filter(territory::Column::Kind.eq(kind)).filter(territory::Column::Code.eq(code));
    if let Some(id) = except {
        select = select.filter(territory::Column::Id.ne(id));
    }
    if select.one(db).await?.is_some() {
        return Err(ApiError::duplicate("code", format!("another territory of kind {} has the code {code}", kind.as_str())));
    }
    Ok(())
}

/// 422 unless `parent` exists and, when `id` is given, lies outside `id`'s own subtree (a
/// territory below itself would make the tree a loop).
async fn ensure_parent<D: ConnectionTrait>(db: &D, parent: Option<Uuid>, id: Option<Uuid>) -> ApiResult<()> {
    let Some(parent) = parent else { return Ok(()) };
    if territory::Entity::find_by_id(parent).one(db).await?.is_none() {
        return Err(ApiError::invalid("parent_id", FieldErrorCode::NotFound, "no such territory"));
    }
    let Some(id) = id else { return Ok(()) };
    // Two moves at once (A under B, B under A) would each pass the check below on PostgreSQL's
    // read-committed snapshots and make a loop, so moves wait for each other. The lock also
    // waits for territories being inserted (their `ROW EXCLUSIVE` conflicts with it), and they
    // for the move, so a new territory's paths are copied from its parent's either before the
    // move re-hangs them or after. SQLite's write transactions are serial already (`db::begin`).
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_unprepared("LOCK TABLE territories IN SHARE ROW EXCLUSIVE MODE").await?;
    }
    if paths::lies_within(db, parent, id).await? {
        return Err(ApiError::invalid("parent_id", FieldErrorCode::Invalid, "must not be the territory itself or one below it"));
    }
    Ok(())
}

pub async fn create(state: &AppState, caller: &Caller, body: TerritoryCreate) -> ApiResult<Territory> {
    ensure_admin(caller)?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    ensure_parent(&txn, body.parent_id, None).await?;
    ensure_code_free(&txn, body.kind, body.code.as_deref(), None).await?;
    let now = clock::now();
    let created = territory::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(body.name.trim().to_string()),
        kind: Set(body.kind),
        code: Set(body.code.clone()),
        parent_id: Set(body.parent_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    // After the insert, which waits for a move under way on PostgreSQL (see `ensure_parent`).
    paths::link(&txn, created.id, created.parent_id).await?;
    audit::record(&txn, caller, "create", "territory", Some(created.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(Territory::from_model(created))
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: TerritoryPatch) -> ApiResult<Territory> {
    ensure_admin(caller)?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    if_match.check(current.version)?;
    if let Some(parent) = patch.parent_id {
        ensure_parent(&txn, parent, Some(id)).await?;
    }
    let kind = patch.kind.unwrap_or(current.kind);
    let code = patch.code.clone().unwrap_or_else(|| current.code.clone());
    ensure_code_free(&txn, kind, code.as_deref(), Some(id)).await?;
    let (version, parent_before) = (current.version, current.parent_id);
    let mut active = current.into_active_model();
    given(&mut active.name, patch.name.as_ref().map(|n| n.trim().to_string()));
    active.kind = Set(kind);
    active.code = Set(code);
    given(&mut active.parent_id, patch.parent_id);
    let updated = update_versioned(&txn, active, id, version).await?;
    if updated.parent_id != parent_before {
        paths::move_under(&txn, id, updated.parent_id).await?;
    }
    if patch.name.is_some() {
        rename_plans(&txn, &updated).await?;
    }
    audit::record(&txn, caller, "update", "territory", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(Territory::from_model(updated))
}

/// A plan answers its territory's name (`territory`), so a rename reaches its plans; their
/// versions move on, so cached copies and pending edits see the change.
async fn rename_plans<D: ConnectionTrait>(db: &D, territory: &territory::Model) -> ApiResult<()> {
    let renamed: Vec<Uuid> = plan::Entity::find()
        .select_only()
        .column(plan::Column::Id)
        .filter(plan::Column::TerritoryId.eq(territory.id))
        .filter(plan::Column::Territory.ne(territory.name.clone()))
        .into_tuple()
        .all(db)
        .await?;
    plan::Entity::update_many()
        .col_expr(plan::Column::Territory, Expr::value(territory.name.clone()))
        .col_expr(plan::Column::Version, Expr::col(plan::Column::Version).add(1))
        .col_expr(plan::Column::UpdatedAt, Expr::value(territory.updated_at))
        .filter(plan::Column::TerritoryId.eq(territory.id))
        .filter(plan::Column::Territory.ne(territory.name.clone()))
        .exec(db)
        .await?;
    // The name is part of their searchable text.
    crate::search::index::refresh(db, SearchKind::Plan, &renamed).await?;
    Ok(())
}

/// Refused while anything hangs on the territory. Its coordinators count too: with their last
/// territory gone they would coordinate the whole installation.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    ensure_admin(caller)?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    if_match.check(current.version)?;
    let children = territory::Entity::find().filter(territory::Column::ParentId.eq(id)).count(&txn).await?;
    let coordinators = territory_coordinator::Entity::find().filter(territory_coordinator::Column::TerritoryId.eq(id)).count(&txn).await?;
    let plans = plan::Entity::find().filter(plan::Column::TerritoryId.eq(id)).count(&txn).await?;
    let groups = working_group::Entity::find().filter(working_group::Column::TerritoryId.eq(id)).count(&txn).await?;
    let needs = need::Entity::find().filter(need::Column::TerritoryId.eq(id)).count(&txn).await?;
    if children > 0 || coordinators > 0 || plans > 0 || groups > 0 || needs > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::InUse,
            format!(
                "the territory has {children} territory(ies) below it, {coordinators} coordinator(s) assigned, \
                 {plans} plan(s), {groups} working group(s) and {needs} need(s); move or delete those and remove its \
                 coordinators first"
            ),
        ));
    }
    // Its paths go with it (`ON DELETE CASCADE`); it has nothing below it.
    territory::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "territory", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// The coordinators assigned to a territory, in the order they were assigned (two queries a page).
pub async fn coordinators(state: &AppState, caller: &Caller, id: Uuid, page: &PageParams) -> ApiResult<CoordinatorPage> {
    ensure_may_assign(caller)?;
    find(&state.db, id).await?;
    let select = territory_coordinator::Entity::find().filter(territory_coordinator::Column::TerritoryId.eq(id));
    let sort = Sort { key: None, id: territory_coordinator::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |c| (None, c.id)).await?;
    let users: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|c| c.user_id)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let items = rows.into_iter().filter_map(|c| users.get(&c.user_id).map(|u| Coordinator::from_model(c, u))).collect();
    Ok(CoordinatorPage { items, next_cursor })
}

async fn assignment<D: ConnectionTrait>(db: &D, id: Uuid, user_id: Uuid) -> ApiResult<Option<territory_coordinator::Model>> {
    Ok(territory_coordinator::Entity::find()
        .filter(territory_coordinator::Column::TerritoryId.eq(id))
        .filter(territory_coordinator::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// What an audit event of an assignment records: which territory, which account.
fn assignment_changes(id: Uuid, user_id: Uuid) -> entity::values::Changes {
    changes_of(&serde_json::json!({"territory_id": id, "user_id": user_id}))
}

pub async fn coordinator(state: &AppState, caller: &Caller, id: Uuid, user_id: Uuid) -> ApiResult<Coordinator> {
    ensure_may_assign(caller)?;
    let assigned = assignment(&state.db, id, user_id).await?.ok_or(ApiError::NotFound)?;
    let user = user::Entity::find_by_id(user_id).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    Ok(Coordinator::from_model(assigned, &user))
}

/// Assigns an active coordinator account to the territory. Admins are not assigned: they manage
/// everything anyway.
pub async fn assign(state: &AppState, caller: &Caller, id: Uuid, body: CoordinatorCreate) -> ApiResult<Coordinator> {
    ensure_may_assign(caller)?;
    let txn = crate::db::begin(&state.db).await?;
    find(&txn, id).await?;
    let user = user::Entity::find_by_id(body.user_id)
        .one(&txn)
        .await?
        .ok_or_else(|| ApiError::invalid("user_id", FieldErrorCode::NotFound, "no such account"))?;
    if user.role != Role::Coordinator || !user.is_active {
        return Err(ApiError::invalid("user_id", FieldErrorCode::Invalid, "must be an active account with the role coordinator"));
    }
    if assignment(&txn, id, user.id).await?.is_some() {
        return Err(ApiError::duplicate("user_id", "the account already coordinates this territory"));
    }
    let now = clock::now();
    let assigned = territory_coordinator::ActiveModel {
        id: Set(Uuid::now_v7()),
        territory_id: Set(id),
        user_id: Set(user.id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "territory_coordinator", Some(assigned.id), assignment_changes(id, user.id)).await?;
    txn.commit().await?;
    Ok(Coordinator::from_model(assigned, &user))
}

/// Ends an assignment. A coordinator left with none coordinates the whole installation again.
pub async fn unassign(state: &AppState, caller: &Caller, id: Uuid, user_id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    ensure_may_assign(caller)?;
    let txn = crate::db::begin(&state.db).await?;
    let assigned = assignment(&txn, id, user_id).await?.ok_or(ApiError::NotFound)?;
    if_match.check(assigned.version)?;
    territory_coordinator::Entity::delete_by_id(assigned.id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "territory_coordinator", Some(assigned.id), assignment_changes(id, user_id)).await?;
    txn.commit().await?;
    Ok(())
}
