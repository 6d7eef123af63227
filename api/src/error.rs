//! `ApiError`, rendered as RFC 9457 problem+json; the one place database errors are classified.
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use sea_orm::{DbErr, RuntimeErr, SqlErr};
use serde::Serialize;
use utoipa::ToSchema;

/// What is wrong with a field, in one word a client can put in its own language (the web app
/// words it in Czech); `message` says the same in English for people reading the API.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    /// Missing or empty.
    Required,
    /// Shorter than `min` characters.
    TooShort,
    /// Longer than `max` characters.
    TooLong,
    /// More than `max` items.
    TooMany,
    /// A number outside `min` to `max`.
    OutOfRange,
    /// A date or time outside the years `min` to `max`.
    DateOutOfRange,
    /// Not in the expected format (an e-mail address, an amount of money, a URL).
    InvalidFormat,
    /// Of the wrong type, or not one of the allowed values.
    InvalidValue,
    /// Refers to something that does not exist.
    NotFound,
    /// Must lie in the future.
    MustBeFuture,
    /// Must not lie in the future.
    MustNotBeFuture,
    /// Earlier than the value it must follow (an end before its start).
    BeforeStart,
    /// Not what was expected (a current password that is wrong).
    Incorrect,
    /// A password too easy to guess: common, a pattern, or built from the person's e-mail or name.
    WeakPassword,
    /// Already taken by another record (a code, an e-mail address, a membership); sent with a 409.
    Duplicate,
    /// Any other rule: `message` says which.
    Invalid,
}

/// Why a request conflicts with the current state (a 409), in one word a client can put in its own
/// language; `detail` says it in English with the particulars.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum ConflictCode {
    /// A value another record already has (`errors` names the field).
    Duplicate,
    /// The plan cannot make this lifecycle move from where it is.
    Lifecycle,
    /// Texts, goals and measures are frozen since the plan's approval; a survey's questions since
    /// its first response.
    Frozen,
    /// The plan is archived; nothing in it changes.
    Archived,
    /// Consultation comments are not all settled yet.
    UnsettledComments,
    /// The public consultation is not open (not yet, or no longer).
    ConsultationClosed,
    /// Part of the public record of the process (history, the settlement register): kept as it is.
    PublicRecord,
    /// Still used by other records: retire it instead of deleting it.
    InUse,
    /// This comment is not one that is settled (a reply, or not from the consultation).
    NotSettleable,
    /// Refers to a record that does not exist, or is still referred to.
    Reference,
    /// The survey takes no responses: it is a draft, not open yet, or closed.
    SurveyClosed,
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct FieldError {
    /// The field's path in the request, e.g. `title`, `agenda[0].title`.
    pub field: String,
    pub code: FieldErrorCode,
    pub message: String,
    /// The lower bound of `out_of_range`, the shortest length of `too_short`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// The upper bound of `out_of_range`, the longest length of `too_long`, the most items of `too_many`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

impl FieldError {
    pub fn new(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into(), min: None, max: None }
    }

    pub fn with_min(mut self, min: i64) -> Self {
        self.min = Some(min);
        self
    }

    pub fn with_max(mut self, max: i64) -> Self {
        self.max = Some(max);
        self
    }
}

/// RFC 9457 problem details.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// With a 409: why, for a client to word it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<ConflictCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("the resource does not exist or is not visible to you")]
    NotFound,
    #[error("{detail}")]
    MethodNotAllowed { detail: String, allow: String },
    #[error("{1}")]
    Conflict(ConflictCode, String),
    /// A 409 for a value another record already has, naming the field so a form can show it there.
    #[error("{}", .0.message)]
    Duplicate(FieldError),
    #[error("the resource has changed since you read it (If-Match does not match the current version); read it again")]
    PreconditionFailed,
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// The body did not arrive in time (a client trickling it would hold a worker and a connection).
    #[error("the request body did not arrive within {0} seconds")]
    RequestTimeout(u64),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("the request is well-formed but some fields are invalid")]
    Validation(Vec<FieldError>),
    #[error("too many requests; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    #[error("the database is unavailable or too slow right now; try again shortly")]
    Unavailable,
    #[error("an unexpected error occurred; it has been logged")]
    Internal,
}

