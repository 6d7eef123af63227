//! Webhook request and response bodies.
use chrono::{DateTime, Utc};
use entity::{webhook, webhook_delivery};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Text;
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::events::EventType;
use crate::http::{Versioned, nullable};
use crate::page_of;

const MAX_URL: usize = 2000;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookCreate {
    /// Where the events are posted: `https` on a public host (422 for a loopback or private one,
    /// unless the installation allows them with `SPOLUPLAN_WEBHOOK_ALLOW_PRIVATE=1`).
    #[schema(min_length = 1, max_length = 2000, format = "uri")]
    pub url: String,
    /// The event types to be told of; at least one, each once.
    #[schema(value_type = Vec<EventType>, min_items = 1, max_items = 12)]
    pub events: Vec<String>,
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    /// Default true.
    pub enabled: Option<bool>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct WebhookPatch {
    #[schema(min_length = 1, max_length = 2000, format = "uri")]
    pub url: Option<String>,
    #[schema(value_type = Option<Vec<EventType>>, min_items = 1, max_items = 12)]
    pub events: Option<Vec<String>>,
    /// null removes the description.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 2000)]
    pub description: Option<Option<String>>,
    /// A webhook disabled after failed deliveries is enabled again here.
    pub enabled: Option<bool>,
}

/// The events: at least one, each a known type, each once.
fn check_events(v: &mut Validator, events: &[String]) {
    if events.is_empty() {
        v.error("events", FieldErrorCode::Required, "name at least one event type");
    }
    crate::events::check_names(v, events);
}

fn check_url_length(v: &mut Validator, url: &str) {
    v.check(!url.trim().is_empty(), "url", FieldErrorCode::Required, "is required");
    v.check(url.len() <= MAX_URL, "url", FieldErrorCode::TooLong, format!("must be at most {MAX_URL} characters"));
}

impl Validate for WebhookCreate {
    fn validate(&self, v: &mut Validator) {
        check_url_length(v, &self.url);
        check_events(v, &self.events);
        if let Some(description) = &self.description {
            v.field(Text::<2000>::parse("description", description));
        }
    }
}

impl Validate for WebhookPatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(url) = &self.url {
            check_url_length(v, url);
        }
        if let Some(events) = &self.events {
            check_events(v, events);
        }
        if let Some(Some(description)) = &self.description {
            v.field(Text::<2000>::parse("description", description));
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Webhook {
    pub id: Uuid,
    pub url: String,
    #[schema(value_type = Vec<EventType>)]
    pub events: Vec<String>,
    pub description: Option<String>,
    /// False once disabled by its owner, or by the server after a delivery failed every retry.
    pub enabled: bool,
    /// The coordinator or admin it belongs to.
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Webhook {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Webhook {
    pub fn from_model(m: webhook::Model) -> Self {
        Self {
            id: m.id,
            url: m.url,
            events: m.events.0,
            description: m.description,
            enabled: m.enabled,
            user_id: m.user_id,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// A new webhook, with its signing secret: answered this once, never again.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookCreated {
    #[serde(flatten)]
    pub webhook: Webhook,
    /// `whsec_` and the base64 of 32 random bytes; the key of the `webhook-signature` HMAC.
    pub secret: String,
}

impl Versioned for WebhookCreated {
    fn version(&self) -> i32 {
        self.webhook.version
    }
}

/// One attempt to deliver an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDelivery {
    pub id: Uuid,
    /// The `webhook-id` header: the same on every attempt of one delivery.
    pub message_id: Uuid,
    pub event_id: Uuid,
    #[schema(value_type = EventType)]
    pub event_type: String,
    /// 1 for the first attempt.
    pub attempt: i32,
    /// The receiver's HTTP status; null when it gave none (unreachable, refused, timed out).
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    pub error: Option<String>,
    /// When the next attempt is due; null after a success or the last attempt.
    pub next_retry_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl WebhookDelivery {
    pub fn from_model(m: webhook_delivery::Model) -> Self {
        Self {
            id: m.id,
            message_id: m.message_id,
            event_id: m.event_id,
            event_type: m.event_type,
            attempt: m.attempt,
            status_code: m.status_code,
            duration_ms: m.duration_ms,
            error: m.error,
            next_retry_at: m.next_retry_at,
            created_at: m.created_at,
        }
    }
}

page_of!(WebhookPage, Webhook);
page_of!(WebhookDeliveryPage, WebhookDelivery);
