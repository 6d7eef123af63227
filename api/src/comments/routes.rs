//! `/comments`, `/comments/{id}`, `/comments/{id}/resolution`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Comment, CommentCreate, CommentFilters, CommentPage, CommentPatch, ResolutionCreate};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Comments in creation order. Hidden comments only for coordinators and admins; comments on
/// drafts only for signed-in callers. `author_email` and `moderation_reason` only for staff.
#[utoipa::path(tag = "comments", params(CommentFilters, PageParams), responses((status = 200, body = CommentPage)))]
#[get("/comments")]
pub async fn list_comments(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<CommentFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Comment on a plan, goal, measure or meeting. Anonymous callers: only on a plan, its goals and
/// measures while its consultation is open (409 after the deadline), with `author_name`, limited per
/// client address (429). Signed-in callers: at any time, as their account. Coordinators may enter a
/// comment received on paper, by e-mail or at a hearing with `channel`, `received_on` and the
/// submitter's `author_name` / `author_email`; it joins the settlement register when the plan is in
/// consultation and it was received on or before the closing day.
#[utoipa::path(tag = "comments", request_body = CommentCreate, responses(
    (status = 201, body = Comment),
    (status = 404, description = "The target does not exist or is not visible to the caller.", body = crate::error::Problem, content_type = "application/problem+json")
))]
#[post("/comments")]
pub async fn create_comment(state: web::Data<AppState>, caller: Caller, body: Json<CommentCreate>) -> ApiResult<HttpResponse> {
    let comment = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/comments/{}", comment.id), &comment))
}

#[utoipa::path(tag = "comments", params(("id" = Uuid, Path)), responses((status = 200, body = Comment)))]
#[get("/comments/{id}")]
pub async fn get_comment(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// The author edits the text; coordinators hide or restore (`status`, with `moderation_reason`
/// required for hiding). A consultation comment's text is frozen once settled or once the
/// consultation has closed (409).
#[utoipa::path(tag = "comments", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = CommentPatch, responses((status = 200, body = Comment)))]
#[patch("/comments/{id}")]
pub async fn update_comment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<CommentPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete one's own comment (coordinators: any outside the consultation), with its replies. A
/// consultation comment is part of the record (409): its author may withdraw it only while the
/// consultation is open and it is unsettled; staff hide other people's instead of deleting them.
#[utoipa::path(tag = "comments", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/comments/{id}")]
pub async fn delete_comment(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// Settle a consultation comment (coordinators): `note` (the justification) is required unless the
/// resolution is `noted`. Records who and when; may be settled again while the plan is in consultation.
/// Replies and comments made outside the consultation cannot be settled (409).
#[utoipa::path(tag = "comments", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ResolutionCreate, responses(
    (status = 200, body = Comment),
    (status = 412, description = "If-Match does not match the current version.", body = crate::error::Problem, content_type = "application/problem+json")
))]
#[post("/comments/{id}/resolution")]
pub async fn resolve_comment(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<ResolutionCreate>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::resolve(&state, &caller, *id, if_match, (*body).clone())).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_comments)
        .service(create_comment)
        .service(get_comment)
        .service(update_comment)
        .service(delete_comment)
        .service(resolve_comment);
}
