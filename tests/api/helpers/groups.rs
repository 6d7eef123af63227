//! Working groups, their members and their meetings through the API.
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, TestApp, id};

impl TestApp {
    /// `POST /working-groups`.
    pub async fn post_group(&self, token: Option<&str>, body: Value) -> Answer {
        self.post("/working-groups", token, body).await
    }

    /// A thematic group called `name`; returns its id.
    pub async fn create_group(&self, token: &str, name: &str) -> String {
        id(&self.post_group(Some(token), json!({"name": name, "kind": "thematic"})).await.expect(201))
    }

    /// `POST /working-groups/{group}/members`.
    pub async fn post_member(&self, group: &str, token: Option<&str>, body: Value) -> Answer {
        self.post(&format!("/working-groups/{group}/members"), token, body).await
    }

    /// Adds `user` to `group` as `role`, taking part as `stakeholder`.
    pub async fn add_member(&self, group: &str, token: &str, user: Uuid, role: &str, stakeholder: &str) {
        let body = json!({"user_id": user, "role": role, "stakeholder": stakeholder});
        self.post_member(group, Some(token), body).await.expect(201);
    }

    /// `POST /working-groups/{group}/meetings`.
    pub async fn post_meeting(&self, group: &str, token: Option<&str>, body: Value) -> Answer {
        self.post(&format!("/working-groups/{group}/meetings"), token, body).await
    }

    /// A meeting of `group`; returns its id.
    pub async fn create_meeting(&self, group: &str, token: &str, body: Value) -> String {
        id(&self.post_meeting(group, Some(token), body).await.expect(201))
    }
}
