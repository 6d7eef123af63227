//! The demo data set, built from the texts in shared/seeds: the 6th community plan of Ostrava
//! (2023–2026, in implementation, with a settled consultation) and the plan of ORP Český Krumlov
//! with its steering group and three working groups and their visions (in consultation now).
//! They sit in a territory tree: Moravskoslezský kraj above Ostrava, Jihočeský kraj above ORP
//! Český Krumlov; beside them the microregion Turnovsko with its four working groups and the
//! small town of Buštěhrad with its three actors. Each place has its coordinator, Jihočeský kraj a
//! regional one. Every person is invented; addresses are on example.cz. The Ostrava plan's yearly
//! cycle (activities, action plans) is in `cycle`.
use chrono::{Duration, Utc};
use entity::enums::*;
use entity::service_link::{capacity, form, target_group as service_group, territory as service_territory};
use entity::values::*;
use entity::{
    comment, goal, measure, measure_link, measure_update, meeting, need, need_link, organization, plan, plan_status_change, service,
    territory, territory_coordinator, user, working_group, working_group_member,
};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use super::{at, day};
use crate::clock;
use crate::credentials::passwords::PasswordHasher;
use crate::error::ApiResult;
use crate::territories::paths;

/// Every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "spoluplan-demo";

struct Builder<'a> {
    txn: &'a DatabaseTransaction,
    password_hash: String,
}

