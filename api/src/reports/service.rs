//! The monitoring report computed from the plan's rows.
use std::collections::BTreeMap;

use chrono::NaiveDate;
use entity::enums::{FundingSource, MeasureStatus};
use entity::values::Funding;
use entity::{measure, measure_update};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::dto::{
    Money, MonitoringReport, ReportGoal, ReportIndicator, ReportMeasure, ReportUpdate, SourceMoney, StatusCount, Totals, YearSourceMoney,
};
use crate::caller::Caller;
use crate::error::{ApiError, ApiResult, FieldErrorCode};
use crate::{access, money, progress, versions};

/// Planned and recorded actual money in hálíře; `recorded` whether any actual was given.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    planned: i64,
    actual: i64,
    recorded: bool,
}

impl Sum {
    fn add(&mut self, f: &Funding) {
        self.planned += money::parse(&f.planned).unwrap_or_default();
        if let Some(actual) = &f.actual {
            self.actual += money::parse(actual).unwrap_or_default();
            self.recorded = true;
        }
    }

    fn merge(&mut self, other: Sum) {
        self.planned += other.planned;
        self.actual += other.actual;
        self.recorded |= other.recorded;
    }

    /// A measure's row: no actual when none is recorded.
    fn row(self) -> Money {
        Money { planned: money::format(self.planned), actual: self.recorded.then(|| money::format(self.actual)) }
    }

    /// A total: what is recorded, zero when nothing is.
    fn total(self) -> Money {
        Money { planned: money::format(self.planned), actual: Some(money::format(self.actual)) }
    }
}

/// Sums by source in the sources' order.
fn by_source(fundings: &[&Funding]) -> BTreeMap<usize, (FundingSource, Sum)> {
    let mut out: BTreeMap<usize, (FundingSource, Sum)> = BTreeMap::new();
    for f in fundings {
        let rank = FundingSource::iter().position(|s| s == f.source).unwrap_or_default();
        out.entry(rank).or_insert((f.source, Sum::default())).1.add(f);
    }
    out
}

fn totals(measures: &[&measure::Model], year: i32) -> Totals {
    let by_status = MeasureStatus::iter()
        .map(|status| StatusCount { status, count: measures.iter().filter(|m| m.status == status).count() as u32 })
        .collect();
    let fundings: Vec<&Funding> = measures.iter().flat_map(|m| m.funding_sources.0.iter()).filter(|f| f.year == year).collect();
    let sources = by_source(&fundings);
    let mut all = Sum::default();
    sources.values().for_each(|(_, s)| all.merge(*s));
    Totals {
        measures: measures.len() as u32,
        by_status,
        progress: progress::weighted(measures.iter().map(|m| (m.progress, m.weight, m.status))),
        funding: sources.into_values().map(|(source, s)| SourceMoney { source, money: s.total() }).collect(),
        money: all.total(),
    }
}

fn report_measure(m: &measure::Model, year: i32, updates: &[measure_update::Model]) -> ReportMeasure {
    let fundings: Vec<&Funding> = m.funding_sources.0.iter().filter(|f| f.year == year).collect();
    ReportMeasure {
        id: m.id,
        code: m.code.clone(),
        title: m.title.clone(),
        responsible: m.responsible.clone(),
        status: m.status,
        progress: m.progress,
        indicators: m
            .indicators
            .0
            .iter()
            .map(|i| {
                let mut values = i.values.clone();
                values.sort_by_key(|v| v.year);
                ReportIndicator {
                    name: i.name.clone(),
                    unit: i.unit.clone(),
                    baseline: i.baseline,
                    target: i.target,
                    value: values.iter().find(|v| v.year == year).map(|v| v.value),
                    values,
                }
            })
            .collect(),
        funding: by_source(&fundings).into_values().map(|(source, s)| SourceMoney { source, money: s.row() }).collect(),
        updates: updates
            .iter()
            .filter(|u| u.measure_id == m.id)
            .map(|u| ReportUpdate {
                date: u.date,
                status: u.status,
                progress: u.progress,
                note: u.note.clone(),
                author_name: u.author_name.clone(),
            })
            .collect(),
    }
}

/// The plan's cost over all years of its funding, by year and source.
fn cost_by_year(measures: &[measure::Model]) -> Vec<YearSourceMoney> {
    let mut sums: BTreeMap<(i32, usize), (FundingSource, Sum)> = BTreeMap::new();
    for f in measures.iter().flat_map(|m| m.funding_sources.0.iter()) {
        let rank = FundingSource::iter().position(|s| s == f.source).unwrap_or_default();
        sums.entry((f.year, rank)).or_insert((f.source, Sum::default())).1.add(f);
    }
    sums.into_iter().map(|((year, _), (source, s))| YearSourceMoney { year, source, money: s.total() }).collect()
}

/// The year as the path gives it: 422 naming `year` unless it is a year of the plan's period.
pub fn year_of(text: &str, plan: &entity::plan::Model) -> ApiResult<i32> {
    match text.parse::<i32>() {
        Ok(year) if (plan.period_start..=plan.period_end).contains(&year) => Ok(year),
        _ => Err(ApiError::invalid(
            "year",
            FieldErrorCode::OutOfRange,
            format!("must be a year of the plan's period, {} to {}", plan.period_start, plan.period_end),
        )),
    }
}

pub async fn report<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid, year: &str) -> ApiResult<MonitoringReport> {
    let plan = access::plan(db, caller, id).await?;
    let year = year_of(year, &plan)?;
    let (goals, measures) = versions::snapshot::rows_of(db, plan.id).await?;
    let (from, to) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31));
    let updates = measure_update::Entity::find()
        .filter(measure_update::Column::MeasureId.is_in(measures.iter().map(|m| m.id)))
        .filter(measure_update::Column::Date.between(from, to))
        .order_by_asc(measure_update::Column::Date)
        .order_by_asc(measure_update::Column::CreatedAt)
        .order_by_asc(measure_update::Column::Id)
        .all(db)
        .await?;

    // Document order: each top goal, then its sub-goals.
    let (top, subs): (Vec<_>, Vec<_>) = goals.iter().partition(|g| g.parent_goal_id.is_none());
    let ordered = top.iter().flat_map(|t| std::iter::once(*t).chain(subs.iter().copied().filter(|s| s.parent_goal_id == Some(t.id))));
    let parent_of = |goal_id: Uuid| goals.iter().find(|g| g.id == goal_id).and_then(|g| g.parent_goal_id);
    let report_goals = ordered
        .map(|g| {
            let counted: Vec<&measure::Model> =
                measures.iter().filter(|m| m.goal_id == g.id || parent_of(m.goal_id) == Some(g.id)).collect();
            ReportGoal {
                id: g.id,
                code: g.code.clone(),
                title: g.title.clone(),
                parent_goal_id: g.parent_goal_id,
                measures: measures.iter().filter(|m| m.goal_id == g.id).map(|m| report_measure(m, year, &updates)).collect(),
                totals: totals(&counted, year),
            }
        })
        .collect();
    let all: Vec<&measure::Model> = measures.iter().collect();
    Ok(MonitoringReport {
        plan_id: plan.id,
        title: plan.title.clone(),
        territory: plan.territory.clone(),
        status: plan.status,
        period_start: plan.period_start,
        period_end: plan.period_end,
        year,
        goals: report_goals,
        totals: totals(&all, year),
        cost_by_year: cost_by_year(&measures),
    })
}
