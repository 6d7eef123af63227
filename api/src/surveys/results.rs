//! A survey's results, computed by the database: a handful of `GROUP BY` queries over the answer
//! rows, each read off an index that covers it, and never the answers loaded into memory. A
//! median is one `LIMIT 2 OFFSET` query a numeric question on its `(question_id, value)` index:
//! half an index walk, where numbering every value with a window function cost ten times more at
//! 10,000 responses (bench/README.md).
use std::collections::HashMap;

use entity::enums::QuestionKind;
use entity::survey_link::{answer, response};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::dto::{SurveyQuestion, SurveyQuestionResult};
use crate::error::ApiResult;

/// The most texts a text question's results list.
const MAX_TEXTS: u64 = 500;

/// `SELECT question_id, <what> FROM survey_answers WHERE question_id IN (…) AND <column> IS NOT NULL
/// GROUP BY question_id`, read as `(question_id, T)`.
async fn per_question<D: ConnectionTrait, T: sea_orm::TryGetable>(
    db: &D,
    questions: &[Uuid],
    what: Expr,
    not_null: answer::Column,
) -> ApiResult<HashMap<Uuid, T>> {
    if questions.is_empty() {
        return Ok(HashMap::new());
    }
    let query = Query::select()
        .column(answer::Column::QuestionId)
        .expr_as(what, Alias::new("figure"))
        .from(answer::Entity)
        .and_where(answer::Column::QuestionId.is_in(questions.iter().copied()))
        .and_where(not_null.is_not_null())
        .group_by_col(answer::Column::QuestionId)
        .take();
    let rows = db.query_all(&query).await?;
    Ok(rows.iter().map(|r| Ok((r.try_get("", "question_id")?, r.try_get("", "figure")?))).collect::<Result<_, sea_orm::DbErr>>()?)
}

/// How many responses answered each question. A response holds one row for a question that is
/// not multiple-choice (`answers::check` makes it so), so those are counted as rows; a multiple
/// choice counts its distinct responses, on the `(question_id, response_id)` index.
async fn answered<D: ConnectionTrait>(db: &D, questions: &[SurveyQuestion]) -> ApiResult<HashMap<Uuid, i64>> {
    let (multiple, single): (Vec<_>, Vec<_>) = questions.iter().partition(|q| q.kind == QuestionKind::MultipleChoice);
    let ids = |of: Vec<&SurveyQuestion>| of.iter().map(|q| q.id).collect::<Vec<_>>();
    let by_response = answer::Column::ResponseId;
    let mut n = per_question(db, &ids(single), Expr::col(Asterisk).count(), by_response).await?;
    n.extend(per_question::<_, i64>(db, &ids(multiple), Func::count_distinct(Expr::col(by_response)).into(), by_response).await?);
    Ok(n)
}

/// How many answers chose each option of each choice question: `(question, option) → count`.
async fn option_counts<D: ConnectionTrait>(db: &D, questions: &[Uuid]) -> ApiResult<HashMap<(Uuid, i32), i64>> {
    if questions.is_empty() {
        return Ok(HashMap::new());
    }
    let query = Query::select()
        .column(answer::Column::QuestionId)
        .column(answer::Column::OptionIndex)
        .expr_as(Expr::col(Asterisk).count(), Alias::new("figure"))
        .from(answer::Entity)
        .and_where(answer::Column::QuestionId.is_in(questions.iter().copied()))
        .and_where(answer::Column::OptionIndex.is_not_null())
        .group_by_columns([answer::Column::QuestionId, answer::Column::OptionIndex])
        .take();
    let rows = db.query_all(&query).await?;
    Ok(rows
        .iter()
        .map(|r| Ok(((r.try_get("", "question_id")?, r.try_get("", "option_index")?), r.try_get("", "figure")?)))
        .collect::<Result<_, sea_orm::DbErr>>()?)
}

/// The median of a question's `n` values: the one in the middle when `n` is odd, the mean of the
/// two in the middle when it is even.
async fn median<D: ConnectionTrait>(db: &D, question: Uuid, n: i64) -> ApiResult<Option<f64>> {
    if n <= 0 {
        return Ok(None);
    }
    let middle: Vec<f64> = answer::Entity::find()
        .select_only()
        .column(answer::Column::Value)
        .filter(answer::Column::QuestionId.eq(question))
        .filter(answer::Column::Value.is_not_null())
        .order_by_asc(answer::Column::Value)
        .offset(((n - 1) / 2) as u64)
        .limit(if n % 2 == 0 { 2 } else { 1 })
        .into_tuple()
        .all(db)
        .await?;
    Ok((!middle.is_empty()).then(|| middle.iter().sum::<f64>() / middle.len() as f64))
}

/// A text question's texts, newest first (response ids are time-ordered), read on the
/// `(question_id, response_id)` index so that only the newest are fetched.
async fn texts<D: ConnectionTrait>(db: &D, question: Uuid) -> ApiResult<Vec<String>> {
    Ok(answer::Entity::find()
        .select_only()
        .column(answer::Column::Text)
        .filter(answer::Column::QuestionId.eq(question))
        .filter(answer::Column::Text.is_not_null())
        .order_by_desc(answer::Column::ResponseId)
        .limit(MAX_TEXTS)
        .into_tuple::<String>()
        .all(db)
        .await?)
}

/// The survey's response count and each question's figures.
pub async fn compute<D: ConnectionTrait>(
    db: &D,
    survey: Uuid,
    questions: &[SurveyQuestion],
) -> ApiResult<(i64, Vec<SurveyQuestionResult>)> {
    let responses = response::Entity::find().filter(response::Column::SurveyId.eq(survey)).count(db).await? as i64;
    let of = |kinds: &[QuestionKind]| questions.iter().filter(|q| kinds.contains(&q.kind)).map(|q| q.id).collect::<Vec<_>>();
    let choice = of(&[QuestionKind::SingleChoice, QuestionKind::MultipleChoice]);
    let numeric = of(&[QuestionKind::Scale, QuestionKind::Number]);
    let n = answered(db, questions).await?;
    let counts = option_counts(db, &choice).await?;
    let means: HashMap<Uuid, f64> = per_question(db, &numeric, Expr::col(answer::Column::Value).avg(), answer::Column::Value).await?;
    let mut results = Vec::with_capacity(questions.len());
    for q in questions {
        let numeric = matches!(q.kind, QuestionKind::Scale | QuestionKind::Number);
        let choice = matches!(q.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice);
        results.push(SurveyQuestionResult {
            question_id: q.id,
            kind: q.kind,
            text: q.text.clone(),
            options: q.options.clone(),
            n: n.get(&q.id).copied().unwrap_or(0),
            counts: choice.then(|| (0..q.options.len() as i32).map(|i| counts.get(&(q.id, i)).copied().unwrap_or(0)).collect()),
            mean: numeric.then(|| means.get(&q.id).copied()).flatten(),
            // A numeric question's rows each hold a value, so `n` is the number of its values.
            median: if numeric { median(db, q.id, n.get(&q.id).copied().unwrap_or(0)).await? } else { None },
            texts: if q.kind == QuestionKind::Text { Some(texts(db, q.id).await?) } else { None },
        });
    }
    Ok((responses, results))
}
