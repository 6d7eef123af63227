//! Sign-in sessions: password sign-in under abuse limits, refresh-token rotation with reuse
//! detection, sign-out, and ending a person's sessions.
use entity::enums::Role;
use entity::{refresh_token, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::dto::{LoginRequest, Manages, Me, TokenPair, User};
use crate::audit::{self, service::changes_of};
use crate::caller::{Caller, Principal, Via};
use crate::clock;
use crate::credentials::tokens::{random_secret, secret_hash};
use crate::domain::Email;
use crate::error::{ApiError, ApiResult};
use crate::reach::{self, Reach};
use crate::state::AppState;

/// One answer for an unknown e-mail, a wrong password and a deactivated account, so the
/// answer never tells which e-mails have accounts.
pub const WRONG_CREDENTIALS: &str = "the e-mail or password is wrong";
const INVALID_REFRESH: &str = "the refresh token is invalid, expired or revoked; sign in again";

fn account_key(email: &str) -> String {
    format!("login:account:{email}")
}

fn address_key(caller: &Caller) -> String {
    format!("login:address:{}", caller.address_key())
}

/// A caller acting in the session just started, for the audit trail.
fn session_caller(user: &user::Model, family: Uuid, address: &Caller) -> Caller {
    Caller {
        principal: Some(Principal { user: user.clone(), via: Via::Session(family), leads: Vec::new(), reach: Reach::Installation }),
        address: address.address,
        command: None,
    }
}

/// Counts a password attempt against this account and this address before the hash is checked,
/// failing with 429 when either has too many recent failures (or wrong current passwords). Counting
/// first means a burst of concurrent guesses gets no more tries than a sequence of them.
pub fn reserve_attempt(state: &AppState, caller: &Caller, email: &str) -> ApiResult<()> {
    let limits = state.config.limits;
    let (address, account) = (address_key(caller), account_key(email));
    state
        .limiter
        .acquire(&[(&address, limits.login_failures_per_address), (&account, limits.login_failures_per_account)], limits.login_window)
}

/// The password was right: the account's failures are forgotten and the address gets its try back.
pub fn attempt_succeeded(state: &AppState, caller: &Caller, email: &str) {
    state.limiter.clear(&account_key(email));
    state.limiter.refund(&address_key(caller));
}

pub async fn login(state: &AppState, caller: &Caller, body: LoginRequest) -> ApiResult<TokenPair> {
    let full = Email::normalize(&body.email);
    // No account has a longer e-mail; cut, it keeps limiter keys and audit rows small.
    let email: String = full.chars().take(Email::MAX).collect();
    // Before any hashing, so a flood of guesses costs the server nothing.
    reserve_attempt(state, caller, &email)?;
    let found = user::Entity::find().filter(user::Column::Email.eq(&full)).one(&state.db).await?;
    let matches = state.passwords.verify(body.password.clone(), found.as_ref().map(|u| u.password_hash.clone())).await?;
    let user = match found {
        Some(user) if matches && user.is_active => user,
        other => {
            let reason = match &other {
                None => "unknown_email",
                Some(_) if !matches => "wrong_password",
                Some(_) => "deactivated",
            };
            let mut changes = changes_of(&body);
            changes.0.insert("email".into(), json!(email));
            changes.0.insert("reason".into(), json!(reason));
            if let Some(user) = &other {
                changes.0.insert("user_id".into(), json!(user.id));
            }
            audit::record(&state.db, caller, "login_failed", "session", None, changes).await?;
            return Err(ApiError::Unauthorized(WRONG_CREDENTIALS.into()));
        }
    };
    attempt_succeeded(state, caller, &email);
    let family = Uuid::now_v7();
    let actor = session_caller(&user, family, caller);
    let txn = crate::db::begin(&state.db).await?;
    let pair = issue(&txn, state, user, family).await?;
    let mut changes = changes_of(&body);
    changes.0.insert("email".into(), json!(email));
    audit::record(&txn, &actor, "login", "session", Some(family), changes).await?;
    txn.commit().await?;
    Ok(pair)
}

/// Spends `secret` and answers the next pair of its session. A spent token presented again
/// means someone kept a copy: the whole session ends, for the thief and the owner alike.
pub async fn refresh(state: &AppState, caller: &Caller, secret: &str) -> ApiResult<TokenPair> {
    let invalid = || ApiError::Unauthorized(INVALID_REFRESH.into());
    let now = clock::now();
    let txn = crate::db::begin(&state.db).await?;
    let token = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(secret_hash(secret)))
        .one(&txn)
        .await?
        .ok_or_else(invalid)?;
    if token.revoked_at.is_some() {
        return Err(invalid());
    }
    // Spend it only if nobody did in the meantime, so two racing refreshes cannot both win.
    let spent = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::SpentAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(token.id))
        .filter(refresh_token::Column::SpentAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        revoke_family(&txn, token.family_id).await?;
        let changes = changes_of(&json!({"user_id": token.user_id, "reason": "a spent refresh token was presented again"}));
        audit::record(&txn, caller, "refresh_reuse", "session", Some(token.family_id), changes).await?;
        txn.commit().await?;
        return Err(invalid());
    }
    if token.expires_at <= now {
        return Err(invalid());
    }
    let user = user::Entity::find_by_id(token.user_id).one(&txn).await?.filter(|u| u.is_active).ok_or_else(invalid)?;
    let pair = issue(&txn, state, user, token.family_id).await?;
    txn.commit().await?;
    Ok(pair)
}

