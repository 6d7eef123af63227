//! The next cycle's plan (`POST /plans/{id}/successor`): a draft of the same territory whose goals
//! and measures are copies naming their originals, the indicators starting from their last value.
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

fn next_cycle() -> Value {
    json!({"title": "Navazující komunitní plán ORP Český Krumlov", "period_start": 2028, "period_end": 2030})
}

both!(the_next_plan_copies_goals_and_measures_naming_their_originals, |app| async move {
    let c = app.open_consultation().await;
    let t = c.coordinator.token.as_str();
    let organization = app.create_organization(t, "Diakonie Krumlovsko, z. ú.").await;
    let sub_goal = app.create_goal(&c.plan, t, json!({"code": "1.A", "title": "Péče doma", "parent_goal_id": c.goal})).await;
    let measure = app
        .create_measure(
            &sub_goal,
            t,
            json!({
                "code": "1.A.1", "title": "Pečovatelská služba o víkendech", "description": "Rozšířit službu na víkendy.",
                "responsible": "Odbor sociálních věcí", "partner_organization_ids": [organization], "weight": 3,
                "estimated_cost": "250000", "start_date": "2025-01-01",
                "funding_sources": [{"year": 2025, "source": "municipality", "planned": "100000", "actual": "90000"}],
                "indicators": [
                    {"name": "Klienti o víkendech", "unit": "osob", "baseline": 10.0, "target": 30.0,
                     "values": [{"year": 2026, "value": 22.0}, {"year": 2025, "value": 15.0}]},
                    {"name": "Spokojenost", "unit": "%", "baseline": 70.0, "target": 90.0}
                ]
            }),
        )
        .await;

    // Not before the plan is approved.
    let early = app.post(&format!("/plans/{}/successor", c.plan), Some(t), next_cycle()).await.expect(409);
    assert_eq!(early["code"], "lifecycle");
    app.approve(&c.plan, t, "usnesení ZM č. 12/2026", &api::clock::today().to_string()).await;

    let created = app.post(&format!("/plans/{}/successor", c.plan), Some(t), next_cycle()).await.succeeded(201);
    let next = created.json();
    assert_eq!(created.header("location"), Some(format!("/api/v1/plans/{}", id(&next))));
    assert_eq!((next["status"].as_str(), next["previous_id"].as_str()), (Some("draft"), Some(c.plan.as_str())));
    assert_eq!((next["period_start"].as_i64(), next["period_end"].as_i64()), (Some(2028), Some(2030)));
    let old = app.get(&format!("/plans/{}", c.plan), None).await.expect(200);
    assert_eq!((next["territory_id"].clone(), next["summary"].clone()), (old["territory_id"].clone(), old["summary"].clone()));
    // The old plan finds its successor.
    let following = app.get(&format!("/plans?previous_id={}", c.plan), Some(t)).await.expect(200);
    assert_eq!(items(&following).iter().map(id).collect::<Vec<_>>(), [id(&next)]);

    // Goals: each names its original, the nesting kept within the new plan.
    let goals = app.get(&format!("/plans/{}/goals", id(&next)), Some(t)).await.expect(200);
    let copy_of = |original: &str| items(&goals).iter().find(|g| g["previous_id"] == original).cloned().unwrap();
    let (top, sub) = (copy_of(&c.goal), copy_of(&sub_goal));
    assert_eq!((top["code"].as_str(), top["parent_goal_id"].as_str()), (Some("1"), None));
    assert_eq!((sub["title"].as_str(), sub["parent_goal_id"].as_str()), (Some("Péče doma"), Some(id(&top).as_str())));

    // Measures: the texts and links carried, the old cycle's state and money left behind, each
    // indicator's last measured value its new baseline.
    let measures = app.get(&format!("/measures?plan_id={}", id(&next)), Some(t)).await.expect(200);
    assert_eq!(items(&measures).len(), 2);
    let copy = items(&measures).iter().find(|m| m["previous_id"] == measure.as_str()).unwrap();
    assert_eq!(copy["goal_id"], sub["id"]);
    assert_eq!((copy["code"].as_str(), copy["description"].as_str()), (Some("1.A.1"), Some("Rozšířit službu na víkendy.")));
    assert_eq!((copy["weight"].as_i64(), copy["partner_organization_ids"].clone()), (Some(3), json!([organization])));
    assert_eq!((copy["status"].as_str(), copy["progress"].as_i64()), (Some("planned"), Some(0)));
    assert!(copy["estimated_cost"].is_null() && copy["start_date"].is_null(), "{copy}");
    assert_eq!(copy["funding_sources"], json!([]));
    assert_eq!(
        copy["indicators"],
        json!([
            {"name": "Klienti o víkendech", "unit": "osob", "baseline": 22.0, "target": 30.0, "values": []},
            {"name": "Spokojenost", "unit": "%", "baseline": 70.0, "target": 90.0, "values": []}
        ])
    );
    // The original is untouched.
    let original = app.get(&format!("/measures/{measure}"), None).await.expect(200);
    assert_eq!(original["indicators"][0]["baseline"], 10.0);
    // The copies are found by search as the new plan's (a draft: by staff only).
    let found = app.get("/search?q=víkendech", Some(t)).await.expect(200);
    assert!(items(&found).iter().any(|h| h["id"] == copy["id"]), "{found}");

    // One successor a plan.
    let again = app.post(&format!("/plans/{}/successor", c.plan), Some(t), next_cycle()).await.expect(409);
    assert_eq!(again["code"], "duplicate");
});

both!(the_next_plan_starts_later_and_is_the_plans_coordinators_business, |app| async move {
    let c = app.open_consultation().await;
    let t = c.coordinator.token.as_str();
    app.approve(&c.plan, t, "usnesení ZM č. 12/2026", &api::clock::today().to_string()).await;
    let path = format!("/plans/{}/successor", c.plan);

    let same_start = app.post(&path, Some(t), json!({"title": "Plán", "period_start": 2025, "period_end": 2027})).await.expect(422);
    assert_eq!(fields(&same_start), ["period_start"]);
    let backwards = app.post(&path, Some(t), json!({"title": " ", "period_start": 2029, "period_end": 2028})).await.expect(422);
    assert_eq!(fields(&backwards), ["title", "period_end"]);
    // The status is not the client's to send: every successor starts as a draft.
    let unknown = app.post(&path, Some(t), json!({"title": "Plán", "period_start": 2028, "period_end": 2030, "status": "approved"})).await;
    unknown.expect(400);

    app.post(&path, None, next_cycle()).await.expect(401);
    let member = app.member().await;
    app.post(&path, Some(&member.token), next_cycle()).await.expect(403);
    // Nothing was made by the refused calls.
    let following = app.get(&format!("/plans?previous_id={}", c.plan), Some(t)).await.expect(200);
    assert!(items(&following).is_empty());
});
