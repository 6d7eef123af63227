//! Taking versions at lifecycle moves, listing them, and comparing two states of a plan.
use chrono::{DateTime, Utc};
use entity::enums::PlanStatus;
use entity::values::Snapshot;
use entity::{plan, plan_version};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::dto::{DiffQuery, DiffSide, PlanDiff, Side, Version, VersionPage};
use super::{diff, snapshot};
use crate::access;
use crate::caller::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode};
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;

/// Snapshots `plan` (as just moved, in the mover's transaction `db`) as a version of the move
/// `status_change_id`.
pub async fn take(db: &impl ConnectionTrait, plan: &plan::Model, status_change_id: Uuid, reason: Option<String>) -> ApiResult<()> {
    plan_version::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(plan.id),
        status_change_id: Set(Some(status_change_id)),
        status: Set(plan.status),
        reason: Set(reason),
        snapshot: Set(snapshot::of(db, plan).await?),
        created_at: Set(clock::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The plan's versions, oldest first; as visible as the plan itself.
pub async fn list(state: &AppState, caller: &Caller, plan_id: Uuid, page: &PageParams) -> ApiResult<VersionPage> {
    access::plan(&state.db, caller, plan_id).await?;
    let select = plan_version::Entity::find().filter(plan_version::Column::PlanId.eq(plan_id));
    let sort = Sort { key: None, id: plan_version::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |v| (None, v.id)).await?;
    Ok(VersionPage { items: rows.iter().map(Version::from_model).collect(), next_cursor })
}

/// A side's snapshot with what the answer says of it.
struct State {
    side: DiffSide,
    snapshot: Snapshot,
}

async fn state_of(db: &impl ConnectionTrait, plan: &plan::Model, field: &str, side: Side) -> ApiResult<State> {
    match side {
        Side::Current => Ok(State { side: side_of(None, plan.status, plan.updated_at), snapshot: snapshot::of(db, plan).await? }),
        Side::Version(id) => {
            let version = plan_version::Entity::find_by_id(id)
                .filter(plan_version::Column::PlanId.eq(plan.id))
                .one(db)
                .await?
                .ok_or_else(|| ApiError::invalid(field, FieldErrorCode::NotFound, "no such version of this plan"))?;
            Ok(State { side: side_of(Some(version.id), version.status, version.created_at), snapshot: version.snapshot })
        }
    }
}

fn side_of(version_id: Option<Uuid>, status: PlanStatus, at: DateTime<Utc>) -> DiffSide {
    DiffSide { version_id, status, at }
}

/// What changed between two states of the plan (`from`, `to`: versions or `current`).
pub async fn compare(state: &AppState, caller: &Caller, plan_id: Uuid, query: DiffQuery) -> ApiResult<PlanDiff> {
    let plan = access::plan(&state.db, caller, plan_id).await?;
    let (from, to) = query.sides()?;
    let from = state_of(&state.db, &plan, "from", from).await?;
    let to = state_of(&state.db, &plan, "to", to).await?;
    Ok(PlanDiff {
        plan_id,
        plan: diff::plan_changes(&from.snapshot, &to.snapshot),
        goals: diff::rows(&from.snapshot.goals, &to.snapshot.goals),
        measures: diff::rows(&from.snapshot.measures, &to.snapshot.measures),
        from: from.side,
        to: to.side,
    })
}
