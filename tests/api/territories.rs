//! Territories (území): the tree, its official codes, who may change it, the coordinators
//! assigned to it, and the scope queries (a territory with everything below it; what a
//! coordinator manages).
use std::collections::{BTreeSet, HashMap};

use api::territories::scope::{self, Reach};
use entity::{audit_event, territory, territory_path};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::json;
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

async fn actions_on(app: &TestApp, id: &str) -> Vec<String> {
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.eq(id.parse::<Uuid>().unwrap()))
        .order_by_asc(audit_event::Column::Id);
    events.all(&app.db).await.unwrap().into_iter().map(|e| format!("{} {}", e.entity_type, e.action)).collect()
}

fn uuid(id: &str) -> Uuid {
    id.parse().unwrap()
}

both!(admins_build_the_tree_and_anyone_reads_it, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let answer = app.post_territory(t, json!({"name": " Jihočeský kraj ", "kind": "region", "code": "35"})).await;
    let region = answer.expect(201);
    let id = region["id"].as_str().unwrap().to_string();
    assert_eq!(answer.header("location").unwrap(), format!("/api/v1/territories/{id}"));
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(
        (region["name"].as_str(), region["kind"].as_str(), region["code"].as_str()),
        (Some("Jihočeský kraj"), Some("region"), Some("35"))
    );
    assert!(region["parent_id"].is_null());
    let orp = app.create_territory(&admin.token, "ORP Český Krumlov", "orp", Some(&id)).await;

    // Public reads: one territory, the list, and its filters.
    let read = app.get(&format!("/territories/{orp}"), None).await;
    assert_eq!(read.expect(200)["parent_id"], id.as_str());
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(items(&app.get("/territories", None).await.expect(200)).len(), 2);
    let orps = app.get("/territories?kind=orp", None).await.expect(200);
    assert_eq!(items(&orps).iter().map(|t| t["id"].as_str().unwrap()).collect::<Vec<_>>(), [orp.as_str()]);
    let below = app.get(&format!("/territories?parent_id={id}"), None).await.expect(200);
    assert_eq!(items(&below).len(), 1);
    assert!(items(&app.get(&format!("/territories?parent_id={orp}"), None).await.expect(200)).is_empty());
    app.get("/territories?kind=state", None).await.expect(400);

    // Edits are versioned; null clears the code and the parent.
    let path = format!("/territories/{orp}");
    app.patch_if(&path, t, "\"2\"", json!({"name": "X"})).await.expect(412);
    let renamed = app.patch_if(&path, t, "\"1\"", json!({"name": "ORP Krumlov", "code": "3102"})).await.expect(200);
    assert_eq!(
        (renamed["name"].as_str(), renamed["code"].as_str(), renamed["version"].as_i64()),
        (Some("ORP Krumlov"), Some("3102"), Some(2))
    );
    let cleared = app.patch(&path, t, json!({"code": null, "parent_id": null, "kind": "other"})).await.expect(200);
    assert!(cleared["code"].is_null() && cleared["parent_id"].is_null());
    assert_eq!(cleared["kind"], "other");
    app.patch(&path, t, json!({"name": "  "})).await.expect(422);
    app.patch(&path, t, json!({"population": 1})).await.expect(400);

    app.delete_if(&path, t, "\"1\"").await.expect(412);
    app.delete(&path, t).await.expect(204);
    app.get(&path, None).await.expect(404);
    app.delete(&path, t).await.expect(404);
    app.patch(&format!("/territories/{}", Uuid::now_v7()), t, json!({"name": "X"})).await.expect(404);
    assert_eq!(actions_on(&app, &orp).await, ["territory create", "territory update", "territory update", "territory delete"]);
});

