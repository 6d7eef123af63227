//! Survey request and response bodies: the survey with its questions, a response with its
//! answers, and the results.
use chrono::{DateTime, Utc};
use entity::enums::{QuestionKind, ResponseChannel, SurveyStatus};
use entity::survey;
use entity::survey_link::question;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{LongText, NonBlank, Title};
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::page_of;
use crate::target_groups::dto::parse_code;

pub const MAX_QUESTIONS: usize = 200;
pub const MAX_OPTIONS: usize = 50;
const MAX_TARGET_GROUPS: usize = 50;
/// The widest scale: 0 to 100 points is already a slider, not a scale.
const MAX_SCALE_POINTS: f64 = 100.0;
/// Bounds of any number a question takes or an answer gives, so every database stores it exactly
/// enough and means stay finite.
pub const MAX_NUMBER: f64 = 1e12;
/// The longest text answer.
pub const MAX_TEXT_ANSWER: usize = 5000;

/// A question's text.
type QuestionText = NonBlank<2000>;
/// An option of a choice question.
type OptionText = NonBlank<300>;

/// A question as a survey is built: send the whole list; a question keeps its `id` when it is sent
/// back with it. Choice questions have 2 to 50 `options`, answered by index; a scale has whole
/// `min` and `max` (e.g. 1 to 5); a number may have either bound; text questions have neither.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyQuestionInput {
    /// The id of a question of this survey, to keep it; none for a new one.
    pub id: Option<Uuid>,
    pub kind: QuestionKind,
    #[schema(min_length = 1, max_length = 2000)]
    pub text: String,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub options: Vec<String>,
    #[schema(minimum = -1e12, maximum = 1e12)]
    pub min: Option<f64>,
    #[schema(minimum = -1e12, maximum = 1e12)]
    pub max: Option<f64>,
    #[serde(default)]
    pub required: bool,
    /// The order of the questions (ties keep the order sent); by default the order sent.
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i32>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyCreate {
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// The territory whose people the survey asks; its coordinators manage it.
    pub territory_id: Uuid,
    /// The plan whose needs analysis the survey belongs to.
    pub plan_id: Option<Uuid>,
    /// Codes of `/target-groups` the survey is for.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub target_group_codes: Vec<String>,
    /// When responses start to be taken (once the survey is open); none: as soon as it opens.
    pub opens_at: Option<DateTime<Utc>>,
    /// When responses stop being taken; none: until it is closed.
    pub closes_at: Option<DateTime<Utc>>,
    /// Whether everyone may read the results once the survey is closed.
    #[serde(default)]
    pub results_public: bool,
    #[serde(default)]
    #[schema(max_items = 200)]
    pub questions: Vec<SurveyQuestionInput>,
}

#[derive(Debug, Default, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyPatch {
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    pub territory_id: Option<Uuid>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub plan_id: Option<Option<Uuid>>,
    /// Replaces the target groups.
    #[schema(max_items = 50)]
    pub target_group_codes: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub opens_at: Option<Option<DateTime<Utc>>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<DateTime<Utc>>)]
    pub closes_at: Option<Option<DateTime<Utc>>>,
    pub results_public: Option<bool>,
    /// Replaces the questions; refused (409 `frozen`) once the survey has a response.
    #[schema(max_items = 200)]
    pub questions: Option<Vec<SurveyQuestionInput>>,
}

