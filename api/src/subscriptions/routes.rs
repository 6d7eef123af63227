//! `/me/subscriptions`, `/me/subscriptions/{id}`, `/unsubscribe`.
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::dto::{CommentNotices, Subscription, SubscriptionCreate, SubscriptionPage};
use super::{service, unsubscribe};
use crate::auth::routes::anonymous;
use crate::caller::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{IfMatch, Json, Query, created, no_content};
use crate::pagination::PageParams;
use crate::state::AppState;

/// The caller's own subscriptions (a session, not an API key), in the order they were made.
#[utoipa::path(tag = "subscriptions", params(PageParams), responses((status = 200, body = SubscriptionPage)))]
#[get("/me/subscriptions")]
pub async fn list_subscriptions(state: web::Data<AppState>, caller: Caller, page: Query<PageParams>) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, &page).await?))
}

/// Follow a plan, a working group or a territory by e-mail (a session). 422 naming `target_id`
/// when there is no such target or the caller may not read it; 409 `duplicate` when the caller
/// already follows it.
#[utoipa::path(
    tag = "subscriptions",
    request_body = SubscriptionCreate,
    responses(
        (status = 201, body = Subscription),
        (status = 409, description = "The caller already follows this target.", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/me/subscriptions")]
pub async fn create_subscription(state: web::Data<AppState>, caller: Caller, body: Json<SubscriptionCreate>) -> ApiResult<HttpResponse> {
    let subscription = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/me/subscriptions/{}", subscription.id), &subscription))
}

/// Stop following (a session); another person's subscription is 404.
#[utoipa::path(tag = "subscriptions", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/me/subscriptions/{id}")]
pub async fn delete_subscription(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnsubscribeParams {
    /// The token of the link in a subscription's e-mail.
    pub token: String,
}

/// What a POST with this token would end (no sign-in). Ends nothing: mail scanners follow links.
/// 404 for an unknown token or a subscription already ended.
#[utoipa::path(
    tag = "subscriptions",
    params(UnsubscribeParams),
    responses(
        (status = 200, body = Subscription),
        (status = 404, description = "No subscription has this token (unknown, forged, or already ended).", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/unsubscribe")]
pub async fn preview_unsubscribe(state: web::Data<AppState>, params: Query<UnsubscribeParams>) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(unsubscribe::preview(&state, &params.token).await?))
}

/// One-click unsubscribe (RFC 8058; a mail program posts `List-Unsubscribe=One-Click`, a body is
/// not needed): ends the subscription of the e-mail's link with no sign-in (`Authorization` is
/// ignored). 404 for an unknown token or a subscription already ended.
#[utoipa::path(
    tag = "subscriptions",
    params(UnsubscribeParams),
    responses(
        (status = 204),
        (status = 404, description = "No subscription has this token (unknown, forged, or already ended).", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/unsubscribe")]
pub async fn unsubscribe_by_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    params: Query<UnsubscribeParams>,
) -> ApiResult<HttpResponse> {
    unsubscribe::unsubscribe(&state, &anonymous(&req, &state), &params.token).await?;
    Ok(no_content())
}

/// What a POST with this token would end: the settlement notices of one comment (no sign-in).
/// Ends nothing. 404 for an unknown token, or once the notices are ended.
#[utoipa::path(
    tag = "subscriptions",
    params(UnsubscribeParams),
    responses(
        (status = 200, body = CommentNotices),
        (status = 404, description = "No comment's notices have this token (unknown, forged, or already ended).", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/unsubscribe/comment")]
pub async fn preview_comment_unsubscribe(state: web::Data<AppState>, params: Query<UnsubscribeParams>) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(unsubscribe::preview_comment(&state, &params.token).await?))
}

/// One-click unsubscribe (RFC 8058) of a comment's settlement notice: its author hears nothing more
/// of that comment, with no sign-in. 404 for an unknown token, or once the notices are ended.
#[utoipa::path(
    tag = "subscriptions",
    params(UnsubscribeParams),
    responses(
        (status = 204),
        (status = 404, description = "No comment's notices have this token (unknown, forged, or already ended).", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/unsubscribe/comment")]
pub async fn unsubscribe_comment_by_link(
    state: web::Data<AppState>,
    req: HttpRequest,
    params: Query<UnsubscribeParams>,
) -> ApiResult<HttpResponse> {
    unsubscribe::unsubscribe_comment(&state, &anonymous(&req, &state), &params.token).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_subscriptions)
        .service(create_subscription)
        .service(delete_subscription)
        .service(preview_unsubscribe)
        .service(unsubscribe_by_link)
        .service(preview_comment_unsubscribe)
        .service(unsubscribe_comment_by_link);
}
