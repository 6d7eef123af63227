//! A response's answers checked against the survey's questions, and turned into the rows they are
//! stored as: one per chosen option, value or text. Every problem names its answer
//! (`answers[2].value`), or, for a required question left out, the question (`questions.<id>`).
use std::collections::{HashMap, HashSet};

use entity::enums::QuestionKind;

use super::dto::{MAX_NUMBER, MAX_TEXT_ANSWER, SurveyAnswerInput, SurveyQuestion};
use crate::error::{FieldError, FieldErrorCode, Validator};

/// What one answer stores, before it gets its ids.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    Option(i32),
    Value(f64),
    Text(String),
}

/// A bound as a whole number for a `FieldError`'s `min`/`max`, when it is one.
fn whole(bound: f64) -> Option<i64> {
    (bound.fract() == 0.0 && bound.abs() <= MAX_NUMBER).then_some(bound as i64)
}

fn out_of_range(field: &str, min: Option<f64>, max: Option<f64>) -> FieldError {
    let say = |b: Option<f64>| b.map(|b| b.to_string()).unwrap_or_else(|| "any".into());
    let mut error = FieldError::new(field, FieldErrorCode::OutOfRange, format!("must be between {} and {}", say(min), say(max)));
    error.min = min.and_then(whole);
    error.max = max.and_then(whole);
    error
}

/// Whether an answer carries anything.
fn given(a: &SurveyAnswerInput) -> bool {
    a.option_indexes.as_ref().is_some_and(|o| !o.is_empty()) || a.value.is_some() || a.text.as_ref().is_some_and(|t| !t.trim().is_empty())
}

/// One answer against its question: what it stores, its problems in `v`.
fn check_one(v: &mut Validator, i: usize, q: &SurveyQuestion, a: &SurveyAnswerInput, out: &mut Vec<(uuid::Uuid, Stored)>) {
    let at = |field: &str| format!("answers[{i}].{field}");
    let choice = matches!(q.kind, QuestionKind::SingleChoice | QuestionKind::MultipleChoice);
    let (wrong_indexes, wrong_value, wrong_text) = match q.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => (false, a.value.is_some(), a.text.is_some()),
        QuestionKind::Scale | QuestionKind::Number => (a.option_indexes.is_some(), false, a.text.is_some()),
        QuestionKind::Text => (a.option_indexes.is_some(), a.value.is_some(), false),
    };
    for (wrong, field) in [(wrong_indexes, "option_indexes"), (wrong_value, "value"), (wrong_text, "text")] {
        v.check(!wrong, &at(field), FieldErrorCode::Invalid, format!("a {} question takes no {field}", q.kind.as_str()));
    }
    if choice {
        let indexes = a.option_indexes.as_deref().unwrap_or_default();
        if q.kind == QuestionKind::SingleChoice && indexes.len() > 1 {
            v.push(FieldError::new(&at("option_indexes"), FieldErrorCode::TooMany, "a single choice takes one option").with_max(1));
        }
        let last = q.options.len() as i64 - 1;
        let mut seen = HashSet::new();
        for (j, index) in indexes.iter().enumerate() {
            let field = format!("answers[{i}].option_indexes[{j}]");
            if !(0..=last).contains(&i64::from(*index)) {
                v.push(
                    FieldError::new(&field, FieldErrorCode::OutOfRange, format!("no such option: must be 0 to {last}"))
                        .with_min(0)
                        .with_max(last),
                );
            } else if !seen.insert(*index) {
                v.error(&field, FieldErrorCode::Invalid, "listed twice");
            } else {
                out.push((q.id, Stored::Option(*index)));
            }
        }
    }
    if let (QuestionKind::Scale | QuestionKind::Number, Some(value)) = (q.kind, a.value) {
        let within = q.min.is_none_or(|min| value >= min) && q.max.is_none_or(|max| value <= max) && value.abs() <= MAX_NUMBER;
        if !within {
            v.push(out_of_range(&at("value"), q.min.or(Some(-MAX_NUMBER)), q.max.or(Some(MAX_NUMBER))));
        } else if q.kind == QuestionKind::Scale && value.fract() != 0.0 {
            v.error(&at("value"), FieldErrorCode::Invalid, "a point of the scale is a whole number");
        } else {
            out.push((q.id, Stored::Value(value)));
        }
    }
    if let (QuestionKind::Text, Some(text)) = (q.kind, &a.text) {
        if text.chars().count() > MAX_TEXT_ANSWER {
            v.push(crate::error::too_long(&at("text"), MAX_TEXT_ANSWER));
        } else if !text.trim().is_empty() {
            out.push((q.id, Stored::Text(text.trim().to_owned())));
        }
    }
}