impl Builder<'_> {
    async fn user(&self, email: &str, name: &str, role: Role) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        user::ActiveModel {
            id: Set(id),
            email: Set(email.into()),
            display_name: Set(name.into()),
            role: Set(role),
            is_active: Set(true),
            password_hash: Set(self.password_hash.clone()),
            language: Set(Language::Cs),
            notification_frequency: Set(Default::default()),
            // Made of the name and e-mail as the row is saved.
            search_terms: NotSet,
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn group(
        &self,
        place: &Place<'_>,
        name: &str,
        kind: GroupKind,
        target: Option<&str>,
        description: &str,
        vision: &str,
    ) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        working_group::ActiveModel {
            id: Set(id),
            name: Set(name.into()),
            kind: Set(kind),
            target_group: Set(target.map(Into::into)),
            description: Set(description.into()),
            vision: Set(vision.into()),
            quorum: Set(Some(3)),
            is_active: Set(true),
            territory_id: Set(Some(place.id)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(id)
    }

    async fn territory(
        &self,
        name: &'static str,
        kind: TerritoryKind,
        code: Option<&str>,
        parent: Option<&Place<'_>>,
    ) -> ApiResult<Place<'static>> {
        let now = clock::now();
        let id = Uuid::now_v7();
        territory::ActiveModel {
            id: Set(id),
            name: Set(name.into()),
            kind: Set(kind),
            code: Set(code.map(Into::into)),
            parent_id: Set(parent.map(|p| p.id)),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        paths::link(self.txn, id, parent.map(|p| p.id)).await?;
        Ok(Place { id, name })
    }

    /// Assigns the coordinator `user` to `place` (and so to everything below it).
    async fn coordinates(&self, place: &Place<'_>, user: Uuid) -> ApiResult<()> {
        let now = clock::now();
        territory_coordinator::ActiveModel {
            id: Set(Uuid::now_v7()),
            territory_id: Set(place.id),
            user_id: Set(user),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }

    async fn member(&self, group: Uuid, user: Uuid, role: MemberRole, stakeholder: Stakeholder) -> ApiResult<()> {
        let now = clock::now();
        working_group_member::ActiveModel {
            id: Set(Uuid::now_v7()),
            working_group_id: Set(group),
            user_id: Set(user),
            role: Set(role),
            stakeholder: Set(stakeholder),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn plan(
        &self,
        title: &str,
        place: &Place<'_>,
        period: (i32, i32),
        summary: &str,
        vision: &str,
        status: PlanStatus,
        approval: Option<(&str, chrono::NaiveDate)>,
        closes: Option<chrono::DateTime<Utc>>,
    ) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        plan::ActiveModel {
            id: Set(id),
            title: Set(title.into()),
            territory: Set(place.name.into()),
            territory_id: Set(Some(place.id)),
            period_start: Set(period.0),
            period_end: Set(period.1),
            summary: Set(summary.into()),
            vision: Set(vision.into()),
            status: Set(status),
            consultation_closes_at: Set(closes),
            closing_reminder_for: Set(None),
            approval_resolution: Set(approval.map(|a| a.0.to_string())),
            approved_on: Set(approval.map(|a| a.1)),
            previous_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(id)
    }

    async fn moved(
        &self,
        plan: Uuid,
        from: PlanStatus,
        to: PlanStatus,
        actor: (Uuid, &str),
        when: chrono::DateTime<Utc>,
        note: &str,
    ) -> ApiResult<()> {
        plan_status_change::ActiveModel {
            id: Set(Uuid::now_v7()),
            plan_id: Set(plan),
            from_status: Set(from),
            to_status: Set(to),
            actor_id: Set(Some(actor.0)),
            actor_name: Set(actor.1.into()),
            note: Set(Some(note.into())),
            created_at: Set(when),
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }

    async fn goal(&self, plan: Uuid, g: GoalSpec<'_>) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        goal::ActiveModel {
            id: Set(id),
            plan_id: Set(plan),
            parent_goal_id: Set(g.parent),
            working_group_id: Set(g.group),
            code: Set(g.code.into()),
            title: Set(g.title.into()),
            description: Set(g.description.into()),
            position: Set(g.position),
            previous_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(id)
    }

    async fn measure(&self, plan: Uuid, goal: Uuid, m: MeasureSpec<'_>) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        measure::ActiveModel {
            id: Set(id),
            goal_id: Set(goal),
            plan_id: Set(plan),
            code: Set(m.code.into()),
            title: Set(m.title.into()),
            description: Set(m.description.into()),
            responsible: Set(m.responsible.into()),
            responsible_organization_id: Set(None),
            partners: Set(StringList(m.partners.iter().map(|s| s.to_string()).collect())),
            target_groups: Set(StringList(m.target_groups.iter().map(|s| s.to_string()).collect())),
            start_date: Set(Some(m.dates.0)),
            end_date: Set(Some(m.dates.1)),
            status: Set(m.status),
            progress: Set(m.progress),
            weight: Set(m.weight),
            estimated_cost: Set(Some(m.cost_czk * 100)),
            funding_sources: Set(FundingList(m.funding)),
            indicators: Set(Indicators(m.indicators)),
            implementation_note: Set(m.note.into()),
            position: Set(m.position),
            previous_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(id)
    }

    async fn progress(
        &self,
        measure: Uuid,
        date: chrono::NaiveDate,
        status: MeasureStatus,
        progress: i32,
        note: &str,
        author: (Uuid, &str),
    ) -> ApiResult<()> {
        measure_update::ActiveModel {
            id: Set(Uuid::now_v7()),
            measure_id: Set(measure),
            date: Set(date),
            status: Set(status),
            progress: Set(progress),
            note: Set(note.into()),
            author_id: Set(Some(author.0)),
            author_name: Set(author.1.into()),
            created_at: Set(clock::now()),
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn meeting(
        &self,
        group: Uuid,
        title: &str,
        starts: chrono::DateTime<Utc>,
        format: MeetingFormat,
        location: Option<&str>,
        agenda: &[&str],
        attendance: Attendance,
        resolutions: Vec<MeetingResolution>,
        minutes: &str,
        status: MeetingStatus,
    ) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        // A held meeting keeps the quorum its group's rules set, as the service records it.
        let quorum = match status {
            MeetingStatus::Held => working_group::Entity::find_by_id(group).one(self.txn).await?.and_then(|g| g.quorum),
            _ => None,
        };
        meeting::ActiveModel {
            id: Set(id),
            working_group_id: Set(group),
            quorum: Set(quorum),
            title: Set(title.into()),
            starts_at: Set(starts),
            ends_at: Set(starts + Duration::minutes(120)),
            format: Set(format),
            location: Set(location.map(Into::into)),
            online_url: Set(
                matches!(format, MeetingFormat::Online | MeetingFormat::Hybrid).then(|| "https://meet.example.cz/kpss".to_string())
            ),
            agenda: Set(Agenda(agenda.iter().map(|t| AgendaItem { title: t.to_string(), note: None }).collect())),
            attendance: Set(attendance),
            resolutions: Set(MeetingResolutions(resolutions)),
            minutes: Set(minutes.into()),
            status: Set(status),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(id)
    }

    async fn comment(&self, c: CommentSpec<'_>) -> ApiResult<()> {
        let now = clock::now();
        comment::ActiveModel {
            id: Set(Uuid::now_v7()),
            target_type: Set(c.target.0),
            target_id: Set(c.target.1),
            plan_id: Set(Some(c.plan)),
            parent_id: Set(None),
            body: Set(c.body.into()),
            author_id: Set(c.author_id),
            author_name: Set(c.author_name.into()),
            author_email: Set(c.author_email.map(Into::into)),
            notify_on_resolution: Set(false),
            status: Set(CommentStatus::Published),
            moderation_reason: Set(None),
            is_consultation: Set(true),
            channel: Set(c.channel),
            received_on: Set(c.received_on),
            resolution: Set(c.resolution.map(|r| r.0)),
            resolution_note: Set(c.resolution.and_then(|r| r.1).map(Into::into)),
            resolution_change: Set(c.resolution.and_then(|r| r.2).map(Into::into)),
            change_target_type: Set(None),
            change_target_id: Set(None),
            resolved_by: Set(c.resolution.map(|_| c.resolver)),
            resolved_at: Set(c
                .resolution
                .map(|_| c.received_on.and_hms_opt(12, 0, 0).map(|d| d.and_utc()).unwrap_or(now) + Duration::days(14))),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(())
    }
}

/// A territory of the demo: its id and the name its plans answer.
struct Place<'a> {
    id: Uuid,
    name: &'a str,
}

/// A goal of the demo: who owns it, what it sits under, and its text.
struct GoalSpec<'a> {
    group: Option<Uuid>,
    parent: Option<Uuid>,
    code: &'a str,
    title: &'a str,
    description: &'a str,
    position: i32,
}

/// A settled consultation comment of the demo: body, author, e-mail, channel, resolution, its
/// reasoning and the change it made.
type SettledComment<'a> = (&'a str, &'a str, Option<&'a str>, Channel, Resolution, Option<&'a str>, Option<&'a str>);

struct MeasureSpec<'a> {
    code: &'a str,
    title: &'a str,
    description: &'a str,
    responsible: &'a str,
    partners: &'a [&'a str],
    target_groups: &'a [&'a str],
    dates: (chrono::NaiveDate, chrono::NaiveDate),
    status: MeasureStatus,
    progress: i32,
    weight: i32,
    cost_czk: i64,
    funding: Vec<Funding>,
    indicators: Vec<Indicator>,
    note: &'a str,
    position: i32,
}

struct CommentSpec<'a> {
    plan: Uuid,
    target: (TargetType, Uuid),
    body: &'a str,
    author_id: Option<Uuid>,
    author_name: &'a str,
    author_email: Option<&'a str>,
    channel: Channel,
    received_on: chrono::NaiveDate,
    /// The resolution, its justification (none when only noted) and the change it made.
    resolution: Option<(Resolution, Option<&'a str>, Option<&'a str>)>,
    resolver: Uuid,
}

fn funding(rows: &[(i32, FundingSource, i64, Option<i64>)]) -> Vec<Funding> {
    rows.iter()
        .map(|(year, source, planned, actual)| Funding {
            year: *year,
            source: *source,
            planned: format!("{planned}.00"),
            actual: actual.map(|a| format!("{a}.00")),
        })
        .collect()
}

fn indicator(name: &str, unit: &str, baseline: f64, target: f64, values: &[(i32, f64)]) -> Indicator {
    Indicator {
        name: name.into(),
        unit: unit.into(),
        baseline: Some(baseline),
        target: Some(target),
        values: values.iter().map(|(year, value)| IndicatorValue { year: *year, value: *value }).collect(),
    }
}

/// Loads the demo data set unless the database already has plans. Returns whether it loaded.
pub async fn load(db: &DatabaseConnection, passwords: &PasswordHasher) -> ApiResult<bool> {
    if plan::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let password_hash = passwords.hash(DEMO_PASSWORD.into()).await?;
    let txn = crate::db::begin(db).await?;
    let b = Builder { txn: &txn, password_hash };
    build(&b).await?;
    // Written past the services, so indexed here.
    crate::search::index::rebuild(&txn).await?;
    txn.commit().await?;
    Ok(true)
}

async fn build(b: &Builder<'_>) -> ApiResult<()> {
    use FundingSource::*;
    use MeasureStatus::*;
    use Stakeholder as S;

    // People (invented).
    let coordinator = b.user("koordinator@example.cz", "Mgr. Jana Dvořáková", Role::Coordinator).await?;
    let coordinator_ck = b.user("koordinatorka.krumlov@example.cz", "Bc. Lucie Horáková", Role::Coordinator).await?;
    let leader_seniors = b.user("vedouci.seniori@example.cz", "Petr Novák", Role::Member).await?;
    let leader_families = b.user("vedouci.rodiny@example.cz", "Mgr. Eva Procházková", Role::Member).await?;
    let leader_crisis = b.user("vedouci.krize@example.cz", "Tomáš Kučera", Role::Member).await?;
    let provider = b.user("charita@example.cz", "Marie Veselá (Charita)", Role::Member).await?;
    let user_senior = b.user("senior@example.cz", "Josef Černý", Role::Member).await?;
    let commissioner = b.user("mistostarosta@example.cz", "Ing. Pavel Marek", Role::Member).await?;
    let public = b.user("verejnost@example.cz", "Alena Pokorná", Role::Member).await?;
    let ostrava_leader = b.user("vedouci.ostrava@example.cz", "Mgr. Karel Svoboda", Role::Member).await?;
    let ostrava_commissioner = b.user("socialni.ostrava@example.cz", "Ing. Hana Šimková", Role::Member).await?;
    let coord = (coordinator, "Mgr. Jana Dvořáková");
    let coord_ck = (coordinator_ck, "Bc. Lucie Horáková");
    // Jana Dvořáková keeps no territory: she coordinates the whole installation, as before.
    let coordinator_region = b.user("koordinator.kraj@example.cz", "Ing. Martin Bartoš", Role::Coordinator).await?;
    let coordinator_ov = b.user("koordinatorka.ostrava@example.cz", "Mgr. Simona Králová", Role::Coordinator).await?;
    let coordinator_turnov = b.user("koordinator.turnovsko@example.cz", "Bc. Ondřej Beneš", Role::Coordinator).await?;
    let coordinator_bh = b.user("koordinatorka.bustehrad@example.cz", "Ivana Malá", Role::Coordinator).await?;

    // Territories: codes where the registers have them (RÚIAN kraj and obec codes).
    let moravskoslezsky = b.territory("Moravskoslezský kraj", TerritoryKind::Region, Some("132"), None).await?;
    let ostrava_city = b.territory("Statutární město Ostrava", TerritoryKind::Municipality, Some("554821"), Some(&moravskoslezsky)).await?;
    let jihocesky = b.territory("Jihočeský kraj", TerritoryKind::Region, Some("35"), None).await?;
    let krumlov_orp = b.territory("ORP Český Krumlov", TerritoryKind::Orp, None, Some(&jihocesky)).await?;
    let turnovsko = b.territory("Turnovsko", TerritoryKind::Microregion, None, None).await?;
    let bustehrad = b.territory("Buštěhrad", TerritoryKind::Municipality, None, None).await?;
    b.coordinates(&jihocesky, coordinator_region).await?;
    b.coordinates(&krumlov_orp, coordinator_ck).await?;
    b.coordinates(&ostrava_city, coordinator_ov).await?;
    b.coordinates(&turnovsko, coordinator_turnov).await?;
    b.coordinates(&bustehrad, coordinator_bh).await?;

    // ORP Český Krumlov: steering group and the three working groups with their visions.
    let steering = b.group(&krumlov_orp, "Řídicí skupina ORP Český Krumlov", GroupKind::Steering, None,
        "Řídicí, iniciační a koordinační orgán plánování sociálních služeb v ORP Český Krumlov: ustanovuje pracovní skupiny, odsouhlasuje cíle a priority, sleduje a vyhodnocuje realizaci plánu.",
        "Optimální a udržitelná síť sociálních služeb, která reaguje na aktuální potřeby občanů v území.").await?;
    let ps1 = b.group(&krumlov_orp, "PS 1 Senioři a osoby se zdravotním postižením", GroupKind::Thematic, Some("senioři a osoby se zdravotním postižením"),
        "Pracovní skupina pro seniory a zdravotně postižené (ORP Český Krumlov).",
        "Zajištěná optimální síť sociálních a souvisejících služeb na území obce s rozšířenou působností Český Krumlov pro naplnění potřeb seniorů a zdravotně postižených.").await?;
    let ps2 = b.group(&krumlov_orp, "PS 2 Děti, mládež, rodiny", GroupKind::Thematic, Some("děti, mládež a rodiny"),
        "Pracovní skupina pro děti, mládež a rodiny (ORP Český Krumlov).",
        "Zajištění komplexní sítě kvalitních služeb odpovídající aktuálním potřebám a zajištění osvěty cílové skupiny, která je podporována pružnými systémy financování a doplněna o vzdělávání pracovníků v této oblasti.").await?;
    let ps3 = b.group(&krumlov_orp, "PS 3 Osoby v krizi", GroupKind::Thematic, Some("osoby v krizi a osoby ohrožené sociálním vyloučením"),
        "Pracovní skupina pro osoby v krizi (osoby v nepříznivé sociální situaci), ORP Český Krumlov.",
        "Zajištěná optimální síť sociálních a souvisejících služeb na území obce s rozšířenou působností Český Krumlov pro naplnění různých potřeb osob náležících k etnickým a jiným menšinám a osob v krizi včetně zajištění související dostatečné informovanosti veřejnosti o službách v sociální oblasti.").await?;
    // Ostrava: two of its working groups.
    let ov_seniors = b
        .group(
            &ostrava_city,
            "Ostrava – PS Senioři",
            GroupKind::Thematic,
            Some("senioři"),
            "Pracovní skupina komunitního plánování statutárního města Ostravy pro seniory.",
            "Senioři v Ostravě žijí co nejdéle doma, s dostupnou podporou a péčí.",
        )
        .await?;
    let ov_disability = b
        .group(
            &ostrava_city,
            "Ostrava – PS Osoby se zdravotním postižením",
            GroupKind::Thematic,
            Some("osoby se zdravotním postižením"),
            "Pracovní skupina komunitního plánování statutárního města Ostravy pro osoby se zdravotním postižením.",
            "Lidé se zdravotním postižením mají v Ostravě dostupné služby, které jim umožňují samostatný život.",
        )
        .await?;

    b.member(steering, coordinator_ck, MemberRole::Leader, S::Commissioner).await?;
    b.member(steering, commissioner, MemberRole::Member, S::Commissioner).await?;
    b.member(steering, leader_seniors, MemberRole::Member, S::Provider).await?;
    b.member(steering, leader_families, MemberRole::Member, S::Provider).await?;
    b.member(steering, leader_crisis, MemberRole::Member, S::Provider).await?;
    b.member(ps1, leader_seniors, MemberRole::Leader, S::Provider).await?;
    b.member(ps1, provider, MemberRole::Member, S::Provider).await?;
    b.member(ps1, user_senior, MemberRole::Member, S::User).await?;
    b.member(ps1, commissioner, MemberRole::Member, S::Commissioner).await?;
    b.member(ps1, public, MemberRole::Member, S::Public).await?;
    b.member(ps2, leader_families, MemberRole::Leader, S::Provider).await?;
    b.member(ps2, public, MemberRole::Member, S::Public).await?;
    b.member(ps3, leader_crisis, MemberRole::Leader, S::Provider).await?;
    b.member(ps3, provider, MemberRole::Member, S::Provider).await?;
    b.member(ov_seniors, ostrava_leader, MemberRole::Leader, S::Provider).await?;
    b.member(ov_seniors, user_senior, MemberRole::Member, S::User).await?;
    b.member(ov_seniors, ostrava_commissioner, MemberRole::Member, S::Commissioner).await?;
    b.member(ov_disability, ostrava_leader, MemberRole::Member, S::Provider).await?;

    // Turnovsko: its four working groups (seed 001), open to the public.
    for (name, target) in [
        ("Turnovsko – PS Senioři", "senioři"),
        ("Turnovsko – PS Osoby se zdravotním postižením", "osoby se zdravotním postižením"),
        ("Turnovsko – PS Děti a mládež", "děti a mládež"),
        ("Turnovsko – PS Osoby ohrožené sociálním vyloučením", "osoby ohrožené sociálním vyloučením"),
    ] {
        let group = b
            .group(
                &turnovsko,
                name,
                GroupKind::Thematic,
                Some(target),
                &format!("Pracovní skupina regionu Turnovsko zaměřená na potřeby cílové skupiny: {target}. Schází se na ní uživatelé, poskytovatelé a zadavatelé; účast je otevřená široké veřejnosti."),
                "Potřebná služba je dosažitelná, kvalitní a spolehlivá, až ji někdo z nás bude potřebovat.",
            )
            .await?;
        b.member(group, coordinator_turnov, MemberRole::Leader, S::Commissioner).await?;
    }

    // Buštěhrad: a small town that plans of its own will, with its three actors (seed 000): the
    // commissioner (MěÚ), the one who carries it out (the social and health committee, which is
    // the working group) and the users (the public), with the town's provider, DPS Buštěhrad.
    let committee = b
        .group(
            &bustehrad,
            "Buštěhrad – Sociální a zdravotní výbor",
            GroupKind::Thematic,
            Some("občané v nepříznivé sociální situaci"),
            "Realizátor komunitního plánování města Buštěhrad: zjišťuje potřeby občanů, setkává se se zástupci uživatelů, poskytovatelů a zadavatele a připravuje konkrétní opatření.",
            "Sociální služby ve městě jsou dostupné a občané vědí, kde najdou pomoc ve své situaci.",
        )
        .await?;
    let bh_office = b.user("mesto.bustehrad@example.cz", "Ing. Radek Hájek (MěÚ Buštěhrad)", Role::Member).await?;
    let bh_provider = b.user("dps.bustehrad@example.cz", "Věra Kopecká (DPS Buštěhrad)", Role::Member).await?;
    let bh_citizen = b.user("obcan.bustehrad@example.cz", "Jiří Doležal", Role::Member).await?;
    b.member(committee, coordinator_bh, MemberRole::Leader, S::Commissioner).await?;
    b.member(committee, bh_office, MemberRole::Member, S::Commissioner).await?;
    b.member(committee, bh_provider, MemberRole::Member, S::Provider).await?;
    b.member(committee, bh_citizen, MemberRole::Member, S::Public).await?;

    // Meetings of PS 1 (held, with records) and upcoming ones.
    b.meeting(ps1, "Jednání PS 1 – analýza potřeb seniorů", at(2025, 3, 12, 13, 0), MeetingFormat::InPerson, Some("MěÚ Český Krumlov, zasedací místnost, Kaplická 439"),
        &["Zahájení a schválení programu", "Výsledky dotazníkového šetření mezi seniory", "Problémové oblasti cílové skupiny", "Různé"],
        Attendance { present: vec![leader_seniors, provider, user_senior, commissioner], excused: vec![public], guests: vec![Guest { name: "Hana Malá".into(), stakeholder: S::User }] },
        vec![MeetingResolution { text: "PS 1 schvaluje profil cílové skupiny a seznam problémových oblastí jako podklad pro řídicí skupinu.".into(), votes_for: 4, votes_against: 0, votes_abstained: 0 }],
        "Vedoucí skupiny představil výsledky šetření (212 respondentů). Nejčastěji zmiňovanou potřebou je odlehčovací služba a dostupná doprava k lékaři. Skupina se shodla na třech problémových oblastech.",
        MeetingStatus::Held).await?;
    b.meeting(
        ps1,
        "Jednání PS 1 – návrh cílů a opatření",
        at(2025, 5, 21, 13, 0),
        MeetingFormat::Hybrid,
        Some("MěÚ Český Krumlov, zasedací místnost"),
        &["Kontrola úkolů", "Návrh cílů a opatření pro plán 2025–2027", "Financování odlehčovací služby"],
        Attendance { present: vec![leader_seniors, provider, commissioner], excused: vec![user_senior], guests: vec![] },
        vec![MeetingResolution {
            text: "PS 1 předkládá řídicí skupině návrh cíle 1 a opatření 1.1 a 1.2.".into(),
            votes_for: 3,
            votes_against: 0,
            votes_abstained: 0,
        }],
        "Návrh opatření byl dopracován; zástupce zadavatele upozornil na omezené prostředky rozpočtu města na rok 2026.",
        MeetingStatus::Held,
    )
    .await?;
    b.meeting(
        ps1,
        "Jednání PS 1 – vypořádání připomínek",
        clock::now() + Duration::days(10),
        MeetingFormat::InPerson,
        Some("MěÚ Český Krumlov, zasedací místnost"),
        &["Přehled připomínek z připomínkovacího řízení", "Návrh vypořádání"],
        Attendance::default(),
        vec![],
        "",
        MeetingStatus::Scheduled,
    )
    .await?;
    b.meeting(
        steering,
        "Řídicí skupina – schválení návrhu plánu k připomínkám",
        at(2025, 9, 3, 9, 0),
        MeetingFormat::InPerson,
        Some("MěÚ Český Krumlov"),
        &["Návrh plánu rozvoje sociálních služeb 2025–2027", "Harmonogram připomínkovacího řízení"],
        Attendance {
            present: vec![coordinator_ck, commissioner, leader_seniors, leader_families],
            excused: vec![leader_crisis],
            guests: vec![],
        },
        vec![MeetingResolution {
            text: "Řídicí skupina schvaluje návrh plánu a jeho zveřejnění k připomínkám.".into(),
            votes_for: 4,
            votes_against: 0,
            votes_abstained: 0,
        }],
        "Řídicí skupina projednala návrhy všech tří pracovních skupin.",
        MeetingStatus::Held,
    )
    .await?;
    b.meeting(
        ps2,
        "Jednání PS 2 – prevence a rodinné poradenství",
        clock::now() + Duration::days(17),
        MeetingFormat::Online,
        None,
        &["Síť služeb pro rodiny s dětmi", "Osvěta a vzdělávání pracovníků"],
        Attendance::default(),
        vec![],
        "",
        MeetingStatus::Scheduled,
    )
    .await?;
    b.meeting(
        ov_seniors,
        "PS Senioři – roční vyhodnocení 2025",
        at(2026, 2, 10, 14, 0),
        MeetingFormat::InPerson,
        Some("Magistrát města Ostravy, Prokešovo nám. 8"),
        &["Vyhodnocení plnění opatření za rok 2025", "Ukazatele a financování"],
        Attendance {
            present: vec![ostrava_leader, user_senior, ostrava_commissioner],
            excused: vec![],
            guests: vec![Guest { name: "Zástupce Slezské diakonie".into(), stakeholder: S::Provider }],
        },
        vec![MeetingResolution {
            text: "PS bere na vědomí zprávu o plnění opatření za rok 2025.".into(),
            votes_for: 3,
            votes_against: 0,
            votes_abstained: 0,
        }],
        "Plnění opatření odpovídá harmonogramu; kapacita terénní pečovatelské služby byla navýšena o 20 klientů.",
        MeetingStatus::Held,
    )
    .await?;

    // Ostrava: the 6th plan, approved after a settled consultation, now in implementation.
    let ostrava = b.plan(
        "6. komunitní plán sociálních služeb a souvisejících aktivit ve městě Ostrava na období let 2023–2026",
        &ostrava_city, (2023, 2026),
        "Čtyřletý plán sociálních služeb a souvisejících aktivit statutárního města Ostravy. Vznikl ve spolupráci města, poskytovatelů, jejich klientů a dalších odborníků v deseti pracovních skupinách.",
        "Zabezpečit pomoc, podporu a péči lidem, kteří z nejrůznějších důvodů nejsou schopni svou situaci zvládnout sami nebo s dopomocí svých nejbližších.",
        PlanStatus::Implementation, Some(("usnesení ZM č. 2345/ZM1822/33", day(2022, 9, 14))), Some(at(2022, 7, 31, 22, 0))).await?;
    b.moved(
        ostrava,
        PlanStatus::Draft,
        PlanStatus::Consultation,
        coord,
        at(2022, 7, 1, 8, 0),
        "Zveřejnění návrhu k připomínkovacímu řízení",
    )
    .await?;
    b.moved(ostrava, PlanStatus::Consultation, PlanStatus::Approved, coord, at(2022, 9, 14, 15, 0), "Schváleno zastupitelstvem města")
        .await?;
    b.moved(ostrava, PlanStatus::Approved, PlanStatus::Implementation, coord, at(2023, 1, 2, 8, 0), "Zahájení realizace").await?;
    let ov_g1 = b
        .goal(
            ostrava,
            GoalSpec {
                group: Some(ov_seniors),
                parent: None,
                code: "1",
                title: "Podpora seniorů v přirozeném prostředí",
                description: "Senioři mohou co nejdéle žít ve svých domovech.",
                position: 1,
            },
        )
        .await?;
    let ov_g2 = b
        .goal(
            ostrava,
            GoalSpec {
                group: Some(ov_disability),
                parent: None,
                code: "2",
                title: "Samostatný život osob se zdravotním postižením",
                description: "Rozvoj služeb podporujících samostatné bydlení a zaměstnávání.",
                position: 2,
            },
        )
        .await?;
    let ov_m1 = b
        .measure(
            ostrava,
            ov_g1,
            MeasureSpec {
                code: "1.1",
                title: "Navýšení kapacity terénní pečovatelské služby",
                description: "Navýšit kapacitu terénní pečovatelské služby o 40 klientů, zejména ve večerních hodinách a o víkendech.",
                responsible: "Magistrát města Ostravy, odbor sociálních věcí",
                partners: &["Slezská diakonie", "Charita Ostrava"],
                target_groups: &["senioři"],
                dates: (day(2023, 1, 1), day(2026, 12, 31)),
                status: InProgress,
                progress: 60,
                weight: 2,
                cost_czk: 4_800_000,
                funding: funding(&[
                    (2023, Municipality, 1_200_000, Some(1_180_000)),
                    (2024, Municipality, 1_200_000, Some(1_240_000)),
                    (2024, Region, 400_000, Some(400_000)),
                    (2025, Municipality, 1_200_000, None),
                ]),
                indicators: vec![indicator(
                    "Počet klientů terénní pečovatelské služby",
                    "osoby",
                    310.0,
                    350.0,
                    &[(2023, 318.0), (2024, 331.0), (2025, 334.0)],
                )],
                note: "Kapacita navýšena o 24 klientů; nábor pracovníků pokračuje.",
                position: 1,
            },
        )
        .await?;
    b.progress(ov_m1, day(2023, 12, 31), InProgress, 25, "Roční vyhodnocení 2023", coord).await?;
    b.progress(ov_m1, day(2024, 12, 31), InProgress, 50, "Roční vyhodnocení 2024", coord).await?;
    b.progress(ov_m1, day(2025, 12, 31), InProgress, 60, "Roční vyhodnocení 2025", coord).await?;
    let ov_m2 = b
        .measure(
            ostrava,
            ov_g1,
            MeasureSpec {
                code: "1.2",
                title: "Senior taxi v celém městě",
                description: "Rozšíření služby Senior taxi do všech městských obvodů.",
                responsible: "Magistrát města Ostravy",
                partners: &["městské obvody"],
                target_groups: &["senioři", "osoby se zdravotním postižením"],
                dates: (day(2023, 3, 1), day(2024, 12, 31)),
                status: Completed,
                progress: 100,
                weight: 1,
                cost_czk: 2_000_000,
                funding: funding(&[(2023, Municipality, 1_000_000, Some(990_000)), (2024, Municipality, 1_000_000, Some(1_010_000))]),
                indicators: vec![indicator(
                    "Počet uskutečněných jízd",
                    "jízdy za rok",
                    12_000.0,
                    18_000.0,
                    &[(2023, 15_400.0), (2024, 18_900.0)],
                )],
                note: "Služba funguje ve všech 23 obvodech.",
                position: 2,
            },
        )
        .await?;
    let ov_m21 = b
        .measure(
            ostrava,
            ov_g2,
            MeasureSpec {
                code: "2.1",
                title: "Podpora samostatného bydlení",
                description: "Vznik 10 nových míst služby podpora samostatného bydlení.",
                responsible: "Poskytovatelé sociálních služeb",
                partners: &["Moravskoslezský kraj"],
                target_groups: &["osoby se zdravotním postižením"],
                dates: (day(2024, 1, 1), day(2026, 12, 31)),
                status: InProgress,
                progress: 10,
                weight: 1,
                cost_czk: 3_500_000,
                funding: funding(&[(2025, Region, 1_500_000, None), (2026, Eu, 2_000_000, None)]),
                indicators: vec![indicator("Počet míst služby", "místa", 25.0, 35.0, &[(2025, 27.0)])],
                note: "Z krajských prostředků vznikla 2 místa; na další se čeká na výzvu z ESF+.",
                position: 1,
            },
        )
        .await?;
    b.progress(ov_m21, day(2025, 12, 31), InProgress, 10, "Roční vyhodnocení 2025", coord).await?;
    super::cycle::load(b.txn, ostrava, &super::cycle::OstravaMeasures { care: ov_m1, taxi: ov_m2, housing: ov_m21 }).await?;
    let ov_comments: [SettledComment; 4] = [
        (
            "Chybí mi zmínka o dostupnosti služeb ve večerních hodinách.",
            "Jiří Malý",
            Some("jiri.maly@example.cz"),
            Channel::Web,
            Resolution::Accepted,
            Some("Připomínka je oprávněná."),
            Some("Opatření 1.1 doplněno o večerní a víkendové hodiny."),
        ),
        (
            "Navrhuji rozšířit Senior taxi i na cesty na úřady.",
            "Spolek seniorů Poruba",
            None,
            Channel::Paper,
            Resolution::PartiallyAccepted,
            Some("Cesty na úřady budou zahrnuty, cesty za nákupy ne kvůli kapacitě."),
            Some("Opatření 1.2 upraveno."),
        ),
        (
            "Plán by měl počítat s novým domovem pro seniory v každém obvodu.",
            "Anna Králová",
            None,
            Channel::Meeting,
            Resolution::Rejected,
            Some("Výstavba pobytových zařízení není v kompetenci tohoto plánu; priorita je péče v přirozeném prostředí."),
            None,
        ),
        (
            "Děkujeme za zapojení uživatelů do pracovních skupin.",
            "Alena Pokorná",
            Some("verejnost@example.cz"),
            Channel::Email,
            Resolution::Noted,
            None,
            None,
        ),
    ];
    for (i, (body, name, email, channel, resolution, note, change)) in ov_comments.into_iter().enumerate() {
        // Each comment on what it is about: evening care (1.1), Senior taxi (1.2), then the plan as a whole.
        let target = match i {
            0 => (TargetType::Measure, ov_m1),
            1 => (TargetType::Measure, ov_m2),
            _ => (TargetType::Plan, ostrava),
        };
        b.comment(CommentSpec {
            plan: ostrava,
            target,
            body,
            author_id: None,
            author_name: name,
            author_email: email,
            channel,
            received_on: day(2022, 7, 5 + i as u32 * 5),
            resolution: Some((resolution, note, change)),
            resolver: coordinator,
        })
        .await?;
    }

    // Český Krumlov: the plan in consultation now.
    let closes = clock::now() + Duration::days(21);
    let krumlov = b.plan(
        "Plán rozvoje sociálních a souvisejících služeb ORP Český Krumlov 2025–2027",
        &krumlov_orp, (2025, 2027),
        "Střednědobý plán rozvoje sociálních a souvisejících služeb na území správního obvodu obce s rozšířenou působností Český Krumlov, připravený řídicí skupinou a třemi pracovními skupinami.",
        "Optimální a udržitelná síť sociálních služeb, která reaguje na aktuální potřeby občanů v území a na jejíž dostupnosti se finančně podílejí všechny obce.",
        PlanStatus::Consultation, None, Some(closes)).await?;
    b.moved(
        krumlov,
        PlanStatus::Draft,
        PlanStatus::Consultation,
        coord_ck,
        clock::now() - Duration::days(7),
        "Řídicí skupina schválila zveřejnění návrhu",
    )
    .await?;
    let ck_g1 = b
        .goal(
            krumlov,
            GoalSpec {
                group: Some(ps1),
                parent: None,
                code: "1",
                title: "Senioři a osoby se zdravotním postižením",
                description: "Cíle pracovní skupiny PS 1.",
                position: 1,
            },
        )
        .await?;
    let ck_g11 = b
        .goal(
            krumlov,
            GoalSpec {
                group: Some(ps1),
                parent: Some(ck_g1),
                code: "1.1",
                title: "Péče v domácím prostředí",
                description: "Podpora pečujících a dostupné terénní služby.",
                position: 1,
            },
        )
        .await?;
    let ck_g2 = b
        .goal(
            krumlov,
            GoalSpec {
                group: Some(ps2),
                parent: None,
                code: "2",
                title: "Děti, mládež, rodiny",
                description: "Cíle pracovní skupiny PS 2.",
                position: 2,
            },
        )
        .await?;
    let ck_g3 = b
        .goal(
            krumlov,
            GoalSpec {
                group: Some(ps3),
                parent: None,
                code: "3",
                title: "Osoby v krizi",
                description: "Cíle pracovní skupiny PS 3.",
                position: 3,
            },
        )
        .await?;
    let ck_m1 = b
        .measure(
            krumlov,
            ck_g11,
            MeasureSpec {
                code: "1.1.1",
                title: "Odlehčovací služba pro pečující rodiny",
                description: "Zřídit terénní odlehčovací službu s kapacitou 15 klientů pro celé ORP.",
                responsible: "Charita Český Krumlov",
                partners: &["Město Český Krumlov", "Jihočeský kraj"],
                target_groups: &["senioři", "pečující osoby"],
                dates: (day(2025, 7, 1), day(2027, 12, 31)),
                status: Planned,
                progress: 0,
                weight: 2,
                cost_czk: 1_650_000,
                funding: funding(&[
                    (2026, Municipality, 250_000, None),
                    (2026, Region, 300_000, None),
                    (2027, State, 550_000, None),
                    (2027, Other, 50_000, None),
                ]),
                indicators: vec![indicator("Počet podpořených pečujících rodin", "rodiny", 0.0, 30.0, &[])],
                note: "",
                position: 1,
            },
        )
        .await?;
    b.measure(
        krumlov,
        ck_g11,
        MeasureSpec {
            code: "1.1.2",
            title: "Doprava seniorů k lékaři z obcí ORP",
            description: "Dohoda obcí o společném financování dopravy seniorů k lékaři.",
            responsible: "Obce ORP Český Krumlov",
            partners: &["MAS Pošumaví"],
            target_groups: &["senioři"],
            dates: (day(2025, 9, 1), day(2026, 12, 31)),
            status: Planned,
            progress: 0,
            weight: 1,
            cost_czk: 400_000,
            funding: funding(&[(2026, Municipality, 400_000, None)]),
            indicators: vec![indicator("Počet zapojených obcí", "obce", 1.0, 10.0, &[])],
            note: "",
            position: 2,
        },
    )
    .await?;
    b.measure(
        krumlov,
        ck_g2,
        MeasureSpec {
            code: "2.1",
            title: "Rodinné poradenství a osvěta",
            description: "Pravidelné poradenství pro rodiny s dětmi a osvěta o dostupných službách.",
            responsible: "Spolek pro rodinu",
            partners: &["OSPOD MěÚ Český Krumlov"],
            target_groups: &["rodiny s dětmi"],
            dates: (day(2025, 9, 1), day(2027, 6, 30)),
            status: Planned,
            progress: 0,
            weight: 1,
            cost_czk: 600_000,
            funding: funding(&[(2026, Region, 300_000, None), (2027, Region, 300_000, None)]),
            indicators: vec![indicator("Počet konzultací", "konzultace za rok", 120.0, 200.0, &[])],
            note: "",
            position: 1,
        },
    )
    .await?;
    b.measure(
        krumlov,
        ck_g3,
        MeasureSpec {
            code: "3.1",
            title: "Informovanost o službách pro osoby v krizi",
            description: "Katalog služeb v tištěné i elektronické podobě, distribuce na obecní úřady.",
            responsible: "MěÚ Český Krumlov, odbor sociálních věcí",
            partners: &["poskytovatelé služeb"],
            target_groups: &["osoby v krizi", "etnické menšiny"],
            dates: (day(2025, 10, 1), day(2026, 3, 31)),
            status: Planned,
            progress: 0,
            weight: 1,
            cost_czk: 90_000,
            funding: funding(&[(2026, Municipality, 90_000, None)]),
            indicators: vec![indicator("Počet distribučních míst", "místa", 3.0, 25.0, &[])],
            note: "",
            position: 1,
        },
    )
    .await?;
    b.comment(CommentSpec {
        plan: krumlov,
        target: (TargetType::Measure, ck_m1),
        body: "Odlehčovací služba by měla být dostupná i o víkendech, kdy pečující nejvíce potřebují pomoc.",
        author_id: Some(user_senior),
        author_name: "Josef Černý",
        author_email: None,
        channel: Channel::Web,
        received_on: clock::today() - Duration::days(3),
        resolution: None,
        resolver: coordinator_ck,
    })
    .await?;
    b.comment(CommentSpec {
        plan: krumlov,
        target: (TargetType::Plan, krumlov),
        body: "Prosíme o doplnění kontaktů na dluhové poradenství do katalogu služeb.",
        author_id: None,
        author_name: "Obecní úřad Větřní",
        author_email: Some("podatelna@vetrni.example.cz"),
        channel: Channel::Email,
        received_on: clock::today() - Duration::days(2),
        resolution: None,
        resolver: coordinator_ck,
    })
    .await?;

    // A draft for next cycle (visible to signed-in people only).
    b.plan("Komunitní plán sociálních služeb Turnovsko 2027–2030 (pracovní verze)", &turnovsko, (2027, 2030),
        "Pracovní verze; v regionu pracují čtyři pracovní skupiny: senioři, osoby se zdravotním postižením, děti a mládež, osoby ohrožené sociálním vyloučením.",
        "Dříve či později budeme sociální služby potřebovat. A jaké to budou, záleží hlavně na nás.", PlanStatus::Draft, None, None).await?;

    let places = (&ostrava_city, &krumlov_orp, &turnovsko, &bustehrad);
    needs(b, places, (ov_seniors, ps1, ps3, committee), (ov_m1, ck_m1)).await?;
    network(b, &ostrava_city, &krumlov_orp, &turnovsko, &bustehrad).await?;
    // The needs analysis behind the Krumlov plan: a closed survey with public results.
    super::surveys::demo(b.txn, krumlov_orp.id, krumlov).await?;
    Ok(())
}

/// A need of the demo: where, for whom, who reported it and how far its review has come.
struct NeedSpec<'a> {
    place: &'a Place<'a>,
    title: &'a str,
    description: &'a str,
    groups: &'a [&'a str],
    author: (&'a str, Option<&'a str>),
    source: NeedSource,
    working_group: Option<Uuid>,
    status: NeedStatus,
    response: Option<&'a str>,
    duplicate_of: Option<Uuid>,
    measures: &'a [Uuid],
    days_ago: i64,
}

