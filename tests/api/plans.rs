//! Plans: CRUD, visibility, ETag / If-Match, validation, lifecycle.
use serde_json::json;

use crate::both;
use crate::helpers::*;

both!(create_read_update_delete, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let created = app
        .post_plan(
            t,
            json!({"title": " 6. komunitní plán ", "territory": "Statutární město Ostrava", "period_start": 2023, "period_end": 2026}),
        )
        .await;
    let plan = created.expect(201);
    let id = plan["id"].as_str().unwrap();
    assert_eq!(created.header("location").unwrap(), format!("/api/v1/plans/{id}"));
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(plan["title"], "6. komunitní plán");
    assert_eq!(plan["status"], "draft");
    assert_eq!(plan["version"], 1);
    assert!(plan["progress"].is_null());

    let read = app.get(&format!("/plans/{id}"), t).await;
    assert_eq!(read.expect(200)["territory"], "Statutární město Ostrava");
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));

    let updated = app.patch(&format!("/plans/{id}"), t, json!({"summary": "Nový souhrn"})).await.expect(200);
    assert_eq!(updated["summary"], "Nový souhrn");
    assert_eq!(updated["version"], 2);

    // A stale If-Match loses nothing and says 412; the current one goes through.
    let stale = app.patch_if(&format!("/plans/{id}"), t, "\"1\"", json!({"title": "Jiný"})).await;
    stale.expect(412);
    assert_eq!(app.get(&format!("/plans/{id}"), t).await.json()["title"], "6. komunitní plán");
    let fresh = app.patch_if(&format!("/plans/{id}"), t, "\"2\"", json!({"title": "Jiný"})).await;
    assert_eq!(fresh.expect(200)["version"], 3);
    app.patch_if(&format!("/plans/{id}"), t, "garbage", json!({})).await.expect(400);

    app.delete_if(&format!("/plans/{id}"), t, "\"1\"").await.expect(412);
    app.delete(&format!("/plans/{id}"), t).await.expect(204);
    app.get(&format!("/plans/{id}"), t).await.expect(404);
    app.delete(&format!("/plans/{id}"), t).await.expect(404);
});

both!(validation_names_each_field, |app| async move {
    let c = app.coordinator().await;
    let problem =
        app.post_plan(Some(&c.token), json!({"title": "  ", "territory": "", "period_start": 2027, "period_end": 2025})).await.expect(422);
    assert_eq!(fields(&problem), ["title", "territory", "period_end"]);
    let long = "x".repeat(301);
    let problem =
        app.post_plan(Some(&c.token), json!({"title": long, "territory": "t", "period_start": 2025, "period_end": 2025})).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "title");
    assert_eq!(items(&app.get("/plans", Some(&c.token)).await.json()).len(), 0, "nothing was stored");
});

both!(drafts_are_invisible_to_the_public, |app| async move {
    let c = app.coordinator().await;
    let id = app.plan(&c).await;
    app.get(&format!("/plans/{id}"), None).await.expect(404);
    assert_eq!(items(&app.get("/plans", None).await.json()).len(), 0);
    let member = app.member().await;
    app.get(&format!("/plans/{id}"), Some(&member.token)).await.expect(200);
    // Opening the consultation makes it public.
    app.start_consultation(&id, &c.token).await;
    let public = app.get(&format!("/plans/{id}"), None).await.expect(200);
    assert_eq!(public["consultation_open"], true);
    assert_eq!(items(&app.get("/plans?status=consultation", None).await.json()).len(), 1);
    assert_eq!(items(&app.get("/plans?status=draft", None).await.json()).len(), 0);
});

both!(a_draft_back_from_consultation_cannot_be_deleted, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let id = app.plan(&c).await;
    app.start_consultation(&id, &c.token).await;
    let comment = app
        .post_comment(None, json!({"target_type": "plan", "target_id": id, "body": "Chybí odlehčovací služba", "author_name": "Jana"}))
        .await
        .expect(201);
    app.move_plan(&id, t, json!({"status": "draft", "note": "Přepracovat"})).await.expect(200);
    let problem = app.delete(&format!("/plans/{id}"), t).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("been in consultation"));
    app.get(&format!("/plans/{id}"), t).await.expect(200);
    app.get(&format!("/comments/{}", comment["id"].as_str().unwrap()), t).await.expect(200);
    assert_eq!(items(&app.get(&format!("/plans/{id}/history"), t).await.expect(200)).len(), 2);
});

