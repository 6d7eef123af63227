//! Need request and response bodies; who sees the reporter's e-mail is decided here.
use chrono::{DateTime, Utc};
use entity::enums::{NeedSource, NeedStatus};
use entity::need;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{Email, LongText, Text, Title};
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::measures::dto::MeasureRef;
use crate::page_of;
use crate::target_groups::dto::parse_code;

/// Bounds of the lists a need carries.
const MAX_TARGET_GROUPS: usize = 50;
const MAX_MEASURES: usize = 100;

/// The public answer to a need.
type Response = Text<10_000>;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeedCreate {
    /// What is lacking, in a line: e.g. "Chybí odlehčovací služba pro rodiny pečující o seniory".
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    /// Whom it concerns, where, since when.
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Where the need is; none: the whole installation's.
    pub territory_id: Option<Uuid>,
    /// Codes of `/target-groups`.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub target_group_codes: Vec<String>,
    /// Required from anonymous reporters; a signed-in caller reports under their account's name
    /// unless they give one (staff recording a need heard at a meeting, say).
    #[schema(max_length = 200)]
    pub author_name: Option<String>,
    /// Optional, so that the working group can ask back; never shown publicly: only those who
    /// review the need see it.
    #[schema(
        max_length = 254,
        pattern = r"^[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*([^@\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+@[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+(\.[^@.\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\x00-\x1F\x7F-\x9F]+)+[\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*)?$"
    )]
    pub author_email: Option<String>,
    /// Where the need was heard (default `public`). Anything else, and `working_group_id`, only
    /// from coordinators where the need lies and leaders of the group named: a reporter's own word
    /// about the source is not taken.
    pub source: Option<NeedSource>,
    /// The working group that is to review it.
    pub working_group_id: Option<Uuid>,
}

impl NeedCreate {
    /// The author's name as given: trimmed, none when blank.
    pub fn author_name(&self) -> Option<&str> {
        self.author_name.as_deref().map(str::trim).filter(|n| !n.is_empty())
    }

    /// The author's e-mail as given: trimmed, none when blank.
    pub fn author_email(&self) -> Option<&str> {
        self.author_email.as_deref().map(str::trim).filter(|e| !e.is_empty())
    }

    /// Whether the body records more than a report: where it came from, or who reviews it.
    pub fn records(&self) -> bool {
        self.source.is_some_and(|s| s != NeedSource::Public) || self.working_group_id.is_some()
    }
}

/// Target group codes: well formed, each once, not too many.
fn check_codes(v: &mut Validator, codes: &[String]) {
    v.items("target_group_codes", codes.len(), MAX_TARGET_GROUPS);
    for (i, code) in codes.iter().enumerate() {
        v.field(parse_code(&format!("target_group_codes[{i}]"), code));
    }
    v.once_each("target_group_codes", codes);
}

/// What the body alone decides; whether a name is required depends on who reports (the service).
impl Validate for NeedCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(Title::parse("title", &self.title));
        v.field(LongText::parse("description", &self.description));
        check_codes(v, &self.target_group_codes);
        if let Some(name) = self.author_name() {
            v.field(Text::<200>::parse("author_name", name));
        }
        if let Some(email) = self.author_email() {
            v.field(Email::parse("author_email", email));
        }
    }
}

/// A review (status, answer, group, measures) by coordinators where the need lies and leaders of
/// its working group; corrections of the report itself (title, description, territory, target
/// groups, source) by those coordinators only.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct NeedPatch {
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub territory_id: Option<Option<Uuid>>,
    /// Replaces the target groups.
    #[schema(max_items = 50)]
    pub target_group_codes: Option<Vec<String>>,
    pub source: Option<NeedSource>,
    /// null: no group reviews it (yet).
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub working_group_id: Option<Option<Uuid>>,
    /// `duplicate` needs `duplicate_of`; `not_addressed` needs a `response` saying why.
    pub status: Option<NeedStatus>,
    /// The public answer; null or blank: none.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 10000)]
    pub response: Option<Option<String>>,
    /// The need this one duplicates: another need, itself no duplicate. Only with status `duplicate`
    /// (set it in the same request); leaving that status clears it.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub duplicate_of: Option<Option<Uuid>>,
    /// Replaces the measures that answer the need: each of a plan the caller may see, each once,
    /// and each of a plan of the need's territory, of one below it or above it, or of no territory
    /// (422 `invalid` names a measure of an unrelated place).
    #[schema(max_items = 100)]
    pub measure_ids: Option<Vec<Uuid>>,
}