both!(only_admins_change_territories, |app| async move {
    let admin = app.admin().await;
    let region = app.create_territory(&admin.token, "Moravskoslezský kraj", "region", None).await;
    let path = format!("/territories/{region}");
    let body = json!({"name": "Turnovsko", "kind": "microregion"});
    app.post_territory(None, body.clone()).await.expect(401);
    app.patch(&path, None, json!({"name": "X"})).await.expect(401);
    app.delete(&path, None).await.expect(401);
    for user in [app.coordinator().await, app.member().await] {
        let token = Some(user.token.as_str());
        app.post_territory(token, body.clone()).await.expect(403);
        app.patch(&path, token, json!({"name": "X"})).await.expect(403);
        app.delete(&path, token).await.expect(403);
        // Everybody reads.
        app.get(&path, token).await.expect(200);
    }
    // An admin's key with the write scope may set up territories (they are no accounts).
    let account = app.account("admin").await;
    let (session, _) = app.session(account["email"].as_str().unwrap()).await;
    let key = app.create_key(&session, json!(["read", "write"])).await.secret;
    app.post_territory(Some(&key), body).await.expect(201);
    assert_eq!(app.get(&path, None).await.expect(200)["name"], "Moravskoslezský kraj");
});

both!(codes_are_unique_per_kind_and_official_in_shape, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    app.post_territory(t, json!({"name": "Ostrava", "kind": "municipality", "code": "554821"})).await.expect(201);
    // The same number is free for another kind.
    let orp = id(&app.post_territory(t, json!({"name": "ORP Ostrava", "kind": "orp", "code": "554821"})).await.expect(201));
    let taken = app.post_territory(t, json!({"name": "Jiná Ostrava", "kind": "municipality", "code": "554821"})).await.expect(409);
    assert_eq!(taken["code"], "duplicate");
    assert_eq!(fields(&taken), ["code"]);
    // Nor can an edit take it, by its code or by its kind.
    let path = format!("/territories/{orp}");
    assert_eq!(fields(&app.patch(&path, t, json!({"kind": "municipality"})).await.expect(409)), ["code"]);
    app.post_territory(t, json!({"name": "Bohumín", "kind": "orp", "code": "8102"})).await.expect(201);
    assert_eq!(fields(&app.patch(&path, t, json!({"code": "8102"})).await.expect(409)), ["code"]);
    // Territories without a code never collide.
    for _ in 0..2 {
        app.post_territory(t, json!({"name": "Turnovsko", "kind": "microregion"})).await.expect(201);
    }
    for code in ["", "55 48", "5548-1", "x".repeat(17).as_str()] {
        let bad = app.post_territory(t, json!({"name": "Obec", "kind": "municipality", "code": code})).await.expect(422);
        assert_eq!(bad["errors"][0]["code"], "invalid_format", "{code:?}");
    }
    let both_wrong = app.post_territory(t, json!({"name": "", "kind": "municipality", "code": "?"})).await.expect(422);
    assert_eq!(fields(&both_wrong), ["name", "code"]);
    assert_eq!(fields(&app.post_territory(t, json!({"name": "Obec"})).await.expect(422)), ["kind"]);
});

both!(the_tree_never_loops, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let region = app.create_territory(&admin.token, "Jihočeský kraj", "region", None).await;
    let orp = app.create_territory(&admin.token, "ORP Český Krumlov", "orp", Some(&region)).await;
    let town = app.create_territory(&admin.token, "Český Krumlov", "municipality", Some(&orp)).await;
    let path = format!("/territories/{region}");
    for below in [&region, &orp, &town] {
        let refused = app.patch(&path, t, json!({"parent_id": below})).await.expect(422);
        assert_eq!((refused["errors"][0]["field"].as_str(), refused["errors"][0]["code"].as_str()), (Some("parent_id"), Some("invalid")));
    }
    let nowhere = app.patch(&path, t, json!({"parent_id": Uuid::now_v7()})).await.expect(422);
    assert_eq!(nowhere["errors"][0]["code"], "not_found");
    let orphan = app.post_territory(t, json!({"name": "Obec", "kind": "municipality", "parent_id": Uuid::now_v7()})).await.expect(422);
    assert_eq!(fields(&orphan), ["parent_id"]);
    // Moving a territory elsewhere, away from its own subtree, is fine.
    let other = app.create_territory(&admin.token, "ORP Kaplice", "orp", Some(&region)).await;
    assert_eq!(app.patch(&format!("/territories/{town}"), t, json!({"parent_id": other})).await.expect(200)["parent_id"], other.as_str());
    assert_eq!(app.get(&path, None).await.expect(200)["version"], 1, "the refused moves changed nothing");
});