/// The rules of one question, named `questions[i]…`.
fn check_question(v: &mut Validator, i: usize, q: &SurveyQuestionInput) {
    let at = |field: &str| format!("questions[{i}].{field}");
    v.field(QuestionText::parse(&at("text"), &q.text));
    if let Some(p) = q.position {
        v.range(&at("position"), p.into(), 0, crate::error::MAX_POSITION.into());
    }
    for (field, bound) in [("min", q.min), ("max", q.max)] {
        if let Some(b) = bound {
            v.check(b.abs() <= MAX_NUMBER, &at(field), FieldErrorCode::OutOfRange, "must be between -1e12 and 1e12");
        }
    }
    let choice = matches!(q.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice);
    if choice {
        v.check(q.options.len() >= 2, &at("options"), FieldErrorCode::Required, "a choice question needs at least 2 options");
        v.items(&at("options"), q.options.len(), MAX_OPTIONS);
        for (j, option) in q.options.iter().enumerate() {
            v.field(OptionText::parse(&format!("questions[{i}].options[{j}]"), option));
        }
        v.once_each(&at("options"), &q.options.iter().map(|o| o.trim()).collect::<Vec<_>>());
    } else {
        v.check(q.options.is_empty(), &at("options"), FieldErrorCode::Invalid, "only choice questions have options");
    }
    match q.kind {
        QuestionKind::Scale => match (q.min, q.max) {
            (Some(min), Some(max)) => {
                let whole = min.fract() == 0.0 && max.fract() == 0.0;
                v.check(whole, &at("min"), FieldErrorCode::Invalid, "a scale's bounds are whole numbers");
                v.check(max > min, &at("max"), FieldErrorCode::Invalid, "must be greater than min");
                v.check(max - min <= MAX_SCALE_POINTS, &at("max"), FieldErrorCode::Invalid, "a scale spans at most 100 points");
            }
            _ => v.required(&at("min"), "with max for a scale"),
        },
        QuestionKind::Number => {
            if let (Some(min), Some(max)) = (q.min, q.max) {
                v.check(max >= min, &at("max"), FieldErrorCode::Invalid, "must not be less than min");
            }
        }
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice | QuestionKind::Text => {
            let bounded = q.min.is_some() || q.max.is_some();
            v.check(!bounded, &at("min"), FieldErrorCode::Invalid, "only scale and number questions have min and max");
        }
    }
}

/// The rules of a question list.
pub fn check_questions(v: &mut Validator, questions: &[SurveyQuestionInput]) {
    v.items("questions", questions.len(), MAX_QUESTIONS);
    for (i, q) in questions.iter().enumerate() {
        check_question(v, i, q);
    }
    let mut seen = std::collections::HashSet::new();
    for (i, q) in questions.iter().enumerate() {
        if let Some(id) = q.id {
            v.check(seen.insert(id), &format!("questions[{i}].id"), FieldErrorCode::Invalid, "listed twice");
        }
    }
}

fn check_groups(v: &mut Validator, codes: &[String]) {
    v.items("target_group_codes", codes.len(), MAX_TARGET_GROUPS);
    for (i, code) in codes.iter().enumerate() {
        v.field(parse_code(&format!("target_group_codes[{i}]"), code));
    }
    v.once_each("target_group_codes", codes);
}

/// The survey's window: within the years every database keeps, the close after the opening.
pub fn check_window(v: &mut Validator, opens_at: Option<DateTime<Utc>>, closes_at: Option<DateTime<Utc>>) {
    v.date("opens_at", opens_at);
    v.date("closes_at", closes_at);
    if let (Some(opens), Some(closes)) = (opens_at, closes_at) {
        v.check(closes > opens, "closes_at", FieldErrorCode::BeforeStart, "must be after opens_at");
    }
}

impl Validate for SurveyCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(Title::parse("title", &self.title));
        v.field(LongText::parse("description", &self.description));
        check_groups(v, &self.target_group_codes);
        check_window(v, self.opens_at, self.closes_at);
        check_questions(v, &self.questions);
    }
}

