//! Plan rules and queries.
use chrono::{DateTime, Utc};
use entity::enums::PlanStatus;
use entity::{plan, plan_status_change};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use super::dto::{Period, Plan, PlanCreate, PlanFilters, PlanPage, PlanPatch, StatusChange, StatusChangePage, StatusChangeRecord};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::domain::Text;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::events::{self, EventType, Subject};
use crate::http::IfMatch;
use crate::lifecycle::{self, approval, ensure_editable};
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::territories::{place, scope};
use crate::{access, progress, register, versions};

/// The plan as the API answers it, with its progress.
async fn answer<D: ConnectionTrait>(db: &D, plan: plan::Model) -> ApiResult<Plan> {
    let progress = progress::of_plans(db, &[plan.id]).await?.get(&plan.id).copied();
    Ok(Plan::from_model(plan, progress))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Plan> {
    answer(&state.db, access::plan(&state.db, caller, id).await?).await
}

pub async fn list(state: &AppState, caller: &Caller, filters: PlanFilters, page: &PageParams) -> ApiResult<PlanPage> {
    let mut select = plan::Entity::find();
    if let Some(visible) = access::visible_plans(caller) {
        select = select.filter(visible);
    }
    if let Some(status) = filters.status {
        select = select.filter(plan::Column::Status.eq(status));
    }
    if let Some(territory) = filters.territory {
        select = select.filter(plan::Column::Territory.eq(territory));
    }
    if let Some(previous) = filters.previous_id {
        select = select.filter(plan::Column::PreviousId.eq(previous));
    }
    if let Some(root) = filters.territory_id {
        select = select.filter(scope::within_paged(&state.db, plan::Column::TerritoryId, root, page.limit()?).await?);
    }
    let sort = Sort { key: None, id: plan::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |p| (None, p.id)).await?;
    let ids: Vec<Uuid> = rows.iter().map(|p| p.id).collect();
    let progress = progress::of_plans(&state.db, &ids).await?;
    let items = rows
        .into_iter()
        .map(|p| {
            let pr = progress.get(&p.id).copied();
            Plan::from_model(p, pr)
        })
        .collect();
    Ok(PlanPage { items, next_cursor })
}

pub async fn create(state: &AppState, caller: &Caller, body: PlanCreate) -> ApiResult<Plan> {
    authorize(caller, Action::ManagePlans(Place::Pending))?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let now = clock::now();
    let txn = crate::db::begin(&state.db).await?;
    let territory = place::resolve(&txn, caller, body.territory_id, body.territory.as_deref())
        .await?
        .ok_or_else(|| ApiError::invalid("territory_id", FieldErrorCode::Required, "is required"))?;
    authorize(caller, Action::ManagePlans(Place::At(Some(territory.id))))?;
    let plan = plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        title: Set(body.title.trim().to_string()),
        territory: Set(territory.name),
        territory_id: Set(Some(territory.id)),
        period_start: Set(body.period_start),
        period_end: Set(body.period_end),
        summary: Set(body.summary.clone()),
        vision: Set(body.vision.clone()),
        status: Set(PlanStatus::Draft),
        consultation_closes_at: Set(None),
        closing_reminder_for: Set(None),
        approval_resolution: Set(None),
        approved_on: Set(None),
        previous_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "plan", Some(plan.id), changes_of(&body)).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Plan, &[plan.id]).await?;
    txn.commit().await?;
    Ok(Plan::from_model(plan, None))
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: PlanPatch) -> ApiResult<Plan> {
    authorize(caller, Action::ManagePlans(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let current = access::plan(&txn, caller, id).await?;
    authorize(caller, Action::ManagePlans(Place::At(current.territory_id)))?;
    if_match.check(current.version)?;
    ensure_editable(current.status)?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    Period { start: patch.period_start.unwrap_or(current.period_start), end: patch.period_end.unwrap_or(current.period_end) }
        .validate(&mut v);
    v.finish()?;
    let version = current.version;
    let mut active = current.into_active_model();
    let trim = |t: &String| t.trim().to_string();
    given(&mut active.title, patch.title.as_ref().map(trim));
    if let Some(territory) = place::resolve(&txn, caller, patch.territory_id, patch.territory.as_deref()).await? {
        // Moved only to where the caller coordinates too.
        authorize(caller, Action::ManagePlans(Place::At(Some(territory.id))))?;
        active.territory = Set(territory.name);
        active.territory_id = Set(Some(territory.id));
    }
    given(&mut active.period_start, patch.period_start);
    given(&mut active.period_end, patch.period_end);
    given(&mut active.summary, patch.summary.clone());
    given(&mut active.vision, patch.vision.clone());
    let plan = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "plan", Some(id), changes_of(&patch)).await?;
    events::record(&txn, EventType::PlanUpdated, Subject::plan(&plan)).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Plan, &[id]).await?;
    txn.commit().await?;
    state.outbox.wake();
    answer(&state.db, plan).await
}