both!(only_coordinators_manage_plans, |app| async move {
    let member = app.member().await;
    let body = json!({"title": "T", "territory": "T", "period_start": 2025, "period_end": 2026});
    app.post_plan(None, body.clone()).await.expect(401);
    app.post_plan(Some(&member.token), body.clone()).await.expect(403);
    let admin = app.admin().await;
    app.post_plan(Some(&admin.token), body).await.expect(201);
});

both!(lifecycle_moves_are_checked_and_recorded, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let id = app.plan(&c).await;
    let status = |body: serde_json::Value| {
        let app = &app;
        let id = id.clone();
        async move { app.move_plan(&id, t, body).await }
    };
    // Not allowed from draft.
    let problem = status(json!({"status": "approved"})).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("allowed from draft: consultation"));
    assert_eq!(problem["code"], "lifecycle");
    // Consultation needs a future deadline.
    assert_eq!(status(json!({"status": "consultation"})).await.expect(422)["errors"][0]["field"], "consultation_closes_at");
    status(json!({"status": "consultation", "consultation_closes_at": "2001-01-01T00:00:00Z"})).await.expect(422);
    status(json!({"status": "consultation", "consultation_closes_at": "2099-01-01T00:00:00Z", "note": "Zahájení"})).await.expect(200);
    // A field of another move is refused rather than dropped.
    let stray = status(json!({"status": "draft", "approved_on": "2026-01-15"})).await.expect(422);
    assert_eq!(stray["errors"][0]["field"], "approved_on");
    status(json!({"status": "draft", "note": "Přepracovat"})).await.expect(200);
    status(to_consultation()).await.expect(200);
    // Approval needs the council's resolution.
    let problem = status(json!({"status": "approved"})).await.expect(422);
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
    let approved =
        status(json!({"status": "approved", "approval_resolution": "usnesení ZM č. 1234/ZM2226/22", "approved_on": "2026-01-15"}))
            .await
            .expect(200);
    assert_eq!(approved["approval_resolution"], "usnesení ZM č. 1234/ZM2226/22");
    // Frozen texts.
    let problem = app.patch(&format!("/plans/{id}"), t, json!({"title": "Změna"})).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("frozen"));
    app.delete(&format!("/plans/{id}"), t).await.expect(409);
    for next in ["implementation", "evaluated", "archived"] {
        status(json!({"status": next})).await.expect(200);
    }
    status(json!({"status": "draft"})).await.expect(409);

    let history = app.get(&format!("/plans/{id}/history"), None).await.expect(200);
    let moves: Vec<(String, String)> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["from_status"].as_str().unwrap().into(), m["to_status"].as_str().unwrap().into()))
        .collect();
    assert_eq!(moves.len(), 7);
    assert_eq!(moves[0], ("draft".into(), "consultation".into()));
    assert_eq!(moves[1], ("consultation".into(), "draft".into()));
    assert_eq!(history["items"][1]["note"], "Přepracovat");
    assert_eq!(history["items"][0]["actor_id"], c.id.to_string());

    // Members cannot move plans.
    let member = app.member().await;
    let other = app.plan(&c).await;
    app.move_plan(&other, Some(&member.token), to_consultation()).await.expect(403);
    app.move_plan(&other, None, json!({"status": "consultation"})).await.expect(401);
});

both!(lifecycle_table_by_role, |app| async move {
    use entity::enums::PlanStatus;
    use sea_orm::Iterable;
    let coordinator = app.coordinator().await;
    let admin = app.admin().await;
    let member = app.member().await;
    let allowed = [
        ("draft", "consultation"),
        ("consultation", "draft"),
        ("consultation", "approved"),
        ("approved", "implementation"),
        ("implementation", "evaluated"),
        ("evaluated", "archived"),
    ];
    for from in PlanStatus::iter() {
        for to in PlanStatus::iter() {
            // Each move with the fields it needs (and no other move's).
            let body = match to {
                PlanStatus::Consultation => to_consultation(),
                PlanStatus::Approved => {
                    json!({"status": "approved", "approval_resolution": "usnesení ZM č. 7/2026", "approved_on": "2026-01-01"})
                }
                _ => json!({"status": to.as_str()}),
            };
            let ok = allowed.contains(&(from.as_str(), to.as_str()));
            for (who, token) in [("coordinator", &coordinator.token), ("admin", &admin.token)] {
                let id = app.plan_in(from).await.to_string();
                let answer = app.move_plan(&id, Some(token), body.clone()).await;
                assert_eq!(answer.status.as_u16(), if ok { 200 } else { 409 }, "{who}: {from:?} -> {to:?}: {}", answer.text);
            }
            let id = app.plan_in(from).await.to_string();
            app.move_plan(&id, Some(&member.token), body.clone()).await.expect(403);
            app.move_plan(&id, None, body).await.expect(401);
        }
    }
});
