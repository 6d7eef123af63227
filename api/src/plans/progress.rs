//! Progress of goals and plans, derived from their measures and never stored.
use std::collections::HashMap;

use entity::enums::MeasureStatus;
use entity::{goal, measure};
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
    (weights > 0).then(|| ((sum as f64) / (weights as f64)).round() as i32)
}

/// Progress of each of `plan_ids`, in one query.
pub async fn of_plans<D: ConnectionTrait>(db: &D, plan_ids: &[Uuid]) -> ApiResult<HashMap<Uuid, i32>> {
    if plan_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, i32, i32, MeasureStatus)> = measure::Entity::find()
        .select_only()
        .columns([measure::Column::PlanId, measure::Column::Progress, measure::Column::Weight, measure::Column::Status])
        .filter(measure::Column::PlanId.is_in(plan_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_plan: HashMap<Uuid, Vec<(i32, i32, MeasureStatus)>> = HashMap::new();
    for (plan, progress, weight, status) in rows {
        by_plan.entry(plan).or_default().push((progress, weight, status));
    }
    Ok(by_plan.into_iter().filter_map(|(plan, ms)| weighted(ms).map(|p| (plan, p))).collect())
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
    let rows: Vec<(Uuid, i32, i32, MeasureStatus)> = measure::Entity::find()
        .select_only()
        .columns([measure::Column::GoalId, measure::Column::Progress, measure::Column::Weight, measure::Column::Status])
        .filter(measure::Column::GoalId.is_in(counted))
        .into_tuple()
        .all(db)
        .await?;
    let mut by_goal: HashMap<Uuid, Vec<(i32, i32, MeasureStatus)>> = HashMap::new();
    for (goal, progress, weight, status) in rows {
        // A measure counts for its goal and, through a sub-goal, for the parent goal.
        if goal_ids.contains(&goal) {
            by_goal.entry(goal).or_default().push((progress, weight, status));
        }
        if let Some(parent) = parent_of.get(&goal) {
            by_goal.entry(*parent).or_default().push((progress, weight, status));
        }
    }
    Ok(by_goal.into_iter().filter_map(|(goal, ms)| weighted(ms).map(|p| (goal, p))).collect())
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
