//! Needs: anyone reports one (anonymously with a name, limited per address, the e-mail never
//! shown publicly); coordinators where it lies and leaders of its group review it; a duplicate
//! points to another need; the measures that answer a need show on the measure.
use entity::enums::MemberRole;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

fn report(territory: &str, title: &str) -> Value {
    json!({"title": title, "description": "Popis", "territory_id": territory, "target_group_codes": ["seniori"], "author_name": "Jana Nováková", "author_email": "jana@example.cz"})
}

/// `GET /needs` with the query `q`, answered 200.
async fn listed(app: &TestApp, q: &str) -> Value {
    app.get(&format!("/needs{q}"), None).await.expect(200)
}

fn titles(page: &Value) -> Vec<&str> {
    items(page).iter().map(|n| n["title"].as_str().unwrap()).collect()
}

/// A tree, its ORP's coordinator, a need reported anonymously there, and a group of the ORP.
struct Setting {
    tree: Tree,
    admin: TestUser,
    local: TestUser,
    need: String,
    group: String,
}

async fn setting(app: &TestApp) -> Setting {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let local = app.coordinator().await;
    app.assign_coordinator(&tree.orp, &admin.token, local.id).await;
    let need = id(&app.post("/needs", None, report(&tree.orp, "Chybí odlehčovací služba")).await.expect(201));
    let group = app.group_of(&local.token, "PS Senioři", &tree.orp).await;
    Setting { tree, admin, local, need, group }
}

both!(anyone_reports_a_need_and_the_email_is_never_shown_publicly, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let answer = app.post("/needs", None, report(&tree.orp, "Chybí odlehčovací služba")).await;
    let made = answer.expect(201);
    let need = id(&made);
    assert_eq!(answer.header("location"), Some(format!("/api/v1/needs/{need}")));
    assert_eq!((made["status"].as_str(), made["source"].as_str()), (Some("new"), Some("public")));
    assert_eq!((made["author_name"].as_str(), made["version"].as_i64()), (Some("Jana Nováková"), Some(1)));
    assert_eq!(made["target_group_codes"], json!(["seniori"]));
    assert!(made.get("author_email").is_none(), "{made}");
    let public = app.get(&format!("/needs/{need}"), None).await;
    assert_eq!(public.header("etag").as_deref(), Some("\"1\""));
    assert!(public.expect(200).get("author_email").is_none());
    assert!(!app.get("/needs", None).await.text.contains("jana@example.cz"));
    // A member, and a coordinator of another territory, do not see it either; the ORP's coordinator does.
    let member = app.member().await;
    assert!(!app.get("/needs", Some(&member.token)).await.text.contains("jana@example.cz"));
    let (local, neighbour) = (app.coordinator().await, app.coordinator().await);
    app.assign_coordinator(&tree.orp, &admin.token, local.id).await;
    app.assign_coordinator(&tree.other_orp, &admin.token, neighbour.id).await;
    assert!(app.get(&format!("/needs/{need}"), Some(&neighbour.token)).await.expect(200).get("author_email").is_none());
    assert_eq!(app.get(&format!("/needs/{need}"), Some(&local.token)).await.expect(200)["author_email"], "jana@example.cz");
    // Anonymous reporters sign with a name; references are checked.
    let unsigned = app.post("/needs", None, json!({"title": "Bez jména", "territory_id": tree.orp})).await.expect(422);
    assert_eq!(fields(&unsigned), ["author_name"]);
    let body = json!({"title": " ", "territory_id": uuid::Uuid::now_v7(), "target_group_codes": ["nikdo", "Špatně"], "author_name": "J", "author_email": "ne"});
    let bad = app.post("/needs", None, body).await.expect(422);
    assert_eq!(fields(&bad), ["title", "target_group_codes[1]", "author_email"]);
    let body = json!({"title": "Potřeba", "territory_id": uuid::Uuid::now_v7(), "target_group_codes": ["nikdo"], "author_name": "J"});
    let unknown = app.post("/needs", None, body).await.expect(422);
    assert_eq!(fields(&unknown), ["territory_id", "target_group_codes[0]"]);
    app.post("/needs", None, json!({"title": "Potřeba", "author_name": "J", "colour": "red"})).await.expect(400);
    // A member reports under their account's name; the public's word on the source is not taken.
    let own = app.post("/needs", Some(&member.token), json!({"title": "Moje potřeba", "territory_id": tree.town})).await.expect(201);
    assert_eq!(own["author_name"], "Test member");
    let claimed = json!({"title": "Od poskytovatele", "territory_id": tree.orp, "author_name": "J", "source": "provider"});
    app.post("/needs", None, claimed.clone()).await.expect(401);
    app.post("/needs", Some(&member.token), claimed.clone()).await.expect(403);
    app.post("/needs", Some(&neighbour.token), claimed.clone()).await.expect(403);
    let recorded = app.post("/needs", Some(&local.token), claimed).await.expect(201);
    assert_eq!((recorded["source"].as_str(), recorded["author_name"].as_str()), (Some("provider"), Some("J")));
    app.get(&format!("/needs/{}", uuid::Uuid::now_v7()), None).await.expect(404);
});

