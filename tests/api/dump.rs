//! `spoluplan dump`: one consistent snapshot of every table (the binary's dump, restore and move
//! between databases are tested in cli.rs).
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::both;
use crate::helpers::Backend;

both!(every_table_is_dumped, |app| async move {
    // A new table must join the dump's list (in foreign-key order), or this fails.
    let sql = match app.backend {
        Backend::Sqlite => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        Backend::Postgres => "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
    };
    let rows = app.db.query_all_raw(Statement::from_string(app.db.get_database_backend(), sql)).await.unwrap();
    let mut schema: Vec<String> =
        rows.iter().map(|r| r.try_get::<String>("", "name").unwrap()).filter(|n| !api::dump::LEFT_OUT.contains(&n.as_str())).collect();
    schema.sort();
    let mut dumped: Vec<String> = api::dump::table_names().into_iter().map(String::from).collect();
    dumped.sort();
    assert_eq!(dumped, schema);
});

both!(a_dump_is_one_moment_while_writes_go_on, |app| async move {
    let c = app.coordinator().await;
    let before = app.plan(&c).await;
    let snapshot = api::dump::Snapshot::begin(&app.db).await.unwrap();
    // Written while the dump is open: not blocked, and not in it.
    let during = app.plan(&c).await;
    app.post_comment(Some(&c.token), json!({"target_type": "plan", "target_id": before, "body": "Připomínka"})).await.expect(201);
    let mut file = Vec::new();
    let header = snapshot.write(&mut file).await.unwrap();
    let text = String::from_utf8(file).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let rows_of = |table: &str| lines.iter().filter(|l| l["table"] == table).map(|l| l["row"].clone()).collect::<Vec<_>>();
    let plans = rows_of("plans");
    assert_eq!(plans.len(), 1, "{plans:?}");
    assert_eq!(plans[0]["id"], before.as_str());
    assert!(rows_of("comments").is_empty());
    assert_eq!(lines[0]["tables"].as_array().unwrap().iter().find(|t| t["name"] == "plans").unwrap()["rows"], 1);
    assert_eq!(header.tables.iter().map(|t| t.rows).sum::<u64>() as usize, lines.len() - 2);
    assert!(lines.last().unwrap()["sha256"].as_str().is_some_and(|h| h.len() == 64));
    // The next dump sees what was written meanwhile.
    let mut next = Vec::new();
    api::dump::Snapshot::begin(&app.db).await.unwrap().write(&mut next).await.unwrap();
    let next = String::from_utf8(next).unwrap();
    assert!(next.contains(&during) && next.contains("Připomínka"));
});

both!(a_restore_puts_parents_before_children_whatever_their_ids, |app| async move {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let c = app.coordinator().await;
    let plan = app.plan(&c).await;
    let admin = app.admin().await;
    let region = app.create_territory(&admin.token, "Jihočeský kraj", "region", None).await;
    let group = app.group_of(&c.token, "PS Senioři", &region).await;
    let parent = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři"})).await;
    // A sub-goal and a reply whose ids sort before their parents' (ids need not follow time).
    let mut sub: entity::goal::ActiveModel =
        entity::goal::Entity::find_by_id(parent.parse::<uuid::Uuid>().unwrap()).one(&app.db).await.unwrap().unwrap().into();
    sub.id = Set(uuid::Uuid::from_u128(1));
    sub.code = Set("1.1".into());
    sub.parent_goal_id = Set(Some(parent.parse().unwrap()));
    sub.insert(&app.db).await.unwrap();
    let comment = app.create_comment(Some(&c.token), json!({"target_type": "plan", "target_id": plan, "body": "Otázka"})).await;
    let mut reply: entity::comment::ActiveModel =
        entity::comment::Entity::find_by_id(comment.parse::<uuid::Uuid>().unwrap()).one(&app.db).await.unwrap().unwrap().into();
    reply.id = Set(uuid::Uuid::from_u128(2));
    reply.body = Set("Odpověď".into());
    reply.parent_id = Set(Some(comment.parse().unwrap()));
    reply.insert(&app.db).await.unwrap();
    // A measure naming the network: its links load after the organizations and services they name.
    let charita = app.create_organization(&c.token, "Charita").await;
    let service = crate::helpers::id(&app.create_service(&c.token, &charita, "Odlehčovací služba", json!({})).await);
    let linked = json!({"code": "1.1", "title": "Odlehčovací služba", "responsible_organization_id": charita,
                        "partner_organization_ids": [charita], "service_ids": [service], "target_group_codes": ["seniori"]});
    app.create_measure(&parent, &c.token, linked).await;

    let dir = crate::helpers::TempDir(std::env::temp_dir().join(format!("spoluplan-dump-{}", uuid::Uuid::now_v7())));
    std::fs::create_dir_all(&dir.0).unwrap();
    let (file, again) = (dir.0.join("a.dump"), dir.0.join("b.dump"));
    api::dump::dump(&app.db, &file).await.unwrap();
    let target = crate::helpers::spawn_app(app.backend).await;
    let header = api::dump::verify(&file).unwrap();
    api::dump::restore(&target.db, &file, &header).await.unwrap();
    api::dump::dump(&target.db, &again).await.unwrap();
    let rows = |path: &std::path::Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<String> = text.lines().map(String::from).collect();
        lines[1..lines.len() - 1].to_vec()
    };
    assert_eq!(rows(&again), rows(&file));
    // The links to territories travel too.
    let group_path = format!("/working-groups/{group}");
    assert_eq!(target.get(&group_path, None).await.json()["territory_id"], region.as_str());
    let placed = app.get(&format!("/plans/{plan}"), Some(&c.token)).await.json()["territory_id"].clone();
    assert!(placed.is_string());
    assert_eq!(target.get(&format!("/plans/{plan}"), Some(&c.token)).await.json()["territory_id"], placed);
    let tree = target.get(&format!("/plans/{plan}/tree"), Some(&c.token)).await.text;
    assert_eq!(tree, app.get(&format!("/plans/{plan}/tree"), Some(&c.token)).await.text);
    assert!(tree.contains(&format!("\"service_ids\":[\"{service}\"]")), "{tree}");
    // Once loaded, the database is no longer empty.
    let refused = api::dump::restore(&target.db, &file, &header).await.unwrap_err().to_string();
    assert!(refused.contains("the database is not empty"), "{refused}");
});
