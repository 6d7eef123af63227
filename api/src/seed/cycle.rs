//! The Ostrava plan's yearly cycle in the demo data: the activities of its measures and the action
//! plans of 2023–2025, each approved by the steering group (řídicí skupina) early in its year. The
//! monitoring reports of those years are computed from the measures' indicators and funding, which
//! the demo's measures carry; nothing here stores them.
use chrono::NaiveDate;
use entity::action_plan::{ActionPlanItem, ActionPlanItems, PlannedAmount};
use entity::enums::{ActionPlanStatus, FundingSource, MeasureStatus};
use entity::{action_plan, activity};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use uuid::Uuid;

use super::day;
use crate::clock;
use crate::error::ApiResult;

/// An activity of a measure: title, responsible, years, cost in whole CZK, status.
type ActivitySpec = (&'static str, &'static str, (i32, i32), i64, MeasureStatus);

/// The measures of the Ostrava plan the cycle speaks of (demo.rs makes them).
pub struct OstravaMeasures {
    /// 1.1 Navýšení kapacity terénní pečovatelské služby.
    pub care: Uuid,
    /// 1.2 Senior taxi v celém městě.
    pub taxi: Uuid,
    /// 2.1 Podpora samostatného bydlení.
    pub housing: Uuid,
}

pub async fn load<D: ConnectionTrait>(db: &D, plan: Uuid, m: &OstravaMeasures) -> ApiResult<()> {
    use FundingSource::{Municipality, Region};
    use MeasureStatus::{Completed, InProgress, Planned};
    let care = activities(
        db,
        plan,
        m.care,
        &[
            ("Nábor a zaškolení pracovníků v sociálních službách", "Slezská diakonie", (2023, 2025), 2_400_000, InProgress),
            ("Večerní a víkendové směny pečovatelek", "Charita Ostrava", (2024, 2026), 2_000_000, InProgress),
            ("Služební vozidla pro terénní péči", "Magistrát města Ostravy", (2023, 2023), 400_000, Completed),
        ],
    )
    .await?;
    let taxi = activities(
        db,
        plan,
        m.taxi,
        &[
            ("Výběrové řízení na dopravce", "Magistrát města Ostravy", (2023, 2023), 0, Completed),
            ("Provoz Senior taxi ve všech obvodech", "městské obvody", (2023, 2024), 2_000_000, Completed),
        ],
    )
    .await?;
    let housing = activities(
        db,
        plan,
        m.housing,
        &[
            ("Byty pro podporu samostatného bydlení", "Moravskoslezský kraj", (2025, 2026), 1_500_000, InProgress),
            ("Projekt ESF+ na rozšíření služby", "Poskytovatelé sociálních služeb", (2026, 2026), 2_000_000, Planned),
        ],
    )
    .await?;

    let item = |measure: Uuid, activities: &[Uuid], planned: &[(FundingSource, i64)], note: Option<&str>| ActionPlanItem {
        measure_id: measure,
        activity_ids: activities.to_vec(),
        planned: planned.iter().map(|(source, czk)| PlannedAmount { source: *source, amount: format!("{czk}.00") }).collect(),
        note: note.map(Into::into),
    };
    let years = [
        (
            2023,
            day(2023, 2, 15),
            "usnesení řídicí skupiny KPSS č. 1/2023",
            vec![
                item(m.care, &[care[0], care[2]], &[(Municipality, 1_200_000)], Some("Nábor pracovníků a nákup dvou vozidel.")),
                item(m.taxi, &taxi, &[(Municipality, 1_000_000)], None),
            ],
        ),
        (
            2024,
            day(2024, 2, 14),
            "usnesení řídicí skupiny KPSS č. 1/2024",
            vec![
                item(m.care, &[care[0], care[1]], &[(Municipality, 1_200_000), (Region, 400_000)], Some("Kraj přispívá na večerní směny.")),
                item(m.taxi, &[taxi[1]], &[(Municipality, 1_000_000)], Some("Poslední rok rozšiřování.")),
            ],
        ),
        (
            2025,
            day(2025, 2, 12),
            "usnesení řídicí skupiny KPSS č. 1/2025",
            vec![
                item(m.care, &[care[0], care[1]], &[(Municipality, 1_200_000)], None),
                item(m.housing, &[housing[0]], &[(Region, 1_500_000)], Some("Příprava projektu ESF+ na rok 2026.")),
            ],
        ),
    ];
    for (year, approved_on, resolution, items) in years {
        approved_action_plan(db, plan, year, approved_on, resolution, items).await?;
    }
    Ok(())
}

async fn activities<D: ConnectionTrait>(db: &D, plan: Uuid, measure: Uuid, specs: &[ActivitySpec]) -> ApiResult<Vec<Uuid>> {
    let now = clock::now();
    let mut ids = Vec::with_capacity(specs.len());
    for (position, (title, responsible, (from, to), cost, status)) in (1..).zip(specs) {
        let row = activity::ActiveModel {
            id: Set(Uuid::now_v7()),
            measure_id: Set(measure),
            plan_id: Set(plan),
            title: Set((*title).into()),
            description: Set(String::new()),
            responsible: Set((*responsible).into()),
            year_from: Set(*from),
            year_to: Set(*to),
            // Hellers, as the table keeps money; a step that costs nothing has no estimate.
            estimated_cost: Set((*cost > 0).then_some(cost * 100)),
            status: Set(*status),
            position: Set(position),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(db)
        .await?;
        ids.push(row.id);
    }
    Ok(ids)
}

async fn approved_action_plan<D: ConnectionTrait>(
    db: &D,
    plan: Uuid,
    year: i32,
    approved_on: NaiveDate,
    resolution: &str,
    items: Vec<ActionPlanItem>,
) -> ApiResult<()> {
    let now = clock::now();
    action_plan::ActiveModel {
        id: Set(Uuid::now_v7()),
        plan_id: Set(plan),
        year: Set(year),
        items: Set(ActionPlanItems(items)),
        status: Set(ActionPlanStatus::Approved),
        approved_on: Set(Some(approved_on)),
        approval_resolution: Set(Some(resolution.into())),
        approved_at_meeting_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await?;
    Ok(())
}
