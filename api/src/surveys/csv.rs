//! The raw answers as CSV for Czech Excel (UTF-8 with BOM, `;`, decimal commas): a row per
//! response, a column per question, streamed a page of responses at a time so a download's memory
//! does not grow with the survey.
use std::future::ready;
use std::rc::Rc;

use actix_web::web::Bytes;
use entity::enums::{QuestionKind, ResponseChannel};
use futures_util::stream::LocalBoxStream;
use futures_util::{StreamExt, TryStreamExt, stream};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::dto::{SurveyQuestion, SurveyResponse};
use super::service::responses_after;
use crate::error::ApiError;
use crate::excel_csv::{self, row as csv_row};
use crate::pagination::PageParams;

/// Responses per query while the CSV streams.
const STREAM_PAGE: u64 = 200;

fn channel_cs(channel: ResponseChannel) -> &'static str {
    match channel {
        ResponseChannel::Web => "web",
        ResponseChannel::Paper => "papírový dotazník",
        ResponseChannel::Interview => "rozhovor",
    }
}

/// A number as Czech Excel reads it.
fn number(x: f64) -> String {
    x.to_string().replace('.', ",")
}

fn head(questions: &[SurveyQuestion]) -> String {
    let mut out = String::from(excel_csv::BOM);
    let mut header = vec!["Odpověď".to_owned(), "Přijato".to_owned(), "Kanál".to_owned()];
    header.extend(questions.iter().enumerate().map(|(i, q)| format!("{}. {}", i + 1, q.text)));
    csv_row(&mut out, &header.iter().map(String::as_str).collect::<Vec<_>>());
    out
}

fn rows(questions: &[SurveyQuestion], responses: &[SurveyResponse]) -> String {
    let mut out = String::new();
    for r in responses {
        let mut fields =
            vec![r.id.to_string(), r.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), channel_cs(r.channel).into()];
        for q in questions {
            let given = r.answers.iter().find(|a| a.question_id == q.id);
            fields.push(match (q.kind, given) {
                (_, None) => String::new(),
                (QuestionKind::SingleChoice | QuestionKind::MultipleChoice, Some(a)) => {
                    a.option_indexes.iter().filter_map(|i| q.options.get(*i as usize).cloned()).collect::<Vec<_>>().join(" | ")
                }
                (QuestionKind::Scale | QuestionKind::Number, Some(a)) => a.value.map(number).unwrap_or_default(),
                (QuestionKind::Text, Some(a)) => a.text.clone().unwrap_or_default(),
            });
        }
        csv_row(&mut out, &fields.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out
}

/// The whole CSV: the header, then the responses a page at a time, read one page after another
/// (a response that arrives meanwhile is included when it comes after the page being read). A
/// database error half-way cuts the body short, so the client sees an incomplete download.
pub fn stream(db: DatabaseConnection, survey: Uuid, questions: Vec<SurveyQuestion>) -> LocalBoxStream<'static, Result<Bytes, ApiError>> {
    let header = Bytes::from(head(&questions));
    let context = Rc::new((db, questions));
    let pages = stream::try_unfold(Some(None::<String>), move |cursor| {
        let context = Rc::clone(&context);
        async move {
            let Some(cursor) = cursor else { return Ok(None) };
            let (db, questions) = &*context;
            let page = responses_after(db, survey, questions, &PageParams { limit: Some(STREAM_PAGE), cursor }).await?;
            if page.items.is_empty() {
                return Ok(None);
            }
            let next = page.next_cursor.map(Some);
            Ok(Some((Bytes::from(rows(questions, &page.items)), next)))
        }
    })
    .inspect_err(|e| tracing::error!(error = %e, "a streamed survey CSV was cut short"));
    stream::once(ready(Ok(header))).chain(pages).boxed_local()
}
