//! `/service-kinds`.
use actix_web::{HttpResponse, get, web};

use super::dto::{ServiceKindFilters, ServiceKindPage};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::Query;
use crate::state::AppState;

/// The kinds of social service of Act 108/2006 (public), in the order of the Act, all on one page:
/// §37 sociální poradenství (základní and odborné), the care services §39–§52, the prevention
/// services §54–§70.
#[utoipa::path(tag = "network", params(ServiceKindFilters), responses((status = 200, body = ServiceKindPage)))]
#[get("/service-kinds")]
pub async fn list_service_kinds(
    state: web::Data<AppState>,
    _caller: Caller,
    filters: Query<ServiceKindFilters>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, filters.into_inner()).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_service_kinds);
}
