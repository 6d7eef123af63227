//! Building the register: the plan's formal consultation comments with their targets and resolvers.
use std::collections::HashMap;

use entity::enums::{CommentStatus, TargetType};
use entity::{goal, measure};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::dto::{ConsultationReport, RegisterEntry, ReportPlan, ReportTarget, ResolutionCounts};
use crate::caller::Caller;
use crate::clock;
use crate::comments::dto::{Author, resolver};
use crate::comments::service::{names_of, register_of};
use crate::error::ApiResult;
use crate::plans;

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

/// The register as this caller may see it: e-mails and moderation reasons only for staff, and the
/// text of hidden comments withheld from everyone else (the entry itself stays, as does its settlement).
pub async fn report<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    plan_id: Uuid,
) -> ApiResult<ConsultationReport> {
    let plan = plans::service::get(db, caller, plan_id).await?;
    let rows = register_of(plan_id)
        .order_by_asc(entity::comment::Column::Id)
        .all(db)
        .await?;
    let goals = labels::<_, goal::Entity>(
        db,
        goal::Column::PlanId,
        goal::Column::Id,
        goal::Column::Code,
        goal::Column::Title,
        plan_id,
    )
    .await?;
    let measures = labels::<_, measure::Entity>(
        db,
        measure::Column::PlanId,
        measure::Column::Id,
        measure::Column::Code,
        measure::Column::Title,
        plan_id,
    )
    .await?;
    let names = names_of(db, rows.iter().map(|c| c.resolved_by)).await?;
    let staff = caller.is_staff();
    let items: Vec<RegisterEntry> = rows
        .into_iter()
        .zip(1..)
        .map(|(c, number)| {
            let (code, title) = match c.target_type {
                TargetType::Plan => (None, plan.title.clone()),
                TargetType::Goal | TargetType::Measure => {
                    let known = if c.target_type == TargetType::Goal {
                        &goals
                    } else {
                        &measures
                    };
                    known
                        .get(&c.target_id)
                        .map(|(code, title)| (Some(code.clone()), title.clone()))
                        .unwrap_or_default()
                }
                TargetType::Meeting => (None, String::new()),
            };
            let visible = staff || c.status == CommentStatus::Published;
            RegisterEntry {
                number,
                comment_id: c.id,
                target: ReportTarget {
                    target_type: c.target_type,
                    id: c.target_id,
                    code,
                    title,
                },
                author: Author {
                    id: c.author_id,
                    display_name: c.author_name,
                },
                author_email: c.author_email.filter(|_| staff),
                channel: c.channel,
                received_on: c.received_on,
                body: Some(c.body).filter(|_| visible),
                status: c.status,
                moderation_reason: c.moderation_reason.filter(|_| staff),
                resolution: c.resolution,
                resolution_note: c.resolution_note,
                resolution_change: c.resolution_change,
                resolved_by: resolver(c.resolved_by, &names),
                resolved_at: c.resolved_at,
            }
        })
        .collect();
    Ok(ConsultationReport {
        counts: ResolutionCounts::of(&items),
        plan: ReportPlan {
            id: plan.id,
            title: plan.title,
            territory: plan.territory,
            status: plan.status,
            consultation_closes_at: plan.consultation_closes_at,
        },
        items,
        generated_at: clock::now(),
    })
}
