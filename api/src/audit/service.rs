//! Recording and listing audit events.
use entity::audit_event;
use entity::values::Changes;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use uuid::Uuid;

use super::dto::{AuditEvent, AuditPage, AuditQuery};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiResult, Validate, Validator};
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;

/// Field names whose values never enter the trail.
/// `url` is a webhook's: receivers often take their own token in it (`…/hooks/T0/B0/XXXX`).
const SECRET_FIELDS: &[&str] = &["password", "current_password", "new_password", "key", "token", "refresh_token", "url"];

/// The changed fields of a request body: its non-null values, secrets replaced by a marker.
pub fn changes_of<T: Serialize>(body: &T) -> Changes {
    let mut map = match serde_json::to_value(body) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    map.retain(|_, v| !v.is_null());
    for field in SECRET_FIELDS {
        if let Some(v) = map.get_mut(*field) {
            *v = serde_json::Value::String("[redacted]".into());
        }
    }
    Changes(map)
}

pub async fn record<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    action: &str,
    entity_type: &str,
    entity_id: Option<Uuid>,
    changes: Changes,
) -> ApiResult<()> {
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        actor_id: Set(caller.user_id()),
        actor_label: Set(caller.label()),
        action: Set(action.into()),
        entity_type: Set(entity_type.into()),
        entity_id: Set(entity_id),
        changes: Set(changes),
        created_at: Set(clock::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The trail, newest first (coordinators and admins).
pub async fn list(state: &AppState, caller: &Caller, query: AuditQuery, page: &PageParams) -> ApiResult<AuditPage> {
    authorize(caller, Action::ReadAudit)?;
    let mut v = Validator::new();
    query.validate(&mut v);
    v.finish()?;
    let mut select = audit_event::Entity::find();
    if let Some(v) = query.entity_type {
        select = select.filter(audit_event::Column::EntityType.eq(v));
    }
    if let Some(v) = query.entity_id {
        select = select.filter(audit_event::Column::EntityId.eq(v));
    }
    if let Some(v) = query.actor_id {
        select = select.filter(audit_event::Column::ActorId.eq(v));
    }
    if let Some(v) = query.action {
        select = select.filter(audit_event::Column::Action.eq(v));
    }
    if let Some(v) = query.from {
        select = select.filter(audit_event::Column::CreatedAt.gte(v));
    }
    if let Some(v) = query.to {
        select = select.filter(audit_event::Column::CreatedAt.lt(v));
    }
    let sort = Sort { key: None, id: audit_event::Column::Id, descending: true };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |row| (None, row.id)).await?;
    Ok(AuditPage { items: rows.into_iter().map(AuditEvent::from_model).collect(), next_cursor })
}
