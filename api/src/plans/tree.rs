//! `GET /plans/{id}/tree`: the plan, its goals in order, their sub-goals and measures, in three queries.
use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use entity::goal;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::dto::Plan;
use super::{progress, service};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::goals::dto::Goal;
use crate::measures::dto::Measure;
use crate::state::AppState;

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

/// The whole plan in one answer: goals (ordered by position), sub-goals, measures; progress derived.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path)), responses((status = 200, body = PlanTree)))]
#[get("/plans/{id}/tree")]
pub async fn plan_tree(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    let plan = service::get(&state.db, &caller, *id).await?;
    Ok(HttpResponse::Ok().json(build(&state, plan).await?))
}

pub async fn build(state: &AppState, plan: entity::plan::Model) -> ApiResult<PlanTree> {
    let goals = goal::Entity::find()
        .filter(goal::Column::PlanId.eq(plan.id))
        .order_by_asc(goal::Column::Position)
        .order_by_asc(goal::Column::Id)
        .all(&state.db)
        .await?;
    let measures = crate::measures::service::of_plan(&state.db, plan.id).await?;

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
        by_goal.entry(m.goal_id).or_default().push(m.into());
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
