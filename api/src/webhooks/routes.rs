//! `/webhooks`, `/webhooks/{id}`, `/webhooks/{id}/deliveries`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Webhook, WebhookCreate, WebhookCreated, WebhookDeliveryPage, WebhookPage, WebhookPatch};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// The caller's webhooks (coordinators); every webhook (admins). In the order they were made.
#[utoipa::path(tag = "webhooks", params(PageParams), responses((status = 200, body = WebhookPage)))]
#[get("/webhooks")]
pub async fn list_webhooks(state: web::Data<AppState>, caller: Caller, page: Query<PageParams>) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, &page).await?))
}

/// Add a webhook (coordinators, admins). The answer carries the signing `secret`, this once.
/// 422 naming the field for a URL that is not https on a public host, or an unknown event type.
#[utoipa::path(tag = "webhooks", request_body = WebhookCreate, responses((status = 201, body = WebhookCreated)))]
#[post("/webhooks")]
pub async fn create_webhook(state: web::Data<AppState>, caller: Caller, body: Json<WebhookCreate>) -> ApiResult<HttpResponse> {
    let webhook = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/webhooks/{}", webhook.webhook.id), &webhook))
}

/// One webhook (its owner, admins), without its secret.
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path)), responses((status = 200, body = Webhook)))]
#[get("/webhooks/{id}")]
pub async fn get_webhook(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a webhook (its owner, admins); `enabled: true` turns one disabled after failures back on.
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = WebhookPatch, responses((status = 200, body = Webhook)))]
#[patch("/webhooks/{id}")]
pub async fn update_webhook(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<WebhookPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a webhook and its delivery log (its owner, admins).
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/webhooks/{id}")]
pub async fn delete_webhook(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// Every attempt to deliver an event to the webhook, newest first: its status code, duration,
/// error and when it is tried again. Kept 30 days.
#[utoipa::path(tag = "webhooks", params(("id" = Uuid, Path), PageParams), responses((status = 200, body = WebhookDeliveryPage)))]
#[get("/webhooks/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::deliveries(&state, &caller, *id, &page).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_webhooks)
        .service(create_webhook)
        .service(get_webhook)
        .service(update_webhook)
        .service(delete_webhook)
        .service(list_webhook_deliveries);
}
