//! One bound on how long any API request may take: `SPOLUPLAN_REQUEST_TIMEOUT` (20 s by default),
//! after which it is answered 503 and its work is dropped.
//!
//! The database's own limits cannot give that bound alone: `statement_timeout` is enforced by the
//! server, so a PostgreSQL that accepts connections but no longer answers (hung, stopped, behind a
//! dead link that TCP has not noticed yet) would hold a request for as long as the hang lasts.
//! Dropping the handler's future cancels its queries on the client side; a transaction cut off
//! this way is rolled back, never committed, so a 503 here never hides a write that took effect
//! half-way. (A write whose `COMMIT` reached the database just before the bound may still have
//! taken effect: a 503 says "not known to be done", as with any lost connection.)
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, web};

use crate::error::ApiError;
use crate::state::AppState;

/// The answer past the bound is the error itself (rendered as the 503 problem), because the
/// request it belonged to went down with the handler's dropped future.
pub async fn bound(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let Some(limit) = req.app_data::<web::Data<AppState>>().map(|state| state.config.request_timeout) else {
        return next.call(req).await;
    };
    let path = req.path().to_owned();
    match tokio::time::timeout(limit, next.call(req)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(%path, ?limit, "request cut off at the request time limit");
            Err(ApiError::Unavailable.into())
        }
    }
}
