//! A plan's rows as they stand: what a version keeps, and what `current` compares against.
use entity::values::Snapshot;
use entity::{goal, measure, plan};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};

/// A row as its JSON object (field names are the column names).
fn object(row: &impl Serialize) -> ApiResult<Map<String, Value>> {
    match serde_json::to_value(row) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiError::Internal),
    }
}

/// The goals and the measures of the plan `plan_id`, each in the plan's order, in two queries.
pub async fn rows_of(db: &impl ConnectionTrait, plan_id: uuid::Uuid) -> ApiResult<(Vec<goal::Model>, Vec<measure::Model>)> {
    let goals = goal::Entity::find()
        .filter(goal::Column::PlanId.eq(plan_id))
        .order_by_asc(goal::Column::Position)
        .order_by_asc(goal::Column::Id)
        .all(db)
        .await?;
    let measures = measure::Entity::find()
        .filter(measure::Column::PlanId.eq(plan_id))
        .order_by_asc(measure::Column::Position)
        .order_by_asc(measure::Column::Id)
        .all(db)
        .await?;
    Ok((goals, measures))
}

/// The plan with its goals and measures in the plan's order, in two queries.
pub async fn of(db: &impl ConnectionTrait, plan: &plan::Model) -> ApiResult<Snapshot> {
    let (goals, measures) = rows_of(db, plan.id).await?;
    Ok(Snapshot {
        plan: object(plan)?,
        goals: goals.iter().map(object).collect::<ApiResult<_>>()?,
        measures: measures.iter().map(object).collect::<ApiResult<_>>()?,
    })
}
