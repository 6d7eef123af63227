//! `POST /imports/rpss`: the register's file as the request body, streamed into the import as it
//! arrives (never collected into memory).
use std::io::{self, Read};

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use tokio::sync::mpsc;

use super::dto::{CodeList, CodeListSummary, ImportParams, ImportSummary};
use super::file::RegisterFile;
use super::service::{self, Options};
use crate::caller::{Action, Caller, authorize};
use crate::error::{ApiError, ApiResult, Problem};
use crate::http::{Json, Query};
use crate::state::AppState;

/// Import the national register of social service providers (admins): MPSV's open-data file
/// `rpss.json` as the body, as it is or gzip-compressed (`Content-Encoding: gzip`, or just the
/// gzip bytes). Providers become organizations (by IČO), entries services (by `identifikator`);
/// a second run of the same file changes nothing, services no longer in the file are ended
/// (`valid_to`), never deleted. An entry with a code-list id the installation does not know is
/// imported all the same, counted in `unknown_codes`. The import is one transaction: a malformed
/// file (400 not JSON, 422 naming the entry and field) changes nothing. `dry_run` answers the
/// summary and writes nothing.
#[utoipa::path(
    tag = "network",
    params(ImportParams),
    request_body(content = RegisterFile, description = "The register's file `{\"polozky\": [...]}`, JSON or gzip; at most 256 MiB of JSON."),
    responses(
        (status = 200, body = ImportSummary),
        (status = 400, body = Problem, content_type = "application/problem+json", description = "Not JSON, not valid gzip, not an object with `polozky`, or a body that broke off; nothing imported."),
        (status = 413, body = Problem, content_type = "application/problem+json", description = "More than 256 MiB of JSON (after inflating gzip); nothing imported."),
        (status = 415, body = Problem, content_type = "application/problem+json", description = "A Content-Encoding other than gzip."),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "An entry not of the register's shape: `errors[0].field` names the entry and the field (`polozky[3].poskytovatel.nazev`), the message its identifikator; nothing imported."),
    )
)]
#[post("/imports/rpss")]
pub async fn import_rpss(
    state: web::Data<AppState>,
    caller: Caller,
    params: Query<ImportParams>,
    req: HttpRequest,
    mut payload: web::Payload,
) -> ApiResult<HttpResponse> {
    authorize(&caller, Action::ImportRegister)?;
    check_encoding(&req)?;
    let (chunks, receiver) = mpsc::channel::<io::Result<Bytes>>(16);
    let idle = state.config.limits.body_timeout;
    // Hands the body over chunk by chunk. A body that breaks off reaches the reader as an error,
    // never as an end, so a cut file cannot pass for a whole one.
    let forwarding = async move {
        loop {
            let failure = match tokio::time::timeout(idle, payload.next()).await {
                Ok(None) => return Ok(()),
                Ok(Some(Ok(chunk))) => {
                    if chunks.send(Ok(chunk)).await.is_err() {
                        // The import stopped reading: its answer is the one to give.
                        return Ok(());
                    }
                    continue;
                }
                Ok(Some(Err(e))) => ApiError::BadRequest(format!("the request body could not be read: {e}")),
                Err(_) => ApiError::RequestTimeout(idle.as_secs_f64().ceil() as u64),
            };
            let _ = chunks.send(Err(io::Error::other(failure.to_string()))).await;
            return Err(failure);
        }
    };
    let options = Options { dry_run: params.dry_run, limit: Some(state.config.limits.register_file_bytes) };
    let importing = service::import(&state.db, &caller, BodyReader { chunks: receiver, current: Bytes::new() }, options);
    let (forwarded, imported) = tokio::join!(forwarding, importing);
    forwarded?;
    Ok(HttpResponse::Ok().json(imported?))
}

/// Only gzip is inflated; the import recognises gzip by its bytes, so the header is optional.
fn check_encoding(req: &HttpRequest) -> ApiResult<()> {
    let Some(encoding) = req.headers().get(header::CONTENT_ENCODING) else { return Ok(()) };
    match encoding.to_str().map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        Ok("gzip" | "x-gzip" | "identity") => Ok(()),
        _ => Err(ApiError::UnsupportedMediaType("send the register's file as it is or gzip-compressed (Content-Encoding: gzip)".into())),
    }
}

/// The body's chunks as a blocking reader, for the parser's thread.
struct BodyReader {
    chunks: mpsc::Receiver<io::Result<Bytes>>,
    current: Bytes,
}

impl Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.chunks.blocking_recv() {
                Some(chunk) => self.current = chunk?,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// Take in the register's code list of target groups (admins): MPSV's open-data file
/// `cilove-skupiny-osoby.json` as the body. Each item gives its id to the target group of the same
/// name (accents and case aside), which keeps its code and wording, or becomes a new group; an id
/// a group has already changes nothing. The register import then keeps the target groups of every
/// entry. One transaction; `dry_run` answers the summary and writes nothing.
#[utoipa::path(
    tag = "network",
    params(ImportParams),
    request_body = CodeList,
    responses(
        (status = 200, body = CodeListSummary),
        (status = 422, body = Problem, content_type = "application/problem+json", description = "An item not of the code list's shape, or an id twice: `errors[].field` names it (`polozky[3].id`); nothing imported."),
    )
)]
#[post("/imports/target-groups")]
pub async fn import_target_groups(
    state: web::Data<AppState>,
    caller: Caller,
    params: Query<ImportParams>,
    body: Json<CodeList>,
) -> ApiResult<HttpResponse> {
    authorize(&caller, Action::ImportRegister)?;
    Ok(HttpResponse::Ok().json(super::target_groups::import(&state.db, &caller, body.into_inner(), params.dry_run).await?))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(import_rpss).service(import_target_groups);
}
