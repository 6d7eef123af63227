//! `/plans/{id}/action-plans`, `/action-plans/{id}`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{ActionPlan, ActionPlanCreate, ActionPlanPage, ActionPlanPatch};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// A plan's yearly action plans, by year; read wherever the plan is.
#[utoipa::path(tag = "action-plans", params(("id" = Uuid, Path, description = "Plan id"), PageParams), responses((status = 200, body = ActionPlanPage)))]
#[get("/plans/{id}/action-plans")]
pub async fn list_action_plans(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, *id, &page).await?))
}

/// Start a year's action plan, as a draft (coordinators where the plan lies, admins). 409
/// `duplicate` on `year` when the plan has one for that year; 422 names each item's measure,
/// activity or amount that is wrong (`items[0].activity_ids[1]`).
#[utoipa::path(tag = "action-plans", params(("id" = Uuid, Path, description = "Plan id")), request_body = ActionPlanCreate, responses((status = 201, body = ActionPlan)))]
#[post("/plans/{id}/action-plans")]
pub async fn create_action_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<ActionPlanCreate>,
) -> ApiResult<HttpResponse> {
    let action_plan = service::create(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/action-plans/{}", action_plan.id), &action_plan))
}

#[utoipa::path(tag = "action-plans", params(("id" = Uuid, Path)), responses((status = 200, body = ActionPlan)))]
#[get("/action-plans/{id}")]
pub async fn get_action_plan(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a draft action plan, or approve it (`status: approved` with `approved_on` and
/// `approval_resolution`, 422 naming them when missing). Once approved: 409 `frozen`.
#[utoipa::path(tag = "action-plans", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ActionPlanPatch, responses((status = 200, body = ActionPlan)))]
#[patch("/action-plans/{id}")]
pub async fn update_action_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<ActionPlanPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a draft action plan; 409 `frozen` once approved.
#[utoipa::path(tag = "action-plans", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/action-plans/{id}")]
pub async fn delete_action_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_action_plans)
        .service(create_action_plan)
        .service(get_action_plan)
        .service(update_action_plan)
        .service(delete_action_plan);
}
