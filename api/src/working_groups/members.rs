//! Membership rules and queries: who sits in a working group, in which role and as which stakeholder.
use std::collections::HashMap;

use entity::enums::MemberRole;
use entity::{user, working_group, working_group_member};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::dto::{Member, MemberCreate, MemberPage, MemberPatch};
use super::service;
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;
use crate::store::{given, update_versioned};

/// The steering group appoints leaders (domain.md), so only coordinators (of the group's
/// territory) grant or take the role.
fn ensure_may_appoint(caller: &Caller, group: &working_group::Model) -> ApiResult<()> {
    if caller.coordinates(Place::At(group.territory_id)) {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only coordinators appoint, change or remove working group leaders".into()))
    }
}

/// Display names of `user_ids` in one query.
async fn names<D: ConnectionTrait>(db: &D, user_ids: &[Uuid]) -> ApiResult<HashMap<Uuid, String>> {
    if user_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String)> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::DisplayName])
        .filter(user::Column::Id.is_in(user_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The caller's own memberships (which groups they sit in and lead), in the order they joined.
pub async fn of_caller(state: &AppState, caller: &Caller, page: &PageParams) -> ApiResult<MemberPage> {
    let me = caller.signed_in()?.user.clone();
    let select = working_group_member::Entity::find().filter(working_group_member::Column::UserId.eq(me.id));
    let sort = Sort { key: None, id: working_group_member::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |m| (None, m.id)).await?;
    let items = rows.into_iter().map(|m| Member::from_model(m, Some(me.display_name.clone()), false)).collect();
    Ok(MemberPage { items, next_cursor })
}

/// Members of a group in the order they joined, with their names (two queries per page).
pub async fn list(state: &AppState, caller: &Caller, group_id: Uuid, page: &PageParams) -> ApiResult<MemberPage> {
    let db = &state.db;
    service::find(db, group_id).await?;
    let select = working_group_member::Entity::find().filter(working_group_member::Column::WorkingGroupId.eq(group_id));
    let sort = Sort { key: None, id: working_group_member::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(db, select, sort, page, |m| (None, m.id)).await?;
    let mut names = names(db, &rows.iter().map(|m| m.user_id).collect::<Vec<_>>()).await?;
    let public_view = !caller.is_signed_in();
    let items = rows
        .into_iter()
        .map(|m| {
            let name = names.remove(&m.user_id);
            Member::from_model(m, name, public_view)
        })
        .collect();
    Ok(MemberPage { items, next_cursor })
}

async fn membership<D: ConnectionTrait>(db: &D, group_id: Uuid, user_id: Uuid) -> ApiResult<Option<working_group_member::Model>> {
    Ok(working_group_member::Entity::find()
        .filter(working_group_member::Column::WorkingGroupId.eq(group_id))
        .filter(working_group_member::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

async fn find<D: ConnectionTrait>(db: &D, group_id: Uuid, user_id: Uuid) -> ApiResult<working_group_member::Model> {
    membership(db, group_id, user_id).await?.ok_or(ApiError::NotFound)
}

/// One membership as the caller may see it.
async fn present<D: ConnectionTrait>(db: &D, caller: &Caller, m: working_group_member::Model) -> ApiResult<Member> {
    let name = names(db, &[m.user_id]).await?.remove(&m.user_id);
    Ok(Member::from_model(m, name, !caller.is_signed_in()))
}

pub async fn get(state: &AppState, caller: &Caller, group_id: Uuid, user_id: Uuid) -> ApiResult<Member> {
    service::find(&state.db, group_id).await?;
    let m = find(&state.db, group_id, user_id).await?;
    present(&state.db, caller, m).await
}

pub async fn add(state: &AppState, caller: &Caller, group_id: Uuid, body: MemberCreate) -> ApiResult<Member> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let group = service::find(&txn, group_id).await?;
    authorize(caller, Action::manage_group(&group))?;
    let role = body.role.unwrap_or(MemberRole::Member);
    if role == MemberRole::Leader {
        ensure_may_appoint(caller, &group)?;
    }
    match user::Entity::find_by_id(body.user_id).one(&txn).await? {
        Some(u) if u.is_active => {}
        Some(_) => return Err(ApiError::invalid("user_id", FieldErrorCode::Invalid, "this account is deactivated")),
        None => return Err(ApiError::invalid("user_id", FieldErrorCode::NotFound, "no such user")),
    }
    if membership(&txn, group_id, body.user_id).await?.is_some() {
        return Err(ApiError::duplicate("user_id", "this user is already a member of the working group; change the membership instead"));
    }
    let now = clock::now();
    let member = working_group_member::ActiveModel {
        id: Set(Uuid::now_v7()),
        working_group_id: Set(group_id),
        user_id: Set(body.user_id),
        role: Set(role),
        stakeholder: Set(body.stakeholder),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    let mut changes = changes_of(&body);
    changes.0.insert("working_group_id".into(), group_id.to_string().into());
    audit::record(&txn, caller, "create", "working_group_member", Some(member.id), changes).await?;
    let member = present(&txn, caller, member).await?;
    txn.commit().await?;
    Ok(member)
}

pub async fn update(
    state: &AppState,
    caller: &Caller,
    group_id: Uuid,
    user_id: Uuid,
    if_match: IfMatch,
    patch: MemberPatch,
) -> ApiResult<Member> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let group = service::find(&txn, group_id).await?;
    let current = find(&txn, group_id, user_id).await?;
    authorize(caller, Action::manage_group(&group))?;
    if patch.role.is_some_and(|r| r != current.role) {
        ensure_may_appoint(caller, &group)?;
    }
    if_match.check(current.version)?;
    let (id, version) = (current.id, current.version);
    let mut active = current.into_active_model();
    given(&mut active.role, patch.role);
    given(&mut active.stakeholder, patch.stakeholder);
    let member = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "working_group_member", Some(id), changes_of(&patch)).await?;
    let member = present(&txn, caller, member).await?;
    txn.commit().await?;
    Ok(member)
}

/// Anyone may leave a group; otherwise the group's managers remove members, and only coordinators remove leaders.
pub async fn remove(state: &AppState, caller: &Caller, group_id: Uuid, user_id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let group = service::find(&txn, group_id).await?;
    let current = find(&txn, group_id, user_id).await?;
    if caller.user_id() != Some(user_id) {
        authorize(caller, Action::manage_group(&group))?;
        if current.role == MemberRole::Leader {
            ensure_may_appoint(caller, &group)?;
        }
    }
    if_match.check(current.version)?;
    working_group_member::Entity::delete_by_id(current.id).exec(&txn).await?;
    let mut changes = entity::values::Changes::default();
    changes.0.insert("working_group_id".into(), group_id.to_string().into());
    changes.0.insert("user_id".into(), user_id.to_string().into());
    audit::record(&txn, caller, "delete", "working_group_member", Some(current.id), changes).await?;
    txn.commit().await?;
    Ok(())
}
