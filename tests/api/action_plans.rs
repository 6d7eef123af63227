//! Yearly action plans: one per plan and year, items naming the plan's measures and their
//! activities with money by source, approval, and the freeze after it.
use entity::enums::TerritoryKind;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

/// A draft plan (2025–2027) of `c` with a goal of `group`, a measure and an activity of it running 2026–2027.
async fn plan_with_activity(app: &TestApp, c: &TestUser, group: Option<&str>) -> (String, String, String) {
    let plan = app.plan(c).await;
    let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři", "working_group_id": group})).await;
    let measure = app.create_measure(&goal, &c.token, json!({"code": "1.1", "title": "Odlehčovací služba"})).await;
    let activity = app
        .post(&format!("/measures/{measure}/activities"), Some(&c.token), json!({"title": "Nábor", "year_from": 2026, "year_to": 2027}))
        .await
        .expect(201);
    (plan, measure, id(&activity))
}

fn item(measure: &str, activities: &[&str], planned: Value) -> Value {
    json!({"measure_id": measure, "activity_ids": activities, "planned": planned})
}

both!(action_plans_crud_validation_and_one_per_year, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let (plan, measure, activity) = plan_with_activity(&app, &c, None).await;
    let (_, foreign_measure, foreign_activity) = plan_with_activity(&app, &c, None).await;
    let list = format!("/plans/{plan}/action-plans");
    let money = json!([{"source": "municipality", "amount": "50000"}, {"source": "region", "amount": "25000.5"}]);
    let mut body = item(&measure, &[&activity], money.clone());
    body["note"] = json!(" Pilotně ");
    let created = app.post(&list, t, json!({"year": 2026, "items": [body]})).await.expect(201);
    assert_eq!((created["status"].as_str(), created["year"].as_i64()), (Some("draft"), Some(2026)));
    assert_eq!(created["items"][0]["planned"][1]["amount"], "25000.50");
    assert_eq!(created["items"][0]["note"], "Pilotně");
    assert_eq!(created["totals"], json!([{"source": "municipality", "amount": "50000.00"}, {"source": "region", "amount": "25000.50"}]));
    assert_eq!(created["total"], "75000.50");

    // One per plan and year: 409 naming the field.
    let taken = app.post(&list, t, json!({"year": 2026})).await.expect(409);
    assert_eq!((taken["errors"][0]["field"].as_str(), taken["errors"][0]["code"].as_str()), (Some("year"), Some("duplicate")));
    // Within the plan's period.
    let outside = app.post(&list, t, json!({"year": 2030})).await.expect(422);
    assert_eq!((fields(&outside), outside["errors"][0]["max"].as_i64()), (vec!["year".to_string()], Some(2027)));
    // Items name measures of this plan and activities of that measure that run that year.
    let wrong = |items: Value| json!({"year": 2027, "items": items});
    let cases = [
        (wrong(json!([item(&foreign_measure, &[], json!([]))])), "items[0].measure_id"),
        (wrong(json!([item(&measure, &[&foreign_activity], json!([]))])), "items[0].activity_ids[0]"),
        (wrong(json!([item(&measure, &[], json!([{"source": "eu", "amount": "1,5"}]))])), "items[0].planned[0].amount"),
        (
            wrong(json!([item(&measure, &[], json!([{"source": "eu", "amount": "1"}, {"source": "eu", "amount": "2"}]))])),
            "items[0].planned[1]",
        ),
        (wrong(json!([item(&measure, &[], json!([])), item(&measure, &[], json!([]))])), "items[1]"),
        (json!({"year": 2025, "items": [item(&measure, &[&activity], json!([]))]}), "items[0].activity_ids[0]"),
    ];
    for (body, field) in cases {
        let problem = app.post(&list, t, body).await.expect(422);
        assert_eq!(fields(&problem), [field], "{problem}");
    }
    let earlier = id(&app.post(&list, t, json!({"year": 2025})).await.expect(201));
    let years: Vec<i64> = items(&app.get(&list, t).await.expect(200)).iter().map(|a| a["year"].as_i64().unwrap()).collect();
    assert_eq!(years, [2025, 2026]);
    // Moving a year away from the years its activities run in, or onto a taken one.
    let path = format!("/action-plans/{}", id(&created));
    assert_eq!(fields(&app.patch(&path, t, json!({"year": 2025})).await.expect(422)), ["items[0].activity_ids[0]"]);
    let patched =
        app.patch(&path, t, json!({"items": [item(&measure, &[], json!([{"source": "state", "amount": "10"}]))]})).await.expect(200);
    assert_eq!((patched["version"].as_i64(), patched["total"].as_str()), (Some(2), Some("10.00")));
    assert_eq!(app.patch(&path, t, json!({"year": 2025})).await.expect(409)["errors"][0]["field"], "year");
    app.patch(&format!("/action-plans/{earlier}"), t, json!({"year": 2026})).await.expect(409);
    assert_eq!(
        fields(&app.patch(&path, t, json!({"year": 2027, "items": [item(&measure, &[&foreign_activity], json!([]))]})).await.expect(422)),
        ["items[0].activity_ids[0]"]
    );
    // What a year's plan names is not deleted from under it.
    let named = app.patch(&path, t, json!({"items": [item(&measure, &[&activity], json!([]))]})).await.expect(200);
    assert_eq!(named["items"][0]["activity_ids"][0], activity.as_str());
    assert_eq!(app.delete(&format!("/activities/{activity}"), t).await.expect(409)["code"], "in_use");
    assert_eq!(app.delete(&format!("/measures/{measure}"), t).await.expect(409)["code"], "in_use");
    // A draft plan's action plans do not exist for the public.
    app.get(&path, None).await.expect(404);
    app.get(&list, None).await.expect(404);
    app.delete(&format!("/action-plans/{earlier}"), t).await.expect(204);
    app.get(&format!("/action-plans/{earlier}"), t).await.expect(404);
});

