//! A dataset as a body that streams: CSV (RFC 4180: UTF-8 without a byte-order mark, a header row
//! of the field names, `,` between fields, CRLF line ends, quotes where needed) or JSON (an array
//! of objects keyed by the field names), a page of rows a chunk. Values are written as stored,
//! not defused for spreadsheets: the CSV is for machines (the API's Czech-Excel downloads are
//! `excel_csv`'s).
use std::rc::Rc;
use std::time::Duration;

use actix_web::web::Bytes;
use futures_util::stream::{self, LocalBoxStream};
use futures_util::{StreamExt, TryStreamExt};
use sea_orm::DatabaseConnection;
use serde_json::{Map, Value};

use super::catalogue::{Dataset, DatasetId};
use super::rows::{self, Page, Row};
use crate::error::{ApiError, ApiResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// A value as a CSV field: texts as they are, lists joined by `; `, none as an empty field.
fn field(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(field).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

fn csv_rows(header: Option<&Dataset>, rows: &[Row]) -> ApiResult<Bytes> {
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let failed = |e: csv::Error| {
        tracing::error!(error = %e, "an open-data CSV could not be written");
        ApiError::Internal
    };
    if let Some(dataset) = header {
        out.write_record(dataset.fields.iter().map(|f| f.name)).map_err(failed)?;
    }
    for row in rows {
        out.write_record(row.iter().map(field)).map_err(failed)?;
    }
    out.into_inner().map(Bytes::from).map_err(|e| failed(e.into_error().into()))
}

/// Rows as JSON objects of the array: `first` opens it, `last` closes it, and `written` says
/// whether earlier pages wrote a row, which the next row follows after a comma (a page may be
/// empty, so the first row of the array need not be on the first page).
fn json_rows(dataset: &Dataset, rows: &[Row], written: bool, first: bool, last: bool) -> Bytes {
    let mut out = String::from(if first { "[" } else { "" });
    for (i, row) in rows.iter().enumerate() {
        let object: Map<String, Value> = dataset.fields.iter().map(|f| f.name.to_owned()).zip(row.iter().cloned()).collect();
        if written || i > 0 {
            out.push(',');
        }
        out.push('\n');
        out.push_str(&Value::Object(object).to_string());
    }
    if last {
        out.push_str("\n]\n");
    }
    Bytes::from(out)
}

/// Encodes one page; `written` says whether earlier pages wrote rows, `first` and `last` where
/// the page stands, for the header and the brackets.
fn encode(dataset: &Dataset, format: Format, rows: &[Row], written: bool, first: bool, last: bool) -> ApiResult<Bytes> {
    match format {
        Format::Csv => csv_rows(first.then_some(dataset), rows),
        Format::Json => Ok(json_rows(dataset, rows, written, first, last)),
    }
}

/// One page, within `limit`: the request's own bound covers only the answer's start, so each page
/// of a long download has one of its own (a hung database ends the download rather than holding it).
async fn page_within(db: &DatabaseConnection, id: DatasetId, after: Option<uuid::Uuid>, limit: Duration) -> ApiResult<Page> {
    tokio::time::timeout(limit, rows::page(db, id, after)).await.map_err(|_| ApiError::Unavailable)?
}

/// The whole dataset. The first page is read before this answers, so a database that is down is
/// a 503, not a 200 with an empty body; a failure on a later page cuts the body short (logged),
/// so the client sees an incomplete download. Each page is read on its own, within `page_limit`:
/// a row changed during the download is seen as it was when its page was read.
pub async fn body(
    db: DatabaseConnection,
    id: DatasetId,
    format: Format,
    page_limit: Duration,
) -> ApiResult<LocalBoxStream<'static, Result<Bytes, ApiError>>> {
    let dataset = id.dataset();
    let Page { rows, next } = page_within(&db, id, None, page_limit).await?;
    let first = encode(dataset, format, &rows, false, true, next.is_none())?;
    let db = Rc::new(db);
    let rest = stream::try_unfold((next, !rows.is_empty()), move |(after, written)| {
        let db = Rc::clone(&db);
        async move {
            let Some(after) = after else { return Ok(None) };
            let Page { rows, next } = page_within(&db, id, Some(after), page_limit).await?;
            let chunk = encode(dataset, format, &rows, written, false, next.is_none())?;
            Ok(Some((chunk, (next, written || !rows.is_empty()))))
        }
    })
    .inspect_err(move |e| tracing::error!(error = %e, dataset = id.as_str(), "an open-data download was cut short"));
    Ok(stream::once(async move { Ok(first) }).chain(rest).boxed_local())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn dataset() -> &'static Dataset {
        DatasetId::WorkingGroups.dataset()
    }

    fn row(name: &str) -> Row {
        let mut row = vec![json!(null); dataset().fields.len()];
        row[1] = json!(name);
        row
    }

    #[test]
    fn json_pages_join_into_one_array() {
        let names = |pages: &[Bytes]| -> Vec<String> {
            let text: String = pages.iter().map(|b| std::str::from_utf8(b).unwrap()).collect();
            let parsed: Vec<Value> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
            parsed.iter().map(|o| o["name"].as_str().unwrap().to_owned()).collect()
        };
        let pages = [
            json_rows(dataset(), &[row("A"), row("B")], false, true, false),
            json_rows(dataset(), &[], true, false, false),
            json_rows(dataset(), &[row("C")], true, false, true),
        ];
        assert_eq!(names(&pages), ["A", "B", "C"]);
        // Pages with no rows before the first row (a window the filter emptied).
        let pages = [
            json_rows(dataset(), &[], false, true, false),
            json_rows(dataset(), &[], false, false, false),
            json_rows(dataset(), &[row("A")], false, false, false),
            json_rows(dataset(), &[row("B")], true, false, true),
        ];
        assert_eq!(names(&pages), ["A", "B"]);
        assert!(names(&[json_rows(dataset(), &[], false, true, true)]).is_empty());
    }

    #[test]
    fn csv_quotes_what_rfc_4180_needs_and_joins_lists() {
        let mut tricky = row("Skupina \"Senioři\", Krumlov");
        tricky[0] = json!(["a", "b"]);
        tricky[6] = json!(true);
        let bytes = csv_rows(Some(dataset()), &[tricky]).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next().unwrap(), "id,name,kind,target_group,description,vision,is_active,territory_id,updated_at");
        assert_eq!(lines.next().unwrap(), "a; b,\"Skupina \"\"Senioři\"\", Krumlov\",,,,,true,,");
    }
}
