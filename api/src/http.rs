//! HTTP conventions shared by every resource: ETag / If-Match, 201 with Location,
//! and routing framework errors (JSON, path, query, unknown route, method) into problem+json.
use std::future::{Ready, ready};

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, dev::Payload, web};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};

/// Largest request body accepted (api.md): larger ones get 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The version a client expects to overwrite (`If-Match: "3"`); absent means last writer wins.
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<i32>);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(value) = req.headers().get(header::IF_MATCH) else {
            return ready(Ok(IfMatch(None)));
        };
        let parsed = value.to_str().ok().map(str::trim).and_then(|v| {
            if v == "*" {
                return Some(None);
            }
            let v = v.strip_prefix("W/").unwrap_or(v);
            v.strip_prefix('"')?.strip_suffix('"')?.parse::<i32>().ok().map(Some)
        });
        ready(match parsed {
            Some(version) => Ok(IfMatch(version)),
            None => Err(ApiError::BadRequest("If-Match must be an ETag such as \"3\"".into())),
        })
    }
}

impl IfMatch {
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
    HttpResponse::Created()
        .insert_header(etag(body.version()))
        .insert_header((header::LOCATION, location))
        .json(body)
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
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge(MAX_BODY_BYTES)
        }
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType("send the body as application/json".into())
        }
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest(format!("invalid JSON body: {e}")),
        JsonPayloadError::Serialize(_) => ApiError::Internal,
        other => ApiError::BadRequest(format!("cannot read the request body: {other}")),
    }
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _| {
        ApiError::BadRequest(format!("invalid path parameter: {err}")).into()
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _| {
        ApiError::BadRequest(format!("invalid query parameter: {err}")).into()
    })
}

pub fn payload_config() -> web::PayloadConfig {
    web::PayloadConfig::new(MAX_BODY_BYTES)
}

/// The API's routes as (path template, methods), taken from the OpenAPI document,
/// so the 405 answer's `Allow` header is always what the server really serves.
#[derive(Clone, Default)]
pub struct RouteTable(Vec<(Vec<String>, Vec<&'static str>)>);

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> Self {
        use utoipa::openapi::HttpMethod;
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path.trim_matches('/').split('/').map(str::to_owned).collect();
                let mut methods = Vec::new();
                for (method, op) in [
                    (HttpMethod::Get, &item.get),
                    (HttpMethod::Post, &item.post),
                    (HttpMethod::Put, &item.put),
                    (HttpMethod::Patch, &item.patch),
                    (HttpMethod::Delete, &item.delete),
                ] {
                    if op.is_some() {
                        methods.push(match method {
                            HttpMethod::Get => "GET",
                            HttpMethod::Post => "POST",
                            HttpMethod::Put => "PUT",
                            HttpMethod::Patch => "PATCH",
                            _ => "DELETE",
                        });
                    }
                }
                (segments, methods)
            })
            .collect();
        Self(routes)
    }

    fn allowed(&self, path: &str) -> Option<&[&'static str]> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        self.0.iter().find_map(|(template, methods)| {
            let matches = template.len() == segments.len()
                && template.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s);
            matches.then_some(methods.as_slice())
        })
    }
}

/// Unknown API routes: 405 with `Allow` when the path exists with other methods, else 404.
pub async fn not_found_or_method(req: HttpRequest, routes: web::Data<RouteTable>) -> ApiResult<HttpResponse> {
    Err(match routes.allowed(req.path()) {
        Some(methods) if !methods.contains(&req.method().as_str()) => ApiError::MethodNotAllowed {
            detail: format!("{} is not supported here; use {}", req.method(), methods.join(", ")),
            allow: methods.join(", "),
        },
        _ => ApiError::NotFound,
    })
}

/// For PATCH bodies: tells "absent" (None) from "null" (Some(None)), so a client can clear a field.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer).map(Some)
}
