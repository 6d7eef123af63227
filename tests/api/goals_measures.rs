//! Goals, measures, the plan tree, derived progress, freezing after approval, leaders' rights.
use entity::enums::MemberRole;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

both!(goals_crud_order_and_rules, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let g2 = app.create_goal(&plan, &c.token, json!({"code": "2", "title": "Senioři", "position": 2})).await;
    let g1 = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Rodiny s dětmi", "position": 1})).await;
    let sub = app.create_goal(&plan, &c.token, json!({"code": "1.1", "title": "Dostupné poradenství", "parent_goal_id": g1})).await;
    let list = app.get(&format!("/plans/{plan}/goals"), t).await.expect(200);
    let codes: Vec<&str> = items(&list).iter().map(|g| g["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["1", "1.1", "2"], "ordered by position (the sub-goal defaults to 1 among its siblings)");

    // A taken code is a 409 that names the field, so a form shows it there.
    let taken = app.post_goal(&plan, t, json!({"code": "1", "title": "Duplicate"})).await.expect(409);
    assert_eq!((taken["errors"][0]["field"].as_str(), taken["errors"][0]["code"].as_str()), (Some("code"), Some("duplicate")));
    let p = app.post_goal(&plan, t, json!({"code": "3", "title": "Too deep", "parent_goal_id": sub})).await.expect(422);
    assert_eq!(p["errors"][0]["field"], "parent_goal_id");
    let p = app.post_goal(&plan, t, json!({"code": "", "title": "", "working_group_id": uuid::Uuid::now_v7()})).await.expect(422);
    assert_eq!(p["errors"].as_array().unwrap().len(), 3);
    let other_plan = app.plan(&c).await;
    app.post_goal(&other_plan, t, json!({"code": "9", "title": "X", "parent_goal_id": g1})).await.expect(422);
    app.post_goal(&uuid::Uuid::now_v7().to_string(), t, json!({"code": "9", "title": "X"})).await.expect(404);

    let patched = app.patch(&format!("/goals/{g2}"), t, json!({"title": "Senioři a lidé se zdravotním postižením"})).await.expect(200);
    assert_eq!(patched["version"], 2);
    app.patch(&format!("/goals/{g1}"), t, json!({"parent_goal_id": g2})).await.expect(422); // g1 has a sub-goal
    app.patch(&format!("/goals/{g2}"), t, json!({"code": "1"})).await.expect(409);
    app.patch_if(&format!("/goals/{g2}"), t, "\"1\"", json!({"code": "X"})).await.expect(412);

    // The public does not see goals of a draft.
    app.get(&format!("/goals/{g1}"), None).await.expect(404);
    app.get(&format!("/plans/{plan}/goals"), None).await.expect(404);
    // Deleting a goal removes its sub-goals.
    app.delete(&format!("/goals/{g1}"), t).await.expect(204);
    app.get(&format!("/goals/{sub}"), t).await.expect(404);
});

both!(measures_validation_money_and_filters, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let wg = app.create_group(&c.token, "Senioři").await;
    let g = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři", "working_group_id": wg})).await;
    let m = app.post_measure(&g, t, json!({
        "code": "1.1", "title": "Rozšíření odlehčovací služby", "responsible": "Charita Český Krumlov",
        "partners": ["Město Český Krumlov"], "target_groups": ["senioři"],
        "start_date": "2025-01-01", "end_date": "2027-12-31", "estimated_cost": "125000.5",
        "funding_sources": [{"year": 2025, "source": "municipality", "planned": "50000", "actual": null},
                            {"year": 2025, "source": "region", "planned": "75000.50", "actual": null}],
        "indicators": [{"name": "Počet klientů", "unit": "osoby", "baseline": 10, "target": 25, "values": [{"year": 2025, "value": 12}]}]
    })).await.expect(201);
    assert_eq!(m["estimated_cost"], "125000.50");
    assert_eq!(m["status"], "planned");
    assert_eq!(m["progress"], 0);
    assert_eq!(m["weight"], 1);
    assert_eq!(m["indicators"][0]["values"][0]["value"], 12.0);
    let bad = app.post_measure(&g, t, json!({
        "code": "1.2", "title": "X", "progress": 101, "estimated_cost": "12,5", "start_date": "2026-01-01", "end_date": "2025-01-01",
        "funding_sources": [{"year": 2025, "source": "eu", "planned": "-5"}]
    })).await.expect(422);
    assert_eq!(fields(&bad), ["end_date", "progress", "estimated_cost", "funding_sources[0].planned"]);
    app.post_measure(&g, t, json!({"code": "1.2", "title": "X", "status": "unknown"})).await.expect(422);
    app.post_measure(&g, t, json!({"code": "1.1", "title": "Duplicate"})).await.expect(409);
    // Positions are bounded, so the next default position can never overflow.
    let far = app.post_measure(&g, t, json!({"code": "1.9", "title": "X", "position": i32::MAX})).await;
    assert_eq!(far.expect(422)["errors"][0]["field"], "position");
    let plan_goals = format!("/plans/{plan}/goals");
    let far = app.post(&plan_goals, t, json!({"code": "9", "title": "X", "position": -1})).await;
    assert_eq!(far.expect(422)["errors"][0]["field"], "position");
    app.patch(&format!("/goals/{g}"), t, json!({"position": 1_000_001})).await.expect(422);
    app.create_measure(&g, &c.token, json!({"code": "1.2", "title": "Denní stacionář", "status": "in_progress"})).await;

    let by_status = app.get("/measures?status=in_progress", t).await.expect(200);
    assert_eq!(items(&by_status).len(), 1);
    assert_eq!(items(&app.get(&format!("/measures?working_group_id={wg}"), t).await.json()).len(), 2);
    assert_eq!(items(&app.get(&format!("/measures?plan_id={plan}&goal_id={g}"), t).await.json()).len(), 2);
    assert_eq!(items(&app.get(&format!("/measures?working_group_id={}", uuid::Uuid::now_v7()), t).await.json()).len(), 0);
    // Draft measures are invisible to the public, in lists and one by one.
    assert_eq!(items(&app.get("/measures", None).await.json()).len(), 0);
    app.get(&format!("/measures/{}", id(&m)), None).await.expect(404);
    // Clearing a nullable field with null.
    let cleared = app.patch_measure(&id(&m), t, json!({"estimated_cost": null, "end_date": null})).await.expect(200);
    assert!(cleared["estimated_cost"].is_null() && cleared["end_date"].is_null());
});

