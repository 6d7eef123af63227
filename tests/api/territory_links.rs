//! Plans and working groups in territories: `territory_id` on their bodies and answers, the
//! first-stage name, lists filtered by a territory with everything below it, and territories in use.
use serde_json::json;

use crate::both;
use crate::helpers::{fields, id, items};

both!(a_plan_answers_its_territory_and_moves_to_another, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan_of(&c.token, &tree.orp).await;
    let path = format!("/plans/{plan}");
    let got = app.get(&path, t).await.expect(200);
    assert_eq!((got["territory_id"].as_str(), got["territory"].as_str()), (Some(tree.orp.as_str()), Some("ORP Český Krumlov")));

    let moved = app.patch(&path, t, json!({"territory_id": tree.town})).await.expect(200);
    assert_eq!((moved["territory_id"].as_str(), moved["territory"].as_str()), (Some(tree.town.as_str()), Some("Kaplice")));
    // Sent together, the name must be the territory's.
    app.patch(&path, t, json!({"territory_id": tree.orp, "territory": "ORP Český Krumlov"})).await.expect(200);
    let mismatch = app.patch(&path, t, json!({"territory_id": tree.town, "territory": "ORP Český Krumlov"})).await.expect(422);
    assert_eq!(fields(&mismatch), ["territory"]);

    // A territory that does not exist is refused on the field, on create and on patch.
    let unknown = uuid::Uuid::now_v7();
    let body = json!({"title": "Plán", "territory_id": unknown, "period_start": 2025, "period_end": 2027});
    let refused = app.post_plan(t, body).await.expect(422);
    assert_eq!((fields(&refused), refused["errors"][0]["code"].as_str()), (vec!["territory_id".to_string()], Some("not_found")));
    let refused = app.patch(&path, t, json!({"territory_id": unknown})).await.expect(422);
    assert_eq!(refused["errors"][0]["code"], "not_found");
    // A plan needs a territory.
    let none = app.post_plan(t, json!({"title": "Plán", "period_start": 2025, "period_end": 2027})).await.expect(422);
    assert_eq!(fields(&none), ["territory_id"]);
    assert_eq!(app.get(&path, t).await.json()["territory_id"], tree.orp.as_str(), "refused patches changed nothing");

    // Renaming the territory renames it in its plans, and their version moves on.
    let before = app.get(&path, t).await.json()["version"].as_i64().unwrap();
    app.patch(&format!("/territories/{}", tree.orp), Some(&admin.token), json!({"name": "ORP Krumlov"})).await.expect(200);
    let renamed = app.get(&path, t).await.json();
    assert_eq!((renamed["territory"].as_str(), renamed["version"].as_i64()), (Some("ORP Krumlov"), Some(before + 1)));
    let listed = app.get(&format!("/plans?territory_id={}", tree.orp), t).await.json();
    assert_eq!(items(&listed)[0]["territory"], "ORP Krumlov");
});

