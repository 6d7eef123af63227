//! `/organizations`, `/organizations/{id}`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{Organization, OrganizationCreate, OrganizationDetail, OrganizationFilters, OrganizationPage, OrganizationPatch};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Organizations (public), in the order they were entered, each with its services.
#[utoipa::path(tag = "network", params(OrganizationFilters, PageParams), responses((status = 200, body = OrganizationPage)))]
#[get("/organizations")]
pub async fn list_organizations(
    state: web::Data<AppState>,
    _caller: Caller,
    filters: Query<OrganizationFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, filters.into_inner(), &page).await?))
}

/// Add an organization (coordinators, admins). 422 when the IČO's check digit is wrong, 409
/// `duplicate` when another organization has it.
#[utoipa::path(tag = "network", request_body = OrganizationCreate, responses((status = 201, body = Organization)))]
#[post("/organizations")]
pub async fn create_organization(state: web::Data<AppState>, caller: Caller, body: Json<OrganizationCreate>) -> ApiResult<HttpResponse> {
    let organization = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/organizations/{}", organization.id), &organization))
}

/// One organization (public), with its services and the measures it is responsible for or a
/// partner of (of the plans the caller may see).
#[utoipa::path(tag = "network", params(("id" = Uuid, Path)), responses((status = 200, body = OrganizationDetail)))]
#[get("/organizations/{id}")]
pub async fn get_organization(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit an organization (coordinators, admins).
#[utoipa::path(tag = "network", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = OrganizationPatch, responses((status = 200, body = Organization)))]
#[patch("/organizations/{id}")]
pub async fn update_organization(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<OrganizationPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete an organization (coordinators, admins); 409 `in_use` while it runs services or measures
/// name it (responsible or partner).
#[utoipa::path(tag = "network", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/organizations/{id}")]
pub async fn delete_organization(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_organizations)
        .service(create_organization)
        .service(get_organization)
        .service(update_organization)
        .service(delete_organization);
}