both!(two_opposite_moves_at_once_never_make_a_loop, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    // Many rounds of "A under B" racing "B under A": at most one of each pair may win.
    for round in 0..10 {
        let a = app.create_territory(&admin.token, &format!("Mikroregion A{round}"), "microregion", None).await;
        let b = app.create_territory(&admin.token, &format!("Mikroregion B{round}"), "microregion", None).await;
        let (a_path, b_path) = (format!("/territories/{a}"), format!("/territories/{b}"));
        let (under_b, under_a) =
            tokio::join!(app.patch(&a_path, t, json!({"parent_id": b})), app.patch(&b_path, t, json!({"parent_id": a})));
        let won: Vec<u16> = [&under_b, &under_a].iter().map(|r| r.status.as_u16()).collect();
        assert!(won.iter().all(|s| [200, 412, 422].contains(s)), "round {round}: {won:?}");
        assert!(won.iter().filter(|s| **s == 200).count() <= 1, "round {round}: both moves won, a loop: {won:?}");
        let parents =
            (app.get(&a_path, None).await.expect(200)["parent_id"].clone(), app.get(&b_path, None).await.expect(200)["parent_id"].clone());
        assert!(parents.0.is_null() || parents.1.is_null(), "round {round}: {parents:?}");
    }
});

both!(a_territory_in_use_is_not_deleted, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let region = app.create_territory(&admin.token, "Liberecký kraj", "region", None).await;
    let micro = app.create_territory(&admin.token, "Turnovsko", "microregion", Some(&region)).await;
    let refused = app.delete(&format!("/territories/{region}"), t).await.expect(409);
    assert_eq!(refused["code"], "in_use");
    // A coordinator whose last territory vanished would manage everything: assigned, it stays.
    let c = app.coordinator().await;
    app.assign_coordinator(&micro, &admin.token, c.id).await;
    assert_eq!(app.delete(&format!("/territories/{micro}"), t).await.expect(409)["code"], "in_use");
    app.delete(&format!("/territories/{micro}/coordinators/{}", c.id), t).await.expect(204);
    app.delete(&format!("/territories/{micro}"), t).await.expect(204);
    app.delete(&format!("/territories/{region}"), t).await.expect(204);
});

