//! `/open-data`, `/open-data/{id}`, `/open-data/{id}.csv`, `/open-data/{id}.json`: public, and the
//! same for every caller (a dataset holds what the public may read, whoever asks).
use actix_web::http::header::{self, Accept, Header};
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde_json::Value;

use super::catalogue::{DATASETS, DatasetId};
use super::dcat;
use super::dto::{DatasetDescription, DatasetPage};
use super::stream::{self, Format};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

const JSON_LD: &str = "application/ld+json";

/// Whether the caller asked for JSON-LD before JSON.
fn wants_json_ld(req: &HttpRequest) -> bool {
    Accept::parse(req).ok().and_then(|accept| accept.ranked().into_iter().next()).is_some_and(|m| m.essence_str() == JSON_LD)
}

/// `…/api/v1/open-data`, as the world reaches this installation.
fn base(state: &AppState) -> String {
    format!("{}/api/v1/open-data", state.config.public_url)
}

fn json_ld(doc: &Value) -> HttpResponse {
    HttpResponse::Ok().content_type(JSON_LD).insert_header((header::VARY, "Accept")).json(doc)
}

fn parse(id: &str) -> ApiResult<DatasetId> {
    serde_json::from_value(Value::String(id.to_owned())).map_err(|_| ApiError::NotFound)
}

/// The catalogue of open data (public): every dataset with its licence, formats and data
/// dictionary (field names, types and descriptions in Czech), one page holding them all. With
/// `Accept: application/ld+json`, the catalogue as DCAT-AP-CZ JSON-LD for the national catalogue
/// (NKOD), listing the datasets' IRIs (`/open-data/{id}`).
#[utoipa::path(tag = "open-data",
    params(("Accept" = Option<String>, Header, description = "application/json (default) or application/ld+json")),
    responses((status = 200, description = "The catalogue", content(
        (DatasetPage = "application/json"),
        (Object = "application/ld+json"),
    ))))]
#[get("/open-data")]
pub async fn catalogue(req: HttpRequest, state: web::Data<AppState>, _caller: Caller) -> HttpResponse {
    let base = base(&state);
    if wants_json_ld(&req) {
        let home = format!("{}/open-data", state.config.public_url);
        return json_ld(&dcat::catalogue(&state.config.open_data, &base, &home));
    }
    let license = &state.config.open_data.license;
    let items = DATASETS.iter().map(|d| DatasetDescription::of(d, license, &base)).collect();
    HttpResponse::Ok().insert_header((header::VARY, "Accept")).json(DatasetPage { items, next_cursor: None })
}

/// One dataset's description and dictionary (public); with `Accept: application/ld+json`, its
/// DCAT-AP-CZ `Datová sada` with the CSV and JSON distributions and their terms of use.
#[utoipa::path(tag = "open-data",
    params(("id" = DatasetId, Path), ("Accept" = Option<String>, Header, description = "application/json (default) or application/ld+json")),
    responses(
        (status = 200, description = "The dataset", content(
            (DatasetDescription = "application/json"),
            (Object = "application/ld+json"),
        )),
        (status = 404, description = "No such dataset"),
    ))]
#[get("/open-data/{id}")]
pub async fn dataset(req: HttpRequest, state: web::Data<AppState>, _caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let dataset = parse(&id)?.dataset();
    let base = base(&state);
    if wants_json_ld(&req) {
        return Ok(json_ld(&dcat::dataset(&state.config.open_data, &base, dataset)));
    }
    let description = DatasetDescription::of(dataset, &state.config.open_data.license, &base);
    Ok(HttpResponse::Ok().insert_header((header::VARY, "Accept")).json(description))
}

async fn download(state: &AppState, id: &str, format: Format) -> ApiResult<HttpResponse> {
    let id = parse(id)?;
    let body = stream::body(state.db.clone(), id, format, state.config.request_timeout).await?;
    let content_type = match format {
        Format::Csv => "text/csv; charset=utf-8; header=present",
        Format::Json => "application/json",
    };
    Ok(HttpResponse::Ok().content_type(content_type).streaming(body))
}

/// A dataset as CSV (public): RFC 4180, UTF-8 without a byte-order mark, a header row of the
/// dictionary's field names, lists joined by `; `. Streamed; the whole dataset, never a page.
#[utoipa::path(tag = "open-data", params(("id" = DatasetId, Path)), responses(
    (status = 200, description = "The dataset", content_type = "text/csv", body = String),
    (status = 404, description = "No such dataset"),
))]
#[get("/open-data/{id}.csv")]
pub async fn dataset_csv(state: web::Data<AppState>, _caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    download(&state, &id, Format::Csv).await
}

/// A dataset as JSON (public): an array of objects keyed by the dictionary's field names. Streamed.
#[utoipa::path(tag = "open-data", params(("id" = DatasetId, Path)), responses(
    (status = 200, description = "The dataset", body = Vec<Object>),
    (status = 404, description = "No such dataset"),
))]
#[get("/open-data/{id}.json")]
pub async fn dataset_json(state: web::Data<AppState>, _caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    download(&state, &id, Format::Json).await
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    // The downloads before `/open-data/{id}`, which would take "plans.csv" for an id.
    cfg.service(catalogue).service(dataset_csv).service(dataset_json).service(dataset);
}