impl Builder<'_> {
    async fn need(&self, n: NeedSpec<'_>) -> ApiResult<Uuid> {
        let at = clock::now() - Duration::days(n.days_ago);
        let id = Uuid::now_v7();
        need::ActiveModel {
            id: Set(id),
            title: Set(n.title.into()),
            description: Set(n.description.into()),
            territory_id: Set(Some(n.place.id)),
            author_name: Set(n.author.0.into()),
            author_email: Set(n.author.1.map(Into::into)),
            source: Set(n.source),
            working_group_id: Set(n.working_group),
            status: Set(n.status),
            response: Set(n.response.map(Into::into)),
            duplicate_of: Set(n.duplicate_of),
            created_at: Set(at),
            updated_at: Set(at),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        for code in n.groups {
            need_link::target_group::ActiveModel { id: Set(Uuid::now_v7()), need_id: Set(id), target_group_code: Set((*code).into()) }
                .insert(self.txn)
                .await?;
        }
        for measure in n.measures {
            need_link::measure::ActiveModel { id: Set(Uuid::now_v7()), need_id: Set(id), measure_id: Set(*measure) }
                .insert(self.txn)
                .await?;
        }
        Ok(id)
    }
}

/// Needs heard in the demo territories: some answered by the plans' measures, one a duplicate,
/// one not addressed with the reason, and new ones waiting for their working group.
async fn needs(
    b: &Builder<'_>,
    (ostrava, krumlov, turnovsko, bustehrad): (&Place<'_>, &Place<'_>, &Place<'_>, &Place<'_>),
    (ov_seniors, ps1, ps3, committee): (Uuid, Uuid, Uuid, Uuid),
    (ov_evening_care, ck_respite): (Uuid, Uuid),
) -> ApiResult<()> {
    use NeedSource::*;
    use NeedStatus::*;
    let respite = b
        .need(NeedSpec {
            place: krumlov,
            title: "Chybí odlehčovací služba pro rodiny, které pečují o seniora doma",
            description: "Starám se o maminku s demencí. Když potřebuji k lékaři nebo si odpočinout, nemá ji kdo pohlídat; nejbližší odlehčovací služba je v Českých Budějovicích.",
            groups: &["pecujici_osoby", "osoby_zijici_s_demenci"],
            author: ("Hana K.", Some("hana.k@example.cz")),
            source: Public,
            working_group: Some(ps1),
            status: Addressed,
            response: Some("Pracovní skupina PS 1 potřebu zařadila do návrhu plánu: opatření 1.1.1 zřizuje terénní odlehčovací službu pro celé ORP od července 2025."),
            duplicate_of: None,
            measures: &[ck_respite],
            days_ago: 60,
        })
        .await?;
    b.need(NeedSpec {
        place: krumlov,
        title: "Víkendové hlídání pro pečující",
        description: "O víkendu nemáme nikoho, kdo by tátu na pár hodin pohlídal.",
        groups: &["pecujici_osoby"],
        author: ("Anonym", None),
        source: Public,
        working_group: Some(ps1),
        status: Duplicate,
        response: Some("Stejnou potřebu už řešíme jako „Chybí odlehčovací služba pro rodiny, které pečují o seniora doma“."),
        duplicate_of: Some(respite),
        measures: &[],
        days_ago: 40,
    })
    .await?;
    b.need(NeedSpec {
        place: krumlov,
        title: "Doprava seniorů k lékaři z malých obcí",
        description: "Z Přídolí a Větřní nejezdí autobus v době ordinačních hodin; senioři bez auta se k lékaři nedostanou.",
        groups: &["seniori"],
        // Waiting for PS 1, whose leader may answer it with measure 1.1.2.
        author: ("Josef Černý", None),
        source: User,
        working_group: Some(ps1),
        status: New,
        response: None,
        duplicate_of: None,
        measures: &[],
        days_ago: 5,
    })
    .await?;
    b.need(NeedSpec {
        place: krumlov,
        title: "Noclehárna v zimních měsících",
        description: "V zimě přespávají lidé bez domova na nádraží; ve městě chybí noclehárna.",
        groups: &["osoby_bez_pristresi"],
        author: ("Terénní pracovník", None),
        source: Provider,
        working_group: Some(ps3),
        status: InReview,
        response: None,
        duplicate_of: None,
        measures: &[],
        days_ago: 20,
    })
    .await?;
    b.need(NeedSpec {
        place: ostrava,
        title: "Pečovatelská služba i večer a o víkendu",
        description: "Pečovatelská služba chodí jen ve všední dny do 15:30; večer a o víkendu zůstávají senioři bez pomoci.",
        groups: &["seniori"],
        author: ("Analýza potřeb 2022", None),
        source: Analysis,
        working_group: Some(ov_seniors),
        status: Addressed,
        response: Some(
            "Odpovídá na ni opatření 1.1 plánu: navýšení kapacity terénní pečovatelské služby ve večerních hodinách a o víkendech.",
        ),
        duplicate_of: None,
        measures: &[ov_evening_care],
        days_ago: 900,
    })
    .await?;
    b.need(NeedSpec {
        place: turnovsko,
        title: "Asistent pedagoga pro děti s autismem v malých školách",
        description: "Malé školy v regionu nemají na asistenta pedagoga a rodiče dojíždějí do Liberce.",
        groups: &["deti_mladez_a_rodiny", "osoby_se_zdravotnim_postizenim"],
        author: ("Rodiče z Turnovska", None),
        source: Public,
        working_group: None,
        status: NotAddressed,
        response: Some(
            "Asistenty pedagoga platí ministerstvo školství, ne sociální služby; potřebu jsme předali odboru školství MěÚ Turnov.",
        ),
        duplicate_of: None,
        measures: &[],
        days_ago: 30,
    })
    .await?;
    b.need(NeedSpec {
        place: bustehrad,
        title: "Klub pro seniory ve městě",
        description: "Senioři by se rádi scházeli; ve městě chybí místo pro společné aktivity.",
        groups: &["seniori"],
        author: ("Sociální a zdravotní komise", None),
        source: Commissioner,
        working_group: Some(committee),
        status: New,
        response: None,
        duplicate_of: None,
        measures: &[],
        days_ago: 10,
    })
    .await?;
    Ok(())
}

