//! Accounts with real passwords, sign-ins and sessions, and API keys, through the API (the
//! `TestUser`s of `app.member()` and the like are inserted directly and have no password).
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, TestApp};

/// The password of every account made by `app.account(..)`.
pub const PASSWORD: &str = "dlouhé heslo na jaře 2026";

/// A new API key as answered once: its id and its secret.
pub struct Key {
    pub id: String,
    pub secret: String,
}

impl TestApp {
    /// An account created through the API by a fresh admin, so it has a real password.
    pub async fn account(&self, role: &str) -> Value {
        let admin = self.admin().await;
        let email = format!("{role}-{}@obec.example.cz", Uuid::now_v7().simple());
        let body = json!({"email": email, "display_name": "Jana Nováková", "role": role, "password": PASSWORD});
        self.post("/users", Some(&admin.token), body).await.expect(201)
    }

    /// `POST /auth/login`.
    pub async fn sign_in(&self, email: &str, password: &str) -> Answer {
        self.post("/auth/login", None, json!({"email": email, "password": password})).await
    }

    /// A fresh session of `email` (with `PASSWORD`): (access token, refresh token).
    pub async fn session(&self, email: &str) -> (String, String) {
        let pair = self.sign_in(email, PASSWORD).await.expect(200);
        (pair["access_token"].as_str().unwrap().to_string(), pair["refresh_token"].as_str().unwrap().to_string())
    }

    /// `POST /auth/refresh`.
    pub async fn refresh(&self, token: &str) -> Answer {
        self.post("/auth/refresh", None, json!({"refresh_token": token})).await
    }

    /// A new API key of the session `token` belongs to, with `scopes`.
    pub async fn create_key(&self, token: &str, scopes: Value) -> Key {
        let created = self.post("/api-keys", Some(token), json!({"name": "Krajský katalog", "scopes": scopes})).await.expect(201);
        Key { id: created["id"].as_str().unwrap().to_string(), secret: created["key"].as_str().unwrap().to_string() }
    }

    /// `POST /auth/password-reset`.
    pub async fn request_reset(&self, email: &str) -> Answer {
        self.post("/auth/password-reset", None, json!({"email": email})).await
    }

    /// `POST /auth/password-reset/confirm`.
    pub async fn confirm_reset(&self, token: &str, new_password: &str) -> Answer {
        self.post("/auth/password-reset/confirm", None, json!({"token": token, "new_password": new_password})).await
    }
}

/// The token of the reset link in an e-mail's text: `…/reset-password#token=<token>`.
pub fn reset_token(text: &str) -> String {
    link_token(text, "/reset-password")
}

/// The token of a link to the web app's `page` in an e-mail's text: `…<page>#token=<token>`.
pub fn link_token(text: &str, page: &str) -> String {
    let (_, rest) = text.split_once(&format!("{page}#token=")).expect("a link with a token");
    rest.split_whitespace().next().unwrap().to_string()
}