both!(a_first_stage_client_names_the_territory, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let by_name = |name: &str| json!({"title": "Plán", "territory": name, "period_start": 2025, "period_end": 2027});

    // An existing name: the plan joins that territory, no new one is made.
    let attached = app.post_plan(t, by_name("  Kaplice ")).await.expect(201);
    assert_eq!((attached["territory_id"].as_str(), attached["territory"].as_str()), (Some(tree.town.as_str()), Some("Kaplice")));
    let count = || async { items(&app.get("/territories?limit=100", None).await.json()).len() };
    assert_eq!(count().await, 5);

    // An unknown name, by a coordinator of the whole installation: made as kind `other`.
    let made = app.post_plan(t, by_name("Obec Malonty")).await.expect(201);
    let territory = app.get(&format!("/territories/{}", made["territory_id"].as_str().unwrap()), None).await.expect(200);
    assert_eq!(
        (territory["name"].as_str(), territory["kind"].as_str(), territory["parent_id"].as_str()),
        (Some("Obec Malonty"), Some("other"), None)
    );
    assert_eq!(count().await, 6);
    // Made on the coordinator's behalf, it is in the audit trail as theirs.
    let audited = app.get(&format!("/audit?entity_type=territory&action=create&actor_id={}", c.id), t).await.expect(200);
    assert_eq!(items(&audited).len(), 1);
    assert_eq!(items(&audited)[0]["entity_id"], made["territory_id"]);
    let again = app.post_plan(t, by_name("Obec Malonty")).await.expect(201);
    assert_eq!(again["territory_id"], made["territory_id"], "the second plan of the name joins the first's territory");

    // A coordinator narrowed to a territory may not make one by name.
    let narrow = app.coordinator().await;
    app.assign_coordinator(&tree.orp, &admin.token, narrow.id).await;
    let refused = app.post_plan(Some(&narrow.token), by_name("Obec Besednice")).await.expect(422);
    assert_eq!((fields(&refused), refused["errors"][0]["code"].as_str()), (vec!["territory".to_string()], Some("not_found")));
    app.post_plan(Some(&narrow.token), by_name("Kaplice")).await.expect(201);
    assert_eq!(count().await, 6);
    // A patch by name follows the same rule.
    let plan = id(&attached);
    let moved = app.patch(&format!("/plans/{plan}"), t, json!({"territory": "ORP Prachatice"})).await.expect(200);
    assert_eq!(moved["territory_id"], tree.other_orp.as_str());
});

both!(a_group_answers_its_territory, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let group = app.group_of(&c.token, "PS Senioři", &tree.orp).await;
    let path = format!("/working-groups/{group}");
    assert_eq!(app.get(&path, None).await.expect(200)["territory_id"], tree.orp.as_str());
    let unassigned = app.create_group(&c.token, "PS Rodina").await;
    assert!(app.get(&format!("/working-groups/{unassigned}"), None).await.json()["territory_id"].is_null());

    assert_eq!(app.patch(&path, t, json!({"territory_id": tree.micro})).await.expect(200)["territory_id"], tree.micro.as_str());
    let refused = app.patch(&path, t, json!({"territory_id": uuid::Uuid::now_v7()})).await.expect(422);
    assert_eq!((fields(&refused), refused["errors"][0]["code"].as_str()), (vec!["territory_id".to_string()], Some("not_found")));
    let body = json!({"name": "PS", "kind": "thematic", "territory_id": uuid::Uuid::now_v7()});
    assert_eq!(fields(&app.post_group(t, body).await.expect(422)), ["territory_id"]);
    assert!(app.patch(&path, t, json!({"territory_id": null})).await.expect(200)["territory_id"].is_null());
    // Placing a group is the coordinators' call, not its leaders'.
    let leader = app.member().await;
    app.add_member(&group, &c.token, leader.id, "leader", "public").await;
    app.patch(&path, Some(&leader.token), json!({"territory_id": tree.orp})).await.expect(403);
});

