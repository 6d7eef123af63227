//! A closed needs-analysis survey with generated responses and public results: the demo's (a few
//! hundred, in ORP Český Krumlov, of its plan) and the benchmark's (`spoluplan seed survey
//! --responses N`). The answers come from a fixed pseudo-random sequence, so every load is the
//! same survey with the same results.
use chrono::{DateTime, Duration, Utc};
use entity::enums::{QuestionKind, ResponseChannel, SurveyStatus};
use entity::survey_link::{answer, question, response, target_group as survey_group};
use entity::values::StringList;
use entity::{survey, territory};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder};
use uuid::Uuid;

use super::at;
use crate::clock;
use crate::error::{ApiError, ApiResult};

/// Rows per insert: far below either database's limit on bound parameters.
const BATCH: usize = 500;

const TEXTS: [&str; 12] = [
    "Pečovatelská služba i o víkendech a svátcích.",
    "Doprava k lékaři z menších obcí.",
    "Více informací o tom, na koho se obrátit.",
    "Odlehčovací pobyty, abych si jako pečující mohla odpočinout.",
    "Pomoc s vyřizováním příspěvku na péči.",
    "Denní stacionář blíž k domovu.",
    "Kratší čekací doby na domov pro seniory.",
    "Setkávání a aktivity pro seniory v obci.",
    "Poradenství pro rodiny, které pečují o člověka s demencí.",
    "Terénní služby i v odlehlých částech obce.",
    "Bezbariérový přístup na úřad a k lékaři.",
    "Nic, jsem spokojený.",
];

/// A small linear congruential generator: the same sequence on every machine.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

struct Spec {
    kind: QuestionKind,
    text: &'static str,
    options: &'static [&'static str],
    bounds: Option<(f64, f64)>,
    required: bool,
}

const QUESTIONS: [Spec; 5] = [
    Spec {
        kind: QuestionKind::SingleChoice,
        text: "Jak hodnotíte dostupnost sociálních služeb ve vaší obci?",
        options: &["Velmi dobrá", "Spíše dobrá", "Spíše špatná", "Velmi špatná", "Nevím"],
        bounds: None,
        required: true,
    },
    Spec {
        kind: QuestionKind::MultipleChoice,
        text: "Které služby vám nebo vašim blízkým chybí?",
        options: &[
            "Pečovatelská služba o víkendech",
            "Odlehčovací služba",
            "Denní stacionář",
            "Doprava k lékaři",
            "Tísňová péče",
            "Poradenství pro pečující",
        ],
        bounds: None,
        required: false,
    },
    Spec {
        kind: QuestionKind::Scale,
        text: "Jak jste spokojeni s informacemi o sociálních službách? (1 = velmi nespokojen, 5 = velmi spokojen)",
        options: &[],
        bounds: Some((1.0, 5.0)),
        required: true,
    },
    Spec { kind: QuestionKind::Number, text: "Kolik je vám let?", options: &[], bounds: Some((15.0, 110.0)), required: false },
    Spec { kind: QuestionKind::Text, text: "Co by vám nejvíce pomohlo?", options: &[], bounds: None, required: false },
];

/// One generated answer set for the questions, in their order.
fn answers_for(seq: &mut Sequence, response: Uuid, questions: &[Uuid]) -> Vec<answer::ActiveModel> {
    let row = |question: Uuid, option: Option<i32>, value: Option<f64>, text: Option<String>| answer::ActiveModel {
        id: Set(Uuid::now_v7()),
        response_id: Set(response),
        question_id: Set(question),
        option_index: Set(option),
        value: Set(value),
        text: Set(text),
    };
    let mut rows = Vec::new();
    // Availability leans towards "rather good"; a weighted pick of five.
    let availability = [0, 1, 1, 1, 2, 2, 3, 4][seq.next(8) as usize];
    rows.push(row(questions[0], Some(availability), None, None));
    for option in 0..6 {
        if seq.next(3) == 0 {
            rows.push(row(questions[1], Some(option), None, None));
        }
    }
    rows.push(row(questions[2], None, Some((1 + seq.next(3) + seq.next(3)) as f64), None));
    if seq.next(5) != 0 {
        rows.push(row(questions[3], None, Some((45 + seq.next(25) + seq.next(25)) as f64), None));
    }
    if seq.next(4) == 0 {
        rows.push(row(questions[4], None, None, Some(TEXTS[seq.next(TEXTS.len() as u64) as usize].into())));
    }
    rows
}

