//! The outbox: what a change enqueues reaches a real SMTP server on loopback, waits while the
//! relay is down, survives a restart of the application, is written as `.eml` files without SMTP,
//! and, with two instances over one PostgreSQL database, is sent exactly once.
use std::collections::HashSet;
use std::time::Duration;

use crate::both;
use crate::helpers::*;

both!(an_enqueued_email_reaches_the_relay_as_plain_text_and_html, |app| async move {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(app.backend, |c| send_to(c, sink.port)).await;
    let id = api::outbox::enqueue(&app.db, sample_email("jana@obec.example.cz", "Zkouška: řádek ěščřžýáíé")).await.unwrap();

    let received = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].from, "spoluplan@example.cz");
    let mail = received[0].mail();
    assert_eq!(mail.to, ["jana@obec.example.cz"]);
    assert_eq!(mail.subject, "Zkouška: řádek ěščřžýáíé");
    assert_eq!(mail.message_id, format!("{id}@example.cz"));
    assert_eq!(mail.content_type, "multipart/alternative");
    assert!(mail.text.contains("zkušební zpráva") && mail.text.contains("https://spoluplan.example.cz/a?b=1&c=2"), "{}", mail.text);
    assert!(mail.html.contains("<html lang=\"cs\">"), "{}", mail.html);
    assert!(
        mail.html.contains("zkušební zpráva.</p>") && mail.html.contains("href=\"https://spoluplan.example.cz/a?b=1&amp;c=2\""),
        "{}",
        mail.html
    );

    eventually(Duration::from_secs(5), || async { outbox_rows(&app.db).await[0].sent_at.is_some() }).await;
    let row = &outbox_rows(&app.db).await[0];
    assert_eq!((row.attempts, row.next_attempt_at, row.last_error.as_deref()), (1, None, None));
    // The body (a reset link, say) is not kept once sent.
    assert_eq!(row.payload, serde_json::json!({"to": "jana@obec.example.cz", "subject": "Zkouška: řádek ěščřžýáíé"}));
});

both!(mail_waits_while_the_relay_is_down_and_is_sent_once_it_is_back, |app| async move {
    let port = SmtpSink::unused_port().await;
    let app = spawn_app_with(app.backend, |c| send_to(c, port)).await;
    for n in 0..2 {
        api::outbox::enqueue(&app.db, sample_email("jana@obec.example.cz", &format!("Zpráva {n}"))).await.unwrap();
    }
    // Each message is tried, fails and is due again later, with the reason kept.
    eventually(Duration::from_secs(10), || async { outbox_rows(&app.db).await.iter().all(|r| r.attempts >= 2) }).await;
    for row in outbox_rows(&app.db).await {
        assert!(row.sent_at.is_none() && row.next_attempt_at.is_some(), "{row:?}");
        assert!(row.last_error.as_deref().is_some_and(|e| !e.is_empty()), "{row:?}");
    }

    let sink = SmtpSink::start_on(port).await;
    sink.wait_for(2, Duration::from_secs(20)).await;
    eventually(Duration::from_secs(5), || async { outbox_rows(&app.db).await.iter().all(|r| r.sent_at.is_some()) }).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let subjects: Vec<String> = sink.received().iter().map(|r| r.mail().subject).collect();
    assert_eq!(subjects.len(), 2, "each message once: {subjects:?}");
    assert_eq!(subjects.iter().collect::<HashSet<_>>().len(), 2, "{subjects:?}");
});