both!(tree_progress_and_timeline, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let g1 = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "A", "position": 1})).await;
    let g2 = app.create_goal(&plan, &c.token, json!({"code": "2", "title": "B", "position": 2})).await;
    let sub = app.create_goal(&plan, &c.token, json!({"code": "1.1", "title": "A1", "parent_goal_id": g1})).await;
    let m1 = app.create_measure(&g1, &c.token, json!({"code": "a", "title": "a", "progress": 100, "weight": 3})).await;
    app.create_measure(&sub, &c.token, json!({"code": "b", "title": "b", "progress": 0})).await;
    app.create_measure(&g2, &c.token, json!({"code": "c", "title": "c", "progress": 50})).await;
    app.create_measure(&g2, &c.token, json!({"code": "d", "title": "d", "progress": 0, "status": "cancelled"})).await;

    let tree = app.get(&format!("/plans/{plan}/tree"), t).await.expect(200);
    assert_eq!(tree["plan"]["progress"], 70, "(100*3 + 0 + 50) / 5, cancelled excluded");
    let goals = tree["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 2);
    assert_eq!(goals[0]["code"], "1");
    assert_eq!(goals[0]["progress"], 75, "its own measure (weight 3) and its sub-goal's");
    assert_eq!(goals[0]["sub_goals"][0]["code"], "1.1");
    assert_eq!(goals[0]["sub_goals"][0]["measures"][0]["code"], "b");
    assert_eq!(goals[1]["progress"], 50);
    assert_eq!(goals[1]["measures"].as_array().unwrap().len(), 2);
    assert_eq!(app.get(&format!("/goals/{g1}"), t).await.json()["progress"], 75);
    assert_eq!(app.get(&format!("/plans/{plan}"), t).await.json()["progress"], 70);

    let u = app
        .post(
            &format!("/measures/{m1}/updates"),
            t,
            json!({"date": "2025-06-30", "status": "in_progress", "progress": 40, "note": "Pololetní zpráva"}),
        )
        .await
        .expect(201);
    assert_eq!(u["author_name"], "Test coordinator");
    app.post(&format!("/measures/{m1}/updates"), t, json!({"status": "completed", "progress": 100})).await.expect(201);
    app.post(&format!("/measures/{m1}/updates"), t, json!({"status": "completed", "progress": 120})).await.expect(422);
    let timeline = app.get(&format!("/measures/{m1}/updates"), t).await.expect(200);
    let items = items(&timeline);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["progress"], 40);
    let m = app.get(&format!("/measures/{m1}"), t).await.expect(200);
    assert_eq!((m["status"].as_str().unwrap(), m["progress"].as_i64().unwrap()), ("completed", 100));
});

