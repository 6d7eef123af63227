//! Goal request and response bodies.
use chrono::{DateTime, Utc};
use entity::goal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{Code, LongText, Title};
use crate::error::{Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::page_of;

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalCreate {
    /// Unique within the plan, e.g. "1" or "P2.1".
    #[schema(min_length = 1, max_length = 32)]
    pub code: String,
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// The working group that owns the goal (its leaders may edit it).
    pub working_group_id: Option<Uuid>,
    /// Makes this a sub-goal (one level deep) of another goal of the same plan.
    pub parent_goal_id: Option<Uuid>,
    /// Order among siblings; defaults to after the last one.
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i32>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct GoalPatch {
    #[schema(min_length = 1, max_length = 32)]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub working_group_id: Option<Option<Uuid>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub parent_goal_id: Option<Option<Uuid>>,
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Goal {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub parent_goal_id: Option<Uuid>,
    pub working_group_id: Option<Uuid>,
    pub code: String,
    pub title: String,
    pub description: String,
    pub position: i32,
    /// The goal of the previous plan this one was copied from (`POST /plans/{id}/successor`).
    pub previous_id: Option<Uuid>,
    /// Weighted average of its (and its sub-goals') measures; null without measures.
    pub progress: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Goal {
    fn version(&self) -> i32 {
        self.version
    }
}

impl Goal {
    pub fn from_model(m: goal::Model, progress: Option<i32>) -> Self {
        Self {
            id: m.id,
            plan_id: m.plan_id,
            parent_goal_id: m.parent_goal_id,
            working_group_id: m.working_group_id,
            code: m.code,
            title: m.title,
            description: m.description,
            position: m.position,
            previous_id: m.previous_id,
            progress,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(GoalPage, Goal);

impl Validate for GoalCreate {
    fn validate(&self, v: &mut Validator) {
        texts(v, Some(&self.code), Some(&self.title), Some(&self.description));
        v.position(self.position);
    }
}

impl Validate for GoalPatch {
    fn validate(&self, v: &mut Validator) {
        texts(v, self.code.as_deref(), self.title.as_deref(), self.description.as_deref());
        v.position(self.position);
    }
}

fn texts(v: &mut Validator, code: Option<&str>, title: Option<&str>, description: Option<&str>) {
    if let Some(c) = code {
        v.field(Code::parse("code", c));
    }
    if let Some(t) = title {
        v.field(Title::parse("title", t));
    }
    if let Some(d) = description {
        v.field(LongText::parse("description", d));
    }
}
