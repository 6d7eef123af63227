//! Audit event response bodies and the trail's filters.
use chrono::{DateTime, Utc};
use entity::audit_event;
use entity::values::Changes;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{Validate, Validator};
use crate::page_of;

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

impl AuditEvent {
    pub fn from_model(e: audit_event::Model) -> Self {
        Self {
            id: e.id,
            actor_id: e.actor_id,
            actor_label: e.actor_label,
            action: e.action,
            entity_type: e.entity_type,
            entity_id: e.entity_id,
            changes: e.changes,
            created_at: e.created_at,
        }
    }
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

impl Validate for AuditQuery {
    fn validate(&self, v: &mut Validator) {
        v.date("from", self.from);
        v.date("to", self.to);
    }
}
