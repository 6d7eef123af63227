//! `/plans/{id}/versions`, `/plans/{id}/diff`.
use actix_web::{HttpResponse, get, web};
use uuid::Uuid;

use super::dto::{DiffQuery, PlanDiff, VersionPage};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::Query;
use crate::pagination::PageParams;
use crate::state::AppState;

/// The plan's versions: a snapshot of its texts, goals and measures taken at every lifecycle
/// move, oldest first.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), PageParams), responses((status = 200, body = VersionPage)))]
#[get("/plans/{id}/versions")]
pub async fn list_versions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, *id, &page).await?))
}

/// What changed between two states of the plan (two versions, or a version and now): goals and
/// measures added, removed and changed, each changed field before and after, texts word by word.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), DiffQuery), responses((status = 200, body = PlanDiff)))]
#[get("/plans/{id}/diff")]
pub async fn plan_diff(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: Query<DiffQuery>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::compare(&state, &caller, *id, query.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_versions).service(plan_diff);
}
