//! Working groups and their members: CRUD, validation, ETags, permissions, privacy of member names.
use entity::enums::MemberRole;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

async fn audited(app: &TestApp, entity_type: &str, action: &str) -> u64 {
    entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::EntityType.eq(entity_type))
        .filter(entity::audit_event::Column::Action.eq(action))
        .count(&app.db)
        .await
        .unwrap()
}

both!(groups_crud_etag_and_filters, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let created = app
        .post_group(
            t,
            json!({"name": " PS 1 – Senioři ", "kind": "thematic", "target_group": "senioři", "description": "Popis",
                   "vision": "Senioři žijí co nejdéle doma.", "quorum": 3}),
        )
        .await;
    let g = created.expect(201);
    let id = id(&g);
    assert_eq!(created.header("location").unwrap(), format!("/api/v1/working-groups/{id}"));
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(g["name"], "PS 1 – Senioři");
    assert_eq!(g["kind"], "thematic");
    assert_eq!(g["quorum"], 3);
    assert_eq!(g["is_active"], true);
    assert_eq!(g["member_count"], 0);
    assert_eq!(g["version"], 1);
    assert!(g["created_at"].is_string() && g["updated_at"].is_string());

    // Public reads.
    let read = app.get(&format!("/working-groups/{id}"), None).await;
    assert_eq!(read.expect(200)["vision"], "Senioři žijí co nejdéle doma.");
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));

    let patched =
        app.patch(&format!("/working-groups/{id}"), t, json!({"description": "Nový popis", "quorum": null, "target_group": null})).await;
    let patched = patched.expect(200);
    assert_eq!(patched["version"], 2);
    assert!(patched["quorum"].is_null() && patched["target_group"].is_null());
    assert_eq!(patched["description"], "Nový popis");
    let path = format!("/working-groups/{id}");
    app.patch_if(&path, t, "\"1\"", json!({"name": "Jiný"})).await.expect(412);
    assert_eq!(app.get(&path, None).await.json()["name"], "PS 1 – Senioři", "a stale write changes nothing");
    let fresh = app.patch_if(&path, t, "\"2\"", json!({"name": "PS Senioři"})).await;
    assert_eq!(fresh.header("etag").as_deref(), Some("\"3\""));

    let steering = app.post_group(t, json!({"name": "Řídicí skupina", "kind": "steering", "is_active": false})).await.expect(201);
    let third = app.create_group(&c.token, "PS 3 – Osoby v krizi").await;
    let all = app.get("/working-groups", None).await.expect(200);
    let ids: Vec<&str> = items(&all).iter().map(|g| g["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "ordered by id");
    assert_eq!(ids.len(), 3);
    let by_kind = app.get("/working-groups?kind=steering", None).await.expect(200);
    assert_eq!(items(&by_kind).len(), 1);
    assert_eq!(items(&by_kind)[0]["id"], steering["id"]);
    assert_eq!(items(&app.get("/working-groups?is_active=true", None).await.expect(200)).len(), 2);
    assert_eq!(items(&app.get("/working-groups?is_active=false&kind=thematic", None).await.expect(200)).len(), 0);
    app.get("/working-groups?kind=other", None).await.expect(400);
    let first = app.get("/working-groups?limit=2", None).await.expect(200);
    let second = app.get(&format!("/working-groups?limit=2&cursor={}", first["next_cursor"].as_str().unwrap()), None).await.expect(200);
    assert_eq!(items(&second).len(), 1);
    assert!(second["next_cursor"].is_null());

    app.delete_if(&format!("/working-groups/{third}"), t, "\"7\"").await.expect(412);
    app.delete(&format!("/working-groups/{third}"), t).await.expect(204);
    app.get(&format!("/working-groups/{third}"), None).await.expect(404);
    app.delete(&format!("/working-groups/{third}"), t).await.expect(404);
    app.patch(&format!("/working-groups/{third}"), t, json!({"name": "X"})).await.expect(404);
    app.get("/working-groups/not-a-uuid", None).await.expect(400);

    assert_eq!(audited(&app, "working_group", "create").await, 3);
    assert_eq!(audited(&app, "working_group", "update").await, 2);
    assert_eq!(audited(&app, "working_group", "delete").await, 1);
});

