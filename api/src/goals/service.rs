//! Goal rules and queries.
use entity::{goal, measure, plan, working_group};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::dto::{Goal, GoalCreate, GoalPage, GoalPatch};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::http::IfMatch;
use crate::lifecycle::ensure_editable;
use crate::pagination::{self, KeyKind, PageParams, Sort, int_key};
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::{access, progress, register};

/// The goal as the API answers it, with its progress.
async fn answer<D: ConnectionTrait>(db: &D, goal: goal::Model) -> ApiResult<Goal> {
    let progress = progress::of_goals(db, &[goal.id]).await?.get(&goal.id).copied();
    Ok(Goal::from_model(goal, progress))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Goal> {
    let (goal, _) = access::goal(&state.db, caller, id).await?;
    answer(&state.db, goal).await
}

/// Goals of a plan in order (position, then id).
pub async fn list(state: &AppState, caller: &Caller, plan_id: Uuid, page: &PageParams) -> ApiResult<GoalPage> {
    access::plan(&state.db, caller, plan_id).await?;
    let select = goal::Entity::find().filter(goal::Column::PlanId.eq(plan_id));
    let sort = Sort { key: Some((goal::Column::Position, KeyKind::Int)), id: goal::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |g| (int_key(g.position), g.id)).await?;
    let ids: Vec<Uuid> = rows.iter().map(|g| g.id).collect();
    let progress = progress::of_goals(&state.db, &ids).await?;
    let items = rows
        .into_iter()
        .map(|g| {
            let p = progress.get(&g.id).copied();
            Goal::from_model(g, p)
        })
        .collect();
    Ok(GoalPage { items, next_cursor })
}

async fn check_group<D: ConnectionTrait>(db: &D, v: &mut Validator, group: Option<Uuid>) -> ApiResult<()> {
    if let Some(id) = group
        && working_group::Entity::find_by_id(id).one(db).await?.is_none()
    {
        v.error("working_group_id", FieldErrorCode::NotFound, "no such working group");
    }
    Ok(())
}

/// A parent must be a top-level goal of the same plan, so goals nest one level only. Answers the
/// parent when it is one.
async fn check_parent<D: ConnectionTrait>(
    db: &D,
    v: &mut Validator,
    plan_id: Uuid,
    parent: Option<Uuid>,
    this: Option<Uuid>,
) -> ApiResult<Option<goal::Model>> {
    let Some(parent_id) = parent else { return Ok(None) };
    if Some(parent_id) == this {
        v.error("parent_goal_id", FieldErrorCode::Invalid, "a goal cannot be its own parent");
        return Ok(None);
    }
    let found = match goal::Entity::find_by_id(parent_id).one(db).await? {
        Some(p) if p.plan_id == plan_id && p.parent_goal_id.is_none() => Some(p),
        Some(p) if p.plan_id == plan_id => {
            v.error("parent_goal_id", FieldErrorCode::Invalid, "goals nest one level only; choose a top-level goal");
            None
        }
        _ => {
            v.error("parent_goal_id", FieldErrorCode::NotFound, "no such goal in this plan");
            None
        }
    };
    if let Some(this) = this {
        let has_children = goal::Entity::find().filter(goal::Column::ParentGoalId.eq(this)).count(db).await? > 0;
        v.check(!has_children, "parent_goal_id", FieldErrorCode::Invalid, "this goal has sub-goals, so it must stay top-level");
    }
    Ok(found)
}

/// Putting a goal under a parent changes the parent's part of the plan, so it needs the right to
/// edit the parent: a leader attaches goals only under goals of a group they lead.
fn ensure_may_attach(caller: &Caller, parent: Option<&goal::Model>, plan: &plan::Model) -> ApiResult<()> {
    let Some(parent) = parent else { return Ok(()) };
    authorize(caller, Action::edit_content(parent.working_group_id, plan)).map_err(|_| {
        ApiError::Forbidden("only coordinators, and leaders of the parent goal's working group, may put goals under it".into())
    })
}

async fn ensure_code_free<D: ConnectionTrait>(db: &D, plan_id: Uuid, code: &str, this: Option<Uuid>) -> ApiResult<()> {
    let mut select = goal::Entity::find().filter(goal::Column::PlanId.eq(plan_id)).filter(goal::Column::Code.eq(code));
    if let Some(this) = this {
        select = select.filter(goal::Column::Id.ne(this));
    }
    if select.count(db).await? > 0 {
        return Err(ApiError::duplicate("code", format!("the code {code} is already used by another goal of this plan")));
    }
    Ok(())
}

pub async fn create(state: &AppState, caller: &Caller, plan_id: Uuid, body: GoalCreate) -> ApiResult<Goal> {
    let txn = crate::db::begin(&state.db).await?;
    let plan = access::plan(&txn, caller, plan_id).await?;
    authorize(caller, Action::edit_content(body.working_group_id, &plan))?;
    ensure_editable(plan.status)?;
    let mut v = Validator::new();
    body.validate(&mut v);
    check_group(&txn, &mut v, body.working_group_id).await?;
    let parent = check_parent(&txn, &mut v, plan_id, body.parent_goal_id, None).await?;
    v.finish()?;
    ensure_may_attach(caller, parent.as_ref(), &plan)?;
    let code = body.code.trim().to_string();
    ensure_code_free(&txn, plan_id, &code, None).await?;
    let position = match body.position {
        Some(p) => p,
        None => next_position(&txn, plan_id, body.parent_goal_id).await?,
    };
    let now = clock::now();
    let goal = goal::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(plan_id),
        parent_goal_id: Set(body.parent_goal_id),
        working_group_id: Set(body.working_group_id),
        code: Set(code),
        title: Set(body.title.trim().to_string()),
        description: Set(body.description.clone()),
        position: Set(position),
        previous_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "goal", Some(goal.id), changes_of(&body)).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Goal, &[goal.id]).await?;
    txn.commit().await?;
    Ok(Goal::from_model(goal, None))
}

