//! Serving the built web app at `/` beside the API, and the browser-facing headers.
use std::path::{Path, PathBuf};

use actix_cors::Cors;
use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header;
use actix_web::middleware::{Condition, DefaultHeaders};
use actix_web::{App, Error, ResponseError, web};

use crate::error::ApiError;

/// With a built app, unknown non-API paths get `index.html` (client-side routes); without one, 404.
/// A missing file (anything under `/assets/`, or a last segment with an extension) is a 404 too:
/// answering a stale chunk's URL with the app shell would make the browser run HTML as a script.
pub fn mount<T>(app: App<T>, dir: Option<&Path>) -> App<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = Error, InitError = ()>,
{
    let Some(dir) = dir else {
        return app.default_service(web::to(|| async { Err::<actix_web::HttpResponse, _>(ApiError::NotFound) }));
    };
    let index: PathBuf = dir.join("index.html");
    app.service(Files::new("/", dir).index_file("index.html").prefer_utf8(true).default_handler(fn_service(move |req: ServiceRequest| {
        let index = index.clone();
        async move {
            let (req, _) = req.into_parts();
            if !is_app_route(req.path()) {
                let response = ApiError::NotFound.error_response();
                return Ok(ServiceResponse::new(req, response));
            }
            let file = NamedFile::open_async(&index).await?;
            let response = file.into_response(&req);
            Ok(ServiceResponse::new(req, response))
        }
    })))
}

/// App routes are extensionless paths outside `/assets/` (`/plans/<uuid>/edit`, `/sign-in`).
fn is_app_route(path: &str) -> bool {
    !path.starts_with("/assets/") && !path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// Cache policy by path: fingerprinted assets that exist forever, the app shell always revalidated,
/// API answers never stored by shared caches (they may depend on the caller's credentials).
pub async fn cache_control(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, Error> {
    let api = req.path().starts_with("/api/");
    let asset = req.path().starts_with("/assets/");
    let mut res = next.call(req).await?;
    // Only a file that exists is immutable; a 404 for an asset may be deployed a minute later.
    let found = res.status().is_success() || res.status() == actix_web::http::StatusCode::NOT_MODIFIED;
    let policy = if api {
        "no-store"
    } else if asset && found {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static(policy));
    Ok(res)
}

/// Headers every response carries; the CSP allows only this origin's scripts and styles.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; \
             object-src 'none'",
        ))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// CORS only for the configured origins; with none configured, no CORS headers at all
/// (same-origin use needs none).
pub fn cors(origins: &[String]) -> Condition<Cors> {
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PATCH", "DELETE"])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::IF_MATCH, header::ACCEPT])
        .expose_headers([header::ETAG, header::LOCATION, header::RETRY_AFTER])
        .max_age(3600)
        // An unlisted origin just gets no CORS headers (the browser then refuses), rather than an
        // error that would skip the security headers and the problem+json shape.
        .block_on_origin_mismatch(false);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    Condition::new(!origins.is_empty(), cors)
}
