//! `GET /plans/{id}/consultation-report` in JSON, CSV or HTML.
use std::future::ready;
use std::rc::Rc;

use actix_web::http::header::{self, Accept, Header, Quality};
use actix_web::{HttpRequest, HttpResponse, get, web};
use futures_util::{Stream, StreamExt, TryStreamExt, stream};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::dto::{ConsultationReport, RegisterEntry, ReportFormat, ReportQuery};
use super::formats;
use super::service::{self, Register};
use crate::caller::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult};
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

/// Rows per query while a CSV or HTML download streams: a download holds one such page at a time.
const STREAM_PAGE: u64 = 200;

/// `head`, then the register's entries a page at a time as `rows` writes them, then `foot`: a
/// download whose memory does not grow with the register. The pages are read one after another,
/// not in one transaction, so a comment entered meanwhile is included when it comes after the page
/// being read. A database error half-way cuts the body short (the status is already sent); the
/// client sees an incomplete download, never a partial one passed off as whole.
pub fn stream_register(
    db: DatabaseConnection,
    register: Register,
    head: String,
    rows: impl Fn(&[RegisterEntry], bool) -> String + 'static,
    foot: String,
) -> impl Stream<Item = Result<web::Bytes, ApiError>> + 'static {
    let context = Rc::new((db, register, rows));
    let pages = stream::try_unfold((Some(None::<Uuid>), 1u32), move |(after, first)| {
        let context = Rc::clone(&context);
        async move {
            let Some(after) = after else { return Ok(None) };
            let (db, register, rows) = &*context;
            let entries = register.after(db, after, STREAM_PAGE, first).await?;
            if entries.is_empty() {
                return Ok(None);
            }
            let next = match entries.last() {
                Some(last) if entries.len() as u64 == STREAM_PAGE => Some(last.comment_id),
                _ => None,
            };
            let chunk = web::Bytes::from(rows(&entries, register.staff));
            Ok(Some((chunk, (next.map(Some), first + entries.len() as u32))))
        }
    })
    .inspect_err(|e| tracing::error!(error = %e, "a streamed register was cut short"));
    stream::once(ready(Ok(web::Bytes::from(head)))).chain(pages).chain(stream::once(ready(Ok(web::Bytes::from(foot)))))
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
    let filename = format!("vyporadani-pripominek-{id}");
    match negotiate(&req, query.format) {
        ReportFormat::Json => Ok(response.json(service::report(&state.db, &caller, *id, &page).await?)),
        ReportFormat::Csv => {
            let register = Register::open(&state.db, &caller, *id).await?;
            let head = formats::csv_head(register.staff);
            Ok(response
                .content_type("text/csv; charset=utf-8")
                .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}.csv\"")))
                .streaming(stream_register(state.db.clone(), register, head, formats::csv_rows, String::new())))
        }
        ReportFormat::Html => {
            let register = Register::open(&state.db, &caller, *id).await?;
            let head = formats::html_head(&register.plan(), &register.counts(&state.db).await?, register.staff);
            Ok(response
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CONTENT_DISPOSITION, format!("inline; filename=\"{filename}.html\"")))
                .streaming(stream_register(state.db.clone(), register, head, formats::html_rows, formats::html_foot(clock::now()))))
        }
    }
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(consultation_report);
}