both!(anonymous_reports_are_limited_per_address, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.limits.anonymous_needs_per_address = 2).await;
    let body = json!({"title": "Potřeba", "author_name": "J"});
    // A refused report does not use up the allowance.
    app.post("/needs", None, json!({"title": "", "author_name": "J"})).await.expect(422);
    app.post("/needs", None, body.clone()).await.expect(201);
    app.post("/needs", None, body.clone()).await.expect(201);
    let limited = app.post("/needs", None, body.clone()).await;
    limited.expect(429);
    assert!(limited.header("retry-after").is_some());
    // Signed-in reporters are not counted by address.
    app.post("/needs", Some(&app.member().await.token), body).await.expect(201);
});

both!(the_working_group_reviews_and_answers_a_need, |app| async move {
    let s = setting(&app).await;
    let need = format!("/needs/{}", s.need);
    let (leader, other_leader, member) = (app.member().await, app.member().await, app.member().await);
    app.join(&leader, &s.group, MemberRole::Leader).await;
    let other_group = app.group_of(&s.local.token, "PS Rodiny", &s.tree.orp).await;
    app.join(&other_leader, &other_group, MemberRole::Leader).await;
    // Unassigned, only the coordinator reviews it.
    app.patch(&need, None, json!({"status": "in_review"})).await.expect(401);
    app.patch(&need, Some(&leader.token), json!({"status": "in_review"})).await.expect(403);
    let assigned = app.patch(&need, Some(&s.local.token), json!({"working_group_id": s.group})).await.expect(200);
    assert_eq!(assigned["working_group_id"], s.group.as_str());
    // Now the group's leader reviews it, and sees the reporter's e-mail to ask back.
    assert_eq!(app.get(&need, Some(&leader.token)).await.expect(200)["author_email"], "jana@example.cz");
    app.patch(&need, Some(&member.token), json!({"status": "in_review"})).await.expect(403);
    app.patch(&need, Some(&other_leader.token), json!({"status": "in_review"})).await.expect(403);
    let reviewing = app.patch(&need, Some(&leader.token), json!({"status": "in_review"})).await.expect(200);
    assert_eq!((reviewing["status"].as_str(), reviewing["version"].as_i64()), (Some("in_review"), Some(3)));
    // The report itself is the coordinators' to correct.
    app.patch(&need, Some(&leader.token), json!({"title": "Jiný název"})).await.expect(403);
    app.patch(&need, Some(&s.local.token), json!({"title": "Chybí odlehčovací služba v Kaplici"})).await.expect(200);
    // Not addressed says why.
    let why = app.patch(&need, Some(&leader.token), json!({"status": "not_addressed"})).await.expect(422);
    assert_eq!(fields(&why), ["response"]);
    let answer = "Nespadá do sociálních služeb; předáno odboru dopravy.";
    let done = app.patch(&need, Some(&leader.token), json!({"status": "not_addressed", "response": answer})).await.expect(200);
    assert_eq!(done["response"], answer);
    // The answer is public; stale writes are refused.
    assert_eq!(app.get(&need, None).await.expect(200)["response"], answer);
    app.patch_if(&need, Some(&leader.token), "\"1\"", json!({"status": "new"})).await.expect(412);
    app.patch(&need, Some(&leader.token), json!({"working_group_id": uuid::Uuid::now_v7()})).await.expect(422);
    // Filters: status, group, target group, territory.
    app.post("/needs", None, report(&s.tree.town, "Klub seniorů")).await.expect(201);
    assert_eq!(titles(&listed(&app, "?status=not_addressed").await), ["Chybí odlehčovací služba v Kaplici"]);
    assert_eq!(titles(&listed(&app, &format!("?working_group_id={}", s.group)).await), ["Chybí odlehčovací služba v Kaplici"]);
    assert_eq!(titles(&listed(&app, "?target_group_code=seniori").await), ["Klub seniorů", "Chybí odlehčovací služba v Kaplici"]);
    assert_eq!(titles(&listed(&app, "?target_group_code=osoby_v_krizi").await), Vec::<&str>::new());
    assert_eq!(titles(&listed(&app, &format!("?territory_id={}", s.tree.town)).await), ["Klub seniorů"]);
    assert_eq!(titles(&listed(&app, &format!("?territory_id={}", s.tree.region)).await).len(), 2, "the region holds the ORP and the town");
    assert!(items(&listed(&app, &format!("?territory_id={}", s.tree.other_orp)).await).is_empty());
    let first = listed(&app, "?limit=1").await;
    assert_eq!(titles(&first), ["Klub seniorů"]);
    let cursor = first["next_cursor"].as_str().unwrap();
    assert_eq!(titles(&listed(&app, &format!("?limit=1&cursor={cursor}")).await), ["Chybí odlehčovací služba v Kaplici"]);
    app.get("/needs?status=forgotten", None).await.expect(400);
});

