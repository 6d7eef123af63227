//! HTTP conventions shared by every resource: ETag / If-Match, 201 with Location,
//! reading bodies and query strings as the contract says, and routing framework errors (JSON,
//! path, query, unknown route, method) into problem+json.
use std::collections::HashMap;
use std::future::{Ready, ready};
use std::sync::LazyLock;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use futures_util::future::LocalBoxFuture;
use regex::Regex;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::Limits;
use crate::error::{ApiError, ApiResult, FieldErrorCode};
use crate::state::AppState;

/// Largest request body accepted (api.md): larger ones get 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The version a client expects to overwrite (`If-Match: "3"`); absent or `*` means last writer wins.
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i32>);

/// What `If-Match` may hold: `*`, or one ETag as this API sends it (weak or strong). The OpenAPI
/// document gives the header this pattern, and `IfMatch` accepts exactly what it matches (no named
/// groups: the pattern must read alike in Rust, ECMAScript and Python).
pub const IF_MATCH_PATTERN: &str = r#"^(\*|(W/)?"([0-9]{1,9})")$"#;

static IF_MATCH: LazyLock<Regex> = LazyLock::new(|| Regex::new(IF_MATCH_PATTERN).expect("IF_MATCH_PATTERN is a regex"));

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(header::IF_MATCH) else {
            return ready(Ok(IfMatch(None)));
        };
        let parsed = value.to_str().ok().and_then(|v| IF_MATCH.captures(v.trim())).map(|found| {
            // At most nine digits, so the version always fits an i32.
            found.get(3).and_then(|version| version.as_str().parse::<i32>().ok())
        });
        ready(match parsed {
            Some(version) => Ok(IfMatch(version)),
            None => Err(ApiError::BadRequest("If-Match must be an ETag such as \"3\"".into())),
        })
    }
}

/// How often a write without `If-Match` is run again after losing a race for the version. Each
/// round of a race has a winner, so this many lets a dozen simultaneous writers all through.
const LAST_WRITER_RETRIES: u32 = 12;

impl IfMatch {
    /// Runs a versioned write (an update, a delete, a lifecycle step). With `If-Match` a lost race
    /// is the client's 412. Without it the client asked for "last writer wins" (api.md), so a
    /// write that read a version another writer changed before it could save is run again, read
    /// and checked anew, a few times before the 412 goes out.
    pub async fn retrying<T, F, Fut>(self, mut write: F) -> ApiResult<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = ApiResult<T>>,
    {
        let retries = if self.0.is_none() { LAST_WRITER_RETRIES } else { 0 };
        let mut attempt = 0;
        loop {
            match write().await {
                Err(ApiError::PreconditionFailed) if attempt < retries => {
                    attempt += 1;
                    // A short random pause, so the losers of one round do not all meet again.
                    let pause = rand::random_range(0..=attempt * 2);
                    tokio::time::sleep(std::time::Duration::from_millis(pause.into())).await;
                }
                result => return result,
            }
        }
    }

    /// 412 when the client's version is not the current one.
    pub fn check(self, current: i32) -> ApiResult<()> {
        match self.0 {
            Some(expected) if expected != current => Err(ApiError::PreconditionFailed),
            _ => Ok(()),
        }
    }
}

/// A resource that carries a version, so its answer can send an ETag.
pub trait Versioned {
    fn version(&self) -> i32;
}

fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

/// 200 with the resource and its ETag.
pub fn ok<T: Serialize + Versioned>(body: &T) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(body.version())).json(body)
}

/// 201 with `Location`, the resource and its ETag.
pub fn created<T: Serialize + Versioned>(location: String, body: &T) -> HttpResponse {
    HttpResponse::Created().insert_header(etag(body.version())).insert_header((header::LOCATION, location)).json(body)
}

pub fn no_content() -> HttpResponse {
    HttpResponse::NoContent().finish()
}

/// Framework-level extractor configuration, so malformed input never escapes as plain text.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default().limit(MAX_BODY_BYTES).error_handler(|err, _| json_error(err).into())
}

fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => ApiError::PayloadTooLarge(MAX_BODY_BYTES),
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType("send the body as application/json".into()),
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest(format!("invalid JSON body: {e}")),
        JsonPayloadError::Serialize(_) => ApiError::Internal,
        other => ApiError::BadRequest(format!("cannot read the request body: {other}")),
    }
}

