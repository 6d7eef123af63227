//! The one configuration struct, read once from the environment.
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

/// `development` relaxes what a newcomer must set up; anything else is production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Clone)]
pub struct Config {
    pub environment: Environment,
    pub database_url: String,
    pub bind: String,
    pub jwt_secret: Vec<u8>,
    pub admin_email: Option<String>,
    pub admin_password: Option<String>,
    pub demo: bool,
    /// Built web app to serve at `/`; none when the folder does not exist.
    pub static_dir: Option<PathBuf>,
    /// Origins allowed to call the API from a browser on another origin.
    pub cors_origins: Vec<String>,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub db_acquire_timeout: Duration,
    pub db_statement_timeout: Duration,
    pub db_max_connections: u32,
    /// The longest any API request may take before it is answered 503 (see `deadline`).
    pub request_timeout: Duration,
    /// How long a stopping server keeps answering (each answer closing its connection) before
    /// it closes the listener.
    pub shutdown_drain: Duration,
    pub limits: Limits,
    /// Where people reach the web app, for the links in e-mails (no trailing slash).
    pub public_url: String,
    pub mail: Mail,
    pub webhooks: Webhooks,
    pub open_data: OpenData,
    /// How long a password reset link works.
    pub password_reset_ttl: Duration,
    /// How long an invitation's link to set the first password works.
    pub invitation_ttl: Duration,
}

/// How e-mail leaves the outbox (see `outbox/`).
#[derive(Debug, Clone)]
pub struct Mail {
    /// `smtp://host:port` (plain, or STARTTLS with `?tls=required`), `smtps://host:port` (TLS),
    /// with `user:password@` when the relay wants a login. None: every message is written as an
    /// `.eml` file into `outbox_dir` instead, for development.
    pub smtp_url: Option<String>,
    pub outbox_dir: PathBuf,
    /// The sender, e.g. `Spoluplán <spoluplan@obec.cz>`.
    pub from: String,
    /// How often the worker looks for due messages (it is also woken right after an enqueue).
    pub poll_interval: Duration,
    /// The first retry's delay; each further one waits twice as long.
    pub retry_base: Duration,
    /// How long after a daily subscriber's first untold news their digest goes out.
    pub digest_daily: Duration,
    /// The same for weekly subscribers.
    pub digest_weekly: Duration,
}

/// How the open data (`open_data/`) are published: the terms a reuser is given, and who publishes.
#[derive(Debug, Clone)]
pub struct OpenData {
    /// The licence's address (`SPOLUPLAN_OPEN_DATA_LICENSE`), CC BY 4.0 unless configured.
    pub license: String,
    /// Whom the licence asks reusers to name (`SPOLUPLAN_OPEN_DATA_AUTHOR`), e.g. "Město Český Krumlov".
    pub author: String,
    /// The publishing authority's IRI in the register of rights and duties
    /// (`SPOLUPLAN_OPEN_DATA_PUBLISHER`, e.g.
    /// `https://rpp-opendata.egon.gov.cz/odrpp/zdroj/orgán-veřejné-moci/00245836`), which NKOD
    /// requires; left out of the catalogue until it is set.
    pub publisher: Option<String>,
}

/// How webhook calls leave the outbox (see `outbox/webhook.rs`).
#[derive(Debug, Clone)]
pub struct Webhooks {
    /// Allows webhook URLs on loopback, private and other non-public addresses, and plain `http`
    /// (for an integration inside the town's own network, and for tests).
    pub allow_private: bool,
    /// How long one call may take, connecting included; longer is a failed attempt.
    pub timeout: Duration,
    /// The waits before each retry of a failed call; after the last one the delivery is given
    /// up on and the webhook disabled.
    pub retry_schedule: Vec<Duration>,
}

impl Default for Webhooks {
    fn default() -> Self {
        // About a day of retries in all (1 min, 5 min, 30 min, 2 h, 5 h, 10 h).
        let schedule = [60, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600];
        Self {
            allow_private: false,
            timeout: Duration::from_secs(10),
            retry_schedule: schedule.into_iter().map(Duration::from_secs).collect(),
        }
    }
}

