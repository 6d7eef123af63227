//! Cursor pagination: `limit` (default 50, max 200) and an opaque cursor holding the last
//! row's sort key and id, so pages stay stable while rows are added.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, FieldErrorCode, range_error};

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
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

#[derive(Serialize, Deserialize)]
struct Cursor {
    k: Option<serde_json::Value>,
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

/// Fetches one page. `key_of` gives a row's sort key as JSON (for the next cursor).
pub async fn fetch<E, C, D>(
    db: &D,
    mut select: Select<E>,
    sort: Sort<C>,
    params: &PageParams,
    row_cursor: impl Fn(&E::Model) -> (Option<serde_json::Value>, Uuid),
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
        let condition = match (sort.key, cursor.k) {
            (None, _) => Condition::all().add(after(sort.id, cursor.id.into())),
            (Some((col, kind)), Some(k)) => {
                let key = key_value(kind, &k)?;
                Condition::any()
                    .add(after(col, key.clone()))
                    .add(Condition::all().add(col.eq(key)).add(after(sort.id, cursor.id.into())))
            }
            (Some(_), None) => return Err(bad_cursor()),
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
            let (k, id) = row_cursor(row);
            encode(&Cursor { k, id })
        })
    } else {
        None
    };
    Ok((rows, next))
}

fn key_value(kind: KeyKind, k: &serde_json::Value) -> ApiResult<sea_orm::Value> {
    match kind {
        KeyKind::Int => k.as_i64().and_then(|n| i32::try_from(n).ok()).map(Into::into).ok_or_else(bad_cursor),
        KeyKind::Time => k
            .as_str()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Utc).into())
            .ok_or_else(bad_cursor),
    }
}

fn encode(cursor: &Cursor) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(cursor).unwrap_or_default())
}

fn decode(raw: &str) -> ApiResult<Cursor> {
    URL_SAFE_NO_PAD
        .decode(raw)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(bad_cursor)
}

fn bad_cursor() -> ApiError {
    ApiError::invalid("cursor", FieldErrorCode::InvalidValue, "is not a cursor this list gave out")
}

/// Sort key helpers for `fetch`'s `row_cursor`.
pub fn int_key(n: i32) -> Option<serde_json::Value> {
    Some(n.into())
}

pub fn time_key(t: DateTime<Utc>) -> Option<serde_json::Value> {
    Some(t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true).into())
}
