//! Comment rules and queries: who may comment when, moderation, settlement.
use std::collections::HashMap;

use entity::enums::{Channel, CommentStatus, PlanStatus, TargetType};
use entity::{comment, meeting, plan, user};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QuerySelect, Select,
};
use uuid::Uuid;

use super::dto::{CommentCreate, CommentFilters, CommentPatch, ResolutionCreate};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::plans::dto::is_consultation_open;
use crate::state::AppState;
use crate::store::update_versioned;
use crate::{goals, measures, plans};

/// A formal comment of the settlement register: made in the consultation, and not a reply.
/// Replies are discussion; the comment they answer is what gets settled.
pub fn is_formal(c: &comment::Model) -> bool {
    c.is_consultation && c.parent_id.is_none()
}

/// The settlement register of a plan in creation order, hidden comments included (they are
/// part of the record and must be settled too). The same rows the approval check counts.
pub fn register_of(plan_id: Uuid) -> Select<comment::Entity> {
    comment::Entity::find()
        .filter(comment::Column::PlanId.eq(plan_id))
        .filter(comment::Column::IsConsultation.eq(true))
        .filter(comment::Column::ParentId.is_null())
}

/// Clears the comments on goals and measures about to be deleted, so none is left pointing at
/// nothing. Consultation comments are public record, so their targets cannot be deleted (409).
pub async fn clear_for_deletion<D: ConnectionTrait>(db: &D, goals: Vec<Uuid>, measures: Vec<Uuid>) -> ApiResult<()> {
    let on_targets = Condition::any()
        .add(Condition::all().add(comment::Column::TargetType.eq(TargetType::Goal)).add(comment::Column::TargetId.is_in(goals)))
        .add(Condition::all().add(comment::Column::TargetType.eq(TargetType::Measure)).add(comment::Column::TargetId.is_in(measures)));
    let consultation =
        comment::Entity::find().filter(on_targets.clone()).filter(comment::Column::IsConsultation.eq(true)).count(db).await?;
    if consultation > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            format!(
                "{consultation} consultation comment(s) are attached here; they belong to the settlement \
             register, so this cannot be deleted"
            ),
        ));
    }
    comment::Entity::delete_many().filter(on_targets).exec(db).await?;
    Ok(())
}

/// Display names of the users who resolved comments.
pub async fn names_of<D: ConnectionTrait>(db: &D, ids: impl IntoIterator<Item = Option<Uuid>>) -> ApiResult<HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = ids.into_iter().flatten().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// A comment the caller may see, with its plan (none for meetings).
/// Hidden comments exist only for coordinators and admins; comments on drafts only for signed-in callers.
pub async fn load<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<(comment::Model, Option<plan::Model>)> {
    let c = comment::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    if c.status == CommentStatus::Hidden && !caller.is_staff() {
        return Err(ApiError::NotFound);
    }
    let plan = match c.plan_id {
        Some(plan_id) => Some(plans::service::get(db, caller, plan_id).await?),
        None => None,
    };
    Ok((c, plan))
}

/// Comments in creation order (UUID v7 ids).
pub async fn list<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    f: CommentFilters,
    page: &PageParams,
) -> ApiResult<(Vec<comment::Model>, Option<String>)> {
    let mut select = comment::Entity::find();
    if !caller.is_signed_in() {
        let public_plans =
            Query::select().column(plan::Column::Id).from(plan::Entity).and_where(plan::Column::Status.ne(PlanStatus::Draft)).to_owned();
        select =
            select.filter(Condition::any().add(comment::Column::PlanId.is_null()).add(comment::Column::PlanId.in_subquery(public_plans)));
    }
    if !caller.is_staff() {
        select = select.filter(comment::Column::Status.eq(CommentStatus::Published));
    }
    if let Some(v) = f.target_type {
        select = select.filter(comment::Column::TargetType.eq(v));
    }
    if let Some(v) = f.target_id {
        select = select.filter(comment::Column::TargetId.eq(v));
    }
    if let Some(v) = f.plan_id {
        select = select.filter(comment::Column::PlanId.eq(v));
    }
    if let Some(v) = f.parent_id {
        select = select.filter(comment::Column::ParentId.eq(v));
    }
    if let Some(v) = f.status {
        select = select.filter(comment::Column::Status.eq(v));
    }
    if let Some(v) = f.is_consultation {
        select = select.filter(comment::Column::IsConsultation.eq(v));
    }
    if let Some(v) = f.resolution {
        select = select.filter(comment::Column::Resolution.eq(v));
    }
    if let Some(settled) = f.settled {
        select = select.filter(comment::Column::IsConsultation.eq(true)).filter(comment::Column::ParentId.is_null());
        select = select.filter(if settled { comment::Column::Resolution.is_not_null() } else { comment::Column::Resolution.is_null() });
    }
    let sort = Sort { key: None, id: comment::Column::Id, descending: false };
    pagination::fetch(db, select, sort, page, |c| (None, c.id)).await
}

