//! The last check before a write is acknowledged on SQLite: the database file is still the one
//! the server opened. `db::begin` checks it before every write transaction; this checks it again
//! after the handler, for every write request answered 2xx, so a write that committed into a file
//! deleted meanwhile (the data folder removed while requests were in flight) is answered 503, not
//! 201: nobody can ever read that write back.
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{Error, web};

use crate::error::ApiError;
use crate::state::AppState;

pub async fn confirm_writes(req: ServiceRequest, next: Next<impl MessageBody>) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let db = req.app_data::<web::Data<AppState>>().filter(|_| writes).map(|state| state.db.clone());
    let response = next.call(req).await?;
    if let Some(db) = db
        && response.status().is_success()
        && crate::db::ensure_same_file(&db).is_err()
    {
        return Err(ApiError::Unavailable.into());
    }
    Ok(response)
}
