//! Events: what happened to a resource, for the integrations that listen (webhooks now, e-mail
//! subscriptions later). A change calls [`record`] inside its own transaction, so the event is
//! committed with the change or not at all, and wakes the outbox after the commit; the outbox
//! worker fans each event out to the webhooks subscribed to it (`outbox::fan_out`).
//!
//! What an event carries is for anyone its webhooks' owners may show it to: ids, territory, a
//! title and a status. Never personal data (no e-mail addresses, no names of anonymous authors,
//! no comment texts).
use entity::{comment, meeting, need, plan, service, survey};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::clock;
use crate::error::{ApiResult, FieldErrorCode, Validator};
use crate::outbox::{self, Message, event::Event};

/// The events there are, named `resource.action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum EventType {
    #[serde(rename = "plan.status_changed")]
    PlanStatusChanged,
    #[serde(rename = "plan.updated")]
    PlanUpdated,
    /// Three days before a plan's consultation closes (written by the outbox worker's sweep).
    #[serde(rename = "plan.consultation_closing")]
    PlanConsultationClosing,
    #[serde(rename = "measure.updated")]
    MeasureUpdated,
    #[serde(rename = "comment.created")]
    CommentCreated,
    #[serde(rename = "comment.resolved")]
    CommentResolved,
    #[serde(rename = "meeting.scheduled")]
    MeetingScheduled,
    #[serde(rename = "meeting.updated")]
    MeetingUpdated,
    #[serde(rename = "meeting.cancelled")]
    MeetingCancelled,
    #[serde(rename = "need.created")]
    NeedCreated,
    #[serde(rename = "survey.opened")]
    SurveyOpened,
    #[serde(rename = "service.updated")]
    ServiceUpdated,
}

impl EventType {
    pub const ALL: [EventType; 12] = [
        Self::PlanStatusChanged,
        Self::PlanUpdated,
        Self::PlanConsultationClosing,
        Self::MeasureUpdated,
        Self::CommentCreated,
        Self::CommentResolved,
        Self::MeetingScheduled,
        Self::MeetingUpdated,
        Self::MeetingCancelled,
        Self::NeedCreated,
        Self::SurveyOpened,
        Self::ServiceUpdated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PlanStatusChanged => "plan.status_changed",
            Self::PlanUpdated => "plan.updated",
            Self::PlanConsultationClosing => crate::outbox::reminder::KIND,
            Self::MeasureUpdated => "measure.updated",
            Self::CommentCreated => "comment.created",
            Self::CommentResolved => "comment.resolved",
            Self::MeetingScheduled => "meeting.scheduled",
            Self::MeetingUpdated => "meeting.updated",
            Self::MeetingCancelled => "meeting.cancelled",
            Self::NeedCreated => "need.created",
            Self::SurveyOpened => "survey.opened",
            Self::ServiceUpdated => "service.updated",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// 422 on `events[i]` for a name that is no event type or is listed twice, on `events` for too many.
pub fn check_names(v: &mut Validator, events: &[String]) {
    v.items("events", events.len(), EventType::ALL.len());
    for (i, name) in events.iter().enumerate() {
        if EventType::parse(name).is_none() {
            let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            v.error(&format!("events[{i}]"), FieldErrorCode::InvalidValue, format!("unknown event type; known: {}", known.join(", ")));
        }
    }
    v.once_each("events", events);
}

/// What an event is about: its `data`, where it lies and whether the public may read it.
pub struct Subject {
    data: Value,
    /// Empty for a resource of the whole installation.
    territories: Vec<Uuid>,
    public: bool,
}

impl Subject {
    /// A plan; a draft is not public.
    pub fn plan(plan: &plan::Model) -> Self {
        Self {
            data: json!({"id": plan.id, "territory_id": plan.territory_id, "title": plan.title, "status": plan.status}),
            territories: plan.territory_id.into_iter().collect(),
            public: plan.status != entity::enums::PlanStatus::Draft,
        }
    }

    /// A measure, placed and seen as its plan is.
    pub fn measure(id: Uuid, title: &str, status: impl Serialize, progress: i32, plan: &plan::Model) -> Self {
        let mut subject = Self::plan(plan);
        subject.data = json!({"id": id, "plan_id": plan.id, "territory_id": plan.territory_id, "title": title,
                              "status": status, "progress": progress});
        subject
    }

    /// A comment, without its text or author; public when it is published on a public target.
    pub fn comment(comment: &comment::Model, territory: Option<Uuid>, target_public: bool) -> Self {
        Self {
            data: json!({"id": comment.id, "target_type": comment.target_type, "target_id": comment.target_id,
                         "plan_id": comment.plan_id, "parent_id": comment.parent_id, "territory_id": territory,
                         "status": comment.status, "is_consultation": comment.is_consultation,
                         "resolution": comment.resolution}),
            territories: territory.into_iter().collect(),
            public: target_public && comment.status == entity::enums::CommentStatus::Published,
        }
    }

    /// A meeting, placed where its working group is (meetings are public).
    pub fn meeting(meeting: &meeting::Model, territory: Option<Uuid>) -> Self {
        Self {
            data: json!({"id": meeting.id, "working_group_id": meeting.working_group_id, "territory_id": territory,
                         "title": meeting.title, "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
                         "status": meeting.status}),
            territories: territory.into_iter().collect(),
            public: true,
        }
    }

    /// A need, without who reported it (needs are public).
    pub fn need(need: &need::Model) -> Self {
        Self {
            data: json!({"id": need.id, "territory_id": need.territory_id, "title": need.title, "status": need.status}),
            territories: need.territory_id.into_iter().collect(),
            public: true,
        }
    }

    /// A survey; only drafts are hidden.
    pub fn survey(survey: &survey::Model) -> Self {
        Self {
            data: json!({"id": survey.id, "territory_id": survey.territory_id, "plan_id": survey.plan_id,
                         "title": survey.title, "status": survey.status, "closes_at": survey.closes_at}),
            territories: vec![survey.territory_id],
            public: survey.status != entity::enums::SurveyStatus::Draft,
        }
    }

    /// A service of the public catalogue, placed in every territory it serves.
    pub fn service(service: &service::Model, territories: &[Uuid]) -> Self {
        Self {
            data: json!({"id": service.id, "organization_id": service.organization_id, "territory_ids": territories,
                         "title": service.name, "kind_code": service.kind_code}),
            territories: territories.to_vec(),
            public: true,
        }
    }
}

/// Writes the event into the outbox. Run it in the transaction of the change, and wake the outbox
/// (`state.outbox.wake()`) after the commit.
pub async fn record(db: &impl sea_orm::ConnectionTrait, kind: EventType, subject: Subject) -> ApiResult<()> {
    let event = Event {
        id: Uuid::now_v7(),
        kind: kind.as_str().to_string(),
        occurred_at: clock::now(),
        data: subject.data,
        territories: subject.territories,
        public: subject.public,
    };
    outbox::enqueue(db, Message::Event(event)).await?;
    Ok(())
}