both!(a_duplicate_points_to_another_need, |app| async move {
    let s = setting(&app).await;
    let k = Some(s.local.token.as_str());
    let original = format!("/needs/{}", s.need);
    let copy = id(&app.post("/needs", None, report(&s.tree.orp, "Odlehčovací služba znovu")).await.expect(201));
    let path = format!("/needs/{copy}");
    let missing = app.patch(&path, k, json!({"status": "duplicate"})).await.expect(422);
    assert_eq!(fields(&missing), ["duplicate_of"]);
    let itself = app.patch(&path, k, json!({"status": "duplicate", "duplicate_of": copy})).await.expect(422);
    assert_eq!(itself["errors"][0]["code"], "invalid");
    let nowhere = app.patch(&path, k, json!({"status": "duplicate", "duplicate_of": uuid::Uuid::now_v7()})).await.expect(422);
    assert_eq!(nowhere["errors"][0]["code"], "not_found");
    let alone = app.patch(&path, k, json!({"status": "in_review", "duplicate_of": s.need})).await.expect(422);
    assert_eq!(fields(&alone), ["duplicate_of"]);
    let marked = app.patch(&path, k, json!({"status": "duplicate", "duplicate_of": s.need})).await.expect(200);
    assert_eq!((marked["status"].as_str(), marked["duplicate_of"].as_str()), (Some("duplicate"), Some(s.need.as_str())));
    // The original cannot point back (no cycle), nor go while its duplicate points to it.
    let back = app.patch(&original, k, json!({"status": "duplicate", "duplicate_of": copy})).await.expect(422);
    assert_eq!(fields(&back), ["duplicate_of"]);
    assert_eq!(app.delete(&original, k).await.expect(409)["code"], "in_use");
    // Leaving the status clears the link; then the original may go.
    let reopened = app.patch(&path, k, json!({"status": "in_review"})).await.expect(200);
    assert!(reopened["duplicate_of"].is_null());
    app.delete(&original, Some(&app.member().await.token)).await.expect(403);
    app.delete(&original, None).await.expect(401);
    app.delete(&original, k).await.expect(204);
    app.get(&original, None).await.expect(404);
});

both!(a_coordinator_of_another_territory_does_not_review_the_need, |app| async move {
    let s = setting(&app).await;
    let need = format!("/needs/{}", s.need);
    let (neighbour, regional) = (app.coordinator().await, app.coordinator().await);
    app.assign_coordinator(&s.tree.other_orp, &s.admin.token, neighbour.id).await;
    app.assign_coordinator(&s.tree.region, &s.admin.token, regional.id).await;
    let refused = app.patch(&need, Some(&neighbour.token), json!({"status": "in_review"})).await.expect(403);
    assert!(refused["detail"].as_str().unwrap().contains("outside the territories you coordinate"), "{refused}");
    app.delete(&need, Some(&neighbour.token)).await.expect(403);
    // The ORP's own coordinator may not move it out of their reach.
    let away = json!({"territory_id": s.tree.other_orp});
    app.patch(&need, Some(&s.local.token), away.clone()).await.expect(403);
    // The region's coordinator reaches the ORP below it, and the other ORP.
    app.patch(&need, Some(&regional.token), json!({"status": "in_review"})).await.expect(200);
    let moved = app.patch(&need, Some(&regional.token), away).await.expect(200);
    assert_eq!(moved["territory_id"], s.tree.other_orp.as_str());
    app.patch(&need, Some(&s.local.token), json!({"status": "new"})).await.expect(403);
    app.patch(&need, Some(&neighbour.token), json!({"status": "new"})).await.expect(200);
});