/// A closed survey with public results and `responses` generated responses, taken from `from` on.
async fn generate<D: ConnectionTrait>(
    db: &D,
    title: &str,
    territory: Uuid,
    plan: Option<Uuid>,
    responses: usize,
    from: DateTime<Utc>,
) -> ApiResult<Uuid> {
    let now = clock::now();
    let id = Uuid::now_v7();
    survey::ActiveModel {
        id: Set(id),
        title: Set(title.into()),
        description: Set("Dotazníkové šetření analýzy potřeb: jak lidé v území vnímají dostupnost sociálních služeb a co jim chybí. \
                          Odpovědi sbírali pracovníci obcí a poskytovatelů i na papíře."
            .into()),
        territory_id: Set(territory),
        plan_id: Set(plan),
        opens_at: Set(Some(from)),
        closes_at: Set(Some(from + Duration::days(42))),
        results_public: Set(true),
        status: Set(SurveyStatus::Closed),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await?;
    for code in ["seniori", "pecujici_osoby"] {
        survey_group::ActiveModel { id: Set(Uuid::now_v7()), survey_id: Set(id), target_group_code: Set(code.into()) }.insert(db).await?;
    }
    let mut questions = Vec::new();
    for (position, spec) in (1..).zip(QUESTIONS.iter()) {
        let q = question::ActiveModel {
            id: Set(Uuid::now_v7()),
            survey_id: Set(id),
            position: Set(position),
            kind: Set(spec.kind),
            text: Set(spec.text.into()),
            options: Set(StringList(spec.options.iter().map(|o| o.to_string()).collect())),
            min: Set(spec.bounds.map(|b| b.0)),
            max: Set(spec.bounds.map(|b| b.1)),
            required: Set(spec.required),
        }
        .insert(db)
        .await?;
        questions.push(q.id);
    }
    let mut seq = Sequence(0x5eed);
    let step = (Duration::days(42).num_seconds() / responses.max(1) as i64).max(1);
    let (mut response_rows, mut answer_rows) = (Vec::new(), Vec::new());
    for i in 0..responses {
        let response = Uuid::now_v7();
        let channel = if seq.next(6) == 0 { ResponseChannel::Paper } else { ResponseChannel::Web };
        response_rows.push(response::ActiveModel {
            id: Set(response),
            survey_id: Set(id),
            channel: Set(channel),
            entered_by: Set(None),
            created_at: Set(from + Duration::seconds(step * i as i64)),
        });
        answer_rows.extend(answers_for(&mut seq, response, &questions));
        if response_rows.len() == BATCH {
            response::Entity::insert_many(std::mem::take(&mut response_rows)).exec(db).await?;
        }
    }
    if !response_rows.is_empty() {
        response::Entity::insert_many(response_rows).exec(db).await?;
    }
    while !answer_rows.is_empty() {
        let rest = answer_rows.split_off(answer_rows.len().min(BATCH));
        answer::Entity::insert_many(std::mem::replace(&mut answer_rows, rest)).exec(db).await?;
    }
    Ok(id)
}

/// The demo's survey: a few hundred responses in the territory of the plan it belongs to.
pub(crate) async fn demo<D: ConnectionTrait>(db: &D, territory: Uuid, plan: Uuid) -> ApiResult<Uuid> {
    generate(db, "Dotazník potřeb seniorů a pečujících na Českokrumlovsku", territory, Some(plan), 320, at(2024, 3, 1, 8, 0)).await
}

/// The benchmark's survey, in the first territory of the installation (load the demo first).
pub async fn load(db: &DatabaseConnection, responses: usize) -> ApiResult<Uuid> {
    let territory = territory::Entity::find().order_by_asc(territory::Column::Id).one(db).await?.ok_or(ApiError::NotFound)?;
    let txn = crate::db::begin(db).await?;
    let id = generate(&txn, "Syntetický dotazník", territory.id, None, responses, at(2025, 1, 1, 8, 0)).await?;
    txn.commit().await?;
    Ok(id)
}
