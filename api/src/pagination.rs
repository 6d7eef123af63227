//! Cursor pagination: `limit` (default 50, max 200) and a cursor holding the last row's sort key
//! and id, so pages stay stable while rows are added.
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, DATE_YEARS, FieldErrorCode, range_error};

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

/// A cursor: the last row's sort key (a whole number: the key itself, or a time in microseconds
/// since 1970; 0 for lists ordered by id alone), a dot, and its id as 32 hex digits. Every string
/// of this shape is a place in any list, so the OpenAPI document can say exactly what is accepted.
pub const CURSOR_PATTERN: &str = r"^(-?[0-9]{1,18})\.([0-9a-f]{32})$";

static CURSOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(CURSOR_PATTERN).expect("CURSOR_PATTERN is a regex"));

/// `limit` and `cursor`; `openapi::finish` gives them their bounds and pattern from the constants above.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size (default 50).
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

/// The type of the column a list is ordered by before its id.
#[derive(Clone, Copy)]
pub enum KeyKind {
    Int,
    Time,
}

/// How a list is ordered: optionally by a key column, always then by id.
pub struct Sort<C> {
    pub key: Option<(C, KeyKind)>,
    pub id: C,
    pub descending: bool,
}

struct Cursor {
    key: i64,
    id: Uuid,
}

/// Builds the JSON list envelope `{"items": [...], "next_cursor": ...}` for one item type.
#[macro_export]
macro_rules! page_of {
    ($name:ident, $item:ty) => {
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Pass as `cursor` to get the next page; null on the last page.
            pub next_cursor: Option<String>,
        }
    };
}

impl PageParams {
    pub fn limit(&self) -> ApiResult<u64> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            Some(_) => Err(ApiError::Validation(vec![range_error("limit", 1, MAX_LIMIT as i64)])),
        }
    }
}

/// Fetches one page. `row_cursor` gives a row's sort key (for the next cursor) and id.
pub async fn fetch<E, C, D>(
    db: &D,
    mut select: Select<E>,
    sort: Sort<C>,
    params: &PageParams,
    row_cursor: impl Fn(&E::Model) -> (Option<i64>, Uuid),
) -> ApiResult<(Vec<E::Model>, Option<String>)>
where
    E: EntityTrait<Column = C>,
    C: ColumnTrait,
    D: ConnectionTrait,
{
    let limit = params.limit()?;
    let order = if sort.descending { Order::Desc } else { Order::Asc };
    if let Some(raw) = &params.cursor {
        let cursor = decode(raw)?;
        let after = |col: C, value: sea_orm::Value| if sort.descending { col.lt(value) } else { col.gt(value) };
        let condition = match sort.key {
            None => Condition::all().add(after(sort.id, cursor.id.into())),
            Some((col, kind)) => {
                let key = key_value(kind, cursor.key);
                Condition::any().add(after(col, key.clone())).add(Condition::all().add(col.eq(key)).add(after(sort.id, cursor.id.into())))
            }
        };
        select = select.filter(condition);
    }
    if let Some((col, _)) = sort.key {
        select = select.order_by(col, order.clone());
    }
    let mut rows = select.order_by(sort.id, order).limit(limit + 1).all(db).await?;
    let next = if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|row| {
            let (key, id) = row_cursor(row);
            encode(&Cursor { key: key.unwrap_or(0), id })
        })
    } else {
        None
    };
    Ok((rows, next))
}

/// The cursor's key as a value of the sort column. Any key is a place in the list: an integer
/// beyond the column's range sorts before or after every row, and a time is held to `DATE_YEARS`,
/// which every stored time lies within (and both databases can compare with).
fn key_value(kind: KeyKind, key: i64) -> sea_orm::Value {
    match kind {
        KeyKind::Int => key.into(),
        KeyKind::Time => {
            let bound = |year: i32| {
                chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
            };
            let (first, after_last) = (bound(*DATE_YEARS.start()), bound(*DATE_YEARS.end() + 1));
            DateTime::from_timestamp_micros(key).unwrap_or(first).clamp(first, after_last).into()
        }
    }
}

fn encode(cursor: &Cursor) -> String {
    format!("{}.{}", cursor.key, cursor.id.simple())
}

fn decode(raw: &str) -> ApiResult<Cursor> {
    CURSOR
        .captures(raw)
        .and_then(|found| Some(Cursor { key: found[1].parse().ok()?, id: Uuid::try_parse(&found[2]).ok()? }))
        .ok_or_else(|| ApiError::invalid("cursor", FieldErrorCode::InvalidFormat, "is not a cursor (use `next_cursor` as it came)"))
}

/// Sort key helpers for `fetch`'s `row_cursor`.
pub fn int_key(n: i32) -> Option<i64> {
    Some(n.into())
}

pub fn time_key(t: DateTime<Utc>) -> Option<i64> {
    Some(t.timestamp_micros())
}

/// For a list ranked rather than sorted (search hits): the cursor's key is the number of rows
/// before the page. The place where `cursor` begins: 0 without one (and, as every cursor is a
/// place in the list, for a key below 0).
pub fn offset(params: &PageParams) -> ApiResult<u64> {
    let Some(raw) = &params.cursor else { return Ok(0) };
    Ok(u64::try_from(decode(raw)?.key).unwrap_or(0))
}

/// The cursor of the page after `rows` rows of a ranked list, the last of them `last`.
pub fn offset_cursor(rows: u64, last: Uuid) -> String {
    encode(&Cursor { key: rows as i64, id: last })
}