/// Checks `answers` against `questions` (the survey's, in order); answers the rows to store.
pub fn check(v: &mut Validator, questions: &[SurveyQuestion], answers: &[SurveyAnswerInput]) -> Vec<(uuid::Uuid, Stored)> {
    let by_id: HashMap<_, _> = questions.iter().map(|q| (q.id, q)).collect();
    let mut answered = HashSet::new();
    let mut rows = Vec::new();
    for (i, a) in answers.iter().enumerate() {
        let Some(q) = by_id.get(&a.question_id) else {
            v.error(&format!("answers[{i}].question_id"), FieldErrorCode::NotFound, "no such question in this survey");
            continue;
        };
        if !answered.insert(a.question_id) {
            v.error(&format!("answers[{i}].question_id"), FieldErrorCode::Invalid, "this question is answered twice");
            continue;
        }
        if q.required && !given(a) {
            v.error(&format!("answers[{i}]"), FieldErrorCode::Required, format!("question \"{}\" needs an answer", q.text));
        }
        check_one(v, i, q, a, &mut rows);
    }
    for q in questions.iter().filter(|q| q.required && !answered.contains(&q.id)) {
        v.error(&format!("questions.{}", q.id), FieldErrorCode::Required, format!("question \"{}\" needs an answer", q.text));
    }
    rows
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn question(kind: QuestionKind, options: &[&str], min: Option<f64>, max: Option<f64>, required: bool) -> SurveyQuestion {
        SurveyQuestion {
            id: Uuid::now_v7(),
            kind,
            text: "Otázka".into(),
            options: options.iter().map(|o| o.to_string()).collect(),
            min,
            max,
            required,
            position: 1,
        }
    }

    fn answer(q: &SurveyQuestion, options: Option<Vec<i32>>, value: Option<f64>, text: Option<&str>) -> SurveyAnswerInput {
        SurveyAnswerInput { question_id: q.id, option_indexes: options, value, text: text.map(str::to_owned) }
    }

    fn fields(questions: &[SurveyQuestion], answers: &[SurveyAnswerInput]) -> (Vec<String>, usize) {
        let mut v = Validator::new();
        let rows = check(&mut v, questions, answers);
        let fields = match v.finish() {
            Err(crate::error::ApiError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            _ => Vec::new(),
        };
        (fields, rows.len())
    }

    #[test]
    fn answers_become_one_row_per_option_value_or_text() {
        let single = question(QuestionKind::SingleChoice, &["a", "b"], None, None, true);
        let multiple = question(QuestionKind::MultipleChoice, &["a", "b", "c"], None, None, false);
        let scale = question(QuestionKind::Scale, &[], Some(1.0), Some(5.0), false);
        let text = question(QuestionKind::Text, &[], None, None, false);
        let qs = [single.clone(), multiple.clone(), scale.clone(), text.clone()];
        let answers = [
            answer(&single, Some(vec![1]), None, None),
            answer(&multiple, Some(vec![0, 2]), None, None),
            answer(&scale, None, Some(4.0), None),
            answer(&text, None, None, Some("  ")),
        ];
        assert_eq!(fields(&qs, &answers), (vec![], 4));
    }

    #[test]
    fn each_problem_names_its_answer_or_question() {
        let single = question(QuestionKind::SingleChoice, &["a", "b"], None, None, true);
        let scale = question(QuestionKind::Scale, &[], Some(1.0), Some(5.0), false);
        let number = question(QuestionKind::Number, &[], Some(0.0), None, true);
        let qs = [single.clone(), scale.clone(), number.clone()];
        let answers = [answer(&single, Some(vec![2]), None, None), answer(&scale, None, Some(6.0), None)];
        let (got, _) = fields(&qs, &answers);
        assert_eq!(got, vec!["answers[0].option_indexes[0]".to_string(), "answers[1].value".into(), format!("questions.{}", number.id)]);
        let (got, _) = fields(&qs, &[answer(&scale, None, Some(2.5), None), answer(&scale, None, Some(2.0), None)]);
        assert_eq!(got[..2], ["answers[0].value".to_string(), "answers[1].question_id".into()]);
    }
}
