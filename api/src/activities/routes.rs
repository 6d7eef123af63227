//! `/measures/{id}/activities`, `/activities/{id}`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Activity, ActivityCreate, ActivityPage, ActivityPatch};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// A measure's activities in order, with the measure's estimated cost against the sum of theirs
/// (`cost_mismatch`: shown, never refused).
#[utoipa::path(tag = "activities", params(("id" = Uuid, Path, description = "Measure id"), PageParams), responses((status = 200, body = ActivityPage)))]
#[get("/measures/{id}/activities")]
pub async fn list_activities(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, *id, &page).await?))
}

/// Add an activity to a measure: whoever may edit the measure, while the plan is a draft or in
/// consultation (409 `frozen` after). 422 names each field (`year_to` before `year_from`).
#[utoipa::path(tag = "activities", params(("id" = Uuid, Path, description = "Measure id")), request_body = ActivityCreate, responses((status = 201, body = Activity)))]
#[post("/measures/{id}/activities")]
pub async fn create_activity(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<ActivityCreate>,
) -> ApiResult<HttpResponse> {
    let activity = service::create(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/activities/{}", activity.id), &activity))
}

#[utoipa::path(tag = "activities", params(("id" = Uuid, Path)), responses((status = 200, body = Activity)))]
#[get("/activities/{id}")]
pub async fn get_activity(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit an activity; from the plan's approval on only its `status` (409 `frozen` otherwise,
/// `archived` once the plan is archived).
#[utoipa::path(tag = "activities", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ActivityPatch, responses((status = 200, body = Activity)))]
#[patch("/activities/{id}")]
pub async fn update_activity(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<ActivityPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete an activity while the plan is editable; 409 `in_use` while an action plan names it.
#[utoipa::path(tag = "activities", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/activities/{id}")]
pub async fn delete_activity(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_activities).service(create_activity).service(get_activity).service(update_activity).service(delete_activity);
}
