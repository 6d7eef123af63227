//! The outbox worker, started with the server and stopped with it. It claims due rows, handles
//! them (sends an e-mail, fans an event out to webhooks, calls a webhook), and marks each done, or
//! due again later (exponential backoff, or a webhook's own schedule) with the error. Each poll it
//! also writes the reminders of consultations closing in three days (`reminder`) and the
//! subscribers' digests that are due (`digest`).
//!
//! A claim is a short transaction that moves the rows' `next_attempt_at` a lease ahead, so no other
//! worker takes them while this one sends, and no transaction stays open during an SMTP exchange.
//! On PostgreSQL the claim reads with `FOR UPDATE SKIP LOCKED`: several instances over one database
//! share the due rows, and no row is claimed by two at once. On SQLite there is one process (the
//! database is a local file), and `BEGIN IMMEDIATE` makes each claim one writer's.
//!
//! A message is sent at least once: a process that dies after the relay took a message but before
//! it marked the row sends it again when the lease runs out (with the same `Message-ID`).
use std::path::{Path, PathBuf};
use std::time::Duration;

use entity::{outbox, webhook_delivery};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use uuid::Uuid;

use super::Wake;
use super::digest::{self, Schedule};
use super::email::{self, Email};
use super::notify::Notices;
use super::webhook::{self, Retry, Sender};
use super::{event, fan_out, reminder};
use crate::clock;
use crate::config::Config;

/// Rows one claim takes; small, so that several workers share a burst.
const BATCH: u64 = 5;
/// How long a claimed row is this worker's; far longer than one send may take (`SEND_TIMEOUT`).
const LEASE: Duration = Duration::from_secs(5 * 60);
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts before a message is given up on: with a 30 s base and the 4 h ceiling, about a day.
const MAX_ATTEMPTS: i32 = 14;
const MAX_DELAY: Duration = Duration::from_secs(4 * 3600);
/// Sent and given-up messages are kept this long (to see what went out, and why not), then deleted;
/// so are webhook delivery attempts, which keeps `webhook_deliveries` bounded.
const KEEP: chrono::Duration = chrono::Duration::days(30);
const SWEEP_EVERY: Duration = Duration::from_secs(3600);

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development without SMTP: each message an `.eml` file in this folder.
    Files(PathBuf),
}

/// Why an attempt failed; a permanent failure (the relay refused the recipient for good, an
/// address that is no address, a webhook's last retry) is not tried again. `retry_in` overrides
/// the backoff (a webhook's own schedule).
struct Failure {
    permanent: bool,
    reason: String,
    retry_in: Option<Duration>,
}

impl Failure {
    fn permanent(reason: String) -> Self {
        Self { permanent: true, reason, retry_in: None }
    }

    fn transient(reason: String) -> Self {
        Self { permanent: false, reason, retry_in: None }
    }
}

pub struct Worker {
    db: DatabaseConnection,
    transport: Transport,
    from: Mailbox,
    webhooks: Sender,
    notices: Notices,
    digests: Schedule,
    wake: Wake,
    poll_interval: Duration,
    retry_base: Duration,
}

