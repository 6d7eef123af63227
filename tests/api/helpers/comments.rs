//! Comments through the API: the bodies a signed-in or anonymous commenter sends, posting,
//! settling, and the settlement register.
use serde_json::{Value, json};

use super::{Answer, TestApp, id};

/// A comment body from a signed-in commenter.
pub fn on(target_type: &str, target_id: &str, body: &str) -> Value {
    json!({"target_type": target_type, "target_id": target_id, "body": body})
}

/// A comment body from someone without an account, who signs it with `name`.
pub fn anonymous(target_type: &str, target_id: &str, body: &str, name: &str, email: Option<&str>) -> Value {
    let mut v = on(target_type, target_id, body);
    v["author_name"] = json!(name);
    if let Some(email) = email {
        v["author_email"] = json!(email);
    }
    v
}

/// `body` as a reply to `parent`.
pub fn reply_to(parent: &str, mut body: Value) -> Value {
    body["parent_id"] = json!(parent);
    body
}

/// The ids on a page of comments, in its order.
pub fn ids(page: &Value) -> Vec<String> {
    super::items(page).iter().map(id).collect()
}

impl TestApp {
    /// `POST /comments`.
    pub async fn post_comment(&self, token: Option<&str>, body: Value) -> Answer {
        self.post("/comments", token, body).await
    }

    /// A comment that must be taken; returns its id.
    pub async fn create_comment(&self, token: Option<&str>, body: Value) -> String {
        id(&self.post_comment(token, body).await.expect(201))
    }

    /// `POST /comments/{comment}/resolution`: settles a consultation comment.
    pub async fn resolve(&self, comment: &str, token: Option<&str>, body: Value) -> Answer {
        self.post(&format!("/comments/{comment}/resolution"), token, body).await
    }

    /// Hides `comment` as a moderator, for `reason`.
    pub async fn hide(&self, comment: &str, token: Option<&str>, reason: &str) {
        self.patch(&format!("/comments/{comment}"), token, json!({"status": "hidden", "moderation_reason": reason})).await.expect(200);
    }

    /// `GET /plans/{plan}/consultation-report` as JSON.
    pub async fn register(&self, plan: &str, token: Option<&str>) -> Answer {
        self.get(&format!("/plans/{plan}/consultation-report"), token).await
    }
}
