//! Working group and membership request and response bodies.
use chrono::{DateTime, Utc};
use entity::enums::{GroupKind, MemberRole, Stakeholder};
use entity::{working_group, working_group_member};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{LongText, Name, Text};
use crate::error::{Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkingGroupCreate {
    /// e.g. "PS 1 – Senioři a osoby se zdravotním postižením".
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    pub kind: GroupKind,
    /// The target group the working group plans for, e.g. "senioři".
    #[schema(max_length = 200)]
    pub target_group: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub vision: String,
    /// How many members must be present for resolutions to be valid (rules of procedure), at least 1.
    #[schema(minimum = 1, maximum = 1000)]
    pub quorum: Option<i32>,
    /// Defaults to true; retire a group by setting false rather than deleting it.
    pub is_active: Option<bool>,
    /// The territory the group plans for; none leaves it unassigned.
    pub territory_id: Option<Uuid>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct WorkingGroupPatch {
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    pub kind: Option<GroupKind>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 200)]
    pub target_group: Option<Option<String>>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[schema(max_length = 20000)]
    pub vision: Option<String>,
    /// null removes the quorum rule.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<i32>, minimum = 1, maximum = 1000)]
    pub quorum: Option<Option<i32>>,
    pub is_active: Option<bool>,
    /// null leaves the group unassigned.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub territory_id: Option<Option<Uuid>>,
}

impl WorkingGroupPatch {
    /// Whether the patch touches only the texts a group writes about itself (leaders may).
    pub fn only_own_texts(&self) -> bool {
        self.name.is_none() && self.kind.is_none() && self.quorum.is_none() && self.is_active.is_none() && self.territory_id.is_none()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkingGroup {
    pub id: Uuid,
    pub name: String,
    pub kind: GroupKind,
    pub target_group: Option<String>,
    pub description: String,
    pub vision: String,
    /// Members that must be present for resolutions to be valid; null when the rules set none.
    pub quorum: Option<i32>,
    pub is_active: bool,
    /// Null while the group is unassigned.
    pub territory_id: Option<Uuid>,
    pub member_count: u64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for WorkingGroup {
    fn version(&self) -> i32 {
        self.version
    }
}

impl WorkingGroup {
    pub fn from_model(m: working_group::Model, member_count: u64) -> Self {
        Self {
            id: m.id,
            name: m.name,
            kind: m.kind,
            target_group: m.target_group,
            description: m.description,
            vision: m.vision,
            quorum: m.quorum,
            is_active: m.is_active,
            territory_id: m.territory_id,
            member_count,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(WorkingGroupPage, WorkingGroup);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkingGroupFilters {
    pub kind: Option<GroupKind>,
    pub is_active: Option<bool>,
    /// Groups of this territory and of every territory below it.
    pub territory_id: Option<Uuid>,
}

impl Validate for WorkingGroupCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(Name::parse("name", &self.name));
        texts(v, self.target_group.as_deref(), Some(&self.description), Some(&self.vision), self.quorum);
    }
}

impl Validate for WorkingGroupPatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(name) = &self.name {
            v.field(Name::parse("name", name));
        }
        texts(
            v,
            self.target_group.as_ref().and_then(|t| t.as_deref()),
            self.description.as_deref(),
            self.vision.as_deref(),
            self.quorum.flatten(),
        );
    }
}

fn texts(v: &mut Validator, target_group: Option<&str>, description: Option<&str>, vision: Option<&str>, quorum: Option<i32>) {
    if let Some(t) = target_group {
        v.field(Text::<200>::parse("target_group", t));
    }
    if let Some(t) = description {
        v.field(LongText::parse("description", t));
    }
    if let Some(t) = vision {
        v.field(LongText::parse("vision", t));
    }
    if let Some(q) = quorum {
        v.range("quorum", q.into(), 1, 1000);
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberCreate {
    /// An active user account.
    pub user_id: Uuid,
    /// Defaults to `member`; only coordinators appoint leaders.
    pub role: Option<MemberRole>,
    /// How the member takes part: as a service user, provider, commissioner or member of the public.
    pub stakeholder: Stakeholder,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct MemberPatch {
    /// Only coordinators change a member's role.
    pub role: Option<MemberRole>,
    pub stakeholder: Option<Stakeholder>,
}

/// A membership, with the member's name (never their e-mail).
#[derive(Debug, Serialize, ToSchema)]
pub struct Member {
    pub id: Uuid,
    pub working_group_id: Uuid,
    /// Null, like `display_name`, for anonymous callers when the member takes part as a service
    /// user: an id would tie the membership to the person's other records.
    pub user_id: Option<Uuid>,
    /// Null for anonymous callers when the member takes part as a service user
    /// (stakeholder `user`): that membership can reveal a person's health or social situation.
    pub display_name: Option<String>,
    pub role: MemberRole,
    pub stakeholder: Stakeholder,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Member {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Member {
    /// `display_name` is the user's name; it and the user's id are withheld here when `public_view`
    /// and the member is a service user.
    pub fn from_model(m: working_group_member::Model, display_name: Option<String>, public_view: bool) -> Self {
        let withheld = public_view && m.stakeholder == Stakeholder::User;
        Self {
            id: m.id,
            working_group_id: m.working_group_id,
            user_id: Some(m.user_id).filter(|_| !withheld),
            display_name: if withheld { None } else { display_name },
            role: m.role,
            stakeholder: m.stakeholder,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(MemberPage, Member);
