//! `GET /plans/{id}/consultation-report` in JSON, CSV or HTML.
use actix_web::http::header::{self, Accept, Header, Quality};
use actix_web::{HttpRequest, HttpResponse, get, web};
use uuid::Uuid;

use super::dto::{ConsultationReport, ReportFormat, ReportQuery};
use super::{formats, service};
use crate::caller::Caller;
use crate::error::ApiResult;
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
    let refused: Vec<_> = accept
        .0
        .iter()
        .filter(|q| q.quality == Quality::ZERO)
        .map(|q| q.item.clone())
        .collect();
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
/// Choose the format with `Accept` or `?format=`: JSON; CSV (UTF-8 with BOM, `;`-separated, Czech
/// headers, for Excel); or a printable standalone HTML annex in Czech.
#[utoipa::path(tag = "consultation",
    params(("id" = Uuid, Path, description = "Plan id"), ReportQuery,
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
    query: web::Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let report = service::report(&state.db, &caller, *id).await?;
    let staff = caller.is_staff();
    let filename = format!("vyporadani-pripominek-{}", report.plan.id);
    // The answer depends on Accept and on who asks, so caches must keep them apart.
    let mut response = HttpResponse::Ok();
    response.insert_header((header::VARY, "Accept, Authorization"));
    Ok(match negotiate(&req, query.format) {
        ReportFormat::Json => response.json(&report),
        ReportFormat::Csv => response
            .content_type("text/csv; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}.csv\""),
            ))
            .body(formats::csv(&report, staff)),
        ReportFormat::Html => response
            .content_type("text/html; charset=utf-8")
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}.html\""),
            ))
            .body(formats::html(&report, staff)),
    })
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(consultation_report);
}