/// Abuse limits; see `rate_limit.rs` for how they behave with several instances.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub login_failures_per_account: u32,
    pub login_failures_per_address: u32,
    pub login_window: Duration,
    pub anonymous_comments_per_address: u32,
    pub comment_window: Duration,
    /// Needs one client address may report anonymously per `need_window`.
    pub anonymous_needs_per_address: u32,
    pub need_window: Duration,
    /// Anonymous survey responses per client address in `survey_response_window`.
    pub anonymous_survey_responses_per_address: u32,
    pub survey_response_window: Duration,
    /// Writes (any method but GET and HEAD) one account may make per `write_window`, by session
    /// or API key alike.
    pub writes_per_account: u32,
    pub write_window: Duration,
    /// Password reset e-mails per address asked for, and per client address, in `link_window`.
    pub password_resets_per_account: u32,
    pub password_resets_per_address: u32,
    /// Confirmation e-mails of an e-mail change per account, in `link_window`.
    pub email_changes_per_account: u32,
    /// The window of the limits on e-mails with links (reset, e-mail change).
    pub link_window: Duration,
    /// How long a request body may take to arrive after its headers (408 after that); for the
    /// register's import, how long each part of the streamed body may take.
    pub body_timeout: Duration,
    /// The most bytes of JSON (after inflating gzip) `POST /imports/rpss` reads (413 beyond).
    pub register_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            login_failures_per_account: 5,
            login_failures_per_address: 20,
            login_window: Duration::from_secs(15 * 60),
            anonymous_comments_per_address: 10,
            comment_window: Duration::from_secs(10 * 60),
            anonymous_needs_per_address: 5,
            need_window: Duration::from_secs(3600),
            anonymous_survey_responses_per_address: 30,
            survey_response_window: Duration::from_secs(10 * 60),
            writes_per_account: 120,
            write_window: Duration::from_secs(60),
            password_resets_per_account: 3,
            password_resets_per_address: 10,
            email_changes_per_account: 5,
            link_window: Duration::from_secs(3600),
            body_timeout: Duration::from_secs(15),
            // 256 MiB of JSON after inflating gzip, where the national register is 30–100 MB; 413
            // beyond. The command line has no limit.
            register_file_bytes: 256 * 1024 * 1024,
        }
    }
}

impl std::fmt::Debug for Config {
    // Hand-written so the JWT secret and the admin password never reach a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("database_url", &redact_url(&self.database_url))
            .field("bind", &self.bind)
            .field("admin_email", &self.admin_email)
            .field("demo", &self.demo)
            .field("static_dir", &self.static_dir)
            .field("cors_origins", &self.cors_origins)
            .field("public_url", &self.public_url)
            .field("smtp_url", &self.mail.smtp_url.as_deref().map(redact_url))
            .field("outbox_dir", &self.mail.outbox_dir)
            .finish_non_exhaustive()
    }
}

