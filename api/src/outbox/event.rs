//! An event as the outbox keeps it (see `events`): what webhooks receive, and where it lies and
//! whether the public may read it, for the fan-out to decide who receives it.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

pub const KIND: &str = "event";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub id: Uuid,
    /// `plan.status_changed`, …
    #[serde(rename = "type")]
    pub kind: String,
    pub occurred_at: DateTime<Utc>,
    pub data: Value,
    /// The territories the resource lies in; empty for one of the whole installation.
    pub territories: Vec<Uuid>,
    /// Whether the public may read the resource (a draft plan's may not).
    pub public: bool,
}

impl Event {
    /// The body a webhook receives: `{id, type, occurred_at, data}`.
    pub fn body(&self) -> String {
        json!({"id": self.id, "type": self.kind, "occurred_at": self.occurred_at, "data": self.data}).to_string()
    }
}
