//! A survey's results, computed by the database: a handful of `GROUP BY` queries over the answer
//! rows, whatever the number of responses, and never the answers loaded into memory. The median
//! is the middle row (or the mean of the two middle rows) of each question's values numbered by a
//! window function, which SQLite (3.25 on) and PostgreSQL both run.
use std::collections::HashMap;

use entity::enums::QuestionKind;
use entity::survey_link::{answer, response};
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Order, Query, WindowStatement};
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

/// How many responses answered each question.
async fn answered<D: ConnectionTrait>(db: &D, questions: &[Uuid]) -> ApiResult<HashMap<Uuid, i64>> {
    let query = Query::select()
        .column(answer::Column::QuestionId)
        .expr_as(Func::count_distinct(Expr::col(answer::Column::ResponseId)), Alias::new("figure"))
        .from(answer::Entity)
        .and_where(answer::Column::QuestionId.is_in(questions.iter().copied()))
        .group_by_col(answer::Column::QuestionId)
        .take();
    let rows = db.query_all(&query).await?;
    Ok(rows.iter().map(|r| Ok((r.try_get("", "question_id")?, r.try_get("", "figure")?))).collect::<Result<_, sea_orm::DbErr>>()?)
}

/// How many answers chose each option of each choice question: `(question, option) → count`.
async fn option_counts<D: ConnectionTrait>(db: &D, questions: &[Uuid]) -> ApiResult<HashMap<(Uuid, i32), i64>> {
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

/// Each question's median value: its values numbered in order within the question, then the mean
/// of the row numbered `(n + 1) / 2` and the one numbered `(n + 2) / 2` (the same row when `n` is
/// odd; integer division on both databases).
async fn medians<D: ConnectionTrait>(db: &D, questions: &[Uuid]) -> ApiResult<HashMap<Uuid, f64>> {
    let (place, count) = (Alias::new("place"), Alias::new("total"));
    let numbered = Query::select()
        .column(answer::Column::QuestionId)
        .column(answer::Column::Value)
        .expr_window_as(
            Func::cust("ROW_NUMBER"),
            WindowStatement::partition_by(answer::Column::QuestionId).order_by(answer::Column::Value, Order::Asc).take(),
            place.clone(),
        )
        .expr_window_as(Expr::col(Asterisk).count(), WindowStatement::partition_by(answer::Column::QuestionId), count.clone())
        .from(answer::Entity)
        .and_where(answer::Column::QuestionId.is_in(questions.iter().copied()))
        .and_where(answer::Column::Value.is_not_null())
        .take();
    let numbered_alias = Alias::new("numbered");
    let middle = |offset: i32| Expr::col(place.clone()).eq(Expr::col(count.clone()).add(offset).div(2));
    let query = Query::select()
        .column(answer::Column::QuestionId)
        .expr_as(Expr::col(answer::Column::Value).avg(), Alias::new("figure"))
        .from_subquery(numbered, numbered_alias)
        .cond_where(middle(1).or(middle(2)))
        .group_by_col(answer::Column::QuestionId)
        .take();
    let rows = db.query_all(&query).await?;
    Ok(rows.iter().map(|r| Ok((r.try_get("", "question_id")?, r.try_get("", "figure")?))).collect::<Result<_, sea_orm::DbErr>>()?)
}

/// A text question's texts, newest first (answer ids are time-ordered).
async fn texts<D: ConnectionTrait>(db: &D, question: Uuid) -> ApiResult<Vec<String>> {
    Ok(answer::Entity::find()
        .select_only()
        .column(answer::Column::Text)
        .filter(answer::Column::QuestionId.eq(question))
        .filter(answer::Column::Text.is_not_null())
        .order_by_desc(answer::Column::Id)
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
    let all: Vec<Uuid> = questions.iter().map(|q| q.id).collect();
    let choice = of(&[QuestionKind::SingleChoice, QuestionKind::MultipleChoice]);
    let numeric = of(&[QuestionKind::Scale, QuestionKind::Number]);
    let n = if all.is_empty() { HashMap::new() } else { answered(db, &all).await? };
    let counts = if choice.is_empty() { HashMap::new() } else { option_counts(db, &choice).await? };
    let (means, middles): (HashMap<Uuid, f64>, _) = if numeric.is_empty() {
        (HashMap::new(), HashMap::new())
    } else {
        (per_question(db, &numeric, Expr::col(answer::Column::Value).avg(), answer::Column::Value).await?, medians(db, &numeric).await?)
    };
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
            median: numeric.then(|| middles.get(&q.id).copied()).flatten(),
            texts: if q.kind == QuestionKind::Text { Some(texts(db, q.id).await?) } else { None },
        });
    }
    Ok((responses, results))
}
