//! Comment request and response bodies; who sees e-mails and moderation reasons is decided here.
use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::comment;
use entity::enums::{Channel, CommentStatus, Resolution, TargetType};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::authors::{Author, View, resolver};
use crate::clock;
use crate::domain::{Email, NonBlank, Text};
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::http::Versioned;
use crate::page_of;

/// A comment's text.
type Body = NonBlank<10_000>;
/// A moderation reason, a resolution's justification or change.
type Remark = Text<10_000>;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentCreate {
    pub target_type: TargetType,
    pub target_id: Uuid,
    /// Answers a top-level comment on the same target (replies nest one level).
    pub parent_id: Option<Uuid>,
    /// 1 to 10 000 characters.
    #[schema(min_length = 1, max_length = 10000)]
    pub body: String,
    /// Required from anonymous commenters; from a signed-in caller only when a coordinator
    /// enters a comment on someone's behalf (otherwise the author is the caller's account).
    #[schema(max_length = 200)]
    pub author_name: Option<String>,
    /// Optional; never shown to anyone but coordinators and admins.
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*([^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+(\.[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+)+[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*)?$"
    )]
    pub author_email: Option<String>,
    /// Consent to be e-mailed the comment's settlement at `author_email` (default false), for a
    /// commenter without an account; 422 naming this field when given without `author_email`.
    /// Signed-in authors are told at their account's address unless their `notification_frequency`
    /// is `never`. Every such e-mail has a link that ends the notices of the comment.
    #[serde(default)]
    pub notify_on_resolution: bool,
    /// How the comment arrived (default `web`). Anything else is for coordinators entering
    /// comments received on paper, by e-mail or at a public hearing.
    pub channel: Option<Channel>,
    /// The day the comment was received (coordinators only; default today, not in the future).
    /// A comment received on or before the consultation's closing day while the plan is in
    /// consultation joins the settlement register even when entered after the deadline.
    pub received_on: Option<NaiveDate>,
}

/// What the body alone decides; whether a name is required depends on who comments (the service).
impl Validate for CommentCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(Body::parse("body", &self.body));
        if let Some(name) = self.author_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            v.field(Text::<200>::parse("author_name", name));
        }
        if let Some(email) = self.author_email.as_deref().filter(|e| !e.trim().is_empty()) {
            v.field(Email::parse("author_email", email));
        }
        if let Some(received_on) = self.received_on {
            v.check(received_on <= clock::today(), "received_on", FieldErrorCode::MustNotBeFuture, "must not be in the future");
            v.date("received_on", Some(received_on));
        }
    }
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct CommentPatch {
    /// The author's own text (coordinators may also correct comments they transcribed).
    #[schema(min_length = 1, max_length = 10000)]
    pub body: Option<String>,
    /// Moderation (coordinators): `hidden` needs a `moderation_reason`.
    pub status: Option<CommentStatus>,
    /// Why the comment was hidden or restored; sent together with `status`.
    #[schema(max_length = 10000)]
    pub moderation_reason: Option<String>,
}

impl CommentPatch {
    /// The moderation reason as stored: trimmed, and none when blank.
    pub fn reason(&self) -> Option<&str> {
        self.moderation_reason.as_deref().map(str::trim).filter(|r| !r.is_empty())
    }
}

impl Validate for CommentPatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(text) = &self.body {
            v.field(Body::parse("body", text));
        }
        match self.status {
            Some(CommentStatus::Hidden) if self.reason().is_none() => v.required("moderation_reason", "to hide a comment"),
            None if self.moderation_reason.is_some() => {
                v.error("moderation_reason", FieldErrorCode::Invalid, "send it together with status")
            }
            _ => {}
        }
        if let Some(reason) = self.reason() {
            v.field(Remark::parse("moderation_reason", reason));
        }
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct ResolutionCreate {
    pub resolution: Resolution,
    /// The justification (odůvodnění); required unless the resolution is `noted`.
    #[schema(max_length = 10000)]
    pub note: Option<String>,
    /// What changed in the plan because of the comment.
    #[schema(max_length = 10000)]
    pub change: Option<String>,
    /// The goal or measure of the comment's plan that changed (`goal` or `measure`), sent with
    /// `change_target_id`: the page of what changed after the consultation shows the comment
    /// next to that change.
    pub change_target_type: Option<TargetType>,
    pub change_target_id: Option<Uuid>,
}

impl ResolutionCreate {
    /// The justification as stored: trimmed, and none when blank.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref().map(str::trim).filter(|n| !n.is_empty())
    }

    /// The change as stored: trimmed, and none when blank.
    pub fn change(&self) -> Option<&str> {
        self.change.as_deref().map(str::trim).filter(|c| !c.is_empty())
    }
}

