//! Working group rules and queries.
use std::collections::HashMap;

use entity::{goal, meeting, working_group, working_group_member};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::dto::{WorkingGroupCreate, WorkingGroupFilters, WorkingGroupPatch, validate_group};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::store::update_versioned;

/// Working groups are public, active or not.
pub async fn get<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<working_group::Model> {
    working_group::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

pub async fn list<D: ConnectionTrait>(
    db: &D,
    filters: WorkingGroupFilters,
    page: &PageParams,
) -> ApiResult<(Vec<working_group::Model>, Option<String>)> {
    let mut select = working_group::Entity::find();
    if let Some(kind) = filters.kind {
        select = select.filter(working_group::Column::Kind.eq(kind));
    }
    if let Some(active) = filters.is_active {
        select = select.filter(working_group::Column::IsActive.eq(active));
    }
    let sort = Sort { key: None, id: working_group::Column::Id, descending: false };
    pagination::fetch(db, select, sort, page, |g| (None, g.id)).await
}

/// Member counts of `ids` in one grouped query; groups without members are absent.
pub async fn member_counts<D: ConnectionTrait>(db: &D, ids: &[Uuid]) -> ApiResult<HashMap<Uuid, u64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i64)> = working_group_member::Entity::find()
        .select_only()
        .column(working_group_member::Column::WorkingGroupId)
        .column_as(Expr::col(working_group_member::Column::Id).count(), "n")
        .filter(working_group_member::Column::WorkingGroupId.is_in(ids.iter().copied()))
        .group_by(working_group_member::Column::WorkingGroupId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, u64::try_from(n).unwrap_or(0))).collect())
}

pub async fn member_count<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<u64> {
    Ok(member_counts(db, &[id]).await?.get(&id).copied().unwrap_or(0))
}

pub async fn create(db: &DatabaseConnection, caller: &Caller, body: WorkingGroupCreate) -> ApiResult<working_group::Model> {
    authorize(caller, Action::ManageGroups)?;
    let mut v = Validator::new();
    validate_group(&mut v, Some(&body.name), body.target_group.as_deref(), Some(&body.description), Some(&body.vision), body.quorum);
    v.finish()?;
    let now = clock::now();
    let txn = crate::db::begin(db).await?;
    let group = working_group::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(body.name.trim().to_string()),
        kind: Set(body.kind),
        target_group: Set(non_blank(body.target_group.as_deref())),
        description: Set(body.description.clone()),
        vision: Set(body.vision.clone()),
        quorum: Set(body.quorum),
        is_active: Set(body.is_active.unwrap_or(true)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "working_group", Some(group.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(group)
}

fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// Coordinators change anything; a group's leaders may rewrite the texts the group writes
/// about itself (target group, description, vision), not its name, kind, quorum or status.
pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: IfMatch,
    patch: WorkingGroupPatch,
) -> ApiResult<working_group::Model> {
    caller.signed_in()?;
    let txn = crate::db::begin(db).await?;
    let current = get(&txn, id).await?;
    authorize(caller, if patch.only_own_texts() { Action::ManageGroup(id) } else { Action::ManageGroups })?;
    if_match.check(current.version)?;
    let mut v = Validator::new();
    validate_group(
        &mut v,
        patch.name.as_deref(),
        patch.target_group.as_ref().and_then(|t| t.as_deref()),
        patch.description.as_deref(),
        patch.vision.as_deref(),
        patch.quorum.flatten(),
    );
    v.finish()?;
    let version = current.version;
    let mut active = current.into_active_model();
    if let Some(t) = &patch.name {
        active.name = Set(t.trim().to_string());
    }
    if let Some(k) = patch.kind {
        active.kind = Set(k);
    }
    if let Some(t) = &patch.target_group {
        active.target_group = Set(non_blank(t.as_deref()));
    }
    if let Some(t) = &patch.description {
        active.description = Set(t.clone());
    }
    if let Some(t) = &patch.vision {
        active.vision = Set(t.clone());
    }
    if let Some(q) = patch.quorum {
        active.quorum = Set(q);
    }
    if let Some(a) = patch.is_active {
        active.is_active = Set(a);
    }
    let group = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "working_group", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(group)
}

/// A group with goals or meetings is part of the plan's history: deleting it would erase its
/// minutes and orphan its goals, so it is retired (`is_active: false`) instead.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManageGroups)?;
    let txn = crate::db::begin(db).await?;
    let group = get(&txn, id).await?;
    if_match.check(group.version)?;
    let goals = goal::Entity::find().filter(goal::Column::WorkingGroupId.eq(id)).count(&txn).await?;
    let meetings = meeting::Entity::find().filter(meeting::Column::WorkingGroupId.eq(id)).count(&txn).await?;
    if goals > 0 || meetings > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::InUse,
            format!(
                "the working group owns {goals} goal(s) and has {meetings} meeting(s); deleting it would lose \
             that history, so retire it with PATCH {{\"is_active\": false}} instead"
            ),
        ));
    }
    working_group::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "working_group", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}