/// A JSON request body read as the contract says: 415 unless JSON, 413 over 1 MiB, 400 when it is
/// not JSON or names an unknown field, and 422 naming the field when a value is missing, has the
/// wrong type or an unknown enum value, or holds a NUL character (which PostgreSQL cannot store).
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        // actix reads the bytes (type, size, syntax, through `json_config`); the shape is checked here.
        let value = web::Json::<Value>::from_request(req, payload);
        // actix's client_request_timeout covers the headers only: without a bound of our own a body
        // sent a byte at a time would hold the connection for as long as the client likes.
        let limit =
            req.app_data::<web::Data<AppState>>().map_or_else(|| Limits::default().body_timeout, |state| state.config.limits.body_timeout);
        Box::pin(async move {
            let value =
                tokio::time::timeout(limit, value).await.map_err(|_| ApiError::RequestTimeout(limit.as_secs_f64().ceil() as u64))??;
            Ok(Json(from_value(value.into_inner())?))
        })
    }
}

/// A body that may be left out: no body at all (or `null`) is `None`; a body that is sent is read as `Json`
/// (so a malformed one still gets its 400, 413, 415 or 422 rather than being ignored).
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned + 'static> FromRequest for OptionalJson<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let headers = req.headers();
        let empty = !headers.contains_key(header::TRANSFER_ENCODING)
            && headers.get(header::CONTENT_LENGTH).is_none_or(|len| len.as_bytes() == b"0");
        if empty {
            return Box::pin(ready(Ok(OptionalJson(None))));
        }
        // A JSON `null` body is "no body" too, as the document's `oneOf [body, null]` says.
        let body = Json::<Option<T>>::from_request(req, payload);
        Box::pin(async move { Ok(OptionalJson(body.await?.0)) })
    }
}

/// Turns a parsed body into `T`, naming the offending field in a 422.
fn from_value<T: DeserializeOwned>(mut value: Value) -> ApiResult<T> {
    whole_numbers_as_integers(&mut value);
    if let Some(field) = nul_field(&value, String::new()) {
        return Err(ApiError::invalid(&field, FieldErrorCode::InvalidValue, "must not contain the NUL character"));
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        // "." is the body itself, "[0]" an element of a body that is an array: no field to name.
        let path = match err.path().to_string() {
            p if p.starts_with('[') => ".".to_owned(),
            p => p,
        };
        let message = err.into_inner().to_string();
        if message.starts_with("unknown field") {
            return ApiError::BadRequest(format!("invalid JSON body: {message}"));
        }
        let missing = message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next());
        match (path.as_str(), missing) {
            (".", Some(name)) => ApiError::invalid(name, FieldErrorCode::Required, "is required"),
            (_, Some(name)) => ApiError::invalid(&format!("{path}.{name}"), FieldErrorCode::Required, "is required"),
            (".", None) => ApiError::BadRequest(format!("invalid JSON body: {message}")),
            _ => ApiError::invalid(&path, FieldErrorCode::InvalidValue, message),
        }
    })
}

/// JSON Schema counts `2040.0` as an integer, and so does the OpenAPI document; serde would refuse
/// it for an integer field, so whole numbers written with a fraction become integers first.
fn whole_numbers_as_integers(value: &mut Value) {
    match value {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && (i64::MIN as f64..=i64::MAX as f64).contains(f)) {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(fields) => fields.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

/// The path of the first string in `value` that holds a NUL character, if any.
fn nul_field(value: &Value, path: String) -> Option<String> {
    match value {
        Value::String(s) => s.contains('\0').then_some(path),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| nul_field(v, format!("{path}[{i}]"))),
        Value::Object(fields) => {
            fields.iter().find_map(|(k, v)| nul_field(v, if path.is_empty() { k.clone() } else { format!("{path}.{k}") }))
        }
        _ => None,
    }
}

/// Query strings with a NUL character are refused before any handler sees them (400), so filters
/// behave alike on SQLite and on PostgreSQL, which cannot compare such text.
pub async fn reject_nul_in_query(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::EitherBody<impl MessageBody>>, actix_web::Error> {
    if req.query_string().contains("%00") {
        let response = actix_web::ResponseError::error_response(&ApiError::BadRequest(
            "the query string must not contain the NUL character (%00)".into(),
        ));
        return Ok(req.into_response(response).map_into_right_body());
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _| ApiError::BadRequest(format!("invalid path parameter: {err}")).into())
}

pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(MAX_BODY_BYTES)
}

/// The API's routes as (path template, methods), and the query parameters each operation
/// declares, taken from the OpenAPI document: so the 405 answer's `Allow` header is always what the
/// server really serves, and `Query` accepts exactly the parameters the document lists.
#[derive(Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<&'static str>)>,
    /// (path template, method) → the names of its query parameters.
    query: HashMap<(String, &'static str), Vec<String>>,
}

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> Self {
        use utoipa::openapi::path::ParameterIn;
        let mut table = Self::default();
        for (path, item) in &doc.paths.paths {
            let segments = path.trim_matches('/').split('/').map(str::to_owned).collect();
            let mut methods = Vec::new();
            for (method, op) in
                [("GET", &item.get), ("POST", &item.post), ("PUT", &item.put), ("PATCH", &item.patch), ("DELETE", &item.delete)]
            {
                let Some(op) = op else { continue };
                methods.push(method);
                let names = op
                    .parameters
                    .iter()
                    .flatten()
                    .filter_map(|p| match p {
                        utoipa::openapi::RefOr::T(p) if p.parameter_in == ParameterIn::Query => Some(p.name.clone()),
                        _ => None,
                    })
                    .collect();
                table.query.insert((path.clone(), method), names);
            }
            table.routes.push((segments, methods));
        }
        table
    }

    /// The methods of the path item `path` falls under. Where a literal path and a templated one
    /// both fit (`/services/overview`, `/services/{id}`), the literal one is meant, as OpenAPI says.
    fn allowed(&self, path: &str) -> Option<&[&'static str]> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.routes
            .iter()
            .filter(|(template, _)| {
                template.len() == segments.len() && template.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s)
            })
            .max_by_key(|(template, _)| template.iter().filter(|t| !t.starts_with('{')).count())
            .map(|(_, methods)| methods.as_slice())
    }

    /// The query parameters the operation serving `req` declares.
    fn query_parameters(&self, req: &HttpRequest) -> Option<&[String]> {
        let method = ["GET", "POST", "PUT", "PATCH", "DELETE"].into_iter().find(|m| *m == req.method().as_str())?;
        self.query.get(&(req.match_pattern()?, method)).map(Vec::as_slice)
    }
}

