//! Meeting rules and queries.
use std::collections::{HashMap, HashSet};

use chrono::Duration;
use entity::enums::{MeetingStatus, Stakeholder, TargetType};
use entity::values::{Agenda, Attendance, MeetingResolutions};
use entity::{comment, meeting, working_group, working_group_member};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::dto::{Meeting, MeetingCreate, MeetingFilters, MeetingPage, MeetingPatch, Record};
use crate::audit::{self, service::changes_of};
use crate::calendar;
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::events::{self, EventType, Subject};
use crate::http::IfMatch;
use crate::pagination::{self, KeyKind, PageParams, Sort, time_key};
use crate::state::AppState;
use crate::store::update_versioned;
use crate::territories::scope;
use crate::working_groups;

/// Meetings are public, whatever their status.
async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<meeting::Model> {
    meeting::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Meeting> {
    let meeting = find(&state.db, id).await?;
    present_one(&state.db, caller, meeting).await
}

/// Meetings of one working group, which must exist.
pub async fn list_of_group(
    state: &AppState,
    caller: &Caller,
    group: Uuid,
    filters: MeetingFilters,
    page: &PageParams,
) -> ApiResult<MeetingPage> {
    working_groups::service::find(&state.db, group).await?;
    list(state, caller, Some(group), filters, page).await
}

/// Meetings in time order (starts_at, then id), optionally of one group.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    group: Option<Uuid>,
    filters: MeetingFilters,
    page: &PageParams,
) -> ApiResult<MeetingPage> {
    let mut v = Validator::new();
    filters.validate(&mut v);
    v.finish()?;
    let mut select = meeting::Entity::find();
    if let Some(group) = group {
        select = select.filter(meeting::Column::WorkingGroupId.eq(group));
    }
    if let Some(from) = filters.from {
        select = select.filter(meeting::Column::StartsAt.gte(from));
    }
    if let Some(to) = filters.to {
        select = select.filter(meeting::Column::StartsAt.lt(to));
    }
    if let Some(status) = filters.status {
        select = select.filter(meeting::Column::Status.eq(status));
    }
    if let Some(root) = filters.territory_id {
        let groups = scope::rows_within(working_group::Column::Id, working_group::Column::TerritoryId, root);
        select = select.filter(meeting::Column::WorkingGroupId.in_subquery(groups));
    }
    let sort = Sort { key: Some((meeting::Column::StartsAt, KeyKind::Time)), id: meeting::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |m| (time_key(m.starts_at), m.id)).await?;
    Ok(MeetingPage { items: present(&state.db, caller, rows).await?, next_cursor })
}

/// Names and quorums of the groups of `meetings`, in one query.
async fn groups_of<D: ConnectionTrait>(db: &D, meetings: &[meeting::Model]) -> ApiResult<HashMap<Uuid, (String, Option<i32>)>> {
    let ids: HashSet<Uuid> = meetings.iter().map(|m| m.working_group_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(Uuid, String, Option<i32>)> = working_group::Entity::find()
        .select_only()
        .columns([working_group::Column::Id, working_group::Column::Name, working_group::Column::Quorum])
        .filter(working_group::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, name, quorum)| (id, (name, quorum))).collect())
}

