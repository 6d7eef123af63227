//! Surveys: built by the coordinators of a territory, answered by anyone while open, frozen with
//! the first response, and summed up exactly; who sees drafts, responses and results.
use entity::enums::TerritoryKind;
use serde_json::json;
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

both!(a_survey_is_built_opened_answered_and_frozen, |app| async move {
    let territory = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, None).await;
    let coordinator = app.coordinator().await;
    let survey = app.create_survey(&coordinator.token, territory).await;
    let survey_id = id(&survey);
    assert_eq!(survey["status"], "draft");
    assert_eq!(survey["target_group_codes"], json!(["seniori"]));
    let kinds: Vec<_> = survey["questions"].as_array().unwrap().iter().map(|q| q["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, ["single_choice", "multiple_choice", "scale", "number", "text"]);
    assert_eq!(survey["questions"][2]["position"], 3);
    // A draft is its staff's: 404 to everyone else, and not listed.
    app.get(&format!("/surveys/{survey_id}"), None).await.expect(404);
    app.get(&format!("/surveys/{survey_id}"), Some(&app.member().await.token)).await.expect(404);
    assert!(items(&app.get("/surveys", None).await.expect(200)).is_empty());
    assert_eq!(items(&app.get("/surveys", Some(&coordinator.token)).await.expect(200)).len(), 1);
    // A draft takes no responses, even from its staff.
    let questions: Vec<String> = survey["questions"].as_array().unwrap().iter().map(id).collect();
    let answer = json!({"answers": [
        {"question_id": questions[0], "option_indexes": [1]},
        {"question_id": questions[1], "option_indexes": [0, 2]}
    ]});
    assert_eq!(app.respond(&survey_id, Some(&coordinator.token), answer.clone()).await.expect(409)["code"], "survey_closed");
    // Questions may still be rearranged: the last first, by position, keeping its id.
    let mut reordered = survey["questions"].clone();
    reordered[4]["position"] = json!(0);
    let reordered: Vec<_> = reordered
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let mut q = q.clone();
            for field in ["min", "max"] {
                if q[field].is_null() {
                    q.as_object_mut().unwrap().remove(field);
                }
            }
            q
        })
        .collect();
    let patched = app.patch(&format!("/surveys/{survey_id}"), Some(&coordinator.token), json!({"questions": reordered})).await.expect(200);
    assert_eq!(patched["questions"][0]["id"], questions[4]);
    assert_eq!(patched["questions"][0]["position"], 1);

    app.survey_status(&survey_id, Some(&coordinator.token), "open").await.expect(200);
    assert_eq!(app.survey_status(&survey_id, Some(&coordinator.token), "open").await.expect(409)["code"], "lifecycle");
    let listed = app.get("/surveys", None).await.expect(200);
    assert_eq!(items(&listed)[0]["accepting_responses"], true);
    let answered = app.respond(&survey_id, None, answer).await.expect(201);
    assert_eq!(answered["channel"], "web");
    assert_eq!(answered["entered_by"], json!(null));
    assert_eq!(answered["answers"][1]["option_indexes"], json!([0, 2]));
    // Frozen from the first response; the other fields still change.
    let frozen = app.patch(&format!("/surveys/{survey_id}"), Some(&coordinator.token), json!({"questions": []})).await.expect(409);
    assert_eq!(frozen["code"], "frozen");
    let renamed = app
        .patch(&format!("/surveys/{survey_id}"), Some(&coordinator.token), json!({"title": "Dotazník 2026", "results_public": true}))
        .await;
    assert_eq!(renamed.expect(200)["responses"], 1);
    assert_eq!(app.survey_status(&survey_id, Some(&coordinator.token), "draft").await.expect(409)["code"], "lifecycle");
    assert_eq!(app.delete(&format!("/surveys/{survey_id}"), Some(&coordinator.token)).await.expect(409)["code"], "in_use");

    // Closed: 409 for everyone.
    app.survey_status(&survey_id, Some(&coordinator.token), "closed").await.expect(200);
    let late =
        json!({"answers": [{"question_id": questions[0], "option_indexes": [0]}, {"question_id": questions[1], "option_indexes": [0]}]});
    assert_eq!(app.respond(&survey_id, None, late.clone()).await.expect(409)["code"], "survey_closed");
    // Past its closes_at an open survey takes none either.
    app.survey_status(&survey_id, Some(&coordinator.token), "open").await.expect(200);
    let past = json!({"opens_at": "2020-01-01T00:00:00Z", "closes_at": "2020-02-01T00:00:00Z"});
    app.patch(&format!("/surveys/{survey_id}"), Some(&coordinator.token), past).await.expect(200);
    assert_eq!(app.respond(&survey_id, None, late).await.expect(409)["code"], "survey_closed");

    // A survey nobody answered is deleted.
    let other = id(&app.create_survey(&coordinator.token, territory).await);
    app.delete(&format!("/surveys/{other}"), Some(&coordinator.token)).await.expect(204);
});