/// A service of the demo network: its provider, kind (none for a related activity), forms,
/// target groups, capacities and the place it serves.
struct ServiceSpec<'a> {
    organization: Uuid,
    name: &'a str,
    kind: Option<&'a str>,
    forms: &'a [ServiceForm],
    groups: &'a [&'a str],
    capacities: &'a [(ServiceForm, i32, CapacityUnit)],
    place: &'a Place<'a>,
    address: &'a str,
    description: &'a str,
}

impl Builder<'_> {
    /// An invented organization: its IČO has a valid check digit, its contacts are on example.cz.
    async fn organization(
        &self,
        name: &str,
        ico: &str,
        kind: OrganizationKind,
        host: &str,
        address: &str,
        description: &str,
    ) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        organization::ActiveModel {
            id: Set(id),
            name: Set(name.into()),
            ico: Set(Some(ico.into())),
            kind: Set(kind),
            address: Set(Some(address.into())),
            web: Set(Some(format!("https://www.{host}"))),
            email: Set(Some(format!("info@{host}"))),
            phone: Set(None),
            description: Set(description.into()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        Ok(id)
    }

    async fn service(&self, s: ServiceSpec<'_>) -> ApiResult<Uuid> {
        let now = clock::now();
        let id = Uuid::now_v7();
        service::ActiveModel {
            id: Set(id),
            organization_id: Set(s.organization),
            name: Set(s.name.into()),
            kind_code: Set(s.kind.map(Into::into)),
            registration_id: Set(None),
            address: Set(Some(s.address.into())),
            municipality_code: Set(None),
            web: Set(None),
            email: Set(None),
            phone: Set(None),
            description: Set(s.description.into()),
            valid_from: Set(Some(day(2020, 1, 1))),
            valid_to: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        }
        .insert(self.txn)
        .await?;
        for f in s.forms {
            form::ActiveModel { id: Set(Uuid::now_v7()), service_id: Set(id), form: Set(*f) }.insert(self.txn).await?;
        }
        for code in s.groups {
            service_group::ActiveModel { id: Set(Uuid::now_v7()), service_id: Set(id), target_group_code: Set((*code).into()) }
                .insert(self.txn)
                .await?;
        }
        for (position, (f, count, unit)) in (1..).zip(s.capacities) {
            capacity::ActiveModel {
                id: Set(Uuid::now_v7()),
                service_id: Set(id),
                form: Set(*f),
                count: Set(*count),
                unit: Set(*unit),
                position: Set(position),
            }
            .insert(self.txn)
            .await?;
        }
        service_territory::ActiveModel { id: Set(Uuid::now_v7()), service_id: Set(id), territory_id: Set(s.place.id) }
            .insert(self.txn)
            .await?;
        Ok(id)
    }

    /// Names the network in the demo measure titled `l.measure`: its responsible and partner
    /// organizations, the services it develops and its target groups.
    async fn link(&self, l: LinkSpec<'_>) -> ApiResult<()> {
        let found = measure::Entity::find().filter(measure::Column::Title.eq(l.measure)).one(self.txn).await?;
        let found = found.ok_or_else(|| DbErr::RecordNotFound(format!("the demo measure {:?}", l.measure)))?;
        let id = found.id;
        let mut named = found.into_active_model();
        named.responsible_organization_id = Set(Some(l.responsible));
        named.update(self.txn).await?;
        for organization in l.partners {
            measure_link::partner::ActiveModel { id: Set(Uuid::now_v7()), measure_id: Set(id), organization_id: Set(*organization) }
                .insert(self.txn)
                .await?;
        }
        for service in l.services {
            measure_link::service::ActiveModel { id: Set(Uuid::now_v7()), measure_id: Set(id), service_id: Set(*service) }
                .insert(self.txn)
                .await?;
        }
        for code in l.groups {
            measure_link::target_group::ActiveModel {
                id: Set(Uuid::now_v7()),
                measure_id: Set(id),
                target_group_code: Set((*code).into()),
            }
            .insert(self.txn)
            .await?;
        }
        Ok(())
    }
}

