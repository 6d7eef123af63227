//! API key rules: managed only from a signed-in session, secret shown once, revocation.
use entity::api_key;
use entity::values::Scopes;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

use super::dto::{ApiKey, ApiKeyCreate, ApiKeyFilters, ApiKeyPage, NewApiKey};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::credentials::tokens::{API_KEY_PREFIX, random_secret, secret_hash};
use crate::error::{ApiError, ApiResult, Validate, Validator};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;

/// Characters of a key kept in clear (`spk_` and 8 of the secret), enough to tell keys apart.
const PREFIX_LENGTH: usize = 12;

/// Live (not revoked) keys of the caller, or of anyone for an admin; expired ones included.
pub async fn list(state: &AppState, caller: &Caller, filters: ApiKeyFilters, page: &PageParams) -> ApiResult<ApiKeyPage> {
    authorize(caller, Action::SelfService)?;
    let me = caller.signed_in()?.user.id;
    let owner = filters.user_id.unwrap_or(me);
    if owner != me && !caller.is_admin() {
        return Err(ApiError::Forbidden("only admins may list other people's API keys".into()));
    }
    let select = api_key::Entity::find().filter(api_key::Column::UserId.eq(owner)).filter(api_key::Column::RevokedAt.is_null());
    let sort = Sort { key: None, id: api_key::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |k| (None, k.id)).await?;
    Ok(ApiKeyPage { items: rows.into_iter().map(ApiKey::from_model).collect(), next_cursor })
}

/// Answers the stored key and its secret, which exists nowhere else from now on.
pub async fn create(state: &AppState, caller: &Caller, body: ApiKeyCreate) -> ApiResult<NewApiKey> {
    authorize(caller, Action::SelfService)?;
    let owner = caller.signed_in()?.user.id;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let mut scopes = body.scopes.clone();
    scopes.sort_by_key(|s| s.as_str());
    scopes.dedup();
    let secret = format!("{API_KEY_PREFIX}{}", random_secret());
    let now = clock::now();
    let txn = crate::db::begin(&state.db).await?;
    let key = api_key::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(owner),
        name: Set(body.name.trim().to_string()),
        scopes: Set(Scopes(scopes)),
        prefix: Set(secret.chars().take(PREFIX_LENGTH).collect()),
        key_hash: Set(secret_hash(&secret)),
        expires_at: Set(body.expires_at.map(clock::to_micros)),
        last_used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "api_key", Some(key.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(NewApiKey { api_key: ApiKey::from_model(key), key: secret })
}

/// The owner or an admin revokes; to anyone else the key does not exist (404).
pub async fn revoke(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::SelfService)?;
    let me = caller.signed_in()?.user.id;
    let txn = crate::db::begin(&state.db).await?;
    let key = api_key::Entity::find_by_id(id)
        .filter(api_key::Column::RevokedAt.is_null())
        .one(&txn)
        .await?
        .filter(|k| k.user_id == me || caller.is_admin())
        .ok_or(ApiError::NotFound)?;
    if_match.check(key.version)?;
    let version = key.version;
    let mut active = key.into_active_model();
    active.revoked_at = Set(Some(clock::now()));
    crate::store::update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "revoke", "api_key", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// Revokes every live key of `user_id` (on deactivation), so reactivating the account does not
/// bring old keys back: a revoked key stays revoked.
pub async fn revoke_all<D: ConnectionTrait>(db: &D, user_id: Uuid) -> ApiResult<()> {
    let now = clock::now();
    api_key::Entity::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(now))
        .col_expr(api_key::Column::UpdatedAt, Expr::value(now))
        .col_expr(api_key::Column::Version, Expr::col(api_key::Column::Version).add(1))
        .filter(api_key::Column::UserId.eq(user_id))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