both!(a_survey_is_managed_only_within_reach, |app| async move {
    let region = app.territory_row(Uuid::now_v7(), TerritoryKind::Region, None).await;
    let here = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, Some(region)).await;
    let there = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, Some(region)).await;
    let (local, neighbour) = (app.coordinator().await, app.coordinator().await);
    app.coordinates(&local, here).await;
    app.coordinates(&neighbour, there).await;
    app.post_survey(Some(&neighbour.token), survey_body(here)).await.expect(403);
    let survey = id(&app.create_survey(&local.token, here).await);
    // The neighbour neither sees the draft nor opens it.
    app.get(&format!("/surveys/{survey}"), Some(&neighbour.token)).await.expect(404);
    assert!(items(&app.get("/surveys", Some(&neighbour.token)).await.expect(200)).is_empty());
    app.survey_status(&survey, Some(&local.token), "open").await.expect(200);
    app.survey_status(&survey, Some(&neighbour.token), "closed").await.expect(403);
    app.get(&format!("/surveys/{survey}/results"), Some(&neighbour.token)).await.expect(403);
    app.get(&format!("/surveys/{survey}/responses"), Some(&neighbour.token)).await.expect(403);
    // Filters: by territory (with those below it) and by plan.
    let in_region = app.get(&format!("/surveys?territory_id={region}"), None).await.expect(200);
    assert_eq!(items(&in_region).len(), 1);
    assert!(items(&app.get(&format!("/surveys?territory_id={there}"), None).await.expect(200)).is_empty());
    // Bad references are 422 naming the field.
    let mut body = survey_body(Uuid::now_v7());
    body["plan_id"] = json!(Uuid::now_v7());
    body["target_group_codes"] = json!(["nikdo"]);
    let problem = app.post_survey(Some(&local.token), body).await.expect(422);
    assert_eq!(fields(&problem), ["territory_id", "plan_id", "target_group_codes[0]"]);
    // So are broken questions.
    let broken = json!({"title": "X", "territory_id": here, "questions": [
        {"kind": "single_choice", "text": "Jedna možnost", "options": ["Ano"]},
        {"kind": "scale", "text": "Bez mezí"},
        {"kind": "text", "text": " ", "options": ["A", "B"]}
    ]});
    let problem = app.post_survey(Some(&local.token), broken).await.expect(422);
    assert_eq!(fields(&problem), ["questions[0].options", "questions[1].min", "questions[2].text", "questions[2].options"]);
});

