//! `/search`: words as people type them (any case, with or without accents, the last word a
//! prefix) find plans, goals, measures, services, organizations, working groups, meetings and
//! needs, ranked, each with a marked passage; drafts only for those who read them; the index kept
//! in the same transaction as every write, so what a rebuild makes is what the writes made.
use std::collections::BTreeSet;

use entity::search_entry;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

/// The hits of `/search?{query}` for the caller `token`, as `(type, title)`.
async fn hits(app: &TestApp, token: Option<&str>, query: &str) -> Vec<(String, String)> {
    let page = app.get(&format!("/search?{query}"), token).await.expect(200);
    items(&page).iter().map(|h| (h["type"].as_str().unwrap().to_owned(), h["title"].as_str().unwrap().to_owned())).collect()
}

async fn titles(app: &TestApp, token: Option<&str>, query: &str) -> BTreeSet<String> {
    hits(app, token, query).await.into_iter().map(|(_, title)| title).collect()
}

fn set(titles: &[&str]) -> BTreeSet<String> {
    titles.iter().map(|t| t.to_string()).collect()
}

/// The index's rows as comparable facts (its own ids aside).
async fn index_rows(app: &TestApp) -> BTreeSet<String> {
    let rows = search_entry::Entity::find().all(&app.db).await.unwrap();
    rows.into_iter()
        .map(|r| {
            format!(
                "{:?} {} {:?} {:?} {:?} {} {} | {}",
                r.kind, r.entity_id, r.plan_id, r.owner_id, r.territory_id, r.public, r.title_terms, r.terms
            )
        })
        .collect()
}

