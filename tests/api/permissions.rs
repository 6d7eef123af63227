//! The permission matrix: every operation of the OpenAPI document, called by every kind of
//! caller, must give the status the rule table below says. An operation without a rule fails
//! the suite, so a new endpoint cannot ship without deciding who may call it.
use std::collections::BTreeSet;

use api::credentials::tokens::secret_hash;
use chrono::Utc;
use entity::enums::*;
use entity::values::*;
use entity::*;
use reqwest::Method;
use sea_orm::ActiveValue::Set;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Member,
    LeaderOfThisGroup,
    LeaderOfAnotherGroup,
    /// A coordinator with no territory assigned: the whole installation.
    Coordinator,
    /// The coordinator of the ORP where the world's plans and groups lie.
    CoordinatorOfThisTerritory,
    /// The coordinator of a neighbouring ORP: staff, but not here.
    CoordinatorOfAnotherTerritory,
    /// The coordinator of the region above both ORPs.
    RegionalCoordinator,
    Admin,
    ReadKey,
    WriteKey,
}

const EVERYONE: [Who; 11] = [
    Who::Anonymous,
    Who::Member,
    Who::LeaderOfThisGroup,
    Who::LeaderOfAnotherGroup,
    Who::Coordinator,
    Who::CoordinatorOfThisTerritory,
    Who::CoordinatorOfAnotherTerritory,
    Who::RegionalCoordinator,
    Who::Admin,
    Who::ReadKey,
    Who::WriteKey,
];

/// Who gets past authorization; API keys act as their owner (a coordinator) within their scopes.
#[derive(Clone, Copy)]
enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in caller.
    SignedIn,
    /// Coordinators where the object lies, admins and leaders of the object's working group.
    Leader,
    /// Coordinators where the object lies (or of the whole installation) and admins.
    Staff,
    /// Coordinators and admins wherever they coordinate: the installation's own business (the audit trail).
    AnyStaff,
    /// Coordinators (wherever they coordinate) and admins through a session: accounts are never an
    /// API key's business, and belong to the whole installation.
    StaffSession,
    /// Any signed-in person with a session (not an API key).
    Session,
    /// Admins (the keys here are a coordinator's).
    Admin,
    /// Decided case by case.
    Custom(fn(Who) -> u16),
}

/// The objects every call works on, made fresh for each call that writes.
struct World {
    plan: Uuid,
    draft_plan: Uuid,
    goal: Uuid,
    measure: Uuid,
    /// An activity of `measure`.
    activity: Uuid,
    /// The plan's draft action plan for 2026, naming nothing yet (so `measure` and `activity` may go).
    action_plan: Uuid,
    group: Uuid,
    other_group: Uuid,
    meeting: Uuid,
    comment: Uuid,
    other_user: Uuid,
    member_key: Uuid,
    /// The ORP where the plans and groups lie.
    territory: Uuid,
    /// An organization running `service`.
    organization: Uuid,
    service: Uuid,
    /// A need in `territory`, assigned to `group`.
    need: Uuid,
    /// An open survey in `territory`, and its two required questions.
    survey: String,
    survey_questions: Vec<String>,
    /// A webhook of `coordinator`, the keys' owner.
    webhook: Uuid,
    /// The coordinator assigned to `territory`.
    assigned: TestUser,
    /// The coordinator of the neighbouring ORP.
    neighbour: TestUser,
    /// The coordinator of the region above both.
    regional: TestUser,
    member: TestUser,
    leader: TestUser,
    other_leader: TestUser,
    coordinator: TestUser,
    admin: TestUser,
    read_key: String,
    write_key: String,
}

struct Rule {
    method: &'static str,
    path: &'static str,
    access: Access,
    /// The status an allowed caller gets.
    ok: u16,
    /// What the call sends, made from the world it runs in.
    body: Option<fn(&World) -> Value>,
    /// The query string the call needs, if any.
    query: &'static str,
}

/// `GET path`: 200 for whoever `access` lets in.
fn get(path: &'static str, access: Access) -> Rule {
    Rule { method: "GET", path, access, ok: 200, body: None, query: "" }
}

/// `GET path?query`: 200 for whoever `access` lets in.
fn get_with(path: &'static str, query: &'static str, access: Access) -> Rule {
    Rule { query, ..get(path, access) }
}

