//! `GET /plans/{id}/reports/{year}`.
use actix_web::{HttpResponse, get, web};
use uuid::Uuid;

use super::document;
use super::dto::{MonitoringReport, ReportQuery};
use super::service;
use crate::caller::Caller;
use crate::consultation::download::{Body, Download};
use crate::documents::export::file_name;
use crate::documents::renderers::{Docx, Html, Markdown, Renderer};
use crate::error::{ApiError, ApiResult, FieldErrorCode, Problem};
use crate::http::Query;
use crate::state::AppState;

/// The monitoring report (monitorovací zpráva) of a year of the plan's period, computed: per goal
/// and measure the status, progress, each indicator's value against baseline and target, the
/// year's money planned against actual by source and the year's progress updates; totals per goal
/// and for the plan; and the plan's whole cost by year and source. Visible like the plan.
#[utoipa::path(tag = "plans", params(("id" = Uuid, Path), ("year" = i32, Path, description = "A year of the plan's period"), ReportQuery), responses(
    (status = 200, description = "The report", content(
        (MonitoringReport = "application/json"),
        (String = "text/html"),
        (String = "text/markdown"),
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    )),
    (status = 422, description = "`year` outside the plan's period, or an unknown `format`", body = Problem, content_type = "application/problem+json"),
))]
#[get("/plans/{id}/reports/{year}")]
pub async fn report(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(Uuid, String)>,
    query: Query<ReportQuery>,
) -> ApiResult<HttpResponse> {
    let format = query.format.as_deref().unwrap_or("json");
    if !["json", "html", "md", "csv", "docx"].contains(&format) {
        return Err(ApiError::invalid("format", FieldErrorCode::InvalidFormat, "must be one of json, html, md, csv, docx"));
    }
    let (id, year) = path.into_inner();
    let report = service::report(&state.db, &caller, id, &year).await?;
    let name = format!("monitorovaci-zprava-{}-{}", report.year, file_name(&report.title));
    let text = |content_type, disposition: String, text: String| Download { content_type, disposition, body: Body::Whole(text) };
    let download = match format {
        "html" => text("text/html; charset=utf-8", format!("inline; filename=\"{name}.html\""), whole::<Html>(&report)),
        "md" => text("text/markdown; charset=utf-8", format!("attachment; filename=\"{name}.md\""), whole::<Markdown>(&report)),
        "csv" => text("text/csv; charset=utf-8", format!("attachment; filename=\"{name}.csv\""), document::csv(&report)),
        "docx" => {
            let mut r = Docx::default();
            document::write(&mut r, &report);
            Download::docx(&name, r.finish()?)
        }
        _ => return Ok(HttpResponse::Ok().json(report)),
    };
    Ok(download.answer(HttpResponse::Ok()))
}

fn whole<R: Renderer<Output = String>>(content: &MonitoringReport) -> String {
    let mut r = R::default();
    document::write(&mut r, content);
    r.finish()
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(report);
}
