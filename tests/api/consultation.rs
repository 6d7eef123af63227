//! Settling consultation comments, the approval gate, and the register in JSON, CSV and HTML.
use reqwest::Method;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

fn approval() -> Value {
    to_approved("usnesení ZM č. 1234/ZM2226/22", &api::clock::today().to_string())
}

/// The register with an explicit `Accept`, read as raw bytes (a text decoder would eat the BOM).
async fn report(app: &TestApp, plan: &str, token: Option<&str>, accept: &str, query: &str) -> (u16, String, Vec<u8>) {
    let mut request = app.client.get(app.url(&format!("/plans/{plan}/consultation-report{query}"))).header("accept", accept);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    (status, content_type, response.bytes().await.unwrap().to_vec())
}

both!(resolution_rules, |app| async move {
    let k = app.open_consultation().await;
    let c = Some(k.coordinator.token.as_str());
    let member = app.member().await;
    let formal = app.create_comment(Some(&member.token), on("measure", &k.measure, "Rozšířit o víkendy.")).await;
    let path = format!("/comments/{formal}/resolution");
    let accepted = json!({"resolution": "accepted", "note": "Oprávněná připomínka.", "change": "Opatření 1.1 doplněno o víkendy."});

    app.post(&path, None, accepted.clone()).await.expect(401);
    app.post(&path, Some(&member.token), accepted.clone()).await.expect(403);
    for resolution in ["accepted", "partially_accepted", "rejected"] {
        let problem = app.post(&path, c, json!({"resolution": resolution})).await.expect(422);
        assert_eq!(problem["errors"][0]["field"], "note");
        app.post(&path, c, json!({"resolution": resolution, "note": "  "})).await.expect(422);
    }
    let unknown = app.post(&path, c, json!({"resolution": "maybe", "note": "x"})).await.expect(422);
    assert_eq!(unknown["errors"][0]["field"], "resolution");
    app.post(&path, c, json!({"resolution": "noted", "resolved_by": member.id})).await.expect(400);

    let settled = app.post(&path, c, accepted).await.expect(200);
    assert_eq!(settled["resolution"], "accepted");
    assert_eq!(settled["resolution_note"], "Oprávněná připomínka.");
    assert_eq!(settled["resolution_change"], "Opatření 1.1 doplněno o víkendy.");
    assert_eq!(settled["resolved_by"], json!({"id": k.coordinator.id, "display_name": "Test coordinator"}));
    assert!(settled["resolved_at"].is_string());
    assert_eq!(settled["version"], 2);
    // Settled again while the plan is in consultation; a noted comment needs no justification.
    let again = app.send(Method::POST, &path, c, Some(json!({"resolution": "noted"})), &[("if-match", "\"2\"")]).await.expect(200);
    assert_eq!(again["resolution"], "noted");
    assert!(again["resolution_note"].is_null() && again["resolution_change"].is_null());
    app.send(Method::POST, &path, c, Some(json!({"resolution": "noted"})), &[("if-match", "\"2\"")]).await.expect(412);
    // The public sees the settlement (who and why) too.
    assert_eq!(app.get(&format!("/comments/{formal}"), None).await.expect(200)["resolution"], "noted");
    // A settled comment is final for its author.
    app.patch(&format!("/comments/{formal}"), Some(&member.token), json!({"body": "Jinak"})).await.expect(409);
    app.delete(&format!("/comments/{formal}"), Some(&member.token)).await.expect(409);
    let audit = app.get(&format!("/audit?entity_type=comment&entity_id={formal}&action=resolve"), c).await.expect(200);
    assert_eq!(items(&audit).len(), 2);

    // Only formal consultation comments are settled: not replies, not comments made outside it.
    let reply = reply_to(&formal, on("measure", &k.measure, "Souhlas."));
    let reply = app.create_comment(Some(&member.token), reply).await;
    let problem = app.resolve(&reply, c, json!({"resolution": "noted"})).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("reply"));
    let draft = app.plan(&k.coordinator).await;
    let casual = app.create_comment(Some(&member.token), on("plan", &draft, "K pracovní verzi")).await;
    let problem = app.resolve(&casual, c, json!({"resolution": "noted"})).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("only consultation comments"));
    app.resolve(&uuid::Uuid::now_v7().to_string(), c, json!({"resolution": "noted"})).await.expect(404);
});

