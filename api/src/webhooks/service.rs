//! Webhooks: coordinators and admins; a coordinator sees and manages their own (another's is 404),
//! an admin every one.
use entity::values::StringList;
use entity::{webhook, webhook_delivery};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::dto::{Webhook, WebhookCreate, WebhookCreated, WebhookDelivery, WebhookDeliveryPage, WebhookPage, WebhookPatch};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::http::IfMatch;
use crate::organizations::dto::stored;
use crate::outbox::webhook::{check_url, new_secret};
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;
use crate::store::{given, update_versioned};

/// The webhook, if the caller may see it: their own, or any for an admin.
async fn find<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<webhook::Model> {
    authorize(caller, Action::ManageWebhooks)?;
    let hook = webhook::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)?;
    if !caller.is_admin() && Some(hook.user_id) != caller.user_id() {
        return Err(ApiError::NotFound);
    }
    Ok(hook)
}

/// 422 on `url` when the guard refuses it (`outbox::webhook::check_url`).
async fn check_target(state: &AppState, url: &str) -> ApiResult<()> {
    check_url(url, &state.config.webhooks).await.map_err(|why| ApiError::invalid("url", FieldErrorCode::InvalidValue, why))
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Webhook> {
    Ok(Webhook::from_model(find(&state.db, caller, id).await?))
}

/// In the order they were made.
pub async fn list(state: &AppState, caller: &Caller, page: &PageParams) -> ApiResult<WebhookPage> {
    authorize(caller, Action::ManageWebhooks)?;
    let mut select = webhook::Entity::find();
    if !caller.is_admin() {
        select = select.filter(webhook::Column::UserId.eq(caller.user_id()));
    }
    let sort = Sort { key: None, id: webhook::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |w| (None, w.id)).await?;
    Ok(WebhookPage { items: rows.into_iter().map(Webhook::from_model).collect(), next_cursor })
}

pub async fn create(state: &AppState, caller: &Caller, body: WebhookCreate) -> ApiResult<WebhookCreated> {
    authorize(caller, Action::ManageWebhooks)?;
    let owner = caller.signed_in()?.user.id;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    check_target(state, &body.url).await?;
    let now = clock::now();
    let secret = new_secret();
    let txn = crate::db::begin(&state.db).await?;
    let created = webhook::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(owner),
        url: Set(body.url.trim().to_string()),
        events: Set(StringList(body.events.clone())),
        description: Set(stored(body.description.as_deref())),
        enabled: Set(body.enabled.unwrap_or(true)),
        secret: Set(secret.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "webhook", Some(created.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(WebhookCreated { webhook: Webhook::from_model(created), secret })
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: WebhookPatch) -> ApiResult<Webhook> {
    authorize(caller, Action::ManageWebhooks)?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    if let Some(url) = &patch.url {
        check_target(state, url).await?;
    }
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, caller, id).await?;
    if_match.check(current.version)?;
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.url, patch.url.as_ref().map(|u| u.trim().to_string()));
    given(&mut active.events, patch.events.clone().map(StringList));
    given(&mut active.description, patch.description.as_ref().map(|d| stored(d.as_deref())));
    given(&mut active.enabled, patch.enabled);
    let updated = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "update", "webhook", Some(id), changes_of(&patch)).await?;
    txn.commit().await?;
    Ok(Webhook::from_model(updated))
}

/// Deletes the webhook and its delivery log; deliveries still waiting are dropped.
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    let txn = crate::db::begin(&state.db).await?;
    let current = find(&txn, caller, id).await?;
    if_match.check(current.version)?;
    webhook_delivery::Entity::delete_many().filter(webhook_delivery::Column::WebhookId.eq(id)).exec(&txn).await?;
    webhook::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "webhook", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// Every attempt, newest first.
pub async fn deliveries(state: &AppState, caller: &Caller, id: Uuid, page: &PageParams) -> ApiResult<WebhookDeliveryPage> {
    find(&state.db, caller, id).await?;
    let select = webhook_delivery::Entity::find().filter(webhook_delivery::Column::WebhookId.eq(id));
    let sort = Sort { key: None, id: webhook_delivery::Column::Id, descending: true };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |d| (None, d.id)).await?;
    Ok(WebhookDeliveryPage { items: rows.into_iter().map(WebhookDelivery::from_model).collect(), next_cursor })
}