both!(admins_assign_coordinators_to_territories, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let orp = app.create_territory(&admin.token, "ORP Český Krumlov", "orp", None).await;
    let c = app.coordinator().await;
    let answer = app.post_coordinator(&orp, t, c.id).await;
    let assigned = answer.expect(201);
    let path = format!("/territories/{orp}/coordinators/{}", c.id);
    assert_eq!(answer.header("location").unwrap(), format!("/api/v1{path}"));
    assert_eq!((assigned["territory_id"].as_str(), assigned["user_id"].as_str()), (Some(orp.as_str()), Some(c.id.to_string().as_str())));
    assert_eq!((assigned["display_name"].as_str(), assigned["email"].as_str()), (Some("Test coordinator"), Some(c.email.as_str())));
    assert_eq!(app.get(&path, t).await.expect(200)["id"], assigned["id"]);
    let list = app.get(&format!("/territories/{orp}/coordinators"), t).await.expect(200);
    assert_eq!(items(&list).iter().map(|c| c["user_id"].clone()).collect::<Vec<_>>(), [json!(c.id)]);

    let again = app.post_coordinator(&orp, t, c.id).await.expect(409);
    assert_eq!((again["code"].as_str(), fields(&again)), (Some("duplicate"), vec!["user_id".to_string()]));
    // Only active coordinator accounts: members have nothing to narrow, admins manage everything.
    for user in [app.member().await, app.admin().await] {
        let refused = app.post_coordinator(&orp, t, user.id).await.expect(422);
        assert_eq!((refused["errors"][0]["field"].as_str(), refused["errors"][0]["code"].as_str()), (Some("user_id"), Some("invalid")));
    }
    assert_eq!(app.post_coordinator(&orp, t, Uuid::now_v7()).await.expect(422)["errors"][0]["code"], "not_found");
    app.post_coordinator(&Uuid::now_v7().to_string(), t, c.id).await.expect(404);
    app.post(&format!("/territories/{orp}/coordinators"), t, json!({})).await.expect(422);

    app.delete_if(&path, t, "\"2\"").await.expect(412);
    app.delete(&path, t).await.expect(204);
    app.get(&path, t).await.expect(404);
    app.delete(&path, t).await.expect(404);
    assert!(items(&app.get(&format!("/territories/{orp}/coordinators"), t).await.expect(200)).is_empty());
    let id = assigned["id"].as_str().unwrap();
    assert_eq!(actions_on(&app, id).await, ["territory_coordinator create", "territory_coordinator delete"]);
});

both!(only_admins_in_a_session_manage_coordinators, |app| async move {
    let admin = app.admin().await;
    let orp = app.create_territory(&admin.token, "ORP Český Krumlov", "orp", None).await;
    let c = app.coordinator().await;
    let (list, one) = (format!("/territories/{orp}/coordinators"), format!("/territories/{orp}/coordinators/{}", c.id));
    app.assign_coordinator(&orp, &admin.token, c.id).await;
    app.get(&list, None).await.expect(401);
    app.post_coordinator(&orp, None, c.id).await.expect(401);
    for user in [c.clone(), app.coordinator().await, app.member().await] {
        let token = Some(user.token.as_str());
        app.get(&list, token).await.expect(403);
        app.get(&one, token).await.expect(403);
        app.post_coordinator(&orp, token, user.id).await.expect(403);
        app.delete(&one, token).await.expect(403);
    }
    // As with accounts, an admin's key never decides what accounts may do.
    let account = app.account("admin").await;
    let (session, _) = app.session(account["email"].as_str().unwrap()).await;
    let key = app.create_key(&session, json!(["read", "write"])).await.secret;
    app.get(&list, Some(&key)).await.expect(403);
    app.post_coordinator(&orp, Some(&key), app.coordinator().await.id).await.expect(403);
    app.delete(&one, Some(&key)).await.expect(403);
    assert_eq!(items(&app.get(&list, Some(&session)).await.expect(200)).len(), 1);
});