impl ApiError {
    fn slug(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad-request",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound => "not-found",
            Self::MethodNotAllowed { .. } => "method-not-allowed",
            Self::Conflict(..) | Self::Duplicate(_) => "conflict",
            Self::PreconditionFailed => "precondition-failed",
            Self::PayloadTooLarge(_) => "payload-too-large",
            Self::RequestTimeout(_) => "request-timeout",
            Self::UnsupportedMediaType(_) => "unsupported-media-type",
            Self::Validation(_) => "validation",
            Self::TooManyRequests { .. } => "too-many-requests",
            Self::Unavailable => "unavailable",
            Self::Internal => "internal",
        }
    }

    /// A 409: `field` holds a value another record already has.
    pub fn duplicate(field: &str, message: impl Into<String>) -> Self {
        Self::Duplicate(FieldError::new(field, FieldErrorCode::Duplicate, message))
    }

    /// A single invalid field as a 422.
    pub fn invalid(field: &str, code: FieldErrorCode, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict(..) | Self::Duplicate(_) => StatusCode::CONFLICT,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let problem = Problem {
            type_: format!("urn:spoluplan:problem:{}", self.slug()),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: self.to_string(),
            instance: None,
            code: match self {
                Self::Conflict(code, _) => Some(*code),
                Self::Duplicate(_) => Some(ConflictCode::Duplicate),
                _ => None,
            },
            errors: match self {
                Self::Validation(errors) => Some(errors.clone()),
                Self::Duplicate(error) => Some(vec![error.clone()]),
                _ => None,
            },
        };
        let mut response = HttpResponse::build(status);
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            Self::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"spoluplan\"")));
            }
            Self::MethodNotAllowed { allow, .. } => {
                response.insert_header((header::ALLOW, allow.as_str()));
            }
            Self::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            // The rest of the body is still on its way; the connection cannot be reused.
            Self::RequestTimeout(_) => {
                response.insert_header((header::CONNECTION, "close"));
            }
            Self::Unavailable => {
                response.insert_header((header::RETRY_AFTER, "5"));
            }
            _ => {}
        }
        response.body(serde_json::to_string(&problem).unwrap_or_default())
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => {
                return Self::Conflict(ConflictCode::Duplicate, "a resource with the same unique value already exists".into());
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => {
                return Self::Conflict(
                    ConflictCode::Reference,
                    "the change refers to a resource that does not exist, or is still referred to".into(),
                );
            }
            _ => {}
        }
        if is_data_exception(&err) {
            tracing::info!(error = %err, "value refused by the database");
            return Self::BadRequest(
                "a value cannot be stored: it is out of the supported range (dates must fall within years 1 to 9999) or holds a character the database refuses".into(),
            );
        }
        if is_unavailable(&err) {
            tracing::warn!(error = %err, "database unavailable");
            return Self::Unavailable;
        }
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

/// The database's own word that a value is unfit (SQLSTATE class 22: a date or number out of
/// range, a NUL character): the request was wrong, so 400 rather than 500.
fn is_data_exception(err: &DbErr) -> bool {
    match err {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => match e.as_ref() {
            sea_orm::sqlx::Error::Database(db) => db.code().is_some_and(|code| code.starts_with("22")),
            _ => false,
        },
        _ => false,
    }
}

/// Connection loss, pool exhaustion, lock and statement timeouts, and storage that cannot take
/// the write (a full disk, a read-only file, an I/O error) are 503: the write did not happen, and
/// the client may try again later.
fn is_unavailable(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            use sea_orm::sqlx::Error;
            match e.as_ref() {
                Error::Io(_) | Error::PoolTimedOut | Error::PoolClosed | Error::Tls(_) | Error::Protocol(_) | Error::WorkerCrashed => true,
                Error::Database(db) if db.try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>().is_some() => {
                    // SQLite's primary result code is the low byte of the extended one: 5 BUSY,
                    // 6 LOCKED, 8 READONLY, 10 IOERR, 11 CORRUPT (what reads of a failing disk
                    // report), 13 FULL, 14 CANTOPEN, 26 NOTADB.
                    let code: i32 = db.code().and_then(|c| c.parse().ok()).unwrap_or_default();
                    matches!(code & 0xff, 5 | 6 | 8 | 10 | 11 | 13 | 14 | 26)
                }
                Error::Database(db) => {
                    let code = db.code().unwrap_or_default();
                    // 57014 query_canceled (statement_timeout), 57P0x shutdown, 08xxx connection,
                    // 53xxx resources (53100 disk full), 58xxx system (58030 I/O error),
                    // 25006 read-only transaction (a standby, or default_transaction_read_only).
                    code == "57014" || code == "25006" || ["57P", "08", "53", "58"].iter().any(|class| code.starts_with(class))
                }
                _ => false,
            }
        }
        _ => false,
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A text longer than `max` characters.
pub fn too_long(field: &str, max: usize) -> FieldError {
    FieldError::new(field, FieldErrorCode::TooLong, format!("must be at most {max} characters")).with_max(max as i64)
}

