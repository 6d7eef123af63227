//! `/target-groups`, `/target-groups/{code}`.
use actix_web::{HttpResponse, get, post, web};

use super::dto::{TargetGroup, TargetGroupCreate, TargetGroupFilters, TargetGroupPage};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{Json, Query, created, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Target groups (public): those of the planning documents and of the national register first,
/// then those coordinators added.
#[utoipa::path(tag = "network", params(TargetGroupFilters, PageParams), responses((status = 200, body = TargetGroupPage)))]
#[get("/target-groups")]
pub async fn list_target_groups(
    state: web::Data<AppState>,
    _caller: Caller,
    filters: Query<TargetGroupFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, filters.into_inner(), &page).await?))
}

/// Add a target group (coordinators, admins). 409 `duplicate` when the code is taken.
#[utoipa::path(tag = "network", request_body = TargetGroupCreate, responses((status = 201, body = TargetGroup)))]
#[post("/target-groups")]
pub async fn create_target_group(state: web::Data<AppState>, caller: Caller, body: Json<TargetGroupCreate>) -> ApiResult<HttpResponse> {
    let group = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/target-groups/{}", group.code), &group))
}

/// One target group by its code (public).
#[utoipa::path(tag = "network", params(("code" = String, Path)), responses((status = 200, body = TargetGroup)))]
#[get("/target-groups/{code}")]
pub async fn get_target_group(state: web::Data<AppState>, _caller: Caller, code: web::Path<String>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &code).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_target_groups).service(create_target_group).service(get_target_group);
}