/// Only drafts that never left drafting can be deleted; a plan that has been public (even one
/// sent back to draft) keeps its lifecycle history and settlement register, so it is archived instead.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManagePlans(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let plan = access::plan(&txn, caller, id).await?;
    authorize(caller, Action::ManagePlans(Place::At(plan.territory_id)))?;
    if_match.check(plan.version)?;
    if plan.status != PlanStatus::Draft {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            format!("only a draft can be deleted; this plan is {} (archive it instead)", plan.status.as_str()),
        ));
    }
    let moves = plan_status_change::Entity::find().filter(plan_status_change::Column::PlanId.eq(id)).count(&txn).await?;
    let consultation_comments = register::consultation_comments_of(&txn, id).await?;
    if moves > 0 || consultation_comments > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            "this draft has been in consultation; its lifecycle history and consultation comments are public record, \
             so it cannot be deleted (rework it, or take it through to archived)"
                .into(),
        ));
    }
    plan::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "plan", Some(id), Default::default()).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Plan, &[id]).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn change_status(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, body: StatusChange) -> ApiResult<Plan> {
    authorize(caller, Action::ManagePlans(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let current = access::plan(&txn, caller, id).await?;
    authorize(caller, Action::ManagePlans(Place::At(current.territory_id)))?;
    if_match.check(current.version)?;
    let from = current.status;
    lifecycle::check_move(from, body.status)?;
    let version = current.version;
    let mut active = current.into_active_model();
    apply_move(&mut active, &body)?;
    if body.status == PlanStatus::Approved {
        ensure_settled(&txn, id).await?;
    }
    let plan = update_versioned(&txn, active, id, version).await?;
    let moved = record_move(&txn, caller, id, from, &body).await?;
    versions::service::take(&txn, &plan, moved, body.note.clone()).await?;
    audit::record(&txn, caller, "status_change", "plan", Some(id), changes_of(&body)).await?;
    events::record(&txn, EventType::PlanStatusChanged, Subject::plan(&plan)).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Plan, &[id]).await?;
    txn.commit().await?;
    state.outbox.wake();
    answer(&state.db, plan).await
}

/// Checks what the move carries and sets it: the closing time to open a consultation, the
/// council's resolution and its day to approve. A field that belongs to another move would be
/// dropped without a word, so it is refused instead.
fn apply_move(active: &mut plan::ActiveModel, body: &StatusChange) -> ApiResult<()> {
    let mut v = Validator::new();
    if let Some(note) = &body.note {
        v.field(Text::<5_000>::parse("note", note));
    }
    active.status = Set(body.status);
    match body.status {
        PlanStatus::Consultation => {
            if let Some(at) = closing_time(&mut v, body.consultation_closes_at) {
                active.consultation_closes_at = Set(Some(at));
            }
        }
        PlanStatus::Approved => {
            let (resolution, on) = approval(&mut v, body.approval_resolution.as_deref(), body.approved_on);
            if let Some(r) = resolution {
                active.approval_resolution = Set(Some(r));
            }
            if let Some(on) = on {
                active.approved_on = Set(Some(on));
            }
        }
        _ => {}
    }
    let (consultation, approval) = (body.status == PlanStatus::Consultation, body.status == PlanStatus::Approved);
    v.check(
        consultation || body.consultation_closes_at.is_none(),
        "consultation_closes_at",
        FieldErrorCode::Invalid,
        "is sent only to open a consultation",
    );
    v.check(approval || body.approval_resolution.is_none(), "approval_resolution", FieldErrorCode::Invalid, "is sent only with approval");
    v.check(approval || body.approved_on.is_none(), "approved_on", FieldErrorCode::Invalid, "is sent only with approval");
    v.finish()
}

/// The consultation's closing time, required and in the future.
fn closing_time(v: &mut Validator, at: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match at {
        Some(at) if at > clock::now() => {
            v.date("consultation_closes_at", Some(at));
            return Some(clock::to_micros(at));
        }
        Some(_) => v.error("consultation_closes_at", FieldErrorCode::MustBeFuture, "must be in the future"),
        None => v.required("consultation_closes_at", "to open a consultation"),
    }
    None
}

/// 409 while formal consultation comments wait for their resolution.
async fn ensure_settled<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<()> {
    let unsettled = register::holding_approval(db, id).await?;
    if unsettled > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::UnsettledComments,
            format!("{unsettled} consultation comment(s) are not settled yet; settle every comment before approval"),
        ));
    }
    Ok(())
}

/// The move in the plan's history; answers its id.
async fn record_move<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid, from: PlanStatus, body: &StatusChange) -> ApiResult<Uuid> {
    let moved = plan_status_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(id),
        from_status: Set(from),
        to_status: Set(body.status),
        actor_id: Set(caller.user_id()),
        actor_name: Set(caller.display_name()),
        note: Set(body.note.clone()),
        created_at: Set(clock::now()),
    }
    .insert(db)
    .await?;
    Ok(moved.id)
}

pub async fn history(state: &AppState, caller: &Caller, id: Uuid, page: &PageParams) -> ApiResult<StatusChangePage> {
    access::plan(&state.db, caller, id).await?;
    let select = plan_status_change::Entity::find().filter(plan_status_change::Column::PlanId.eq(id));
    let sort = Sort { key: None, id: plan_status_change::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |c| (None, c.id)).await?;
    Ok(StatusChangePage { items: rows.into_iter().map(StatusChangeRecord::from_model).collect(), next_cursor })
}
