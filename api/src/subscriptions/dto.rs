//! Subscription request and response bodies.
use chrono::{DateTime, Utc};
use entity::enums::SubscriptionTarget;
use entity::subscription;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::{Validate, Validator};
use crate::events::EventType;
use crate::http::Versioned;
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionCreate {
    pub target_type: SubscriptionTarget,
    /// A plan, working group or territory the caller may read (422 otherwise).
    pub target_id: Uuid,
    /// The event types wanted, each once; none or empty: every one about the target.
    #[schema(value_type = Option<Vec<EventType>>, max_items = 12)]
    pub events: Option<Vec<String>>,
}

impl Validate for SubscriptionCreate {
    fn validate(&self, v: &mut Validator) {
        if let Some(events) = &self.events {
            crate::events::check_names(v, events);
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Subscription {
    pub id: Uuid,
    pub target_type: SubscriptionTarget,
    pub target_id: Uuid,
    /// Empty: every event about the target.
    #[schema(value_type = Vec<EventType>)]
    pub events: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Subscription {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Subscription {
    pub fn from_model(m: subscription::Model) -> Self {
        Self {
            id: m.id,
            target_type: m.target_type,
            target_id: m.target_id,
            events: m.events.0,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(SubscriptionPage, Subscription);

/// The settlement notices of one comment, which an unsubscribe link of theirs ends.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommentNotices {
    pub comment_id: Uuid,
    /// The plan the comment is on, for a link to its page.
    pub plan_id: Option<Uuid>,
}