/// What a demo measure names of the network.
struct LinkSpec<'a> {
    measure: &'a str,
    responsible: Uuid,
    partners: &'a [Uuid],
    services: &'a [Uuid],
    groups: &'a [&'a str],
}

/// The network of social services of the four demo places, as the seeds describe them: Ostrava's
/// "sociální služby a související aktivity", the working groups' target groups in Český Krumlov and
/// Turnovsko, Buštěhrad's care for its seniors. Every provider is invented.
#[rustfmt::skip]
async fn network(b: &Builder<'_>, ostrava: &Place<'_>, krumlov: &Place<'_>, turnovsko: &Place<'_>, bustehrad: &Place<'_>) -> ApiResult<()> {
    use CapacityUnit::*;
    use OrganizationKind as K;
    use ServiceForm::*;

    let seniorcentrum = b.organization("Seniorcentrum Ostrava-Jih, z. ú.", "27100014", K::Provider, "seniorcentrum-ostrava.example.cz",
        "Horní 10, 700 30 Ostrava", "Péče o seniory v jejich domácnostech i v domově.").await?;
    let novy_krok = b.organization("Nový krok, z. s.", "27100022", K::Ngo, "novykrok.example.cz",
        "Nádražní 5, 702 00 Ostrava", "Pomoc dětem, mládeži a lidem bez domova.").await?;
    let diakonie = b.organization("Diakonie Krumlovsko, z. ú.", "27100031", K::Church, "diakonie-krumlovsko.example.cz",
        "Latrán 20, 381 01 Český Krumlov", "Služby pro seniory, osoby se zdravotním postižením a rodiny na Českokrumlovsku.").await?;
    let poradna = b.organization("Poradna Vltava, z. s.", "27100049", K::Ngo, "poradna-vltava.example.cz",
        "Náměstí Svornosti 3, 381 01 Český Krumlov", "Poradenství a krizová pomoc pro osoby v krizi a etnické menšiny.").await?;
    let pojizeri = b.organization("Pojizerská pečovatelská, o. p. s.", "27100057", K::Provider, "pojizerska.example.cz",
        "Skálova 8, 511 01 Turnov", "Pečovatelská služba a tísňová péče v regionu Turnovsko.").await?;
    let jizerka = b.organization("Rodinné centrum Jizerka, z. s.", "27100065", K::Ngo, "jizerka.example.cz",
        "Palackého 2, 511 01 Turnov", "Podpora rodin s dětmi a raná péče.").await?;
    let dps = b.organization("Dům s pečovatelskou službou Buštěhrad, p. o.", "27100073", K::Provider, "dps-bustehrad.example.cz",
        "Revoluční 1, 273 43 Buštěhrad", "Příspěvková organizace města: pečovatelská služba a odlehčovací pobyty.").await?;

    let services = [
        ServiceSpec { organization: seniorcentrum, name: "Pečovatelská služba Ostrava-Jih", kind: Some("pecovatelska_sluzba"), forms: &[Field, Outpatient],
            groups: &["seniori", "osoby_se_zdravotnim_postizenim"], capacities: &[(Field, 180, Clients), (Outpatient, 20, Clients)], place: ostrava,
            address: "Horní 10, Ostrava", description: "Pomoc s péčí o domácnost, hygienou a stravou, aby senioři mohli zůstat doma." },
        ServiceSpec { organization: seniorcentrum, name: "Domov pro seniory Hůrka", kind: Some("domovy_pro_seniory"), forms: &[Residential],
            groups: &["seniori"], capacities: &[(Residential, 120, Beds)], place: ostrava,
            address: "Na Hůrce 4, Ostrava", description: "Celoroční pobyt pro seniory, kteří potřebují stálou péči." },
        ServiceSpec { organization: seniorcentrum, name: "Domov se zvláštním režimem Hůrka", kind: Some("domovy_se_zvlastnim_rezimem"), forms: &[Residential],
            groups: &["osoby_zijici_s_demenci", "seniori"], capacities: &[(Residential, 40, Beds)], place: ostrava,
            address: "Na Hůrce 4, Ostrava", description: "Pobyt pro lidi žijící s demencí." },
        ServiceSpec { organization: novy_krok, name: "Nízkoprahový klub Krok", kind: Some("nizkoprahova_zarizeni_pro_deti_a_mladez"), forms: &[Outpatient, Field],
            groups: &["deti_a_mladez_ohrozene_spolecensky_nezadoucimi_jevy"], capacities: &[(Outpatient, 25, Clients), (Field, 15, Clients)], place: ostrava,
            address: "Nádražní 5, Ostrava", description: "Bezpečné místo pro volný čas, podpora a poradenství pro děti a mládež." },
        ServiceSpec { organization: novy_krok, name: "Azylový dům Krok", kind: Some("azylove_domy"), forms: &[Residential],
            groups: &["osoby_bez_pristresi"], capacities: &[(Residential, 36, Beds)], place: ostrava,
            address: "Přívozská 12, Ostrava", description: "Přechodné ubytování a podpora pro lidi bez domova." },
        ServiceSpec { organization: novy_krok, name: "Senior taxi Ostrava", kind: None, forms: &[Field],
            groups: &["seniori", "osoby_se_zdravotnim_postizenim"], capacities: &[], place: ostrava,
            address: "Nádražní 5, Ostrava", description: "Související aktivita: doprava k lékaři a na úřady za symbolickou cenu." },
        ServiceSpec { organization: diakonie, name: "Pečovatelská služba Krumlovsko", kind: Some("pecovatelska_sluzba"), forms: &[Field],
            groups: &["seniori", "osoby_se_zdravotnim_postizenim"], capacities: &[(Field, 90, Clients)], place: krumlov,
            address: "Latrán 20, Český Krumlov", description: "Terénní péče v Českém Krumlově a okolních obcích." },
        ServiceSpec { organization: diakonie, name: "Osobní asistence Krumlovsko", kind: Some("osobni_asistence"), forms: &[Field],
            groups: &["osoby_se_zdravotnim_postizenim"], capacities: &[(Field, 30, Clients)], place: krumlov,
            address: "Latrán 20, Český Krumlov", description: "Asistence doma, ve škole i v práci." },
        ServiceSpec { organization: diakonie, name: "Sociálně aktivizační služba pro rodiny Krumlovsko", kind: Some("socialne_aktivizacni_sluzby_pro_rodiny_s_detmi"),
            forms: &[Field, Outpatient], groups: &["rodiny_s_detmi", "deti_mladez_a_rodiny"], capacities: &[(Field, 40, Clients), (Outpatient, 10, Clients)],
            place: krumlov, address: "Latrán 20, Český Krumlov", description: "Podpora rodin, kterým hrozí odebrání dětí." },
        ServiceSpec { organization: poradna, name: "Odborné sociální poradenství Vltava", kind: Some("odborne_socialni_poradenstvi"), forms: &[Outpatient, Field],
            groups: &["osoby_v_krizi", "osoby_ohrozene_socialnim_vyloucenim"], capacities: &[(Outpatient, 400, Contacts)], place: krumlov,
            address: "Náměstí Svornosti 3, Český Krumlov", description: "Dluhové a sociálně-právní poradenství." },
        ServiceSpec { organization: poradna, name: "Krizová pomoc Vltava", kind: Some("krizova_pomoc"), forms: &[Outpatient],
            groups: &["osoby_v_krizi", "obeti_domaciho_nasili"], capacities: &[(Outpatient, 300, Interventions)], place: krumlov,
            address: "Náměstí Svornosti 3, Český Krumlov", description: "Okamžitá pomoc lidem v krizi." },
        ServiceSpec { organization: poradna, name: "Terénní program Krumlovsko", kind: Some("terenni_programy"), forms: &[Field],
            groups: &["etnicke_mensiny", "osoby_v_socialne_vyloucenych_komunitach"], capacities: &[(Field, 600, Contacts)], place: krumlov,
            address: "Náměstí Svornosti 3, Český Krumlov", description: "Terénní práce v lokalitách ohrožených sociálním vyloučením." },
        ServiceSpec { organization: pojizeri, name: "Pečovatelská služba Turnovsko", kind: Some("pecovatelska_sluzba"), forms: &[Field],
            groups: &["seniori"], capacities: &[(Field, 120, Clients)], place: turnovsko,
            address: "Skálova 8, Turnov", description: "Péče v Turnově a obcích mikroregionu." },
        ServiceSpec { organization: pojizeri, name: "Tísňová péče Pojizeří", kind: Some("tisnova_pece"), forms: &[Field],
            groups: &["seniori", "osoby_se_zdravotnim_postizenim"], capacities: &[(Field, 60, Clients)], place: turnovsko,
            address: "Skálova 8, Turnov", description: "Nepřetržitá pomoc na tlačítko pro lidi žijící sami." },
        ServiceSpec { organization: pojizeri, name: "Denní stacionář Turnov", kind: Some("denni_stacionare"), forms: &[Outpatient],
            groups: &["osoby_zijici_s_demenci", "seniori"], capacities: &[(Outpatient, 15, Clients)], place: turnovsko,
            address: "Skálova 8, Turnov", description: "Denní péče, aby pečující rodina mohla do práce." },
        ServiceSpec { organization: jizerka, name: "Raná péče Jizerka", kind: Some("rana_pece"), forms: &[Field],
            groups: &["rodiny_s_detmi", "osoby_se_zdravotnim_postizenim"], capacities: &[(Field, 25, Clients)], place: turnovsko,
            address: "Palackého 2, Turnov", description: "Podpora rodin s dítětem se zdravotním postižením do 7 let." },
        ServiceSpec { organization: dps, name: "Pečovatelská služba Buštěhrad", kind: Some("pecovatelska_sluzba"), forms: &[Field, Outpatient],
            groups: &["seniori"], capacities: &[(Field, 35, Clients), (Outpatient, 10, Clients)], place: bustehrad,
            address: "Revoluční 1, Buštěhrad", description: "Péče o seniory v Buštěhradu a v domě s pečovatelskou službou." },
        ServiceSpec { organization: dps, name: "Odlehčovací služba Buštěhrad", kind: Some("odlehcovaci_sluzby"), forms: &[Residential],
            groups: &["seniori", "pecujici_osoby"], capacities: &[(Residential, 4, Beds)], place: bustehrad,
            address: "Revoluční 1, Buštěhrad", description: "Krátkodobé pobyty, aby si pečující mohli odpočinout." },
        ServiceSpec { organization: dps, name: "Klub seniorů Buštěhrad", kind: None, forms: &[Outpatient],
            groups: &["seniori"], capacities: &[], place: bustehrad,
            address: "Revoluční 1, Buštěhrad", description: "Související aktivita: setkávání, přednášky a výlety." },
    ];
    let mut made = std::collections::HashMap::new();
    for spec in services {
        made.insert(spec.name, b.service(spec).await?);
    }
    let service = |name: &str| made[name];

    // The demo measures name the services they develop and who carries them.
    let links = [
        LinkSpec { measure: "Navýšení kapacity terénní pečovatelské služby", responsible: seniorcentrum, partners: &[],
            services: &[service("Pečovatelská služba Ostrava-Jih")], groups: &["seniori"] },
        LinkSpec { measure: "Senior taxi v celém městě", responsible: novy_krok, partners: &[seniorcentrum],
            services: &[service("Senior taxi Ostrava")], groups: &["seniori", "osoby_se_zdravotnim_postizenim"] },
        LinkSpec { measure: "Odlehčovací služba pro pečující rodiny", responsible: diakonie, partners: &[],
            services: &[service("Pečovatelská služba Krumlovsko")], groups: &["pecujici_osoby", "seniori"] },
        LinkSpec { measure: "Rodinné poradenství a osvěta", responsible: diakonie, partners: &[poradna],
            services: &[service("Sociálně aktivizační služba pro rodiny Krumlovsko")], groups: &["rodiny_s_detmi"] },
        LinkSpec { measure: "Informovanost o službách pro osoby v krizi", responsible: poradna, partners: &[diakonie],
            services: &[service("Krizová pomoc Vltava"), service("Odborné sociální poradenství Vltava")], groups: &["osoby_v_krizi"] },
    ];
    for link in links {
        b.link(link).await?;
    }
    Ok(())
}