/// `POST path` with `body`: `ok` for whoever `access` lets in.
fn post(path: &'static str, access: Access, ok: u16, body: fn(&World) -> Value) -> Rule {
    Rule { method: "POST", path, access, ok, body: Some(body), query: "" }
}

/// `PATCH path` with `body`: 200 for whoever `access` lets in.
fn patch(path: &'static str, access: Access, body: fn(&World) -> Value) -> Rule {
    Rule { method: "PATCH", path, access, ok: 200, body: Some(body), query: "" }
}

/// `DELETE path`: `ok` for whoever `access` lets in.
fn delete(path: &'static str, access: Access, ok: u16) -> Rule {
    Rule { method: "DELETE", path, access, ok, body: None, query: "" }
}

fn now() -> chrono::DateTime<Utc> {
    Utc::now()
}

async fn insert_key(app: &TestApp, owner: Uuid, scopes: Vec<Scope>) -> (Uuid, String) {
    let secret = format!("spk_{}", Uuid::new_v4().simple());
    let id = Uuid::now_v7();
    app.insert(api_key::ActiveModel {
        id: Set(id),
        user_id: Set(owner),
        name: Set("matrix".into()),
        scopes: Set(Scopes(scopes)),
        prefix: Set(secret[..12].to_string()),
        key_hash: Set(secret_hash(&secret)),
        expires_at: Set(None),
        last_used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
        version: Set(1),
    })
    .await;
    (id, secret)
}

