//! Plan rules and queries.
use entity::enums::PlanStatus;
use entity::{comment, plan, plan_status_change};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter,
};
use uuid::Uuid;

use super::dto::{Period, PlanCreate, PlanFilters, PlanPatch, StatusChange};
use super::lifecycle;
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize, ensure_editable};
use crate::clock;
use crate::domain::Text;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::store::update_versioned;

/// Drafts exist only for signed-in people; to everyone else they are 404.
pub fn ensure_visible(caller: &Caller, plan: &plan::Model) -> ApiResult<()> {
    if plan.status == PlanStatus::Draft && !caller.is_signed_in() {
        return Err(ApiError::NotFound);
    }
    Ok(())
}

pub async fn get<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<plan::Model> {
    let plan = plan::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    ensure_visible(caller, &plan)?;
    Ok(plan)
}

pub async fn list<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    filters: PlanFilters,
    page: &PageParams,
) -> ApiResult<(Vec<plan::Model>, Option<String>)> {
    let mut select = plan::Entity::find();
    if !caller.is_signed_in() {
        select = select.filter(plan::Column::Status.ne(PlanStatus::Draft));
    }
    if let Some(status) = filters.status {
        select = select.filter(plan::Column::Status.eq(status));
    }
    if let Some(territory) = filters.territory {
        select = select.filter(plan::Column::Territory.eq(territory));
    }
    let sort = Sort { key: None, id: plan::Column::Id, descending: false };
    pagination::fetch(db, select, sort, page, |p| (None, p.id)).await
}

pub async fn create(db: &DatabaseConnection, caller: &Caller, body: PlanCreate) -> ApiResult<plan::Model> {
    authorize(caller, Action::ManagePlans)?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let now = clock::now();
    let txn = crate::db::begin(db).await?;
    let plan = plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        title: Set(body.title.trim().to_string()),
        territory: Set(body.territory.trim().to_string()),
        period_start: Set(body.period_start),
        period_end: Set(body.period_end),
        summary: Set(body.summary.clone()),
        vision: Set(body.vision.clone()),
        status: Set(PlanStatus::Draft),
        consultation_closes_at: Set(None),
        approval_resolution: Set(None),
        approved_on: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "plan", Some(plan.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(plan)
}

pub async fn update(db: &DatabaseConnection, caller: &Caller, id: Uuid, if_match: IfMatch, patch: PlanPatch) -> ApiResult<plan::Model> {
    authorize(caller, Action::ManagePlans)?;
    let txn = crate::db::begin(db).await?;
    let current = get(&txn, caller, id).await?;
    if_match.check(current.version)?;
    ensure_editable(current.status)?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    Period { start: patch.period_start.unwrap_or(current.period_start), end: patch.period_end.unwrap_or(current.period_end) }
        .validate(&mut v);
    v.finish()?;
    let version = current.version;
    let mut active = current.into_active_model();
    if let Some(t) = &patch.title {
        active.title = Set(t.trim().to_string());
    }
    if let Some(t) = &patch.territory {
        active.territory = Set(t.trim().to_string());
    }
    if let Some(y) = patch.period_start {
        active.period_start = Set(y);
    }
    if let Some(y) = patch.period_end {
        active.period_end = Set(y);
    }
    if let Some(t) = &patch.summary {
        active.summary = Set(t.clone());
    }
    if let Some(t) = &patch.vision {
        active.vision = Set(t.clone());
    }
    let plan = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "plan", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(plan)
}

/// Only drafts that never left drafting can be deleted; a plan that has been public (even one
/// sent back to draft) keeps its lifecycle history and settlement register, so it is archived instead.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManagePlans)?;
    let txn = crate::db::begin(db).await?;
    let plan = get(&txn, caller, id).await?;
    if_match.check(plan.version)?;
    if plan.status != PlanStatus::Draft {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            format!("only a draft can be deleted; this plan is {} (archive it instead)", plan.status.as_str()),
        ));
    }
    let moves = plan_status_change::Entity::find().filter(plan_status_change::Column::PlanId.eq(id)).count(&txn).await?;
    let consultation_comments =
        comment::Entity::find().filter(comment::Column::PlanId.eq(id)).filter(comment::Column::IsConsultation.eq(true)).count(&txn).await?;
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
    txn.commit().await?;
    Ok(())
}

