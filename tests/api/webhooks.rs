//! Webhooks: who manages them (coordinators their own, admins all, API keys of staff), the secret
//! answered once, the 422s of bad targets and events, and deliveries to a real receiver on
//! loopback: signed the Standard Webhooks way, only to the webhooks subscribed and enabled, retried
//! with a log of every attempt, and the webhook disabled with its owner told after the last retry.
use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

fn hook(url: &str, events: &[&str]) -> Value {
    json!({"url": url, "events": events, "description": "Krajský informační systém"})
}

both!(coordinators_manage_their_own_webhooks_and_admins_all, |app| async move {
    let app = spawn_app_with(app.backend, quick_webhooks).await;
    let (a, b, admin, member) = (app.coordinator().await, app.coordinator().await, app.admin().await, app.member().await);
    let body = hook("http://127.0.0.1:9/hook", &["plan.status_changed"]);
    app.get("/webhooks", None).await.expect(401);
    app.post("/webhooks", None, body.clone()).await.expect(401);
    app.post("/webhooks", Some(&member.token), body.clone()).await.expect(403);
    app.get("/webhooks", Some(&member.token)).await.expect(403);

    let answer = app.post("/webhooks", Some(&a.token), body.clone()).await;
    let created = answer.expect(201);
    let id = id(&created);
    assert_eq!(answer.header("location").as_deref(), Some(format!("/api/v1/webhooks/{id}").as_str()));
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    let secret = created["secret"].as_str().unwrap();
    let bytes = base64::engine::general_purpose::STANDARD.decode(secret.strip_prefix("whsec_").expect("whsec_")).unwrap();
    assert_eq!(bytes.len(), 32);
    assert_eq!((created["enabled"].clone(), created["events"].clone()), (json!(true), json!(["plan.status_changed"])));
    assert_eq!(created["user_id"], json!(a.id));

    // The secret is never answered again: not by GET, the list, PATCH, nor to an admin.
    let got = app.get(&format!("/webhooks/{id}"), Some(&a.token)).await.expect(200);
    assert!(got.get("secret").is_none(), "{got}");
    let listed = app.get("/webhooks", Some(&a.token)).await.expect(200);
    assert_eq!(items(&listed).iter().map(|w| w["id"].clone()).collect::<Vec<_>>(), [json!(id)]);
    assert!(!listed.to_string().contains(secret));
    assert!(!app.get("/webhooks", Some(&admin.token)).await.text.contains(secret));

    // Another coordinator neither sees nor touches it; an admin does.
    app.get(&format!("/webhooks/{id}"), Some(&b.token)).await.expect(404);
    app.patch(&format!("/webhooks/{id}"), Some(&b.token), json!({"enabled": false})).await.expect(404);
    app.delete(&format!("/webhooks/{id}"), Some(&b.token)).await.expect(404);
    app.get(&format!("/webhooks/{id}/deliveries"), Some(&b.token)).await.expect(404);
    assert!(items(&app.get("/webhooks", Some(&b.token)).await.expect(200)).is_empty());
    assert_eq!(items(&app.get("/webhooks", Some(&admin.token)).await.expect(200)).len(), 1);
    app.get(&format!("/webhooks/{id}"), Some(&admin.token)).await.expect(200);

    // Versions: a stale If-Match is 412; a patch bumps the version.
    let path = format!("/webhooks/{id}");
    app.patch_if(&path, Some(&a.token), "\"7\"", json!({"enabled": false})).await.expect(412);
    let patched =
        app.patch_if(&path, Some(&a.token), "\"1\"", json!({"events": ["need.created", "plan.updated"], "description": null})).await;
    let patched_body = patched.expect(200);
    assert_eq!((patched_body["version"].clone(), patched_body["description"].clone()), (json!(2), Value::Null));
    assert_eq!(patched_body["events"], json!(["need.created", "plan.updated"]));
    assert!(patched_body.get("secret").is_none());
    assert!(app.get(&format!("/webhooks/{id}/deliveries"), Some(&a.token)).await.expect(200)["items"].as_array().unwrap().is_empty());
    app.delete_if(&path, Some(&a.token), "\"1\"").await.expect(412);
    app.delete(&path, Some(&a.token)).await.expect(204);
    app.get(&path, Some(&a.token)).await.expect(404);
});

