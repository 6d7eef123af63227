//! E-mail subscriptions: each person manages their own by a session (anonymous 401, an API key
//! 403, another's 404), one per target (409), only to targets that exist (422 naming `target_id`);
//! and how often an account is told, on `/me`. Their e-mails, read from a real SMTP server on
//! loopback: in the account's language, with the page's link and a one-click unsubscribe that a
//! POST with no sign-in follows and a GET does not; to a territory's subscribers of what lies in
//! it or below it only; to `never` accounts nothing.
use std::time::Duration;

use sea_orm::EntityTrait;
use serde_json::json;
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

both!(people_manage_their_own_subscriptions, |app| async move {
    let (coordinator, citizen, other) = (app.coordinator().await, app.member().await, app.member().await);
    let plan = app.plan(&coordinator).await;
    app.get("/me/subscriptions", None).await.expect(401);
    app.post("/me/subscriptions", None, follow("plan", &plan)).await.expect(401);
    let key = app.create_key(&citizen.token, json!(["read", "write"])).await.secret;
    app.post("/me/subscriptions", Some(&key), follow("plan", &plan)).await.expect(403);

    let answer = app
        .post(
            "/me/subscriptions",
            Some(&citizen.token),
            json!({"target_type": "plan", "target_id": plan,
                                                                          "events": ["plan.status_changed"]}),
        )
        .await;
    let created = answer.expect(201);
    let id = id(&created);
    assert_eq!(answer.header("location").as_deref(), Some(format!("/api/v1/me/subscriptions/{id}").as_str()));
    assert_eq!((created["target_type"].clone(), created["target_id"].clone()), (json!("plan"), json!(plan)));
    assert_eq!((created["events"].clone(), created["version"].clone()), (json!(["plan.status_changed"]), json!(1)));

    // A second one to the same target is a conflict, whatever events it names.
    let again = app.post("/me/subscriptions", Some(&citizen.token), follow("plan", &plan)).await.expect(409);
    assert_eq!(again["code"], json!("duplicate"), "{again}");
    // Someone else may follow the same plan, and sees only their own.
    app.post("/me/subscriptions", Some(&other.token), follow("plan", &plan)).await.expect(201);
    let mine = app.get("/me/subscriptions", Some(&citizen.token)).await.expect(200);
    assert_eq!(items(&mine).iter().map(|s| s["id"].clone()).collect::<Vec<_>>(), [json!(id)]);

    // Nobody else deletes it; its owner does, once.
    let path = format!("/me/subscriptions/{id}");
    app.delete(&path, Some(&other.token)).await.expect(404);
    app.delete(&path, None).await.expect(401);
    app.delete_if(&path, Some(&citizen.token), "\"2\"").await.expect(412);
    app.delete(&path, Some(&citizen.token)).await.expect(204);
    app.delete(&path, Some(&citizen.token)).await.expect(404);
    assert!(items(&app.get("/me/subscriptions", Some(&citizen.token)).await.expect(200)).is_empty());
});

both!(a_subscription_names_a_target_that_exists_and_known_events, |app| async move {
    let (admin, citizen) = (app.admin().await, app.member().await);
    let group = app.create_group(&admin.token, "Senioři").await;
    let territory = app.create_territory(&admin.token, "Jihočeský kraj", "region", None).await;
    app.post("/me/subscriptions", Some(&citizen.token), follow("working_group", &group)).await.expect(201);
    app.post("/me/subscriptions", Some(&citizen.token), follow("territory", &territory)).await.expect(201);
    let unknown = Uuid::now_v7().to_string();
    for kind in ["plan", "working_group", "territory"] {
        let refused = app.post("/me/subscriptions", Some(&citizen.token), follow(kind, &unknown)).await.expect(422);
        assert_eq!(refused["errors"][0]["field"], json!("target_id"), "{refused}");
    }
    // A group's id is no territory's.
    app.post("/me/subscriptions", Some(&citizen.token), follow("territory", &group)).await.expect(422);
    let body = json!({"target_type": "plan", "target_id": unknown, "events": ["plan.deleted", "need.created", "need.created"]});
    let refused = app.post("/me/subscriptions", Some(&citizen.token), body).await.expect(422);
    let fields: Vec<_> = refused["errors"].as_array().unwrap().iter().map(|e| e["field"].clone()).collect();
    assert_eq!(fields, [json!("events[0]"), json!("events[2]")], "{refused}");
    let refused = app.post("/me/subscriptions", Some(&citizen.token), json!({"target_type": "service", "target_id": unknown})).await;
    assert_eq!(refused.expect(422)["errors"][0]["field"], json!("target_type"));
});