both!(approved_plans_freeze_texts_but_not_implementation, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let g = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "A"})).await;
    let m = app
        .create_measure(
            &g,
            &c.token,
            json!({"code": "a", "title": "a",
        "indicators": [{"name": "Klienti", "unit": "osoby", "baseline": 1, "target": 5, "values": []}],
        "funding_sources": [{"year": 2026, "source": "municipality", "planned": "50000", "actual": null}]}),
        )
        .await;
    app.start_consultation(&plan, &c.token).await;
    app.approve(&plan, &c.token, "usnesení ZM č. 1/2026", "2026-01-01").await;
    let p = app.patch_measure(&m, t, json!({"title": "Změna"})).await.expect(409);
    assert!(p["detail"].as_str().unwrap().contains("frozen"));
    assert_eq!(p["code"], "frozen");
    app.patch(&format!("/goals/{g}"), t, json!({"title": "Změna"})).await.expect(409);
    app.post_goal(&plan, t, json!({"code": "2", "title": "Nový"})).await.expect(409);
    app.post_measure(&g, t, json!({"code": "b", "title": "b"})).await.expect(409);
    app.delete(&format!("/measures/{m}"), t).await.expect(409);
    let ok = app
        .patch(
            &format!("/measures/{m}"),
            t,
            json!({"status": "in_progress", "progress": 30, "implementation_note": "Běží",
        "indicators": [{"name": "Klienti", "unit": "osoby", "baseline": 1, "target": 5, "values": [{"year": 2026, "value": 3}]}],
        "funding_sources": [{"year": 2026, "source": "municipality", "planned": "50000.00", "actual": "48000"}]}),
        )
        .await
        .expect(200);
    assert_eq!(ok["progress"], 30);
    assert_eq!(ok["indicators"][0]["values"][0]["value"], 3.0);
    assert_eq!(ok["funding_sources"][0]["actual"], "48000");
    // What is measured, the targets and the planned money are part of the approved text.
    let indicator = |name: &str, baseline: i32, target: i32| json!({"name": name, "unit": "osoby", "baseline": baseline, "target": target, "values": []});
    let row = |planned: &str| json!({"year": 2026, "source": "municipality", "planned": planned, "actual": null});
    for body in [
        json!({"indicators": [indicator("Klienti", 2, 9)]}),
        json!({"indicators": [indicator("Uživatelé", 1, 5)]}),
        json!({"indicators": [indicator("Klienti", 1, 5), indicator("Nový", 0, 1)]}),
        json!({"indicators": []}),
        json!({"funding_sources": [row("90000")]}),
        json!({"funding_sources": [row("50000"), row("1000")]}),
        json!({"funding_sources": []}),
        json!({"progress": 40, "indicators": [indicator("Klienti", 1, 6)]}),
    ] {
        let p = app.patch_measure(&m, t, body.clone()).await.expect(409);
        assert!(p["detail"].as_str().unwrap().contains("frozen since approval"), "{body}: {p}");
    }
    let kept = app.get(&format!("/measures/{m}"), t).await.expect(200);
    assert_eq!((kept["progress"].as_i64(), kept["indicators"][0]["target"].as_f64()), (Some(30), Some(5.0)));
    assert_eq!(kept["funding_sources"][0]["planned"], "50000.00");
    // Public now sees everything.
    app.get(&format!("/measures/{m}"), None).await.expect(200);
    app.get(&format!("/plans/{plan}/tree"), None).await.expect(200);
});