both!(a_response_that_does_not_fit_is_422_naming_the_question, |app| async move {
    let territory = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, None).await;
    let coordinator = app.coordinator().await;
    let (survey, q) = app.open_survey(&coordinator.token, territory).await;
    let bad = |answers: serde_json::Value| json!({"answers": answers});
    let cases = [
        // An option out of range.
        (
            bad(json!([{"question_id": q[0], "option_indexes": [3]}, {"question_id": q[1], "option_indexes": [0]}])),
            vec!["answers[0].option_indexes[0]".to_string()],
        ),
        // A required answer missing, and one left empty.
        (bad(json!([{"question_id": q[0], "option_indexes": []}])), vec!["answers[0]".into(), format!("questions.{}", q[1])]),
        // A value outside min–max, and a point between the scale's points.
        (
            bad(json!([
                {"question_id": q[0], "option_indexes": [0]},
                {"question_id": q[1], "option_indexes": [0]},
                {"question_id": q[2], "value": 2.5},
                {"question_id": q[3], "value": 111}
            ])),
            vec!["answers[2].value".into(), "answers[3].value".into()],
        ),
        // Two options for a single choice; a question of another survey.
        (
            bad(json!([
                {"question_id": q[0], "option_indexes": [0, 1]},
                {"question_id": q[1], "option_indexes": [0]},
                {"question_id": Uuid::now_v7(), "text": "?"}
            ])),
            vec!["answers[0].option_indexes".into(), "answers[2].question_id".into()],
        ),
    ];
    for (body, expected) in cases {
        let problem = app.respond(&survey, None, body).await.expect(422);
        assert_eq!(fields(&problem), expected, "{problem}");
    }
    let problem = app.respond(&survey, None, bad(json!([{"question_id": q[0], "option_indexes": [3]}]))).await.expect(422);
    assert_eq!(problem["errors"][0]["max"], 2);
    assert!(items(&app.get(&format!("/surveys/{survey}/responses"), Some(&coordinator.token)).await.expect(200)).is_empty());
});

both!(results_are_exact_and_public_only_once_closed_with_results_public, |app| async move {
    let territory = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, None).await;
    let coordinator = app.coordinator().await;
    let member = app.member().await;
    let (survey, q) = app.open_survey(&coordinator.token, territory).await;
    let responses = [
        (0, vec![0, 1], 5, Some(30), Some("A")),
        (0, vec![1], 3, Some(40), None),
        (2, vec![1, 2], 4, None, Some("B")),
        (1, vec![0], 1, Some(71), Some("   ")),
    ];
    for (single, multiple, scale, number, text) in responses {
        let mut answers = vec![
            json!({"question_id": q[0], "option_indexes": [single]}),
            json!({"question_id": q[1], "option_indexes": multiple}),
            json!({"question_id": q[2], "value": scale}),
        ];
        if let Some(n) = number {
            answers.push(json!({"question_id": q[3], "value": n}));
        }
        if let Some(t) = text {
            answers.push(json!({"question_id": q[4], "text": t}));
        }
        app.respond(&survey, Some(&member.token), json!({"answers": answers})).await.expect(201);
    }
    // Staff enter a paper questionnaire; nobody else may.
    let paper = json!({"channel": "paper", "answers": [{"question_id": q[0], "option_indexes": [2]}, {"question_id": q[1], "option_indexes": [2]}]});
    app.respond(&survey, None, paper.clone()).await.expect(401);
    app.respond(&survey, Some(&member.token), paper.clone()).await.expect(403);
    let entered = app.respond(&survey, Some(&coordinator.token), paper).await.expect(201);
    assert_eq!(entered["channel"], "paper");
    assert_eq!(entered["entered_by"], coordinator.id.to_string());

    let path = format!("/surveys/{survey}/results");
    // While open: staff only.
    app.get(&path, None).await.expect(401);
    app.get(&path, Some(&member.token)).await.expect(403);
    let results = app.get(&path, Some(&coordinator.token)).await.expect(200);
    assert_eq!(results["responses"], 5);
    let r = &results["questions"];
    assert_eq!((r[0]["n"].clone(), r[0]["counts"].clone()), (json!(5), json!([2, 1, 2])));
    assert_eq!((r[1]["n"].clone(), r[1]["counts"].clone()), (json!(5), json!([2, 3, 2])));
    assert_eq!((r[2]["n"].clone(), r[2]["mean"].clone(), r[2]["median"].clone()), (json!(4), json!(3.25), json!(3.5)));
    assert_eq!(r[2]["counts"], json!(null));
    assert_eq!((r[3]["n"].clone(), r[3]["mean"].clone(), r[3]["median"].clone()), (json!(3), json!(47.0), json!(40.0)));
    assert_eq!((r[4]["n"].clone(), r[4]["texts"].clone()), (json!(2), json!(["B", "A"])));
    assert_eq!(r[4]["mean"], json!(null));

    // Closed without results_public: still staff only.
    app.survey_status(&survey, Some(&coordinator.token), "closed").await.expect(200);
    app.get(&path, None).await.expect(401);
    app.get(&path, Some(&member.token)).await.expect(403);
    app.patch(&format!("/surveys/{survey}"), Some(&coordinator.token), json!({"results_public": true})).await.expect(200);
    let public = app.get(&path, None).await.expect(200);
    assert_eq!(public["questions"], results["questions"]);
    // The responses stay staff's.
    app.get(&format!("/surveys/{survey}/responses"), None).await.expect(401);
    app.get(&format!("/surveys/{survey}/responses"), Some(&member.token)).await.expect(403);
    let page = app.get(&format!("/surveys/{survey}/responses?limit=2"), Some(&coordinator.token)).await.expect(200);
    assert_eq!(items(&page).len(), 2);
    assert_eq!(items(&page)[0]["answers"][2], json!({"question_id": q[2], "option_indexes": [], "value": 5.0, "text": null}));
    assert!(page["next_cursor"].is_string());
});

