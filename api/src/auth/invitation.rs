//! An invitation: a member added without a password gets an e-mail with a link to set their own,
//! valid for days rather than a reset link's hour (people read such mail when they get to it).
//! Until they follow it the account has a password nobody knows, so it cannot be signed in to;
//! the link is a reset link (`reset::issue_link`), set with `POST /auth/password-reset/confirm`,
//! and a forgotten-password request later makes a fresh one.
use entity::enums::{Language, Role};
use entity::user;
use sea_orm::DatabaseTransaction;

use super::reset::issue_link;
use crate::caller::Caller;
use crate::config::Config;
use crate::error::ApiResult;
use crate::outbox::{self, Message, email::Block};

/// Queues `user`'s invitation from `inviter` in the transaction that made the account.
pub async fn invite(txn: &DatabaseTransaction, config: &Config, inviter: &Caller, user: &user::Model) -> ApiResult<()> {
    let secret = issue_link(txn, user.id, config.invitation_ttl).await?;
    outbox::enqueue(txn, Message::Email(email(config, &inviter.display_name(), user, &secret))).await?;
    Ok(())
}

fn role_cs(role: Role) -> &'static str {
    match role {
        Role::Member => "člen",
        Role::Coordinator => "koordinátor",
        Role::Admin => "správce",
    }
}

fn role_en(role: Role) -> &'static str {
    match role {
        Role::Member => "member",
        Role::Coordinator => "coordinator",
        Role::Admin => "administrator",
    }
}

fn email(config: &Config, inviter: &str, user: &user::Model, secret: &str) -> outbox::Email {
    let url = format!("{}/reset-password#token={secret}", config.public_url);
    let days = config.invitation_ttl.as_secs().div_ceil(86_400);
    let (subject, greeting, body, label, after) = match user.language {
        Language::Cs => (
            "Pozvánka do Spoluplánu".to_string(),
            format!("Dobrý den, {},", user.display_name),
            format!(
                "{inviter} vám ve Spoluplánu, systému komunitního plánování sociálních služeb, založil(a) účet {} (role: {}). \
                 Odkazem níže si nastavíte heslo; platí {days} dní a jde použít jen jednou.",
                user.email,
                role_cs(user.role)
            ),
            "Nastavit heslo",
            "Když odkaz vyprší, požádejte na přihlašovací stránce o zapomenuté heslo. Pokud účet nechcete, tento e-mail smažte.",
        ),
        Language::En => (
            "Your invitation to Spoluplán".to_string(),
            format!("Hello {},", user.display_name),
            format!(
                "{inviter} made you the account {} (role: {}) in Spoluplán, the community planning system for social services. \
                 Set your password with the link below; it works for {days} days, once.",
                user.email,
                role_en(user.role)
            ),
            "Set your password",
            "If the link has expired, ask for a forgotten password on the sign-in page. If you do not want the account, delete this e-mail.",
        ),
    };
    let blocks = [Block::Text(&greeting), Block::Text(&body), Block::Link { label, url: &url }, Block::Text(after)];
    outbox::Email::new(&user.email, user.language, &subject, &blocks)
}