both!(search_finds_words_as_people_type_them_and_only_what_the_caller_may_read, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan_of(&c.token, &tree.orp).await;
    let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři doma"})).await;
    app.create_measure(
        &goal,
        &c.token,
        json!({"code": "1.1", "title": "Rozvoj terénních služeb", "description": "Posílit pečovatelskou službu v obcích Kaplicka."}),
    )
    .await;
    let charita = app.create_organization(&c.token, "Charita Český Krumlov").await;
    let service = app
        .create_service(
            &c.token,
            &charita,
            "Pečovatelská služba Krumlovsko",
            json!({"kind_code": "pecovatelska_sluzba", "territory_ids": [tree.town]}),
        )
        .await;

    // Any case, no accents, the last word a prefix, the words in any order.
    for q in ["pecovatelska", "PEČOVATELSKÁ", "pecovat", "sluzba pecovatelska", "krumlovsko pe"] {
        assert_eq!(titles(&app, None, &format!("q={q}")).await, set(&["Pečovatelská služba Krumlovsko"]), "{q}");
    }
    // Every word must be found; only the last is a prefix.
    assert!(hits(&app, None, "q=pecovat%20sluzba").await.is_empty());
    assert!(hits(&app, None, "q=pecovatelskx").await.is_empty());
    // The provider is found by its name, and its service by the provider's name too.
    assert_eq!(titles(&app, None, "q=charita").await, set(&["Charita Český Krumlov", "Pečovatelská služba Krumlovsko"]));
    assert_eq!(hits(&app, None, "q=charita&types=organization").await, [("organization".to_owned(), "Charita Český Krumlov".to_owned())]);

    // The draft's measure is found only by those who read drafts.
    assert!(titles(&app, None, "q=pecovatelskou").await.is_empty());
    let page = app.get("/search?q=pecovatelskou", t).await.expect(200);
    let hit = &items(&page)[0];
    assert_eq!((hit["type"].as_str(), hit["title"].as_str()), (Some("measure"), Some("1.1 Rozvoj terénních služeb")));
    assert_eq!(hit["snippet"], "Posílit <mark>pečovatelskou</mark> službu v obcích Kaplicka.");
    assert!(hit["url"].as_str().unwrap().ends_with(&format!("/measures/{}", hit["id"].as_str().unwrap())), "{hit}");
    // Its consultation opens it to everyone, with its goal and plan.
    app.start_consultation(&plan, &c.token).await;
    assert_eq!(titles(&app, None, "q=pecovatelskou").await, set(&["1.1 Rozvoj terénních služeb"]));
    assert_eq!(titles(&app, None, "q=seniori%20doma").await, set(&["1 Senioři doma"]));

    // Ranked: a word in the title counts above one in the text.
    let ranked = hits(&app, None, "q=pecovatelska%20sluzba").await;
    assert_eq!(ranked[0].1, "Pečovatelská služba Krumlovsko", "{ranked:?}");

    // Within a territory: the plan's parts by its territory, a service by where it works.
    let within = |root: &str| format!("q=kaplick&territory_id={root}");
    assert_eq!(titles(&app, None, &within(&tree.region)).await, set(&["1.1 Rozvoj terénních služeb"]));
    assert!(titles(&app, None, &within(&tree.other_orp)).await.is_empty());
    let serving = format!("q=krumlovsko&territory_id={}", tree.orp);
    assert_eq!(titles(&app, None, &serving).await, set(&["Pečovatelská služba Krumlovsko"]));
    let elsewhere = format!("q=krumlovsko&territory_id={}", tree.other_orp);
    assert!(titles(&app, None, &elsewhere).await.is_empty());

    // Working groups, meetings and needs; a need's reporter is never searchable.
    let group = app.group_of(&c.token, "Skupina pro seniory a zdravotně postižené", &tree.orp).await;
    let at = "2031-03-01T09:00:00Z";
    let meeting =
        json!({"title": "Setkání k dluhové poradně", "starts_at": at, "ends_at": "2031-03-01T11:00:00Z", "location": "MěÚ Kaplice"});
    app.create_meeting(&group, &c.token, meeting).await;
    let need = json!({"title": "Chybí odlehčovací služba", "description": "Pečující nemají oddech.", "territory_id": tree.town,
                      "author_name": "Jana Nováková", "author_email": "jana@example.cz"});
    app.post("/needs", None, need).await.expect(201);
    assert_eq!(
        hits(&app, None, "q=zdravotne").await,
        [("working_group".to_owned(), "Skupina pro seniory a zdravotně postižené".to_owned())]
    );
    assert_eq!(hits(&app, None, "q=dluhove%20por").await, [("meeting".to_owned(), "Setkání k dluhové poradně".to_owned())]);
    assert_eq!(titles(&app, None, &format!("q=odlehcovaci&territory_id={}", tree.orp)).await, set(&["Chybí odlehčovací služba"]));
    assert!(hits(&app, t, "q=novakova").await.is_empty(), "nobody's name is indexed");
    assert!(hits(&app, t, "q=jana%40example.cz").await.is_empty(), "nor an e-mail address");

    // A page at a time.
    let first = app.get("/search?q=sluzb&limit=1", None).await.expect(200);
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = app.get(&format!("/search?q=sluzb&limit=1&cursor={cursor}"), None).await.expect(200);
    assert_ne!(items(&first)[0]["id"], items(&second)[0]["id"]);

    // The index follows every change, in the same transaction.
    let path = format!("/services/{}", service["id"].as_str().unwrap());
    app.patch(&path, t, json!({"name": "Terénní péče Krumlovsko"})).await.expect(200);
    assert_eq!(titles(&app, None, "q=terenni%20pece").await, set(&["Terénní péče Krumlovsko"]));
    app.delete(&path, t).await.expect(204);
    assert!(titles(&app, None, "q=krumlovsko").await.is_empty());

    // Bad input is named; signs alone find nothing.
    assert_eq!(fields(&app.get("/search?q=a", None).await.expect(422)), ["q"]);
    assert_eq!(fields(&app.get(&format!("/search?q={}", "a".repeat(201)), None).await.expect(422)), ["q"]);
    assert_eq!(fields(&app.get("/search?q=seniori&types=plan,comment", None).await.expect(422)), ["types"]);
    assert_eq!(fields(&app.get("/search?q=seniori&cursor=1", None).await.expect(422)), ["cursor"]);
    app.get("/search", None).await.expect(400);
    assert!(hits(&app, None, "q=%21%3F%22%2A").await.is_empty());
    assert!(hits(&app, None, "q=%20%20").await.is_empty());
});

both!(the_catalogue_filters_match_as_search_does, |app| async move {
    let c = app.coordinator().await;
    let charita = app.create_organization(&c.token, "Oblastní charita Třeboň").await;
    app.create_service(&c.token, &charita, "Osobní asistence Třeboňsko", json!({"description": "Pomoc s péčí o domácnost."})).await;
    let names = |page: Value| items(&page).iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
    for q in ["trebonsko", "Osobní ASIST", "peci%20o%20domacnost"] {
        assert_eq!(names(app.get(&format!("/services?q={q}"), None).await.expect(200)), ["Osobní asistence Třeboňsko"], "{q}");
    }
    assert!(names(app.get("/services?q=asistx", None).await.expect(200)).is_empty());
    assert!(names(app.get("/services?q=%21%21", None).await.expect(200)).is_empty());
    assert_eq!(names(app.get("/organizations?q=trebon", None).await.expect(200)), ["Oblastní charita Třeboň"]);
});

