//! Surveys through the API: a survey of every question kind, opened, and its answers.
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, TestApp, id};

/// The questions of `survey_body`: one of each kind, the first two required.
pub fn every_kind() -> Value {
    json!([
        {"kind": "single_choice", "text": "Jak hodnotíte dostupnost služeb?", "options": ["Dobrá", "Špatná", "Nevím"], "required": true},
        {"kind": "multiple_choice", "text": "Co vám chybí?", "options": ["Doprava", "Odlehčovací služba", "Poradna"], "required": true},
        {"kind": "scale", "text": "Spokojenost s informacemi", "min": 1, "max": 5},
        {"kind": "number", "text": "Kolik je vám let?", "min": 15, "max": 110},
        {"kind": "text", "text": "Co by vám pomohlo?"}
    ])
}

/// A survey in `territory` with the questions of `every_kind`.
pub fn survey_body(territory: Uuid) -> Value {
    json!({"title": "Dotazník potřeb seniorů", "territory_id": territory, "target_group_codes": ["seniori"], "questions": every_kind()})
}

impl TestApp {
    pub async fn post_survey(&self, token: Option<&str>, body: Value) -> Answer {
        self.post("/surveys", token, body).await
    }

    /// A draft survey of `survey_body`, made by `token`; returns it as answered.
    pub async fn create_survey(&self, token: &str, territory: Uuid) -> Value {
        self.post_survey(Some(token), survey_body(territory)).await.expect(201)
    }

    pub async fn survey_status(&self, survey: &str, token: Option<&str>, status: &str) -> Answer {
        self.post(&format!("/surveys/{survey}/status"), token, json!({"status": status})).await
    }

    /// An open survey of `survey_body` made by `token`: its id and question ids in order.
    pub async fn open_survey(&self, token: &str, territory: Uuid) -> (String, Vec<String>) {
        let survey = self.create_survey(token, territory).await;
        let survey_id = id(&survey);
        self.survey_status(&survey_id, Some(token), "open").await.expect(200);
        let questions = survey["questions"].as_array().unwrap().iter().map(id).collect();
        (survey_id, questions)
    }

    pub async fn respond(&self, survey: &str, token: Option<&str>, body: Value) -> Answer {
        self.post(&format!("/surveys/{survey}/responses"), token, body).await
    }
}