async fn next_position<D: ConnectionTrait>(db: &D, plan_id: Uuid, parent: Option<Uuid>) -> ApiResult<i32> {
    let mut select = goal::Entity::find().filter(goal::Column::PlanId.eq(plan_id));
    select = match parent {
        Some(p) => select.filter(goal::Column::ParentGoalId.eq(p)),
        None => select.filter(goal::Column::ParentGoalId.is_null()),
    };
    let last = select.order_by_desc(goal::Column::Position).one(db).await?;
    Ok(last.map_or(1, |g| g.position.saturating_add(1)))
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: GoalPatch) -> ApiResult<Goal> {
    let txn = crate::db::begin(&state.db).await?;
    let (current, plan) = access::goal(&txn, caller, id).await?;
    authorize(caller, Action::edit_content(current.working_group_id, &plan))?;
    if let Some(new_group) = patch.working_group_id {
        // Handing a goal to another group needs the right to edit that group's goals too.
        authorize(caller, Action::edit_content(new_group, &plan))?;
    }
    if_match.check(current.version)?;
    ensure_editable(plan.status)?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    if let Some(group) = patch.working_group_id {
        check_group(&txn, &mut v, group).await?;
    }
    let parent = match patch.parent_goal_id {
        Some(parent) => check_parent(&txn, &mut v, plan.id, parent, Some(id)).await?,
        None => None,
    };
    v.finish()?;
    ensure_may_attach(caller, parent.as_ref(), &plan)?;
    if let Some(code) = &patch.code {
        ensure_code_free(&txn, plan.id, code.trim(), Some(id)).await?;
    }
    let version = current.version;
    let mut active = current.into_active_model();
    let trim = |t: &String| t.trim().to_string();
    given(&mut active.code, patch.code.as_ref().map(trim));
    given(&mut active.title, patch.title.as_ref().map(trim));
    given(&mut active.description, patch.description.clone());
    given(&mut active.working_group_id, patch.working_group_id);
    given(&mut active.parent_goal_id, patch.parent_goal_id);
    given(&mut active.position, patch.position);
    let goal = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "goal", Some(id), changes_of(&patch)).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Goal, &[id]).await?;
    txn.commit().await?;
    answer(&state.db, goal).await
}

/// Deleting a goal deletes its sub-goals and measures (the database cascades) and the comments
/// on all of them (comments point at their targets without a foreign key).
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    let txn = crate::db::begin(&state.db).await?;
    let (goal, plan) = access::goal(&txn, caller, id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    if_match.check(goal.version)?;
    ensure_editable(plan.status)?;
    let children: Vec<(Uuid, Option<Uuid>)> = goal::Entity::find()
        .select_only()
        .column(goal::Column::Id)
        .column(goal::Column::WorkingGroupId)
        .filter(goal::Column::ParentGoalId.eq(id))
        .into_tuple()
        .all(&txn)
        .await?;
    // Sub-goals go with their parent, so whoever deletes it must be allowed to delete each of them:
    // a leader cannot take another group's sub-goals and measures down with their own goal.
    for (_, group) in &children {
        authorize(caller, Action::edit_content(*group, &plan))?;
    }
    let mut goals: Vec<Uuid> = children.into_iter().map(|(child, _)| child).collect();
    goals.push(id);
    let measures: Vec<Uuid> = measure::Entity::find()
        .select_only()
        .column(measure::Column::Id)
        .filter(measure::Column::GoalId.is_in(goals.clone()))
        .into_tuple()
        .all(&txn)
        .await?;
    register::clear_for_deletion(&txn, goals, measures).await?;
    goal::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "goal", Some(id), Default::default()).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Goal, &[id]).await?;
    txn.commit().await?;
    Ok(())
}
