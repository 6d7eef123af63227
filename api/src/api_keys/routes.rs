//! `/api-keys`, `/api-keys/{id}`: managed from a signed-in session, never with a key.
use actix_web::{HttpResponse, delete, get, post, web};
use uuid::Uuid;

use super::dto::{ApiKeyCreate, ApiKeyFilters, ApiKeyPage, NewApiKey};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Live API keys (not revoked) of the caller; admins may name another `user_id`. Never the secrets.
#[utoipa::path(tag = "api-keys", params(ApiKeyFilters, PageParams), responses((status = 200, body = ApiKeyPage)))]
#[get("/api-keys")]
pub async fn list_keys(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<ApiKeyFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Create an API key acting as the caller within its scopes. The answer carries the secret
/// (`key`) this one time only; it is stored as a hash.
#[utoipa::path(tag = "api-keys", request_body = ApiKeyCreate, responses((status = 201, body = NewApiKey)))]
#[post("/api-keys")]
pub async fn create_key(state: web::Data<AppState>, caller: Caller, body: Json<ApiKeyCreate>) -> ApiResult<HttpResponse> {
    let answer = service::create(&state, &caller, body.into_inner()).await?;
    let mut response = created(format!("/api/v1/api-keys/{}", answer.api_key.id), &answer);
    response.headers_mut().insert(actix_web::http::header::CACHE_CONTROL, actix_web::http::header::HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Revoke an API key (its owner or an admin); it stops working at once.
#[utoipa::path(tag = "api-keys", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/api-keys/{id}")]
pub async fn revoke_key(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::revoke(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_keys).service(create_key).service(revoke_key);
}