both!(group_validation_names_each_field, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let p = app.post_group(t, json!({"name": " ", "kind": "thematic", "target_group": "x".repeat(201), "quorum": 0})).await.expect(422);
    assert_eq!(fields(&p), ["name", "target_group", "quorum"]);
    let p = app.post_group(t, json!({"name": "x".repeat(201), "kind": "thematic", "vision": "v".repeat(20_001)})).await.expect(422);
    assert_eq!(fields(&p), ["name", "vision"]);
    app.post_group(t, json!({"name": "PS", "kind": "committee"})).await.expect(422);
    app.post_group(t, json!({"name": "PS"})).await.expect(422);
    app.post_group(t, json!({"name": "PS", "kind": "thematic", "members": []})).await.expect(400);
    assert_eq!(items(&app.get("/working-groups", None).await.json()).len(), 0, "nothing was stored");
    let id = app.create_group(&c.token, "PS 1").await;
    let p = app.patch(&format!("/working-groups/{id}"), t, json!({"name": "", "quorum": -1})).await.expect(422);
    assert_eq!(fields(&p), ["name", "quorum"]);
    assert_eq!(app.get(&format!("/working-groups/{id}"), None).await.json()["version"], 1);
});

both!(group_permissions, |app| async move {
    let c = app.coordinator().await;
    let member = app.member().await;
    let body = json!({"name": "PS 2", "kind": "thematic"});
    app.post_group(None, body.clone()).await.expect(401);
    app.post_group(Some(&member.token), body.clone()).await.expect(403);
    let admin = app.admin().await;
    app.post_group(Some(&admin.token), body).await.expect(201);

    let id = app.create_group(&c.token, "PS 1").await;
    let other = app.create_group(&c.token, "PS 3").await;
    let leader = app.member().await;
    app.join(&leader, &id, MemberRole::Leader).await;
    let path = format!("/working-groups/{id}");
    // A leader rewrites the group's own texts, not its name, quorum or status.
    let own = app.patch(&path, Some(&leader.token), json!({"vision": "Vize skupiny", "target_group": "senioři"})).await.expect(200);
    assert_eq!(own["vision"], "Vize skupiny");
    app.patch(&path, Some(&leader.token), json!({"name": "Přejmenováno"})).await.expect(403);
    app.patch(&path, Some(&leader.token), json!({"quorum": 2})).await.expect(403);
    app.patch(&path, Some(&leader.token), json!({"is_active": false})).await.expect(403);
    app.patch(&format!("/working-groups/{other}"), Some(&leader.token), json!({"vision": "Cizí"})).await.expect(403);
    app.patch(&path, Some(&member.token), json!({"vision": "X"})).await.expect(403);
    app.patch(&path, None, json!({"vision": "X"})).await.expect(401);
    app.delete(&path, Some(&leader.token)).await.expect(403);
    app.delete(&path, None).await.expect(401);
    app.patch(&path, Some(&c.token), json!({"quorum": 2, "is_active": false})).await.expect(200);
});

both!(delete_refuses_groups_with_history, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let with_meeting = app.create_group(&c.token, "PS 1").await;
    // Inserted directly: this rule is the group's, whatever the meetings API does.
    use sea_orm::ActiveValue::Set;
    let held =
        entity::meeting::ActiveModel { status: Set(entity::enums::MeetingStatus::Held), ..meeting_of(with_meeting.parse().unwrap()) };
    app.insert(held).await;
    let problem = app.delete(&format!("/working-groups/{with_meeting}"), t).await.expect(409);
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("1 meeting") && detail.contains("is_active"), "{detail}");

    let with_goal = app.create_group(&c.token, "PS 2").await;
    let plan = app.plan(&c).await;
    app.post_goal(&plan, t, json!({"code": "1", "title": "Cíl", "working_group_id": with_goal})).await.expect(201);
    let problem = app.delete(&format!("/working-groups/{with_goal}"), t).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("1 goal"));

    // Retiring is the way out, and both groups still exist.
    app.patch(&format!("/working-groups/{with_goal}"), t, json!({"is_active": false})).await.expect(200);
    let retired = app.get("/working-groups?is_active=false", None).await.expect(200);
    assert_eq!(items(&retired).len(), 1);
    assert_eq!(items(&retired)[0]["id"], with_goal.as_str());
    app.get(&format!("/working-groups/{with_meeting}"), None).await.expect(200);

    // Members alone do not block deletion; they go with the group.
    let empty = app.create_group(&c.token, "PS 3").await;
    let m = app.member().await;
    app.join(&m, &empty, MemberRole::Member).await;
    app.delete(&format!("/working-groups/{empty}"), t).await.expect(204);
});

