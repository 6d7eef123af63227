//! Activity rules and queries. Who may change an activity is who may change its measure, and
//! from the plan's approval on only its status changes, as a measure's implementation state does.
use entity::activity;
use entity::enums::MeasureStatus;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::dto::{Activity, ActivityCreate, ActivityPage, ActivityPatch, Fields};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::error::{ApiError, ApiResult, Validator};
use crate::http::IfMatch;
use crate::lifecycle::{ensure_editable, ensure_not_archived};
use crate::pagination::{self, KeyKind, PageParams, Sort, int_key};
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::{access, action_plans, clock, money};

/// An activity with its measure, goal and plan, if the caller may see the plan.
async fn visible<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    id: Uuid,
) -> ApiResult<(activity::Model, entity::goal::Model, entity::plan::Model)> {
    let row = activity::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let (_, goal, plan) = access::measure(db, caller, row.measure_id).await?;
    Ok((row, goal, plan))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Activity> {
    Ok(Activity::from_model(visible(&state.db, caller, id).await?.0))
}

/// The measure's activities in order, with the measure's cost against the sum of theirs.
pub async fn list(state: &AppState, caller: &Caller, measure_id: Uuid, page: &PageParams) -> ApiResult<ActivityPage> {
    let (measure, _, _) = access::measure(&state.db, caller, measure_id).await?;
    let select = activity::Entity::find().filter(activity::Column::MeasureId.eq(measure_id));
    let sort = Sort { key: Some((activity::Column::Position, KeyKind::Int)), id: activity::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |a| (int_key(a.position), a.id)).await?;
    let costs: Vec<Option<i64>> = activity::Entity::find()
        .select_only()
        .column(activity::Column::EstimatedCost)
        .filter(activity::Column::MeasureId.eq(measure_id))
        .into_tuple()
        .all(&state.db)
        .await?;
    let named: Vec<i64> = costs.into_iter().flatten().collect();
    let sum: i64 = named.iter().sum();
    Ok(ActivityPage {
        items: rows.into_iter().map(Activity::from_model).collect(),
        next_cursor,
        measure_cost: measure.estimated_cost.map(money::format),
        activities_cost: money::format(sum),
        cost_mismatch: !named.is_empty() && measure.estimated_cost.unwrap_or(0) != sum,
    })
}

pub async fn create(state: &AppState, caller: &Caller, measure_id: Uuid, body: ActivityCreate) -> ApiResult<Activity> {
    let txn = crate::db::begin(&state.db).await?;
    let (measure, goal, plan) = access::measure(&txn, caller, measure_id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    ensure_editable(plan.status)?;
    let mut v = Validator::new();
    Fields {
        title: Some(&body.title),
        description: Some(&body.description),
        responsible: Some(&body.responsible),
        years: (body.year_from, body.year_to),
        estimated_cost: body.estimated_cost.as_deref(),
        position: body.position,
    }
    .validate(&mut v);
    v.finish()?;
    let position = match body.position {
        Some(p) => p,
        None => next_position(&txn, measure_id).await?,
    };
    let now = clock::now();
    let row = activity::ActiveModel {
        id: Set(Uuid::now_v7()),
        measure_id: Set(measure_id),
        plan_id: Set(measure.plan_id),
        title: Set(body.title.trim().to_string()),
        description: Set(body.description.clone()),
        responsible: Set(body.responsible.trim().to_string()),
        year_from: Set(body.year_from),
        year_to: Set(body.year_to),
        estimated_cost: Set(body.estimated_cost.as_deref().and_then(money::parse)),
        status: Set(body.status.unwrap_or(MeasureStatus::Planned)),
        position: Set(position),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "activity", Some(row.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(Activity::from_model(row))
}

/// After the measure's last activity.
async fn next_position<D: ConnectionTrait>(db: &D, measure_id: Uuid) -> ApiResult<i32> {
    let last = activity::Entity::find()
        .filter(activity::Column::MeasureId.eq(measure_id))
        .order_by_desc(activity::Column::Position)
        .one(db)
        .await?;
    Ok(last.map_or(1, |a| a.position.saturating_add(1)))
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: ActivityPatch) -> ApiResult<Activity> {
    let txn = crate::db::begin(&state.db).await?;
    let (current, goal, plan) = visible(&txn, caller, id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    if_match.check(current.version)?;
    if patch.changes_texts() {
        ensure_editable(plan.status)?;
    } else {
        ensure_not_archived(plan.status)?;
    }
    let mut v = Validator::new();
    Fields {
        title: patch.title.as_deref(),
        description: patch.description.as_deref(),
        responsible: patch.responsible.as_deref(),
        years: (patch.year_from.unwrap_or(current.year_from), patch.year_to.unwrap_or(current.year_to)),
        estimated_cost: patch.estimated_cost.as_ref().and_then(|c| c.as_deref()),
        position: patch.position,
    }
    .validate(&mut v);
    v.finish()?;
    let version = current.version;
    let mut a = current.into_active_model();
    let trim = |t: &String| t.trim().to_string();
    given(&mut a.title, patch.title.as_ref().map(trim));
    given(&mut a.description, patch.description.clone());
    given(&mut a.responsible, patch.responsible.as_ref().map(trim));
    given(&mut a.year_from, patch.year_from);
    given(&mut a.year_to, patch.year_to);
    given(&mut a.estimated_cost, patch.estimated_cost.as_ref().map(|c| c.as_deref().and_then(money::parse)));
    given(&mut a.status, patch.status);
    given(&mut a.position, patch.position);
    let row = update_versioned(&txn, a, id, version).await?;
    audit::record(&txn, caller, "update", "activity", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(Activity::from_model(row))
}

/// 409 `in_use` while an action plan names the activity: what a year planned stays readable.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    let txn = crate::db::begin(&state.db).await?;
    let (row, goal, plan) = visible(&txn, caller, id).await?;
    authorize(caller, Action::edit_content(goal.working_group_id, &plan))?;
    if_match.check(row.version)?;
    ensure_editable(plan.status)?;
    action_plans::service::ensure_unnamed(&txn, plan.id, action_plans::service::Named::Activity(id)).await?;
    activity::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "activity", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// Every activity of a plan, by measure and in order (for the plan document).
pub async fn of_plan<D: ConnectionTrait>(db: &D, plan_id: Uuid) -> ApiResult<Vec<Activity>> {
    let rows = activity::Entity::find()
        .filter(activity::Column::PlanId.eq(plan_id))
        .order_by_asc(activity::Column::MeasureId)
        .order_by_asc(activity::Column::Position)
        .order_by_asc(activity::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(Activity::from_model).collect())
}
