//! One-click unsubscribe (RFC 8058): every subscription e-mail's `List-Unsubscribe` header names
//! `/api/v1/unsubscribe?token=…`, and a POST there, with no sign-in, ends the subscription; the
//! body's link opens the web app's `/unsubscribe?token=…` page, whose button makes that POST.
//!
//! The token is `<subscription id>.<HMAC-SHA256 of it under the server's secret>`, not a random
//! token stored hashed: nothing is written per e-mail, a token dies with its subscription (a new
//! subscription to the same target has a new id, so an old e-mail cannot end it), and it can only
//! be forged with the secret. A GET only answers what the POST would end: mail scanners follow
//! links, and must not unsubscribe anyone.
use entity::{comment, subscription};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::dto::{CommentNotices, Subscription};
use crate::audit::{self, service::changes_of};
use crate::caller::Caller;
use crate::credentials::unsubscribe::{verify, verify_comment};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The subscription of a genuine token; 404 for any other, or once it is gone.
async fn find<D: ConnectionTrait>(db: &D, state: &AppState, token: &str) -> ApiResult<subscription::Model> {
    let id = verify(&state.config.jwt_secret, token).ok_or(ApiError::NotFound)?;
    subscription::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// What the POST would end.
pub async fn preview(state: &AppState, token: &str) -> ApiResult<Subscription> {
    Ok(Subscription::from_model(find(&state.db, state, token).await?))
}

pub async fn unsubscribe(state: &AppState, caller: &Caller, token: &str) -> ApiResult<()> {
    let txn = crate::db::begin(&state.db).await?;
    let found = find(&txn, state, token).await?;
    subscription::Entity::delete_by_id(found.id).exec(&txn).await?;
    let changes = changes_of(&serde_json::json!({"user_id": found.user_id, "via": "unsubscribe link"}));
    audit::record(&txn, caller, "delete", "subscription", Some(found.id), changes).await?;
    txn.commit().await?;
    Ok(())
}

/// The comment of a genuine token whose notices still go out; 404 otherwise.
async fn find_comment<D: ConnectionTrait>(db: &D, state: &AppState, token: &str) -> ApiResult<comment::Model> {
    let id = verify_comment(&state.config.jwt_secret, token).ok_or(ApiError::NotFound)?;
    comment::Entity::find_by_id(id).one(db).await?.filter(|c| c.notify_on_resolution).ok_or(ApiError::NotFound)
}

/// What the POST would end.
pub async fn preview_comment(state: &AppState, token: &str) -> ApiResult<CommentNotices> {
    let found = find_comment(&state.db, state, token).await?;
    Ok(CommentNotices { comment_id: found.id, plan_id: found.plan_id })
}

/// Ends the comment's notices. The comment itself does not change (its version stays, so nobody's
/// `If-Match` goes stale), only whether its author is told.
pub async fn unsubscribe_comment(state: &AppState, caller: &Caller, token: &str) -> ApiResult<()> {
    let txn = crate::db::begin(&state.db).await?;
    let found = find_comment(&txn, state, token).await?;
    comment::Entity::update_many()
        .col_expr(comment::Column::NotifyOnResolution, Expr::value(false))
        .filter(comment::Column::Id.eq(found.id))
        .exec(&txn)
        .await?;
    let changes = changes_of(&serde_json::json!({"notify_on_resolution": false, "via": "unsubscribe link"}));
    audit::record(&txn, caller, "update", "comment", Some(found.id), changes).await?;
    txn.commit().await?;
    Ok(())
}
