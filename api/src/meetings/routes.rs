//! `/meetings`, `/meetings/{id}`, `/working-groups/{id}/meetings` and the calendar feeds
//! `/meetings.ics` and `/working-groups/{id}/meetings.ics`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Meeting, MeetingCreate, MeetingFilters, MeetingGroupFilter, MeetingPage, MeetingPatch};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Meetings of all working groups (public), by start time, then id.
#[utoipa::path(tag = "meetings", params(MeetingGroupFilter, MeetingFilters, PageParams), responses((status = 200, body = MeetingPage)))]
#[get("/meetings")]
pub async fn list_meetings(
    state: web::Data<AppState>,
    caller: Caller,
    group: Query<MeetingGroupFilter>,
    filters: Query<MeetingFilters>,
    params: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, group.working_group_id, filters.into_inner(), &params).await?))
}

/// Meetings of one working group (public), by start time, then id.
#[utoipa::path(tag = "meetings", params(("id" = Uuid, Path), MeetingFilters, PageParams), responses((status = 200, body = MeetingPage)))]
#[get("/working-groups/{id}/meetings")]
pub async fn list_group_meetings(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    filters: Query<MeetingFilters>,
    params: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list_of_group(&state, &caller, *id, filters.into_inner(), &params).await?))
}

/// Schedule or record a meeting (coordinators and the group's leaders).
#[utoipa::path(tag = "meetings", params(("id" = Uuid, Path)), request_body = MeetingCreate, responses((status = 201, body = Meeting)))]
#[post("/working-groups/{id}/meetings")]
pub async fn create_meeting(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<MeetingCreate>,
) -> ApiResult<HttpResponse> {
    let meeting = service::create(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/meetings/{}", meeting.id), &meeting))
}

#[utoipa::path(tag = "meetings", params(("id" = Uuid, Path)), responses((status = 200, body = Meeting)))]
#[get("/meetings/{id}")]
pub async fn get_meeting(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a meeting or its record: agenda, attendance, resolutions, minutes, status.
#[utoipa::path(tag = "meetings", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = MeetingPatch, responses((status = 200, body = Meeting)))]
#[patch("/meetings/{id}")]
pub async fn update_meeting(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<MeetingPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a meeting and the comments on it.
#[utoipa::path(tag = "meetings", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/meetings/{id}")]
pub async fn delete_meeting(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

fn ics(body: String) -> HttpResponse {
    HttpResponse::Ok().content_type("text/calendar; charset=utf-8").body(body)
}

/// Every working group's meetings as an iCalendar feed (RFC 5545) to subscribe to: the past
/// year and everything ahead; cancelled meetings carry STATUS:CANCELLED.
#[utoipa::path(tag = "meetings", responses((status = 200, description = "An iCalendar feed", body = String, content_type = "text/calendar")))]
#[get("/meetings.ics")]
pub async fn meetings_calendar(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    Ok(ics(service::feed(&state, &caller).await?))
}

/// One working group's meetings as an iCalendar feed (RFC 5545).
#[utoipa::path(tag = "meetings", params(("id" = Uuid, Path)), responses((status = 200, description = "An iCalendar feed", body = String, content_type = "text/calendar")))]
#[get("/working-groups/{id}/meetings.ics")]
pub async fn group_calendar(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ics(service::group_feed(&state, &caller, *id).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    // The feeds are literal paths with a different segment count from `/meetings/{id}`, so the
    // two never compete; they are registered first all the same.
    cfg.service(meetings_calendar)
        .service(group_calendar)
        .service(list_meetings)
        .service(list_group_meetings)
        .service(create_meeting)
        .service(get_meeting)
        .service(update_meeting)
        .service(delete_meeting);
}
