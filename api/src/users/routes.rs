//! `/users`, `/users/{id}`, `/me`, `/me/password` (the caller's memberships are the working groups').
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{EmailChangeConfirm, MePatch, PasswordChange, UserCreate, UserFilters, UserPage, UserPatch};
use super::{email_change, service};
use crate::auth::dto::{Me, User};
use crate::auth::routes::anonymous;
use crate::caller::Caller;
use crate::error::{ApiResult, Problem};
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Accounts, oldest first (coordinators and admins).
#[utoipa::path(tag = "users", params(UserFilters, PageParams), responses((status = 200, body = UserPage)))]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<UserFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Create an account (coordinators and admins; only admins create admins).
#[utoipa::path(tag = "users", request_body = UserCreate, responses((status = 201, body = User)))]
#[post("/users")]
pub async fn create_user(state: web::Data<AppState>, caller: Caller, body: Json<UserCreate>) -> ApiResult<HttpResponse> {
    let user = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/users/{}", user.id), &user))
}

/// One account (coordinators and admins; anyone their own).
#[utoipa::path(tag = "users", params(("id" = Uuid, Path)), responses((status = 200, body = User)))]
#[get("/users/{id}")]
pub async fn get_user(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit an account. Only admins touch admin accounts or give the admin role; nobody changes
/// their own role or deactivates themselves. Deactivating or setting a password ends the person's sessions.
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = UserPatch, responses((status = 200, body = User)))]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<UserPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Deactivate an account (kept with its history; it can no longer sign in and its sessions end).
#[utoipa::path(tag = "users", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/users/{id}")]
pub async fn deactivate_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::deactivate(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// The caller's own account (a session or an API key with the read scope), with what it manages.
#[utoipa::path(tag = "users", responses((status = 200, body = Me)))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, caller: Caller) -> ApiResult<HttpResponse> {
    Ok(ok(&service::me(&state, &caller).await?))
}

/// Edit one's own display name, language, notification frequency and e-mail (a session, not an API key). Role and activity
/// are not fields here: sending them is a 400. A new `email` is not taken at once: a link goes to
/// the new address, and the e-mail changes when it is followed (`POST /auth/email-change/confirm`);
/// the answer is the same whether or not another account has the address (it then gets no link).
/// Such requests are limited per account (429).
#[utoipa::path(tag = "users", params(("If-Match" = Option<String>, Header)), request_body = MePatch, responses((status = 200, body = Me)))]
#[patch("/me")]
pub async fn update_me(state: web::Data<AppState>, caller: Caller, if_match: IfMatch, body: Json<MePatch>) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update_me(&state, &caller, if_match, (*body).clone())).await?))
}

/// Confirm a change of one's e-mail with the token of the link sent to the new address (no sign-in
/// needed: the link proves the address, and `Authorization` is ignored). A token that is unknown, spent or expired is a 422 on
/// `token`; an address another account took in the meantime is a 409 `duplicate`.
#[utoipa::path(tag = "users", request_body = EmailChangeConfirm, responses((status = 204)))]
#[post("/auth/email-change/confirm")]
pub async fn confirm_email_change(state: web::Data<AppState>, req: HttpRequest, body: Json<EmailChangeConfirm>) -> ApiResult<HttpResponse> {
    email_change::confirm(&state, &anonymous(&req, &state), body.into_inner()).await?;
    Ok(no_content())
}

/// Change one's own password (a session). A wrong `current_password` is a 422 naming that field
/// and counts toward the failed sign-in limit (429). Every other session of the account ends.
#[utoipa::path(
    tag = "users",
    request_body = PasswordChange,
    responses(
        (status = 204),
        (status = 429, description = "Too many wrong passwords; see Retry-After.", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/me/password")]
pub async fn change_password(state: web::Data<AppState>, caller: Caller, body: Json<PasswordChange>) -> ApiResult<HttpResponse> {
    service::change_password(&state, &caller, body.into_inner()).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(get_user)
        .service(update_user)
        .service(deactivate_user)
        .service(get_me)
        .service(update_me)
        .service(change_password)
        .service(confirm_email_change);
}
