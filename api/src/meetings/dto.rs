//! Meeting request and response bodies, and the rules a meeting record must satisfy.
use chrono::{DateTime, Utc};
use entity::enums::{MeetingFormat, MeetingStatus};
use entity::meeting;
use entity::values::{AgendaItem, Attendance, MeetingResolution};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::clock;
use crate::domain::{Name, NonBlank, Text, Title};
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingCreate {
    /// e.g. "Jednání PS 1 – návrh cílů a opatření".
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    pub starts_at: DateTime<Utc>,
    /// Must be after `starts_at`.
    pub ends_at: DateTime<Utc>,
    /// Defaults to `in_person`. In-person and hybrid meetings need a `location`,
    /// online and hybrid ones an `online_url`.
    pub format: Option<MeetingFormat>,
    #[schema(max_length = 500)]
    pub location: Option<String>,
    /// An http or https link to join online.
    #[schema(
        max_length = 2000,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*([Hh][Tt][Tt][Pp][Ss]?://[^/?#\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F][^\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]*[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*)?$"
    )]
    pub online_url: Option<String>,
    /// The agenda, in order.
    #[serde(default)]
    #[schema(max_items = 100)]
    pub agenda: Vec<AgendaItem>,
    /// Members present or excused (user ids of this group's members) and guests.
    #[serde(default)]
    pub attendance: Attendance,
    /// Resolutions adopted, with their votes.
    #[serde(default)]
    #[schema(max_items = 100)]
    pub resolutions: Vec<MeetingResolution>,
    #[serde(default)]
    #[schema(max_length = 100000)]
    pub minutes: String,
    /// Defaults to `scheduled`.
    pub status: Option<MeetingStatus>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct MeetingPatch {
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub format: Option<MeetingFormat>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 2000, pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*([Hh][Tt][Tt][Pp][Ss]?://[^/?#\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F][^\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]*[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*)?$")]
    pub online_url: Option<Option<String>>,
    #[schema(max_items = 100)]
    pub agenda: Option<Vec<AgendaItem>>,
    /// Replaces the whole attendance. People already recorded stay valid after they leave the group;
    /// anyone added must be a current member.
    pub attendance: Option<Attendance>,
    #[schema(max_items = 100)]
    pub resolutions: Option<Vec<MeetingResolution>>,
    #[schema(max_length = 100000)]
    pub minutes: Option<String>,
    pub status: Option<MeetingStatus>,
}

/// How many came.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttendanceCounts {
    pub present: usize,
    pub excused: usize,
    pub guests: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Meeting {
    pub id: Uuid,
    pub working_group_id: Uuid,
    pub working_group_name: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: MeetingFormat,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub agenda: Vec<AgendaItem>,
    /// For anonymous callers without the people who take part as service users (members of stakeholder
    /// `user` and such guests); `attendance_counts` counts everyone.
    pub attendance: Attendance,
    pub attendance_counts: AttendanceCounts,
    pub resolutions: Vec<MeetingResolution>,
    /// The quorum (rules of procedure): for a held meeting the one its group set when the meeting
    /// was recorded as held, otherwise the group's current one; null when none is set.
    pub quorum: Option<i32>,
    /// Whether at least `quorum` members were present; null until the meeting is held, and when no
    /// quorum is set.
    pub quorum_met: Option<bool>,
    /// The meeting adopted resolutions without its quorum: they are recorded, and flagged, since
    /// the group's rules make them invalid.
    pub resolutions_without_quorum: bool,
    pub minutes: String,
    pub status: MeetingStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Meeting {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Meeting {
    /// `group_quorum` is the meeting's working group's quorum now; a held meeting is judged by the
    /// one it recorded.
    pub fn from_model(m: meeting::Model, group_name: String, group_quorum: Option<i32>) -> Self {
        let present = m.attendance.present.len();
        let held = m.status == MeetingStatus::Held;
        let quorum = if held { m.quorum } else { group_quorum };
        let quorum_met = quorum.filter(|_| held).map(|q| i64::try_from(present).unwrap_or(i64::MAX) >= i64::from(q));
        Self {
            attendance_counts: AttendanceCounts { present, excused: m.attendance.excused.len(), guests: m.attendance.guests.len() },
            resolutions_without_quorum: quorum_met == Some(false) && !m.resolutions.0.is_empty(),
            quorum_met,
            quorum,
            id: m.id,
            working_group_id: m.working_group_id,
            working_group_name: group_name,
            title: m.title,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            format: m.format,
            location: m.location,
            online_url: m.online_url,
            agenda: m.agenda.0,
            attendance: m.attendance,
            resolutions: m.resolutions.0,
            minutes: m.minutes,
            status: m.status,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(MeetingPage, Meeting);

/// Filters of both meeting lists; `from` and `to` bound `starts_at` (from inclusive, to exclusive).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingFilters {
    /// Meetings starting at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Meetings starting before this time (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    pub status: Option<MeetingStatus>,
    /// Meetings of the working groups of this territory and of every territory below it.
    pub territory_id: Option<Uuid>,
}

impl Validate for MeetingFilters {
    fn validate(&self, v: &mut Validator) {
        v.date("from", self.from);
        v.date("to", self.to);
        if let (Some(from), Some(to)) = (self.from, self.to) {
            v.check(to > from, "to", FieldErrorCode::BeforeStart, "must be after from");
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingGroupFilter {
    pub working_group_id: Option<Uuid>,
}

/// A meeting record as it will be stored: a new one, or the current one with a patch applied.
pub struct Record {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub format: MeetingFormat,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub agenda: Vec<AgendaItem>,
    pub attendance: Attendance,
    pub resolutions: Vec<MeetingResolution>,
    pub minutes: String,
    pub status: MeetingStatus,
}

fn non_blank(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

impl Record {
    pub fn new(body: &MeetingCreate) -> Self {
        Self {
            title: body.title.trim().to_string(),
            starts_at: body.starts_at,
            ends_at: body.ends_at,
            format: body.format.unwrap_or(MeetingFormat::InPerson),
            location: non_blank(body.location.clone()),
            online_url: non_blank(body.online_url.clone()),
            agenda: body.agenda.clone(),
            attendance: body.attendance.clone(),
            resolutions: body.resolutions.clone(),
            minutes: body.minutes.clone(),
            status: body.status.unwrap_or(MeetingStatus::Scheduled),
        }
    }

    pub fn patched(current: &meeting::Model, patch: &MeetingPatch) -> Self {
        Self {
            title: patch.title.as_deref().map_or_else(|| current.title.clone(), |t| t.trim().to_string()),
            starts_at: patch.starts_at.unwrap_or(current.starts_at),
            ends_at: patch.ends_at.unwrap_or(current.ends_at),
            format: patch.format.unwrap_or(current.format),
            location: patch.location.clone().map_or_else(|| current.location.clone(), non_blank),
            online_url: patch.online_url.clone().map_or_else(|| current.online_url.clone(), non_blank),
            agenda: patch.agenda.clone().unwrap_or_else(|| current.agenda.0.clone()),
            attendance: patch.attendance.clone().unwrap_or_else(|| current.attendance.clone()),
            resolutions: patch.resolutions.clone().unwrap_or_else(|| current.resolutions.0.clone()),
            minutes: patch.minutes.clone().unwrap_or_else(|| current.minutes.clone()),
            status: patch.status.unwrap_or(current.status),
        }
    }
}

/// Every rule that needs no database; membership of attendees is checked by the service.
impl Validate for Record {
    fn validate(&self, v: &mut Validator) {
        v.field(Title::parse("title", &self.title));
        v.date("starts_at", Some(self.starts_at));
        v.date("ends_at", Some(self.ends_at));
        v.check(self.ends_at > self.starts_at, "ends_at", FieldErrorCode::BeforeStart, "must be after starts_at");
        v.check(
            self.status != MeetingStatus::Held || self.starts_at <= clock::now(),
            "status",
            FieldErrorCode::InvalidValue,
            "a meeting that has not begun yet (see starts_at) cannot be held",
        );
        if let Some(location) = &self.location {
            v.field(Text::<500>::parse("location", location));
        }
        if let Some(url) = &self.online_url
            && v.field(Text::<2000>::parse("online_url", url)).is_some()
        {
            v.check(is_web_url(url), "online_url", FieldErrorCode::InvalidFormat, "must be an http or https URL");
        }
        let (needs_url, needs_place) = match self.format {
            MeetingFormat::InPerson => (false, true),
            MeetingFormat::Online => (true, false),
            MeetingFormat::Hybrid => (true, true),
        };
        v.check(
            !needs_url || self.online_url.is_some(),
            "online_url",
            FieldErrorCode::Required,
            "is required for online and hybrid meetings",
        );
        v.check(
            !needs_place || self.location.is_some(),
            "location",
            FieldErrorCode::Required,
            "is required for in-person and hybrid meetings",
        );
        v.items("agenda", self.agenda.len(), 100);
        for (i, item) in self.agenda.iter().enumerate() {
            v.field(Title::parse(&format!("agenda[{i}].title"), &item.title));
            if let Some(note) = &item.note {
                v.field(Text::<5_000>::parse(&format!("agenda[{i}].note"), note));
            }
        }
        let a = &self.attendance;
        v.check(!has_duplicates(&a.present), "attendance.present", FieldErrorCode::Invalid, "lists someone twice");
        v.check(!has_duplicates(&a.excused), "attendance.excused", FieldErrorCode::Invalid, "lists someone twice");
        v.check(
            !a.excused.iter().any(|id| a.present.contains(id)),
            "attendance.excused",
            FieldErrorCode::Invalid,
            "someone cannot be both present and excused",
        );
        v.items("attendance.guests", a.guests.len(), 500);
        for (i, guest) in a.guests.iter().enumerate() {
            v.field(Name::parse(&format!("attendance.guests[{i}].name"), &guest.name));
        }
        v.items("resolutions", self.resolutions.len(), 100);
        for (i, r) in self.resolutions.iter().enumerate() {
            v.field(NonBlank::<5_000>::parse(&format!("resolutions[{i}].text"), &r.text));
        }
        v.field(Text::<100_000>::parse("minutes", &self.minutes));
    }
}

fn has_duplicates(ids: &[Uuid]) -> bool {
    let mut seen = std::collections::HashSet::new();
    !ids.iter().all(|id| seen.insert(id))
}

/// An absolute http(s) URL with a host and no whitespace: what a calendar or browser can open.
fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    })
}

#[cfg(test)]
mod tests {
    use super::is_web_url;

    /// The pattern the document gives `online_url` accepts exactly what `is_web_url` does (after the trim).
    #[test]
    fn the_documented_url_pattern_is_the_rule() {
        use utoipa::PartialSchema;
        use utoipa::openapi::{RefOr, Schema};
        let RefOr::T(Schema::Object(meeting)) = super::MeetingCreate::schema() else { panic!("an object") };
        let Some(RefOr::T(Schema::Object(url))) = meeting.properties.get("online_url") else { panic!("online_url") };
        let pattern = regex::Regex::new(url.pattern.as_deref().unwrap()).unwrap();
        for url in [
            "https://meet.example.cz/kpss",
            "HTTP://example.cz",
            "javascript:alert(1)",
            "ftp://example.cz",
            "https://",
            "https:///path",
            "https://example.cz/a b",
            "meet.example.cz",
            "https://x.cz/\u{7}",
            "  https://x.cz  ",
        ] {
            assert_eq!(pattern.is_match(url), is_web_url(url.trim()), "{url:?}");
        }
    }

    #[test]
    fn only_absolute_web_urls_are_accepted() {
        assert!(is_web_url("https://meet.example.cz/kpss"));
        assert!(is_web_url("HTTP://example.cz"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("ftp://example.cz"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("https:///path"));
        assert!(!is_web_url("https://example.cz/a b"));
        assert!(!is_web_url("meet.example.cz"));
    }
}
