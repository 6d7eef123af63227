//! `/services`, `/services/{id}`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{
    NetworkOverview, OverviewFormat, OverviewQuery, Service, ServiceCreate, ServiceDetail, ServiceFilters, ServicePage, ServicePatch,
};
use super::{overview, service};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Social services and related activities (public), in the order they were entered, each with the
/// measures that concern it (of the plans the caller may see).
#[utoipa::path(tag = "network", params(ServiceFilters, PageParams), responses((status = 200, body = ServicePage)))]
#[get("/services")]
pub async fn list_services(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<ServiceFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Add a service (coordinators, admins). 422 names each field whose reference points nowhere
/// (organization, kind, target group, territory) or whose capacity is of a form the service lacks;
/// 409 `duplicate` when another service has the registration.
#[utoipa::path(tag = "network", request_body = ServiceCreate, responses((status = 201, body = Service)))]
#[post("/services")]
pub async fn create_service(state: web::Data<AppState>, caller: Caller, body: Json<ServiceCreate>) -> ApiResult<HttpResponse> {
    let service = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/services/{}", service.id), &service))
}

/// The network overview (public): per territory served and kind, how many services are provided
/// today and their capacities summed per unit, then the totals per kind over the territory asked
/// for (each service once). `format=csv` answers the same as CSV for Czech Excel.
#[utoipa::path(tag = "network", params(OverviewQuery), responses((status = 200, description = "The overview", content(
    (NetworkOverview = "application/json"),
    (String = "text/csv", example = "\u{feff}Území;§;Druh služby;Počet služeb;Kapacita (klienti);Kapacita (lůžka);Kapacita (kontakty);Kapacita (intervence);Kapacita (hovory)\r\n")
))))]
#[get("/services/overview")]
pub async fn network_overview(state: web::Data<AppState>, _caller: Caller, query: Query<OverviewQuery>) -> ApiResult<HttpResponse> {
    let found = overview::overview(&state.db, query.territory_id).await?;
    Ok(match query.format.unwrap_or_default() {
        OverviewFormat::Json => HttpResponse::Ok().json(found),
        OverviewFormat::Csv => HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(("Content-Disposition", "attachment; filename=\"sit-socialnich-sluzeb.csv\""))
            .body(overview::csv(&state.db, &found).await?),
    })
}

/// One service (public), with the measures that concern it (of the plans the caller may see).
#[utoipa::path(tag = "network", params(("id" = Uuid, Path)), responses((status = 200, body = ServiceDetail)))]
#[get("/services/{id}")]
pub async fn get_service(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a service (coordinators, admins); a list the patch carries replaces the service's.
#[utoipa::path(tag = "network", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = ServicePatch, responses((status = 200, body = Service)))]
#[patch("/services/{id}")]
pub async fn update_service(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<ServicePatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a service (coordinators, admins); 409 `in_use` while measures name it.
#[utoipa::path(tag = "network", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/services/{id}")]
pub async fn delete_service(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    // The overview before `/services/{id}`, which would take "overview" for an id.
    cfg.service(list_services)
        .service(network_overview)
        .service(create_service)
        .service(get_service)
        .service(update_service)
        .service(delete_service);
}