impl Validate for SurveyPatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(title) = &self.title {
            v.field(Title::parse("title", title));
        }
        if let Some(description) = &self.description {
            v.field(LongText::parse("description", description));
        }
        if let Some(codes) = &self.target_group_codes {
            check_groups(v, codes);
        }
        if let Some(questions) = &self.questions {
            check_questions(v, questions);
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SurveyQuestion {
    pub id: Uuid,
    pub kind: QuestionKind,
    pub text: String,
    pub options: Vec<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub required: bool,
    pub position: i32,
}

impl SurveyQuestion {
    pub fn from_model(m: question::Model) -> Self {
        Self {
            id: m.id,
            kind: m.kind,
            text: m.text,
            options: m.options.0,
            min: m.min,
            max: m.max,
            required: m.required,
            position: m.position,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Survey {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub territory_id: Uuid,
    pub plan_id: Option<Uuid>,
    pub target_group_codes: Vec<String>,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub results_public: bool,
    pub status: SurveyStatus,
    /// Whether a response sent now is taken: open, and within `opens_at` to `closes_at`.
    pub accepting_responses: bool,
    /// How many responses it has; its questions are frozen from the first.
    pub responses: i64,
    /// In order.
    pub questions: Vec<SurveyQuestion>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Survey {
    fn version(&self) -> i32 {
        self.version
    }
}

/// What a survey carries besides its own row.
#[derive(Debug, Default)]
pub struct Parts {
    pub target_group_codes: Vec<String>,
    pub questions: Vec<SurveyQuestion>,
    pub responses: i64,
}

impl Survey {
    pub fn from_model(m: survey::Model, parts: Parts, accepting_responses: bool) -> Self {
        Self {
            id: m.id,
            title: m.title,
            description: m.description,
            territory_id: m.territory_id,
            plan_id: m.plan_id,
            target_group_codes: parts.target_group_codes,
            opens_at: m.opens_at,
            closes_at: m.closes_at,
            results_public: m.results_public,
            status: m.status,
            accepting_responses,
            responses: parts.responses,
            questions: parts.questions,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(SurveyPage, Survey);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SurveyFilters {
    /// Surveys of this territory or of one below it.
    pub territory_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub status: Option<SurveyStatus>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyStatusChange {
    /// `open` needs a question; back to `draft` only while there is no response.
    pub status: SurveyStatus,
}

/// One answer: the chosen options of a choice question (a single choice takes one), the value of
/// a scale or number, the text of a text question. An answer with none of them, or a blank text,
/// counts as no answer.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyAnswerInput {
    pub question_id: Uuid,
    /// Indexes into the question's `options`, from 0.
    #[schema(max_items = 50)]
    pub option_indexes: Option<Vec<i32>>,
    #[schema(minimum = -1e12, maximum = 1e12)]
    pub value: Option<f64>,
    #[schema(max_length = 5000)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyResponseCreate {
    #[schema(max_items = 200)]
    pub answers: Vec<SurveyAnswerInput>,
    /// `web` (the default) for anyone; `paper` and `interview` are entered by the survey's staff.
    pub channel: Option<ResponseChannel>,
}

/// The shape of the body; each answer against its question is the service's (`answers::check`).
impl Validate for SurveyResponseCreate {
    fn validate(&self, v: &mut Validator) {
        v.items("answers", self.answers.len(), MAX_QUESTIONS);
    }
}

#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct SurveyAnswer {
    pub question_id: Uuid,
    /// The chosen options of a choice question, in option order; empty for other kinds.
    pub option_indexes: Vec<i32>,
    pub value: Option<f64>,
    pub text: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResponse {
    pub id: Uuid,
    pub survey_id: Uuid,
    pub channel: ResponseChannel,
    /// The staff member who entered a paper or interview response; null for the web.
    pub entered_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// In question order.
    pub answers: Vec<SurveyAnswer>,
}

impl Versioned for SurveyResponse {
    fn version(&self) -> i32 {
        1
    }
}

page_of!(SurveyResponsePage, SurveyResponse);

#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ResponsesFormat {
    Json,
    Csv,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResponsesQuery {
    /// Overrides `Accept`: `json` (a page at a time) or `csv` (every response, one row each).
    #[param(inline)]
    pub format: Option<ResponsesFormat>,
}

/// One question's results.
#[derive(Debug, Serialize, ToSchema, PartialEq)]
pub struct SurveyQuestionResult {
    pub question_id: Uuid,
    pub kind: QuestionKind,
    pub text: String,
    pub options: Vec<String>,
    /// How many responses answered it.
    pub n: i64,
    /// Choice questions: how many responses chose each option, in option order.
    pub counts: Option<Vec<i64>>,
    /// Scale and number questions (null with no answer).
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Text questions: the texts, newest first, at most 500 (`n` counts them all; the CSV of the
    /// responses holds every one).
    pub texts: Option<Vec<String>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyResults {
    pub survey_id: Uuid,
    pub status: SurveyStatus,
    /// How many responses the survey has.
    pub responses: i64,
    /// In question order.
    pub questions: Vec<SurveyQuestionResult>,
}
