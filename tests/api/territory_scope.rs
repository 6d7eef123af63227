//! Territory scope: a coordinator with territories assigned manages only what lies in them and
//! below them; one with none, the whole installation; group leaders keep their group's rights.
//! (The permission matrix covers every operation; these follow the moves a coordinator makes.)
use serde_json::json;

use crate::both;
use crate::helpers::*;

/// The body of a coordinator's comment entered on someone's behalf, from paper.
fn on_paper(target_type: &str, target_id: &str) -> serde_json::Value {
    json!({"target_type": target_type, "target_id": target_id, "body": "Připomínka z podatelny", "channel": "paper", "author_name": "Jana Nováková"})
}

both!(a_coordinator_manages_plans_only_in_their_territories, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let (krumlov, prachatice, regional) = (app.coordinator().await, app.coordinator().await, app.coordinator().await);
    app.assign_coordinator(&tree.orp, &admin.token, krumlov.id).await;
    app.assign_coordinator(&tree.other_orp, &admin.token, prachatice.id).await;
    app.assign_coordinator(&tree.region, &admin.token, regional.id).await;
    let k = Some(krumlov.token.as_str());

    // In their ORP and the towns below it: yes. In the neighbouring ORP: 403, and nothing is made.
    let own = app.plan_of(&krumlov.token, &tree.orp).await;
    app.plan_of(&krumlov.token, &tree.town).await;
    let body = json!({"title": "Cizí plán", "territory_id": tree.other_orp, "period_start": 2025, "period_end": 2027});
    let refused = app.post_plan(k, body).await.expect(403);
    assert!(refused["detail"].as_str().unwrap().contains("outside the territories you coordinate"), "{refused}");
    let count = |territory: String| {
        let app = &app;
        async move { items(&app.get(&format!("/plans?territory_id={territory}"), None).await.json()).len() }
    };
    assert_eq!(count(tree.other_orp.clone()).await, 0);
    // Nor above it: the region is not theirs, only what lies below their ORP.
    let body = json!({"title": "Krajský plán", "territory_id": tree.region, "period_start": 2025, "period_end": 2027});
    app.post_plan(k, body).await.expect(403);

    // Their own plan cannot be moved out of their reach; it stays where it was.
    let path = format!("/plans/{own}");
    app.patch(&path, k, json!({"territory_id": tree.other_orp})).await.expect(403);
    assert_eq!(app.get(&path, k).await.json()["territory_id"], tree.orp.as_str());

    // The neighbour's plan: readable (drafts are for every signed-in person), not theirs to change.
    let theirs = app.plan_of(&prachatice.token, &tree.other_orp).await;
    let theirs_path = format!("/plans/{theirs}");
    app.get(&theirs_path, k).await.expect(200);
    app.patch(&theirs_path, k, json!({"summary": "Přepsáno"})).await.expect(403);
    app.move_plan(&theirs, k, to_consultation()).await.expect(403);
    let goal = json!({"code": "1", "title": "Cíl"});
    app.post_goal(&theirs, k, goal.clone()).await.expect(403);
    app.delete(&theirs_path, k).await.expect(403);
    assert_eq!(app.get(&theirs_path, None).await.status, 404, "still a draft: nothing moved it");

    // The region's coordinator manages both ORPs' plans, and a coordinator of the whole
    // installation (none assigned) everything.
    let r = Some(regional.token.as_str());
    app.patch(&theirs_path, r, json!({"summary": "Krajská úprava"})).await.expect(200);
    let goal_id = app.create_goal(&theirs, &regional.token, goal).await;
    app.patch(&path, r, json!({"territory_id": tree.other_orp})).await.expect(200);
    let whole = app.coordinator().await;
    app.patch(&format!("/goals/{goal_id}"), Some(&whole.token), json!({"title": "Cíl celé instalace"})).await.expect(200);
    // Goals and measures of the neighbour's plan stay out of the ORP coordinator's reach.
    app.patch(&format!("/goals/{goal_id}"), k, json!({"title": "Ne"})).await.expect(403);
    app.post_measure(&goal_id, k, json!({"code": "1.1", "title": "Opatření"})).await.expect(403);
    let measure = app.create_measure(&goal_id, &prachatice.token, json!({"code": "1.1", "title": "Opatření"})).await;
    app.patch_measure(&measure, k, json!({"progress": 50})).await.expect(403);
    app.patch_measure(&measure, r, json!({"progress": 50})).await.expect(200);
});

