//! `/me/subscriptions`: a person's own (another's is 404), by a session only (`Action::SelfService`).
use entity::enums::SubscriptionTarget;
use entity::subscription;
use entity::values::StringList;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::dto::{Subscription, SubscriptionCreate, SubscriptionPage};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;
use crate::{access, territories, working_groups};

/// The caller's account, if they may manage subscriptions.
fn owner(caller: &Caller) -> ApiResult<Uuid> {
    authorize(caller, Action::SelfService)?;
    Ok(caller.signed_in()?.user.id)
}

/// In the order they were made.
pub async fn list(state: &AppState, caller: &Caller, page: &PageParams) -> ApiResult<SubscriptionPage> {
    let select = subscription::Entity::find().filter(subscription::Column::UserId.eq(owner(caller)?));
    let sort = Sort { key: None, id: subscription::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |s| (None, s.id)).await?;
    Ok(SubscriptionPage { items: rows.into_iter().map(Subscription::from_model).collect(), next_cursor })
}

/// 422 on `target_id` unless the target exists and the caller may read it (a draft plan only
/// someone who reads drafts).
async fn check_target<D: ConnectionTrait>(db: &D, caller: &Caller, kind: SubscriptionTarget, id: Uuid) -> ApiResult<()> {
    let found = match kind {
        SubscriptionTarget::Plan => access::plan(db, caller, id).await.map(drop),
        SubscriptionTarget::WorkingGroup => working_groups::service::find(db, id).await.map(drop),
        SubscriptionTarget::Territory => territories::place::by_id(db, "target_id", id).await.map(drop),
    };
    found.map_err(|e| match e {
        ApiError::NotFound | ApiError::Validation(_) => {
            ApiError::invalid("target_id", FieldErrorCode::NotFound, format!("no {} you may read has this id", kind.as_str()))
        }
        other => other,
    })
}

/// 409 `duplicate` for a second subscription to the same target (the unique index decides, so
/// two racing requests cannot both make one).
pub async fn create(state: &AppState, caller: &Caller, body: SubscriptionCreate) -> ApiResult<Subscription> {
    let user_id = owner(caller)?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    check_target(&txn, caller, body.target_type, body.target_id).await?;
    let now = clock::now();
    let created = subscription::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        target_type: Set(body.target_type),
        target_id: Set(body.target_id),
        events: Set(StringList(body.events.clone().unwrap_or_default())),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "subscription", Some(created.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(Subscription::from_model(created))
}

pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    let user_id = owner(caller)?;
    let txn = crate::db::begin(&state.db).await?;
    let current =
        subscription::Entity::find_by_id(id).filter(subscription::Column::UserId.eq(user_id)).one(&txn).await?.ok_or(ApiError::NotFound)?;
    if_match.check(current.version)?;
    subscription::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "subscription", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}