/// A query string read as the contract says: 400 naming a parameter the operation does not
/// declare (a typo in a filter's name would otherwise drop the filter without a word), or one
/// that does not parse. Which parameters are declared is the OpenAPI document's word (see
/// `RouteTable`), so a handler may split them over several `Query` extractors, each reading the
/// whole string, and `PageParams` may sit beside or inside a filter struct.
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(read_query(req))
    }
}

fn read_query<T: DeserializeOwned>(req: &HttpRequest) -> ApiResult<Query<T>> {
    let invalid = |err: QueryPayloadError| ApiError::BadRequest(format!("invalid query parameter: {err}"));
    let Some(declared) = req.app_data::<web::Data<RouteTable>>().and_then(|routes| routes.query_parameters(req)) else {
        tracing::error!(path = req.path(), "a handler reads the query string of an operation the OpenAPI document does not list");
        return Err(ApiError::Internal);
    };
    let pairs = web::Query::<Vec<(String, String)>>::from_query(req.query_string()).map_err(invalid)?;
    if let Some((name, _)) = pairs.iter().find(|(name, _)| !declared.contains(name)) {
        let known = declared.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(", ");
        let takes = if known.is_empty() { "no query parameters".to_owned() } else { known };
        return Err(ApiError::BadRequest(format!("unknown query parameter `{name}`; this operation takes {takes}")));
    }
    web::Query::<T>::from_query(req.query_string()).map(|query| Query(query.into_inner())).map_err(invalid)
}

/// Unknown API routes: 404 (a known path with a method it lacks is `reject_undeclared_method`'s 405).
pub async fn not_found() -> ApiResult<HttpResponse> {
    Err(ApiError::NotFound)
}

fn method_not_allowed(req: &HttpRequest, routes: &RouteTable) -> Option<ApiError> {
    let methods = routes.allowed(req.path())?;
    (!methods.contains(&req.method().as_str())).then(|| ApiError::MethodNotAllowed {
        detail: format!("{} is not supported here; use {}", req.method(), methods.join(", ")),
        allow: methods.join(", "),
    })
}

/// A method the contract does not list for a path answers 405 before routing. Actix tries the
/// resources in order, so `PATCH /services/overview` would otherwise reach `PATCH /services/{id}`
/// and fail there on "overview" as an id.
pub async fn reject_undeclared_method(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::EitherBody<impl MessageBody>>, actix_web::Error> {
    let refused = req.app_data::<web::Data<RouteTable>>().and_then(|routes| method_not_allowed(req.request(), routes));
    if let Some(error) = refused {
        return Ok(req.into_response(actix_web::ResponseError::error_response(&error)).map_into_right_body());
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

/// For PATCH bodies: tells "absent" (None) from "null" (Some(None)), so a client can clear a field.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer).map(Some)
}
