//! Working group rules and queries.
use std::collections::HashMap;

use entity::{goal, meeting, need, working_group, working_group_member};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::dto::{WorkingGroup, WorkingGroupCreate, WorkingGroupFilters, WorkingGroupPage, WorkingGroupPatch};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, Validate, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::territories::{place, scope};

/// Working groups are public, active or not.
pub async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<working_group::Model> {
    working_group::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

pub async fn get(state: &AppState, _caller: &Caller, id: Uuid) -> ApiResult<WorkingGroup> {
    let group = find(&state.db, id).await?;
    with_count(&state.db, group).await
}

pub async fn list(state: &AppState, _caller: &Caller, filters: WorkingGroupFilters, page: &PageParams) -> ApiResult<WorkingGroupPage> {
    let mut select = working_group::Entity::find();
    if let Some(kind) = filters.kind {
        select = select.filter(working_group::Column::Kind.eq(kind));
    }
    if let Some(active) = filters.is_active {
        select = select.filter(working_group::Column::IsActive.eq(active));
    }
    if let Some(root) = filters.territory_id {
        select = select.filter(scope::within(working_group::Column::TerritoryId, root));
    }
    let sort = Sort { key: None, id: working_group::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |g| (None, g.id)).await?;
    let counts = member_counts(&state.db, &rows.iter().map(|g| g.id).collect::<Vec<_>>()).await?;
    let items = rows
        .into_iter()
        .map(|g| {
            let n = counts.get(&g.id).copied().unwrap_or(0);
            WorkingGroup::from_model(g, n)
        })
        .collect();
    Ok(WorkingGroupPage { items, next_cursor })
}

/// Member counts of `ids` in one grouped query; groups without members are absent.
async fn member_counts<D: ConnectionTrait>(db: &D, ids: &[Uuid]) -> ApiResult<HashMap<Uuid, u64>> {
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

async fn with_count<D: ConnectionTrait>(db: &D, group: working_group::Model) -> ApiResult<WorkingGroup> {
    let count = member_counts(db, &[group.id]).await?.get(&group.id).copied().unwrap_or(0);
    Ok(WorkingGroup::from_model(group, count))
}

pub async fn create(state: &AppState, caller: &Caller, body: WorkingGroupCreate) -> ApiResult<WorkingGroup> {
    authorize(caller, Action::ManageGroups(Place::Pending))?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let now = clock::now();
    let txn = crate::db::begin(&state.db).await?;
    if let Some(id) = body.territory_id {
        place::by_id(&txn, "territory_id", id).await?;
    }
    // A coordinator narrowed to territories makes groups only there (none placed is the whole installation's).
    authorize(caller, Action::ManageGroups(Place::At(body.territory_id)))?;
    let group = working_group::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(body.name.trim().to_string()),
        kind: Set(body.kind),
        target_group: Set(non_blank(body.target_group.as_deref())),
        description: Set(body.description.clone()),
        vision: Set(body.vision.clone()),
        quorum: Set(body.quorum),
        is_active: Set(body.is_active.unwrap_or(true)),
        territory_id: Set(body.territory_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "working_group", Some(group.id), changes_of(&body)).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::WorkingGroup, &[group.id]).await?;
    txn.commit().await?;
    Ok(WorkingGroup::from_model(group, 0))
}

fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// Coordinators change anything; a group's leaders may rewrite the texts the group writes
/// about itself (target group, description, vision), not its name, kind, quorum or status.
pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: WorkingGroupPatch) -> ApiResult<WorkingGroup> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    let place = Place::At(current.territory_id);
    authorize(caller, if patch.only_own_texts() { Action::manage_group(&current) } else { Action::ManageGroups(place) })?;
    if_match.check(current.version)?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.name, patch.name.as_ref().map(|t| t.trim().to_string()));
    given(&mut active.kind, patch.kind);
    given(&mut active.target_group, patch.target_group.as_ref().map(|t| non_blank(t.as_deref())));
    given(&mut active.description, patch.description.clone());
    given(&mut active.vision, patch.vision.clone());
    given(&mut active.quorum, patch.quorum);
    given(&mut active.is_active, patch.is_active);
    if let Some(territory) = patch.territory_id {
        if let Some(id) = territory {
            place::by_id(&txn, "territory_id", id).await?;
        }
        // Moved only to where the caller coordinates too (taking a group out of every territory
        // hands it to the whole installation's coordinators).
        authorize(caller, Action::ManageGroups(Place::At(territory)))?;
    }
    given(&mut active.territory_id, patch.territory_id);
    let group = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "working_group", Some(id), changes_of(&patch)).await?;
    let group = with_count(&txn, group).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::WorkingGroup, &[id]).await?;
    txn.commit().await?;
    Ok(group)
}

/// A group with goals or meetings is part of the plan's history: deleting it would erase its
/// minutes and orphan its goals, so it is retired (`is_active: false`) instead.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManageGroups(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let group = find(&txn, id).await?;
    authorize(caller, Action::ManageGroups(Place::At(group.territory_id)))?;
    if_match.check(group.version)?;
    let goals = goal::Entity::find().filter(goal::Column::WorkingGroupId.eq(id)).count(&txn).await?;
    let meetings = meeting::Entity::find().filter(meeting::Column::WorkingGroupId.eq(id)).count(&txn).await?;
    let needs = need::Entity::find().filter(need::Column::WorkingGroupId.eq(id)).count(&txn).await?;
    if goals > 0 || meetings > 0 || needs > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::InUse,
            format!(
                "the working group owns {goals} goal(s), has {meetings} meeting(s) and reviews {needs} need(s); deleting \
             it would lose that history, so retire it with PATCH {{\"is_active\": false}} instead"
            ),
        ));
    }
    working_group::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "working_group", Some(id), Default::default()).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::WorkingGroup, &[id]).await?;
    txn.commit().await?;
    Ok(())
}
