//! The next cycle's plan (navazující plán): "cyklický proces … spirála". A new draft of the same
//! territory, its goals and measures copied from the plan it follows, each copy naming its
//! original (`previous_id`), so the new plan shows where each measure came from.
//!
//! What is copied is what the next cycle starts from: the goals with their nesting and working
//! groups, the measures' texts, responsibilities, network links, weights and indicators, each
//! indicator's last measured value becoming its new baseline. What belongs to the old cycle stays
//! with it: measures start again as planned at 0 %, without dates, money (estimate and funding rows
//! are years of the old period), implementation notes, measured values or progress updates.
use std::collections::HashMap;

use entity::enums::{MeasureStatus, PlanStatus, SearchKind};
use entity::values::{FundingList, Indicator, Indicators};
use entity::{goal, measure, plan};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::dto::{Plan, SuccessorCreate};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::state::AppState;
use crate::{access, measures, search, versions};

/// The statuses a plan is followed from: once approved (a region may start the next plan while the
/// old one is still carried out).
const FOLLOWED_FROM: [PlanStatus; 4] = [PlanStatus::Approved, PlanStatus::Implementation, PlanStatus::Evaluated, PlanStatus::Archived];

/// Rows written by one statement: well under SQLite's limit on bound values.
const CHUNK: usize = 100;

pub async fn create(state: &AppState, caller: &Caller, id: Uuid, body: SuccessorCreate) -> ApiResult<Plan> {
    authorize(caller, Action::ManagePlans(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let previous = access::plan(&txn, caller, id).await?;
    authorize(caller, Action::ManagePlans(Place::At(previous.territory_id)))?;
    if !FOLLOWED_FROM.contains(&previous.status) {
        return Err(ApiError::Conflict(ConflictCode::Lifecycle, "a plan is followed by the next one once it is approved".into()));
    }
    if let Some(next) = plan::Entity::find().filter(plan::Column::PreviousId.eq(id)).one(&txn).await? {
        return Err(ApiError::Conflict(ConflictCode::Duplicate, format!("the plan is already followed by {} ({})", next.title, next.id)));
    }
    let mut v = Validator::new();
    body.validate(&mut v);
    v.check(
        body.period_start > previous.period_start,
        "period_start",
        FieldErrorCode::BeforeStart,
        "must be later than the start of the plan it follows",
    );
    v.finish()?;

    let now = clock::now();
    let plan = plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        title: Set(body.title.trim().to_string()),
        territory: Set(previous.territory.clone()),
        territory_id: Set(previous.territory_id),
        period_start: Set(body.period_start),
        period_end: Set(body.period_end),
        summary: Set(previous.summary.clone()),
        vision: Set(previous.vision.clone()),
        status: Set(PlanStatus::Draft),
        consultation_closes_at: Set(None),
        closing_reminder_for: Set(None),
        approval_resolution: Set(None),
        approved_on: Set(None),
        previous_id: Set(Some(previous.id)),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    let (old_goals, old_measures) = versions::snapshot::rows_of(&txn, previous.id).await?;
    let goals = copy_goals(&txn, old_goals, plan.id).await?;
    let measures = copy_measures(&txn, old_measures, plan.id, &goals).await?;
    audit::record(&txn, caller, "create", "plan", Some(plan.id), changes_of(&body)).await?;
    search::index::refresh(&txn, SearchKind::Plan, &[plan.id]).await?;
    search::index::refresh(&txn, SearchKind::Goal, &goals.values().copied().collect::<Vec<_>>()).await?;
    search::index::refresh(&txn, SearchKind::Measure, &measures).await?;
    txn.commit().await?;
    Ok(Plan::from_model(plan, None))
}

/// Copies the goals `old` into plan `to`, parents before their sub-goals; answers each old goal's
/// copy.
async fn copy_goals<D: ConnectionTrait>(db: &D, old: Vec<goal::Model>, to: Uuid) -> ApiResult<HashMap<Uuid, Uuid>> {
    let copies: HashMap<Uuid, Uuid> = old.iter().map(|g| (g.id, Uuid::now_v7())).collect();
    // Goals nest one level, so the top ones first and their sub-goals after keep the parent
    // reference pointing at a row already written.
    let (top, sub): (Vec<_>, Vec<_>) = old.into_iter().partition(|g| g.parent_goal_id.is_none());
    let now = clock::now();
    for level in [top, sub] {
        let rows: Vec<goal::ActiveModel> = level
            .into_iter()
            .map(|g| goal::ActiveModel {
                id: Set(copies[&g.id]),
                plan_id: Set(to),
                parent_goal_id: Set(g.parent_goal_id.and_then(|p| copies.get(&p).copied())),
                working_group_id: Set(g.working_group_id),
                code: Set(g.code),
                title: Set(g.title),
                description: Set(g.description),
                position: Set(g.position),
                previous_id: Set(Some(g.id)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            })
            .collect();
        for chunk in rows.chunks(CHUNK) {
            goal::Entity::insert_many(chunk.to_vec()).exec(db).await?;
        }
    }
    Ok(copies)
}

/// Copies the measures `old` into plan `to`, under the copies of their goals, with their network
/// links; answers the copies' ids.
async fn copy_measures<D: ConnectionTrait>(
    db: &D,
    old: Vec<measure::Model>,
    to: Uuid,
    goals: &HashMap<Uuid, Uuid>,
) -> ApiResult<Vec<Uuid>> {
    if old.is_empty() {
        return Ok(Vec::new());
    }
    let now = clock::now();
    let mut pairs = Vec::with_capacity(old.len());
    let rows: Vec<measure::ActiveModel> = old
        .into_iter()
        .map(|m| {
            let id = Uuid::now_v7();
            pairs.push((m.id, id));
            measure::ActiveModel {
                id: Set(id),
                goal_id: Set(goals[&m.goal_id]),
                plan_id: Set(to),
                code: Set(m.code),
                title: Set(m.title),
                description: Set(m.description),
                responsible: Set(m.responsible),
                responsible_organization_id: Set(m.responsible_organization_id),
                partners: Set(m.partners),
                target_groups: Set(m.target_groups),
                start_date: Set(None),
                end_date: Set(None),
                status: Set(MeasureStatus::Planned),
                progress: Set(0),
                weight: Set(m.weight),
                estimated_cost: Set(None),
                funding_sources: Set(FundingList::default()),
                indicators: Set(Indicators(m.indicators.0.into_iter().map(carried).collect())),
                implementation_note: Set(String::new()),
                position: Set(m.position),
                previous_id: Set(Some(m.id)),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
        })
        .collect();
    for chunk in rows.chunks(CHUNK) {
        measure::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    measures::service::copy_links(db, &pairs).await?;
    Ok(pairs.into_iter().map(|(_, copy)| copy).collect())
}

/// An indicator for the next cycle: its last measured value is the new baseline (the old baseline
/// when nothing was measured), its target kept until the working group sets a new one.
fn carried(indicator: Indicator) -> Indicator {
    let last = indicator.values.iter().max_by_key(|v| v.year).map(|v| v.value);
    Indicator { baseline: last.or(indicator.baseline), values: Vec::new(), ..indicator }
}
