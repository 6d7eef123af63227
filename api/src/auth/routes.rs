//! `/auth/login`, `/auth/refresh`, `/auth/logout`, `/auth/password-reset` and its `/confirm`.
//!
//! Sign-in and refresh prove identity by their bodies and ignore `Authorization`, so a stale
//! access token a client still sends never stands in the way of getting a new one.
use actix_web::{HttpRequest, HttpResponse, post, web};

use super::dto::{LoginRequest, LogoutRequest, PasswordResetConfirm, PasswordResetRequest, RefreshRequest, TokenPair};
use super::{reset, service};
use crate::caller::{Caller, client_address};
use crate::error::ApiResult;
use crate::http::{Json, OptionalJson, no_content};
use crate::state::AppState;

/// An anonymous caller at the request's client address (for abuse limits and the audit trail), for
/// the operations whose body is the credential.
pub fn anonymous(req: &HttpRequest, state: &AppState) -> Caller {
    Caller { principal: None, address: client_address(req, state.config.trust_forwarded_for), command: None }
}

/// Sign in with e-mail (any case) and password. An unknown e-mail, a wrong password and a
/// deactivated account all answer the same 401; repeated failures per account or per address get 429.
#[utoipa::path(tag = "auth", request_body = LoginRequest, responses((status = 200, body = TokenPair)))]
#[post("/auth/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, body: Json<LoginRequest>) -> ApiResult<HttpResponse> {
    let caller = anonymous(&req, &state);
    let pair = service::login(&state, &caller, body.into_inner()).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(pair))
}

/// Spend a refresh token for a new pair. Presenting a spent token again ends its whole session.
#[utoipa::path(tag = "auth", request_body = RefreshRequest, responses((status = 200, body = TokenPair)))]
#[post("/auth/refresh")]
pub async fn refresh(state: web::Data<AppState>, req: HttpRequest, body: Json<RefreshRequest>) -> ApiResult<HttpResponse> {
    let caller = anonymous(&req, &state);
    let pair = service::refresh(&state, &caller, &body.refresh_token).await?;
    Ok(HttpResponse::Ok().insert_header(no_store()).json(pair))
}

/// Sign out: ends the session of the given refresh token and/or of the access token sent.
/// Access tokens already issued stay valid until they expire (at most their lifetime, ~15 minutes).
#[utoipa::path(
    tag = "auth",
    request_body(content = Option<LogoutRequest>, description = "Optional when an access token of the session is sent."),
    responses((status = 204))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Option<Caller>,
    body: OptionalJson<LogoutRequest>,
) -> ApiResult<HttpResponse> {
    let caller = caller.unwrap_or_else(|| anonymous(&req, &state));
    let body = body.0.unwrap_or_default();
    service::logout(&state, &caller, body.refresh_token.as_deref()).await?;
    Ok(no_content())
}

/// "Zapomenuté heslo": e-mails a link to set a new password, single use and valid for
/// `SPOLUPLAN_PASSWORD_RESET_TTL` (an hour). Answers 202 whether or not the address has an account,
/// so it tells nobody which addresses do; requests per address asked for and per client address are
/// limited (429).
#[utoipa::path(tag = "auth", request_body = PasswordResetRequest, responses((status = 202, description = "A link is on its way if the address has an active account.")))]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let caller = anonymous(&req, &state);
    reset::request(&state, &caller, body.into_inner()).await?;
    Ok(HttpResponse::Accepted().finish())
}

/// Sets a new password with the token of a reset link (the rules of `/me/password`). The link is
/// spent, with every other link of the account, and every session of the account ends. A token
/// that is unknown, expired or spent is a 422 on `token`.
#[utoipa::path(tag = "auth", request_body = PasswordResetConfirm, responses((status = 204)))]
#[post("/auth/password-reset/confirm")]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Json<PasswordResetConfirm>,
) -> ApiResult<HttpResponse> {
    let caller = anonymous(&req, &state);
    reset::confirm(&state, &caller, body.into_inner()).await?;
    Ok(no_content())
}

/// Tokens must not linger in shared caches.
fn no_store() -> (actix_web::http::header::HeaderName, &'static str) {
    (actix_web::http::header::CACHE_CONTROL, "no-store")
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(login).service(refresh).service(logout).service(request_password_reset).service(confirm_password_reset);
}