both!(api_keys_of_staff_manage_webhooks_within_their_scopes, |app| async move {
    let app = spawn_app_with(app.backend, quick_webhooks).await;
    let coordinator = app.coordinator().await;
    let writer = app.create_key(&coordinator.token, json!(["read", "write"])).await.secret;
    let reader = app.create_key(&coordinator.token, json!(["read"])).await.secret;
    let created = app.post("/webhooks", Some(&writer), hook("http://127.0.0.1:9/hook", &["need.created"])).await.expect(201);
    assert_eq!(created["user_id"], json!(coordinator.id), "the key's owner owns it");
    app.post("/webhooks", Some(&reader), hook("http://127.0.0.1:9/hook", &["need.created"])).await.expect(403);
    let listed = app.get("/webhooks", Some(&reader)).await.expect(200);
    assert_eq!(items(&listed).len(), 1);
    // A member's key is no more than the member.
    let member = app.member().await;
    let members_key = app.create_key(&member.token, json!(["read", "write"])).await.secret;
    app.get("/webhooks", Some(&members_key)).await.expect(403);
});

both!(bad_targets_and_events_are_422_naming_the_field, |app| async move {
    // Without SPOLUPLAN_WEBHOOK_ALLOW_PRIVATE: only https to public hosts.
    let c = app.coordinator().await;
    for url in [
        "http://127.0.0.1:9/hook",
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/hook",
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://0.0.0.0/hook",
        "https://user:pass@example.com/hook",
        "ftp://example.com/hook",
        "not a url",
    ] {
        let problem = app.post("/webhooks", Some(&c.token), hook(url, &["plan.updated"])).await.expect(422);
        assert_eq!(fields(&problem), ["url"], "{url}: {problem}");
    }
    let problem =
        app.post("/webhooks", Some(&c.token), hook("https://example.com/hook", &["plan.updated", "plan.deleted"])).await.expect(422);
    assert_eq!(fields(&problem), ["events[1]"], "{problem}");
    let problem = app.post("/webhooks", Some(&c.token), hook("https://example.com/hook", &[])).await.expect(422);
    assert_eq!(fields(&problem), ["events"], "{problem}");
    let problem =
        app.post("/webhooks", Some(&c.token), hook("https://example.com/hook", &["need.created", "need.created"])).await.expect(422);
    assert_eq!(fields(&problem), ["events[1]"], "{problem}");
    // The patch is held to the same rules.
    let app2 = spawn_app_with(app.backend, quick_webhooks).await;
    let c2 = app2.coordinator().await;
    let created = app2.post("/webhooks", Some(&c2.token), hook("http://127.0.0.1:9/hook", &["plan.updated"])).await.expect(201);
    let problem = app2.patch(&format!("/webhooks/{}", id(&created)), Some(&c2.token), json!({"events": ["nope"]})).await.expect(422);
    assert_eq!(fields(&problem), ["events[0]"]);
    app2.get("/webhooks", Some(&c2.token)).await.expect(200);
});

