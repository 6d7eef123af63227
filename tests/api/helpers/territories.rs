//! Territories and their coordinators through the API.
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, TestApp, id};

impl TestApp {
    /// `POST /territories`.
    pub async fn post_territory(&self, token: Option<&str>, body: Value) -> Answer {
        self.post("/territories", token, body).await
    }

    /// A territory called `name` of `kind` below `parent`, made by the admin `token`; returns its id.
    pub async fn create_territory(&self, token: &str, name: &str, kind: &str, parent: Option<&str>) -> String {
        id(&self.post_territory(Some(token), json!({"name": name, "kind": kind, "parent_id": parent})).await.expect(201))
    }

    /// `POST /territories/{territory}/coordinators`.
    pub async fn post_coordinator(&self, territory: &str, token: Option<&str>, user: Uuid) -> Answer {
        self.post(&format!("/territories/{territory}/coordinators"), token, json!({"user_id": user})).await
    }

    /// Assigns the coordinator `user` to `territory` (by the admin `token`).
    pub async fn assign_coordinator(&self, territory: &str, token: &str, user: Uuid) {
        self.post_coordinator(territory, Some(token), user).await.expect(201);
    }
}

/// A tree of every level: a region with two ORPs, a municipality below the first, and a
/// microregion beside them (ids as the API answers them).
pub struct Tree {
    pub region: String,
    pub orp: String,
    pub town: String,
    pub other_orp: String,
    pub micro: String,
}

impl TestApp {
    /// Made by the admin `token`.
    pub async fn tree(&self, token: &str) -> Tree {
        let region = self.create_territory(token, "Jihočeský kraj", "region", None).await;
        let orp = self.create_territory(token, "ORP Český Krumlov", "orp", Some(&region)).await;
        let town = self.create_territory(token, "Kaplice", "municipality", Some(&orp)).await;
        let other_orp = self.create_territory(token, "ORP Prachatice", "orp", Some(&region)).await;
        let micro = self.create_territory(token, "Turnovsko", "microregion", None).await;
        Tree { region, orp, town, other_orp, micro }
    }

    /// A draft plan of `territory` (an id), made by the coordinator `token`; returns its id.
    pub async fn plan_of(&self, token: &str, territory: &str) -> String {
        let body = json!({"title": "Komunitní plán", "territory_id": territory, "period_start": 2025, "period_end": 2027});
        id(&self.post_plan(Some(token), body).await.expect(201))
    }

    /// A thematic group of `territory` (an id), made by the coordinator `token`; returns its id.
    pub async fn group_of(&self, token: &str, name: &str, territory: &str) -> String {
        id(&self.post_group(Some(token), json!({"name": name, "kind": "thematic", "territory_id": territory})).await.expect(201))
    }
}
