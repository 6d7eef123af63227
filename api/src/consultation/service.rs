//! Building the register: the plan's formal consultation comments with their targets and resolvers.
use std::collections::HashMap;

use entity::enums::{CommentStatus, Resolution, TargetType};
use entity::{comment, goal, measure, plan};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::download::{Download, stream_register};
use super::dto::{ConsultationReport, RegisterEntry, ReportFormat, ReportPlan, ReportTarget, ResolutionCounts};
use super::formats;
use crate::access;
use crate::authors::{View, names_of, resolver};
use crate::caller::Caller;
use crate::clock;
use crate::error::ApiResult;
use crate::pagination::{self, PageParams, Sort};
use crate::register::register_of;
use crate::state::AppState;

/// Codes and titles of a plan's goals or measures.
async fn labels<D, E>(
    db: &D,
    plan_column: E::Column,
    id: E::Column,
    code: E::Column,
    title: E::Column,
    plan_id: Uuid,
) -> ApiResult<HashMap<Uuid, (String, String)>>
where
    D: ConnectionTrait,
    E: EntityTrait,
{
    Ok(E::find()
        .select_only()
        .column(id)
        .column(code)
        .column(title)
        .filter(plan_column.eq(plan_id))
        .into_tuple::<(Uuid, String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, code, title)| (id, (code, title)))
        .collect())
}

/// One plan's register as one caller may see it: e-mails and moderation reasons only for staff, and
/// the text of hidden comments withheld from everyone else (the entry itself stays, as does its
/// settlement). Entries are read a page at a time by id (their entry order), so neither the JSON
/// pages nor the streamed CSV and HTML ever hold the whole register.
pub struct Register {
    plan: plan::Model,
    goals: HashMap<Uuid, (String, String)>,
    measures: HashMap<Uuid, (String, String)>,
    pub staff: bool,
    view: View,
}

impl Register {
    pub async fn open<D: ConnectionTrait>(db: &D, caller: &Caller, plan_id: Uuid) -> ApiResult<Self> {
        let plan = access::plan(db, caller, plan_id).await?;
        let goals =
            labels::<_, goal::Entity>(db, goal::Column::PlanId, goal::Column::Id, goal::Column::Code, goal::Column::Title, plan_id).await?;
        let measures = labels::<_, measure::Entity>(
            db,
            measure::Column::PlanId,
            measure::Column::Id,
            measure::Column::Code,
            measure::Column::Title,
            plan_id,
        )
        .await?;
        Ok(Self { plan, goals, measures, staff: caller.is_staff(), view: View::of(caller) })
    }

    pub fn plan(&self) -> ReportPlan {
        let plan = &self.plan;
        ReportPlan {
            id: plan.id,
            title: plan.title.clone(),
            territory: plan.territory.clone(),
            status: plan.status,
            consultation_closes_at: plan.consultation_closes_at,
        }
    }

    /// Counts by resolution over the whole register, counted by the database.
    pub async fn counts<D: ConnectionTrait>(&self, db: &D) -> ApiResult<ResolutionCounts> {
        let groups = register_of(self.plan.id)
            .select_only()
            .column(comment::Column::Resolution)
            .column_as(comment::Column::Id.count(), "n")
            .group_by(comment::Column::Resolution)
            .into_tuple::<(Option<Resolution>, i64)>()
            .all(db)
            .await?;
        let mut counts = ResolutionCounts::default();
        for (resolution, n) in groups {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            counts.total += n;
            *match resolution {
                Some(Resolution::Accepted) => &mut counts.accepted,
                Some(Resolution::PartiallyAccepted) => &mut counts.partially_accepted,
                Some(Resolution::Rejected) => &mut counts.rejected,
                Some(Resolution::Noted) => &mut counts.noted,
                None => &mut counts.unsettled,
            } += n;
        }
        Ok(counts)
    }

    /// One page of the register in the API's list convention; entries keep their register numbers.
    pub async fn page<D: ConnectionTrait>(&self, db: &D, params: &PageParams) -> ApiResult<(Vec<RegisterEntry>, Option<String>)> {
        let sort = Sort { key: None, id: comment::Column::Id, descending: false };
        let (rows, next) = pagination::fetch(db, register_of(self.plan.id), sort, params, |c| (None, c.id)).await?;
        let before = match rows.first() {
            Some(first) => register_of(self.plan.id).filter(comment::Column::Id.lt(first.id)).count(db).await?,
            None => 0,
        };
        Ok((self.entries(db, rows, before as u32 + 1).await?, next))
    }

