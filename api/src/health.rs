//! Liveness and readiness, outside authentication.
//!
//! Readiness is not measured per request: one monitor per process probes the database every
//! [`PROBE_EVERY`] over a connection of its own, and `/health/ready` answers from the last probe.
//! So probes never take connections from the pool the requests use, however often a load
//! balancer asks and however long the database hangs (a hung probe holds the monitor's one
//! connection, and the next probe reports the hang).
//!
//! On SQLite a probe also checks what a plain query cannot see: that the database file is still
//! the one the server opened (a deleted data folder leaves the server writing into a file that is
//! gone), that a write commits (a full disk, a read-only file), and that the write-ahead log is
//! being checkpointed (otherwise it grows without bound).
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::ConnectionType;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, get, web};
use sea_orm::sqlx::sqlite::SqliteConnectOptions;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, Statement};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::file_identity;
use crate::error::{ApiError, ApiResult};

/// How often the monitor probes.
pub const PROBE_EVERY: Duration = Duration::from_secs(1);
/// A probe slower than this counts as a failure.
const PROBE_TIMEOUT: Duration = Duration::from_millis(1500);
/// A probe result older than this is no longer believed (the monitor itself is stuck).
const STALE_AFTER: Duration = Duration::from_secs(5);
/// Pages of write-ahead log left after a checkpoint above which readiness fails: about 400 MB
/// at SQLite's 4 KiB pages, far beyond what the automatic checkpoint (1,000 pages) leaves.
const WAL_PAGES_LIMIT: i64 = 100_000;

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(tag = "health", responses((status = 200, body = Health)))]
#[get("/health/live")]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// The database answered the last probe, at most a few seconds ago, and (SQLite) its file is the
/// one the server opened, takes writes and is checkpointed; 503 otherwise.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, body = Health),
        (status = 503, description = "the database cannot serve requests", body = crate::error::Problem, content_type = "application/problem+json")
    )
)]
#[get("/health/ready")]
pub async fn ready(readiness: web::Data<Readiness>) -> ApiResult<HttpResponse> {
    match readiness.problem() {
        None => Ok(HttpResponse::Ok().json(Health { status: "ok" })),
        Some(_) => Err(ApiError::Unavailable),
    }
}

pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(live).service(ready);
}

/// The last probe's verdict, shared by the monitor and the handler (as its own app data, so the
/// monitor needs nothing of the application state).
#[derive(Clone)]
pub struct Readiness(Arc<Mutex<Verdict>>);

struct Verdict {
    at: Instant,
    problem: Option<String>,
    /// The process is stopping (SIGTERM): not ready, whatever the database says.
    draining: bool,
}

impl Readiness {
    /// Not ready until the first probe says so.
    fn new() -> Self {
        Self(Arc::new(Mutex::new(Verdict { at: Instant::now(), problem: Some("not probed yet".into()), draining: false })))
    }

    /// What stops this instance from serving, if anything.
    pub fn problem(&self) -> Option<String> {
        let verdict = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if verdict.draining {
            return Some("the server is stopping".into());
        }
        if verdict.at.elapsed() > STALE_AFTER {
            return Some("the last database probe is too old".into());
        }
        verdict.problem.clone()
    }

    fn set(&self, problem: Option<String>) {
        let mut verdict = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match (&verdict.problem, &problem) {
            (None, Some(new)) => tracing::error!(problem = %new, "not ready"),
            (Some(old), Some(new)) if old != new => tracing::error!(problem = %new, "not ready"),
            (Some(_), None) => tracing::info!("ready"),
            _ => {}
        }
        verdict.at = Instant::now();
        verdict.problem = problem;
    }

    /// From now on not ready, and every answer closes its connection.
    pub fn drain(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).draining = true;
    }

    pub fn is_draining(&self) -> bool {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).draining
    }
}

