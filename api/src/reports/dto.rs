//! The monitoring report's body.
use chrono::NaiveDate;
use entity::enums::{FundingSource, MeasureStatus, PlanStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `json` (default), `html` (printable), `md` (Markdown), `csv` (for Excel) or `docx` (Word).
    #[param(pattern = "^(json|html|md|csv|docx)$")]
    pub format: Option<String>,
}

/// Money planned and spent, in CZK as decimal strings ("125000.00").
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct Money {
    pub planned: String,
    /// The actual spending recorded; `null` on a measure's row when none is recorded yet (totals
    /// count what is recorded).
    pub actual: Option<String>,
}

/// Money of one source.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceMoney {
    pub source: FundingSource,
    #[serde(flatten)]
    pub money: Money,
}

/// Money of one year and source.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearSourceMoney {
    pub year: i32,
    pub source: FundingSource,
    #[serde(flatten)]
    pub money: Money,
}

/// An indicator in the year: its value that year against its baseline and target, and its whole
/// course for a chart.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportIndicator {
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// The value measured in the report's year; `null` when none is recorded.
    pub value: Option<f64>,
    /// Every yearly value recorded, by year.
    pub values: Vec<entity::values::IndicatorValue>,
}

/// A progress update dated within the year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportUpdate {
    pub date: NaiveDate,
    pub status: MeasureStatus,
    pub progress: i32,
    pub note: String,
    pub author_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportMeasure {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub responsible: String,
    pub status: MeasureStatus,
    pub progress: i32,
    pub indicators: Vec<ReportIndicator>,
    /// The year's funding by source, in the order of the sources.
    pub funding: Vec<SourceMoney>,
    /// The year's updates, oldest first.
    pub updates: Vec<ReportUpdate>,
}

/// How many measures are in a state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatusCount {
    pub status: MeasureStatus,
    pub count: u32,
}

/// Totals over a set of measures for the year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Totals {
    pub measures: u32,
    /// Measures by state, every state listed.
    pub by_status: Vec<StatusCount>,
    /// Weighted mean of the measures' progress as the plan page counts it (cancelled ones
    /// left out); `null` when none counts.
    pub progress: Option<i32>,
    /// The year's money by source (sources with any money only).
    pub funding: Vec<SourceMoney>,
    /// The year's money over all sources.
    pub money: Money,
}

/// A goal with its own measures; its totals count its sub-goals' measures too.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportGoal {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub parent_goal_id: Option<Uuid>,
    pub measures: Vec<ReportMeasure>,
    pub totals: Totals,
}

/// The monitoring report of a plan for one year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonitoringReport {
    pub plan_id: Uuid,
    pub title: String,
    pub territory: String,
    pub status: PlanStatus,
    pub period_start: i32,
    pub period_end: i32,
    pub year: i32,
    /// Goals in the plan's order, each sub-goal after its parent.
    pub goals: Vec<ReportGoal>,
    pub totals: Totals,
    /// The plan's whole cost over every year of its funding, by year and source.
    pub cost_by_year: Vec<YearSourceMoney>,
}