both!(territory_lists_are_paged, |app| async move {
    let admin = app.admin().await;
    let region = app.create_territory(&admin.token, "Středočeský kraj", "region", None).await;
    let mut made = vec![region.clone()];
    for n in 0..4 {
        made.push(app.create_territory(&admin.token, &format!("Obec {n}"), "municipality", Some(&region)).await);
    }
    let mut seen = Vec::new();
    let mut path = "/territories?limit=2".to_string();
    loop {
        let page = app.get(&path, None).await.expect(200);
        assert!(items(&page).len() <= 2);
        seen.extend(items(&page).iter().map(id));
        match page["next_cursor"].as_str() {
            Some(next) => path = format!("/territories?limit=2&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(seen, made, "every territory once, in the order made");
    let first = app.get(&format!("/territories?parent_id={region}&kind=municipality&limit=3"), None).await.expect(200);
    assert_eq!(items(&first).iter().map(id).collect::<Vec<_>>(), made[1..4]);
    app.get("/territories?limit=0", None).await.expect(422);
    app.get("/territories?cursor=x", None).await.expect(422);
});

/// Moravskoslezský kraj → ORP Ostrava → Ostrava, Klimkovice; ORP Bohumín → Bohumín; and the
/// microregion Turnovsko beside them (in another region, with a municipality of its own).
struct Tree {
    region: Uuid,
    orp: Uuid,
    towns: [Uuid; 2],
    other_orp: Uuid,
    other_town: Uuid,
    micro: Uuid,
    micro_town: Uuid,
}

async fn tree(app: &TestApp, admin: &TestUser) -> Tree {
    let t = &admin.token;
    let region = app.create_territory(t, "Moravskoslezský kraj", "region", None).await;
    let orp = app.create_territory(t, "ORP Ostrava", "orp", Some(&region)).await;
    let towns = [
        app.create_territory(t, "Ostrava", "municipality", Some(&orp)).await,
        app.create_territory(t, "Klimkovice", "municipality", Some(&orp)).await,
    ];
    let other_orp = app.create_territory(t, "ORP Bohumín", "orp", Some(&region)).await;
    let other_town = app.create_territory(t, "Bohumín", "municipality", Some(&other_orp)).await;
    let micro = app.create_territory(t, "Turnovsko", "microregion", None).await;
    let micro_town = app.create_territory(t, "Turnov", "municipality", Some(&micro)).await;
    Tree {
        region: uuid(&region),
        orp: uuid(&orp),
        towns: [uuid(&towns[0]), uuid(&towns[1])],
        other_orp: uuid(&other_orp),
        other_town: uuid(&other_town),
        micro: uuid(&micro),
        micro_town: uuid(&micro_town),
    }
}

both!(a_territory_scope_holds_everything_below_it, |app| async move {
    let admin = app.admin().await;
    let tree = tree(&app, &admin).await;
    let set = |ids: &[Uuid]| ids.iter().copied().collect::<BTreeSet<_>>();
    let region = set(&[tree.region, tree.orp, tree.towns[0], tree.towns[1], tree.other_orp, tree.other_town]);
    assert_eq!(scope::subtree(&app.db, tree.region).await.unwrap(), region);
    assert_eq!(scope::subtree(&app.db, tree.orp).await.unwrap(), set(&[tree.orp, tree.towns[0], tree.towns[1]]));
    assert_eq!(scope::subtree(&app.db, tree.micro).await.unwrap(), set(&[tree.micro, tree.micro_town]));
    assert_eq!(scope::subtree(&app.db, tree.towns[1]).await.unwrap(), set(&[tree.towns[1]]));
    assert!(scope::subtree(&app.db, Uuid::now_v7()).await.unwrap().is_empty());
    // As a filter inside another query, the way lists filter by `territory_id`.
    let within = territory::Entity::find().filter(scope::within(territory::Column::Id, tree.other_orp));
    assert_eq!(
        within.all(&app.db).await.unwrap().into_iter().map(|t| t.id).collect::<BTreeSet<_>>(),
        set(&[tree.other_orp, tree.other_town])
    );
    let towns = territory::Entity::find().filter(scope::within(territory::Column::ParentId, tree.region));
    assert_eq!(towns.count(&app.db).await.unwrap(), 5, "every territory whose parent lies in the region");
});

both!(a_coordinator_manages_what_is_assigned_and_below, |app| async move {
    let admin = app.admin().await;
    let tree = tree(&app, &admin).await;
    let c = app.coordinator().await;
    assert_eq!(scope::coordinated(&app.db, c.id).await.unwrap(), Reach::Installation, "none assigned: everything");
    assert!(Reach::Installation.includes(Some(tree.micro)) && Reach::Installation.includes(None));

    app.assign_coordinator(&tree.orp.to_string(), &admin.token, c.id).await;
    app.assign_coordinator(&tree.micro.to_string(), &admin.token, c.id).await;
    let reach = scope::coordinated(&app.db, c.id).await.unwrap();
    let expected = [tree.orp, tree.towns[0], tree.towns[1], tree.micro, tree.micro_town];
    assert_eq!(reach, Reach::Territories(expected.into_iter().collect()));
    assert!(reach.includes(Some(tree.towns[1])) && !reach.includes(Some(tree.region)) && !reach.includes(Some(tree.other_town)));
    assert!(!reach.includes(None), "what lies in no territory is the whole installation's");

    // A regional coordinator sees the whole region, once, even when also assigned to a part of it.
    let regional = app.coordinator().await;
    app.assign_coordinator(&tree.region.to_string(), &admin.token, regional.id).await;
    app.assign_coordinator(&tree.orp.to_string(), &admin.token, regional.id).await;
    let Reach::Territories(ids) = scope::coordinated(&app.db, regional.id).await.unwrap() else { panic!("assigned") };
    assert_eq!(ids, scope::subtree(&app.db, tree.region).await.unwrap());
    // Another coordinator's assignments are not theirs.
    assert_eq!(scope::coordinated(&app.db, app.coordinator().await.id).await.unwrap(), Reach::Installation);
});

/// The `manages` of an answer as (whole installation, the set of territory ids).
fn manages(me: &serde_json::Value) -> (bool, BTreeSet<Uuid>) {
    let ids = me["manages"]["territory_ids"].as_array().expect("territory_ids").iter().map(|i| uuid(i.as_str().unwrap()));
    (me["manages"]["whole_installation"].as_bool().expect("whole_installation"), ids.collect())
}

both!(me_tells_what_the_caller_manages, |app| async move {
    let admin = app.admin().await;
    let tree = tree(&app, &admin).await;
    let nothing = BTreeSet::new();
    assert_eq!(manages(&app.get("/me", Some(&admin.token)).await.expect(200)), (true, nothing.clone()));
    let member = app.member().await;
    assert_eq!(manages(&app.get("/me", Some(&member.token)).await.expect(200)), (false, nothing.clone()));
    let coordinator = app.coordinator().await;
    assert_eq!(manages(&app.get("/me", Some(&coordinator.token)).await.expect(200)), (true, nothing.clone()), "none assigned");

    // Assigned: the region and everything below it, a part of it counted once; nothing beside it.
    app.assign_coordinator(&tree.region.to_string(), &admin.token, coordinator.id).await;
    app.assign_coordinator(&tree.orp.to_string(), &admin.token, coordinator.id).await;
    let region = [tree.region, tree.orp, tree.towns[0], tree.towns[1], tree.other_orp, tree.other_town];
    let me = app.get("/me", Some(&coordinator.token)).await.expect(200);
    assert_eq!(manages(&me), (false, region.into_iter().collect()));
    assert_eq!(me["manages"]["territory_ids"].as_array().unwrap().len(), region.len());
    assert_eq!(me["id"], json!(coordinator.id), "the account's own fields stay beside it");

    // Other people's accounts do not carry it, not even for an admin.
    let other = app.get(&format!("/users/{}", coordinator.id), Some(&admin.token)).await.expect(200);
    assert!(other.get("manages").is_none());
    assert!(items(&app.get("/users", Some(&admin.token)).await.expect(200)).iter().all(|u| u.get("manages").is_none()));

    // A sign-in, a refresh and an edit of one's own account answer it too.
    let account = app.account("coordinator").await;
    app.assign_coordinator(&tree.micro.to_string(), &admin.token, uuid(account["id"].as_str().unwrap())).await;
    let micro = (false, [tree.micro, tree.micro_town].into_iter().collect());
    let pair = app.sign_in(account["email"].as_str().unwrap(), PASSWORD).await.expect(200);
    assert_eq!(manages(&pair["user"]), micro);
    let access = pair["access_token"].as_str().unwrap();
    app.delete(&format!("/territories/{}/coordinators/{}", tree.micro, account["id"].as_str().unwrap()), Some(&admin.token))
        .await
        .expect(204);
    let renewed = app.refresh(pair["refresh_token"].as_str().unwrap()).await.expect(200);
    assert_eq!(manages(&renewed["user"]), (true, nothing.clone()), "the last assignment removed: everything again");
    let edited = app.patch("/me", Some(access), json!({"display_name": "Jana Krajská"})).await.expect(200);
    assert_eq!((edited["display_name"].as_str(), manages(&edited)), (Some("Jana Krajská"), (true, nothing)));
});

both!(a_restore_puts_every_territory_after_its_parent, |app| async move {
    use entity::enums::TerritoryKind::{Municipality, Orp, Region};
    // Three levels whose ids sort the other way round (ids need not follow the tree).
    let region = app.territory_row(Uuid::from_u128(3), Region, None).await;
    let orp = app.territory_row(Uuid::from_u128(2), Orp, Some(region)).await;
    app.territory_row(Uuid::from_u128(1), Municipality, Some(orp)).await;
    let dir = TempDir(std::env::temp_dir().join(format!("spoluplan-territories-{}", Uuid::now_v7())));
    std::fs::create_dir_all(&dir.0).unwrap();
    let file = dir.0.join("a.dump");
    api::dump::dump(&app.db, &file).await.unwrap();
    // Level by level, whatever the ids: a restore in batches never meets a child before its parent.
    let text = std::fs::read_to_string(&file).unwrap();
    let lines = text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap());
    let written: Vec<_> = lines.filter(|l| l["table"] == "territories").map(|l| l["row"]["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(written, [3, 2, 1].map(|n| Uuid::from_u128(n).to_string()));
    let target = spawn_app(app.backend).await;
    api::dump::restore(&target.db, &file, &api::dump::verify(&file).unwrap()).await.unwrap();
    let restored = territory::Entity::find().order_by_asc(territory::Column::Id).all(&target.db).await.unwrap();
    assert_eq!(restored, territory::Entity::find().order_by_asc(territory::Column::Id).all(&app.db).await.unwrap());
    assert_eq!(restored.len(), 3);
    // The dump leaves the paths out (they are derived); the restore rebuilds them.
    assert_eq!(paths(&target).await, paths(&app).await);
    assert_eq!(paths(&target).await.len(), 3 + 3);
});

/// Every row of `territory_paths`, as (ancestor, descendant, depth).
async fn paths(app: &TestApp) -> BTreeSet<(Uuid, Uuid, i32)> {
    let rows = territory_path::Entity::find().all(&app.db).await.unwrap();
    rows.into_iter().map(|p| (p.ancestor_id, p.descendant_id, p.depth)).collect()
}

/// The closure `territory_paths` must hold, walked up `parent_id` here, apart from the database.
async fn closure_of_the_tree(app: &TestApp) -> BTreeSet<(Uuid, Uuid, i32)> {
    let parents: HashMap<Uuid, Option<Uuid>> =
        territory::Entity::find().all(&app.db).await.unwrap().into_iter().map(|t| (t.id, t.parent_id)).collect();
    let mut closure = BTreeSet::new();
    for &id in parents.keys() {
        let (mut at, mut depth) = (Some(id), 0);
        while let Some(ancestor) = at {
            closure.insert((ancestor, id, depth));
            (at, depth) = (parents[&ancestor], depth + 1);
        }
    }
    closure
}

both!(the_paths_follow_the_tree_through_create_move_and_delete, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let tree = tree(&app, &admin).await;
    let set = |ids: &[Uuid]| ids.iter().copied().collect::<BTreeSet<_>>();
    let created = paths(&app).await;
    assert_eq!(created, closure_of_the_tree(&app).await);
    assert!(created.contains(&(tree.region, tree.towns[1], 2)) && created.contains(&(tree.towns[1], tree.towns[1], 0)));
    assert_eq!(created.len(), 8 + 5 + 3 + 1, "each territory itself, the five below the region, the ORPs' towns, Turnov");

    // An ORP with its towns moves from the region to the microregion: lists follow it.
    let c = app.coordinator().await;
    let plan = app.plan_of(&c.token, &tree.towns[0].to_string()).await;
    let plans_of = |root: Uuid| {
        let app = &app;
        let c = &c;
        async move {
            items(&app.get(&format!("/plans?territory_id={root}"), Some(&c.token)).await.expect(200)).iter().map(id).collect::<Vec<_>>()
        }
    };
    assert_eq!(plans_of(tree.region).await, [plan.as_str()]);
    assert!(plans_of(tree.micro).await.is_empty());
    app.patch(&format!("/territories/{}", tree.orp), t, json!({"parent_id": tree.micro})).await.expect(200);
    let moved = paths(&app).await;
    assert_eq!(moved, closure_of_the_tree(&app).await);
    assert!(moved.contains(&(tree.micro, tree.towns[0], 2)) && !moved.iter().any(|&(a, d, _)| a == tree.region && d == tree.towns[0]));
    assert!(moved.contains(&(tree.orp, tree.towns[0], 1)), "the rows within the subtree stay");
    assert!(plans_of(tree.region).await.is_empty(), "the old region no longer holds it");
    assert_eq!(plans_of(tree.micro).await, [plan.as_str()]);
    assert_eq!(plans_of(tree.orp).await, [plan.as_str()]);
    assert_eq!(scope::subtree(&app.db, tree.region).await.unwrap(), set(&[tree.region, tree.other_orp, tree.other_town]));
    let micro = set(&[tree.micro, tree.micro_town, tree.orp, tree.towns[0], tree.towns[1]]);
    assert_eq!(scope::subtree(&app.db, tree.micro).await.unwrap(), micro);
    // A coordinator of the region no longer reaches the moved ORP's towns.
    let regional = app.coordinator().await;
    app.assign_coordinator(&tree.region.to_string(), &admin.token, regional.id).await;
    assert!(!scope::coordinated(&app.db, regional.id).await.unwrap().includes(Some(tree.towns[0])));

    // To the top of the tree, then back under the region.
    app.patch(&format!("/territories/{}", tree.orp), t, json!({"parent_id": null})).await.expect(200);
    assert_eq!(paths(&app).await, closure_of_the_tree(&app).await);
    assert_eq!(scope::subtree(&app.db, tree.micro).await.unwrap(), set(&[tree.micro, tree.micro_town]));
    assert_eq!(plans_of(tree.orp).await, [plan.as_str()]);
    app.patch(&format!("/territories/{}", tree.orp), t, json!({"parent_id": tree.region})).await.expect(200);
    assert_eq!(paths(&app).await, created, "back where it was, the paths are as they were made");
    assert_eq!(plans_of(tree.region).await, [plan.as_str()]);

    // A renamed territory keeps its paths; a deleted one takes its own along.
    app.patch(&format!("/territories/{}", tree.orp), t, json!({"name": "ORP Ostrava-město"})).await.expect(200);
    assert_eq!(paths(&app).await, created);
    app.delete(&format!("/territories/{}", tree.other_town), t).await.expect(204);
    let deleted = paths(&app).await;
    assert_eq!(deleted, closure_of_the_tree(&app).await);
    assert!(!deleted.iter().any(|&(a, d, _)| a == tree.other_town || d == tree.other_town));
    assert_eq!(deleted.len(), created.len() - 3);
});

both!(a_territory_made_from_a_plan_name_has_its_path, |app| async move {
    let c = app.coordinator().await;
    let body = json!({"title": "Plán", "territory": "Obec Malonty", "period_start": 2025, "period_end": 2027});
    let made = app.post_plan(Some(&c.token), body).await.expect(201);
    let territory = uuid(made["territory_id"].as_str().unwrap());
    assert_eq!(paths(&app).await, BTreeSet::from([(territory, territory, 0)]));
    let listed = app.get(&format!("/plans?territory_id={territory}"), Some(&c.token)).await.expect(200);
    assert_eq!(items(&listed).iter().map(id).collect::<Vec<_>>(), [id(&made)]);
});