both!(groups_and_meetings_follow_their_territory, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let (krumlov, prachatice) = (app.coordinator().await, app.coordinator().await);
    app.assign_coordinator(&tree.orp, &admin.token, krumlov.id).await;
    app.assign_coordinator(&tree.other_orp, &admin.token, prachatice.id).await;
    let k = Some(krumlov.token.as_str());

    // A group with no territory is the whole installation's: a narrowed coordinator neither makes
    // nor manages one, nor takes a group of theirs out of every territory.
    let unplaced = json!({"name": "PS bez území", "kind": "thematic"});
    app.post_group(k, unplaced).await.expect(403);
    let whole = app.coordinator().await;
    let loose = app.create_group(&whole.token, "PS Rodina").await;
    app.patch(&format!("/working-groups/{loose}"), k, json!({"territory_id": tree.orp})).await.expect(403);
    app.patch(&format!("/working-groups/{loose}"), Some(&whole.token), json!({"territory_id": tree.orp})).await.expect(200);
    app.patch(&format!("/working-groups/{loose}"), k, json!({"name": "PS Rodina a děti"})).await.expect(200);
    app.patch(&format!("/working-groups/{loose}"), k, json!({"territory_id": null})).await.expect(403);

    // The neighbour's group: not theirs to rename, staff, call meetings for, or appoint leaders in.
    let group = app.group_of(&prachatice.token, "PS Senioři Prachaticko", &tree.other_orp).await;
    let path = format!("/working-groups/{group}");
    app.patch(&path, k, json!({"name": "Přejmenováno"})).await.expect(403);
    let person = app.member().await;
    app.post_member(&group, k, json!({"user_id": person.id, "role": "leader", "stakeholder": "provider"})).await.expect(403);
    let meeting = json!({"title": "Jednání", "starts_at": "2030-03-01T13:00:00Z", "ends_at": "2030-03-01T15:00:00Z", "format": "in_person", "location": "MěÚ"});
    app.post_meeting(&group, k, meeting.clone()).await.expect(403);

    // Its leader, appointed by the coordinator there, runs it whatever the territory.
    app.add_member(&group, &prachatice.token, person.id, "leader", "provider").await;
    let called = app.create_meeting(&group, &person.token, meeting).await;
    let meeting_path = format!("/meetings/{called}");
    app.patch(&meeting_path, Some(&person.token), json!({"minutes": "Zápis"})).await.expect(200);
    app.patch(&meeting_path, k, json!({"minutes": "Cizí zápis"})).await.expect(403);
    assert_eq!(app.get(&meeting_path, None).await.json()["minutes"], "Zápis");
    // Moving the group into their ORP makes it theirs; the meeting goes with it.
    app.patch(&path, Some(&prachatice.token), json!({"territory_id": tree.orp})).await.expect(403);
    app.patch(&path, Some(&admin.token), json!({"territory_id": tree.orp})).await.expect(200);
    app.patch(&meeting_path, k, json!({"minutes": "Zápis doplněn"})).await.expect(200);
});

both!(comments_are_moderated_where_they_lie, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let (krumlov, prachatice, regional) = (app.coordinator().await, app.coordinator().await, app.coordinator().await);
    app.assign_coordinator(&tree.orp, &admin.token, krumlov.id).await;
    app.assign_coordinator(&tree.other_orp, &admin.token, prachatice.id).await;
    app.assign_coordinator(&tree.region, &admin.token, regional.id).await;
    let k = Some(krumlov.token.as_str());
    let plan = app.plan_of(&prachatice.token, &tree.other_orp).await;
    app.start_consultation(&plan, &prachatice.token).await;
    let citizen = app.member().await;
    let comment = app.create_comment(Some(&citizen.token), on("plan", &plan, "Chybí odlehčovací služba")).await;

    // Entering a paper comment, hiding and settling: the coordinators of the plan's territory
    // and of the region above it, not the neighbour's.
    app.post_comment(k, on_paper("plan", &plan)).await.expect(403);
    let paper = app.create_comment(Some(&prachatice.token), on_paper("plan", &plan)).await;
    let path = format!("/comments/{comment}");
    app.patch(&path, k, json!({"status": "hidden", "moderation_reason": "Ne"})).await.expect(403);
    app.resolve(&comment, k, json!({"resolution": "noted"})).await.expect(403);
    app.patch(&format!("/comments/{paper}"), k, json!({"body": "Opraveno"})).await.expect(403);
    let settled = app.resolve(&comment, Some(&regional.token), json!({"resolution": "accepted", "note": "Doplníme"})).await.expect(200);
    assert_eq!(settled["resolution"], "accepted");
    app.patch(&format!("/comments/{paper}"), Some(&prachatice.token), json!({"body": "Opraveno"})).await.expect(200);

    // A meeting's comments lie where its group does.
    let group = app.group_of(&prachatice.token, "PS Prachaticko", &tree.other_orp).await;
    let meeting = json!({"title": "Jednání", "starts_at": "2030-03-01T13:00:00Z", "ends_at": "2030-03-01T15:00:00Z", "format": "in_person", "location": "MěÚ"});
    let meeting = app.create_meeting(&group, &prachatice.token, meeting).await;
    let on_meeting = app.create_comment(Some(&citizen.token), on("meeting", &meeting, "Posuňte začátek")).await;
    let hide = json!({"status": "hidden", "moderation_reason": "Osobní údaje"});
    app.patch(&format!("/comments/{on_meeting}"), k, hide.clone()).await.expect(403);
    app.patch(&format!("/comments/{on_meeting}"), Some(&regional.token), hide).await.expect(200);
});