impl Worker {
    /// Checks the mail settings (a bad sender or SMTP URL stops the start-up, not the first send).
    pub fn new(db: DatabaseConnection, config: &Config, wake: Wake) -> anyhow::Result<Self> {
        let mail = &config.mail;
        let from: Mailbox = mail.from.parse().map_err(|e| anyhow::anyhow!("SPOLUPLAN_MAIL_FROM {:?}: {e}", mail.from))?;
        let transport = match &mail.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SPOLUPLAN_SMTP_URL: {e}"))?
                    .timeout(Some(SEND_TIMEOUT))
                    .build(),
            ),
            None => Transport::Files(mail.outbox_dir.clone()),
        };
        let webhooks = Sender::new(&config.webhooks, &config.public_url)?;
        let notices = Notices {
            public_url: config.public_url.clone(),
            secret: config.jwt_secret.clone(),
            organizer: format!("mailto:{}", from.email),
        };
        let digests = Schedule { daily: mail.digest_daily, weekly: mail.digest_weekly };
        Ok(Self { db, transport, from, webhooks, notices, digests, wake, poll_interval: mail.poll_interval, retry_base: mail.retry_base })
    }

    /// Where mail goes, for the start-up log.
    pub fn destination(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "SMTP".into(),
            Transport::Files(dir) => format!(".eml files in {}", dir.display()),
        }
    }

    /// Runs until `stop` turns true; a message being sent then is finished first.
    pub fn spawn(self, mut stop: watch::Receiver<bool>) -> JoinHandle<()> {
        tokio::spawn(async move {
            let mut swept: Option<tokio::time::Instant> = None;
            loop {
                if swept.is_none_or(|at| at.elapsed() >= SWEEP_EVERY) {
                    if let Err(e) = self.sweep().await {
                        tracing::warn!(error = %e, "outbox: cannot delete old messages");
                    }
                    swept = Some(tokio::time::Instant::now());
                }
                match reminder::write_due(&self.db).await {
                    Ok(n) if n > 0 => tracing::info!(reminders = n, "outbox: consultations closing in three days"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "outbox: cannot write the closing reminders"),
                }
                match digest::send_due(&self.db, &self.notices, self.digests).await {
                    Ok(n) if n > 0 => tracing::info!(digests = n, "outbox: digests due"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "outbox: cannot send digests"),
                }
                loop {
                    if *stop.borrow() {
                        return;
                    }
                    match self.round().await {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e) => {
                            // The database is away; the next poll tries again.
                            tracing::warn!(error = %e, "outbox: cannot claim messages");
                            break;
                        }
                    }
                }
                tokio::select! {
                    _ = self.wake.woken() => {}
                    _ = tokio::time::sleep(self.poll_interval) => {}
                    _ = stop.changed() => return,
                }
            }
        })
    }

    /// Deletes what was settled (sent, or given up on) longer than `KEEP` ago.
    async fn sweep(&self) -> Result<(), DbErr> {
        let before = clock::now() - KEEP;
        outbox::Entity::delete_many()
            .filter(outbox::Column::NextAttemptAt.is_null())
            .filter(outbox::Column::CreatedAt.lt(before))
            .exec(&self.db)
            .await?;
        webhook_delivery::Entity::delete_many().filter(webhook_delivery::Column::CreatedAt.lt(before)).exec(&self.db).await?;
        Ok(())
    }

    /// Claims a batch of due rows and sends them; answers how many it claimed.
    async fn round(&self) -> Result<usize, DbErr> {
        let rows = self.claim().await?;
        for row in &rows {
            let result = self.send(row).await;
            self.settle(row, result).await?;
        }
        Ok(rows.len())
    }

    async fn claim(&self) -> Result<Vec<outbox::Model>, DbErr> {
        let now = clock::now();
        // A poll that finds nothing due is one indexed read, without a write transaction (on SQLite
        // that would take the database's one write lock every few seconds for nothing).
        let due_now =
            outbox::Entity::find().select_only().column(outbox::Column::Id).filter(outbox::Column::NextAttemptAt.lte(now)).limit(1);
        if due_now.into_tuple::<Uuid>().one(&self.db).await?.is_none() {
            return Ok(Vec::new());
        }
        let txn = crate::db::begin(&self.db).await?;
        let mut due = outbox::Entity::find()
            .filter(outbox::Column::NextAttemptAt.lte(now))
            .order_by_asc(outbox::Column::NextAttemptAt)
            .order_by_asc(outbox::Column::Id)
            .limit(BATCH);
        if self.db.get_database_backend() == DbBackend::Postgres {
            due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let rows = due.all(&txn).await?;
        if !rows.is_empty() {
            outbox::Entity::update_many()
                .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + LEASE))
                .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
                .filter(outbox::Column::Id.is_in(rows.iter().map(|r| r.id)))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(rows.into_iter().map(|r| outbox::Model { attempts: r.attempts + 1, ..r }).collect())
    }

    async fn send(&self, row: &outbox::Model) -> Result<(), Failure> {
        let payload = |e: serde_json::Error| Failure::permanent(format!("payload: {e}"));
        match row.kind.as_str() {
            email::KIND => self.send_email(row.id, serde_json::from_value(row.payload.clone()).map_err(payload)?).await,
            event::KIND => {
                let event: event::Event = serde_json::from_value(row.payload.clone()).map_err(payload)?;
                // The deliveries it writes are due at once: this round's loop claims them next.
                fan_out::fan_out(&self.db, &self.notices, row.id, &event).await.map_err(|e| Failure::transient(format!("fan-out: {e}")))
            }
            webhook::KIND => {
                let delivery: webhook::Delivery = serde_json::from_value(row.payload.clone()).map_err(payload)?;
                let result = self.webhooks.deliver(&self.db, row.id, row.attempts, &delivery).await;
                result.map_err(|failed| match failed.retry {
                    Retry::After(delay) => Failure { permanent: false, reason: failed.reason, retry_in: Some(delay) },
                    Retry::Backoff => Failure::transient(failed.reason),
                    Retry::Never => Failure::permanent(failed.reason),
                })
            }
            other => Err(Failure::permanent(format!("unknown kind {other}"))),
        }
    }

    async fn send_email(&self, id: Uuid, email: Email) -> Result<(), Failure> {
        let message = email.message(id, &self.from).map_err(Failure::permanent)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| Failure {
                permanent: e.is_permanent(),
                reason: e.to_string(),
                retry_in: None,
            }),
            Transport::Files(dir) => {
                write_eml(dir, id, &message.formatted()).await.map_err(|e| Failure::transient(format!("{}: {e}", dir.display())))
            }
        }
    }

    /// Marks the row sent, or due again after the backoff, or given up on.
    async fn settle(&self, row: &outbox::Model, result: Result<(), Failure>) -> Result<(), DbErr> {
        let now = clock::now();
        let update = outbox::Entity::update_many().filter(outbox::Column::Id.eq(row.id));
        let update = match result {
            Ok(()) => update
                .col_expr(outbox::Column::Payload, Expr::value(sent_record(&row.kind, &row.payload)))
                .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
                .col_expr(outbox::Column::NextAttemptAt, Expr::value(None::<chrono::DateTime<chrono::Utc>>))
                .col_expr(outbox::Column::LastError, Expr::value(None::<String>)),
            Err(failure) => {
                let give_up = failure.permanent || (failure.retry_in.is_none() && row.attempts >= MAX_ATTEMPTS);
                tracing::warn!(id = %row.id, attempts = row.attempts, give_up, reason = %failure.reason, "outbox: sending failed");
                let delay = failure.retry_in.unwrap_or_else(|| self.backoff(row.attempts));
                let next = (!give_up).then(|| now + chrono::Duration::from_std(delay).unwrap_or_default());
                update
                    .col_expr(outbox::Column::NextAttemptAt, Expr::value(next))
                    .col_expr(outbox::Column::LastError, Expr::value(Some(failure.reason)))
            }
        };
        update.exec(&self.db).await?;
        Ok(())
    }

    /// `retry_base` after the first attempt, doubling after each further one, at most `MAX_DELAY`.
    fn backoff(&self, attempts: i32) -> Duration {
        let doublings = (attempts - 1).clamp(0, 20) as u32;
        self.retry_base.saturating_mul(1 << doublings).min(MAX_DELAY)
    }
}

/// What a sent e-mail's row keeps: its recipient and subject, not its body, which may hold a
/// secret (a reset link works for an hour and only its hash is stored anywhere else). Events and
/// webhook calls hold nothing secret and are kept whole.
fn sent_record(kind: &str, payload: &serde_json::Value) -> serde_json::Value {
    match kind {
        email::KIND => serde_json::json!({"to": payload["to"], "subject": payload["subject"]}),
        _ => payload.clone(),
    }
}

/// Written under a temporary name and renamed, so a reader never sees half a message.
async fn write_eml(dir: &Path, id: Uuid, message: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let (partial, done) = (dir.join(format!(".{id}.eml.partial")), dir.join(format!("{id}.eml")));
    tokio::fs::write(&partial, message).await?;
    tokio::fs::rename(&partial, &done).await
}