both!(the_measures_that_answer_a_need_show_on_the_measure, |app| async move {
    let s = setting(&app).await;
    let k = Some(s.local.token.as_str());
    let plan = app.plan_of(&s.local.token, &s.tree.orp).await;
    let goal = app.create_goal(&plan, &s.local.token, json!({"code": "1", "title": "Senioři", "working_group_id": s.group})).await;
    let measure = app.create_measure(&goal, &s.local.token, json!({"code": "1.1", "title": "Odlehčovací služba"})).await;
    let need = format!("/needs/{}", s.need);
    let unknown = app.patch(&need, k, json!({"measure_ids": [measure, uuid::Uuid::now_v7()]})).await.expect(422);
    assert_eq!(fields(&unknown), ["measure_ids[1]"]);
    let twice = app.patch(&need, k, json!({"measure_ids": [measure, measure]})).await.expect(422);
    assert_eq!(fields(&twice), ["measure_ids[1]"]);
    let body = json!({"status": "addressed", "response": "Odpovídá opatření 1.1.", "measure_ids": [measure]});
    let answered = app.patch(&need, k, body).await.expect(200);
    assert_eq!(answered["measure_ids"], json!([measure]));
    assert_eq!(
        (answered["measures"][0]["code"].as_str(), answered["measures"][0]["title"].as_str()),
        (Some("1.1"), Some("Odlehčovací služba"))
    );
    // The plan is a draft: the public sees the answer, not the draft's measure.
    let public = app.get(&need, None).await.expect(200);
    assert_eq!((public["status"].as_str(), public["measure_ids"].as_array().unwrap().len()), (Some("addressed"), 0));
    let shown = app.get(&format!("/measures/{measure}"), k).await.expect(200);
    assert_eq!(shown["needs"], json!([{"id": s.need, "title": "Chybí odlehčovací služba", "status": "addressed"}]));
    assert_eq!(titles(&app.get(&format!("/needs?measure_id={measure}"), None).await.expect(200)), ["Chybí odlehčovací služba"]);
    // Unlinking takes it off the measure.
    app.patch(&need, k, json!({"measure_ids": []})).await.expect(200);
    assert_eq!(app.get(&format!("/measures/{measure}"), k).await.expect(200)["needs"], json!([]));
});

both!(only_measures_of_related_territories_answer_a_need, |app| async move {
    let s = setting(&app).await;
    let k = Some(s.admin.token.as_str());
    let measure_at = |territory: String| {
        let app = &app;
        let token = s.admin.token.clone();
        async move {
            let plan = app.plan_of(&token, &territory).await;
            let goal = app.create_goal(&plan, &token, json!({"code": "1", "title": "Senioři"})).await;
            app.create_measure(&goal, &token, json!({"code": "1.1", "title": "Odlehčovací služba"})).await
        }
    };
    let (neighbour, regional) = (measure_at(s.tree.other_orp.clone()).await, measure_at(s.tree.region.clone()).await);
    let need = format!("/needs/{}", s.need);
    // The need lies in an ORP: the other ORP's measure does not answer it, the region's does.
    let refused = app.patch(&need, k, json!({"measure_ids": [regional, neighbour]})).await.expect(422);
    assert_eq!(fields(&refused), ["measure_ids[1]"]);
    assert!(refused.to_string().contains("outside the need's territory"), "{refused}");
    app.patch(&need, k, json!({"measure_ids": [regional]})).await.expect(200);
    // Moved to the region, the need may be answered by a measure of any territory below it.
    let moved = json!({"territory_id": s.tree.region, "measure_ids": [regional, neighbour]});
    assert_eq!(app.patch(&need, k, moved).await.expect(200)["measure_ids"].as_array().unwrap().len(), 2);
});
