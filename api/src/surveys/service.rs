//! Surveys: everyone reads the ones that are not drafts, and answers the open ones; the
//! coordinators of a survey's territory (and admins) build it, open and close it, enter paper and
//! interview responses, and read the responses and the results, which everyone else reads once the
//! survey is closed with `results_public`. Questions freeze with the first response.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::enums::{ResponseChannel, SurveyStatus};
use entity::survey;
use entity::survey_link::{answer, question, response, target_group as survey_group};
use entity::territory;
use entity::values::StringList;
use sea_orm::sea_query::{Alias, Asterisk, Condition, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::answers::{self, Stored};
use super::dto::{
    Parts, Survey, SurveyAnswer, SurveyCreate, SurveyFilters, SurveyPage, SurveyPatch, SurveyQuestion, SurveyQuestionInput, SurveyResponse,
    SurveyResponseCreate, SurveyResponsePage, SurveyResults, SurveyStatusChange, check_window,
};
use super::results;
use crate::access;
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, Place, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, ConflictCode, FieldErrorCode, Validate, Validator};
use crate::events::{self, EventType, Subject};
use crate::http::IfMatch;
use crate::pagination::{self, PageParams, Sort};
use crate::reach::Reach;
use crate::state::AppState;
use crate::store::{given, update_versioned};
use crate::target_groups;
use crate::territories::scope;

fn manage(survey: &survey::Model) -> Action {
    Action::ManageSurveys(Place::At(Some(survey.territory_id)))
}

/// Whether the caller manages the survey (and so sees it as a draft, its responses and results).
fn manages(caller: &Caller, survey: &survey::Model) -> bool {
    caller.coordinates(Place::At(Some(survey.territory_id)))
}

async fn find<D: ConnectionTrait>(db: &D, id: Uuid) -> ApiResult<survey::Model> {
    survey::Entity::find_by_id(id).one(db).await?.ok_or(ApiError::NotFound)
}

/// The survey, if the caller may see it: a draft only its staff.
async fn visible<D: ConnectionTrait>(db: &D, caller: &Caller, id: Uuid) -> ApiResult<survey::Model> {
    let survey = find(db, id).await?;
    if survey.status == SurveyStatus::Draft && !manages(caller, &survey) {
        return Err(ApiError::NotFound);
    }
    Ok(survey)
}

/// Open, and within its window.
fn accepting(survey: &survey::Model, now: DateTime<Utc>) -> bool {
    survey.status == SurveyStatus::Open && survey.opens_at.is_none_or(|at| at <= now) && survey.closes_at.is_none_or(|at| at > now)
}

/// The questions of `surveys`, in order.
async fn questions_of<D: ConnectionTrait>(db: &D, surveys: &[Uuid]) -> ApiResult<HashMap<Uuid, Vec<SurveyQuestion>>> {
    let rows = question::Entity::find()
        .filter(question::Column::SurveyId.is_in(surveys.iter().copied()))
        .order_by_asc(question::Column::Position)
        .order_by_asc(question::Column::Id)
        .all(db)
        .await?;
    let mut out: HashMap<Uuid, Vec<SurveyQuestion>> = HashMap::new();
    for row in rows {
        out.entry(row.survey_id).or_default().push(SurveyQuestion::from_model(row));
    }
    Ok(out)
}

/// What `surveys` carry besides their rows: three queries whatever their number.
async fn parts_of<D: ConnectionTrait>(db: &D, surveys: &[Uuid]) -> ApiResult<HashMap<Uuid, Parts>> {
    let mut parts: HashMap<Uuid, Parts> = HashMap::new();
    if surveys.is_empty() {
        return Ok(parts);
    }
    for (survey, questions) in questions_of(db, surveys).await? {
        parts.entry(survey).or_default().questions = questions;
    }
    let groups = survey_group::Entity::find()
        .filter(survey_group::Column::SurveyId.is_in(surveys.iter().copied()))
        .order_by_asc(survey_group::Column::Id)
        .all(db)
        .await?;
    for row in groups {
        parts.entry(row.survey_id).or_default().target_group_codes.push(row.target_group_code);
    }
    let counts = Query::select()
        .column(response::Column::SurveyId)
        .expr_as(Expr::col(Asterisk).count(), Alias::new("responses"))
        .from(response::Entity)
        .and_where(response::Column::SurveyId.is_in(surveys.iter().copied()))
        .group_by_col(response::Column::SurveyId)
        .take();
    for row in db.query_all(&counts).await? {
        parts.entry(row.try_get("", "survey_id")?).or_default().responses = row.try_get("", "responses")?;
    }
    Ok(parts)
}