/// Ends the session of `secret` and the caller's own session (either may be absent).
pub async fn logout(state: &AppState, caller: &Caller, secret: Option<&str>) -> ApiResult<()> {
    let mut families = Vec::new();
    if let Some(Principal { via: Via::Session(sid), .. }) = &caller.principal {
        families.push(*sid);
    }
    let txn = crate::db::begin(&state.db).await?;
    if let Some(secret) = secret {
        let token = refresh_token::Entity::find().filter(refresh_token::Column::TokenHash.eq(secret_hash(secret))).one(&txn).await?;
        // An unknown token is a session already gone: signing out again is not an error.
        families.extend(token.map(|t| t.family_id).filter(|f| !families.contains(f)));
    } else if families.is_empty() {
        return Err(ApiError::Unauthorized("send the refresh token, or the access token of the session to end".into()));
    }
    for family in families {
        if revoke_family(&txn, family).await? > 0 {
            audit::record(&txn, caller, "logout", "session", Some(family), Default::default()).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Revokes the live tokens of one session; answers how many.
pub async fn revoke_family<D: ConnectionTrait>(db: &D, family: Uuid) -> ApiResult<u64> {
    let result = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(clock::now()))
        .filter(refresh_token::Column::FamilyId.eq(family))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}

/// Ends every session of `user_id` except `keep` (the caller's own, on a password change).
pub async fn revoke_sessions<D: ConnectionTrait>(db: &D, user_id: Uuid, keep: Option<Uuid>) -> ApiResult<()> {
    let mut update = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(clock::now()))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null());
    if let Some(family) = keep {
        update = update.filter(refresh_token::Column::FamilyId.ne(family));
    }
    update.exec(db).await?;
    Ok(())
}

/// `user`'s own account with what it manages: for a coordinator one recursive query of the
/// territories assigned and those below them.
pub async fn me_of<D: ConnectionTrait>(db: &D, user: user::Model) -> ApiResult<Me> {
    let manages = match user.role {
        Role::Admin => Manages::EVERYTHING,
        Role::Coordinator => match reach::coordinated(db, user.id).await? {
            Reach::Installation => Manages::EVERYTHING,
            Reach::Territories(ids) => Manages { whole_installation: false, territory_ids: ids.into_iter().collect() },
        },
        Role::Member => Manages::NOTHING,
    };
    Ok(Me { user: User::from_model(user), manages })
}

/// Stores a new refresh token of `family` (only its hash) and signs an access token for it.
async fn issue<D: ConnectionTrait>(db: &D, state: &AppState, user: user::Model, family: Uuid) -> ApiResult<TokenPair> {
    let now = clock::now();
    let ttl = chrono::Duration::from_std(state.config.refresh_token_ttl).map_err(|_| ApiError::Internal)?;
    let secret = random_secret();
    // Expired refresh tokens prove nothing any more; dropping the person's own here keeps the table
    // as small as its live sessions, with no sweeper to run (a family's newest token outlives its
    // access tokens by far, so no session still in use loses its revocation record).
    refresh_token::Entity::delete_many()
        .filter(refresh_token::Column::UserId.eq(user.id))
        .filter(refresh_token::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        family_id: Set(family),
        token_hash: Set(secret_hash(&secret)),
        expires_at: Set(now + ttl),
        spent_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(TokenPair {
        access_token: state.jwt.issue(user.id, family)?,
        token_type: "Bearer",
        expires_in: state.jwt.ttl().as_secs(),
        refresh_token: secret,
        user: me_of(db, user).await?,
    })
}
