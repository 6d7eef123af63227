//! "Zapomenuté heslo": a reset link by e-mail, single use and short-lived, and the new password
//! set with it (an invitation's link, `invitation.rs`, sets the first password the same way).
//!
//! The request answers the same whatever the address (an account, none, a deactivated one), and
//! sends nothing itself: the e-mail goes into the outbox in the request's transaction, so the
//! answer takes the same few milliseconds either way and never waits for SMTP. The link carries its
//! token in the fragment (`#token=`), which browsers never send to a server, so it stays out of
//! access logs; only its SHA-256 is stored, like a refresh token's.
use entity::enums::Language;
use entity::{password_reset, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::dto::{PasswordResetConfirm, PasswordResetRequest};
use super::service::revoke_sessions;
use crate::audit::{self, service::changes_of};
use crate::caller::Caller;
use crate::clock;
use crate::config::Config;
use crate::credentials::passwords;
use crate::credentials::tokens::{random_secret, secret_hash};
use crate::domain::Email;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::outbox::{self, Message, email::Block};
use crate::state::AppState;
use crate::store::update_versioned;

const INVALID_LINK: &str = "the link is invalid, expired or already used; ask for a new one";

/// Queues a reset link for the account of `email`, if there is an active one. Limited per address
/// asked for and per client address alike, whether an account exists or not (429), so the limit
/// tells nothing either.
pub async fn request(state: &AppState, caller: &Caller, body: PasswordResetRequest) -> ApiResult<()> {
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let email = Email::normalize(&body.email);
    let limits = state.config.limits;
    let (address, account) = (format!("reset:address:{}", caller.address_key()), format!("reset:account:{email}"));
    state
        .limiter
        .acquire(&[(&address, limits.password_resets_per_address), (&account, limits.password_resets_per_account)], limits.link_window)?;
    let txn = crate::db::begin(&state.db).await?;
    let found = user::Entity::find().filter(user::Column::Email.eq(&email)).filter(user::Column::IsActive.eq(true)).one(&txn).await?;
    let Some(user) = found else {
        let changes = changes_of(&json!({"email": email, "reason": "no active account"}));
        audit::record(&txn, caller, "password_reset_requested", "user", None, changes).await?;
        txn.commit().await?;
        return Ok(());
    };
    let secret = issue_link(&txn, user.id, state.config.password_reset_ttl).await?;
    outbox::enqueue(&txn, Message::Email(link_email(&state.config, &user, &secret))).await?;
    audit::record(&txn, caller, "password_reset_requested", "user", Some(user.id), changes_of(&json!({"email": email}))).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(())
}

/// A new link for `user`, valid for `ttl`: its secret, of which only the hash is stored. For a
/// forgotten password and for an invitation, which sets the first one the same way.
pub async fn issue_link(txn: &DatabaseTransaction, user: Uuid, ttl: std::time::Duration) -> ApiResult<String> {
    let now = clock::now();
    let ttl = chrono::Duration::from_std(ttl).map_err(|_| ApiError::Internal)?;
    // Expired links prove nothing any more; dropping the account's own keeps the table small.
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(user))
        .filter(password_reset::Column::ExpiresAt.lt(now))
        .exec(txn)
        .await?;
    let secret = random_secret();
    password_reset::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user),
        token_hash: Set(secret_hash(&secret)),
        expires_at: Set(now + ttl),
        spent_at: Set(None),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    Ok(secret)
}

/// Sets the password with a link's token: the link is spent (and with it every other link of the
/// account), and every session of the account ends.
pub async fn confirm(state: &AppState, caller: &Caller, body: PasswordResetConfirm) -> ApiResult<()> {
    let invalid = || ApiError::invalid("token", FieldErrorCode::Invalid, INVALID_LINK);
    let now = clock::now();
    let link = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(secret_hash(&body.token)))
        .filter(password_reset::Column::SpentAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .one(&state.db)
        .await?
        .ok_or_else(invalid)?;
    let user = user::Entity::find_by_id(link.user_id).one(&state.db).await?.filter(|u| u.is_active).ok_or_else(invalid)?;
    let mut v = Validator::new();
    v.field(passwords::check_policy("new_password", &body.new_password, &[&user.email, &user.display_name]));
    v.finish()?;
    let hash = state.passwords.hash(body.new_password.clone()).await?;
    let txn = crate::db::begin(&state.db).await?;
    // Spent only if nobody did in the meantime, so two racing uses of one link cannot both win;
    // then the account's other links go too.
    let spent = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::SpentAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(link.id))
        .filter(password_reset::Column::SpentAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        return Err(invalid());
    }
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::SpentAt, Expr::value(now))
        .filter(password_reset::Column::UserId.eq(user.id))
        .filter(password_reset::Column::SpentAt.is_null())
        .exec(&txn)
        .await?;
    let current = user::Entity::find_by_id(user.id).one(&txn).await?.ok_or_else(invalid)?;
    let version = current.version;
    let mut active = current.into_active_model();
    active.password_hash = Set(hash);
    update_versioned(&txn, active, user.id, version).await?;
    revoke_sessions(&txn, user.id, None).await?;
    audit::record(&txn, caller, "password_reset_confirmed", "user", Some(user.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(())
}

/// The e-mail with the link, in the account's language.
fn link_email(config: &Config, user: &user::Model, secret: &str) -> outbox::Email {
    let url = format!("{}/reset-password#token={secret}", config.public_url);
    let minutes = config.password_reset_ttl.as_secs() / 60;
    let (subject, greeting, body, label, ignore) = match user.language {
        Language::Cs => (
            "Obnovení hesla ve Spoluplánu".to_string(),
            format!("Dobrý den, {},", user.display_name),
            format!(
                "někdo (nejspíš vy) požádal o nové heslo k účtu {} ve Spoluplánu. Odkaz níže platí {minutes} minut a jde použít jen jednou.",
                user.email
            ),
            "Nastavit nové heslo",
            "Pokud jste o nové heslo nežádali, tento e-mail smažte: vaše heslo zůstává beze změny.",
        ),
        Language::En => (
            "Resetting your Spoluplán password".to_string(),
            format!("Hello {},", user.display_name),
            format!(
                "someone (most likely you) asked for a new password for the Spoluplán account {}. The link below works for {minutes} minutes, once.",
                user.email
            ),
            "Set a new password",
            "If you did not ask for a new password, delete this e-mail: your password stays as it is.",
        ),
    };
    let blocks = [Block::Text(&greeting), Block::Text(&body), Block::Link { label, url: &url }, Block::Text(ignore)];
    outbox::Email::new(&user.email, user.language, &subject, &blocks)
}
