//! `spawn_app()`: the real application on a random port over a fresh database, the test users,
//! and the answers it gives. What each resource's tests share lives in a module of its own below:
//! typed calls of its endpoints (`app.create_goal(..)`), fixtures and request bodies.
use std::time::Duration;

use api::config::{Config, Environment, Limits};
use api::credentials::tokens::JwtKeys;
use chrono::Utc;
use entity::enums::{Language, Role};
use entity::{refresh_token, user};
use reqwest::{Method, StatusCode};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ConnectionTrait, DatabaseConnection,
};
use serde_json::Value;
use uuid::Uuid;

mod accounts;
mod comments;
mod groups;
mod mail;
mod plans;
mod receiver;
mod register;
mod rows;
mod services;
mod subscriptions;
mod surveys;
mod territories;

pub use accounts::*;
pub use comments::*;
pub use mail::*;
pub use plans::*;
pub use receiver::*;
pub use register::*;
pub use rows::*;
pub use services::*;
pub use subscriptions::*;
pub use surveys::*;
pub use territories::Tree;

pub const JWT_SECRET: &[u8] = b"test-secret-test-secret-test-secret-0123456789";
pub const PG_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
pub const PG_TEST_DB: &str = "spoluplan_test";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs a test body once per database: `both!(name, |app| async move { ... });`.
/// On PostgreSQL the test is skipped with a message when no server is reachable,
/// unless `CI=true`, where that is a failure.
#[macro_export]
macro_rules! both {
    ($name:ident, |$app:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await;
                $body.await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if !$crate::helpers::postgres_available().await {
                    return;
                }
                let $app = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await;
                $body.await;
            }
        }
    };
}

pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub backend: Backend,
    pub client: reqwest::Client,
    jwt: JwtKeys,
    _dir: Option<TempDir>,
}

/// A user made directly in the database, with a valid access token of a live session.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub id: Uuid,
    pub email: String,
    pub token: String,
    /// The session (refresh-token family) the token belongs to.
    pub session: Uuid,
}

/// An HTTP answer, read fully.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|_| panic!("not JSON ({}): {}", self.status, self.text))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_string())
    }

    /// Asserts the status and, for errors, the problem+json shape.
    #[track_caller]
    pub fn expect(&self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        if status >= 400 {
            assert_eq!(self.header("content-type").as_deref(), Some("application/problem+json"), "{}", self.text);
            let problem = self.json();
            assert_eq!(problem["status"], status, "{}", self.text);
            assert!(problem["title"].is_string() && problem["detail"].is_string() && problem["type"].is_string());
            problem
        } else if self.text.is_empty() {
            Value::Null
        } else {
            self.json()
        }
    }

    pub fn id(&self) -> String {
        self.json()["id"].as_str().expect("id").to_string()
    }

    /// Asserts a successful status and keeps the answer whole, for a body that is not JSON.
    #[track_caller]
    pub fn succeeded(self, status: u16) -> Self {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        self
    }
}

/// The `id` of a resource answered as JSON.
pub fn id(resource: &Value) -> String {
    resource["id"].as_str().expect("id").to_string()
}

/// The items of a page of a list.
pub fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("a page of items")
}

/// The fields a 422 problem names, in its order.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"].as_array().expect("field errors").iter().map(|e| e["field"].as_str().unwrap().to_string()).collect()
}

pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub async fn postgres_available() -> bool {
    static AVAILABLE: tokio::sync::OnceCell<bool> = tokio::sync::OnceCell::const_new();
    let available = *AVAILABLE
        .get_or_init(|| async { tokio::time::timeout(Duration::from_secs(5), ensure_test_database()).await.is_ok_and(|r| r.is_ok()) })
        .await;
    if !available {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("PostgreSQL at 127.0.0.1:5432 is required when CI=true");
        }
        eprintln!("SKIPPED: PostgreSQL is not reachable at 127.0.0.1:5432; PostgreSQL tests are skipped");
    }
    available
}

/// One database holds every test's schema; created on first use.
async fn ensure_test_database() -> Result<(), sea_orm::DbErr> {
    let admin = sea_orm::Database::connect(PG_ADMIN_URL).await?;
    let exists = admin
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            format!("SELECT 1 FROM pg_database WHERE datname = '{PG_TEST_DB}'"),
        ))
        .await?
        .is_some();
    if !exists {
        // Two test threads may race here; the loser's "already exists" is fine.
        let _ = admin.execute_unprepared(&format!("CREATE DATABASE {PG_TEST_DB}")).await;
    }
    Ok(())
}