both!(the_index_the_writes_keep_is_the_index_a_rebuild_makes, |app| async move {
    let admin = app.admin().await;
    let tree = app.tree(&admin.token).await;
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan_of(&c.token, &tree.orp).await;
    let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Bydlení"})).await;
    let sub = app.post_goal(&plan, t, json!({"code": "1.A", "title": "Startovací byty", "parent_goal_id": goal})).await.expect(201);
    app.create_measure(sub["id"].as_str().unwrap(), &c.token, json!({"code": "1.A.1", "title": "Byty pro mladé"})).await;
    let kept = app.create_goal(&plan, &c.token, json!({"code": "2", "title": "Dluhy"})).await;
    app.create_measure(&kept, &c.token, json!({"code": "2.1", "title": "Dluhová poradna"})).await;
    // A goal deleted with its sub-goal and measure; a plan renamed through its territory.
    app.delete(&format!("/goals/{goal}"), t).await.expect(204);
    app.patch(&format!("/territories/{}", tree.orp), Some(&admin.token), json!({"name": "ORP Krumlov"})).await.expect(200);
    app.patch(&format!("/plans/{plan}"), t, json!({"territory_id": tree.other_orp})).await.expect(200);
    // A group's meetings follow its territory; a meeting and a group deleted leave nothing.
    let group = app.group_of(&c.token, "Rodiny s dětmi", &tree.orp).await;
    let meeting =
        json!({"title": "Jednání", "starts_at": "2031-03-01T09:00:00Z", "ends_at": "2031-03-01T11:00:00Z", "location": "MěÚ Kaplice"});
    app.create_meeting(&group, &c.token, meeting.clone()).await;
    let cancelled = app.create_meeting(&group, &c.token, meeting).await;
    app.delete(&format!("/meetings/{cancelled}"), t).await.expect(204);
    app.patch(&format!("/working-groups/{group}"), t, json!({"territory_id": tree.town})).await.expect(200);
    let gone = app.group_of(&c.token, "Zrušená skupina", &tree.orp).await;
    app.delete(&format!("/working-groups/{gone}"), t).await.expect(204);
    // A provider renamed: its services carry the new name.
    let provider = app.create_organization(&c.token, "Spolek Krok").await;
    app.create_service(&c.token, &provider, "Sociálně aktivizační služby", json!({})).await;
    app.patch(&format!("/organizations/{provider}"), t, json!({"name": "Spolek Krok Kaplice"})).await.expect(200);
    app.start_consultation(&plan, &c.token).await;

    let written = index_rows(&app).await;
    assert!(written.iter().any(|r| r.contains("spolek krok kaplice") && r.starts_with("Service")), "{written:#?}");
    assert!(!written.iter().any(|r| r.contains("startovaci") || r.contains("zrusena")), "{written:#?}");
    assert_eq!(written.iter().filter(|r| r.starts_with("Meeting")).count(), 1, "{written:#?}");
    let txn = api::db::begin(&app.db).await.unwrap();
    api::search::index::rebuild(&txn).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(index_rows(&app).await, written);
});

both!(a_word_held_everywhere_ranks_a_bounded_set_the_first_indexed, |app| async move {
    use entity::enums::{NeedSource, NeedStatus};
    use entity::need;
    use sea_orm::ActiveValue::Set;
    // More needs holding "odlehčovací" than are ranked, written past the services and indexed whole.
    let now = chrono::Utc::now();
    let rows = (0..api::search::service::CANDIDATES + 5).map(|i| need::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        title: Set(format!("Odlehčovací služba {i}")),
        description: Set("Pečující potřebují oddech.".into()),
        territory_id: Set(None),
        author_name: Set("Anonym".into()),
        author_email: Set(None),
        source: Set(NeedSource::Public),
        working_group_id: Set(None),
        status: Set(NeedStatus::New),
        response: Set(None),
        duplicate_of: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    });
    need::Entity::insert_many(rows).exec_without_returning(&app.db).await.unwrap();
    let txn = api::db::begin(&app.db).await.unwrap();
    api::search::index::rebuild(&txn).await.unwrap();
    txn.commit().await.unwrap();

    // Every page of the hits: the first CANDIDATES needs indexed, each once, then no next page.
    let (mut seen, mut cursor) = (BTreeSet::new(), String::new());
    loop {
        let page = app.get(&format!("/search?q=odlehcovaci&limit=200{cursor}"), None).await.expect(200);
        for hit in items(&page) {
            assert!(seen.insert(hit["title"].as_str().unwrap().to_owned()), "{hit} twice");
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = format!("&cursor={next}"),
            None => break,
        }
    }
    let first: BTreeSet<String> = (0..api::search::service::CANDIDATES).map(|i| format!("Odlehčovací služba {i}")).collect();
    assert_eq!(seen, first);
    // A word the first ones lack finds the others.
    assert_eq!(titles(&app, None, &format!("q=odlehcovaci%20{}", api::search::service::CANDIDATES + 2)).await.len(), 1);
});