both!(an_event_reaches_the_subscribed_webhooks_signed, |app| async move {
    let app = spawn_app_with(app.backend, quick_webhooks).await;
    let (subscribed, other, disabled) = (Receiver::start(0).await, Receiver::start(0).await, Receiver::start(0).await);
    let coordinator = app.coordinator().await;
    let created = app.post("/webhooks", Some(&coordinator.token), hook(&subscribed.url, &["plan.status_changed"])).await.expect(201);
    let secret = created["secret"].as_str().unwrap().to_string();
    app.post("/webhooks", Some(&coordinator.token), hook(&other.url, &["measure.updated"])).await.expect(201);
    let mut off = hook(&disabled.url, &["plan.status_changed"]);
    off["enabled"] = json!(false);
    app.post("/webhooks", Some(&coordinator.token), off).await.expect(201);

    let plan = app.plan(&coordinator).await;
    app.start_consultation(&plan, &coordinator.token).await;
    let calls = subscribed.wait_for(1, Duration::from_secs(10)).await;
    let call = &calls[0];
    assert_eq!(call.path, "/hook");
    assert_eq!(call.header("content-type"), "application/json");
    assert!(signature_holds(&secret, call), "{call:?}");
    let timestamp: i64 = call.header("webhook-timestamp").parse().unwrap();
    assert!((chrono::Utc::now().timestamp() - timestamp).abs() < 60);
    let body = call.json();
    assert_eq!(body["type"], "plan.status_changed");
    assert_eq!((body["data"]["id"].clone(), body["data"]["status"].clone()), (json!(plan), json!("consultation")));
    assert!(body["id"].is_string() && body["occurred_at"].is_string(), "{body}");
    // Only what receivers need: no e-mail address of anyone, no internal routing fields.
    assert!(!call.body.contains('@') && body.get("territories").is_none() && body.get("public").is_none(), "{body}");
    // A changed signature or body does not verify.
    let mut forged = call.clone();
    forged.body = forged.body.replace("consultation", "approved");
    assert!(!signature_holds(&secret, &forged));

    // The log has the attempt; the others got nothing (not subscribed, disabled).
    let webhook = id(&created);
    eventually(Duration::from_secs(5), || async {
        !items(&app.get(&format!("/webhooks/{webhook}/deliveries"), Some(&coordinator.token)).await.expect(200)).is_empty()
    })
    .await;
    let log = app.get(&format!("/webhooks/{webhook}/deliveries"), Some(&coordinator.token)).await.expect(200);
    let attempt = &items(&log)[0];
    assert_eq!((attempt["status_code"].clone(), attempt["attempt"].clone(), attempt["error"].clone()), (json!(204), json!(1), Value::Null));
    assert_eq!(
        (attempt["event_type"].clone(), attempt["message_id"].clone()),
        (json!("plan.status_changed"), json!(call.header("webhook-id")))
    );
    assert_eq!(attempt["next_retry_at"], Value::Null);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(other.calls().is_empty() && disabled.calls().is_empty());
    assert_eq!(subscribed.calls().len(), 1);
});

