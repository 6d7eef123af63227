//! Activities (aktivity) of a measure: order, validation, the cost against the measure's, who may
//! change them, and what is frozen once the plan is approved.
use entity::enums::MemberRole;
use serde_json::json;

use crate::both;
use crate::helpers::*;

both!(activities_crud_validation_and_the_cost_mismatch, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři"})).await;
    let measure =
        app.create_measure(&goal, &c.token, json!({"code": "1.1", "title": "Odlehčovací služba", "estimated_cost": "100000"})).await;
    let list = format!("/measures/{measure}/activities");

    let first = app
        .post(&list, t, json!({"title": "Nábor pečovatelek", "responsible": " Charita ", "year_from": 2025, "year_to": 2026, "estimated_cost": "60000"}))
        .await
        .expect(201);
    assert_eq!((first["status"].as_str(), first["position"].as_i64()), (Some("planned"), Some(1)));
    assert_eq!((first["estimated_cost"].as_str(), first["responsible"].as_str()), (Some("60000.00"), Some("Charita")));
    assert_eq!((first["plan_id"].as_str(), first["measure_id"].as_str()), (Some(plan.as_str()), Some(measure.as_str())));
    // 60 000 of the measure's 100 000: shown as a mismatch, not refused.
    let page = app.get(&list, t).await.expect(200);
    assert_eq!((page["measure_cost"].as_str(), page["activities_cost"].as_str()), (Some("100000.00"), Some("60000.00")));
    assert_eq!(page["cost_mismatch"], true);
    let second = id(&app
        .post(&list, t, json!({"title": "Provoz", "year_from": 2026, "year_to": 2026, "estimated_cost": "40000"}))
        .await
        .expect(201));
    let page = app.get(&list, t).await.expect(200);
    let titles: Vec<&str> = items(&page).iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Nábor pečovatelek", "Provoz"]);
    assert_eq!((page["activities_cost"].as_str(), page["cost_mismatch"].as_bool()), (Some("100000.00"), Some(false)));

    // Each wrong field named.
    let problem = app.post(&list, t, json!({"title": " ", "year_from": 2027, "year_to": 2026, "estimated_cost": "1,5"})).await.expect(422);
    assert_eq!(fields(&problem), ["title", "year_to", "estimated_cost"]);
    let problem = app.post(&list, t, json!({"title": "X", "year_from": 1999, "year_to": 2101})).await.expect(422);
    assert_eq!(fields(&problem), ["year_from", "year_to"]);
    let path = format!("/activities/{}", id(&first));
    // The year kept (2025) is checked with the one sent.
    assert_eq!(fields(&app.patch(&path, t, json!({"year_to": 2024})).await.expect(422)), ["year_to"]);
    let patched = app.patch(&path, t, json!({"title": "Nábor a zaškolení", "estimated_cost": null})).await.expect(200);
    assert_eq!((patched["version"].as_i64(), patched["estimated_cost"].is_null()), (Some(2), true));
    app.patch_if(&path, t, "\"1\"", json!({"title": "Staré"})).await.expect(412);
    let page = app.get(&list, t).await.expect(200);
    assert_eq!((page["activities_cost"].as_str(), page["cost_mismatch"].as_bool()), (Some("40000.00"), Some(true)));

    // A draft's activities do not exist for the public.
    app.get(&path, None).await.expect(404);
    app.get(&list, None).await.expect(404);
    app.post(&format!("/measures/{}/activities", uuid::Uuid::now_v7()), t, json!({"title": "X", "year_from": 2025, "year_to": 2025}))
        .await
        .expect(404);
    app.delete(&format!("/activities/{second}"), t).await.expect(204);
    app.get(&format!("/activities/{second}"), t).await.expect(404);
    // Deleting the measure takes its activities with it.
    app.delete(&format!("/measures/{measure}"), t).await.expect(204);
    app.get(&path, t).await.expect(404);
});

both!(activities_follow_their_measure_rights_and_freeze_with_the_plan, |app| async move {
    let c = app.coordinator().await;
    let ct = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let group = app.create_group(&c.token, "Senioři").await;
    let leader = app.member().await;
    app.join(&leader, &group, MemberRole::Leader).await;
    let plain = app.member().await;
    app.join(&plain, &group, MemberRole::Member).await;
    let lt = Some(leader.token.as_str());
    let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři", "working_group_id": group})).await;
    let measure = app.create_measure(&goal, &c.token, json!({"code": "1.1", "title": "Odlehčovací služba"})).await;
    let list = format!("/measures/{measure}/activities");
    let body = json!({"title": "Nábor pečovatelek", "year_from": 2025, "year_to": 2026});

    // The leader of the owning group may, as for the measure; a plain member and the public may not.
    let activity = id(&app.post(&list, lt, body.clone()).await.expect(201));
    app.post(&list, Some(&plain.token), body.clone()).await.expect(403);
    app.post(&list, None, body.clone()).await.expect(404);
    let path = format!("/activities/{activity}");
    app.patch(&path, Some(&plain.token), json!({"title": "Ne"})).await.expect(403);

    app.start_consultation(&plan, &c.token).await;
    app.approve(&plan, &c.token, "usnesení č. 5", "2026-12-01").await;
    // Approved: public, and frozen but for its status.
    assert_eq!(app.get(&path, None).await.expect(200)["title"], "Nábor pečovatelek");
    assert_eq!(app.post(&list, ct, body.clone()).await.expect(409)["code"], "frozen");
    assert_eq!(app.patch(&path, ct, json!({"title": "Jiný"})).await.expect(409)["code"], "frozen");
    assert_eq!(app.delete(&path, ct).await.expect(409)["code"], "frozen");
    assert_eq!(app.patch(&path, ct, json!({"status": "in_progress"})).await.expect(200)["status"], "in_progress");
    // Leaders' rights end with the approval, as for the measure.
    app.patch(&path, lt, json!({"status": "completed"})).await.expect(403);

    // The plan document lists each measure's activities.
    let document = app.get(&format!("/plans/{plan}/export"), None).await;
    assert_eq!(document.status, 200);
    assert!(document.text.contains("Aktivity opatření 1.1") && document.text.contains("Nábor pečovatelek"), "{}", document.text);
    let markdown = app.get(&format!("/plans/{plan}/export?format=md"), None).await;
    assert!(markdown.text.contains("Nábor pečovatelek") && markdown.text.contains("2025–2026"), "{}", markdown.text);
});