both!(leaders_edit_only_their_groups_content_while_drafting, |app| async move {
    let c = app.coordinator().await;
    let plan = app.plan(&c).await;
    let mine = app.create_group(&c.token, "Rodina").await;
    let theirs = app.create_group(&c.token, "Senioři").await;
    let leader = app.member().await;
    app.join(&leader, &mine, MemberRole::Leader).await;
    let plain = app.member().await;
    app.join(&plain, &mine, MemberRole::Member).await;
    let lt = Some(leader.token.as_str());

    let own = app.create_goal(&plan, &leader.token, json!({"code": "1", "title": "Rodina", "working_group_id": mine})).await;
    app.post_goal(&plan, lt, json!({"code": "2", "title": "Cizí", "working_group_id": theirs})).await.expect(403);
    app.post_goal(&plan, lt, json!({"code": "3", "title": "Bez skupiny"})).await.expect(403);
    let other = app.create_goal(&plan, &c.token, json!({"code": "4", "title": "Senioři", "working_group_id": theirs})).await;
    let m_own = app.create_measure(&own, &leader.token, json!({"code": "a", "title": "a"})).await;
    let m_other = app.create_measure(&other, &c.token, json!({"code": "b", "title": "b"})).await;
    app.patch_measure(&m_own, lt, json!({"title": "Upraveno"})).await.expect(200);
    app.patch_measure(&m_other, lt, json!({"title": "Ne"})).await.expect(403);
    app.patch(&format!("/goals/{own}"), lt, json!({"working_group_id": theirs})).await.expect(403);
    app.post_measure(&other, lt, json!({"code": "c", "title": "c"})).await.expect(403);
    // Nor may a leader hang their group's goals under another group's goal, new or existing.
    let under = json!({"code": "6", "title": "Pod cizím", "working_group_id": mine, "parent_goal_id": other});
    let problem = app.post_goal(&plan, lt, under).await.expect(403);
    assert!(problem["detail"].as_str().unwrap().contains("parent"), "{problem}");
    app.patch(&format!("/goals/{own}"), lt, json!({"parent_goal_id": other})).await.expect(403);
    assert!(app.get(&format!("/goals/{own}"), lt).await.expect(200)["parent_goal_id"].is_null());
    // Deleting their goal would take another group's sub-goal with it: refused, nothing lost.
    let parent = app.create_goal(&plan, &leader.token, json!({"code": "5", "title": "Společná", "working_group_id": mine})).await;
    let nested = app
        .create_goal(&plan, &c.token, json!({"code": "5.1", "title": "Senioři", "working_group_id": theirs, "parent_goal_id": parent}))
        .await;
    app.delete(&format!("/goals/{parent}"), lt).await.expect(403);
    app.get(&format!("/goals/{nested}"), lt).await.expect(200);
    app.delete(&format!("/goals/{nested}"), Some(&c.token)).await.expect(204);
    app.delete(&format!("/goals/{parent}"), lt).await.expect(204);
    // A plain member of the group may not edit.
    app.patch_measure(&m_own, Some(&plain.token), json!({"title": "Ne"})).await.expect(403);
    // To the public a draft's measure does not exist.
    app.patch_measure(&m_own, None, json!({"title": "Ne"})).await.expect(404);
    // After approval a leader may no longer change the group's measures (coordinators keep reporting).
    let ct = Some(c.token.as_str());
    app.start_consultation(&plan, &c.token).await;
    app.patch_measure(&m_own, lt, json!({"title": "V konzultaci ano"})).await.expect(200);
    app.approve(&plan, &c.token, "usnesení č. 5", "2026-02-01").await;
    app.patch_measure(&m_own, lt, json!({"progress": 10})).await.expect(403);
    app.patch_measure(&m_own, ct, json!({"progress": 10})).await.expect(200);
});

async fn timeline(app: &TestApp, token: Option<&str>, measure: &str) -> Vec<Value> {
    items(&app.get(&format!("/measures/{measure}/updates"), token).await.expect(200)).clone()
}