async fn world(app: &TestApp) -> World {
    let region = app.territory_row(Uuid::now_v7(), TerritoryKind::Region, None).await;
    let territory = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, Some(region)).await;
    let neighbouring = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, Some(region)).await;
    let (assigned, neighbour, regional) = (app.coordinator().await, app.coordinator().await, app.coordinator().await);
    app.coordinates(&assigned, territory).await;
    app.coordinates(&neighbour, neighbouring).await;
    app.coordinates(&regional, region).await;
    let member = app.member().await;
    let leader = app.member().await;
    let other_leader = app.member().await;
    let coordinator = app.coordinator().await;
    let admin = app.admin().await;
    let other_user = app.member().await.id;
    let group = app.placed_group("PS 1 Senioři", Some(territory)).await;
    let other_group = app.placed_group("PS 2 Rodiny", Some(territory)).await;
    app.join(&leader, &group.to_string(), MemberRole::Leader).await;
    app.join(&member, &group.to_string(), MemberRole::Member).await;
    app.join(&other_leader, &other_group.to_string(), MemberRole::Leader).await;
    // In consultation: public, still editable by leaders, open for public comments.
    let plan = app.placed_plan(PlanStatus::Consultation, Some(territory)).await;
    let draft_plan = app.placed_plan(PlanStatus::Draft, Some(territory)).await;
    let goal = Uuid::now_v7();
    app.insert(goal::ActiveModel {
        id: Set(goal),
        plan_id: Set(plan),
        parent_goal_id: Set(None),
        working_group_id: Set(Some(group)),
        code: Set("1".into()),
        title: Set("Senioři".into()),
        description: Set(String::new()),
        position: Set(1),
        previous_id: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
        version: Set(1),
    })
    .await;
    let measure = Uuid::now_v7();
    app.insert(measure::ActiveModel {
        id: Set(measure),
        goal_id: Set(goal),
        plan_id: Set(plan),
        code: Set("1.1".into()),
        title: Set("Odlehčovací služba".into()),
        description: Set(String::new()),
        responsible: Set("Charita".into()),
        responsible_organization_id: Set(None),
        partners: Set(StringList::default()),
        target_groups: Set(StringList::default()),
        start_date: Set(None),
        end_date: Set(None),
        status: Set(MeasureStatus::Planned),
        progress: Set(0),
        weight: Set(1),
        estimated_cost: Set(None),
        funding_sources: Set(FundingList::default()),
        indicators: Set(Indicators::default()),
        implementation_note: Set(String::new()),
        position: Set(1),
        previous_id: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
        version: Set(1),
    })
    .await;
    let activity = Uuid::now_v7();
    app.insert(activity::ActiveModel {
        id: Set(activity),
        measure_id: Set(measure),
        plan_id: Set(plan),
        title: Set("Nábor pečovatelek".into()),
        description: Set(String::new()),
        responsible: Set("Charita".into()),
        year_from: Set(2025),
        year_to: Set(2026),
        estimated_cost: Set(None),
        status: Set(MeasureStatus::Planned),
        position: Set(1),
        created_at: Set(now()),
        updated_at: Set(now()),
        version: Set(1),
    })
    .await;
    let action_plan = Uuid::now_v7();
    app.insert(action_plan::ActiveModel {
        id: Set(action_plan),
        plan_id: Set(plan),
        year: Set(2026),
        items: Set(action_plan::ActionPlanItems::default()),
        status: Set(ActionPlanStatus::Draft),
        approved_on: Set(None),
        approval_resolution: Set(None),
        approved_at_meeting_id: Set(None),
        created_at: Set(now()),
        updated_at: Set(now()),
        version: Set(1),
    })
    .await;
    let meeting = app.meeting_row(group).await;
    let row = comment::ActiveModel {
        author_id: Set(Some(member.id)),
        author_name: Set("Test member".into()),
        is_consultation: Set(true),
        ..comment_on(TargetType::Plan, plan, Some(plan), "Připomínka")
    };
    let comment = row.id.clone().unwrap();
    app.insert(row).await;
    let organization = app.organization_row().await;
    let service = app.service_row(organization).await;
    app.serves(service, territory).await;
    let need = app.need_row(Some(territory), Some(group)).await;
    let (survey, survey_questions) = app.open_survey(&app.coordinator().await.token, territory).await;
    let (member_key, _) = insert_key(app, member.id, vec![Scope::Read]).await;
    let (_, read_key) = insert_key(app, coordinator.id, vec![Scope::Read]).await;
    let (_, write_key) = insert_key(app, coordinator.id, vec![Scope::Read, Scope::Write]).await;
    let webhook = Uuid::now_v7();
    app.insert(webhook::ActiveModel {
        id: Set(webhook),
        user_id: Set(coordinator.id),
        url: Set("https://8.8.8.8/hook".into()),
        events: Set(StringList(vec!["plan.updated".into()])),
        description: Set(None),
        enabled: Set(true),
        secret: Set(api::outbox::webhook::new_secret()),
        created_at: Set(now()),
        updated_at: Set(now()),
        version: Set(1),
    })
    .await;
    World {
        plan,
        draft_plan,
        goal,
        measure,
        activity,
        action_plan,
        group,
        other_group,
        meeting,
        comment,
        other_user,
        member_key,
        territory,
        organization,
        service,
        need,
        survey,
        survey_questions,
        webhook,
        assigned,
        neighbour,
        regional,
        member,
        leader,
        other_leader,
        coordinator,
        admin,
        read_key,
        write_key,
    }
}

impl World {
    fn token(&self, who: Who) -> Option<&str> {
        match who {
            Who::Anonymous => None,
            Who::Member => Some(&self.member.token),
            Who::LeaderOfThisGroup => Some(&self.leader.token),
            Who::LeaderOfAnotherGroup => Some(&self.other_leader.token),
            Who::Coordinator => Some(&self.coordinator.token),
            Who::CoordinatorOfThisTerritory => Some(&self.assigned.token),
            Who::CoordinatorOfAnotherTerritory => Some(&self.neighbour.token),
            Who::RegionalCoordinator => Some(&self.regional.token),
            Who::Admin => Some(&self.admin.token),
            Who::ReadKey => Some(&self.read_key),
            Who::WriteKey => Some(&self.write_key),
        }
    }