both!(the_notification_frequency_is_on_me, |app| async move {
    let citizen = app.member().await;
    let me = app.get("/me", Some(&citizen.token)).await.expect(200);
    assert_eq!(me["notification_frequency"], json!("immediate"));
    let patched = app.patch("/me", Some(&citizen.token), json!({"notification_frequency": "weekly"})).await.expect(200);
    assert_eq!((patched["notification_frequency"].clone(), patched["language"].clone()), (json!("weekly"), json!("cs")));
    assert_eq!(app.get("/me", Some(&citizen.token)).await.expect(200)["notification_frequency"], json!("weekly"));
    let refused = app.patch("/me", Some(&citizen.token), json!({"notification_frequency": "hourly"})).await.expect(422);
    assert_eq!(refused["errors"][0]["field"], json!("notification_frequency"));
});

both!(a_citizen_hears_of_the_consultation_and_unsubscribes_with_one_click, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink).await;
    let (coordinator, citizen, quiet) = (app.coordinator().await, app.member().await, app.member().await);
    let plan = app.plan(&coordinator).await;
    app.post("/me/subscriptions", Some(&citizen.token), follow("plan", &plan)).await.expect(201);
    app.post("/me/subscriptions", Some(&quiet.token), follow("plan", &plan)).await.expect(201);
    app.patch("/me", Some(&quiet.token), json!({"notification_frequency": "never"})).await.expect(200);

    app.start_consultation(&plan, &coordinator.token).await;
    let mail = sink.wait_for(1, Duration::from_secs(10)).await[0].mail();
    assert_eq!(mail.to, std::slice::from_ref(&citizen.email));
    assert_eq!((mail.content_type.as_str(), mail.attachments.len()), ("multipart/alternative", 0));
    assert!(mail.subject.contains("Komunitní plán sociálních služeb ORP Český Krumlov"), "{}", mail.subject);
    let link = format!("https://spoluplan.example.cz/plans/{plan}");
    assert!(mail.text.contains("je zveřejněn k připomínkám") && mail.text.contains(&link), "{}", mail.text);
    assert!(mail.html.contains(&format!("href=\"{link}\"")) && mail.html.contains("lang=\"cs\""), "{}", mail.html);
    assert_eq!(mail.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));
    let path = unsubscribe_path(&mail);
    // The body's link opens the web app's page, whose button makes the same POST.
    assert!(mail.text.contains(&format!("https://spoluplan.example.cz{path}")), "the body has the page's link: {}", mail.text);
    assert_eq!(emails_to(&app, &quiet.email).await, 0, "`never` hears nothing");

    // A GET (a mail scanner) only tells what would end.
    let preview = app.get(&path, None).await.expect(200);
    assert_eq!(preview["target_id"], json!(plan));
    assert_eq!(items(&app.get("/me/subscriptions", Some(&citizen.token)).await.expect(200)).len(), 1);
    // A forged token ends nothing; the mail program's POST, with no sign-in, ends it.
    app.post(&format!("{path}x"), None, json!({})).await.expect(404);
    app.post("/unsubscribe?token=nothing", None, json!({})).await.expect(404);
    let response = app
        .client
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!(items(&app.get("/me/subscriptions", Some(&citizen.token)).await.expect(200)).is_empty());
    app.post(&path, None, json!({})).await.expect(404);
    app.get(&path, None).await.expect(404);

    // The next event reaches nobody.
    app.approve(&plan, &coordinator.token, "ZM/12/2026", "2026-11-30").await;
    assert_eq!(emails_to(&app, &citizen.email).await, 1);
});

both!(a_territory_subscription_hears_of_what_lies_below_it_and_an_english_one_in_english, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink).await;
    let (admin, citizen) = (app.admin().await, app.member().await);
    let region = app.create_territory(&admin.token, "Jihočeský kraj", "region", None).await;
    let orp = app.create_territory(&admin.token, "ORP Tábor", "orp", Some(&region)).await;
    let elsewhere = app.create_territory(&admin.token, "Kraj Vysočina", "region", None).await;
    app.post("/me/subscriptions", Some(&citizen.token), follow("territory", &region)).await.expect(201);
    app.patch("/me", Some(&citizen.token), json!({"language": "en"})).await.expect(200);

    let need =
        |territory: &str, title: &str| json!({"title": title, "description": "Chybí odlehčovací služba.", "territory_id": territory});
    let below = id(&app.post("/needs", Some(&admin.token), need(&orp, "Odlehčovací služba v Táboře")).await.expect(201));
    app.post("/needs", Some(&admin.token), need(&elsewhere, "Odlehčovací služba v Jihlavě")).await.expect(201);
    let mail = sink.wait_for(1, Duration::from_secs(10)).await[0].mail();
    assert!(mail.text.contains("A new need was reported: “Odlehčovací služba v Táboře”"), "{}", mail.text);
    assert!(mail.text.contains(&format!("https://spoluplan.example.cz/needs/{below}")), "{}", mail.text);
    assert!(mail.html.contains("lang=\"en\""));
    assert_eq!(emails_to(&app, &citizen.email).await, 1, "nothing of the need elsewhere");
});

