//! `/plans`, `/plans/{id}`, `/plans/{id}/status`, `/plans/{id}/history`, `/plans/{id}/successor`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Plan, PlanCreate, PlanFilters, PlanPage, PlanPatch, StatusChange, StatusChangePage, SuccessorCreate};
use super::{service, successor};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Plans; drafts only for signed-in callers.
#[utoipa::path(tag = "plans", params(PlanFilters, PageParams), responses((status = 200, body = PlanPage)))]
#[get("/plans")]
pub async fn list_plans(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<PlanFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Create a plan (as a draft).
#[utoipa::path(tag = "plans", request_body = PlanCreate, responses((status = 201, body = Plan)))]
#[post("/plans")]
pub async fn create_plan(state: web::Data<AppState>, caller: Caller, body: Json<PlanCreate>) -> ApiResult<HttpResponse> {
    let plan = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/plans/{}", plan.id), &plan))
}

#[utoipa::path(tag = "plans", params(("id" = Uuid, Path)), responses((status = 200, body = Plan)))]
#[get("/plans/{id}")]
pub async fn get_plan(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a plan's texts (draft or consultation only).
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = PlanPatch, responses((status = 200, body = Plan)))]
#[patch("/plans/{id}")]
pub async fn update_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<PlanPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a draft plan that has never been in consultation (otherwise 409: archive it instead).
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/plans/{id}")]
pub async fn delete_plan(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// Move a plan through its lifecycle (coordinators).
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = StatusChange, responses((status = 200, body = Plan)))]
#[post("/plans/{id}/status")]
pub async fn change_plan_status(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<StatusChange>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::change_status(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Every lifecycle move of a plan, oldest first.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), PageParams), responses((status = 200, body = StatusChangePage)))]
#[get("/plans/{id}/history")]
pub async fn plan_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::history(&state, &caller, *id, &page).await?))
}

/// Start the next cycle's plan (navazující plán) from an approved one: a draft of the same
/// territory with its goals and measures copied, each copy naming its original (`previous_id`),
/// each indicator's last value its new baseline. 409 `lifecycle` before approval, 409 `duplicate`
/// when the plan already has a successor.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path)), request_body = SuccessorCreate, responses((status = 201, body = Plan)))]
#[post("/plans/{id}/successor")]
pub async fn create_successor(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<SuccessorCreate>,
) -> ApiResult<HttpResponse> {
    let plan = successor::create(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/plans/{}", plan.id), &plan))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_plans)
        .service(create_plan)
        .service(get_plan)
        .service(update_plan)
        .service(delete_plan)
        .service(change_plan_status)
        .service(plan_history)
        .service(create_successor);
}