    /// The concrete path for a template such as `/plans/{id}/goals`.
    fn path(&self, template: &str) -> String {
        if template.starts_with("/open-data") {
            return template.replace("{id}", "services");
        }
        if template == "/search" {
            return "/search?q=plan".into();
        }
        let id = match template.split('/').nth(1).unwrap_or_default() {
            "plans" => self.plan,
            "goals" => self.goal,
            "measures" => self.measure,
            "activities" => self.activity,
            "action-plans" => self.action_plan,
            "working-groups" => self.group,
            "meetings" => self.meeting,
            "comments" => self.comment,
            "users" => self.other_user,
            "api-keys" => self.member_key,
            "territories" => self.territory,
            "organizations" => self.organization,
            "services" => self.service,
            "needs" => self.need,
            "surveys" => self.survey.parse().unwrap(),
            "webhooks" => self.webhook,
            _ => Uuid::nil(),
        };
        // The user of a territory's path is its coordinator; of a group's, its member.
        let user = if template.starts_with("/territories") { self.assigned.id } else { self.member.id };
        template
            .replace("{id}", &id.to_string())
            .replace("{user_id}", &user.to_string())
            .replace("{code}", "seniori")
            // A year of the plans' period (2025–2027).
            .replace("{year}", "2026")
    }
}

fn expected(rule: &Rule, who: Who) -> u16 {
    if let Access::Custom(decide) = rule.access {
        return decide(who);
    }
    let write = rule.method != "GET";
    // Scopes are checked when the key is presented, before anything else.
    if who == Who::ReadKey && write {
        return 403;
    }
    let signed_in = who != Who::Anonymous;
    let any_staff = is_staff(who);
    let staff_here = any_staff && who != Who::CoordinatorOfAnotherTerritory;
    let allowed = match rule.access {
        Access::Public => true,
        Access::SignedIn => signed_in,
        Access::Leader => staff_here || who == Who::LeaderOfThisGroup,
        Access::Staff => staff_here,
        Access::AnyStaff => any_staff,
        Access::StaffSession => any_staff && !matches!(who, Who::ReadKey | Who::WriteKey),
        Access::Session => signed_in && !matches!(who, Who::ReadKey | Who::WriteKey),
        Access::Admin => who == Who::Admin,
        Access::Custom(_) => unreachable!("decided above"),
    };
    if allowed {
        rule.ok
    } else if signed_in {
        403
    } else {
        401
    }
}

/// Coordinators (wherever they coordinate), admins, and the keys, which are a coordinator's.
fn is_staff(who: Who) -> bool {
    matches!(
        who,
        Who::Coordinator
            | Who::CoordinatorOfThisTerritory
            | Who::CoordinatorOfAnotherTerritory
            | Who::RegionalCoordinator
            | Who::Admin
            | Who::ReadKey
            | Who::WriteKey
    )
}

/// `POST /comments` by a body without a name: the public may comment too, but must sign.
fn unsigned_comment(who: Who) -> u16 {
    match who {
        Who::Anonymous => 422,
        Who::ReadKey => 403,
        _ => 201,
    }
}

/// `DELETE` of the member's consultation comment: they may withdraw it; staff where it lies hide
/// it instead (409).
fn withdrawing_a_comment(who: Who) -> u16 {
    match who {
        Who::Anonymous => 401,
        Who::Member => 204,
        Who::LeaderOfThisGroup | Who::LeaderOfAnotherGroup | Who::CoordinatorOfAnotherTerritory | Who::ReadKey => 403,
        Who::Coordinator | Who::CoordinatorOfThisTerritory | Who::RegionalCoordinator | Who::Admin | Who::WriteKey => 409,
    }
}

/// `DELETE` of the member's own membership: anyone may leave a group, and its leaders and the
/// coordinators where it lies remove ordinary members.
fn leaving_a_group(who: Who) -> u16 {
    match who {
        Who::Anonymous => 401,
        Who::LeaderOfAnotherGroup | Who::CoordinatorOfAnotherTerritory | Who::ReadKey => 403,
        _ => 204,
    }
}

/// `DELETE` of the member's API key: its owner and admins revoke it; to anyone else it does not exist.
fn revoking_a_key(who: Who) -> u16 {
    match who {
        Who::Anonymous => 401,
        Who::ReadKey | Who::WriteKey => 403,
        Who::Member | Who::Admin => 204,
        _ => 404,
    }
}

/// A call on the coordinator's webhook answering `ok`: its owner (and their keys, within their
/// scopes) and admins; to other staff it does not exist.
fn on_the_webhook(who: Who, ok: u16, write: bool) -> u16 {
    match who {
        Who::Anonymous => 401,
        Who::Member | Who::LeaderOfThisGroup | Who::LeaderOfAnotherGroup => 403,
        Who::ReadKey if write => 403,
        Who::Coordinator | Who::Admin | Who::ReadKey | Who::WriteKey => ok,
        Who::CoordinatorOfThisTerritory | Who::CoordinatorOfAnotherTerritory | Who::RegionalCoordinator => 404,
    }
}

