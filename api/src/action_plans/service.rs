//! Action plan rules and queries. Coordinators of the plan's territory (and admins) manage them;
//! they are read wherever the plan is. Once approved an action plan is the steering group's
//! record of the year and never changes again (409 `frozen`).
use std::collections::{HashMap, HashSet};

use entity::action_plan::{self, ActionPlanItem, ActionPlanItems, PlannedAmount};
use entity::enums::{ActionPlanStatus, MeetingStatus};
use entity::{activity, goal, measure, meeting, plan, working_group};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

use super::dto::{ActionPlan, ActionPlanCreate, ActionPlanPage, ActionPlanPatch, MAX_ITEMS};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::domain::Text;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validator};
use crate::http::IfMatch;
use crate::lifecycle::{approval, ensure_not_archived};
use crate::pagination::{self, KeyKind, PageParams, Sort, int_key};
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::{access, clock, money};

/// An action plan with its plan, if the caller may see the plan.
async fn visible<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<(action_plan::Model, plan::Model)> {
    let row = action_plan::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let plan = access::plan(db, caller, row.plan_id).await?;
    Ok((row, plan))
}

/// Who manages a plan's action plans: coordinators where the plan lies, and admins.
fn authorize_on(caller: &Caller, plan: &plan::Model) -> ApiResult<()> {
    authorize(caller, Action::ManagePlans(Place::At(plan.territory_id)))?;
    ensure_not_archived(plan.status)
}

