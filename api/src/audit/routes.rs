//! `GET /audit`.
use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, Utc};
use entity::values::Changes;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::service::{self, Filters};
use crate::caller::{Action, Caller, authorize};
use crate::error::ApiResult;
use crate::page_of;
use crate::pagination::PageParams;
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEvent {
    pub id: Uuid,
    pub actor_id: Option<Uuid>,
    pub actor_label: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<Uuid>,
    pub changes: Changes,
    pub created_at: DateTime<Utc>,
}

page_of!(AuditPage, AuditEvent);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// e.g. `plan`, `measure`, `user`, `session`.
    pub entity_type: Option<String>,
    pub entity_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    /// e.g. `create`, `update`, `delete`, `status_change`, `login_failed`.
    pub action: Option<String>,
    /// Events at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Events before this time.
    pub to: Option<DateTime<Utc>>,
}

/// The audit trail, newest first (coordinators and admins).
#[utoipa::path(tag = "audit", params(AuditQuery, PageParams), responses((status = 200, body = AuditPage)))]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<AuditQuery>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    authorize(&caller, Action::ReadAudit)?;
    let q = query.into_inner();

    let filters =
        Filters { entity_type: q.entity_type, entity_id: q.entity_id, actor_id: q.actor_id, action: q.action, from: q.from, to: q.to };
    let (rows, next_cursor) = service::list(&state.db, filters, &page).await?;
    let items = rows
        .into_iter()
        .map(|e| AuditEvent {
            id: e.id,
            actor_id: e.actor_id,
            actor_label: e.actor_label,
            action: e.action,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            changes: e.changes,
            created_at: e.created_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(AuditPage { items, next_cursor }))
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_audit);
}
