//! Changing one's own e-mail: `PATCH /me` with a new `email` changes nothing yet but sends a link
//! to the new address, and the change happens when the link is followed
//! (`POST /auth/email-change/confirm`). So the new address is proven to be the person's, and the
//! answer to `PATCH /me` is the same whether or not another account has the address (no link is
//! sent then), which would otherwise let any member test which addresses have accounts.
use entity::enums::Language;
use entity::{email_change, user};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use super::dto::EmailChangeConfirm;
use super::service::ensure_email_free;
use crate::audit::{self, service::changes_of};
use crate::caller::Caller;
use crate::clock;
use crate::config::Config;
use crate::credentials::tokens::{random_secret, secret_hash};
use crate::error::{ApiError, ApiResult, FieldErrorCode};
use crate::outbox::{self, Message, email::Block};
use crate::state::AppState;
use crate::store::update_versioned;

/// How long the link to the new address works.
const TTL: chrono::Duration = chrono::Duration::hours(24);
const INVALID_LINK: &str = "the link is invalid, expired or already used; change the e-mail again";

/// Counts a request to change the caller's e-mail to `email` (429 past the limit), before anything
/// else, so the limit too is the same for free and taken addresses.
pub fn reserve(state: &AppState, user_id: Uuid) -> ApiResult<()> {
    let limits = state.config.limits;
    state.limiter.acquire(&[(&format!("email-change:account:{user_id}"), limits.email_changes_per_account)], limits.link_window)
}

/// Records the wish of `user` to use `new_email` and queues the link to it, unless another account
/// has the address. Runs in the caller's transaction; answers whether a message was queued (wake
/// the outbox after the commit).
pub async fn request<D: ConnectionTrait>(
    db: &D,
    state: &AppState,
    caller: &Caller,
    user: &user::Model,
    new_email: &str,
) -> ApiResult<bool> {
    let now = clock::now();
    let taken = ensure_email_free(db, new_email, Some(user.id)).await.is_err();
    let changes = changes_of(&json!({"new_email": new_email, "sent": !taken}));
    audit::record(db, caller, "email_change_requested", "user", Some(user.id), changes).await?;
    if taken {
        return Ok(false);
    }
    email_change::Entity::delete_many()
        .filter(email_change::Column::UserId.eq(user.id))
        .filter(email_change::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    let secret = random_secret();
    email_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user.id),
        new_email: Set(new_email.to_string()),
        token_hash: Set(secret_hash(&secret)),
        expires_at: Set(now + TTL),
        spent_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    outbox::enqueue(db, Message::Email(link_email(&state.config, user, new_email, &secret))).await?;
    Ok(true)
}

/// Follows the link: the account takes the new address (409 `duplicate` if another account took it
/// in the meantime), and every pending change of the account is spent.
pub async fn confirm(state: &AppState, caller: &Caller, body: EmailChangeConfirm) -> ApiResult<()> {
    let invalid = || ApiError::invalid("token", FieldErrorCode::Invalid, INVALID_LINK);
    let now = clock::now();
    let txn = crate::db::begin(&state.db).await?;
    let link = email_change::Entity::find()
        .filter(email_change::Column::TokenHash.eq(secret_hash(&body.token)))
        .filter(email_change::Column::SpentAt.is_null())
        .filter(email_change::Column::ExpiresAt.gt(now))
        .one(&txn)
        .await?
        .ok_or_else(invalid)?;
    let current = user::Entity::find_by_id(link.user_id).one(&txn).await?.filter(|u| u.is_active).ok_or_else(invalid)?;
    ensure_email_free(&txn, &link.new_email, Some(current.id)).await?;
    email_change::Entity::update_many()
        .col_expr(email_change::Column::SpentAt, Expr::value(now))
        .filter(email_change::Column::UserId.eq(current.id))
        .filter(email_change::Column::SpentAt.is_null())
        .exec(&txn)
        .await?;
    let (id, version, old_email) = (current.id, current.version, current.email.clone());
    let mut active = current.into_active_model();
    active.email = Set(link.new_email.clone());
    update_versioned(&txn, active, id, version).await?;
    let changes = changes_of(&json!({"email": link.new_email, "previous_email": old_email}));
    audit::record(&txn, caller, "email_change_confirmed", "user", Some(id), changes).await?;
    txn.commit().await?;
    Ok(())
}

/// The e-mail with the link, to the new address, in the account's language.
fn link_email(config: &Config, user: &user::Model, new_email: &str, secret: &str) -> outbox::Email {
    let url = format!("{}/confirm-email#token={secret}", config.public_url);
    let (subject, greeting, body, label, ignore) = match user.language {
        Language::Cs => (
            "Potvrďte novou e-mailovou adresu ve Spoluplánu",
            format!("Dobrý den, {},", user.display_name),
            "tuto adresu si někdo (nejspíš vy) nastavil jako novou adresu svého účtu ve Spoluplánu. Změnu potvrdíte odkazem níže; platí 24 hodin a jde použít jen jednou.",
            "Potvrdit novou adresu",
            "Pokud jste o změnu nežádali, tento e-mail smažte: nic se nezmění.",
        ),
        Language::En => (
            "Confirm your new e-mail address for Spoluplán",
            format!("Hello {},", user.display_name),
            "someone (most likely you) set this address as the new address of their Spoluplán account. Confirm the change with the link below; it works for 24 hours, once.",
            "Confirm the new address",
            "If you did not ask for this change, delete this e-mail: nothing changes.",
        ),
    };
    let blocks = [Block::Text(&greeting), Block::Text(body), Block::Link { label, url: &url }, Block::Text(ignore)];
    outbox::Email::new(new_email, user.language, subject, &blocks)
}
