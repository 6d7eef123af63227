//! Who sees which plan and which comment target: drafts exist only for signed-in people, and to
//! everyone else they (and everything in them) are 404. The rule is written here once, for rows in
//! memory and for queries.
use entity::enums::{PlanStatus, TargetType};
use entity::{goal, measure, meeting, plan, working_group};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::readers;

/// Whether the caller sees plans in every status (otherwise drafts are hidden).
pub fn sees_drafts(caller: &Caller) -> bool {
    caller.user().is_some_and(readers::reads_drafts)
}

pub fn ensure_plan_visible(caller: &Caller, plan: &plan::Model) -> ApiResult<()> {
    if plan.status == PlanStatus::Draft && !sees_drafts(caller) {
        return Err(ApiError::NotFound);
    }
    Ok(())
}

/// The condition on the plan table that keeps only the plans the caller may see; none when they
/// see every plan.
pub fn visible_plans(caller: &Caller) -> Option<SimpleExpr> {
    (!sees_drafts(caller)).then(|| plan::Column::Status.ne(PlanStatus::Draft))
}

/// The condition on `plan_id` (a column of another table) that keeps only rows of plans the
/// caller may see; none when they see every plan. It names the drafts to leave out rather than
/// the plans to keep: drafts are few and found by the status index, where the plans to keep are
/// nearly all of them and were read whole for every page.
pub fn of_visible_plans(caller: &Caller, plan_id: impl ColumnTrait) -> Option<SimpleExpr> {
    visible_plans(caller)?;
    let drafts =
        Query::select().column(plan::Column::Id).from(plan::Entity).and_where(plan::Column::Status.eq(PlanStatus::Draft)).to_owned();
    Some(plan_id.not_in_subquery(drafts))
}

/// A plan, if the caller may see it.
pub async fn plan<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<plan::Model> {
    let plan = plan::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    ensure_plan_visible(caller, &plan)?;
    Ok(plan)
}

/// A goal with its plan, if the caller may see the plan.
pub async fn goal<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<(goal::Model, plan::Model)> {
    let goal = goal::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let plan = plan(db, caller, goal.plan_id).await?;
    Ok((goal, plan))
}

/// A measure with its goal and plan, if the caller may see the plan.
pub async fn measure<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<(measure::Model, goal::Model, plan::Model)> {
    let measure = measure::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let (goal, plan) = goal(db, caller, measure.goal_id).await?;
    Ok((measure, goal, plan))
}

/// A comment target's plan (none for meetings), if the target exists and the caller may see it.
pub async fn target_plan<D: ConnectionTrait>(db: &D, caller: &Caller, kind: TargetType, id: Uuid) -> ApiResult<Option<plan::Model>> {
    Ok(match kind {
        TargetType::Plan => Some(plan(db, caller, id).await?),
        TargetType::Goal => Some(goal(db, caller, id).await?.1),
        TargetType::Measure => Some(measure(db, caller, id).await?.2),
        TargetType::Meeting => {
            meeting::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
            None
        }
    })
}

/// Where a comment target lies, for coordinators narrowed to territories: its plan's territory
/// (`plan`, as `target_plan` answered it), or, for a meeting, its working group's.
pub async fn target_territory<D: ConnectionTrait>(
    db: &D,
    kind: TargetType,
    id: Uuid,
    plan: Option<&plan::Model>,
) -> ApiResult<Option<Uuid>> {
    if let Some(plan) = plan {
        return Ok(plan.territory_id);
    }
    if kind != TargetType::Meeting {
        return Ok(None);
    }
    let meeting = meeting::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    let group = working_group::Entity::find_by_id(meeting.working_group_id).one(db).await?.ok_or(ApiError::NotFound)?;
    Ok(group.territory_id)
}
