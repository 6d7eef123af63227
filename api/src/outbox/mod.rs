//! The transactional outbox. A change that must tell someone (an e-mail, an event for webhooks)
//! calls [`enqueue`] inside its own `db::begin` transaction: the message is a row committed with
//! the change or not at all. The [`worker`] running inside the server sends it afterwards, so a crash
//! between the commit and the send loses nothing and no request waits for SMTP. After its commit
//! the caller calls [`Wake::wake`], so the worker in this process starts at once instead of at its
//! next poll.
mod digest;
pub mod email;
pub mod event;
mod fan_out;
pub mod notify;
pub mod reminder;
pub mod webhook;
pub mod worker;

use std::sync::Arc;

use entity::outbox;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};
use tokio::sync::Notify;
use uuid::Uuid;

use crate::clock;
use crate::error::ApiResult;

pub use email::Email;

/// What can be put in the outbox; its `kind` column names the variant.
#[derive(Debug, Clone)]
pub enum Message {
    Email(Email),
    /// Something happened (see `events`); the worker fans it out to the webhooks to tell.
    Event(event::Event),
    /// One event for one webhook.
    Webhook(webhook::Delivery),
}

impl Message {
    fn kind(&self) -> &'static str {
        match self {
            Message::Email(_) => email::KIND,
            Message::Event(_) => event::KIND,
            Message::Webhook(_) => webhook::KIND,
        }
    }

    fn payload(&self) -> serde_json::Value {
        let value = match self {
            Message::Email(email) => serde_json::to_value(email),
            Message::Event(event) => serde_json::to_value(event),
            Message::Webhook(delivery) => serde_json::to_value(delivery),
        };
        value.expect("a message serializes")
    }
}

/// Writes `message` into the outbox, due at once. Run it in the transaction of the change it
/// belongs to, and wake the worker after the commit.
pub async fn enqueue(db: &impl ConnectionTrait, message: Message) -> ApiResult<Uuid> {
    Ok(write(db, message).await?)
}

/// [`enqueue`] for the worker, which handles database errors itself.
async fn write(db: &impl ConnectionTrait, message: Message) -> Result<Uuid, DbErr> {
    let now = clock::now();
    let id = Uuid::now_v7();
    outbox::ActiveModel {
        id: Set(id),
        kind: Set(message.kind().to_string()),
        payload: Set(message.payload()),
        attempts: Set(0),
        next_attempt_at: Set(Some(now)),
        sent_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// Wakes this process's worker. Called after the commit: woken before it, the worker would look
/// before the message is visible and go back to sleep until its next poll.
#[derive(Clone, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    pub fn wake(&self) {
        self.0.notify_one();
    }

    async fn woken(&self) {
        self.0.notified().await
    }
}
