//! Plan versions: a snapshot at every lifecycle move, and what changed between two of them (or a
//! version and now), public as the plan is.
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

/// The ids of a diff section's `added`, `removed` or `changed` rows.
fn ids_of(section: &Value, kind: &str) -> Vec<String> {
    section[kind].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

both!(every_move_takes_a_version_and_the_diff_shows_what_changed, |app| async move {
    let c = app.open_consultation().await;
    let t = Some(c.coordinator.token.as_str());
    let versions_path = format!("/plans/{}/versions", c.plan);
    let versions = app.get(&versions_path, None).await.expect(200);
    assert_eq!(items(&versions).len(), 1, "opening the consultation took a version: {versions}");
    let consultation = items(&versions)[0].clone();
    assert_eq!(consultation["status"], "consultation");

    // Reworked after the consultation: the summary rewritten, a goal added, the measure renamed
    // and a second one added then removed.
    app.patch(&format!("/plans/{}", c.plan), t, json!({"summary": "Souhrn plánu po připomínkách"})).await.expect(200);
    let added = app.create_goal(&c.plan, &c.coordinator.token, json!({"code": "2", "title": "Rodiny s dětmi"})).await;
    app.patch_measure(&c.measure, t, json!({"title": "Odlehčovací služba v terénu"})).await.expect(200);
    let approved_on = api::clock::today().to_string();
    app.approve(&c.plan, &c.coordinator.token, "usnesení ZM č. 12/2026", &approved_on).await;

    let versions = app.get(&versions_path, None).await.expect(200);
    let statuses: Vec<&str> = items(&versions).iter().map(|v| v["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["consultation", "approved"]);
    let approved = &items(&versions)[1];
    let query = format!("/plans/{}/diff?from={}&to={}", c.plan, consultation["id"].as_str().unwrap(), approved["id"].as_str().unwrap());
    let diff = app.get(&query, None).await.expect(200);
    assert_eq!((diff["from"]["status"].as_str(), diff["to"]["status"].as_str()), (Some("consultation"), Some("approved")));

    // The plan's summary, word by word; the lifecycle fields are not content.
    let plan_fields: Vec<&str> = diff["plan"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    assert_eq!(plan_fields, ["summary"], "{diff}");
    let words = diff["plan"][0]["words"].as_array().unwrap();
    let rebuilt: String = words.iter().filter(|w| w["op"] != "delete").map(|w| w["text"].as_str().unwrap()).collect();
    assert_eq!(rebuilt, "Souhrn plánu po připomínkách");
    assert!(words.iter().any(|w| w["op"] == "insert" && w["text"].as_str().unwrap().contains("připomínkách")));

    assert_eq!(ids_of(&diff["goals"], "added"), vec![added]);
    assert!(ids_of(&diff["goals"], "removed").is_empty() && ids_of(&diff["goals"], "changed").is_empty());
    assert_eq!(ids_of(&diff["measures"], "changed"), vec![c.measure.clone()]);
    let change = &diff["measures"]["changed"][0];
    assert_eq!((change["code"].as_str(), change["changes"][0]["field"].as_str()), (Some("1.1"), Some("title")));
    assert_eq!(
        (change["changes"][0]["before"].as_str(), change["changes"][0]["after"].as_str()),
        (Some("Odlehčovací služba"), Some("Odlehčovací služba v terénu"))
    );
    assert_eq!(change["changes"].as_array().unwrap().len(), 1, "version and timestamps are bookkeeping: {change}");

    // A version against now: implementation changes made after approval show up; now against
    // now is nothing.
    app.patch_measure(&c.measure, t, json!({"progress": 40})).await.expect(200);
    let since = app.get(&format!("/plans/{}/diff?from={}", c.plan, approved["id"].as_str().unwrap()), None).await.expect(200);
    assert!(since["to"]["version_id"].is_null());
    assert_eq!(since["measures"]["changed"][0]["changes"][0]["field"], "progress");
    let nothing = app.get(&format!("/plans/{}/diff?from=current&to=current", c.plan), None).await.expect(200);
    assert!(nothing["plan"].as_array().unwrap().is_empty() && ids_of(&nothing["measures"], "changed").is_empty());
});

both!(versions_are_as_public_as_their_plan, |app| async move {
    let coordinator = app.coordinator().await;
    let plan = app.plan(&coordinator).await;
    app.start_consultation(&plan, &coordinator.token).await;
    app.move_plan(&plan, Some(&coordinator.token), json!({"status": "draft", "note": "Přepracovat"})).await.expect(200);
    let signed_in = app.get(&format!("/plans/{plan}/versions"), Some(&coordinator.token)).await.expect(200);
    let reasons: Vec<&Value> = items(&signed_in).iter().map(|v| &v["reason"]).collect();
    assert_eq!(reasons, [&Value::Null, &json!("Přepracovat")]);
    // Back in draft, the plan and its versions are not the public's.
    app.get(&format!("/plans/{plan}/versions"), None).await.expect(404);
    app.get(&format!("/plans/{plan}/diff?from=current"), None).await.expect(404);
});

both!(a_diff_names_the_side_it_cannot_find, |app| async move {
    let c = app.open_consultation().await;
    let other = app.open_consultation().await;
    let theirs = items(&app.get(&format!("/plans/{}/versions", other.plan), None).await.json())[0]["id"].as_str().unwrap().to_string();
    let path = |q: &str| format!("/plans/{}/diff?{q}", c.plan);
    let bad = app.get(&path("from=včera"), None).await.expect(422);
    assert_eq!(fields(&bad), ["from"]);
    let bad = app.get(&path("from=current&to=42"), None).await.expect(422);
    assert_eq!(fields(&bad), ["to"]);
    let elsewhere = app.get(&path(&format!("from={theirs}")), None).await.expect(422);
    assert_eq!((fields(&elsewhere), elsewhere["errors"][0]["code"].as_str()), (vec!["from".to_string()], Some("not_found")));
    app.get(&path(""), None).await.expect(400);
    app.get(&path("from=current&since=now"), None).await.expect(400);
});