both!(state_edits_join_the_timeline_and_backfills_keep_the_current_state, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let g = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "A"})).await;
    let m = app.create_measure(&g, &c.token, json!({"code": "a", "title": "a"})).await;

    app.patch_measure(&m, t, json!({"title": "Jen text", "progress": 0})).await.expect(200);
    assert!(timeline(&app, t, &m).await.is_empty(), "no change of state, no entry");
    app.patch_measure(&m, t, json!({"status": "in_progress", "progress": 20})).await.expect(200);
    app.patch_measure(&m, t, json!({"progress": 35})).await.expect(200);
    let items = timeline(&app, t, &m).await;
    assert_eq!(items.len(), 2);
    let today = api::clock::today().to_string();
    assert_eq!(items[0]["date"], today.as_str());
    assert_eq!((items[0]["status"].as_str(), items[0]["progress"].as_i64()), (Some("in_progress"), Some(20)));
    assert_eq!(
        (items[1]["status"].as_str(), items[1]["progress"].as_i64()),
        (Some("in_progress"), Some(35)),
        "the whole state after the edit"
    );
    assert_eq!(items[1]["author_id"], c.id.to_string());
    assert_eq!(items[1]["note"], "");

    // History filled in afterwards is recorded but does not roll the measure back.
    app.post(&format!("/measures/{m}/updates"), t, json!({"date": "2025-03-31", "status": "planned", "progress": 5, "note": "Q1"}))
        .await
        .expect(201);
    let now = app.get(&format!("/measures/{m}"), t).await.expect(200);
    assert_eq!((now["status"].as_str(), now["progress"].as_i64()), (Some("in_progress"), Some(35)));
    assert_eq!(timeline(&app, t, &m).await.len(), 3);
    // A report dated today is the newest and sets the state.
    app.post(&format!("/measures/{m}/updates"), t, json!({"status": "completed", "progress": 100})).await.expect(201);
    let now = app.get(&format!("/measures/{m}"), t).await.expect(200);
    assert_eq!((now["status"].as_str(), now["progress"].as_i64()), (Some("completed"), Some(100)));
});

both!(deleting_goals_and_measures_keeps_the_register_and_takes_their_comments, |app| async move {
    // In consultation: a comment on the measure is in the register, so neither the measure nor its goal goes.
    let k = app.open_consultation().await;
    let c = Some(k.coordinator.token.as_str());
    let member = app.member().await;
    app.post_comment(Some(&member.token), on("measure", &k.measure, "Kapacita nestačí")).await.expect(201);
    let problem = app.delete(&format!("/measures/{}", k.measure), c).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("settlement register"), "{problem}");
    app.delete(&format!("/goals/{}", k.goal), c).await.expect(409);
    let report = app.register(&k.plan, c).await.expect(200);
    assert_eq!(report["items"][0]["target"]["title"], "Odlehčovací služba");

    // In a draft the comments on a deleted goal's subtree, and on a deleted measure, go with them.
    let plan = app.plan(&k.coordinator).await;
    let g = app.create_goal(&plan, &k.coordinator.token, json!({"code": "1", "title": "A"})).await;
    let sub = app.create_goal(&plan, &k.coordinator.token, json!({"code": "1.1", "title": "A1", "parent_goal_id": g})).await;
    let m = app.create_measure(&sub, &k.coordinator.token, json!({"code": "a", "title": "a"})).await;
    let lone = app.create_measure(&sub, &k.coordinator.token, json!({"code": "b", "title": "b"})).await;
    let mt = Some(member.token.as_str());
    let comments = [
        app.create_comment(mt, on("goal", &g, "K cíli")).await,
        app.create_comment(mt, on("goal", &sub, "K podcíli")).await,
        app.create_comment(mt, on("measure", &m, "K opatření")).await,
    ];
    let on_lone = app.create_comment(mt, on("measure", &lone, "K druhému opatření")).await;
    app.delete(&format!("/measures/{lone}"), c).await.expect(204);
    app.get(&format!("/comments/{on_lone}"), c).await.expect(404);
    app.get(&format!("/comments/{}", comments[0]), c).await.expect(200);
    app.delete(&format!("/goals/{g}"), c).await.expect(204);
    for id in comments {
        app.get(&format!("/comments/{id}"), c).await.expect(404);
    }
    assert_eq!(items(&app.get(&format!("/comments?target_type=measure&target_id={m}"), c).await.expect(200)).len(), 0);
});