both!(members_crud_duplicates_and_validation, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let id = app.create_group(&c.token, "PS 1").await;
    let person = app.member().await;
    let added = app.post_member(&id, t, json!({"user_id": person.id, "stakeholder": "provider"})).await;
    let m = added.expect(201);
    assert_eq!(added.header("location").unwrap(), format!("/api/v1/working-groups/{id}/members/{}", person.id));
    assert_eq!(added.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(m["user_id"], person.id.to_string());
    assert_eq!(m["working_group_id"], id.as_str());
    assert_eq!(m["display_name"], "Test member");
    assert_eq!(m["role"], "member", "role defaults to member");
    assert_eq!(m["stakeholder"], "provider");
    assert!(!added.text.contains(&person.email), "never an e-mail");

    let dup = app.post_member(&id, t, json!({"user_id": person.id, "role": "member", "stakeholder": "user"})).await;
    assert!(dup.expect(409)["detail"].as_str().unwrap().contains("already a member"));
    let p = app.post_member(&id, t, json!({"user_id": uuid::Uuid::now_v7(), "stakeholder": "user"})).await.expect(422);
    assert_eq!(fields(&p), ["user_id"]);
    let gone = app.member().await;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    entity::user::ActiveModel { id: Set(gone.id), is_active: Set(false), ..Default::default() }.update(&app.db).await.unwrap();
    let p = app.post_member(&id, t, json!({"user_id": gone.id, "stakeholder": "user"})).await.expect(422);
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("deactivated"));
    app.post_member(&id, t, json!({"user_id": person.id, "stakeholder": "nobody"})).await.expect(422);
    app.post_member(&id, t, json!({"user_id": "not-a-uuid", "stakeholder": "user"})).await.expect(422);
    app.post_member(&uuid::Uuid::now_v7().to_string(), t, json!({"user_id": person.id, "stakeholder": "user"})).await.expect(404);

    let path = format!("/working-groups/{id}/members/{}", person.id);
    let read = app.get(&path, None).await;
    assert_eq!(read.expect(200)["stakeholder"], "provider");
    let changed = app.patch(&path, t, json!({"stakeholder": "commissioner", "role": "leader"})).await.expect(200);
    assert_eq!(
        (changed["stakeholder"].as_str(), changed["role"].as_str(), changed["version"].as_i64()),
        (Some("commissioner"), Some("leader"), Some(2))
    );
    app.patch_if(&path, t, "\"1\"", json!({"stakeholder": "user"})).await.expect(412);
    app.delete_if(&path, t, "\"1\"").await.expect(412);
    app.patch(&path, t, json!({"stakeholder": "user", "email": "x"})).await.expect(400);
    assert_eq!(app.get(&format!("/working-groups/{id}"), None).await.json()["member_count"], 1);
    app.delete_if(&path, t, "\"2\"").await.expect(204);
    app.get(&path, None).await.expect(404);
    app.delete(&path, t).await.expect(404);
    app.patch(&path, t, json!({"stakeholder": "user"})).await.expect(404);
    assert_eq!(app.get(&format!("/working-groups/{id}"), None).await.json()["member_count"], 0);

    assert_eq!(audited(&app, "working_group_member", "create").await, 1);
    assert_eq!(audited(&app, "working_group_member", "update").await, 1);
    assert_eq!(audited(&app, "working_group_member", "delete").await, 1);
});