/// The target's plan (none for meetings), if the target exists and the caller may see it.
async fn target_plan<D: ConnectionTrait>(db: &D, caller: &Caller, kind: TargetType, id: Uuid) -> ApiResult<Option<plan::Model>> {
    Ok(match kind {
        TargetType::Plan => Some(plans::service::get(db, caller, id).await?),
        TargetType::Goal => Some(goals::service::load(db, caller, id).await?.1),
        TargetType::Measure => Some(measures::service::load(db, caller, id).await?.2),
        TargetType::Meeting => {
            meeting::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
            None
        }
    })
}

/// Why the public may not comment on this plan right now.
fn closed_to_public(plan: &plan::Model) -> ApiError {
    match (plan.status, plan.consultation_closes_at) {
        (PlanStatus::Consultation, Some(at)) => ApiError::Conflict(
            ConflictCode::ConsultationClosed,
            format!(
                "the public consultation closed at {}; new public comments are no longer accepted \
             (signed-in members may still comment)",
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
        ),
        (status, _) => ApiError::Conflict(
            ConflictCode::ConsultationClosed,
            format!(
                "the plan is {}, not in public consultation; the public may comment only while its consultation is open",
                status.as_str()
            ),
        ),
    }
}

/// Anonymous callers comment during an open consultation (limited per address); signed-in callers
/// at any time as their account; coordinators also on someone's behalf with channel and date.
pub async fn create(state: &AppState, caller: &Caller, body: CommentCreate) -> ApiResult<comment::Model> {
    let anonymous = !caller.is_signed_in();
    let on_behalf = body.channel.is_some_and(|c| c != Channel::Web)
        || body.received_on.is_some()
        || (!anonymous && (body.author_name.is_some() || body.author_email.is_some()));
    if on_behalf {
        authorize(caller, Action::ModerateComments)?;
    }
    if anonymous && body.target_type == TargetType::Meeting {
        return Err(ApiError::Unauthorized("sign in to comment on meetings".into()));
    }
    let today = clock::now().date_naive();
    let mut v = Validator::new();
    body.validate(&mut v);
    let author_name = body.author_name.as_deref().map(str::trim).unwrap_or_default();
    let author_email = body.author_email.as_deref().map(str::trim).filter(|e| !e.is_empty());
    if (anonymous || on_behalf) && author_name.is_empty() {
        v.required("author_name", "(the name of the person or organisation who comments)");
    }
    let received_on = body.received_on.unwrap_or(today);
    let txn = crate::db::begin(&state.db).await?;
    let plan = target_plan(&txn, caller, body.target_type, body.target_id).await?;
    if let Some(parent_id) = body.parent_id {
        let parent =
            comment::Entity::find_by_id(parent_id).one(&txn).await?.filter(|p| p.status == CommentStatus::Published || caller.is_staff());
        match parent {
            None => v.error("parent_id", FieldErrorCode::NotFound, "no such comment"),
            Some(p) if p.target_type != body.target_type || p.target_id != body.target_id => {
                v.error("parent_id", FieldErrorCode::Invalid, "a reply must be on the same target as the comment it answers")
            }
            Some(p) if p.parent_id.is_some() => {
                v.error("parent_id", FieldErrorCode::Invalid, "replies nest one level; answer the top-level comment")
            }
            Some(_) => {}
        }
    }
    v.finish()?;
    let open = plan.as_ref().is_some_and(is_consultation_open);
    if anonymous && !open {
        // Visible targets of anonymous callers always have a plan (meetings were refused above).
        return Err(plan.as_ref().map(closed_to_public).unwrap_or(ApiError::NotFound));
    }
    let is_consultation = if on_behalf {
        plan.as_ref().is_some_and(|p| {
            p.status == PlanStatus::Consultation && p.consultation_closes_at.is_some_and(|at| received_on <= at.date_naive())
        })
    } else {
        open
    };
    if anonymous {
        // Counted only when the comment would be stored, so a typo does not use up the allowance.
        let limits = state.config.limits;
        let key = format!("comment:{}", caller.address_key());
        state.limiter.acquire(&[(&key, limits.anonymous_comments_per_address)], limits.comment_window)?;
    }
    let (author_id, author_name, author_email) = match caller.user() {
        Some(user) if !on_behalf => (Some(user.id), user.display_name.clone(), None),
        _ => (None, author_name.to_string(), author_email.map(str::to_string)),
    };
    let now = clock::now();
    let comment = comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        target_type: Set(body.target_type),
        target_id: Set(body.target_id),
        plan_id: Set(plan.as_ref().map(|p| p.id)),
        parent_id: Set(body.parent_id),
        body: Set(body.body.trim().to_string()),
        author_id: Set(author_id),
        author_name: Set(author_name),
        author_email: Set(author_email),
        status: Set(CommentStatus::Published),
        moderation_reason: Set(None),
        is_consultation: Set(is_consultation),
        channel: Set(body.channel.unwrap_or(Channel::Web)),
        received_on: Set(received_on),
        resolution: Set(None),
        resolution_note: Set(None),
        resolution_change: Set(None),
        resolved_by: Set(None),
        resolved_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "comment", Some(comment.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(comment)
}

/// A formal consultation comment is part of the record: settled ones are final, and once the
/// consultation closes only coordinators may still tidy unsettled ones until the plan is approved.
fn ensure_record_open(c: &comment::Model, plan: Option<&plan::Model>, caller: &Caller) -> ApiResult<()> {
    if !is_formal(c) {
        return Ok(());
    }
    if c.resolution.is_some() {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            "the comment is settled; it is part of the settlement register and cannot change".into(),
        ));
    }
    let open = plan.is_some_and(is_consultation_open);
    let staff_tidying = caller.is_staff() && plan.is_some_and(|p| p.status == PlanStatus::Consultation);
    if open || staff_tidying {
        return Ok(());
    }
    Err(ApiError::Conflict(
        ConflictCode::PublicRecord,
        "the consultation has closed; this comment is part of its record and can no longer be changed or deleted".into(),
    ))
}

