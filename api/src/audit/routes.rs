//! `GET /audit`.
use actix_web::{HttpResponse, get, web};

use super::dto::{AuditPage, AuditQuery};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::Query;
use crate::pagination::PageParams;
use crate::state::AppState;

/// The audit trail, newest first (coordinators and admins).
#[utoipa::path(tag = "audit", params(AuditQuery, PageParams), responses((status = 200, body = AuditPage)))]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<AuditQuery>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, query.into_inner(), &page).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_audit);
}