pub fn test_config(database_url: String) -> Config {
    Config {
        environment: Environment::Development,
        database_url,
        bind: "127.0.0.1:0".into(),
        jwt_secret: JWT_SECRET.to_vec(),
        admin_email: None,
        admin_password: None,
        demo: false,
        static_dir: None,
        cors_origins: vec!["https://obec.example.cz".into()],
        trust_forwarded_for: false,
        access_token_ttl: Duration::from_secs(900),
        refresh_token_ttl: Duration::from_secs(3600),
        db_acquire_timeout: Duration::from_secs(5),
        db_statement_timeout: Duration::from_secs(10),
        db_max_connections: 5,
        request_timeout: Duration::from_secs(20),
        shutdown_drain: Duration::from_secs(2),
        limits: Limits::default(),
        public_url: "https://spoluplan.example.cz".into(),
        // No test mails through here unless it sets up an SMTP sink (`helpers::mail`).
        mail: api::config::Mail {
            smtp_url: None,
            outbox_dir: std::env::temp_dir().join("spoluplan-test-outbox"),
            from: "Spoluplán <spoluplan@example.cz>".into(),
            poll_interval: Duration::from_secs(10),
            retry_base: Duration::from_secs(30),
            digest_daily: Duration::from_secs(24 * 3600),
            digest_weekly: Duration::from_secs(7 * 24 * 3600),
        },
        // Webhooks to loopback (the tests' receivers) only where a test allows them.
        webhooks: api::config::Webhooks::default(),
        open_data: api::config::OpenData {
            license: "https://creativecommons.org/licenses/by/4.0/".into(),
            author: "Obec Zkušební".into(),
            publisher: Some("https://rpp-opendata.egon.gov.cz/odrpp/zdroj/orgán-veřejné-moci/00000001".into()),
        },
        password_reset_ttl: Duration::from_secs(3600),
        invitation_ttl: Duration::from_secs(7 * 86_400),
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

/// A database of its own for one test, not yet migrated: a SQLite file in a temporary folder, or a
/// PostgreSQL schema. Its URL and schema too, for the application's own connection settings.
pub async fn empty_database(backend: Backend) -> (String, Option<String>, Option<TempDir>) {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("spoluplan-test-{}", Uuid::now_v7()));
            std::fs::create_dir_all(&dir).unwrap();
            (format!("sqlite://{}/test.db?mode=rwc", dir.display()), None, Some(TempDir(dir)))
        }
        Backend::Postgres => {
            let schema = format!("t_{}", Uuid::new_v4().simple());
            let url = format!("postgres://postgres@127.0.0.1:5432/{PG_TEST_DB}");
            let setup = sea_orm::Database::connect(&url).await.expect("connect to PostgreSQL");
            setup.execute_unprepared(&format!("CREATE SCHEMA {schema}")).await.unwrap();
            (url, Some(schema), None)
        }
    }
}

/// A connection to a database of `empty_database`.
pub async fn connect(url: &str, schema: Option<&str>, config: &Config) -> DatabaseConnection {
    api::db::connect_url(url, 5, config.db_acquire_timeout, config.db_statement_timeout, schema).await.expect("connect")
}

pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
    let (url, schema, dir) = empty_database(backend).await;
    let mut config = test_config(url.clone());
    adjust(&mut config);
    let db = connect(&url, schema.as_deref(), &config).await;
    let app = api::Application::build_with(config, db.clone()).await.expect("build app");
    let port = app.port();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        db,
        backend,
        client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
        jwt: JwtKeys::new(JWT_SECRET, Duration::from_secs(900)),
        _dir: dir,
    }
}

impl TestApp {
    /// A handle on an application a test started itself (on a database of its own making).
    pub fn attach(address: &str, db: DatabaseConnection, backend: Backend) -> Self {
        TestApp {
            address: address.to_string(),
            db,
            backend,
            client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
            jwt: JwtKeys::new(JWT_SECRET, Duration::from_secs(900)),
            _dir: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    /// Sends a request; `body` as JSON when given; `token` as a bearer credential.
    pub async fn send(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>, headers: &[(&str, &str)]) -> Answer {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request");
        Answer { status: response.status(), headers: response.headers().clone(), text: response.text().await.unwrap() }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.send(Method::GET, path, token, None, &[]).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.send(Method::POST, path, token, Some(body), &[]).await
    }

    pub async fn patch(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.send(Method::PATCH, path, token, Some(body), &[]).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Answer {
        self.send(Method::DELETE, path, token, None, &[]).await
    }

    /// A PATCH on the condition `If-Match: if_match`.
    pub async fn patch_if(&self, path: &str, token: Option<&str>, if_match: &str, body: Value) -> Answer {
        self.send(Method::PATCH, path, token, Some(body), &[("if-match", if_match)]).await
    }

    /// A DELETE on the condition `If-Match: if_match`.
    pub async fn delete_if(&self, path: &str, token: Option<&str>, if_match: &str) -> Answer {
        self.send(Method::DELETE, path, token, None, &[("if-match", if_match)]).await
    }

    /// A user with `role`, inserted directly (the sign-in flow has its own tests).
    pub async fn user(&self, role: Role) -> TestUser {
        let id = Uuid::now_v7();
        let email = format!("{}-{}@example.cz", role.as_str(), id.simple());
        let now = Utc::now();
        self.insert(user::ActiveModel {
            id: Set(id),
            email: Set(email.clone()),
            display_name: Set(format!("Test {}", role.as_str())),
            role: Set(role),
            is_active: Set(true),
            password_hash: Set("!".into()),
            language: Set(Language::Cs),
            notification_frequency: Set(Default::default()),
            // Made of the name and e-mail as the row is saved.
            search_terms: NotSet,
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
        // Access tokens count only within a live session, so the user gets one as a sign-in would.
        let session = Uuid::now_v7();
        self.insert(refresh_token::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(id),
            family_id: Set(session),
            token_hash: Set(format!("test-{}", Uuid::now_v7().simple())),
            expires_at: Set(now + chrono::Duration::hours(1)),
            spent_at: Set(None),
            revoked_at: Set(None),
            created_at: Set(now),
        })
        .await;
        TestUser { id, email, token: self.jwt.issue(id, session).unwrap(), session }
    }

    pub async fn coordinator(&self) -> TestUser {
        self.user(Role::Coordinator).await
    }

    pub async fn admin(&self) -> TestUser {
        self.user(Role::Admin).await
    }

    pub async fn member(&self) -> TestUser {
        self.user(Role::Member).await
    }
}
