//! Rows written straight into the database: states the API reaches only in many steps (a plan in
//! any status), volumes it would take long to post, and rules that belong to the database or to
//! another resource than the one a test is about.
use chrono::Utc;
use entity::enums::{
    Channel, CommentStatus, GroupKind, MeetingFormat, MeetingStatus, MemberRole, NeedSource, NeedStatus, PlanStatus, Stakeholder,
    TargetType, TerritoryKind,
};
use entity::values::{Agenda, Attendance, MeetingResolutions};
use entity::{comment, meeting, need, plan, territory, territory_coordinator, working_group, working_group_member};
use sea_orm::{ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use uuid::Uuid;

use super::{TestApp, TestUser};

impl TestApp {
    /// Inserts one row; a refused insert fails the test.
    pub async fn insert<A>(&self, row: A)
    where
        A: ActiveModelTrait + ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        row.insert(&self.db).await.unwrap();
    }

    /// Puts `user` into `group` directly.
    pub async fn join(&self, user: &TestUser, group: &str, role: MemberRole) {
        let now = Utc::now();
        self.insert(working_group_member::ActiveModel {
            id: Set(Uuid::now_v7()),
            working_group_id: Set(group.parse().unwrap()),
            user_id: Set(user.id),
            role: Set(role),
            stakeholder: Set(Stakeholder::Provider),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
    }

    /// A plan put straight into `status` (with the deadline and approval fields that status implies).
    pub async fn plan_in(&self, status: PlanStatus) -> Uuid {
        self.placed_plan(status, None).await
    }

    /// A plan in `status` placed in `territory` (the name column keeps the first-stage text).
    pub async fn placed_plan(&self, status: PlanStatus, territory: Option<Uuid>) -> Uuid {
        let (id, now) = (Uuid::now_v7(), Utc::now());
        self.insert(plan::ActiveModel {
            id: Set(id),
            title: Set("Plán".into()),
            territory: Set("ORP Český Krumlov".into()),
            territory_id: Set(territory),
            period_start: Set(2025),
            period_end: Set(2027),
            summary: Set(String::new()),
            vision: Set(String::new()),
            status: Set(status),
            consultation_closes_at: Set(Some(now + chrono::Duration::days(10))),
            closing_reminder_for: Set(None),
            approval_resolution: Set(Some("usnesení č. 1".into())),
            approved_on: Set(Some(api::clock::day_of(now))),
            previous_id: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
        id
    }

    /// A thematic working group inserted directly.
    pub async fn group_row(&self, name: &str) -> Uuid {
        self.placed_group(name, None).await
    }

    /// A thematic working group placed in `territory`, inserted directly.
    pub async fn placed_group(&self, name: &str, territory: Option<Uuid>) -> Uuid {
        let (id, now) = (Uuid::now_v7(), Utc::now());
        self.insert(working_group::ActiveModel {
            id: Set(id),
            name: Set(name.into()),
            kind: Set(GroupKind::Thematic),
            target_group: Set(Some("senioři".into())),
            description: Set(String::new()),
            vision: Set(String::new()),
            quorum: Set(Some(1)),
            is_active: Set(true),
            territory_id: Set(territory),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
        id
    }

    /// A territory of `kind` below `parent`, inserted directly under the id given (ids need not
    /// follow the tree), with its paths as the service writes them.
    pub async fn territory_row(&self, id: Uuid, kind: TerritoryKind, parent: Option<Uuid>) -> Uuid {
        let now = Utc::now();
        self.insert(territory::ActiveModel {
            id: Set(id),
            name: Set(format!("Území {}", kind.as_str())),
            kind: Set(kind),
            code: Set(None),
            parent_id: Set(parent),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
        api::territories::paths::link(&self.db, id, parent).await.unwrap();
        id
    }

    /// Assigns `user` to coordinate `territory`, directly.
    pub async fn coordinates(&self, user: &TestUser, territory: Uuid) {
        let now = Utc::now();
        self.insert(territory_coordinator::ActiveModel {
            id: Set(Uuid::now_v7()),
            territory_id: Set(territory),
            user_id: Set(user.id),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
    }

    /// A new need reported by the public in `territory`, assigned to `group`, inserted directly.
    pub async fn need_row(&self, territory: Option<Uuid>, group: Option<Uuid>) -> Uuid {
        let (id, now) = (Uuid::now_v7(), Utc::now());
        self.insert(need::ActiveModel {
            id: Set(id),
            title: Set("Chybí odlehčovací služba".into()),
            description: Set(String::new()),
            territory_id: Set(territory),
            author_name: Set("Občanka".into()),
            author_email: Set(Some("obcanka@example.cz".into())),
            source: Set(NeedSource::Public),
            working_group_id: Set(group),
            status: Set(NeedStatus::New),
            response: Set(None),
            duplicate_of: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
        id
    }

    /// A scheduled meeting of `group`, three days ahead, inserted directly.
    pub async fn meeting_row(&self, group: Uuid) -> Uuid {
        let row = meeting_of(group);
        let id = row.id.clone().unwrap();
        self.insert(row).await;
        id
    }
}

/// A scheduled in-person meeting of `group`, three days ahead, not yet inserted.
pub fn meeting_of(group: Uuid) -> meeting::ActiveModel {
    let now = Utc::now();
    let starts = now + chrono::Duration::days(3);
    meeting::ActiveModel {
        id: Set(Uuid::now_v7()),
        working_group_id: Set(group),
        title: Set("Jednání PS Senioři".into()),
        starts_at: Set(starts),
        ends_at: Set(starts + chrono::Duration::hours(2)),
        format: Set(MeetingFormat::InPerson),
        location: Set(Some("Radnice".into())),
        online_url: Set(None),
        agenda: Set(Agenda::default()),
        attendance: Set(Attendance::default()),
        resolutions: Set(MeetingResolutions::default()),
        minutes: Set(String::new()),
        status: Set(MeetingStatus::Scheduled),
        quorum: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
}

/// A published web comment on `target`, outside any consultation, unsettled, by nobody in
/// particular, not yet inserted: callers set what their rule is about.
pub fn comment_on(target_type: TargetType, target_id: Uuid, plan_id: Option<Uuid>, body: &str) -> comment::ActiveModel {
    let now = Utc::now();
    comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        target_type: Set(target_type),
        target_id: Set(target_id),
        plan_id: Set(plan_id),
        parent_id: Set(None),
        body: Set(body.into()),
        author_id: Set(None),
        author_name: Set("Občan".into()),
        author_email: Set(None),
        notify_on_resolution: Set(false),
        status: Set(CommentStatus::Published),
        moderation_reason: Set(None),
        is_consultation: Set(false),
        channel: Set(Channel::Web),
        received_on: Set(api::clock::day_of(now)),
        resolution: Set(None),
        resolution_note: Set(None),
        resolution_change: Set(None),
        change_target_type: Set(None),
        change_target_id: Set(None),
        resolved_by: Set(None),
        resolved_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
}