async fn answer_all<D: ConnectionTrait>(db: &D, rows: Vec<survey::Model>) -> ApiResult<Vec<Survey>> {
    let mut parts = parts_of(db, &rows.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
    let now = clock::now();
    Ok(rows
        .into_iter()
        .map(|s| {
            let own = parts.remove(&s.id).unwrap_or_default();
            let open = accepting(&s, now);
            Survey::from_model(s, own, open)
        })
        .collect())
}

async fn answer<D: ConnectionTrait>(db: &D, row: survey::Model) -> ApiResult<Survey> {
    answer_all(db, vec![row]).await?.pop().ok_or(ApiError::NotFound)
}

async fn response_count<D: ConnectionTrait>(db: &D, survey: Uuid) -> ApiResult<u64> {
    Ok(response::Entity::find().filter(response::Column::SurveyId.eq(survey)).count(db).await?)
}

pub async fn get(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<Survey> {
    answer(&state.db, visible(&state.db, caller, id).await?).await
}

/// Newest first. Everyone sees the surveys that are not drafts; staff also the drafts within reach.
pub async fn list(state: &AppState, caller: &Caller, filters: SurveyFilters, page: &PageParams) -> ApiResult<SurveyPage> {
    let mut select = survey::Entity::find();
    let published = survey::Column::Status.ne(SurveyStatus::Draft);
    match (caller.is_staff(), caller.reach()) {
        (true, Reach::Installation) => {}
        (true, Reach::Territories(ids)) => {
            select = select.filter(Condition::any().add(published).add(survey::Column::TerritoryId.is_in(ids)));
        }
        (false, _) => select = select.filter(published),
    }
    if let Some(root) = filters.territory_id {
        select = select.filter(scope::within(survey::Column::TerritoryId, root));
    }
    if let Some(plan) = filters.plan_id {
        select = select.filter(survey::Column::PlanId.eq(plan));
    }
    if let Some(status) = filters.status {
        select = select.filter(survey::Column::Status.eq(status));
    }
    let sort = Sort { key: None, id: survey::Column::Id, descending: true };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |s| (None, s.id)).await?;
    Ok(SurveyPage { items: answer_all(&state.db, rows).await?, next_cursor })
}

/// The references a write makes, each a 422 naming its field when it points nowhere.
async fn check_references<D: ConnectionTrait>(
    db: &D,
    caller: &Caller,
    v: &mut Validator,
    territory_id: Option<Uuid>,
    plan_id: Option<Uuid>,
    target_group_codes: Option<&[String]>,
) -> ApiResult<()> {
    if let Some(id) = territory_id {
        let found = territory::Entity::find_by_id(id).one(db).await?.is_some();
        v.check(found, "territory_id", FieldErrorCode::NotFound, "no such territory");
    }
    if let Some(id) = plan_id {
        let found = match access::plan(db, caller, id).await {
            Ok(_) => true,
            Err(ApiError::NotFound) => false,
            Err(e) => return Err(e),
        };
        v.check(found, "plan_id", FieldErrorCode::NotFound, "no such plan");
    }
    if let Some(codes) = target_group_codes {
        target_groups::service::check_known(db, v, "target_group_codes", codes).await?;
    }
    Ok(())
}

/// The questions in their order: by `position` (ties in the order sent), numbered from 1.
fn ordered(questions: &[SurveyQuestionInput]) -> Vec<&SurveyQuestionInput> {
    let mut sorted: Vec<(i32, usize, &SurveyQuestionInput)> =
        questions.iter().enumerate().map(|(i, q)| (q.position.unwrap_or(i as i32 + 1), i, q)).collect();
    sorted.sort_by_key(|(position, i, _)| (*position, *i));
    sorted.into_iter().map(|(_, _, q)| q).collect()
}

/// Replaces the survey's questions. Only ever called while it has no response, so no answer
/// refers to them; a question sent with its id keeps it.
async fn write_questions<D: ConnectionTrait>(db: &D, survey: Uuid, questions: &[SurveyQuestionInput]) -> ApiResult<()> {
    question::Entity::delete_many().filter(question::Column::SurveyId.eq(survey)).exec(db).await?;
    for (position, q) in (1..).zip(ordered(questions)) {
        question::ActiveModel {
            id: Set(q.id.unwrap_or_else(Uuid::now_v7)),
            survey_id: Set(survey),
            position: Set(position),
            kind: Set(q.kind),
            text: Set(q.text.trim().to_owned()),
            options: Set(StringList(q.options.iter().map(|o| o.trim().to_owned()).collect())),
            min: Set(q.min),
            max: Set(q.max),
            required: Set(q.required),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// 422 naming `questions[i].id` for a kept id that is another survey's question.
async fn check_question_ids<D: ConnectionTrait>(
    db: &D,
    v: &mut Validator,
    survey: Option<Uuid>,
    questions: &[SurveyQuestionInput],
) -> ApiResult<()> {
    let ids: Vec<Uuid> = questions.iter().filter_map(|q| q.id).collect();
    if ids.is_empty() {
        return Ok(());
    }
    let own: Vec<Uuid> = match survey {
        Some(survey) => questions_of(db, &[survey]).await?.remove(&survey).unwrap_or_default().into_iter().map(|q| q.id).collect(),
        None => Vec::new(),
    };
    for (i, q) in questions.iter().enumerate() {
        if let Some(id) = q.id {
            v.check(own.contains(&id), &format!("questions[{i}].id"), FieldErrorCode::NotFound, "no such question in this survey");
        }
    }
    Ok(())
}

async fn write_groups<D: ConnectionTrait>(db: &D, survey: Uuid, codes: &[String]) -> ApiResult<()> {
    survey_group::Entity::delete_many().filter(survey_group::Column::SurveyId.eq(survey)).exec(db).await?;
    for code in codes {
        survey_group::ActiveModel { id: Set(Uuid::now_v7()), survey_id: Set(survey), target_group_code: Set(code.clone()) }
            .insert(db)
            .await?;
    }
    Ok(())
}

pub async fn create(state: &AppState, caller: &Caller, body: SurveyCreate) -> ApiResult<Survey> {
    authorize(caller, Action::ManageSurveys(Place::Pending))?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let mut v = Validator::new();
    check_references(&txn, caller, &mut v, Some(body.territory_id), body.plan_id, Some(&body.target_group_codes)).await?;
    check_question_ids(&txn, &mut v, None, &body.questions).await?;
    v.finish()?;
    authorize(caller, Action::ManageSurveys(Place::At(Some(body.territory_id))))?;
    let now = clock::now();
    let created = survey::ActiveModel {
        id: Set(Uuid::now_v7()),
        title: Set(body.title.trim().to_owned()),
        description: Set(body.description.clone()),
        territory_id: Set(body.territory_id),
        plan_id: Set(body.plan_id),
        opens_at: Set(body.opens_at.map(clock::to_micros)),
        closes_at: Set(body.closes_at.map(clock::to_micros)),
        results_public: Set(body.results_public),
        status: Set(SurveyStatus::Draft),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    write_groups(&txn, created.id, &body.target_group_codes).await?;
    write_questions(&txn, created.id, &body.questions).await?;
    audit::record(&txn, caller, "create", "survey", Some(created.id), changes_of(&body)).await?;
    let survey = answer(&txn, created).await?;
    txn.commit().await?;
    Ok(survey)
}

pub async fn update(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, patch: SurveyPatch) -> ApiResult<Survey> {
    authorize(caller, Action::ManageSurveys(Place::Pending))?;
    let mut v = Validator::new();
    patch.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    let current = visible(&txn, caller, id).await?;
    authorize(caller, manage(&current))?;
    if_match.check(current.version)?;
    let mut v = Validator::new();
    check_window(&mut v, patch.opens_at.unwrap_or(current.opens_at), patch.closes_at.unwrap_or(current.closes_at));
    check_references(&txn, caller, &mut v, patch.territory_id, patch.plan_id.flatten(), patch.target_group_codes.as_deref()).await?;
    if let Some(questions) = &patch.questions {
        check_question_ids(&txn, &mut v, Some(id), questions).await?;
    }
    v.finish()?;
    if let Some(territory) = patch.territory_id {
        authorize(caller, Action::ManageSurveys(Place::At(Some(territory))))?;
    }
    if patch.questions.is_some() && response_count(&txn, id).await? > 0 {
        return Err(ApiError::Conflict(ConflictCode::Frozen, "the survey has responses; its questions no longer change".into()));
    }
    let version = current.version;
    let mut active = current.into_active_model();
    given(&mut active.title, patch.title.as_ref().map(|t| t.trim().to_owned()));
    given(&mut active.description, patch.description.clone());
    given(&mut active.territory_id, patch.territory_id);
    given(&mut active.plan_id, patch.plan_id);
    given(&mut active.opens_at, patch.opens_at.map(|t| t.map(clock::to_micros)));
    given(&mut active.closes_at, patch.closes_at.map(|t| t.map(clock::to_micros)));
    given(&mut active.results_public, patch.results_public);
    let updated = update_versioned(&txn, active, id, version).await?;
    if let Some(codes) = &patch.target_group_codes {
        write_groups(&txn, id, codes).await?;
    }
    if let Some(questions) = &patch.questions {
        write_questions(&txn, id, questions).await?;
    }
    audit::record(&txn, caller, "update", "survey", Some(id), changes_of(&patch)).await?;
    let survey = answer(&txn, updated).await?;
    txn.commit().await?;
    Ok(survey)
}

/// Moves the survey: `open` needs a question; `draft` again only while nothing was answered (a
/// draft is hidden, and its responses with it).
pub async fn set_status(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch, body: &SurveyStatusChange) -> ApiResult<Survey> {
    authorize(caller, Action::ManageSurveys(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let current = visible(&txn, caller, id).await?;
    authorize(caller, manage(&current))?;
    if_match.check(current.version)?;
    let refuse = |why: &str| Err(ApiError::Conflict(ConflictCode::Lifecycle, why.into()));
    if current.status == body.status {
        return refuse(&format!("the survey is already {}", body.status.as_str()));
    }
    match body.status {
        SurveyStatus::Open if questions_of(&txn, &[id]).await?.is_empty() => return refuse("a survey needs a question before it opens"),
        SurveyStatus::Draft if response_count(&txn, id).await? > 0 => {
            return refuse("a survey with responses cannot become a draft again; close it instead");
        }
        _ => {}
    }
    let version = current.version;
    let mut active = current.into_active_model();
    active.status = Set(body.status);
    let updated = update_versioned(&txn, active, id, version).await?;
    audit::record(&txn, caller, "status", "survey", Some(id), changes_of(body)).await?;
    if updated.status == SurveyStatus::Open {
        events::record(&txn, EventType::SurveyOpened, Subject::survey(&updated)).await?;
    }
    let survey = answer(&txn, updated).await?;
    txn.commit().await?;
    state.outbox.wake();
    Ok(survey)
}

/// Deletes a survey that nobody has answered yet; one with responses is part of a needs analysis
/// and is closed instead (409 `in_use`).
pub async fn delete(state: &AppState, caller: &Caller, id: Uuid, if_match: IfMatch) -> ApiResult<()> {
    authorize(caller, Action::ManageSurveys(Place::Pending))?;
    let txn = crate::db::begin(&state.db).await?;
    let current = visible(&txn, caller, id).await?;
    authorize(caller, manage(&current))?;
    if_match.check(current.version)?;
    if response_count(&txn, id).await? > 0 {
        return Err(ApiError::Conflict(ConflictCode::InUse, "the survey has responses; close it instead of deleting it".into()));
    }
    survey::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(&txn, caller, "delete", "survey", Some(id), Default::default()).await?;
    txn.commit().await?;
    Ok(())
}

/// The stored answers of `responses`, grouped per response in question order.
async fn answers_of<D: ConnectionTrait>(
    db: &D,
    responses: &[Uuid],
    questions: &[SurveyQuestion],
) -> ApiResult<HashMap<Uuid, Vec<SurveyAnswer>>> {
    let rows = answer::Entity::find()
        .filter(answer::Column::ResponseId.is_in(responses.iter().copied()))
        .order_by_asc(answer::Column::Id)
        .all(db)
        .await?;
    let mut grouped: HashMap<(Uuid, Uuid), SurveyAnswer> = HashMap::new();
    for row in rows {
        let entry = grouped.entry((row.response_id, row.question_id)).or_insert_with(|| SurveyAnswer {
            question_id: row.question_id,
            option_indexes: Vec::new(),
            value: None,
            text: None,
        });
        if let Some(index) = row.option_index {
            entry.option_indexes.push(index);
        }
        entry.value = entry.value.or(row.value);
        entry.text = entry.text.take().or(row.text);
    }
    let mut out: HashMap<Uuid, Vec<SurveyAnswer>> = HashMap::new();
    for &response in responses {
        let answers = questions
            .iter()
            .filter_map(|q| grouped.remove(&(response, q.id)))
            .map(|mut a| {
                a.option_indexes.sort_unstable();
                a
            })
            .collect();
        out.insert(response, answers);
    }
    Ok(out)
}

/// Records a response: anyone while the survey takes them, on the web; its staff also from paper
/// or an interview. Anonymous responses are limited per address, counted only once the response
/// would be stored.
pub async fn respond(state: &AppState, caller: &Caller, id: Uuid, body: SurveyResponseCreate) -> ApiResult<SurveyResponse> {
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let channel = body.channel.unwrap_or(ResponseChannel::Web);
    let txn = crate::db::begin(&state.db).await?;
    let survey = visible(&txn, caller, id).await?;
    if channel != ResponseChannel::Web {
        authorize(caller, manage(&survey))?;
    }
    if !accepting(&survey, clock::now()) {
        let why = match survey.status {
            SurveyStatus::Draft => "the survey is a draft and takes no responses yet",
            SurveyStatus::Closed => "the survey is closed",
            SurveyStatus::Open => "the survey takes responses only between opens_at and closes_at",
        };
        return Err(ApiError::Conflict(ConflictCode::SurveyClosed, why.into()));
    }
    let questions = questions_of(&txn, &[id]).await?.remove(&id).unwrap_or_default();
    let mut v = Validator::new();
    let rows = answers::check(&mut v, &questions, &body.answers);
    v.finish()?;
    if !caller.is_signed_in() {
        let limits = state.config.limits;
        let key = format!("survey-response:{}", caller.address_key());
        state.limiter.acquire(&[(&key, limits.anonymous_survey_responses_per_address)], limits.survey_response_window)?;
    }
    let entered_by = if channel == ResponseChannel::Web { None } else { caller.user_id() };
    let created = response::ActiveModel {
        id: Set(Uuid::now_v7()),
        survey_id: Set(id),
        channel: Set(channel),
        entered_by: Set(entered_by),
        created_at: Set(clock::now()),
    }
    .insert(&txn)
    .await?;
    let answer_rows: Vec<answer::ActiveModel> = rows
        .into_iter()
        .map(|(question_id, stored)| {
            let (option_index, value, text) = match stored {
                Stored::Option(i) => (Some(i), None, None),
                Stored::Value(x) => (None, Some(x), None),
                Stored::Text(t) => (None, None, Some(t)),
            };
            answer::ActiveModel {
                id: Set(Uuid::now_v7()),
                response_id: Set(created.id),
                question_id: Set(question_id),
                option_index: Set(option_index),
                value: Set(value),
                text: Set(text),
            }
        })
        .collect();
    if !answer_rows.is_empty() {
        answer::Entity::insert_many(answer_rows).exec(&txn).await?;
    }
    let answers = answers_of(&txn, &[created.id], &questions).await?.remove(&created.id).unwrap_or_default();
    txn.commit().await?;
    Ok(SurveyResponse {
        id: created.id,
        survey_id: id,
        channel: created.channel,
        entered_by: created.entered_by,
        created_at: created.created_at,
        answers,
    })
}

/// The survey and its questions, for the survey's staff.
pub async fn managed(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<(survey::Model, Vec<SurveyQuestion>)> {
    let survey = visible(&state.db, caller, id).await?;
    authorize(caller, manage(&survey))?;
    let questions = questions_of(&state.db, &[id]).await?.remove(&id).unwrap_or_default();
    Ok((survey, questions))
}

/// A page of responses, oldest first, with their answers (two queries).
pub async fn responses_after<D: ConnectionTrait>(
    db: &D,
    survey: Uuid,
    questions: &[SurveyQuestion],
    page: &PageParams,
) -> ApiResult<SurveyResponsePage> {
    let select = response::Entity::find().filter(response::Column::SurveyId.eq(survey));
    let sort = Sort { key: None, id: response::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(db, select, sort, page, |r| (None, r.id)).await?;
    let mut answers = answers_of(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>(), questions).await?;
    let items = rows
        .into_iter()
        .map(|r| SurveyResponse {
            answers: answers.remove(&r.id).unwrap_or_default(),
            id: r.id,
            survey_id: r.survey_id,
            channel: r.channel,
            entered_by: r.entered_by,
            created_at: r.created_at,
        })
        .collect();
    Ok(SurveyResponsePage { items, next_cursor })
}

pub async fn responses(state: &AppState, caller: &Caller, id: Uuid, page: &PageParams) -> ApiResult<SurveyResponsePage> {
    page.limit()?;
    let (_, questions) = managed(state, caller, id).await?;
    responses_after(&state.db, id, &questions, page).await
}

/// The results: the survey's staff at any time; everyone once it is closed with `results_public`.
pub async fn results(state: &AppState, caller: &Caller, id: Uuid) -> ApiResult<SurveyResults> {
    let survey = visible(&state.db, caller, id).await?;
    if !(survey.status == SurveyStatus::Closed && survey.results_public) {
        authorize(caller, manage(&survey))?;
    }
    let questions = questions_of(&state.db, &[id]).await?.remove(&id).unwrap_or_default();
    let (responses, questions) = results::compute(&state.db, id, &questions).await?;
    Ok(SurveyResults { survey_id: id, status: survey.status, responses, questions })
}
