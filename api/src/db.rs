//! Connecting to SQLite or PostgreSQL with bounded waits, write transactions, and migrations.
//!
//! SQLite is the embedded default, and its one write lock shapes three rules here:
//! - every write transaction starts with `BEGIN IMMEDIATE` ([`begin`]), so it takes the write lock
//!   first and waits its turn (`busy_timeout`) instead of failing at once when it tries to turn a
//!   read into a write while another writer holds the lock;
//! - a connection handed back to the pool while a transaction is still open on it (a failed
//!   `COMMIT` or `ROLLBACK` after a storage error) is closed, never reused: reused, it would run
//!   later requests' writes inside a transaction that is never committed;
//! - a write on a SQLite file that was deleted or replaced since it was opened gets 503, checked
//!   before every write transaction and again before a write is acknowledged (`durable`): the
//!   server would otherwise go on acknowledging writes into a file nobody can reach;
//! - a PostgreSQL connection handed back is checked within a second or closed, so a hung server
//!   cannot keep pool slots (requests themselves are bounded by `deadline`);
//! - the database file must exist before `serve` uses it ([`refuse_missing_database`]), so a lost
//!   data folder is reported instead of being quietly replaced by a new, empty database.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::Connection;
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::config::Config;

/// Opens the pool. A slow or absent database makes requests wait at most the acquire timeout
/// (then 503) instead of hanging; the pool reconnects by itself when the database returns.
pub async fn connect(config: &Config) -> Result<DatabaseConnection, DbErr> {
    connect_url(&config.database_url, config.db_max_connections, config.db_acquire_timeout, config.db_statement_timeout, None).await
}

/// Like `connect`, with an optional PostgreSQL schema (tests give each test its own).
pub async fn connect_url(
    url: &str,
    max_connections: u32,
    acquire_timeout: Duration,
    statement_timeout: Duration,
    schema: Option<&str>,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    let sqlite = url.starts_with("sqlite:");
    options
        .max_connections(if sqlite { max_connections.min(8) } else { max_connections })
        .min_connections(0)
        .acquire_timeout(acquire_timeout)
        .connect_timeout(acquire_timeout)
        .statement_timeout(statement_timeout)
        .idle_timeout(Duration::from_secs(300))
        .test_before_acquire(false)
        .sqlx_logging(false)
        // Connect on first use, so the server starts (and answers /health/ready with 503)
        // even while the database is still down.
        .connect_lazy(!sqlite)
        .map_sqlx_sqlite_opts(|opts| {
            // FULL: a commit is on the disk (the log synced) before it is acknowledged; NORMAL
            // would answer 201 for writes that a crash of the machine or a failing disk still loses.
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
                .create_if_missing(true)
        })
        .map_sqlx_postgres_pool_opts(|pool| {
            pool.after_release(|conn, _| {
                Box::pin(async move {
                    // The pool checks a returned connection with a ping that has no time limit: on a
                    // server that hangs, or behind a link that died without a reset, that would hold
                    // the pool slot until TCP gives up (minutes). Close it instead after a second.
                    Ok(tokio::time::timeout(RELEASE_CHECK, conn.ping()).await.is_ok_and(|pinged| pinged.is_ok()))
                })
            })
        })
        .map_sqlx_sqlite_pool_opts(|pool| {
            pool.after_release(|conn, _| {
                Box::pin(async move {
                    // Let the worker finish a rollback queued by a dropped transaction first.
                    conn.ping().await?;
                    if conn.is_in_transaction() {
                        tracing::error!("a database connection still held a transaction after use; closing it");
                        return Ok(false);
                    }
                    Ok(true)
                })
            })
        });
    if let Some(schema) = schema {
        options.set_schema_search_path(schema.to_owned());
    }
    let db = Database::connect(options).await?;
    if let Some(file) = sqlite_file(url) {
        let identity = file_identity(&file).map_err(|e| DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("{}: {e}", file.display()))))?;
        OPENED.lock().unwrap_or_else(|e| e.into_inner()).insert(file, identity);
    }
    Ok(db)
}

/// The device and inode of every SQLite file this process opened, by path.
static OPENED: LazyLock<Mutex<HashMap<PathBuf, (u64, u64)>>> = LazyLock::new(Default::default);

/// Device and inode: a file deleted and made anew at the same path is another file.
pub fn file_identity(path: &Path) -> std::io::Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

/// 503 (as a connection error) when the SQLite file behind `db` is no longer the one opened.
pub fn ensure_same_file(db: &DatabaseConnection) -> Result<(), DbErr> {
    let Some(options) = sqlite_options(db) else { return Ok(()) };
    let file = options.get_filename();
    let opened = OPENED.lock().unwrap_or_else(|e| e.into_inner()).get(file).copied();
    match (opened, file_identity(file)) {
        (Some(opened), Ok(now)) if opened != now => Err(moved(file, "was replaced")),
        (Some(_), Err(_)) => Err(moved(file, "is gone")),
        _ => Ok(()),
    }
}

fn moved(file: &Path, what: &str) -> DbErr {
    tracing::error!(file = %file.display(), "the database file {what} since the server opened it; refusing writes");
    DbErr::Conn(sea_orm::RuntimeErr::Internal(format!("the database file {} {what}", file.display())))
}

/// How long a PostgreSQL connection handed back to the pool may take to prove it still works.
const RELEASE_CHECK: Duration = Duration::from_secs(1);

/// How long a SQLite write waits for another writer to finish before it gets 503.
pub const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), waiting up to [`SQLITE_BUSY_TIMEOUT`] for it; PostgreSQL ignores the mode.
/// Every write transaction starts here (clippy's `disallowed-methods` keeps it so), and is refused
/// when the SQLite file was deleted or replaced.
pub async fn begin(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    ensure_same_file(db)?;
    #[allow(clippy::disallowed_methods)]
    db.begin_with_options(TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() })
        .await
}

/// The file behind a SQLite URL; `None` for PostgreSQL and in-memory databases.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    if !url.starts_with("sqlite:") {
        return None;
    }
    let options = SqliteConnectOptions::from_str(url).ok()?;
    let file = options.get_filename();
    (!file.as_os_str().is_empty() && file != Path::new(":memory:")).then(|| file.to_path_buf())
}

/// `serve` never creates a SQLite database: a missing file means a new installation (say so
/// with `--init`) or lost data (restore a backup), and guessing wrong would hide the loss.
pub fn refuse_missing_database(url: &str, init: bool) -> anyhow::Result<()> {
    match sqlite_file(url) {
        Some(file) if !init && !file.exists() => anyhow::bail!(
            "the database file {} does not exist. If its data was lost, restore the last backup \
             (`spoluplan restore FILE`); if this is a new installation, start with `spoluplan serve --init` \
             (or run `spoluplan migrate` once)",
            file.display()
        ),
        _ => Ok(()),
    }
}

/// Whether `db` is SQLite (one writer at a time, a file that can vanish).
pub fn is_sqlite(db: &DatabaseConnection) -> bool {
    matches!(db.get_database_backend(), sea_orm::DbBackend::Sqlite)
}

/// The pool's SQLite options, for the readiness checks of the file behind it.
pub fn sqlite_options(db: &DatabaseConnection) -> Option<std::sync::Arc<SqliteConnectOptions>> {
    is_sqlite(db).then(|| db.get_sqlite_connection_pool().connect_options())
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
