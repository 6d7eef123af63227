//! `/needs`, `/needs/{id}`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Need, NeedCreate, NeedFilters, NeedPage, NeedPatch};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Needs (public), newest first. The reporter's e-mail only for those who review the need.
#[utoipa::path(tag = "needs", params(NeedFilters, PageParams), responses((status = 200, body = NeedPage)))]
#[get("/needs")]
pub async fn list_needs(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<NeedFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Report a need: anyone, anonymously with a name (429 when one address reports too many); 422
/// names each field, and each reference that points nowhere. `source` other than `public` and
/// `working_group_id` only from coordinators where the need lies and leaders of that group (403).
#[utoipa::path(tag = "needs", request_body = NeedCreate, responses((status = 201, body = Need)))]
#[post("/needs")]
pub async fn create_need(state: web::Data<AppState>, caller: Caller, body: Json<NeedCreate>) -> ApiResult<HttpResponse> {
    let need = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/needs/{}", need.id), &need))
}

/// One need (public).
#[utoipa::path(tag = "needs", params(("id" = Uuid, Path)), responses((status = 200, body = Need)))]
#[get("/needs/{id}")]
pub async fn get_need(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Review a need (coordinators where it lies, leaders of its working group): status, answer,
/// group, measures; coordinators also correct the report. 422 `duplicate_of` when a duplicate
/// points nowhere, to itself or to another duplicate; 422 `response` when a need not addressed
/// says not why.
#[utoipa::path(tag = "needs", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = NeedPatch, responses((status = 200, body = Need)))]
#[patch("/needs/{id}")]
pub async fn update_need(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<NeedPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a need (coordinators where it lies); 409 `in_use` while needs are marked duplicates of it.
#[utoipa::path(tag = "needs", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/needs/{id}")]
pub async fn delete_need(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_needs).service(create_need).service(get_need).service(update_need).service(delete_need);
}