/// Messages enqueued while the relay was down are still there after the application stopped,
/// and the next instance sends them.
async fn outbox_survives_a_restart(backend: Backend) {
    let (url, schema, _dir) = empty_database(backend).await;
    let port = SmtpSink::unused_port().await;
    let mut config = test_config(url.clone());
    send_to(&mut config, port);
    let db = connect(&url, schema.as_deref(), &config).await;

    let first = Running::start(config.clone(), db.clone()).await;
    let txn = api::db::begin(&db).await.unwrap();
    for n in 0..3 {
        api::outbox::enqueue(&txn, sample_email("jana@obec.example.cz", &format!("Zpráva {n}"))).await.unwrap();
    }
    txn.commit().await.unwrap();
    eventually(Duration::from_secs(10), || async { outbox_rows(&db).await.iter().all(|r| r.attempts >= 1) }).await;
    first.stop().await;
    let rows = outbox_rows(&db).await;
    assert!(rows.iter().all(|r| r.sent_at.is_none()), "{rows:?}");

    let sink = SmtpSink::start_on(port).await;
    let second = Running::start(config, connect(&url, schema.as_deref(), &test_config(url.clone())).await).await;
    sink.wait_for(3, Duration::from_secs(20)).await;
    eventually(Duration::from_secs(5), || async { outbox_rows(&db).await.iter().all(|r| r.sent_at.is_some()) }).await;
    second.stop().await;
    let sent: HashSet<String> = sink.received().iter().map(|r| r.mail().message_id).collect();
    let enqueued: HashSet<String> = rows.iter().map(|r| format!("{}@example.cz", r.id)).collect();
    assert_eq!(sink.received().len(), 3);
    assert_eq!(sent, enqueued);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outbox_survives_a_restart_sqlite() {
    outbox_survives_a_restart(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outbox_survives_a_restart_postgres() {
    if postgres_available().await {
        outbox_survives_a_restart(Backend::Postgres).await;
    }
}

/// Two instances over one PostgreSQL database share the outbox and send every message once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_send_each_message_exactly_once_postgres() {
    if !postgres_available().await {
        return;
    }
    let (url, schema, _dir) = empty_database(Backend::Postgres).await;
    let sink = SmtpSink::start().await;
    let mut config = test_config(url.clone());
    send_to(&mut config, sink.port);
    config.mail.poll_interval = Duration::from_millis(20);
    let db = connect(&url, schema.as_deref(), &config).await;
    let first = Running::start(config.clone(), db.clone()).await;
    let second = Running::start(config.clone(), connect(&url, schema.as_deref(), &config).await).await;

    let txn = api::db::begin(&db).await.unwrap();
    for n in 0..40 {
        api::outbox::enqueue(&txn, sample_email(&format!("clen{n}@obec.example.cz"), &format!("Zpráva {n}"))).await.unwrap();
    }
    txn.commit().await.unwrap();
    sink.wait_for(40, Duration::from_secs(30)).await;
    eventually(Duration::from_secs(5), || async { outbox_rows(&db).await.iter().all(|r| r.sent_at.is_some()) }).await;
    // Time for a duplicate to arrive, were there one.
    tokio::time::sleep(Duration::from_secs(1)).await;
    first.stop().await;
    second.stop().await;

    let received = sink.received();
    let ids: HashSet<String> = received.iter().map(|r| r.mail().message_id).collect();
    assert_eq!((received.len(), ids.len()), (40, 40));
    assert!(outbox_rows(&db).await.iter().all(|r| r.attempts == 1));
}

/// Without SMTP, each message is an `.eml` file named after its outbox row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_each_message_is_an_eml_file() {
    let dir = TempDir(std::env::temp_dir().join(format!("spoluplan-outbox-{}", uuid::Uuid::now_v7())));
    let app = spawn_app_with(Backend::Sqlite, |c| {
        c.mail.outbox_dir = dir.0.clone();
        c.mail.poll_interval = Duration::from_millis(100);
    })
    .await;
    let id = api::outbox::enqueue(&app.db, sample_email("jana@obec.example.cz", "Zkouška")).await.unwrap();
    let file = dir.0.join(format!("{id}.eml"));
    eventually(Duration::from_secs(10), || async { file.exists() }).await;
    let received = Received { from: String::new(), to: vec!["jana@obec.example.cz".into()], data: std::fs::read(&file).unwrap() };
    let mail = received.mail();
    assert_eq!(mail.subject, "Zkouška");
    assert!(mail.text.contains("zkušební zpráva"));
    assert_eq!(std::fs::read_dir(&dir.0).unwrap().count(), 1, "no partial file is left");
}

both!(settled_messages_are_deleted_after_thirty_days, |app| async move {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let (url, schema, _dir) = empty_database(app.backend).await;
    let config = test_config(url.clone());
    let db = connect(&url, schema.as_deref(), &config).await;
    api::db::migrate(&db).await.unwrap();
    let day = chrono::Duration::days(1);
    let now = api::clock::now();
    let row = |created: chrono::DateTime<chrono::Utc>, sent: bool, due: bool| entity::outbox::ActiveModel {
        id: Set(uuid::Uuid::now_v7()),
        kind: Set("email".into()),
        payload: Set(serde_json::json!({"to": "jana@obec.example.cz", "subject": "Stará"})),
        attempts: Set(1),
        next_attempt_at: Set(due.then_some(now + day)),
        sent_at: Set(sent.then_some(created)),
        last_error: Set(None),
        created_at: Set(created),
    };
    let old_sent = row(now - day * 31, true, false).insert(&db).await.unwrap();
    let old_given_up = row(now - day * 31, false, false).insert(&db).await.unwrap();
    let old_still_due = row(now - day * 31, false, true).insert(&db).await.unwrap();
    let recent_sent = row(now - day, true, false).insert(&db).await.unwrap();

    let running = Running::start(config, db.clone()).await;
    eventually(Duration::from_secs(10), || async { outbox_rows(&db).await.len() == 2 }).await;
    running.stop().await;
    let left: HashSet<uuid::Uuid> = outbox_rows(&db).await.iter().map(|r| r.id).collect();
    assert_eq!(left, HashSet::from([old_still_due.id, recent_sent.id]));
    assert!(!left.contains(&old_sent.id) && !left.contains(&old_given_up.id));
});
