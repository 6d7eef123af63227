//! `/working-groups`, `/working-groups/{id}`, `/working-groups/{id}/members[/{user_id}]`, and the
//! caller's own memberships, `/me/memberships`.
use actix_web::{HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{
    Member, MemberCreate, MemberPage, MemberPatch, WorkingGroup, WorkingGroupCreate, WorkingGroupFilters, WorkingGroupPage,
    WorkingGroupPatch,
};
use super::{members, service};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Working groups and the steering group (public), ordered by id.
#[utoipa::path(tag = "working-groups", params(WorkingGroupFilters, PageParams), responses((status = 200, body = WorkingGroupPage)))]
#[get("/working-groups")]
pub async fn list_groups(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<WorkingGroupFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Create a working group (coordinators).
#[utoipa::path(tag = "working-groups", request_body = WorkingGroupCreate, responses((status = 201, body = WorkingGroup)))]
#[post("/working-groups")]
pub async fn create_group(state: web::Data<AppState>, caller: Caller, body: Json<WorkingGroupCreate>) -> ApiResult<HttpResponse> {
    let group = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/working-groups/{}", group.id), &group))
}

#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path)), responses((status = 200, body = WorkingGroup)))]
#[get("/working-groups/{id}")]
pub async fn get_group(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a working group: coordinators anything; the group's leaders its target group, description and vision.
#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = WorkingGroupPatch, responses((status = 200, body = WorkingGroup)))]
#[patch("/working-groups/{id}")]
pub async fn update_group(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<WorkingGroupPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a working group without goals or meetings (coordinators); otherwise 409: retire it with `is_active: false`.
#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/working-groups/{id}")]
pub async fn delete_group(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// Members of a working group in the order they joined. Never e-mails; anonymous callers
/// do not see the names of members who take part as service users.
#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path), PageParams), responses((status = 200, body = MemberPage)))]
#[get("/working-groups/{id}/members")]
pub async fn list_members(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(members::list(&state, &caller, *id, &page).await?))
}

/// Add a member (coordinators and the group's leaders; only coordinators add leaders).
#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path)), request_body = MemberCreate, responses((status = 201, body = Member)))]
#[post("/working-groups/{id}/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<MemberCreate>,
) -> ApiResult<HttpResponse> {
    let body = body.into_inner();
    let location = format!("/api/v1/working-groups/{}/members/{}", *id, body.user_id);
    Ok(created(location, &members::add(&state, &caller, *id, body).await?))
}

#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path), ("user_id" = Uuid, Path)), responses((status = 200, body = Member)))]
#[get("/working-groups/{id}/members/{user_id}")]
pub async fn get_member(state: web::Data<AppState>, caller: Caller, path: web::Path<(Uuid, Uuid)>) -> ApiResult<HttpResponse> {
    let (group, user) = path.into_inner();
    Ok(ok(&members::get(&state, &caller, group, user).await?))
}

/// Change a member's stakeholder role (coordinators and the group's leaders) or role (coordinators).
#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path), ("user_id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = MemberPatch, responses((status = 200, body = Member)))]
#[patch("/working-groups/{id}/members/{user_id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
    body: Json<MemberPatch>,
) -> ApiResult<HttpResponse> {
    let (group, user) = path.into_inner();
    Ok(ok(&if_match.retrying(|| members::update(&state, &caller, group, user, if_match, (*body).clone())).await?))
}

/// Remove a member: coordinators; the group's leaders (not other leaders); or the member themselves.
#[utoipa::path(tag = "working-groups", params(("id" = Uuid, Path), ("user_id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/working-groups/{id}/members/{user_id}")]
pub async fn remove_member(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (group, user) = path.into_inner();
    if_match.retrying(|| members::remove(&state, &caller, group, user, if_match)).await?;
    Ok(no_content())
}

/// The working groups the caller belongs to, with their role (leader or member) in each.
#[utoipa::path(tag = "users", params(PageParams), responses((status = 200, body = MemberPage)))]
#[get("/me/memberships")]
pub async fn my_memberships(state: web::Data<AppState>, caller: Caller, page: Query<PageParams>) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(members::of_caller(&state, &caller, &page).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_groups)
        .service(create_group)
        .service(get_group)
        .service(update_group)
        .service(delete_group)
        .service(list_members)
        .service(add_member)
        .service(get_member)
        .service(update_member)
        .service(remove_member)
        .service(my_memberships);
}