impl NeedPatch {
    /// Whether the patch corrects the report itself, which only coordinators do.
    pub fn corrects(&self) -> bool {
        self.title.is_some()
            || self.description.is_some()
            || self.territory_id.is_some()
            || self.target_group_codes.is_some()
            || self.source.is_some()
    }

    /// The answer as stored: trimmed, none when blank; `None` when the patch does not touch it.
    pub fn response(&self) -> Option<Option<String>> {
        self.response.as_ref().map(|r| r.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_string))
    }
}

impl Validate for NeedPatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(title) = &self.title {
            v.field(Title::parse("title", title));
        }
        if let Some(description) = &self.description {
            v.field(LongText::parse("description", description));
        }
        if let Some(codes) = &self.target_group_codes {
            check_codes(v, codes);
        }
        if let Some(Some(response)) = self.response() {
            v.field(Response::parse("response", &response));
        }
        if let Some(ids) = &self.measure_ids {
            v.items("measure_ids", ids.len(), MAX_MEASURES);
            v.once_each("measure_ids", ids);
        }
        if self.duplicate_of.is_some_and(|d| d.is_some()) && self.status.is_some_and(|s| s != NeedStatus::Duplicate) {
            v.error("duplicate_of", FieldErrorCode::Invalid, "only a need marked duplicate points to another");
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Need {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub territory_id: Option<Uuid>,
    pub target_group_codes: Vec<String>,
    pub author_name: String,
    /// Only for those who review the need (coordinators where it lies, leaders of its group).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_email: Option<String>,
    pub source: NeedSource,
    pub working_group_id: Option<Uuid>,
    pub status: NeedStatus,
    /// The public answer.
    pub response: Option<String>,
    /// The need this one duplicates (status `duplicate`).
    pub duplicate_of: Option<Uuid>,
    /// The measures that answer it, of the plans the caller may see, in the order given.
    pub measure_ids: Vec<Uuid>,
    /// The same measures with their codes and titles, for showing them.
    pub measures: Vec<MeasureRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Need {
    fn version(&self) -> i32 {
        self.version
    }
}

/// What a need carries besides its own row.
#[derive(Debug, Default)]
pub struct Lists {
    pub target_group_codes: Vec<String>,
    pub measures: Vec<MeasureRef>,
}

impl Need {
    /// `reviewer`: whether the caller reviews this need, and so sees the reporter's e-mail.
    pub fn from_model(m: need::Model, lists: Lists, reviewer: bool) -> Self {
        Self {
            id: m.id,
            title: m.title,
            description: m.description,
            territory_id: m.territory_id,
            target_group_codes: lists.target_group_codes,
            author_name: m.author_name,
            author_email: m.author_email.filter(|_| reviewer),
            source: m.source,
            working_group_id: m.working_group_id,
            status: m.status,
            response: m.response,
            duplicate_of: m.duplicate_of,
            measure_ids: lists.measures.iter().map(|r| r.id).collect(),
            measures: lists.measures,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(NeedPage, Need);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NeedFilters {
    pub status: Option<NeedStatus>,
    /// Needs of this territory and of every territory below it.
    pub territory_id: Option<Uuid>,
    /// Needs concerning this target group (a code of `/target-groups`).
    pub target_group_code: Option<String>,
    /// Needs assigned to this working group.
    pub working_group_id: Option<Uuid>,
    /// Needs this measure answers.
    pub measure_id: Option<Uuid>,
}