/// A number outside `min` to `max`.
pub fn range_error(field: &str, min: i64, max: i64) -> FieldError {
    FieldError::new(field, FieldErrorCode::OutOfRange, format!("must be between {min} and {max}")).with_min(min).with_max(max)
}

/// The years a date or time may fall in: any plan, meeting or record, and nothing PostgreSQL
/// or SQLite would store differently.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The largest `position` a goal or measure may take.
pub const MAX_POSITION: i32 = 1_000_000;

/// "Not only white space", as `str::trim` decides it (`char::is_whitespace`), spelled out character
/// by character so that every regex engine (ECMAScript, Python, Rust) reads it alike.
pub const NON_BLANK_PATTERN: &str = r"[^\t\n\x0B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// A request body or query that checks its own fields, parsing them into `domain` types: every
/// problem goes into `v`, so one 422 names them all. Rules that need the database or the current
/// record stay with the service, which adds them to the same `Validator`.
pub trait Validate {
    fn validate(&self, v: &mut Validator);
}

/// Collects per-field problems so one 422 names them all.
#[derive(Default)]
pub struct Validator(Vec<FieldError>);

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    pub fn error(&mut self, field: &str, code: FieldErrorCode, message: impl Into<String>) {
        self.push(FieldError::new(field, code, message));
    }

    pub fn check(&mut self, ok: bool, field: &str, code: FieldErrorCode, message: impl Into<String>) {
        if !ok {
            self.error(field, code, message);
        }
    }

    /// A required value that is missing; `why` may say what it is for.
    pub fn required(&mut self, field: &str, why: &str) {
        let message = if why.is_empty() { "is required".to_owned() } else { format!("is required {why}") };
        self.error(field, FieldErrorCode::Required, message);
    }

    /// Notes why a field did not parse; answers the value when it did.
    pub fn field<T>(&mut self, parsed: Result<T, FieldError>) -> Option<T> {
        parsed.map_err(|error| self.push(error)).ok()
    }

    /// A list of at most `max` items.
    pub fn items(&mut self, field: &str, count: usize, max: usize) {
        if count > max {
            let message = format!("must have at most {max} items");
            self.push(FieldError::new(field, FieldErrorCode::TooMany, message).with_max(max as i64));
        }
    }

    /// 422 naming `field[i]` for each entry listed before.
    pub fn once_each<T: Eq + std::hash::Hash>(&mut self, field: &str, entries: &[T]) {
        let mut seen = std::collections::HashSet::new();
        for (i, entry) in entries.iter().enumerate() {
            if !seen.insert(entry) {
                self.error(&format!("{field}[{i}]"), FieldErrorCode::Invalid, "listed twice");
            }
        }
    }

    /// A whole number from `min` to `max`.
    pub fn range(&mut self, field: &str, value: i64, min: i64, max: i64) {
        if !(min..=max).contains(&value) {
            self.push(range_error(field, min, max));
        }
    }

    /// A date or time (if given) within `DATE_YEARS`, so every database stores it and sorts it alike.
    pub fn date(&mut self, field: &str, value: Option<impl chrono::Datelike>) {
        let (min, max) = (*DATE_YEARS.start(), *DATE_YEARS.end());
        if value.is_some_and(|d| !DATE_YEARS.contains(&d.year())) {
            let message = format!("must be a date in the years {min} to {max}");
            self.push(FieldError::new(field, FieldErrorCode::DateOutOfRange, message).with_min(min.into()).with_max(max.into()));
        }
    }

    /// A sibling position: bounded, so that "one after the last" can never overflow.
    pub fn position(&mut self, value: Option<i32>) {
        if let Some(p) = value {
            self.range("position", p.into(), 0, MAX_POSITION.into());
        }
    }

    pub fn finish(self) -> ApiResult<()> {
        if self.0.is_empty() { Ok(()) } else { Err(ApiError::Validation(self.0)) }
    }
}
