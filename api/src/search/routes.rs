//! `/search`.
use actix_web::{HttpResponse, get, web};

use super::dto::{SearchPage, SearchParams};
use super::service;
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::Query;
use crate::pagination::PageParams;
use crate::state::AppState;

/// Search plans, goals, measures, services, organizations, working groups, meetings and needs
/// (public): every word of `q` in any case and with or without accents, the last one also as the
/// start of a word, best hits first, each with a passage marking the words found. Only what the
/// caller may read: drafts only for those who read them. 422 names `q` (2 to 200 characters),
/// `types` or `cursor`.
#[utoipa::path(tag = "search", params(SearchParams, PageParams), responses((status = 200, body = SearchPage)))]
#[get("/search")]
pub async fn search(
    state: web::Data<AppState>,
    caller: Caller,
    params: Query<SearchParams>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::search(&state, &caller, params.into_inner(), &page).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(search);
}
