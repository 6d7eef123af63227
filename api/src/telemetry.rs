//! Structured logs (tracing) and the request id every response carries.
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};
use tracing_actix_web::RequestId;
use tracing_subscriber::EnvFilter;

/// Logs go to standard error; `SPOLUPLAN_LOG_FORMAT=json` for log shippers, `RUST_LOG` to filter.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let result =
        if std::env::var("SPOLUPLAN_LOG_FORMAT").is_ok_and(|f| f == "json") { builder.json().try_init() } else { builder.try_init() };
    let _ = result; // already initialised (tests start many apps in one process)
}

/// Copies the request id tracing-actix-web gave this request into `X-Request-Id`, and writes one
/// access-log line inside the request's span (so it carries the request id). The query string is
/// left out of the line: it is the caller's business.
pub async fn request_id_header(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let (method, path, started) = (req.method().clone(), req.path().to_owned(), std::time::Instant::now());
    let mut res = next.call(req).await?;
    tracing::info!(%method, %path, status = res.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    if let Some(id) = id
        && let Ok(value) = HeaderValue::from_str(&id.to_string())
    {
        res.headers_mut().insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}