/// `POST /surveys/{id}/responses` to the open survey: anyone answers on the web (the read key
/// may not write).
fn answering_a_survey(who: Who) -> u16 {
    if who == Who::ReadKey { 403 } else { 201 }
}

/// `DELETE /me/subscriptions/{id}` of a subscription that is not the caller's: 404 to every person
/// with a session, whoever they are.
fn someone_elses_subscription(who: Who) -> u16 {
    match who {
        Who::Anonymous => 401,
        Who::ReadKey | Who::WriteKey => 403,
        _ => 404,
    }
}

fn new_meeting(_: &World) -> Value {
    json!({"title": "Jednání", "starts_at": "2030-03-01T13:00:00Z", "ends_at": "2030-03-01T15:00:00Z", "format": "in_person", "location": "MěÚ"})
}

fn new_user(_: &World) -> Value {
    let email = format!("novy-{}@example.cz", Uuid::now_v7().simple());
    json!({"email": email, "display_name": "Nový člen", "role": "member", "password": "dlouhe-heslo-123"})
}

fn rules() -> Vec<Rule> {
    use Access::*;
    vec![
        get("/openapi.json", Public),
        get("/health/live", Public),
        get("/health/ready", Public),
        get("/audit", AnyStaff),
        // Plans.
        get("/plans", Public),
        post(
            "/plans",
            Staff,
            201,
            |w| json!({"title": "Nový plán", "territory_id": w.territory, "period_start": 2027, "period_end": 2030}),
        ),
        get("/plans/{id}", Public),
        patch("/plans/{id}", Staff, |_| json!({"summary": "Souhrn"})),
        // The plan is in consultation: allowed callers reach the lifecycle rule (409), others stop before it.
        delete("/plans/{id}", Staff, 409),
        post("/plans/{id}/status", Staff, 200, |_| json!({"status": "draft", "note": "Přepracovat"})),
        get("/plans/{id}/history", Public),
        get("/plans/{id}/tree", Public),
        get("/plans/{id}/export", Public),
        get("/plans/{id}/versions", Public),
        get("/plans/{id}/reports/{year}", Public),
        get_with("/plans/{id}/diff", "?from=current", Public),
        // A plan in consultation is not followed yet: allowed callers reach the lifecycle rule.
        post("/plans/{id}/successor", Staff, 409, |_| json!({"title": "Navazující plán", "period_start": 2028, "period_end": 2030})),
        // Goals and measures: the goal belongs to "this group".
        get("/plans/{id}/goals", Public),
        post("/plans/{id}/goals", Leader, 201, |w| json!({"code": "2", "title": "Nový cíl", "working_group_id": w.group})),
        get("/goals/{id}", Public),
        patch("/goals/{id}", Leader, |_| json!({"title": "Upravený cíl"})),
        delete("/goals/{id}", Leader, 204),
        get("/goals/{id}/measures", Public),
        post("/goals/{id}/measures", Leader, 201, |_| json!({"code": "1.2", "title": "Nové opatření"})),
        get("/measures", Public),
        get("/measures/{id}", Public),
        patch("/measures/{id}", Leader, |_| json!({"progress": 20})),
        delete("/measures/{id}", Leader, 204),
        get("/measures/{id}/updates", Public),
        post("/measures/{id}/updates", Leader, 201, |_| json!({"status": "in_progress", "progress": 10, "note": "Zahájeno"})),
        // Activities: whoever may edit their measure.
        get("/measures/{id}/activities", Public),
        post("/measures/{id}/activities", Leader, 201, |_| json!({"title": "Nová aktivita", "year_from": 2025, "year_to": 2026})),
        get("/activities/{id}", Public),
        patch("/activities/{id}", Leader, |_| json!({"status": "in_progress"})),
        delete("/activities/{id}", Leader, 204),
        // Yearly action plans: read wherever the plan is; coordinators where it lies and admins manage them.
        get("/plans/{id}/action-plans", Public),
        post(
            "/plans/{id}/action-plans",
            Staff,
            201,
            |w| json!({"year": 2025, "items": [{"measure_id": w.measure, "activity_ids": [w.activity]}]}),
        ),
        get("/action-plans/{id}", Public),
        patch(
            "/action-plans/{id}",
            Staff,
            |w| json!({"items": [{"measure_id": w.measure, "planned": [{"source": "municipality", "amount": "1000"}]}]}),
        ),
        delete("/action-plans/{id}", Staff, 204),
        // Comments and the settlement register: the comment is the member's, in an open consultation.
        get("/comments", Public),
        post("/comments", Custom(unsigned_comment), 201, |w| json!({"target_type": "plan", "target_id": w.plan, "body": "Souhlasím"})),
        get("/comments/{id}", Public),
        patch("/comments/{id}", Staff, |_| json!({"status": "hidden", "moderation_reason": "Vulgarismy"})),
        delete("/comments/{id}", Custom(withdrawing_a_comment), 204),
        post("/comments/{id}/resolution", Staff, 200, |_| json!({"resolution": "noted"})),
        get("/plans/{id}/consultation-report", Public),
        // Working groups: "this group" owns the goal and the meeting, so it cannot be deleted (409).
        get("/working-groups", Public),
        post("/working-groups", Staff, 201, |w| json!({"name": "PS 4 Osoby v krizi", "kind": "thematic", "territory_id": w.territory})),
        get("/working-groups/{id}", Public),
        patch("/working-groups/{id}", Leader, |_| json!({"vision": "Nová vize"})),
        delete("/working-groups/{id}", Staff, 409),
        get("/working-groups/{id}/members", Public),
        post("/working-groups/{id}/members", Leader, 201, |w| json!({"user_id": w.other_user, "role": "member", "stakeholder": "public"})),
        get("/working-groups/{id}/members/{user_id}", Public),
        patch("/working-groups/{id}/members/{user_id}", Leader, |_| json!({"stakeholder": "user"})),
        delete("/working-groups/{id}/members/{user_id}", Custom(leaving_a_group), 204),
        // Meetings of "this group".
        get("/meetings", Public),
        get("/meetings.ics", Public),
        get("/working-groups/{id}/meetings", Public),
        get("/working-groups/{id}/meetings.ics", Public),
        post("/working-groups/{id}/meetings", Leader, 201, new_meeting),
        get("/meetings/{id}", Public),
        patch("/meetings/{id}", Leader, |_| json!({"minutes": "Zápis z jednání"})),
        delete("/meetings/{id}", Leader, 204),
        // Identity. Sign-in endpoints ignore the Authorization header: the body is the credential.
        post("/auth/login", Custom(|_| 401), 401, |w| json!({"email": w.member.email, "password": "wrong password 123"})),
        post("/auth/refresh", Custom(|_| 401), 401, |_| json!({"refresh_token": "not-a-token"})),
        post("/auth/logout", Custom(|_| 204), 204, |_| json!({"refresh_token": "not-a-token"})),
        // The same answer for everyone and every address; the links' tokens are the credentials.
        post("/auth/password-reset", Custom(|_| 202), 202, |w| json!({"email": w.member.email})),
        post(
            "/auth/password-reset/confirm",
            Custom(|_| 422),
            422,
            |_| json!({"token": "not-a-token", "new_password": "nove-dlouhe-heslo-2026"}),
        ),
        post("/auth/email-change/confirm", Custom(|_| 422), 422, |_| json!({"token": "not-a-token"})),
        get("/users", StaffSession),
        post("/users", StaffSession, 201, new_user),
        get("/users/{id}", StaffSession),
        patch("/users/{id}", StaffSession, |_| json!({"display_name": "Jiné jméno"})),
        delete("/users/{id}", StaffSession, 204),
        get("/me", SignedIn),
        get("/me/memberships", SignedIn),
        patch("/me", Session, |_| json!({"display_name": "Moje jméno"})),
        // Allowed callers reach the password check, which this wrong current password fails.
        post("/me/password", Session, 422, |_| json!({"current_password": "wrong password 123", "new_password": "nove-dlouhe-heslo"})),
        get("/api-keys", Session),
        post("/api-keys", Session, 201, |_| json!({"name": "Web obce", "scopes": ["read"]})),
        delete("/api-keys/{id}", Custom(revoking_a_key), 204),
        // Territories: public to read, the admins' set-up to change. A coordinator is assigned to
        // the territory, so deleting it is refused (409).
        get("/territories", Public),
        post("/territories", Admin, 201, |_| json!({"name": "Turnovsko", "kind": "microregion"})),
        get("/territories/{id}", Public),
        patch("/territories/{id}", Admin, |_| json!({"code": "5103"})),
        delete("/territories/{id}", Admin, 409),
        get("/territories/{id}/coordinators", Admin),
        post("/territories/{id}/coordinators", Admin, 201, |w| json!({"user_id": w.coordinator.id})),
        get("/territories/{id}/coordinators/{user_id}", Admin),
        delete("/territories/{id}/coordinators/{user_id}", Admin, 204),
        // The network of social services: public to read, staff's to change. Target groups and
        // organizations are the installation's shared catalogue (any coordinator); a service is
        // managed where it serves. The organization runs the service, so deleting it is refused (409).
        get("/service-kinds", Public),
        get("/target-groups", Public),
        post("/target-groups", AnyStaff, 201, |_| json!({"code": format!("skupina_{}", Uuid::now_v7().simple()), "name": "Nová skupina"})),
        get("/target-groups/{code}", Public),
        get("/organizations", Public),
        post("/organizations", AnyStaff, 201, |_| json!({"name": "Spolek", "kind": "ngo"})),
        get("/organizations/{id}", Public),
        patch("/organizations/{id}", AnyStaff, |_| json!({"phone": "380 000 000"})),
        delete("/organizations/{id}", AnyStaff, 409),
        get("/services", Public),
        post(
            "/services",
            Staff,
            201,
            |w| json!({"organization_id": w.organization, "name": "Terénní program", "kind_code": "terenni_programy", "territory_ids": [w.territory]}),
        ),
        get("/services/overview", Public),
        get("/services/{id}", Public),
        patch("/services/{id}", Staff, |_| json!({"forms": ["field"]})),
        delete("/services/{id}", Staff, 204),
        // The register's import writes across the whole installation: admins only. An empty
        // register imports nothing (and ends the services with a registration, of which there are none).
        post("/imports/rpss", Admin, 200, |_| json!({"polozky": []})),
        // So is the register's code list of target groups.
        post("/imports/target-groups", Admin, 200, |_| json!({"polozky": []})),
        // Open data: the public's, and the same for every caller.
        get("/open-data", Public),
        get("/open-data/{id}", Public),
        get("/open-data/{id}.csv", Public),
        get("/open-data/{id}.json", Public),
        // Search: anyone, each finding what they may read.
        get("/search", Public),
        // Needs: anyone reports one (anonymously with a name); coordinators where it lies and the
        // leaders of the group it is assigned to ("this group") review it; coordinators delete it.
        get("/needs", Public),
        post(
            "/needs",
            Custom(|who| if who == Who::ReadKey { 403 } else { 201 }),
            201,
            |w| json!({"title": "Chybí noclehárna", "territory_id": w.territory, "author_name": "Jan"}),
        ),
        get("/needs/{id}", Public),
        patch("/needs/{id}", Leader, |_| json!({"status": "in_review", "response": "Projednáme na příští schůzce."})),
        delete("/needs/{id}", Staff, 204),
        // Surveys: public to read and answer while open; managed where their territory is. The
        // survey is open and unanswered, so it may be deleted; its results are not public yet.
        get("/surveys", Public),
        post("/surveys", Staff, 201, |w| json!({"title": "Dotazník", "territory_id": w.territory})),
        get("/surveys/{id}", Public),
        patch("/surveys/{id}", Staff, |_| json!({"description": "Popis"})),
        delete("/surveys/{id}", Staff, 204),
        post("/surveys/{id}/status", Staff, 200, |_| json!({"status": "closed"})),
        post(
            "/surveys/{id}/responses",
            Custom(answering_a_survey),
            201,
            |w| json!({"answers": [{"question_id": w.survey_questions[0], "option_indexes": [0]}, {"question_id": w.survey_questions[1], "option_indexes": [1]}]}),
        ),
        get("/surveys/{id}/responses", Staff),
        get("/surveys/{id}/results", Staff),
        // Webhooks: any coordinator or admin makes them; each coordinator's are their own.
        get("/webhooks", AnyStaff),
        post("/webhooks", AnyStaff, 201, |_| json!({"url": "https://8.8.8.8/hook", "events": ["plan.updated"]})),
        get("/webhooks/{id}", Custom(|who| on_the_webhook(who, 200, false))),
        patch("/webhooks/{id}", Custom(|who| on_the_webhook(who, 200, true)), |_| json!({"enabled": false})),
        delete("/webhooks/{id}", Custom(|who| on_the_webhook(who, 204, true)), 204),
        get("/webhooks/{id}/deliveries", Custom(|who| on_the_webhook(who, 200, false))),
        // Subscriptions: each person's own, through a session; nobody's is the path's (404).
        get("/me/subscriptions", Session),
        post("/me/subscriptions", Session, 201, |w| json!({"target_type": "plan", "target_id": w.plan})),
        delete("/me/subscriptions/{id}", Custom(someone_elses_subscription), 204),
        // The unsubscribe link needs no sign-in, only its token, which these calls lack (400).
        get("/unsubscribe", Custom(|_| 400)),
        post("/unsubscribe", Custom(|_| 400), 400, |_| json!({})),
        // So does a comment's settlement notice's link.
        get("/unsubscribe/comment", Custom(|_| 400)),
        post("/unsubscribe/comment", Custom(|_| 400), 400, |_| json!({})),
    ]
}

