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