both!(a_narrowed_coordinator_makes_no_coordinators, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let krumlov = app.coordinator().await;
    app.assign_coordinator(&tree.orp, &admin.token, krumlov.id).await;
    let k = Some(krumlov.token.as_str());
    let account = |role: &str| {
        let email = format!("{role}-{}@example.cz", uuid::Uuid::now_v7().simple());
        json!({"email": email, "display_name": "Nový účet", "role": role, "password": "dlouhe-heslo-123"})
    };

    // A coordinator they made would have no territory, so the whole installation: refused, as is
    // promoting a member or touching a fellow coordinator's account.
    app.post("/users", k, account("coordinator")).await.expect(403);
    let member = app.post("/users", k, account("member")).await.expect(201);
    let path = format!("/users/{}", member["id"].as_str().unwrap());
    app.patch(&path, k, json!({"role": "coordinator"})).await.expect(403);
    app.patch(&path, k, json!({"display_name": "Jana Malá"})).await.expect(200);
    let colleague = app.coordinator().await;
    app.patch(&format!("/users/{}", colleague.id), k, json!({"is_active": false})).await.expect(403);
    assert_eq!(app.get(&format!("/users/{}", colleague.id), Some(&admin.token)).await.json()["is_active"], true);

    // A coordinator of the whole installation still makes coordinators, as admins do.
    let whole = app.coordinator().await;
    app.post("/users", Some(&whole.token), account("coordinator")).await.expect(201);
    app.patch(&path, Some(&admin.token), json!({"role": "coordinator"})).await.expect(200);
});

both!(a_service_is_managed_where_it_serves, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let (krumlov, regional) = (app.coordinator().await, app.coordinator().await);
    app.assign_coordinator(&tree.orp, &admin.token, krumlov.id).await;
    app.assign_coordinator(&tree.region, &admin.token, regional.id).await;
    let k = Some(krumlov.token.as_str());
    // Organizations are the installation's catalogue: any coordinator adds one.
    let provider = app.create_organization(&krumlov.token, "Charita Český Krumlov").await;
    let body =
        |territories: serde_json::Value| json!({"organization_id": provider, "name": "Pečovatelská služba", "territory_ids": territories});

    let own = app.post_service(k, body(json!([tree.orp, tree.town]))).await.expect(201);
    // Serving the neighbouring ORP too, or no territory at all, is beyond an ORP's coordinator.
    app.post_service(k, body(json!([tree.orp, tree.other_orp]))).await.expect(403);
    app.post_service(k, body(json!([]))).await.expect(403);
    let path = format!("/services/{}", id(&own));
    app.patch(&path, k, json!({"territory_ids": [tree.other_orp]})).await.expect(403);
    assert_eq!(app.get(&path, None).await.json()["territory_ids"].as_array().unwrap().len(), 2, "the refused patch changed nothing");

    // The region's coordinator extends it to the neighbouring ORP; from then on it is not the ORP
    // coordinator's alone to change.
    app.patch(&path, Some(&regional.token), json!({"territory_ids": [tree.orp, tree.other_orp]})).await.expect(200);
    app.patch(&path, k, json!({"phone": "380 711 111"})).await.expect(403);
    app.delete(&path, k).await.expect(403);
    app.delete(&path, Some(&regional.token)).await.expect(204);
});
