//! `/territories`, `/territories/{id}`, `/territories/{id}/coordinators[/{user_id}]`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{
    Coordinator, CoordinatorCreate, CoordinatorPage, Territory, TerritoryCreate, TerritoryFilters, TerritoryPage, TerritoryPatch,
};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Territories (public), in the order they were made.
#[utoipa::path(tag = "territories", params(TerritoryFilters, PageParams), responses((status = 200, body = TerritoryPage)))]
#[get("/territories")]
pub async fn list_territories(
    state: web::Data<AppState>,
    _caller: Caller,
    filters: Query<TerritoryFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, filters.into_inner(), &page).await?))
}

/// Create a territory (admins). 409 `duplicate` when another territory of the kind has the code.
#[utoipa::path(tag = "territories", request_body = TerritoryCreate, responses((status = 201, body = Territory)))]
#[post("/territories")]
pub async fn create_territory(state: web::Data<AppState>, caller: Caller, body: Json<TerritoryCreate>) -> ApiResult<HttpResponse> {
    let territory = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/territories/{}", territory.id), &territory))
}

#[utoipa::path(tag = "territories", params(("id" = Uuid, Path)), responses((status = 200, body = Territory)))]
#[get("/territories/{id}")]
pub async fn get_territory(state: web::Data<AppState>, _caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, *id).await?))
}

/// Edit a territory (admins); its parent may be any territory but itself and those below it (422).
#[utoipa::path(tag = "territories", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = TerritoryPatch, responses((status = 200, body = Territory)))]
#[patch("/territories/{id}")]
pub async fn update_territory(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<TerritoryPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a territory (admins); 409 `in_use` while territories lie below it or coordinators are assigned to it.
#[utoipa::path(tag = "territories", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/territories/{id}")]
pub async fn delete_territory(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// The coordinators assigned to a territory (admins, signed in: never an API key). Each manages
/// the territory and every one below it.
#[utoipa::path(tag = "territories", params(("id" = Uuid, Path), PageParams), responses((status = 200, body = CoordinatorPage)))]
#[get("/territories/{id}/coordinators")]
pub async fn list_coordinators(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::coordinators(&state, &caller, *id, &page).await?))
}

/// Assign a coordinator to a territory (admins, signed in). From then on the coordinator manages
/// only the plans, goals, measures, working groups, meetings and comments of the territories
/// assigned to them and of those below (403 elsewhere); with none assigned, the whole installation.
#[utoipa::path(tag = "territories", params(("id" = Uuid, Path)), request_body = CoordinatorCreate, responses((status = 201, body = Coordinator)))]
#[post("/territories/{id}/coordinators")]
pub async fn assign_coordinator(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<CoordinatorCreate>,
) -> ApiResult<HttpResponse> {
    let assigned = service::assign(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/territories/{}/coordinators/{}", assigned.territory_id, assigned.user_id), &assigned))
}

#[utoipa::path(tag = "territories", params(("id" = Uuid, Path), ("user_id" = Uuid, Path)), responses((status = 200, body = Coordinator)))]
#[get("/territories/{id}/coordinators/{user_id}")]
pub async fn get_coordinator(state: web::Data<AppState>, caller: Caller, path: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    let (id, user_id) = path.into_inner();
    Ok(ok(&service::coordinator(&state, &caller, id, user_id).await?))
}

/// End an assignment (admins, signed in). A coordinator left with none manages the whole installation.
#[utoipa::path(tag = "territories", params(("id" = Uuid, Path), ("user_id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/territories/{id}/coordinators/{user_id}")]
pub async fn unassign_coordinator(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (id, user_id) = path.into_inner();
    if_match.retrying(|| service::unassign(&state, &caller, id, user_id, if_match)).await?;
    Ok(no_content())
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_territories)
        .service(create_territory)
        .service(get_territory)
        .service(update_territory)
        .service(delete_territory)
        .service(list_coordinators)
        .service(assign_coordinator)
        .service(get_coordinator)
        .service(unassign_coordinator);
}