both!(approval_waits_for_every_settlement, |app| async move {
    let k = app.open_consultation().await;
    let c = Some(k.coordinator.token.as_str());
    let first = app.create_comment(None, anonymous("plan", &k.plan, "První", "Jana", None)).await;
    let second = app.create_comment(None, anonymous("goal", &k.goal, "Druhá", "Petr", None)).await;
    let reply = reply_to(&first, anonymous("plan", &k.plan, "Odpověď se neposuzuje", "Eva", None));
    app.post_comment(None, reply).await.expect(201);
    // A hidden comment still has to be settled.
    app.hide(&second, c, "Osobní údaje").await;
    app.pass_deadline(&k.plan, 1).await;

    let status = format!("/plans/{}/status", k.plan);
    let problem = app.post(&status, c, approval()).await.expect(409);
    assert_eq!(problem["code"], "unsettled_comments");
    assert!(problem["detail"].as_str().unwrap().starts_with("2 consultation comment"), "{problem}");
    app.resolve(&first, c, json!({"resolution": "rejected", "note": "Mimo rozsah plánu."})).await.expect(200);
    let problem = app.post(&status, c, approval()).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().starts_with("1 consultation comment"), "{problem}");
    app.resolve(&second, c, json!({"resolution": "noted"})).await.expect(200);
    assert_eq!(app.post(&status, c, approval()).await.expect(200)["status"], "approved");

    // The register is final once the plan is approved.
    let problem = app.resolve(&first, c, json!({"resolution": "accepted", "note": "Přece jen"})).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("approved"));
    app.delete(&format!("/comments/{first}"), c).await.expect(409);
});

/// A plan in consultation with a settled, a partly settled, an unsettled and a hidden comment,
/// a reply and a comment on a draft (neither of which belongs in the register).
async fn register_fixture(app: &TestApp) -> (Consultation, String) {
    let k = app.open_consultation().await;
    let c = Some(k.coordinator.token.as_str());
    let tricky = "Navrhuji: \"víkendový provoz\"; také svátky.\nDruhý řádek <script>alert(1)</script> & konec";
    let a = app.create_comment(None, anonymous("measure", &k.measure, tricky, "Jana Nováková", Some("jana@example.cz"))).await;
    let b = app.create_comment(None, anonymous("goal", &k.goal, "Cíl zúžit na seniory.", "Spolek seniorů", None)).await;
    app.post_comment(None, anonymous("plan", &k.plan, "Kdy bude hotovo?", "Petr Malý", None)).await.expect(201);
    let hidden = app.create_comment(None, anonymous("plan", &k.plan, "Nevhodný text", "Troll", Some("troll@example.cz"))).await;
    app.hide(&hidden, c, "Vulgarismy").await;
    let reply = reply_to(&a, anonymous("measure", &k.measure, "Souhlasím", "Eva", None));
    app.post_comment(None, reply).await.expect(201);
    let draft = app.plan(&k.coordinator).await;
    app.post_comment(c, on("plan", &draft, "Jinde")).await.expect(201);
    app.resolve(
        &a,
        c,
        json!({"resolution": "accepted", "note": "Oprávněné; text \"upraven\".", "change": "Opatření 1.1: víkendy; svátky"}),
    )
    .await
    .expect(200);
    app.resolve(&b, c, json!({"resolution": "partially_accepted", "note": "Částečně."})).await.expect(200);
    (k, tricky.to_string())
}

