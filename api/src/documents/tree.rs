//! The plan tree: the plan, its goals in order, their sub-goals and measures, in six queries (the measures' links
//! are three).
use std::collections::HashMap;

use entity::goal;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::caller::Caller;
use crate::error::ApiResult;
use crate::goals::dto::Goal;
use crate::measures::dto::Measure;
use crate::plans::dto::Plan;
use crate::state::AppState;
use crate::{access, measures, progress};

#[derive(Debug, Serialize, ToSchema)]
pub struct SubGoalNode {
    #[serde(flatten)]
    pub goal: Goal,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GoalNode {
    #[serde(flatten)]
    pub goal: Goal,
    pub measures: Vec<Measure>,
    pub sub_goals: Vec<SubGoalNode>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanTree {
    pub plan: Plan,
    pub goals: Vec<GoalNode>,
}

pub async fn tree(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<PlanTree> {
    build(&state.db, access::plan(&state.db, caller, id).await?).await
}

pub async fn build<D: ConnectionTrait>(db: &D, plan: entity::plan::Model) -> ApiResult<PlanTree> {
    let goals = goal::Entity::find()
        .filter(goal::Column::PlanId.eq(plan.id))
        .order_by_asc(goal::Column::Position)
        .order_by_asc(goal::Column::Id)
        .all(db)
        .await?;
    let (measures, mut links) = measures::service::of_plan(db, plan.id).await?;

    let parent_of: HashMap<Uuid, Option<Uuid>> = goals.iter().map(|g| (g.id, g.parent_goal_id)).collect();
    let mut counted: HashMap<Uuid, Vec<(i32, i32, entity::enums::MeasureStatus)>> = HashMap::new();
    let mut plan_rows = Vec::new();
    for m in &measures {
        let row = (m.progress, m.weight, m.status);
        counted.entry(m.goal_id).or_default().push(row);
        if let Some(Some(parent)) = parent_of.get(&m.goal_id) {
            counted.entry(*parent).or_default().push(row);
        }
        plan_rows.push(row);
    }
    let mut by_goal: HashMap<Uuid, Vec<Measure>> = HashMap::new();
    for m in measures {
        let own = links.remove(&m.id).unwrap_or_default();
        by_goal.entry(m.goal_id).or_default().push(Measure::from_model(m, own));
    }
    let goal_of = |g: goal::Model| {
        let p = counted.get(&g.id).and_then(|rows| progress::weighted(rows.iter().copied()));
        Goal::from_model(g, p)
    };
    let (top, subs): (Vec<_>, Vec<_>) = goals.into_iter().partition(|g| g.parent_goal_id.is_none());
    let mut sub_nodes: HashMap<Uuid, Vec<SubGoalNode>> = HashMap::new();
    for g in subs {
        let parent = g.parent_goal_id.unwrap_or_default();
        let measures = by_goal.remove(&g.id).unwrap_or_default();
        sub_nodes.entry(parent).or_default().push(SubGoalNode { goal: goal_of(g), measures });
    }
    let goals = top
        .into_iter()
        .map(|g| {
            let measures = by_goal.remove(&g.id).unwrap_or_default();
            let sub_goals = sub_nodes.remove(&g.id).unwrap_or_default();
            GoalNode { goal: goal_of(g), measures, sub_goals }
        })
        .collect();
    let plan = Plan::from_model(plan, progress::weighted(plan_rows));
    Ok(PlanTree { plan, goals })
}
