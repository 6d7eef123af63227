//! `/surveys`, `/surveys/{id}`, `/surveys/{id}/status`, `/surveys/{id}/responses`,
//! `/surveys/{id}/results`.
use actix_web::http::header::{self, Accept, Header};
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use uuid::Uuid;

use super::dto::{
    ResponsesFormat, ResponsesQuery, Survey, SurveyCreate, SurveyFilters, SurveyPage, SurveyPatch, SurveyResponse, SurveyResponseCreate,
    SurveyResponsePage, SurveyResults, SurveyStatusChange,
};
use super::{csv, service};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::{IfMatch, Json, Query, created, no_content, ok};
use crate::pagination::PageParams;
use crate::state::AppState;

/// Surveys, newest first: everyone sees those that are open or closed; the coordinators of a
/// territory (and admins) also its drafts.
#[utoipa::path(tag = "surveys", params(SurveyFilters, PageParams), responses((status = 200, body = SurveyPage)))]
#[get("/surveys")]
pub async fn list_surveys(
    state: web::Data<AppState>,
    caller: Caller,
    filters: Query<SurveyFilters>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::list(&state, &caller, filters.into_inner(), &page).await?))
}

/// Build a survey (coordinators of its territory, admins); it starts as a draft. 422 names each
/// question's problem (`questions[2].options`) and each reference that points nowhere.
#[utoipa::path(tag = "surveys", request_body = SurveyCreate, responses((status = 201, body = Survey)))]
#[post("/surveys")]
pub async fn create_survey(state: web::Data<AppState>, caller: Caller, body: Json<SurveyCreate>) -> ApiResult<HttpResponse> {
    let survey = service::create(&state, &caller, body.into_inner()).await?;
    Ok(created(format!("/api/v1/surveys/{}", survey.id), &survey))
}

/// One survey with its questions (a draft only for its staff).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), responses((status = 200, body = Survey)))]
#[get("/surveys/{id}")]
pub async fn get_survey(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(ok(&service::get(&state, &caller, *id).await?))
}

/// Edit a survey (its staff). `questions` replaces the list and is refused with 409 `frozen` once
/// the survey has a response; the other fields change at any time.
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = SurveyPatch, responses((status = 200, body = Survey)))]
#[patch("/surveys/{id}")]
pub async fn update_survey(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<SurveyPatch>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::update(&state, &caller, *id, if_match, (*body).clone())).await?))
}

/// Delete a survey nobody has answered (its staff); 409 `in_use` once it has responses.
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), responses((status = 204)))]
#[delete("/surveys/{id}")]
pub async fn delete_survey(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>, if_match: IfMatch) -> ApiResult<HttpResponse> {
    if_match.retrying(|| service::delete(&state, &caller, *id, if_match)).await?;
    Ok(no_content())
}

/// Open, close or reopen a survey (its staff); 409 `lifecycle` to open one without questions, to
/// make one with responses a draft again, or to stay where it is.
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path), ("If-Match" = Option<String>, Header)), request_body = SurveyStatusChange, responses((status = 200, body = Survey)))]
#[post("/surveys/{id}/status")]
pub async fn set_survey_status(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: Json<SurveyStatusChange>,
) -> ApiResult<HttpResponse> {
    Ok(ok(&if_match.retrying(|| service::set_status(&state, &caller, *id, if_match, &body)).await?))
}

/// SurveyAnswer a survey: anyone while it takes responses (409 `survey_closed` otherwise), anonymously
/// on the web, limited per address (`SPOLUPLAN_ANONYMOUS_SURVEY_RESPONSES_PER_ADDRESS`); its
/// staff also enter `paper` and `interview` responses. 422 names the answer (`answers[2].value`:
/// an option out of range, a value outside `min`–`max`) or, for a required question left out,
/// the question (`questions.<id>`).
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), request_body = SurveyResponseCreate, responses((status = 201, body = SurveyResponse)))]
#[post("/surveys/{id}/responses")]
pub async fn create_response(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    body: Json<SurveyResponseCreate>,
) -> ApiResult<HttpResponse> {
    let response = service::respond(&state, &caller, *id, body.into_inner()).await?;
    Ok(created(format!("/api/v1/surveys/{}/responses", response.survey_id), &response))
}

/// Whether the caller asks for CSV: `?format=` wins, else the first type `Accept` prefers.
fn wants_csv(req: &HttpRequest, format: Option<ResponsesFormat>) -> bool {
    if let Some(format) = format {
        return format == ResponsesFormat::Csv;
    }
    Accept::parse(req).ok().and_then(|accept| accept.ranked().into_iter().next()).is_some_and(|m| m.essence_str() == "text/csv")
}

/// The raw responses (the survey's staff): JSON a page at a time, oldest first, or with
/// `Accept: text/csv` (or `?format=csv`) every response as a row, a column per question (UTF-8
/// with BOM, `;`-separated, Czech headers, for Excel), streamed.
#[utoipa::path(tag = "surveys",
    params(("id" = Uuid, Path), ResponsesQuery, PageParams,
        ("Accept" = Option<String>, Header, description = "application/json (default) or text/csv")),
    responses((status = 200, description = "The responses", content(
        (SurveyResponsePage = "application/json"),
        (String = "text/csv", example = "\u{feff}Odpověď;Přijato;Kanál;1. Jak jste spokojeni?\r\n")
    )))
)]
#[get("/surveys/{id}/responses")]
pub async fn list_responses(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: Query<ResponsesQuery>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let mut response = HttpResponse::Ok();
    response.insert_header((header::VARY, "Accept, Authorization"));
    if wants_csv(&req, query.format) {
        let (_, questions) = service::managed(&state, &caller, *id).await?;
        return Ok(response
            .content_type("text/csv; charset=utf-8")
            .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"dotaznik-{id}.csv\"")))
            .streaming(csv::stream(state.db.clone(), *id, questions)));
    }
    Ok(response.json(service::responses(&state, &caller, *id, &page).await?))
}

/// The results, computed by the database: the number of responses and per question `n`, the
/// counts per option (in option order) of choice questions, the mean and median of scale and
/// number questions, and the texts of text questions (newest 500). The survey's staff at any time;
/// everyone once it is closed with `results_public`.
#[utoipa::path(tag = "surveys", params(("id" = Uuid, Path)), responses((status = 200, body = SurveyResults)))]
#[get("/surveys/{id}/results")]
pub async fn survey_results(state: web::Data<AppState>, caller: Caller, id: web::Path<Uuid>) -> ApiResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(service::results(&state, &caller, *id).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_surveys)
        .service(create_survey)
        .service(get_survey)
        .service(update_survey)
        .service(delete_survey)
        .service(set_survey_status)
        .service(create_response)
        .service(list_responses)
        .service(survey_results);
}