/// Members of the groups of `meetings` who take part as service users, in one query.
async fn service_users_of<D: ConnectionTrait>(db: &D, meetings: &[meeting::Model]) -> ApiResult<HashSet<(Uuid, Uuid)>> {
    let ids: HashSet<Uuid> = meetings.iter().map(|m| m.working_group_id).collect();
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let rows: Vec<(Uuid, Uuid)> = working_group_member::Entity::find()
        .select_only()
        .columns([working_group_member::Column::WorkingGroupId, working_group_member::Column::UserId])
        .filter(working_group_member::Column::WorkingGroupId.is_in(ids))
        .filter(working_group_member::Column::Stakeholder.eq(Stakeholder::User))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Response bodies for `meetings`, with their groups' names and quorums. Anonymous callers get
/// the attendance without the people who take part as service users (members and guests alike;
/// the counts still include them), as the members list withholds them (working_groups::dto::Member).
async fn present<D: ConnectionTrait>(db: &D, caller: &Caller, meetings: Vec<meeting::Model>) -> ApiResult<Vec<Meeting>> {
    let groups = groups_of(db, &meetings).await?;
    let withheld = if caller.is_signed_in() { None } else { Some(service_users_of(db, &meetings).await?) };
    Ok(meetings
        .into_iter()
        .map(|m| {
            let group = m.working_group_id;
            let (name, quorum) = groups.get(&group).cloned().unwrap_or_default();
            let mut meeting = Meeting::from_model(m, name, quorum);
            if let Some(withheld) = &withheld {
                let a = &mut meeting.attendance;
                a.present.retain(|u| !withheld.contains(&(group, *u)));
                a.excused.retain(|u| !withheld.contains(&(group, *u)));
                a.guests.retain(|g| g.stakeholder != Stakeholder::User);
            }
            meeting
        })
        .collect())
}

async fn present_one<D: ConnectionTrait>(db: &D, caller: &Caller, meeting: meeting::Model) -> ApiResult<Meeting> {
    present(db, caller, vec![meeting]).await?.pop().ok_or(ApiError::Internal)
}

/// People added to the attendance must be members of the group; those already recorded stay
/// valid after they leave it, so editing old minutes never fails on a former member.
async fn check_attendees<D: ConnectionTrait>(
    db: &D,
    v: &mut Validator,
    group_id: Uuid,
    attendance: &Attendance,
    recorded: &Attendance,
) -> ApiResult<()> {
    let known: HashSet<&Uuid> = recorded.present.iter().chain(&recorded.excused).collect();
    let added: HashSet<Uuid> = attendance.present.iter().chain(&attendance.excused).filter(|id| !known.contains(id)).copied().collect();
    if added.is_empty() {
        return Ok(());
    }
    let members: HashSet<Uuid> = working_group_member::Entity::find()
        .select_only()
        .column(working_group_member::Column::UserId)
        .filter(working_group_member::Column::WorkingGroupId.eq(group_id))
        .filter(working_group_member::Column::UserId.is_in(added.iter().copied()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for (field, ids) in [("attendance.present", &attendance.present), ("attendance.excused", &attendance.excused)] {
        let strangers: Vec<String> = ids.iter().filter(|id| added.contains(id) && !members.contains(id)).map(Uuid::to_string).collect();
        if !strangers.is_empty() {
            v.error(
                field,
                FieldErrorCode::Invalid,
                format!("not members of this working group: {} (record other people as guests)", strangers.join(", ")),
            );
        }
    }
    Ok(())
}

/// Writes the record; `group_quorum` is the group's quorum now, which a meeting keeps from the
/// moment it is recorded as held, and drops if it is set back to scheduled or cancelled.
fn apply(active: &mut meeting::ActiveModel, r: Record, group_quorum: Option<i32>) {
    let was_held = matches!(&active.status, sea_orm::ActiveValue::Unchanged(MeetingStatus::Held));
    match (was_held, r.status == MeetingStatus::Held) {
        (false, true) => active.quorum = Set(group_quorum),
        (_, false) => active.quorum = Set(None),
        (true, true) => {}
    }
    active.title = Set(r.title);
    active.starts_at = Set(clock::to_micros(r.starts_at));
    active.ends_at = Set(clock::to_micros(r.ends_at));
    active.format = Set(r.format);
    active.location = Set(r.location);
    active.online_url = Set(r.online_url);
    active.agenda = Set(Agenda(r.agenda));
    active.attendance = Set(r.attendance);
    active.resolutions = Set(MeetingResolutions(r.resolutions));
    active.minutes = Set(r.minutes);
    active.status = Set(r.status);
}

pub async fn create(state: &AppState, caller: &Caller, group_id: Uuid, body: MeetingCreate) -> ApiResult<Meeting> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let group = working_groups::service::find(&txn, group_id).await?;
    authorize(caller, Action::manage_group(&group))?;
    let record = Record::new(&body);
    let mut v = Validator::new();
    record.validate(&mut v);
    check_attendees(&txn, &mut v, group_id, &record.attendance, &Attendance::default()).await?;
    v.finish()?;
    let now = clock::now();
    let mut active = meeting::ActiveModel {
        id: Set(Uuid::now_v7()),
        working_group_id: Set(group_id),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    apply(&mut active, record, group.quorum);
    let meeting = active.insert(&txn).await?;
    let mut changes = changes_of(&body);
    changes.0.insert("working_group_id".into(), group_id.to_string().into());
    audit::record(&txn, caller, "create", "meeting", Some(meeting.id), changes).await?;
    if meeting.status == MeetingStatus::Scheduled {
        events::record(&txn, EventType::MeetingScheduled, Subject::meeting(&meeting, group.territory_id)).await?;
    }
    let meeting = present_one(&txn, caller, meeting).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Meeting, &[meeting.id]).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(meeting)
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: MeetingPatch) -> ApiResult<Meeting> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    let group = working_groups::service::find(&txn, current.working_group_id).await?;
    authorize(caller, Action::manage_group(&group))?;
    if_match.check(current.version)?;
    let record = Record::patched(&current, &patch);
    let mut v = Validator::new();
    record.validate(&mut v);
    check_attendees(&txn, &mut v, current.working_group_id, &record.attendance, &current.attendance).await?;
    v.finish()?;
    let (version, was) = (current.version, current.status);
    let mut active = current.into_active_model();
    apply(&mut active, record, group.quorum);
    let meeting = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "meeting", Some(id), changes_of(&patch)).await?;
    let cancelled = meeting.status == MeetingStatus::Cancelled && was != MeetingStatus::Cancelled;
    let kind = if cancelled { EventType::MeetingCancelled } else { EventType::MeetingUpdated };
    events::record(&txn, kind, Subject::meeting(&meeting, group.territory_id)).await?;
    let meeting = present_one(&txn, caller, meeting).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Meeting, &[meeting.id]).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(meeting)
}