    /// Up to `limit` entries after the comment `after` (from the start when none), numbered from
    /// `first`; fewer than `limit` means the register ends there.
    pub async fn after<D: ConnectionTrait>(&self, db: &D, after: Option<Uuid>, limit: u64, first: u32) -> ApiResult<Vec<RegisterEntry>> {
        let mut select = register_of(self.plan.id).order_by_asc(comment::Column::Id).limit(limit);
        if let Some(after) = after {
            select = select.filter(comment::Column::Id.gt(after));
        }
        let rows = select.all(db).await?;
        self.entries(db, rows, first).await
    }

    async fn entries<D: ConnectionTrait>(&self, db: &D, rows: Vec<comment::Model>, first: u32) -> ApiResult<Vec<RegisterEntry>> {
        let names = names_of(db, rows.iter().map(|c| c.resolved_by)).await?;
        Ok(rows.into_iter().zip(first..).map(|(c, number)| self.entry(c, number, &names)).collect())
    }

    /// The plan, goal or measure `id` with its code and title.
    fn target(&self, target_type: TargetType, id: Uuid) -> ReportTarget {
        let (code, title) = match target_type {
            TargetType::Plan => (None, self.plan.title.clone()),
            TargetType::Goal | TargetType::Measure => {
                let known = if target_type == TargetType::Goal { &self.goals } else { &self.measures };
                known.get(&id).map(|(code, title)| (Some(code.clone()), title.clone())).unwrap_or_default()
            }
            TargetType::Meeting => (None, String::new()),
        };
        ReportTarget { target_type, id, code, title }
    }

    fn entry(&self, c: comment::Model, number: u32, names: &HashMap<Uuid, String>) -> RegisterEntry {
        let staff = self.staff;
        let visible = staff || c.status == CommentStatus::Published;
        RegisterEntry {
            number,
            comment_id: c.id,
            target: self.target(c.target_type, c.target_id),
            change_target: c.change_target_type.zip(c.change_target_id).map(|(kind, id)| self.target(kind, id)),
            author: self.view.author(c.author_id, c.author_name),
            author_email: c.author_email.filter(|_| staff),
            channel: c.channel,
            received_on: c.received_on,
            body: Some(c.body).filter(|_| visible),
            status: c.status,
            moderation_reason: c.moderation_reason.filter(|_| staff),
            resolution: c.resolution,
            resolution_note: c.resolution_note,
            resolution_change: c.resolution_change,
            resolved_by: resolver(c.resolved_by, names),
            resolved_at: c.resolved_at,
        }
    }
}

/// The register in the format asked for.
pub enum Report {
    /// One page, with the plan and the counts over all of it.
    Json(ConsultationReport),
    /// All of it, streamed as it is read.
    File(Download),
}

pub async fn report(state: &AppState, caller: &Caller, plan_id: Uuid, format: ReportFormat, params: &PageParams) -> ApiResult<Report> {
    let db = &state.db;
    let register = Register::open(db, caller, plan_id).await?;
    let filename = format!("vyporadani-pripominek-{plan_id}");
    Ok(match format {
        ReportFormat::Json => {
            let counts = register.counts(db).await?;
            let (items, next_cursor) = register.page(db, params).await?;
            Report::Json(ConsultationReport { plan: register.plan(), counts, items, next_cursor, generated_at: clock::now() })
        }
        ReportFormat::Csv => Report::File(Download {
            content_type: "text/csv; charset=utf-8",
            disposition: format!("attachment; filename=\"{filename}.csv\""),
            body: {
                let head = formats::csv_head(register.staff);
                stream_register(db.clone(), register, head, formats::csv_rows, String::new())
            },
        }),
        ReportFormat::Html => {
            let head = formats::html_head(&register.plan(), &register.counts(db).await?, register.staff);
            Report::File(Download {
                content_type: "text/html; charset=utf-8",
                disposition: format!("inline; filename=\"{filename}.html\""),
                body: stream_register(db.clone(), register, head, formats::html_rows, formats::html_foot(clock::now())),
            })
        }
    })
}