both!(register_as_json, |app| async move {
    let (k, tricky) = register_fixture(&app).await;
    let public = app.register(&k.plan, None).await;
    assert!(public.header("content-type").unwrap().starts_with("application/json"));
    let report = public.expect(200);
    assert_eq!(report["plan"]["id"], k.plan.as_str());
    assert_eq!(report["counts"], json!({"total": 4, "accepted": 1, "partially_accepted": 1, "rejected": 0, "noted": 0, "unsettled": 2}));
    let items = items(&report);
    let numbers: Vec<u64> = items.iter().map(|e| e["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(items[0]["target"], json!({"type": "measure", "id": k.measure, "code": "1.1", "title": "Odlehčovací služba"}));
    assert_eq!(items[1]["target"]["code"], "1");
    assert_eq!(items[2]["target"]["type"], "plan");
    assert!(items[2]["target"]["code"].is_null());
    assert_eq!(items[0]["body"], tricky.as_str());
    assert_eq!(items[0]["author"]["display_name"], "Jana Nováková");
    assert_eq!(items[0]["resolution"], "accepted");
    assert_eq!(items[0]["resolution_change"], "Opatření 1.1: víkendy; svátky");
    assert_eq!(items[0]["resolved_by"]["display_name"], "Test coordinator");
    assert_eq!(items[0]["channel"], "web");
    assert!(items[3]["body"].is_null(), "a hidden text is withheld from the public");
    assert!(!public.text.contains("@example.cz"), "no e-mail for the public");

    let member = app.member().await;
    assert!(!app.register(&k.plan, Some(&member.token)).await.text.contains("@example.cz"));
    let staff = app.register(&k.plan, Some(&k.coordinator.token)).await.expect(200);
    assert_eq!(staff["items"][0]["author_email"], "jana@example.cz");
    assert_eq!(staff["items"][3]["body"], "Nevhodný text");

    // Who may see the plan may see its register; drafts are 404 for the public.
    let draft = app.plan(&k.coordinator).await;
    app.register(&draft, None).await.expect(404);
    let empty = app.register(&draft, Some(&member.token)).await.expect(200);
    assert_eq!(empty["counts"]["total"], 0);
    app.register(&uuid::Uuid::now_v7().to_string(), None).await.expect(404);
});

both!(register_as_csv_for_excel, |app| async move {
    let (k, tricky) = register_fixture(&app).await;
    let (status, content_type, bytes) = report(&app, &k.plan, None, "text/csv", "").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert_eq!(&bytes[..3], &[0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with(
        "Č.;Připomínka k;Kód;Název;Autor;Kanál;Přijato;Text připomínky;Vypořádání;Odůvodnění;Změna v plánu;Vypořádal;Datum vypořádání\r\n"
    ));
    assert!(!text.contains("@example.cz"));

    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "replies and comments outside the consultation are not in the register");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let first = &rows[0];
    assert_eq!(&first[col("Č.")], "1");
    assert_eq!(&first[col("Připomínka k")], "opatření");
    assert_eq!(&first[col("Kód")], "1.1");
    assert_eq!(&first[col("Název")], "Odlehčovací služba");
    assert_eq!(&first[col("Autor")], "Jana Nováková");
    assert_eq!(&first[col("Kanál")], "web");
    assert_eq!(&first[col("Přijato")], api::clock::today().to_string());
    assert_eq!(&first[col("Text připomínky")], tricky, "separator, quotes and a line break round-trip");
    assert_eq!(&first[col("Vypořádání")], "akceptováno");
    assert_eq!(&first[col("Odůvodnění")], "Oprávněné; text \"upraven\".");
    assert_eq!(&first[col("Změna v plánu")], "Opatření 1.1: víkendy; svátky");
    assert_eq!(&first[col("Vypořádal")], "Test coordinator");
    assert_eq!(&first[col("Datum vypořádání")], api::clock::today().to_string());
    assert_eq!(&rows[1][col("Vypořádání")], "akceptováno částečně");
    assert_eq!(&rows[2][col("Vypořádání")], "", "unsettled");
    assert_eq!(&rows[3][col("Text připomínky")], "[text skryt moderátorem]");

    // Staff get the e-mails and the moderation reason; ?format= overrides Accept for download links.
    let (status, _, bytes) = report(&app, &k.plan, Some(&k.coordinator.token), "application/json", "?format=csv").await;
    assert_eq!(status, 200);
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("E-mail")], "jana@example.cz");
    assert_eq!(&rows[3][col("Text připomínky")], "Nevhodný text");
    assert_eq!(&rows[3][col("Skryto (důvod)")], "Vulgarismy");
});

