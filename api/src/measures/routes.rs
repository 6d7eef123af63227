//! `/goals/{id}/measures`, `/measures`, `/measures/{id}`, `/measures/{id}/updates`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{
    Measure, MeasureCreate, MeasureDetail, MeasureFilters, MeasurePage, MeasurePatch, ProgressUpdate, ProgressUpdateCreate,
    ProgressUpdatePage,
};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Measures of one goal, in order.
#[utoipa::path(tag = "measures", params(("id" = Uuid, Path, description = "Goal id"), PageParams), responses((status = 200, body = MeasurePage)))]
#[get("/goals/{id}/measures")]
pub async fn list_goal_measures(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list_of_goal(&state, &caller, *id, &page).await?))
}

/// Add a measure to a goal. 422 names each organization, service or target group it names that
/// does not exist or is listed twice (`service_ids[1]`).
#[utoipa::path(tag = "measures", params(("id" = Uuid, Path, description = "Goal id")), request_body = MeasureCreate, responses((status = 201, body = Measure)))]
#[post("/goals/{id}/measures")]
pub async fn create_measure(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<MeasureCreate>,
) -> ApiResult<HttpResponse> {
    let measure = service::create(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/measures/{}", measure.id), &measure))
}

/// Measures across plans, filtered.
#[utoipa::path(tag = "measures", params(MeasureFilters, PageParams), responses((status = 200, body = MeasurePage)))]
#[get("/measures")]
pub async fn list_measures(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<MeasureFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// One measure, with the needs it answers.
#[utoipa::path(tag = "measures", params(("id" = Uuid, Path)), responses((status = 200, body = MeasureDetail)))]
#[get("/measures/{id}")]
pub async fn get_measure(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a measure; from the plan's approval on only its implementation state. A list of
/// organizations, services or target groups is replaced when sent; 422 as for the create.
#[utoipa::path(tag = "measures", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = MeasurePatch, responses((status = 200, body = Measure)))]
#[patch("/measures/{id}")]
pub async fn update_measure(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<MeasurePatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a measure with its comments; 409 if it carries consultation comments, `in_use` while an action plan names it.
#[utoipa::path(tag = "measures", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/measures/{id}")]
pub async fn delete_measure(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// The measure's implementation timeline, oldest first.
#[utoipa::path(tag = "measures", params(("id" = Uuid, Path), PageParams), responses((status = 200, body = ProgressUpdatePage)))]
#[get("/measures/{id}/updates")]
pub async fn list_updates(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::updates(&state, &caller, *id, &page).await?))
}

/// Report progress: records the update and sets the measure's status and progress.
#[utoipa::path(tag = "measures", params(("id" = Uuid, Path)), request_body = ProgressUpdateCreate, responses((status = 201, body = ProgressUpdate)))]
#[post("/measures/{id}/updates")]
pub async fn create_update(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<ProgressUpdateCreate>,
) -> ApiResult<HttpResponse> {
    let update = service::add_update(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/measures/{}/updates", update.measure_id), &update))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_goal_measures)
        .service(create_measure)
        .service(list_measures)
        .service(get_measure)
        .service(update_measure)
        .service(delete_measure)
        .service(list_updates)
        .service(create_update);
}
