//! Comment rules and queries: who may comment when, moderation, settlement.
use chrono::NaiveDate;
use entity::comment;
use entity::enums::{Channel, CommentStatus, PlanStatus, TargetType};
use entity::plan;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::dto::{Comment, CommentCreate, CommentFilters, CommentPage, CommentPatch, ResolutionCreate};
use super::notice;
use crate::access;
use crate::audit::{self, service::changes_of};
use crate::authors::{View, names_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::events::{self, EventType, Subject};
use crate::http::IfMatch;
use crate::lifecycle::is_consultation_open;
use crate::pagination::{self, PageParams, Sort};
use crate::register::{self, is_formal};
use crate::state::AppState;
use crate::store::update_versioned;

/// One comment as this caller may see it.
async fn answer<D: ConnectionTrait>(db: &D, caller: &Caller, m: comment::Model) -> ApiResult<Comment> {
    let names = names_of(db, [m.resolved_by]).await?;
    Ok(Comment::from_model(m, View::of(caller), &names))
}

/// A comment the caller may see, with its plan (none for meetings).
/// Hidden comments exist only for coordinators and admins; comments on drafts only for signed-in callers.
async fn load<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<(comment::Model, Option<plan::Model>)> {
    let c = comment::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    if c.status == CommentStatus::Hidden && !caller.is_staff() {
        return Err(ApiError::NotFound);
    }
    let plan = match c.plan_id {
        Some(plan_id) => Some(access::plan(db, caller, plan_id).await?),
        None => None,
    };
    Ok((c, plan))
}

/// Where a comment lies, for the staff decisions about it: its plan's territory, or its meeting's group's.
async fn place_of<D: ConnectionTrait>(db: &D, c: &comment::Model, plan: Option<&plan::Model>) -> ApiResult<Place> {
    Ok(Place::At(access::target_territory(db, c.target_type, c.target_id, plan).await?))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Comment> {
    let (comment, _) = load(&state.db, caller, id).await?;
    answer(&state.db, caller, comment).await
}

/// Comments in creation order (UUID v7 ids).
pub async fn list(state: &AppState, caller: &Caller, f: CommentFilters, page: &PageParams) -> ApiResult<CommentPage> {
    let mut select = comment::Entity::find();
    if let Some(visible) = access::of_visible_plans(caller, comment::Column::PlanId) {
        select = select.filter(Condition::any().add(comment::Column::PlanId.is_null()).add(visible));
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
        select = select.filter(register::settled(settled));
    }
    let sort = Sort { key: None, id: comment::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |c| (None, c.id)).await?;
    let names = names_of(&state.db, rows.iter().map(|c| c.resolved_by)).await?;
    let view = View::of(caller);
    Ok(CommentPage { items: rows.into_iter().map(|c| Comment::from_model(c, view, &names)).collect(), next_cursor })
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

/// How a new comment is submitted: anonymously, as the caller's account, or by a coordinator on
/// someone's behalf (another channel, a day received, or a submitter's name).
#[derive(Clone, Copy)]
struct Submission {
    anonymous: bool,
    on_behalf: bool,
}

impl Submission {
    /// Only coordinators submit on someone's behalf; anonymous callers do not comment on meetings.
    fn authorize(caller: &Caller, body: &CommentCreate) -> ApiResult<Self> {
        let anonymous = !caller.is_signed_in();
        let on_behalf = body.channel.is_some_and(|c| c != Channel::Web)
            || body.received_on.is_some()
            || (!anonymous && (body.author_name.is_some() || body.author_email.is_some()));
        if on_behalf {
            // Where the target lies is checked once it is loaded (`create`).
            authorize(caller, Action::ModerateComments(Place::Pending))?;
        }
        if anonymous && body.target_type == TargetType::Meeting {
            return Err(ApiError::Unauthorized("sign in to comment on meetings".into()));
        }
        Ok(Self { anonymous, on_behalf })
    }

    /// The submitter names the author, rather than the author being the caller's account.
    fn names_author(self) -> bool {
        self.anonymous || self.on_behalf
    }
}

/// The author's name and e-mail as given, trimmed (no e-mail when blank).
fn given_author(body: &CommentCreate) -> (&str, Option<&str>) {
    let name = body.author_name.as_deref().map(str::trim).unwrap_or_default();
    (name, body.author_email.as_deref().map(str::trim).filter(|e| !e.is_empty()))
}

/// Checks the text, the author's name and e-mail when the submitter gives them, and the day the
/// comment was received (default today), which it answers.
fn check_fields(v: &mut Validator, submission: Submission, body: &CommentCreate) -> NaiveDate {
    body.validate(v);
    if submission.names_author() && given_author(body).0.is_empty() {
        v.required("author_name", "(the name of the person or organisation who comments)");
    }
    if submission.names_author() && body.notify_on_resolution && given_author(body).1.is_none() {
        v.error("notify_on_resolution", FieldErrorCode::Invalid, "give author_email to receive the settlement by e-mail");
    }
    body.received_on.unwrap_or_else(clock::today)
}

/// A reply answers a top-level comment on the same target that the caller may see.
async fn check_parent<D: ConnectionTrait>(db: &D, caller: &Caller, v: &mut Validator, body: &CommentCreate) -> ApiResult<()> {
    let Some(parent_id) = body.parent_id else { return Ok(()) };
    let parent =
        comment::Entity::find_by_id(parent_id).one(db).await?.filter(|p| p.status == CommentStatus::Published || caller.is_staff());
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
    Ok(())
}

/// Whether the comment is a consultation comment: made while the consultation is open, or, entered
/// on someone's behalf, received by its closing day while the plan is in consultation. Anonymous
/// callers comment only while it is open (409 otherwise).
fn consultation_decision(submission: Submission, plan: Option<&plan::Model>, received_on: NaiveDate) -> ApiResult<bool> {
    let open = plan.is_some_and(is_consultation_open);
    if submission.anonymous && !open {
        // Visible targets of anonymous callers always have a plan (meetings were refused before).
        return Err(plan.map(closed_to_public).unwrap_or(ApiError::NotFound));
    }
    Ok(if submission.on_behalf {
        plan.is_some_and(|p| {
            p.status == PlanStatus::Consultation && p.consultation_closes_at.is_some_and(|at| received_on <= clock::day_of(at))
        })
    } else {
        open
    })
}

/// The author stored with the comment: the caller's account, or the name (and e-mail) given.
struct StoredAuthor {
    id: Option<Uuid>,
    name: String,
    email: Option<String>,
    /// An account's author hears of the settlement as their account's settings say; a named one
    /// only by their consent (checked to come with an address).
    notify_on_resolution: bool,
}

fn author_of(caller: &Caller, submission: Submission, body: &CommentCreate) -> StoredAuthor {
    match caller.user() {
        Some(user) if !submission.on_behalf => {
            StoredAuthor { id: Some(user.id), name: user.display_name.clone(), email: None, notify_on_resolution: true }
        }
        _ => {
            let (name, email) = given_author(body);
            let notify_on_resolution = body.notify_on_resolution && email.is_some();
            StoredAuthor { id: None, name: name.to_string(), email: email.map(str::to_string), notify_on_resolution }
        }
    }
}

/// Anonymous callers comment during an open consultation (limited per address); signed-in callers
/// at any time as their account; coordinators also on someone's behalf with channel and date.
pub async fn create(state: &AppState, caller: &Caller, body: CommentCreate) -> ApiResult<Comment> {
    let submission = Submission::authorize(caller, &body)?;
    let mut v = Validator::new();
    let received_on = check_fields(&mut v, submission, &body);
    let txn = crate::db::begin(&state.db).await?;
    let plan = access::target_plan(&txn, caller, body.target_type, body.target_id).await?;
    if submission.on_behalf {
        let territory = access::target_territory(&txn, body.target_type, body.target_id, plan.as_ref()).await?;
        authorize(caller, Action::ModerateComments(Place::At(territory)))?;
    }
    check_parent(&txn, caller, &mut v, &body).await?;
    v.finish()?;
    let is_consultation = consultation_decision(submission, plan.as_ref(), received_on)?;
    if submission.anonymous {
        // Counted only when the comment would be stored, so a typo does not use up the allowance.
        let limits = state.config.limits;
        let key = format!("comment:{}", caller.address_key());
        state.limiter.acquire(&[(&key, limits.anonymous_comments_per_address)], limits.comment_window)?;
    }
    let author = author_of(caller, submission, &body);
    let now = clock::now();
    let comment = comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        target_type: Set(body.target_type),
        target_id: Set(body.target_id),
        plan_id: Set(plan.as_ref().map(|p| p.id)),
        parent_id: Set(body.parent_id),
        body: Set(body.body.trim().to_string()),
        author_id: Set(author.id),
        author_name: Set(author.name),
        author_email: Set(author.email),
        notify_on_resolution: Set(author.notify_on_resolution),
        status: Set(CommentStatus::Published),
        moderation_reason: Set(None),
        is_consultation: Set(is_consultation),
        channel: Set(body.channel.unwrap_or(Channel::Web)),
        received_on: Set(received_on),
        resolution: Set(None),
        resolution_note: Set(None),
        resolution_change: Set(None),
        change_target_type: Set(None),
        change_target_id: Set(None),
        resolved_by: Set(None),
        resolved_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "comment", Some(comment.id), changes_of(&body)).await?;
    let territory = access::target_territory(&txn, body.target_type, body.target_id, plan.as_ref()).await?;
    let public = plan.as_ref().is_none_or(|p| p.status != PlanStatus::Draft);
    events::record(&txn, EventType::CommentCreated, Subject::comment(&comment, territory, public)).await?;
    txn.commit().await?;
    state.outbox.wake();
    answer(&state.db, caller, comment).await
}

/// A formal consultation comment is part of the record: settled ones are final, and once the
/// consultation closes only coordinators may still tidy unsettled ones until the plan is approved.
fn ensure_record_open(c: &comment::Model, plan: Option<&plan::Model>, caller: &Caller, place: Place) -> ApiResult<()> {
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
    let staff_tidying = caller.coordinates(place) && plan.is_some_and(|p| p.status == PlanStatus::Consultation);
    if open || staff_tidying {
        return Ok(());
    }
    Err(ApiError::Conflict(
        ConflictCode::PublicRecord,
        "the consultation has closed; this comment is part of its record and can no longer be changed or deleted".into(),
    ))
}

/// The author may change their text; coordinators (where the comment lies) may also correct
/// comments they entered on someone's behalf (no account, not from the web).
fn may_edit_text(c: &comment::Model, caller: &Caller, place: Place) -> bool {
    let own = c.author_id.is_some() && c.author_id == caller.user_id();
    own || (caller.coordinates(place) && c.author_id.is_none() && c.channel != Channel::Web)
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: CommentPatch) -> ApiResult<Comment> {
    caller.signed_in()?;
    let moderating = patch.status.is_some() || patch.moderation_reason.is_some();
    if moderating {
        authorize(caller, Action::ModerateComments(Place::Pending))?;
    }
    let txn = crate::db::begin(&state.db).await?;
    let (current, plan) = load(&txn, caller, id).await?;
    let place = place_of(&txn, &current, plan.as_ref()).await?;
    if moderating {
        authorize(caller, Action::ModerateComments(place))?;
    }
    if_match.check(current.version)?;
    let mut v = Validator::new();
    if patch.body.is_some() {
        if !may_edit_text(&current, caller, place) {
            return Err(ApiError::Forbidden("only the author may edit a comment's text".into()));
        }
        ensure_record_open(&current, plan.as_ref(), caller, place)?;
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
    answer(&state.db, caller, comment).await
}

/// Authors withdraw their own comments, and coordinators delete other comments outside the
/// consultation; the replies go with it. Other people's consultation comments are part of the
/// public record, so staff hide them instead and they stay in the settlement register.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let (current, plan) = load(&txn, caller, id).await?;
    let place = place_of(&txn, &current, plan.as_ref()).await?;
    if_match.check(current.version)?;
    let own = current.author_id.is_some() && current.author_id == caller.user_id();
    if !own && !caller.coordinates(place) {
        return Err(ApiError::Forbidden("only the author or a coordinator of the comment's territory may delete a comment".into()));
    }
    if !own && current.is_consultation {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            "a consultation comment by someone else is part of the public record; hide it (moderation) instead of deleting it".into(),
        ));
    }
    ensure_record_open(&current, plan.as_ref(), caller, place)?;
    comment::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "comment", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// 422 unless the goal or measure `target` is in the plan `plan_id` (a change is made in the
/// commented plan).
async fn ensure_in_plan<D: ConnectionTrait>(db: &D, kind: TargetType, target: Uuid, plan_id: Uuid) -> ApiResult<()> {
    let found = match kind {
        TargetType::Goal => entity::goal::Entity::find_by_id(target).one(db).await?.map(|g| g.plan_id),
        TargetType::Measure => entity::measure::Entity::find_by_id(target).one(db).await?.map(|m| m.plan_id),
        TargetType::Plan | TargetType::Meeting => None,
    };
    if found != Some(plan_id) {
        return Err(ApiError::invalid(
            "change_target_id",
            FieldErrorCode::NotFound,
            format!("no {} of this plan has this id", kind.as_str()),
        ));
    }
    Ok(())
}

/// Settles a formal consultation comment; it may be settled again until the plan leaves consultation.
pub async fn resolve(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, body: ResolutionCreate) -> ApiResult<Comment> {
    authorize(caller, Action::ModerateComments(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let (current, plan) = load(&txn, caller, id).await?;
    authorize(caller, Action::ModerateComments(place_of(&txn, &current, plan.as_ref()).await?))?;
    if_match.check(current.version)?;
    if !is_formal(&current) {
        let why = if current.parent_id.is_some() {
            "a reply is not settled on its own; settle the comment it answers"
        } else {
            "only consultation comments are settled; this one was not made during the plan's consultation"
        };
        return Err(ApiError::Conflict(ConflictCode::NotSettleable, why.into()));
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
    if let (Some(kind), Some(target), Some(plan)) = (body.change_target_type, body.change_target_id, &plan) {
        ensure_in_plan(&txn, kind, target, plan.id).await?;
    }
    let (note, change) = (body.note(), body.change());
    let version = current.version;
    let mut active = current.into_active_model();
    active.resolution = Set(Some(body.resolution));
    active.resolution_note = Set(note.map(str::to_string));
    active.resolution_change = Set(change.map(str::to_string));
    active.change_target_type = Set(body.change_target_id.and(body.change_target_type));
    active.change_target_id = Set(body.change_target_type.and(body.change_target_id));
    active.resolved_by = Set(caller.user_id());
    active.resolved_at = Set(Some(clock::now()));
    let comment = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "resolve", "comment", Some(id), changes_of(&body)).await?;
    if let Some(plan) = &plan {
        notice::enqueue(&txn, &state.config, &comment, plan).await?;
    }
    // Settled only in consultation, so the plan is public.
    let territory = plan.as_ref().and_then(|p| p.territory_id);
    events::record(&txn, EventType::CommentResolved, Subject::comment(&comment, territory, true)).await?;
    txn.commit().await?;
    state.outbox.wake();
    answer(&state.db, caller, comment).await
}