both!(member_permissions, |app| async move {
    let c = app.coordinator().await;
    let id = app.create_group(&c.token, "PS 1").await;
    let other = app.create_group(&c.token, "PS 2").await;
    let leader = app.member().await;
    app.join(&leader, &id, MemberRole::Leader).await;
    let co_leader = app.member().await;
    app.join(&co_leader, &id, MemberRole::Leader).await;
    let other_leader = app.member().await;
    app.join(&other_leader, &other, MemberRole::Leader).await;
    let plain = app.member().await;
    app.join(&plain, &id, MemberRole::Member).await;
    let newcomer = app.member().await;
    let members = format!("/working-groups/{id}/members");
    let body = json!({"user_id": newcomer.id, "stakeholder": "user"});

    app.post(&members, None, body.clone()).await.expect(401);
    app.post(&members, Some(&plain.token), body.clone()).await.expect(403);
    app.post(&members, Some(&other_leader.token), body.clone()).await.expect(403);
    // Leaders add members but do not appoint leaders.
    let p =
        app.post(&members, Some(&leader.token), json!({"user_id": newcomer.id, "role": "leader", "stakeholder": "user"})).await.expect(403);
    assert!(p["detail"].as_str().unwrap().contains("leaders"));
    app.post(&members, Some(&leader.token), body).await.expect(201);
    let newcomer_path = format!("{members}/{}", newcomer.id);
    app.patch(&newcomer_path, Some(&leader.token), json!({"stakeholder": "public"})).await.expect(200);
    app.patch(&newcomer_path, Some(&leader.token), json!({"role": "leader"})).await.expect(403);
    app.patch(&newcomer_path, Some(&leader.token), json!({"role": "member"})).await.expect(200);
    app.patch(&newcomer_path, Some(&other_leader.token), json!({"stakeholder": "user"})).await.expect(403);
    app.patch(&newcomer_path, None, json!({"stakeholder": "user"})).await.expect(401);
    app.delete(&format!("{members}/{}", co_leader.id), Some(&leader.token)).await.expect(403);
    app.delete(&newcomer_path, Some(&other_leader.token)).await.expect(403);
    app.delete(&newcomer_path, None).await.expect(401);
    app.delete(&newcomer_path, Some(&leader.token)).await.expect(204);
    // Anyone may leave; a plain member cannot remove others.
    app.delete(&format!("{members}/{}", leader.id), Some(&plain.token)).await.expect(403);
    app.delete(&format!("{members}/{}", plain.id), Some(&plain.token)).await.expect(204);
    // A coordinator appoints a leader, who can then manage the group.
    app.add_member(&other, &c.token, plain.id, "leader", "provider").await;
    app.post_member(&other, Some(&plain.token), json!({"user_id": newcomer.id, "stakeholder": "public"})).await.expect(201);
    app.delete(&format!("{members}/{}", co_leader.id), Some(&c.token)).await.expect(204);
});

both!(member_list_names_and_privacy, |app| async move {
    let c = app.coordinator().await;
    let id = app.create_group(&c.token, "PS 1").await;
    let provider = app.member().await;
    let user = app.member().await;
    let leader = app.member().await;
    for (person, role, stakeholder) in [(&provider, "member", "provider"), (&user, "member", "user"), (&leader, "leader", "commissioner")] {
        app.add_member(&id, &c.token, person.id, role, stakeholder).await;
    }
    let signed_in = app.get(&format!("/working-groups/{id}/members"), Some(&provider.token)).await;
    let list = signed_in.expect(200);
    let rows: Vec<(String, String, Value)> = items(&list)
        .iter()
        .map(|m| (m["user_id"].as_str().unwrap().into(), m["stakeholder"].as_str().unwrap().into(), m["display_name"].clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (provider.id.to_string(), "provider".into(), json!("Test member")),
            (user.id.to_string(), "user".into(), json!("Test member")),
            (leader.id.to_string(), "commissioner".into(), json!("Test member")),
        ],
        "in the order they joined, named for signed-in callers"
    );
    // The public sees who takes part, but not the names of service users; nobody sees e-mails.
    let public = app.get(&format!("/working-groups/{id}/members"), None).await;
    let list = public.expect(200);
    assert_eq!(items(&list)[0]["display_name"], "Test member");
    assert!(items(&list)[1]["display_name"].is_null());
    assert_eq!(items(&list)[1]["stakeholder"], "user");
    assert_eq!(items(&list)[2]["role"], "leader");
    assert!(app.get(&format!("/working-groups/{id}/members/{}", user.id), None).await.expect(200)["display_name"].is_null());
    for answer in [&signed_in, &public] {
        assert!(!answer.text.contains("@example.cz") && !answer.text.contains("email"), "{}", answer.text);
    }
    assert_eq!(app.get("/working-groups", None).await.json()["items"][0]["member_count"], 3);
    // Pagination keeps the order.
    let first = app.get(&format!("/working-groups/{id}/members?limit=2"), None).await.expect(200);
    assert_eq!(items(&first).len(), 2);
    let rest =
        app.get(&format!("/working-groups/{id}/members?limit=2&cursor={}", first["next_cursor"].as_str().unwrap()), None).await.expect(200);
    assert_eq!(items(&rest)[0]["user_id"], leader.id.to_string());
    assert!(rest["next_cursor"].is_null());
    app.get(&format!("/working-groups/{}/members", uuid::Uuid::now_v7()), None).await.expect(404);
});

