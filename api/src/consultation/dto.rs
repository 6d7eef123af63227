//! The settlement register's JSON shape and its query parameters.
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{Channel, CommentStatus, PlanStatus, Resolution, TargetType};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::authors::Author;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Json,
    Csv,
    Html,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// Overrides the `Accept` header (for download links): `json`, `csv` or `html`.
    #[param(inline)]
    pub format: Option<ReportFormat>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReportPlan {
    pub id: Uuid,
    pub title: String,
    pub territory: String,
    pub status: PlanStatus,
    pub consultation_closes_at: Option<DateTime<Utc>>,
}

/// What a register entry comments on.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportTarget {
    #[serde(rename = "type")]
    pub target_type: TargetType,
    pub id: Uuid,
    /// The goal's or measure's code; null for the plan itself.
    pub code: Option<String>,
    /// The plan's, goal's or measure's title ("" when the target was deleted).
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegisterEntry {
    /// 1-based, in the order comments were entered.
    pub number: u32,
    pub comment_id: Uuid,
    pub target: ReportTarget,
    pub author: Author,
    /// Only for coordinators and admins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author_email: Option<String>,
    pub channel: Channel,
    pub received_on: NaiveDate,
    /// Null for a hidden comment unless the caller is a coordinator or admin.
    pub body: Option<String>,
    pub status: CommentStatus,
    /// Only for coordinators and admins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moderation_reason: Option<String>,
    pub resolution: Option<Resolution>,
    pub resolution_note: Option<String>,
    pub resolution_change: Option<String>,
    /// The goal or measure the change was made in.
    pub change_target: Option<ReportTarget>,
    pub resolved_by: Option<Author>,
    pub resolved_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ResolutionCounts {
    pub total: u32,
    pub accepted: u32,
    pub partially_accepted: u32,
    pub rejected: u32,
    pub noted: u32,
    /// Not settled yet; the plan cannot be approved while this is above zero.
    pub unsettled: u32,
}

/// The settlement register (vypořádání připomínek) of one plan, a page at a time.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationReport {
    pub plan: ReportPlan,
    pub counts: ResolutionCounts,
    /// One page of the formal consultation comments (hidden ones included, replies excluded), in
    /// entry order; `counts` are over all of them.
    pub items: Vec<RegisterEntry>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
    pub generated_at: DateTime<Utc>,
}