both!(a_coordinators_webhook_hears_only_of_their_territories, |app| async move {
    let app = spawn_app_with(app.backend, quick_webhooks).await;
    let admin = app.admin().await;
    let region = app.create_territory(&admin.token, "Jihočeský kraj", "region", None).await;
    let elsewhere = app.create_territory(&admin.token, "Plzeňský kraj", "region", None).await;
    let coordinator = app.coordinator().await;
    app.assign_coordinator(&region, &admin.token, coordinator.id).await;
    let receiver = Receiver::start(0).await;
    app.post("/webhooks", Some(&coordinator.token), hook(&receiver.url, &["need.created"])).await.expect(201);
    for territory in [&elsewhere, &region] {
        let need =
            json!({"title": "Chybí odlehčovací služba", "description": "Popis", "territory_id": territory, "target_group_codes": []});
        app.post("/needs", Some(&admin.token), need).await.expect(201);
    }
    let calls = receiver.wait_for(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(receiver.calls().len(), 1, "{calls:?}");
    assert_eq!(calls[0].json()["data"]["territory_id"], json!(region));
});

both!(a_failing_receiver_is_retried_and_at_last_disabled_with_its_owner_told, |app| async move {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(app.backend, |c| {
        send_to(c, sink.port);
        quick_webhooks(c);
    })
    .await;
    let coordinator = app.coordinator().await;
    // Two failures, then success: three attempts of one delivery, one `webhook-id`.
    let flaky = Receiver::start(2).await;
    let created = app.post("/webhooks", Some(&coordinator.token), hook(&flaky.url, &["plan.updated"])).await.expect(201);
    let flaky_hook = id(&created);
    // Never succeeds: the first attempt and three retries fail, and the webhook is disabled.
    let broken = Receiver::start(usize::MAX).await;
    let created = app.post("/webhooks", Some(&coordinator.token), hook(&broken.url, &["plan.updated"])).await.expect(201);
    let broken_hook = id(&created);

    let plan = app.plan(&coordinator).await;
    app.patch(&format!("/plans/{plan}"), Some(&coordinator.token), json!({"summary": "Nový souhrn"})).await.expect(200);
    let calls = flaky.wait_for(3, Duration::from_secs(15)).await;
    assert!(calls.iter().all(|c| c.header("webhook-id") == calls[0].header("webhook-id")), "{calls:?}");
    let log_of = |hook: String| {
        let (app, token) = (&app, coordinator.token.clone());
        async move { items(&app.get(&format!("/webhooks/{hook}/deliveries"), Some(&token)).await.expect(200)).clone() }
    };
    eventually(Duration::from_secs(5), || async { log_of(flaky_hook.clone()).await.len() == 3 }).await;
    let log = log_of(flaky_hook.clone()).await;
    let codes: Vec<Value> = log.iter().map(|d| d["status_code"].clone()).collect();
    assert_eq!(codes, [json!(204), json!(500), json!(500)], "newest first: {log:?}");
    assert_eq!(log.iter().map(|d| d["attempt"].clone()).collect::<Vec<_>>(), [json!(3), json!(2), json!(1)]);
    assert!(log[1]["next_retry_at"].is_string() && log[1]["error"].as_str().unwrap().contains("500"), "{log:?}");
    assert!(log.iter().all(|d| d["duration_ms"].as_i64().is_some_and(|ms| ms >= 0)));

    broken.wait_for(4, Duration::from_secs(15)).await;
    let mail = sink.wait_for(1, Duration::from_secs(15)).await[0].mail();
    assert_eq!(mail.to, std::slice::from_ref(&coordinator.email));
    assert!(mail.subject.contains("vypnut"), "{}", mail.subject);
    assert!(mail.text.contains(&broken.url) && mail.text.contains(&format!("/api/v1/webhooks/{broken_hook}")), "{}", mail.text);
    assert!(mail.text.contains(r#"{"enabled": true}"#), "{}", mail.text);
    let disabled = app.get(&format!("/webhooks/{broken_hook}"), Some(&coordinator.token)).await.expect(200);
    assert_eq!((disabled["enabled"].clone(), disabled["version"].clone()), (json!(false), json!(2)));
    let log = log_of(broken_hook.clone()).await;
    assert_eq!(log.len(), 4);
    assert_eq!(log[0]["next_retry_at"], Value::Null, "the last attempt has no retry: {log:?}");
    assert_eq!(app.get(&format!("/webhooks/{flaky_hook}"), Some(&coordinator.token)).await.expect(200)["enabled"], json!(true));

    // Disabled, it hears nothing more.
    app.patch(&format!("/plans/{plan}"), Some(&coordinator.token), json!({"summary": "Ještě novější"})).await.expect(200);
    flaky.wait_for(4, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(broken.calls().len(), 4);
});

both!(every_kind_of_change_is_an_event_without_personal_data, |app| async move {
    let app = spawn_app_with(app.backend, quick_webhooks).await;
    let admin = app.admin().await;
    let receiver = Receiver::start(0).await;
    let every: Vec<&str> = api::events::EventType::ALL.iter().map(|t| t.as_str()).collect();
    app.post("/webhooks", Some(&admin.token), hook(&receiver.url, &every)).await.expect(201);

    // plan.status_changed (into consultation), then measure.updated.
    let c = app.open_consultation().await;
    let token = c.coordinator.token.clone();
    app.patch_measure(&c.measure, Some(&token), json!({"progress": 10})).await.expect(200);
    // comment.created and comment.resolved, by someone without an account who leaves an e-mail.
    let comment = anonymous("plan", &c.plan, "Chybí víkendová služba.", "Jana Tajná", Some("jana.tajna@example.cz"));
    let comment = app.create_comment(None, comment).await;
    app.resolve(&comment, Some(&token), json!({"resolution": "noted"})).await.expect(200);
    // plan.consultation_closing, once the consultation is within three days of its close.
    app.deadline_in(&c.plan, 2).await;
    // plan.updated, on a draft.
    let draft = app.plan(&c.coordinator).await;
    app.patch(&format!("/plans/{draft}"), Some(&token), json!({"summary": "Nový souhrn"})).await.expect(200);
    // meeting.scheduled, meeting.updated, meeting.cancelled.
    let group = app.create_group(&token, "PS Senioři").await;
    let meeting = json!({"title": "Jednání", "starts_at": "2030-03-01T13:00:00Z", "ends_at": "2030-03-01T15:00:00Z", "location": "MěÚ"});
    let meeting = app.create_meeting(&group, &token, meeting).await;
    app.patch(&format!("/meetings/{meeting}"), Some(&token), json!({"location": "Radnice"})).await.expect(200);
    app.patch(&format!("/meetings/{meeting}"), Some(&token), json!({"status": "cancelled"})).await.expect(200);
    // need.created, reported anonymously; survey.opened; service.updated.
    let territory = app.create_territory(&admin.token, "ORP Kaplice", "orp", None).await;
    let need = json!({"title": "Chybí noclehárna", "description": "Popis", "territory_id": territory, "target_group_codes": [],
                      "author_name": "Jana Tajná", "author_email": "jana.tajna@example.cz"});
    app.post("/needs", None, need).await.expect(201);
    app.open_survey(&token, territory.parse().unwrap()).await;
    let organization = app.create_organization(&token, "Charita Kaplice").await;
    let service = id(&app.create_service(&token, &organization, "Pečovatelská služba", json!({"territory_ids": [territory]})).await);
    app.patch(&format!("/services/{service}"), Some(&token), json!({"description": "Terénní péče"})).await.expect(200);

    receiver.wait_for(every.len(), Duration::from_secs(20)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let calls = receiver.calls();
    let mut types: Vec<String> = calls.iter().map(|c| c.json()["type"].as_str().unwrap().to_string()).collect();
    types.sort();
    let mut expected: Vec<String> = every.iter().map(|t| t.to_string()).collect();
    expected.sort();
    assert_eq!(types, expected, "each change once");
    for call in &calls {
        assert!(!call.body.contains("Tajná") && !call.body.contains('@') && !call.body.contains("víkendová"), "{}", call.body);
    }
    let of = |kind: &str| calls.iter().map(Call::json).find(|b| b["type"] == kind).unwrap();
    assert_eq!(of("measure.updated")["data"]["progress"], 10);
    assert_eq!(of("meeting.cancelled")["data"]["status"], "cancelled");
    assert_eq!(of("comment.resolved")["data"]["resolution"], "noted");
    assert_eq!(of("service.updated")["data"]["territory_ids"], json!([territory]));
    assert_eq!((of("plan.updated")["data"]["id"].clone(), of("plan.updated")["data"]["status"].clone()), (json!(draft), json!("draft")));
});

both!(a_webhook_of_an_account_no_longer_staff_hears_nothing, |app| async move {
    let app = spawn_app_with(app.backend, quick_webhooks).await;
    let (former, admin) = (app.coordinator().await, app.admin().await);
    let receiver = Receiver::start(0).await;
    app.post("/webhooks", Some(&former.token), hook(&receiver.url, &["plan.updated"])).await.expect(201);
    let listening = Receiver::start(0).await;
    app.post("/webhooks", Some(&admin.token), hook(&listening.url, &["plan.updated"])).await.expect(201);
    app.patch(&format!("/users/{}", former.id), Some(&admin.token), json!({"role": "member"})).await.expect(200);
    let plan = app.plan(&admin).await;
    app.patch(&format!("/plans/{plan}"), Some(&admin.token), json!({"summary": "Nový souhrn"})).await.expect(200);
    listening.wait_for(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(receiver.calls().is_empty());
});
