//! A large deterministic data set for benchmarks: the same arguments always give the same rows
//! (apart from ids and timestamps), so runs are comparable. Its plans obey the rules real plans
//! do: every move is in the history, and an approved plan has its resolution, a closed
//! consultation and every comment settled.
use chrono::{Duration, Utc};
use entity::enums::*;
use entity::values::*;
use entity::{comment, goal, measure, need, plan, plan_status_change, territory};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait};
use uuid::Uuid;

use super::{at, day};
use crate::clock;
use crate::error::ApiResult;
use crate::territories::paths;

#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub plans: usize,
    pub goals_per_plan: usize,
    pub measures_per_goal: usize,
    pub comments_per_plan: usize,
    /// Needs reported in the region's ORPs, spread over them (none unless asked).
    pub needs: usize,
}

/// How many ORPs lie in the synthetic region; the plans are spread over them. A region's list
/// filtered by `territory_id` walks all of them, which is what the benchmark measures.
pub const ORPS: usize = 200;

/// Rows per INSERT: far below both databases' limits on bound parameters.
const BATCH: usize = 400;

async fn insert_all<A>(db: &impl sea_orm::ConnectionTrait, rows: Vec<A>) -> ApiResult<()>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(BATCH).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(db).await?;
    }
    Ok(())
}

fn moved(plan_id: Uuid, from: PlanStatus, to: PlanStatus, when: chrono::DateTime<Utc>) -> plan_status_change::ActiveModel {
    plan_status_change::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(plan_id),
        from_status: Set(from),
        to_status: Set(to),
        actor_id: Set(None),
        actor_name: Set("Koordinátor (syntetická data)".into()),
        note: Set(None),
        created_at: Set(when),
    }
}