both!(register_as_printable_html, |app| async move {
    let (k, _) = register_fixture(&app).await;
    let (status, content_type, bytes) = report(&app, &k.plan, None, "text/html,application/xhtml+xml,*/*;q=0.8", "").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/html; charset=utf-8");
    let html = String::from_utf8(bytes).unwrap();
    assert!(html.starts_with("<!doctype html>") && html.contains("<html lang=\"cs\">"));
    for expected in [
        "<h1>Vypořádání připomínek</h1>",
        "<table><caption>",
        "<th scope=\"col\">Text připomínky</th>",
        "<th scope=\"row\">1</th>",
        "Celkem připomínek: 4",
        "<li>akceptováno: 1</li>",
        "<li>akceptováno částečně: 1</li>",
        "<li>nevypořádáno: 2</li>",
        "&quot;víkendový provoz&quot;; také svátky.\nDruhý řádek &lt;script&gt;alert(1)&lt;/script&gt; &amp; konec",
        "opatření 1.1 Odlehčovací služba",
        "[text skryt moderátorem]",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    assert!(!html.contains("<script>"), "user text is escaped");
    assert!(!html.contains("@example.cz"));
    let (_, _, staff) = report(&app, &k.plan, Some(&k.coordinator.token), "application/json", "?format=html").await;
    let staff = String::from_utf8(staff).unwrap();
    assert!(staff.contains("<th scope=\"col\">E-mail</th>") && staff.contains("jana@example.cz"));
    assert!(staff.contains("Skryto: Vulgarismy"));
});

both!(register_content_negotiation, |app| async move {
    let k = app.open_consultation().await;
    for (accept, query, expected) in [
        ("", "", "application/json"),
        ("*/*", "", "application/json"),
        ("application/json", "", "application/json"),
        ("text/csv;q=0, text/html", "", "text/html; charset=utf-8"),
        ("image/png", "", "application/json"),
        ("text/html;q=0.5, text/csv", "", "text/csv; charset=utf-8"),
        ("text/csv", "?format=json", "application/json"),
        ("text/csv", "?format=html", "text/html; charset=utf-8"),
    ] {
        let (status, content_type, _) = report(&app, &k.plan, None, accept, query).await;
        assert_eq!(status, 200, "{accept} {query}");
        assert_eq!(content_type, expected, "{accept} {query}");
    }
    let (status, content_type, _) = report(&app, &k.plan, None, "text/csv", "?format=pdf").await;
    assert_eq!((status, content_type.as_str()), (400, "application/problem+json"));
});

both!(the_register_pages_and_streams_every_comment_exactly_once, |app| async move {
    use sea_orm::{ActiveValue::Set, EntityTrait};
    let k = app.open_consultation().await;
    let c = Some(k.coordinator.token.as_str());
    // More comments than one streamed page (200) holds, inserted directly to keep the test quick.
    let total = 450;
    let plan = k.plan.parse::<uuid::Uuid>().unwrap();
    let rows: Vec<entity::comment::ActiveModel> = (1..=total)
        .map(|n| entity::comment::ActiveModel {
            is_consultation: Set(true),
            resolution: Set((n % 3 == 0).then_some(entity::enums::Resolution::Accepted)),
            ..comment_on(entity::enums::TargetType::Plan, plan, Some(plan), &format!("Připomínka {n}"))
        })
        .collect();
    entity::comment::Entity::insert_many(rows).exec_without_returning(&app.db).await.unwrap();

    // JSON, a page at a time: every comment once, numbered in order, the counts over all of them.
    let (mut seen, mut cursor, mut pages) = (Vec::new(), None::<String>, 0);
    loop {
        let query = match &cursor {
            Some(cursor) => format!("?limit=200&cursor={cursor}"),
            None => "?limit=200".to_string(),
        };
        let page = app.get(&format!("/plans/{}/consultation-report{query}", k.plan), c).await.expect(200);
        assert_eq!(page["counts"]["total"], total);
        assert_eq!(page["counts"]["accepted"], total / 3);
        assert_eq!(page["counts"]["unsettled"], total - total / 3);
        assert_eq!(page["plan"]["id"], k.plan.as_str());
        for item in items(&page) {
            seen.push((item["number"].as_u64().unwrap(), item["body"].as_str().unwrap().to_string()));
        }
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let expected: Vec<(u64, String)> = (1..=total as u64).map(|n| (n, format!("Připomínka {n}"))).collect();
    assert_eq!(seen, expected);
    let first = app.register(&k.plan, c).await.expect(200);
    assert_eq!(items(&first).len(), 50, "the list convention's default page");
    app.get(&format!("/plans/{}/consultation-report?limit=201", k.plan), c).await.expect(422);

    // CSV and HTML: the whole register, streamed.
    let (status, _, csv) = report(&app, &k.plan, c, "text/csv", "").await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    let numbers: Vec<String> = csv.lines().skip(1).map(|l| l.split(';').next().unwrap().to_string()).collect();
    assert_eq!(numbers, (1..=total).map(|n| n.to_string()).collect::<Vec<_>>());
    let (status, _, html) = report(&app, &k.plan, c, "text/html", "").await;
    assert_eq!(status, 200);
    let html = String::from_utf8(html).unwrap();
    for n in [1, 200, 201, 400, 450] {
        assert_eq!(html.matches(&format!("<tr><th scope=\"row\">{n}</th>")).count(), 1, "row {n}");
        assert_eq!(html.matches(&format!(">Připomínka {n}<")).count(), 1, "text {n}");
    }
    assert_eq!(html.matches("<tr><th scope=\"row\">").count(), total);
    assert!(html.ends_with("</main></body></html>\n"));
    // The plan document's annex too.
    let document = app.get(&format!("/plans/{}/export?format=html", k.plan), c).await;
    assert_eq!(document.status, 200);
    assert_eq!(document.text.matches("<td>Připomínka ").count(), total);
    assert!(document.text.ends_with("</tbody></table></main></body></html>\n"));
    let markdown = app.get(&format!("/plans/{}/export?format=md", k.plan), c).await;
    assert_eq!(markdown.text.matches(" | Občan | ").count(), total);
});

both!(a_settlement_names_the_goal_or_measure_it_changed, |app| async move {
    let k = app.open_consultation().await;
    let c = Some(k.coordinator.token.as_str());
    let member = app.member().await;
    let formal = app.create_comment(Some(&member.token), on("plan", &k.plan, "Chybí víkendová péče.")).await;
    let settle = |extra: Value| {
        let mut body = json!({"resolution": "accepted", "note": "Doplněno.", "change": "Doplněny víkendy."});
        body.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        body
    };

    // Both or neither; a goal or measure of this plan only.
    let alone = app.resolve(&formal, c, settle(json!({"change_target_id": k.measure}))).await.expect(422);
    assert_eq!(fields(&alone), ["change_target_type"]);
    let alone = app.resolve(&formal, c, settle(json!({"change_target_type": "measure"}))).await.expect(422);
    assert_eq!(fields(&alone), ["change_target_id"]);
    let plan = app.resolve(&formal, c, settle(json!({"change_target_type": "plan", "change_target_id": k.plan}))).await.expect(422);
    assert_eq!(fields(&plan), ["change_target_type"]);
    let other = app.open_consultation().await;
    let elsewhere = json!({"change_target_type": "measure", "change_target_id": other.measure});
    assert_eq!(fields(&app.resolve(&formal, c, settle(elsewhere)).await.expect(422)), ["change_target_id"]);
    let not_a_goal = json!({"change_target_type": "goal", "change_target_id": k.measure});
    assert_eq!(fields(&app.resolve(&formal, c, settle(not_a_goal)).await.expect(422)), ["change_target_id"]);

    let settled =
        app.resolve(&formal, c, settle(json!({"change_target_type": "measure", "change_target_id": k.measure}))).await.expect(200);
    assert_eq!((settled["change_target_type"].as_str(), settled["change_target_id"].as_str()), (Some("measure"), Some(k.measure.as_str())));
    let register = app.register(&k.plan, None).await.expect(200);
    assert_eq!(
        register["items"][0]["change_target"],
        json!({"type": "measure", "id": k.measure, "code": "1.1", "title": "Odlehčovací služba"})
    );
    // The annex names it before the change's text.
    let (_, _, bytes) = report(&app, &k.plan, None, "text/csv", "").await;
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("opatření 1.1 Odlehčovací služba: Doplněny víkendy."), "{text}");
    let (_, _, html) = report(&app, &k.plan, None, "text/html", "").await;
    assert!(String::from_utf8(html).unwrap().contains("opatření 1.1 Odlehčovací služba: Doplněny víkendy."));
});