/// The one attachment of a meeting's e-mail: its content type and the calendar.
fn invitation(mail: &Mail) -> (String, String) {
    assert_eq!(mail.content_type, "multipart/mixed");
    assert_eq!(mail.attachments.len(), 1, "one invitation");
    mail.attachments[0].clone()
}

both!(a_working_groups_subscribers_get_its_meetings_in_their_calendars, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink).await;
    let (admin, citizen) = (app.admin().await, app.member().await);
    let group = app.create_group(&admin.token, "Senioři").await;
    app.post("/me/subscriptions", Some(&citizen.token), follow("working_group", &group)).await.expect(201);
    let body = json!({"title": "Jarní setkání", "starts_at": "2027-03-02T15:00:00Z", "ends_at": "2027-03-02T17:00:00Z",
                      "location": "MěÚ Český Krumlov, zasedací místnost"});
    let meeting = app.create_meeting(&group, &admin.token, body).await;

    let called = sink.wait_for(1, Duration::from_secs(10)).await[0].mail();
    assert!(called.text.contains("svolává jednání „Jarní setkání“ na 2. 3. 2027 v 16:00"), "Prague's time: {}", called.text);
    assert!(called.text.contains(&format!("https://spoluplan.example.cz/meetings/{meeting}")), "{}", called.text);
    let (kind, ics) = invitation(&called);
    assert_eq!(kind, "text/calendar; method=REQUEST; charset=utf-8");
    let uid = format!("UID:{meeting}@spoluplan\r\n");
    assert!(ics.contains("METHOD:REQUEST\r\n") && ics.contains(&uid) && ics.contains("SEQUENCE:0\r\n"), "{ics}");
    assert!(ics.contains("DTSTART:20270302T150000Z\r\n") && ics.contains("ORGANIZER;CN=Spoluplán:mailto:spoluplan@example.cz"), "{ics}");

    app.patch(&format!("/meetings/{meeting}"), Some(&admin.token), json!({"status": "cancelled"})).await.expect(200);
    let cancelled = sink.wait_for(2, Duration::from_secs(10)).await[1].mail();
    assert!(cancelled.text.contains("se ruší"), "{}", cancelled.text);
    let (kind, ics) = invitation(&cancelled);
    assert_eq!(kind, "text/calendar; method=CANCEL; charset=utf-8");
    assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains(&uid) && ics.contains("SEQUENCE:1\r\n"), "the same event, newer: {ics}");
    assert!(ics.contains("STATUS:CANCELLED\r\n"), "{ics}");
    // They too carry the one-click unsubscribe.
    assert!(called.list_unsubscribe.is_some() && cancelled.list_unsubscribe.is_some());
});

both!(a_daily_subscriber_gets_one_digest_of_the_days_news, |app| async move {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(app.backend, |c| {
        send_to(c, sink.port);
        c.mail.digest_daily = Duration::from_secs(3);
    })
    .await;
    let (coordinator, citizen) = (app.coordinator().await, app.member().await);
    let plan = app.plan(&coordinator).await;
    app.post("/me/subscriptions", Some(&citizen.token), follow("plan", &plan)).await.expect(201);
    app.patch("/me", Some(&citizen.token), json!({"notification_frequency": "daily"})).await.expect(200);
    app.start_consultation(&plan, &coordinator.token).await;
    app.patch(&format!("/plans/{plan}"), Some(&coordinator.token), json!({"summary": "Nový souhrn"})).await.expect(200);
    assert_eq!(emails_to(&app, &citizen.email).await, 0, "nothing before the digest is due");

    let mail = sink.wait_for(1, Duration::from_secs(15)).await[0].mail();
    assert_eq!(mail.subject, "Spoluplán: novinky za poslední den");
    assert!(mail.text.contains("je zveřejněn k připomínkám") && mail.text.contains("byl upraven"), "both news: {}", mail.text);
    assert_eq!(mail.text.matches(&format!("https://spoluplan.example.cz/plans/{plan}")).count(), 2, "{}", mail.text);
    assert!(mail.list_unsubscribe.is_some(), "the one subscription's link");
    // Sent once: the entries are gone, and no second digest follows.
    let waiting = entity::digest_entry::Entity::find().all(&app.db).await.unwrap();
    assert!(waiting.is_empty(), "{waiting:?}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(emails_to(&app, &citizen.email).await, 1);
});
