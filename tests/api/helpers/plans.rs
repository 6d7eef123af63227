//! Plans, goals and measures through the API, the lifecycle moves most tests make, and the plan in
//! open consultation that the comment, register and durability tests start from.
use chrono::{Duration, Utc};
use entity::plan;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, TestApp, TestUser, id};

/// The move into consultation, with a deadline far ahead.
pub fn to_consultation() -> Value {
    json!({"status": "consultation", "consultation_closes_at": "2099-01-01T00:00:00Z"})
}

/// The move to approved, by the council's `resolution` on `approved_on`.
pub fn to_approved(resolution: &str, approved_on: &str) -> Value {
    json!({"status": "approved", "approval_resolution": resolution, "approved_on": approved_on})
}

/// A plan in open consultation with one goal and one measure.
pub struct Consultation {
    pub coordinator: TestUser,
    pub plan: String,
    pub goal: String,
    pub measure: String,
}

impl TestApp {
    /// `POST /plans`.
    pub async fn post_plan(&self, token: Option<&str>, body: Value) -> Answer {
        self.post("/plans", token, body).await
    }

    /// A draft plan made by `coordinator`; returns its id.
    pub async fn plan(&self, coordinator: &TestUser) -> String {
        let body = json!({"title": "Komunitní plán sociálních služeb ORP Český Krumlov", "territory": "ORP Český Krumlov",
                          "period_start": 2025, "period_end": 2027, "summary": "Souhrn", "vision": "Vize"});
        id(&self.post_plan(Some(&coordinator.token), body).await.expect(201))
    }

    /// `POST /plans/{plan}/status`: a lifecycle move.
    pub async fn move_plan(&self, plan: &str, token: Option<&str>, body: Value) -> Answer {
        self.post(&format!("/plans/{plan}/status"), token, body).await
    }

    /// Opens the consultation on `plan` until 2099.
    pub async fn start_consultation(&self, plan: &str, token: &str) {
        self.move_plan(plan, Some(token), to_consultation()).await.expect(200);
    }

    /// Approves `plan` (in consultation) by the council's `resolution`.
    pub async fn approve(&self, plan: &str, token: &str, resolution: &str, approved_on: &str) {
        self.move_plan(plan, Some(token), to_approved(resolution, approved_on)).await.expect(200);
    }

    /// `POST /plans/{plan}/goals`.
    pub async fn post_goal(&self, plan: &str, token: Option<&str>, body: Value) -> Answer {
        self.post(&format!("/plans/{plan}/goals"), token, body).await
    }

    /// A goal of `plan`; returns its id.
    pub async fn create_goal(&self, plan: &str, token: &str, body: Value) -> String {
        id(&self.post_goal(plan, Some(token), body).await.expect(201))
    }

    /// `POST /goals/{goal}/measures`.
    pub async fn post_measure(&self, goal: &str, token: Option<&str>, body: Value) -> Answer {
        self.post(&format!("/goals/{goal}/measures"), token, body).await
    }

    /// A measure of `goal`; returns its id.
    pub async fn create_measure(&self, goal: &str, token: &str, body: Value) -> String {
        id(&self.post_measure(goal, Some(token), body).await.expect(201))
    }

    /// `PATCH /measures/{measure}`.
    pub async fn patch_measure(&self, measure: &str, token: Option<&str>, body: Value) -> Answer {
        self.patch(&format!("/measures/{measure}"), token, body).await
    }

    /// A fresh coordinator's plan in open consultation, with goal 1 and its measure 1.1.
    pub async fn open_consultation(&self) -> Consultation {
        let coordinator = self.coordinator().await;
        let plan = self.plan(&coordinator).await;
        let goal = self.create_goal(&plan, &coordinator.token, json!({"code": "1", "title": "Senioři a pečující"})).await;
        let measure = self.create_measure(&goal, &coordinator.token, json!({"code": "1.1", "title": "Odlehčovací služba"})).await;
        self.start_consultation(&plan, &coordinator.token).await;
        Consultation { coordinator, plan, goal, measure }
    }

    /// Moves the consultation deadline of `plan` into the past, directly in the database.
    pub async fn pass_deadline(&self, plan: &str, days_ago: i64) {
        self.set_deadline(plan, Utc::now() - Duration::days(days_ago)).await;
    }

    /// Brings the consultation deadline of `plan` to `days` from now, directly in the database.
    pub async fn deadline_in(&self, plan: &str, days: i64) {
        self.set_deadline(plan, Utc::now() + Duration::days(days)).await;
    }

    async fn set_deadline(&self, plan: &str, at: chrono::DateTime<Utc>) {
        plan::Entity::update_many()
            .col_expr(plan::Column::ConsultationClosesAt, Expr::value(at))
            .filter(plan::Column::Id.eq(plan.parse::<Uuid>().unwrap()))
            .exec(&self.db)
            .await
            .unwrap();
    }
}