impl Validate for ResolutionCreate {
    fn validate(&self, v: &mut Validator) {
        match self.note() {
            None if self.resolution != Resolution::Noted => v.required("note", "(a justification) unless the comment is only noted"),
            Some(note) => _ = v.field(Remark::parse("note", note)),
            None => {}
        }
        if let Some(change) = self.change() {
            v.field(Remark::parse("change", change));
        }
        match (self.change_target_type, self.change_target_id) {
            (Some(TargetType::Goal | TargetType::Measure), Some(_)) | (None, None) => {}
            (Some(TargetType::Goal | TargetType::Measure), None) => v.required("change_target_id", "with change_target_type"),
            (Some(_), _) => v.check(false, "change_target_type", FieldErrorCode::InvalidValue, "must be goal or measure"),
            (None, Some(_)) => v.required("change_target_type", "with change_target_id"),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Comment {
    pub id: Uuid,
    pub target_type: TargetType,
    pub target_id: Uuid,
    /// The plan the target belongs to; null for meetings.
    pub plan_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub body: String,
    pub author: Author,
    /// Only for coordinators and admins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_email: Option<String>,
    pub status: CommentStatus,
    /// Only for coordinators and admins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderation_reason: Option<String>,
    /// Made while the plan's consultation was open (or received before its deadline).
    /// Together with `parent_id` null this makes a formal comment of the settlement register.
    pub is_consultation: bool,
    pub channel: Channel,
    pub received_on: NaiveDate,
    pub resolution: Option<Resolution>,
    pub resolution_note: Option<String>,
    pub resolution_change: Option<String>,
    /// The goal or measure the change was made in (`goal` or `measure`).
    pub change_target_type: Option<TargetType>,
    pub change_target_id: Option<Uuid>,
    pub resolved_by: Option<Author>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Comment {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Comment {
    /// `names` maps resolver ids to display names.
    pub fn from_model(m: comment::Model, view: View, names: &HashMap<Uuid, String>) -> Self {
        Self {
            id: m.id,
            target_type: m.target_type,
            target_id: m.target_id,
            plan_id: m.plan_id,
            parent_id: m.parent_id,
            body: m.body,
            author: view.author(m.author_id, m.author_name),
            author_email: m.author_email.filter(|_| view.staff),
            status: m.status,
            moderation_reason: m.moderation_reason.filter(|_| view.staff),
            is_consultation: m.is_consultation,
            channel: m.channel,
            received_on: m.received_on,
            resolution: m.resolution,
            resolution_note: m.resolution_note,
            resolution_change: m.resolution_change,
            change_target_type: m.change_target_type,
            change_target_id: m.change_target_id,
            resolved_by: resolver(m.resolved_by, names),
            resolved_at: m.resolved_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(CommentPage, Comment);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentFilters {
    pub target_type: Option<TargetType>,
    pub target_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    /// Replies to this comment.
    pub parent_id: Option<Uuid>,
    /// `hidden` lists something only for coordinators and admins.
    pub status: Option<CommentStatus>,
    pub is_consultation: Option<bool>,
    pub resolution: Option<Resolution>,
    /// `false`: formal consultation comments still waiting for a resolution.
    pub settled: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern the document gives `author_email` accepts what the body's check does: blank (no
    /// address) or an `Email`.
    #[test]
    fn the_documented_email_pattern_is_the_rule() {
        use utoipa::PartialSchema;
        use utoipa::openapi::{RefOr, Schema};
        let RefOr::T(Schema::Object(create)) = CommentCreate::schema() else { panic!("an object") };
        let Some(RefOr::T(Schema::Object(email))) = create.properties.get("author_email") else { panic!("author_email") };
        assert_eq!(email.max_length, Some(crate::domain::Email::MAX), "the documented bound is the checked one");
        let pattern = regex::Regex::new(email.pattern.as_deref().unwrap()).unwrap();
        // Blank is no address, which the pattern allows too.
        for email in crate::domain::EMAIL_SAMPLES.iter().map(|(raw, _)| *raw).chain(["  \t "]) {
            let mut v = Validator::new();
            CommentCreate {
                target_type: TargetType::Plan,
                target_id: Uuid::nil(),
                parent_id: None,
                body: "Text".into(),
                author_name: None,
                author_email: Some(email.into()),
                notify_on_resolution: false,
                channel: None,
                received_on: None,
            }
            .validate(&mut v);
            assert_eq!(pattern.is_match(email), v.finish().is_ok(), "{email:?}");
        }
    }
}