both!(my_memberships_list_the_groups_i_lead, |app| async move {
    let c = app.coordinator().await;
    let leader = app.member().await;
    let first = app.create_group(&c.token, "PS 1 Senioři").await;
    let second = app.create_group(&c.token, "PS 2 Rodiny").await;
    app.join(&leader, &first, MemberRole::Leader).await;
    app.join(&leader, &second, MemberRole::Member).await;
    let mine = app.get("/me/memberships", Some(&leader.token)).await.expect(200);
    let rows: Vec<(String, String)> = items(&mine)
        .iter()
        .map(|m| (m["working_group_id"].as_str().unwrap().to_string(), m["role"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(rows, [(first, "leader".to_string()), (second, "member".to_string())]);
    assert_eq!(items(&app.get("/me/memberships", Some(&c.token)).await.expect(200)).len(), 0);
    app.get("/me/memberships", None).await.expect(401);
});

// A person who takes part as a service user is named to the public only where they chose to be (a
// comment they signed); no public answer carries their account id, which would let anyone join
// that comment to the membership, and meetings list them only in the counts.
both!(the_public_cannot_trace_a_service_user, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let id = app.create_group(&c.token, "PS Duševní zdraví").await;
    let user = app.member().await;
    let provider = app.member().await;
    app.join(&user, &id, MemberRole::Member).await;
    app.patch(&format!("/working-groups/{id}/members/{}", user.id), t, json!({"stakeholder": "user"})).await.expect(200);
    app.join(&provider, &id, MemberRole::Member).await;
    let meeting = app
        .create_meeting(
            &id,
            &c.token,
            json!({"title": "Jednání", "starts_at": "2026-03-12T13:00:00+01:00", "ends_at": "2026-03-12T15:00:00+01:00",
                   "location": "Radnice", "attendance": {"present": [user.id, provider.id], "excused": [],
                   "guests": [{"name": "Marie Hostová", "stakeholder": "user"}, {"name": "Petr Host", "stakeholder": "provider"}]}}),
        )
        .await;
    let comment = app
        .post_comment(Some(&user.token), json!({"target_type": "meeting", "target_id": meeting, "body": "Děkuji za jednání."}))
        .await
        .expect(201);
    assert_eq!(comment["author"]["id"], json!(user.id), "the author sees their own id");

    let me = user.id.to_string();
    let public = [
        app.get(&format!("/working-groups/{id}/members"), None).await,
        app.get(&format!("/working-groups/{id}/members/{me}"), None).await,
        app.get(&format!("/meetings/{meeting}"), None).await,
        app.get(&format!("/working-groups/{id}/meetings"), None).await,
        app.get(&format!("/comments?target_type=meeting&target_id={meeting}"), None).await,
    ];
    for answer in &public {
        assert_eq!(answer.status, 200, "{}", answer.text);
        assert!(!answer.text.contains(&me), "{}", answer.text);
        assert!(!answer.text.contains("Marie Hostová"), "{}", answer.text);
    }
    let members = public[0].json();
    assert!(items(&members)[0]["user_id"].is_null() && items(&members)[0]["display_name"].is_null());
    assert_eq!(items(&members)[1]["user_id"], json!(provider.id));
    let shown = public[2].json();
    assert_eq!(shown["attendance"]["present"], json!([provider.id]));
    assert_eq!(shown["attendance"]["guests"], json!([{"name": "Petr Host", "stakeholder": "provider"}]));
    assert_eq!(shown["attendance_counts"], json!({"present": 2, "excused": 0, "guests": 2}));
    let comments = public[4].json();
    assert_eq!(items(&comments)[0]["author"], json!({"id": null, "display_name": "Test member"}));
    // Other members see names but not the author's account id; staff see everything.
    let seen = app.get(&format!("/comments?target_type=meeting&target_id={meeting}"), Some(&provider.token)).await.expect(200);
    assert!(items(&seen)[0]["author"]["id"].is_null());
    let staff = app.get(&format!("/comments?target_type=meeting&target_id={meeting}"), t).await.expect(200);
    assert_eq!(items(&staff)[0]["author"]["id"], json!(user.id));
    let full = app.get(&format!("/meetings/{meeting}"), t).await.expect(200);
    assert_eq!(full["attendance"]["present"], json!([user.id, provider.id]));
    assert_eq!(full["attendance"]["guests"].as_array().unwrap().len(), 2);
    let named = app.get(&format!("/working-groups/{id}/members"), Some(&provider.token)).await.expect(200);
    assert_eq!(items(&named)[0]["user_id"], json!(user.id));
});