pub async fn load(db: &DatabaseConnection, size: Size) -> ApiResult<Vec<Uuid>> {
    use PlanStatus::*;
    let now = clock::now();
    let statuses = [MeasureStatus::Planned, MeasureStatus::InProgress, MeasureStatus::Completed, MeasureStatus::Postponed];
    let resolutions = [Resolution::Accepted, Resolution::PartiallyAccepted, Resolution::Rejected, Resolution::Noted];
    let txn = crate::db::begin(db).await?;
    let (mut plans, mut history, mut goals, mut measures, mut comments) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut plan_ids = Vec::new();
    // One region with its ORPs, as a kraj has (Středočeský kraj has 26; 200 is the stress case).
    let place = |name: String, kind, parent| territory::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name),
        kind: Set(kind),
        code: Set(None),
        parent_id: Set(parent),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    };
    let region = place("Syntetický kraj".into(), TerritoryKind::Region, None);
    let region_id = region.id.clone().unwrap();
    let orps: Vec<territory::ActiveModel> = (1..=ORPS).map(|n| place(format!("ORP {n}"), TerritoryKind::Orp, Some(region_id))).collect();
    let orp_ids: Vec<Uuid> = orps.iter().map(|t| t.id.clone().unwrap()).collect();
    insert_all(&txn, vec![region]).await?;
    insert_all(&txn, orps).await?;
    paths::link(&txn, region_id, None).await?;
    for orp in &orp_ids {
        paths::link(&txn, *orp, Some(region_id)).await?;
    }
    for p in 0..size.plans {
        let plan_id = Uuid::now_v7();
        plan_ids.push(plan_id);
        // Every fourth plan is in an open consultation; the others went through theirs in 2024.
        let in_consultation = p % 4 == 0;
        let (opened, closes) = if in_consultation {
            (now - Duration::days(14), now + Duration::days(30))
        } else {
            (at(2024, 9, 2, 8, 0), at(2024, 10, 31, 22, 0))
        };
        let approved_on = day(2024, 12, 12);
        history.push(moved(plan_id, Draft, Consultation, opened));
        if !in_consultation {
            history.push(moved(plan_id, Consultation, Approved, at(2024, 12, 12, 15, 0)));
            history.push(moved(plan_id, Approved, Implementation, at(2025, 1, 2, 8, 0)));
        }
        plans.push(plan::ActiveModel {
            id: Set(plan_id),
            title: Set(format!("Syntetický komunitní plán č. {}", p + 1)),
            territory: Set(format!("ORP {}", p % ORPS + 1)),
            territory_id: Set(Some(orp_ids[p % ORPS])),
            period_start: Set(2025),
            period_end: Set(2028),
            summary: Set("Syntetická data pro měření výkonu.".into()),
            vision: Set("Dostupné sociální služby pro všechny.".into()),
            status: Set(if in_consultation { Consultation } else { Implementation }),
            consultation_closes_at: Set(Some(closes)),
            closing_reminder_for: Set(None),
            approval_resolution: Set((!in_consultation).then(|| format!("usnesení ZM č. {}/2024", p + 1))),
            approved_on: Set((!in_consultation).then_some(approved_on)),
            previous_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        });
        for g in 0..size.goals_per_plan {
            let goal_id = Uuid::now_v7();
            goals.push(goal::ActiveModel {
                id: Set(goal_id),
                plan_id: Set(plan_id),
                parent_goal_id: Set(None),
                working_group_id: Set(None),
                code: Set(format!("{}", g + 1)),
                title: Set(format!("Cíl {}", g + 1)),
                description: Set("Popis cíle.".into()),
                position: Set(g as i32 + 1),
                previous_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
            for m in 0..size.measures_per_goal {
                let k = p * 7 + g * 3 + m;
                let status = statuses[k % statuses.len()];
                measures.push(measure::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    goal_id: Set(goal_id),
                    plan_id: Set(plan_id),
                    code: Set(format!("{}.{}", g + 1, m + 1)),
                    title: Set(format!("Opatření {}.{}", g + 1, m + 1)),
                    description: Set("Popis opatření, kdo, kdy, kolik a jak se měří.".into()),
                    responsible: Set(format!("Poskytovatel {}", k % 30 + 1)),
                    responsible_organization_id: Set(None),
                    partners: Set(StringList(vec!["Obec".into(), "Kraj".into()])),
                    target_groups: Set(StringList(vec!["senioři".into()])),
                    start_date: Set(Some(day(2025, 1, 1))),
                    end_date: Set(Some(day(2028, 12, 31))),
                    status: Set(status),
                    progress: Set(match status {
                        MeasureStatus::Planned => 0,
                        MeasureStatus::Completed => 100,
                        _ => (k * 13 % 99 + 1) as i32,
                    }),
                    weight: Set((k % 3 + 1) as i32),
                    estimated_cost: Set(Some((k as i64 % 100 + 1) * 1_000_000)),
                    funding_sources: Set(FundingList(vec![Funding {
                        year: 2025,
                        source: FundingSource::Municipality,
                        planned: "10000.00".into(),
                        actual: None,
                    }])),
                    indicators: Set(Indicators(vec![Indicator {
                        name: "Počet klientů".into(),
                        unit: "osoby".into(),
                        baseline: Some(10.0),
                        target: Some(20.0),
                        values: vec![IndicatorValue { year: 2025, value: 12.0 }],
                    }])),
                    implementation_note: Set(String::new()),
                    position: Set(m as i32 + 1),
                    previous_id: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                });
            }
        }
        for c in 0..size.comments_per_plan {
            // Settled before approval; only a noted comment goes without a justification.
            let resolution = (!in_consultation).then_some(resolutions[c % resolutions.len()]);
            comments.push(comment::ActiveModel {
                id: Set(Uuid::now_v7()),
                target_type: Set(TargetType::Plan),
                target_id: Set(plan_id),
                plan_id: Set(Some(plan_id)),
                parent_id: Set(None),
                body: Set(format!("Připomínka č. {} k plánu.", c + 1)),
                author_id: Set(None),
                author_name: Set(format!("Občan {}", c % 97 + 1)),
                author_email: Set(None),
                notify_on_resolution: Set(false),
                status: Set(CommentStatus::Published),
                moderation_reason: Set(None),
                is_consultation: Set(true),
                channel: Set(Channel::Web),
                // Within the fortnight after opening: before the deadline, and never after today.
                received_on: Set(clock::day_of(opened) + Duration::days((c % 14) as i64)),
                resolution: Set(resolution),
                resolution_note: Set(resolution.filter(|r| *r != Resolution::Noted).map(|_| "Vypořádáno pracovní skupinou.".into())),
                resolution_change: Set(None),
                change_target_type: Set(None),
                change_target_id: Set(None),
                resolved_by: Set(None),
                resolved_at: Set(resolution.map(|_| at(2024, 11, 20, 10, 0))),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            });
        }
    }
    insert_all(&txn, plans).await?;
    insert_all(&txn, history).await?;
    insert_all(&txn, goals).await?;
    insert_all(&txn, measures).await?;
    insert_all(&txn, comments).await?;
    let sources = [NeedSource::Public, NeedSource::User, NeedSource::Provider, NeedSource::Analysis];
    let states = [NeedStatus::New, NeedStatus::InReview, NeedStatus::Addressed, NeedStatus::NotAddressed];
    let needs = (0..size.needs)
        .map(|n| {
            let status = states[n % states.len()];
            need::ActiveModel {
                id: Set(Uuid::now_v7()),
                title: Set(format!("Potřeba č. {}", n + 1)),
                description: Set("Chybí odlehčovací služba pro rodiny, které pečují o blízké doma.".into()),
                territory_id: Set(Some(orp_ids[n % ORPS])),
                author_name: Set(format!("Občan {}", n % 97 + 1)),
                author_email: Set(None),
                source: Set(sources[n % sources.len()]),
                working_group_id: Set(None),
                status: Set(status),
                response: Set(
                    matches!(status, NeedStatus::Addressed | NeedStatus::NotAddressed).then(|| "Odpověď pracovní skupiny.".into())
                ),
                duplicate_of: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
        })
        .collect();
    insert_all(&txn, needs).await?;
    // Written past the services, so indexed here.
    crate::search::index::rebuild(&txn).await?;
    txn.commit().await?;
    Ok(plan_ids)
}