fn ensure_draft(row: &action_plan::Model) -> ApiResult<()> {
    if row.status == ActionPlanStatus::Approved {
        return Err(ApiError::Conflict(
            ConflictCode::Frozen,
            format!("the action plan for {} is approved; it is frozen since its approval", row.year),
        ));
    }
    Ok(())
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<ActionPlan> {
    Ok(ActionPlan::from_model(visible(&state.db, caller, id).await?.0))
}

/// A plan's action plans by year.
pub async fn list(state: &AppState, caller: &Caller, plan_id: Uuid, page: &PageParams) -> ApiResult<ActionPlanPage> {
    access::plan(&state.db, caller, plan_id).await?;
    let select = action_plan::Entity::find().filter(action_plan::Column::PlanId.eq(plan_id));
    let sort = Sort { key: Some((action_plan::Column::Year, KeyKind::Int)), id: action_plan::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |a| (int_key(a.year), a.id)).await?;
    Ok(ActionPlanPage { items: rows.into_iter().map(ActionPlan::from_model).collect(), next_cursor })
}

pub async fn create(state: &AppState, caller: &Caller, plan_id: Uuid, body: ActionPlanCreate) -> ApiResult<ActionPlan> {
    let txn = crate::db::begin(&state.db).await?;
    let plan = access::plan(&txn, caller, plan_id).await?;
    authorize_on(caller, &plan)?;
    let mut v = Validator::new();
    year(&mut v, &plan, body.year);
    let items = items(&txn, &mut v, &plan, body.year, &body.items).await?;
    v.finish()?;
    ensure_year_free(&txn, plan_id, body.year, None).await?;
    let now = clock::now();
    let row = action_plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(plan_id),
        year: Set(body.year),
        items: Set(ActionPlanItems(items)),
        status: Set(ActionPlanStatus::Draft),
        approved_on: Set(None),
        approval_resolution: Set(None),
        approved_at_meeting_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "action_plan", Some(row.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(ActionPlan::from_model(row))
}

/// Edit a draft action plan, or approve it.
pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: ActionPlanPatch) -> ApiResult<ActionPlan> {
    let txn = crate::db::begin(&state.db).await?;
    let (current, plan) = visible(&txn, caller, id).await?;
    authorize_on(caller, &plan)?;
    if_match.check(current.version)?;
    ensure_draft(&current)?;
    let mut v = Validator::new();
    let year_now = patch.year.unwrap_or(current.year);
    if let Some(y) = patch.year {
        year(&mut v, &plan, y);
    }
    // A new year is checked against the items as they will be, the kept ones too.
    let items = match (&patch.items, patch.year) {
        (Some(new), _) => Some(items(&txn, &mut v, &plan, year_now, new).await?),
        (None, Some(_)) => Some(items(&txn, &mut v, &plan, year_now, &current.items.0).await?),
        (None, None) => None,
    };
    let approving = patch.status == Some(ActionPlanStatus::Approved);
    let (resolution, on) = if approving {
        approval(&mut v, patch.approval_resolution.as_deref(), patch.approved_on)
    } else {
        v.check(patch.approval_resolution.is_none(), "approval_resolution", FieldErrorCode::Invalid, "is sent only with approval");
        v.check(patch.approved_on.is_none(), "approved_on", FieldErrorCode::Invalid, "is sent only with approval");
        (None, None)
    };
    let meeting = patch.approved_at_meeting_id.flatten();
    if !approving {
        v.check(meeting.is_none(), "approved_at_meeting_id", FieldErrorCode::Invalid, "is sent only with approval");
    } else if let Some(meeting) = meeting {
        approving_meeting(&txn, &mut v, &plan, meeting).await?;
    }
    v.finish()?;
    if let Some(y) = patch.year {
        ensure_year_free(&txn, plan.id, y, Some(id)).await?;
    }
    let version = current.version;
    let mut a = current.into_active_model();
    given(&mut a.year, patch.year);
    given(&mut a.items, items.map(ActionPlanItems));
    given(&mut a.status, patch.status);
    if approving {
        a.approval_resolution = Set(resolution);
        a.approved_on = Set(on);
        a.approved_at_meeting_id = Set(meeting);
    }
    let row = update_versioned(&txn, a, id, version).await?;
    let action = if approving { "approve" } else { "update" };
    audit::record(&txn, caller, action, "action_plan", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(ActionPlan::from_model(row))
}

pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    let txn = crate::db::begin(&state.db).await?;
    let (row, plan) = visible(&txn, caller, id).await?;
    authorize_on(caller, &plan)?;
    if_match.check(row.version)?;
    ensure_draft(&row)?;
    action_plan::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "action_plan", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// The year lies within the plan's period.
fn year(v: &mut Validator, plan: &plan::Model, year: i32) {
    v.range("year", year.into(), plan.period_start.into(), plan.period_end.into());
}

async fn ensure_year_free<D: ConnectionTrait>(db: &D, plan_id: Uuid, year: i32, this: Option<Uuid>) -> ApiResult<()> {
    let mut select = action_plan::Entity::find().filter(action_plan::Column::PlanId.eq(plan_id)).filter(action_plan::Column::Year.eq(year));
    if let Some(this) = this {
        select = select.filter(action_plan::Column::Id.ne(this));
    }
    if select.count(db).await? > 0 {
        return Err(ApiError::duplicate("year", format!("the plan already has an action plan for {year}")));
    }
    Ok(())
}

/// The items checked field by field (`items[0].activity_ids[1]`) against the plan's measures and
/// their activities, and stored as the API answers them (amounts as "125000.00", notes trimmed).
async fn items<D: ConnectionTrait>(
    db: &D,
    v: &mut Validator,
    plan: &plan::Model,
    year: i32,
    items: &[ActionPlanItem],
) -> ApiResult<Vec<ActionPlanItem>> {
    v.items("items", items.len(), MAX_ITEMS);
    let measures: HashSet<Uuid> = measure::Entity::find()
        .select_only()
        .column(measure::Column::Id)
        .filter(measure::Column::PlanId.eq(plan.id))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let activities: HashMap<Uuid, activity::Model> =
        activity::Entity::find().filter(activity::Column::PlanId.eq(plan.id)).all(db).await?.into_iter().map(|a| (a.id, a)).collect();
    let measure_ids: Vec<Uuid> = items.iter().map(|i| i.measure_id).collect();
    v.once_each("items", &measure_ids);
    let mut stored = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = format!("items[{i}]");
        v.check(measures.contains(&item.measure_id), &format!("{at}.measure_id"), FieldErrorCode::NotFound, "not a measure of this plan");
        v.items(&format!("{at}.activity_ids"), item.activity_ids.len(), 100);
        v.once_each(&format!("{at}.activity_ids"), &item.activity_ids);
        for (j, id) in item.activity_ids.iter().enumerate() {
            let field = format!("{at}.activity_ids[{j}]");
            match activities.get(id) {
                Some(a) if a.measure_id == item.measure_id => v.check(
                    (a.year_from..=a.year_to).contains(&year),
                    &field,
                    FieldErrorCode::Invalid,
                    format!("the activity runs {}–{}, not in {year}", a.year_from, a.year_to),
                ),
                _ => v.error(&field, FieldErrorCode::NotFound, "not an activity of this item's measure"),
            }
        }
        v.items(&format!("{at}.planned"), item.planned.len(), 20);
        v.once_each(&format!("{at}.planned"), &item.planned.iter().map(|p| p.source).collect::<Vec<_>>());
        let mut planned = Vec::with_capacity(item.planned.len());
        for (k, p) in item.planned.iter().enumerate() {
            if let Some(amount) = v.field(money::amount(&format!("{at}.planned[{k}].amount"), &p.amount)) {
                planned.push(PlannedAmount { source: p.source, amount: money::format(amount) });
            }
        }
        let note = item.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = note {
            v.field(Text::<5_000>::parse(&format!("{at}.note"), n));
        }
        stored.push(ActionPlanItem {
            measure_id: item.measure_id,
            activity_ids: item.activity_ids.clone(),
            planned,
            note: note.map(str::to_string),
        });
    }
    Ok(stored)
}

/// 422 unless the meeting exists, is not cancelled, and is of a working group of the plan's
/// territory or of one owning a goal of the plan: the steering group that approves the year.
async fn approving_meeting<D: ConnectionTrait>(db: &D, v: &mut Validator, plan: &plan::Model, id: Uuid) -> ApiResult<()> {
    let field = "approved_at_meeting_id";
    let Some(meeting) = meeting::Entity::find_by_id(id).one(db).await? else {
        v.error(field, FieldErrorCode::NotFound, "no such meeting");
        return Ok(());
    };
    let group = working_group::Entity::find_by_id(meeting.working_group_id).one(db).await?.ok_or(ApiError::NotFound)?;
    let owns_a_goal =
        goal::Entity::find().filter(goal::Column::PlanId.eq(plan.id)).filter(goal::Column::WorkingGroupId.eq(group.id)).count(db).await?
            > 0;
    v.check(
        (group.territory_id.is_some() && group.territory_id == plan.territory_id) || owns_a_goal,
        field,
        FieldErrorCode::Invalid,
        "the meeting is not of a working group of the plan's territory",
    );
    v.check(meeting.status != MeetingStatus::Cancelled, field, FieldErrorCode::Invalid, "the meeting was cancelled");
    Ok(())
}

/// What an action plan may name.
#[derive(Debug, Clone, Copy)]
pub enum Named {
    Measure(Uuid),
    Activity(Uuid),
}

/// 409 `in_use` while an action plan of the plan names the measure or activity: deleting it would
/// leave a year's plan pointing nowhere.
pub async fn ensure_unnamed<D: ConnectionTrait>(db: &D, plan_id: Uuid, named: Named) -> ApiResult<()> {
    let rows = action_plan::Entity::find().filter(action_plan::Column::PlanId.eq(plan_id)).all(db).await?;
    let names = |item: &ActionPlanItem| match named {
        Named::Measure(id) => item.measure_id == id,
        Named::Activity(id) => item.activity_ids.contains(&id),
    };
    let years: Vec<String> = rows.iter().filter(|r| r.items.0.iter().any(names)).map(|r| r.year.to_string()).collect();
    if years.is_empty() {
        return Ok(());
    }
    Err(ApiError::Conflict(ConflictCode::InUse, format!("the action plan(s) for {} name it; remove it from them first", years.join(", "))))
}