both!(every_operation_by_every_caller, |app| async move {
    // Every caller asks for a reset link from the same address, more often than one person may.
    let app = spawn_app_with(app.backend, |c| c.limits.password_resets_per_address = 1_000).await;
    let rules = rules();
    let doc = api::document();
    let mut missing = Vec::new();
    let mut documented = BTreeSet::new();
    for (path, item) in &doc.paths.paths {
        let path = path.strip_prefix("/api/v1").unwrap_or(path);
        for (method, present) in [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PATCH", item.patch.is_some()),
            ("DELETE", item.delete.is_some()),
            ("PUT", item.put.is_some()),
        ] {
            if present {
                documented.insert((method, path.to_string()));
                if !rules.iter().any(|r| r.method == method && r.path == path) {
                    missing.push(format!("{method} {path}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "operations without a permission rule: {missing:#?}");
    let stale: Vec<_> = rules
        .iter()
        .filter(|r| !documented.contains(&(r.method, r.path.to_string())))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(stale.is_empty(), "rules for operations that no longer exist: {stale:#?}");

    let mut failures = Vec::new();
    let shared = world(&app).await;
    for rule in &rules {
        for who in EVERYONE {
            // Reads share one world; every write gets a fresh one so callers do not disturb each other.
            let fresh;
            let w = if rule.method == "GET" {
                &shared
            } else {
                fresh = world(&app).await;
                &fresh
            };
            let method = Method::from_bytes(rule.method.as_bytes()).unwrap();
            let path = format!("{}{}", w.path(rule.path), rule.query);
            let answer = app.send(method, &path, w.token(who), rule.body.map(|body| body(w)), &[]).await;
            let want = expected(rule, who);
            if answer.status.as_u16() != want {
                failures.push(format!(
                    "{} {} as {who:?}: expected {want}, got {} {}",
                    rule.method,
                    rule.path,
                    answer.status.as_u16(),
                    answer.text.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} calls differ:\n{}", failures.len(), rules.len() * EVERYONE.len(), failures.join("\n"));
});

both!(drafts_are_404_to_the_public_on_every_read, |app| async move {
    let w = world(&app).await;
    for path in [
        "/plans/{id}",
        "/plans/{id}/tree",
        "/plans/{id}/goals",
        "/plans/{id}/history",
        "/plans/{id}/export",
        "/plans/{id}/versions",
        "/plans/{id}/reports/2026",
        "/plans/{id}/diff?from=current",
        "/plans/{id}/action-plans",
    ] {
        let concrete = path.replace("{id}", &w.draft_plan.to_string());
        app.get(&concrete, None).await.expect(404);
        assert_eq!(app.get(&concrete, Some(&w.member.token)).await.status, 200, "{path}");
    }
    let _ = (w.other_group, w.admin.id);
});