pub async fn change_status(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: IfMatch,
    body: StatusChange,
) -> ApiResult<plan::Model> {
    authorize(caller, Action::ManagePlans)?;
    let txn = crate::db::begin(db).await?;
    let current = get(&txn, caller, id).await?;
    if_match.check(current.version)?;
    let from = current.status;
    lifecycle::check_move(from, body.status)?;
    let mut v = Validator::new();
    if let Some(note) = &body.note {
        v.field(Text::<5_000>::parse("note", note));
    }
    let version = current.version;
    let mut active = current.into_active_model();
    active.status = Set(body.status);
    match body.status {
        PlanStatus::Consultation => match body.consultation_closes_at {
            Some(at) if at > clock::now() => {
                v.date("consultation_closes_at", Some(at));
                active.consultation_closes_at = Set(Some(clock::to_micros(at)));
            }
            Some(_) => v.error("consultation_closes_at", FieldErrorCode::MustBeFuture, "must be in the future"),
            None => v.required("consultation_closes_at", "to open a consultation"),
        },
        PlanStatus::Approved => {
            match body.approval_resolution.as_deref().map(str::trim) {
                Some(r) if !r.is_empty() && r.chars().count() <= 300 => active.approval_resolution = Set(Some(r.to_string())),
                Some(r) if !r.is_empty() => _ = v.field(Text::<300>::parse("approval_resolution", r)),
                _ => v.required("approval_resolution", "for approval (e.g. \"usnesení ZM č. 1234/ZM2226/22\")"),
            }
            match body.approved_on {
                Some(date) if date <= clock::now().date_naive() => {
                    v.date("approved_on", Some(date));
                    active.approved_on = Set(Some(date));
                }
                Some(_) => v.error("approved_on", FieldErrorCode::MustNotBeFuture, "must not be in the future"),
                None => v.required("approved_on", "for approval"),
            }
        }
        _ => {}
    }
    // A field that belongs to another move would be dropped without a word: say so instead.
    let (consultation, approval) = (body.status == PlanStatus::Consultation, body.status == PlanStatus::Approved);
    v.check(
        consultation || body.consultation_closes_at.is_none(),
        "consultation_closes_at",
        FieldErrorCode::Invalid,
        "is sent only to open a consultation",
    );
    v.check(approval || body.approval_resolution.is_none(), "approval_resolution", FieldErrorCode::Invalid, "is sent only with approval");
    v.check(approval || body.approved_on.is_none(), "approved_on", FieldErrorCode::Invalid, "is sent only with approval");
    v.finish()?;
    if body.status == PlanStatus::Approved {
        let unsettled = comment::Entity::find()
            .filter(comment::Column::PlanId.eq(id))
            .filter(comment::Column::IsConsultation.eq(true))
            .filter(comment::Column::ParentId.is_null())
            .filter(comment::Column::Resolution.is_null())
            .count(&txn)
            .await?;
        if unsettled > 0 {
            return Err(ApiError::Conflict(
                ConflictCode::UnsettledComments,
                format!("{unsettled} consultation comment(s) are not settled yet; settle every comment before approval"),
            ));
        }
    }
    let plan = update_versioned(&txn, active, id, version).await?;
    plan_status_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(id),
        from_status: Set(from),
        to_status: Set(body.status),
        actor_id: Set(caller.user_id()),
        actor_name: Set(caller.display_name()),
        note: Set(body.note.clone()),
        created_at: Set(clock::now()),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "status_change", "plan", Some(id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(plan)
}

pub async fn history<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    id: Uuid,
    page: &PageParams,
) -> ApiResult<(Vec<plan_status_change::Model>, Option<String>)> {
    get(db, caller, id).await?;
    let select = plan_status_change::Entity::find().filter(plan_status_change::Column::PlanId.eq(id));
    let sort = Sort { key: None, id: plan_status_change::Column::Id, descending: false };
    pagination::fetch(db, select, sort, page, |c| (None, c.id)).await
}