/// Hides a password in a `postgres://user:password@host/db` URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn seconds(name: &str, default: u64) -> anyhow::Result<Duration> {
    match var(name) {
        Some(v) => {
            Ok(Duration::from_millis((v.parse::<f64>().with_context(|| format!("{name} must be a number of seconds"))? * 1000.0) as u64))
        }
        None => Ok(Duration::from_secs(default)),
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let environment = match var("SPOLUPLAN_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => bail!("SPOLUPLAN_ENV must be development or production, not {other}"),
        };
        let data_dir = PathBuf::from(var("SPOLUPLAN_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = match var("DATABASE_URL") {
            Some(url) => url,
            None => {
                create_private_dir(&data_dir)?;
                format!("sqlite://{}/spoluplan.db?mode=rwc", data_dir.display())
            }
        };
        let jwt_secret = match (var("SPOLUPLAN_JWT_SECRET"), environment) {
            (Some(secret), _) if secret.len() >= 32 => secret.into_bytes(),
            (Some(_), _) => bail!("SPOLUPLAN_JWT_SECRET must be at least 32 characters of random data"),
            (None, Environment::Production) => {
                bail!("SPOLUPLAN_JWT_SECRET is required when SPOLUPLAN_ENV=production")
            }
            (None, Environment::Development) => development_secret(&data_dir)?,
        };
        let static_dir = var("SPOLUPLAN_STATIC_DIR")
            .map(PathBuf::from)
            .or_else(|| Some(PathBuf::from("frontend/dist")))
            .filter(|dir| dir.join("index.html").is_file());
        let mut limits = Limits::default();
        if let Some(v) = var("SPOLUPLAN_LOGIN_FAILURES_PER_ACCOUNT") {
            limits.login_failures_per_account = v.parse().context("SPOLUPLAN_LOGIN_FAILURES_PER_ACCOUNT")?;
        }
        if let Some(v) = var("SPOLUPLAN_LOGIN_FAILURES_PER_ADDRESS") {
            limits.login_failures_per_address = v.parse().context("SPOLUPLAN_LOGIN_FAILURES_PER_ADDRESS")?;
        }
        if let Some(v) = var("SPOLUPLAN_ANONYMOUS_COMMENTS_PER_ADDRESS") {
            limits.anonymous_comments_per_address = v.parse().context("SPOLUPLAN_ANONYMOUS_COMMENTS_PER_ADDRESS")?;
        }
        if let Some(v) = var("SPOLUPLAN_ANONYMOUS_NEEDS_PER_ADDRESS") {
            limits.anonymous_needs_per_address = v.parse().context("SPOLUPLAN_ANONYMOUS_NEEDS_PER_ADDRESS")?;
        }
        if let Some(v) = var("SPOLUPLAN_ANONYMOUS_SURVEY_RESPONSES_PER_ADDRESS") {
            limits.anonymous_survey_responses_per_address = v.parse().context("SPOLUPLAN_ANONYMOUS_SURVEY_RESPONSES_PER_ADDRESS")?;
        }
        if let Some(v) = var("SPOLUPLAN_WRITES_PER_ACCOUNT") {
            limits.writes_per_account = v.parse().context("SPOLUPLAN_WRITES_PER_ACCOUNT")?;
        }
        if let Some(v) = var("SPOLUPLAN_PASSWORD_RESETS_PER_ACCOUNT") {
            limits.password_resets_per_account = v.parse().context("SPOLUPLAN_PASSWORD_RESETS_PER_ACCOUNT")?;
        }
        if let Some(v) = var("SPOLUPLAN_PASSWORD_RESETS_PER_ADDRESS") {
            limits.password_resets_per_address = v.parse().context("SPOLUPLAN_PASSWORD_RESETS_PER_ADDRESS")?;
        }
        if let Some(v) = var("SPOLUPLAN_EMAIL_CHANGES_PER_ACCOUNT") {
            limits.email_changes_per_account = v.parse().context("SPOLUPLAN_EMAIL_CHANGES_PER_ACCOUNT")?;
        }
        limits.body_timeout = seconds("SPOLUPLAN_BODY_TIMEOUT", limits.body_timeout.as_secs())?;
        if let Some(v) = var("SPOLUPLAN_REGISTER_FILE_BYTES") {
            limits.register_file_bytes = v.parse().context("SPOLUPLAN_REGISTER_FILE_BYTES")?;
        }
        let bind = var("SPOLUPLAN_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let mail = Mail {
            smtp_url: var("SPOLUPLAN_SMTP_URL"),
            outbox_dir: var("SPOLUPLAN_OUTBOX_DIR").map(PathBuf::from).unwrap_or_else(|| data_dir.join("outbox")),
            from: var("SPOLUPLAN_MAIL_FROM").unwrap_or_else(|| "Spoluplán <spoluplan@localhost>".into()),
            poll_interval: seconds("SPOLUPLAN_OUTBOX_POLL", 10)?,
            retry_base: seconds("SPOLUPLAN_OUTBOX_RETRY_BASE", 30)?,
            digest_daily: seconds("SPOLUPLAN_DIGEST_DAILY", 24 * 3600)?,
            digest_weekly: seconds("SPOLUPLAN_DIGEST_WEEKLY", 7 * 24 * 3600)?,
        };
        let webhooks = Webhooks {
            allow_private: var("SPOLUPLAN_WEBHOOK_ALLOW_PRIVATE").is_some_and(|v| v == "1" || v == "true"),
            timeout: seconds("SPOLUPLAN_WEBHOOK_TIMEOUT", 10)?,
            ..Webhooks::default()
        };
        let open_data = OpenData {
            license: var("SPOLUPLAN_OPEN_DATA_LICENSE").unwrap_or_else(|| "https://creativecommons.org/licenses/by/4.0/".into()),
            author: var("SPOLUPLAN_OPEN_DATA_AUTHOR").unwrap_or_else(|| "Spoluplán".into()),
            publisher: var("SPOLUPLAN_OPEN_DATA_PUBLISHER"),
        };
        Ok(Self {
            environment,
            database_url,
            public_url: var("SPOLUPLAN_PUBLIC_URL").unwrap_or_else(|| format!("http://{bind}")).trim_end_matches('/').to_string(),
            bind,
            mail,
            webhooks,
            open_data,
            password_reset_ttl: seconds("SPOLUPLAN_PASSWORD_RESET_TTL", 3600)?,
            invitation_ttl: seconds("SPOLUPLAN_INVITATION_TTL", 7 * 86_400)?,
            jwt_secret,
            admin_email: var("SPOLUPLAN_ADMIN_EMAIL"),
            admin_password: var("SPOLUPLAN_ADMIN_PASSWORD"),
            demo: var("SPOLUPLAN_DEMO").is_some_and(|v| v == "1" || v == "true"),
            static_dir,
            cors_origins: var("SPOLUPLAN_CORS_ORIGINS")
                .map(|v| v.split(',').map(|o| o.trim().to_string()).filter(|o| !o.is_empty()).collect())
                .unwrap_or_default(),
            trust_forwarded_for: var("SPOLUPLAN_TRUST_FORWARDED_FOR").is_some_and(|v| v == "1" || v == "true"),
            access_token_ttl: seconds("SPOLUPLAN_ACCESS_TOKEN_TTL", 15 * 60)?,
            refresh_token_ttl: seconds("SPOLUPLAN_REFRESH_TOKEN_TTL", 30 * 24 * 3600)?,
            db_acquire_timeout: seconds("SPOLUPLAN_DB_ACQUIRE_TIMEOUT", 3)?,
            db_statement_timeout: seconds("SPOLUPLAN_DB_STATEMENT_TIMEOUT", 10)?,
            db_max_connections: var("SPOLUPLAN_DB_MAX_CONNECTIONS")
                .map(|v| v.parse())
                .transpose()
                .context("SPOLUPLAN_DB_MAX_CONNECTIONS")?
                .unwrap_or(10),
            request_timeout: seconds("SPOLUPLAN_REQUEST_TIMEOUT", 20)?,
            shutdown_drain: seconds("SPOLUPLAN_SHUTDOWN_DRAIN", 2)?,
            limits,
        })
    }
}

/// The data folder holds the database and the development secret: only its owner enters it
/// (mode 0700 when it is made here; an existing folder keeps the mode its operator gave it).
fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Only the owner reads a secret (0600), also one written by an earlier version with 0644.
fn make_private(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot restrict {} to its owner", path.display()))?;
    }
    Ok(())
}

/// In development a random secret is generated once and kept under the data folder,
/// so tokens survive a restart without anyone having to set a variable.
pub fn development_secret(data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join("jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path)
        && existing.trim().len() >= 32
    {
        make_private(&path)?;
        return Ok(existing.trim().as_bytes().to_vec());
    }
    create_private_dir(data_dir)?;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let secret = URL_SAFE_NO_PAD.encode(bytes);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    // Created 0600 from the start, so the secret is never readable by others, not even briefly.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).with_context(|| format!("cannot write {}", path.display()))?;
    std::io::Write::write_all(&mut file, secret.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    make_private(&path)?;
    Ok(secret.into_bytes())
}
