//! Progress of goals and plans, derived from their measures and never stored.
use std::collections::HashMap;

use entity::enums::MeasureStatus;
use entity::{goal, measure};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::error::ApiResult;

/// Weighted average of measure progress; cancelled measures do not count.
/// Returns None when nothing counts.
pub fn weighted<'a>(measures: impl IntoIterator<Item = (i32, i32, MeasureStatus)> + 'a) -> Option<i32> {
    let (sum, weights) = measures
        .into_iter()
        .filter(|(_, _, status)| *status != MeasureStatus::Cancelled)
        .fold((0i64, 0i64), |(s, w), (progress, weight, _)| (s + progress as i64 * weight as i64, w + weight as i64));
    average(sum, weights)
}

/// Per `key` (plan or goal): the sum of progress × weight and the sum of weights of the measures
/// that count, added up by the database so a page of plans costs one small query, not its measures.
async fn sums<D: ConnectionTrait>(db: &D, key: measure::Column, ids: impl IntoIterator<Item = Uuid>) -> ApiResult<Vec<(Uuid, i64, i64)>> {
    let points = Expr::col(measure::Column::Progress).mul(Expr::col(measure::Column::Weight));
    Ok(measure::Entity::find()
        .select_only()
        .column(key)
        .column_as(Expr::expr(Func::sum(points)), "points")
        .column_as(Expr::expr(Func::sum(Expr::col(measure::Column::Weight))), "weights")
        .filter(key.is_in(ids))
        .filter(measure::Column::Status.ne(MeasureStatus::Cancelled))
        .group_by(key)
        .into_tuple()
        .all(db)
        .await?)
}

fn average(points: i64, weights: i64) -> Option<i32> {
    (weights > 0).then(|| ((points as f64) / (weights as f64)).round() as i32)
}

/// Progress of each of `plan_ids`, in one query.
pub async fn of_plans<D: ConnectionTrait>(db: &D, plan_ids: &[Uuid]) -> ApiResult<HashMap<Uuid, i32>> {
    if plan_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = sums(db, measure::Column::PlanId, plan_ids.iter().copied()).await?;
    Ok(rows.into_iter().filter_map(|(plan, points, weights)| average(points, weights).map(|p| (plan, p))).collect())
}

/// Progress of each goal, counting the measures of its sub-goals too, in two queries.
pub async fn of_goals<D: ConnectionTrait>(db: &D, goal_ids: &[Uuid]) -> ApiResult<HashMap<Uuid, i32>> {
    if goal_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let children: Vec<(Uuid, Option<Uuid>)> = goal::Entity::find()
        .select_only()
        .columns([goal::Column::Id, goal::Column::ParentGoalId])
        .filter(goal::Column::ParentGoalId.is_in(goal_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let parent_of: HashMap<Uuid, Uuid> = children.into_iter().filter_map(|(c, p)| p.map(|p| (c, p))).collect();
    let counted: Vec<Uuid> = goal_ids.iter().chain(parent_of.keys()).copied().collect();
    let mut totals: HashMap<Uuid, (i64, i64)> = HashMap::new();
    for (goal, points, weights) in sums(db, measure::Column::GoalId, counted).await? {
        // A goal's sums count for itself and, through a sub-goal, for its parent.
        let targets = [goal_ids.contains(&goal).then_some(goal), parent_of.get(&goal).copied()];
        for target in targets.into_iter().flatten() {
            let total = totals.entry(target).or_default();
            *total = (total.0 + points, total.1 + weights);
        }
    }
    Ok(totals.into_iter().filter_map(|(goal, (points, weights))| average(points, weights).map(|p| (goal, p))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use MeasureStatus::*;

    #[test]
    fn weights_count_and_cancelled_measures_do_not() {
        assert_eq!(weighted([(100, 1, Completed), (0, 1, Planned)]), Some(50));
        assert_eq!(weighted([(100, 3, Completed), (0, 1, Planned)]), Some(75));
        assert_eq!(weighted([(100, 1, Completed), (0, 5, Cancelled)]), Some(100));
        assert_eq!(weighted([(10, 1, Cancelled)]), None);
        assert_eq!(weighted([]), None);
    }
}