/// Deletes the meeting and the comments on it, which would otherwise point at nothing.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    caller.signed_in()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, id).await?;
    let group = working_groups::service::find(&txn, current.working_group_id).await?;
    authorize(caller, Action::manage_group(&group))?;
    if_match.check(current.version)?;
    comment::Entity::delete_many()
        .filter(comment::Column::TargetType.eq(TargetType::Meeting))
        .filter(comment::Column::TargetId.eq(id))
        .exec(&txn)
        .await?;
    meeting::Entity::delete_by_id(id).exec(&txn).await?;
    let mut changes = entity::values::Changes::default();
    changes.0.insert("working_group_id".into(), current.working_group_id.to_string().into());
    changes.0.insert("title".into(), current.title.into());
    audit::record(&txn, caller, "delete", "meeting", Some(id), changes).await?;
    crate::search::index::refresh(&txn, entity::enums::SearchKind::Meeting, &[id]).await?;
    txn.commit().await?;
    Ok(())
}

/// How far back a calendar feed reaches; everything ahead is always in it.
pub const CALENDAR_HISTORY: Duration = Duration::days(366);

/// The most events one feed carries (the earliest first), so a feed costs a bounded query.
pub const CALENDAR_MAX_EVENTS: u64 = 2_000;

/// Every working group's meetings as an iCalendar feed.
pub async fn feed(state: &AppState, _caller: &Caller) -> ApiResult<String> {
    let meetings = for_calendar(&state.db, None).await?;
    let names: HashMap<Uuid, String> = groups_of(&state.db, &meetings).await?.into_iter().map(|(id, (name, _))| (id, name)).collect();
    let events = meetings.iter().map(|m| (m, names.get(&m.working_group_id).map_or("", String::as_str)));
    Ok(calendar::render("Spoluplán – jednání pracovních skupin", events))
}

/// One working group's meetings as an iCalendar feed.
pub async fn group_feed(state: &AppState, _caller: &Caller, group_id: Uuid) -> ApiResult<String> {
    let group = working_groups::service::find(&state.db, group_id).await?;
    let meetings = for_calendar(&state.db, Some(group.id)).await?;
    let events = meetings.iter().map(|m| (m, group.name.as_str()));
    Ok(calendar::render(&format!("{} – jednání", group.name), events))
}

/// Meetings for a calendar feed, in time order.
async fn for_calendar<D: ConnectionTrait>(db: &D, group: Option<Uuid>) -> ApiResult<Vec<meeting::Model>> {
    let mut select = meeting::Entity::find().filter(meeting::Column::StartsAt.gte(clock::now() - CALENDAR_HISTORY));
    if let Some(group) = group {
        select = select.filter(meeting::Column::WorkingGroupId.eq(group));
    }
    Ok(select.order_by_asc(meeting::Column::StartsAt).order_by_asc(meeting::Column::Id).limit(CALENDAR_MAX_EVENTS).all(db).await?)
}
