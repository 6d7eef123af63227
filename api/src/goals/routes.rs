//! `/plans/{id}/goals`, `/goals/{id}`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Goal, GoalCreate, GoalPage, GoalPatch};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Goals of a plan, ordered by position.
#[utoipa::path(tag = "goals", params(("id" = Uuid, Path, description = "Plan id"), PageParams), responses((status = 200, body = GoalPage)))]
#[get("/plans/{id}/goals")]
pub async fn list_goals(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, *id, &page).await?))
}

/// Add a goal to a plan (coordinators; leaders for their own group's goals while the plan is a draft or in consultation).
#[utoipa::path(tag = "goals", params(("id" = Uuid, Path, description = "Plan id")), request_body = GoalCreate, responses((status = 201, body = Goal)))]
#[post("/plans/{id}/goals")]
pub async fn create_goal(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<GoalCreate>,
) -> ApiResult<HttpResponse> {
    let goal = service::create(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/goals/{}", goal.id), &goal))
}

#[utoipa::path(tag = "goals", params(("id" = Uuid, Path)), responses((status = 200, body = Goal)))]
#[get("/goals/{id}")]
pub async fn get_goal(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

#[utoipa::path(tag = "goals", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = GoalPatch, responses((status = 200, body = Goal)))]
#[patch("/goals/{id}")]
pub async fn update_goal(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<GoalPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a goal with its sub-goals, measures and their comments; 409 if any of them carries
/// consultation comments (they belong to the settlement register).
#[utoipa::path(tag = "goals", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/goals/{id}")]
pub async fn delete_goal(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_goals).service(create_goal).service(get_goal).service(update_goal).service(delete_goal);
}