/// While the server drains, every answer says `Connection: close`: the client sends its next
/// request on a new connection (to another instance), never on one the server is about to close.
pub async fn close_when_draining(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let readiness = req.app_data::<web::Data<Readiness>>().cloned();
    let mut response = next.call(req).await?;
    if readiness.is_some_and(|r| r.is_draining()) {
        response.response_mut().head_mut().set_connection_type(ConnectionType::Close);
    }
    Ok(response)
}

/// Starts the monitor for the database at `url` and answers its verdict. The monitor stops when
/// the verdict is no longer referenced (the application is gone).
pub async fn monitor(url: &str) -> anyhow::Result<Readiness> {
    let readiness = Readiness::new();
    let probe = Probe::open(url).await?;
    // The first verdict before the server listens, so a fresh instance is not "not ready" for
    // its first second.
    readiness.set(probe.verdict().await);
    let weak = Arc::downgrade(&readiness.0);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(PROBE_EVERY).await;
            let problem = probe.verdict().await;
            let Some(shared) = weak.upgrade() else { break };
            Readiness(shared).set(problem);
        }
    });
    Ok(readiness)
}

/// The monitor's own connection, and for SQLite the identity of the file it must stay on.
struct Probe {
    db: DatabaseConnection,
    sqlite: Option<SqliteFile>,
}

struct SqliteFile {
    path: PathBuf,
    identity: (u64, u64),
}

impl Probe {
    async fn open(url: &str) -> anyhow::Result<Self> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(1)
            .min_connections(0)
            .acquire_timeout(PROBE_TIMEOUT)
            .connect_timeout(PROBE_TIMEOUT)
            .test_before_acquire(false)
            .sqlx_logging(false)
            .connect_lazy(true)
            // Never creates the file: a probe that made a new database would hide the loss.
            .map_sqlx_sqlite_opts(|opts: SqliteConnectOptions| opts.create_if_missing(false).busy_timeout(Duration::from_secs(1)));
        let db = Database::connect(options).await?;
        let sqlite = match crate::db::sqlite_file(url) {
            Some(path) => Some(SqliteFile { identity: file_identity(&path)?, path }),
            None => None,
        };
        Ok(Self { db, sqlite })
    }

    /// The problem this probe finds, if any, within its time limit.
    async fn verdict(&self) -> Option<String> {
        match tokio::time::timeout(PROBE_TIMEOUT, self.run()).await {
            Ok(Ok(())) => None,
            Ok(Err(problem)) => Some(problem),
            Err(_) => Some(format!("the database did not answer within {PROBE_TIMEOUT:?}")),
        }
    }

    async fn run(&self) -> Result<(), String> {
        let Some(file) = &self.sqlite else {
            return self.db.execute_unprepared("SELECT 1").await.map(drop).map_err(|e| unavailable("query", e));
        };
        match file_identity(&file.path) {
            Ok(identity) if identity == file.identity => {}
            Ok(_) => return Err(format!("the database file {} was replaced since the server opened it", file.path.display())),
            Err(e) => return Err(format!("the database file {} is gone: {e}", file.path.display())),
        }
        // A write that must reach the log: proves the file takes writes and the disk has room.
        self.db
            .execute_unprepared("UPDATE health_probe SET probed_at = CURRENT_TIMESTAMP WHERE id = 1")
            .await
            .map_err(|e| unavailable("write", e))?;
        let row = self
            .db
            .query_one_raw(Statement::from_string(self.db.get_database_backend(), "PRAGMA wal_checkpoint(PASSIVE)"))
            .await
            .map_err(|e| unavailable("checkpoint", e))?
            .ok_or_else(|| "the checkpoint answered nothing".to_string())?;
        let (busy, log, done): (i64, i64, i64) = row.try_get_many_by_index().map_err(|e| unavailable("checkpoint", e))?;
        if log - done > WAL_PAGES_LIMIT {
            return Err(format!("the write-ahead log is not being checkpointed ({log} pages, {done} copied, busy {busy})"));
        }
        Ok(())
    }
}

fn unavailable(what: &str, err: DbErr) -> String {
    format!("the database failed a {what} probe: {err}")
}