/// The author may change their text; coordinators may also correct comments they entered on
/// someone's behalf (no account, not from the web).
fn may_edit_text(c: &comment::Model, caller: &Caller) -> bool {
    let own = c.author_id.is_some() && c.author_id == caller.user_id();
    own || (caller.is_staff() && c.author_id.is_none() && c.channel != Channel::Web)
}

pub async fn update(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: IfMatch,
    patch: CommentPatch,
) -> ApiResult<comment::Model> {
    caller.signed_in()?;
    let moderating = patch.status.is_some() || patch.moderation_reason.is_some();
    if moderating {
        authorize(caller, Action::ModerateComments)?;
    }
    let txn = crate::db::begin(db).await?;
    let (current, plan) = load(&txn, caller, id).await?;
    if_match.check(current.version)?;
    let mut v = Validator::new();
    if patch.body.is_some() {
        if !may_edit_text(&current, caller) {
            return Err(ApiError::Forbidden("only the author may edit a comment's text".into()));
        }
        ensure_record_open(&current, plan.as_ref(), caller)?;
    }
    patch.validate(&mut v);
    v.finish()?;
    let reason = patch.reason();
    let version = current.version;
    let mut active = current.into_active_model();
    if let Some(text) = &patch.body {
        active.body = Set(text.trim().to_string());
    }
    if let Some(status) = patch.status {
        active.status = Set(status);
        active.moderation_reason = Set(reason.map(str::to_string));
    }
    let comment = update_versioned(&txn, active, id, version).await?;
    let action = if moderating { "moderate" } else { "update" };
    audit::record(&txn, caller, action, "comment", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(comment)
}

/// Authors withdraw their own comments, and coordinators delete other comments outside the
/// consultation; the replies go with it. Other people's consultation comments are part of the
/// public record, so staff hide them instead and they stay in the settlement register.
pub async fn delete(db: &DatabaseConnection, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    caller.signed_in()?;
    let txn = crate::db::begin(db).await?;
    let (current, plan) = load(&txn, caller, id).await?;
    if_match.check(current.version)?;
    let own = current.author_id.is_some() && current.author_id == caller.user_id();
    if !own && !caller.is_staff() {
        return Err(ApiError::Forbidden("only the author or a coordinator may delete a comment".into()));
    }
    if !own && current.is_consultation {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            "a consultation comment by someone else is part of the public record; hide it (moderation) instead of deleting it".into(),
        ));
    }
    ensure_record_open(&current, plan.as_ref(), caller)?;
    comment::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "comment", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// Settles a formal consultation comment; it may be settled again until the plan leaves consultation.
pub async fn resolve(
    db: &DatabaseConnection,
    caller: &Caller,
    id: Uuid,
    if_match: IfMatch,
    body: ResolutionCreate,
) -> ApiResult<comment::Model> {
    authorize(caller, Action::ModerateComments)?;
    let txn = crate::db::begin(db).await?;
    let (current, plan) = load(&txn, caller, id).await?;
    if_match.check(current.version)?;
    if current.parent_id.is_some() {
        return Err(ApiError::Conflict(
            ConflictCode::NotSettleable,
            "a reply is not settled on its own; settle the comment it answers".into(),
        ));
    }
    if !current.is_consultation {
        return Err(ApiError::Conflict(
            ConflictCode::NotSettleable,
            "only consultation comments are settled; this one was not made during the plan's consultation".into(),
        ));
    }
    match plan.as_ref().map(|p| p.status) {
        Some(PlanStatus::Consultation) => {}
        status => {
            return Err(ApiError::Conflict(
                ConflictCode::NotSettleable,
                format!(
                    "the plan is {}; comments are settled only while it is in consultation",
                    status.as_ref().map(PlanStatus::as_str).unwrap_or("unknown")
                ),
            ));
        }
    }
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let (note, change) = (body.note(), body.change());
    let version = current.version;
    let mut active = current.into_active_model();
    active.resolution = Set(Some(body.resolution));
    active.resolution_note = Set(note.map(str::to_string));
    active.resolution_change = Set(change.map(str::to_string));
    active.resolved_by = Set(caller.user_id());
    active.resolved_at = Set(Some(clock::now()));
    let comment = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "resolve", "comment", Some(id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(comment)
}
