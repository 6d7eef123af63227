//! `GET /plans/{id}/consultation-report` in JSON, CSV or HTML.
use actix_web::http::header::{self, Accept, Header, Quality};
use actix_web::{HttpRequest, HttpResponse, get, web};
use uuid::Uuid;

use super::dto::{ConsultationReport, ReportFormat, ReportQuery};
use super::service::{self, Report};
use crate::caller::Caller;
use crate::error::ApiResult;
use crate::http::Query;
use crate::pagination::PageParams;
use crate::state::AppState;

/// `?format=` wins; otherwise the most preferred type of `Accept` we can make; JSON by default
/// (also for an unsatisfiable `Accept`, which RFC 9110 allows instead of 406).
fn negotiate(req: &HttpRequest, query: Option<ReportFormat>) -> ReportFormat {
    if let Some(format) = query {
        return format;
    }
    let Ok(accept) = Accept::parse(req) else {
        return ReportFormat::Json;
    };
    let refused: Vec<_> = accept.0.iter().filter(|q| q.quality == Quality::ZERO).map(|q| q.item.clone()).collect();
    accept
        .ranked()
        .into_iter()
        .filter(|m| !refused.contains(m))
        .find_map(|m| match (m.type_().as_str(), m.subtype().as_str()) {
            ("application", "json" | "*") | ("*", "*") => Some(ReportFormat::Json),
            ("text", "csv") => Some(ReportFormat::Csv),
            ("text", "html" | "*") => Some(ReportFormat::Html),
            _ => None,
        })
        .unwrap_or(ReportFormat::Json)
}

/// The settlement register (vypořádání připomínek): every consultation comment of the plan (hidden
/// ones included, their text only for coordinators; replies excluded) with its target, author,
/// channel, date received, resolution, justification, change and who settled it when, plus counts
/// by resolution. Visible to whoever may see the plan; e-mails only to coordinators and admins.
/// Choose the format with `Accept` or `?format=`: JSON, a page at a time (`limit`, `cursor`; the
/// counts are over the whole register); CSV (UTF-8 with BOM, `;`-separated, Czech headers, for
/// Excel); or a printable standalone HTML annex in Czech. CSV and HTML hold the whole register,
/// streamed as it is read.
#[utoipa::path(tag = "consultation",
    params(("id" = Uuid, Path, description = "Plan id"), ReportQuery, PageParams,
        ("Accept" = Option<String>, Header, description = "application/json (default), text/csv or text/html")),
    responses((status = 200, description = "The settlement register", content(
        (ConsultationReport = "application/json"),
        (String = "text/csv", example = "\u{feff}Č.;Připomínka k;Kód;Název;Autor;Kanál;Přijato;Text připomínky;Vypořádání;Odůvodnění;Změna v plánu;Vypořádal;Datum vypořádání\r\n"),
        (String = "text/html")
    )))
)]
#[get("/plans/{id}/consultation-report")]
pub async fn consultation_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<Uuid>,
    query: Query<ReportQuery>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    // The answer depends on Accept and on who asks, so caches must keep them apart.
    let mut response = HttpResponse::Ok();
    response.insert_header((header::VARY, "Accept, Authorization"));
    Ok(match service::report(&state, &caller, *id, negotiate(&req, query.format), &page).await? {
        Report::Json(report) => response.json(report),
        Report::File(download) => download.answer(response),
    })
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(consultation_report);
}