both!(approval_needs_its_resolution_and_freezes_the_year, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let steering = app.create_group(&c.token, "Řídící skupina").await;
    let (plan, measure, activity) = plan_with_activity(&app, &c, Some(&steering)).await;
    let list = format!("/plans/{plan}/action-plans");
    let member = app.member().await;
    let body = json!({"year": 2027, "items": [item(&measure, &[&activity], json!([{"source": "municipality", "amount": "1000"}]))]});
    app.post(&list, Some(&member.token), body.clone()).await.expect(403);
    let created = app.post(&list, t, body).await.expect(201);
    let path = format!("/action-plans/{}", id(&created));
    app.patch(&path, Some(&member.token), json!({"status": "approved"})).await.expect(403);

    // Approval names its resolution and day; they come only with it.
    assert_eq!(fields(&app.patch(&path, t, json!({"status": "approved"})).await.expect(422)), ["approval_resolution", "approved_on"]);
    assert_eq!(fields(&app.patch(&path, t, json!({"approved_on": "2026-11-30"})).await.expect(422)), ["approved_on"]);
    let approve = |meeting: Value| json!({"status": "approved", "approved_on": "2026-11-30", "approval_resolution": "usnesení ŘS č. 5/2026", "approved_at_meeting_id": meeting});
    // The meeting: one that exists, of a group of the plan's territory or owning its goals.
    let elsewhere = app.territory_row(Uuid::now_v7(), TerritoryKind::Orp, None).await;
    let stranger = app.placed_group("PS jinde", Some(elsewhere)).await;
    let foreign_meeting = app.meeting_row(stranger).await;
    assert_eq!(fields(&app.patch(&path, t, approve(json!(foreign_meeting))).await.expect(422)), ["approved_at_meeting_id"]);
    assert_eq!(fields(&app.patch(&path, t, approve(json!(Uuid::now_v7()))).await.expect(422)), ["approved_at_meeting_id"]);
    let meeting = app.meeting_row(steering.parse().unwrap()).await;
    let approved = app.patch(&path, t, approve(json!(meeting))).await.expect(200);
    assert_eq!((approved["status"].as_str(), approved["approved_on"].as_str()), (Some("approved"), Some("2026-11-30")));
    assert_eq!(
        (approved["approval_resolution"].as_str(), approved["approved_at_meeting_id"].as_str()),
        (Some("usnesení ŘS č. 5/2026"), Some(meeting.to_string().as_str()))
    );

    // Frozen: every change and the deletion are refused.
    for change in [json!({"items": []}), json!({"status": "draft"}), json!({"year": 2026})] {
        assert_eq!(app.patch(&path, t, change).await.expect(409)["code"], "frozen");
    }
    assert_eq!(app.delete(&path, t).await.expect(409)["code"], "frozen");
    // The meeting whose resolution approved it stays.
    assert_ne!(app.delete(&format!("/meetings/{meeting}"), t).await.status.as_u16(), 204);
    // Public once the plan is.
    app.get(&path, None).await.expect(404);
    app.start_consultation(&plan, &c.token).await;
    assert_eq!(app.get(&path, None).await.expect(200)["status"], "approved");
    assert_eq!(items(&app.get(&list, None).await.expect(200)).len(), 1);
});