both!(responses_download_as_csv, |app| async move {
    let territory = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, None).await;
    let coordinator = app.coordinator().await;
    let (survey, q) = app.open_survey(&coordinator.token, territory).await;
    let answers = json!({"answers": [
        {"question_id": q[0], "option_indexes": [1]},
        {"question_id": q[1], "option_indexes": [0, 2]},
        {"question_id": q[3], "value": 67.5},
        {"question_id": q[4], "text": "Doprava; a pak \"víkendy\""}
    ]});
    let response = app.respond(&survey, None, answers).await.expect(201);
    let csv = app
        .send(reqwest::Method::GET, &format!("/surveys/{survey}/responses"), Some(&coordinator.token), None, &[("accept", "text/csv")])
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let mut lines = csv.text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}Odpověď;Přijato;Kanál;1. Jak hodnotíte dostupnost služeb?;2. Co vám chybí?;3. Spokojenost s informacemi;4. Kolik je vám let?;5. Co by vám pomohlo?"
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with(&format!("{};", id(&response))), "{row}");
    assert!(row.ends_with(";web;Špatná;Doprava | Poradna;;67,5;\"Doprava; a pak \"\"víkendy\"\"\""), "{row}");
    assert!(lines.next().is_none());
    let by_query = app.get(&format!("/surveys/{survey}/responses?format=csv"), Some(&coordinator.token)).await;
    assert_eq!(by_query.text, csv.text);
    let refused = app
        .send(reqwest::Method::GET, &format!("/surveys/{survey}/responses?format=csv"), Some(&app.member().await.token), None, &[])
        .await;
    assert_eq!(refused.status, 403);
});

both!(anonymous_responses_are_limited_per_address, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.limits.anonymous_survey_responses_per_address = 2).await;
    let territory = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, None).await;
    let coordinator = app.coordinator().await;
    let (survey, q) = app.open_survey(&coordinator.token, territory).await;
    let answer = json!({"answers": [{"question_id": q[0], "option_indexes": [0]}, {"question_id": q[1], "option_indexes": [0]}]});
    // A response refused as invalid does not count.
    app.respond(&survey, None, json!({"answers": []})).await.expect(422);
    app.respond(&survey, None, answer.clone()).await.expect(201);
    app.respond(&survey, None, answer.clone()).await.expect(201);
    let limited = app.respond(&survey, None, answer.clone()).await;
    limited.expect(429);
    assert!(limited.header("retry-after").is_some());
    // Signed-in people are counted by their account's write limit instead.
    app.respond(&survey, Some(&app.member().await.token), answer).await.expect(201);
});