both!(lists_filter_by_a_territory_and_everything_below_it, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let places = [&tree.region, &tree.orp, &tree.town, &tree.other_orp, &tree.micro];
    let mut plans = Vec::new();
    let mut groups = Vec::new();
    let mut meetings = Vec::new();
    let mut measures = Vec::new();
    for (n, place) in places.iter().enumerate() {
        let plan = app.plan_of(&c.token, place).await;
        let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři"})).await;
        measures.push(app.create_measure(&goal, &c.token, json!({"code": "1.1", "title": "Odlehčovací služba"})).await);
        plans.push(plan);
        let group = app.group_of(&c.token, &format!("PS {n}"), place).await;
        let at = format!("2027-03-0{}T09:00:00Z", n + 1);
        let body = json!({"title": "Jednání", "location": "MěÚ", "starts_at": at, "ends_at": format!("2027-03-0{}T11:00:00Z", n + 1)});
        meetings.push(app.create_meeting(&group, &c.token, body).await);
        groups.push(group);
    }
    // By name, in a territory of its own outside the tree.
    app.post_plan(t, json!({"title": "Plán", "territory": "Obec Malonty", "period_start": 2025, "period_end": 2027})).await.expect(201);
    app.create_group(&c.token, "PS bez území").await;
    let app = &app;
    let ids = |path: String| async move {
        let mut found: Vec<String> = items(&app.get(&path, t).await.expect(200)).iter().map(id).collect();
        found.sort();
        found
    };
    let picked = |all: &Vec<String>, which: &[usize]| {
        let mut picked: Vec<String> = which.iter().map(|i| all[*i].clone()).collect();
        picked.sort();
        picked
    };
    // The region holds both ORPs and the town; an ORP its town; the microregion only itself.
    for (root, below) in [(&tree.region, vec![0, 1, 2, 3]), (&tree.orp, vec![1, 2]), (&tree.town, vec![2]), (&tree.micro, vec![4])] {
        assert_eq!(ids(format!("/plans?territory_id={root}")).await, picked(&plans, &below), "plans of {root}");
        assert_eq!(ids(format!("/working-groups?territory_id={root}")).await, picked(&groups, &below), "groups of {root}");
        assert_eq!(ids(format!("/meetings?territory_id={root}")).await, picked(&meetings, &below), "meetings of {root}");
        assert_eq!(ids(format!("/measures?territory_id={root}")).await, picked(&measures, &below), "measures of {root}");
    }
    // With the group's own filter, and with other filters.
    assert_eq!(ids(format!("/working-groups/{}/meetings?territory_id={}", groups[2], tree.region)).await, vec![meetings[2].clone()]);
    assert!(ids(format!("/working-groups/{}/meetings?territory_id={}", groups[2], tree.micro)).await.is_empty());
    assert!(ids(format!("/plans?territory_id={}&status=approved", tree.region)).await.is_empty());
    assert!(ids(format!("/plans?territory_id={}", uuid::Uuid::now_v7())).await.is_empty());
    // A page at a time, in id order. On SQLite a page of the region (4 of its 5 plans) walks the
    // plans in id order, while a page of the ORP (2 of 5) reads the ORP's own: both page alike.
    let paged = |root: String| async move {
        let (mut seen, mut cursor) = (Vec::new(), String::new());
        loop {
            let page = app.get(&format!("/plans?territory_id={root}&limit=1{cursor}"), t).await.expect(200);
            seen.extend(items(&page).iter().map(id));
            match page["next_cursor"].as_str() {
                Some(next) => cursor = format!("&cursor={next}"),
                None => break seen,
            }
        }
    };
    for (root, below) in [(&tree.region, vec![0, 1, 2, 3]), (&tree.orp, vec![1, 2])] {
        assert_eq!(paged(root.to_string()).await, picked(&plans, &below), "pages of {root}");
    }
    // Unknown parameters stay refused beside the new one.
    for path in ["/plans", "/working-groups", "/meetings", "/measures"] {
        app.get(&format!("{path}?territory_id={}&territory_ids={}", tree.region, tree.orp), t).await.expect(400);
    }
    app.get("/plans?territory_id=not-a-uuid", t).await.expect(400);
});

both!(a_territory_with_plans_or_groups_is_not_deleted, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let tree = app.tree(&admin.token).await;
    let c = app.coordinator().await;
    let plan = app.plan_of(&c.token, &tree.town).await;
    let group = app.group_of(&c.token, "PS Senioři", &tree.micro).await;
    let refused = app.delete(&format!("/territories/{}", tree.town), t).await.expect(409);
    assert_eq!(refused["code"], "in_use");
    assert!(refused["detail"].as_str().unwrap().contains("1 plan(s)"), "{refused}");
    assert_eq!(app.delete(&format!("/territories/{}", tree.micro), t).await.expect(409)["code"], "in_use");
    // Once nothing uses them, they go.
    app.patch(&format!("/plans/{plan}"), Some(&c.token), json!({"territory_id": tree.orp})).await.expect(200);
    app.patch(&format!("/working-groups/{group}"), Some(&c.token), json!({"territory_id": null})).await.expect(200);
    app.delete(&format!("/territories/{}", tree.town), t).await.expect(204);
    app.delete(&format!("/territories/{}", tree.micro), t).await.expect(204);
});
