//! `/plans/{id}/tree`, `/plans/{id}/export`.
use actix_web::{HttpResponse, get, web};
use uuid::Uuid;

use super::export::{self, ExportQuery};
use super::tree::{self, PlanTree};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::Query;
use crate::state::AppState;

/// The whole plan in one answer: goals (ordered by position), sub-goals, measures; progress derived.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path)), responses((status = 200, body = PlanTree)))]
#[get("/plans/{id}/tree")]
pub async fn plan_tree(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(tree::tree(&state, &caller, *id).await?))
}

/// The whole plan as a document: vision, working groups, goals, measures with responsible party,
/// timeline, indicators and financing, and the settlement register as an annex.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), ExportQuery), responses(
    (status = 200, description = "The plan document", content((String = "text/html"), (String = "text/markdown"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document")))
))]
#[get("/plans/{id}/export")]
pub async fn export_plan(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: Query<ExportQuery>,
) -> ApiResult<HttpResponse> {
    Ok(export::export(&state, &caller, *id, query.format.unwrap_or_default()).await?.answer(HttpResponse::Ok()))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(plan_tree).service(export_plan);
}
