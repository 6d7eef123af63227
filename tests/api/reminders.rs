//! "Three days before a consultation closes": the subscribers of the plan and of its territory are
//! e-mailed a reminder once (also those of a daily or weekly digest, at once; `never` not), read from
//! a real SMTP server on loopback; a consultation reopened with a new deadline is reminded of anew;
//! and with two instances over one PostgreSQL database each plan's reminder is written once.
use std::time::Duration;

use chrono::{SubsecRound, Utc};
use chrono_tz::Europe::Prague;
use entity::enums::PlanStatus;
use entity::plan;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

/// The text that tells a reminder from the other news.
const REMINDER: &str = "Připomínkovací řízení k plánu";

fn reminders(sink: &SmtpSink) -> Vec<Mail> {
    sink.received().iter().map(Received::mail).filter(|m| m.text.contains(REMINDER)).collect()
}

/// A consultation move closing `days` from now (to the second).
fn closing_in(days: i64) -> (serde_json::Value, chrono::DateTime<Utc>) {
    let at = (Utc::now() + chrono::Duration::days(days)).trunc_subsecs(0);
    (json!({"status": "consultation", "consultation_closes_at": at}), at)
}

both!(subscribers_are_reminded_once_three_days_before_the_consultation_closes, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink).await;
    let coordinator = app.coordinator().await;
    let (citizen, weekly, by_territory, quiet, elsewhere) =
        (app.member().await, app.member().await, app.member().await, app.member().await, app.member().await);
    let plan = app.plan(&coordinator).await;
    let far = app.plan(&coordinator).await;
    let territory = app.get(&format!("/plans/{plan}"), Some(&coordinator.token)).await.expect(200)["territory_id"].clone();
    for who in [&citizen, &weekly, &quiet] {
        app.post("/me/subscriptions", Some(&who.token), follow("plan", &plan)).await.expect(201);
    }
    app.post("/me/subscriptions", Some(&by_territory.token), follow("territory", territory.as_str().unwrap())).await.expect(201);
    app.post("/me/subscriptions", Some(&elsewhere.token), follow("plan", &far)).await.expect(201);
    app.patch("/me", Some(&weekly.token), json!({"notification_frequency": "weekly"})).await.expect(200);
    app.patch("/me", Some(&quiet.token), json!({"notification_frequency": "never"})).await.expect(200);

    let (soon, closes) = closing_in(2);
    app.move_plan(&plan, Some(&coordinator.token), soon).await.expect(200);
    app.start_consultation(&far, &coordinator.token).await;
    // The openings (each plan's to its own and the territory's immediate subscribers: four), then
    // the reminders of the closing one (three: the weekly one's at once too).
    sink.wait_for(7, Duration::from_secs(15)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let sent = reminders(&sink);
    let mut to: Vec<String> = sent.iter().map(|m| m.to[0].clone()).collect();
    to.sort();
    let mut want = vec![citizen.email.clone(), weekly.email.clone(), by_territory.email.clone()];
    want.sort();
    assert_eq!(to, want, "once each, and not to `never` or the far plan's subscriber");
    let day = closes.with_timezone(&Prague).format("%-d. %-m. %Y v %H:%M").to_string();
    let mail = &sent[0];
    assert!(mail.text.contains(&format!("končí {day}")), "Prague's time: {}", mail.text);
    assert!(mail.text.contains(&format!("https://spoluplan.example.cz/plans/{plan}")) && mail.list_unsubscribe.is_some(), "{}", mail.text);
    assert_eq!(sink.received().len(), 7, "nothing more");
    let marked = plan::Entity::find_by_id(plan.parse::<Uuid>().unwrap()).one(&app.db).await.unwrap().unwrap();
    assert_eq!(marked.closing_reminder_for, marked.consultation_closes_at);

    // Back to draft and into consultation with a new deadline: a reminder of that one.
    app.move_plan(&plan, Some(&coordinator.token), json!({"status": "draft", "note": "Přepracovat"})).await.expect(200);
    let (sooner, _) = closing_in(1);
    app.move_plan(&plan, Some(&coordinator.token), sooner).await.expect(200);
    eventually(Duration::from_secs(15), || async { reminders(&sink).iter().filter(|m| m.to == [citizen.email.clone()]).count() == 2 })
        .await;
});

/// Two instances over one PostgreSQL database, and consultations that come within three days of
/// their close all at once: each plan's reminder is written, and sent, once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_remind_of_each_consultation_once_postgres() {
    if !postgres_available().await {
        return;
    }
    let (url, schema, _dir) = empty_database(Backend::Postgres).await;
    let sink = SmtpSink::start().await;
    let mut config = test_config(url.clone());
    send_to(&mut config, sink.port);
    config.mail.poll_interval = Duration::from_millis(20);
    let db = connect(&url, schema.as_deref(), &config).await;
    let first = api::Application::build_with(config.clone(), db.clone()).await.expect("build app");
    let app = TestApp::attach(&format!("http://127.0.0.1:{}", first.port()), db.clone(), Backend::Postgres);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let first = tokio::spawn(first.run_until(async move {
        let _ = stopped.await;
    }));
    let second = Running::start(config.clone(), connect(&url, schema.as_deref(), &config).await).await;

    let citizen = app.member().await;
    let mut plans = Vec::new();
    for _ in 0..10 {
        let id = app.placed_plan(PlanStatus::Consultation, None).await;
        app.post("/me/subscriptions", Some(&citizen.token), follow("plan", &id.to_string())).await.expect(201);
        plans.push(id);
    }
    // All ten come within three days in one commit, so both instances find them in the same poll.
    plan::Entity::update_many()
        .col_expr(plan::Column::ConsultationClosesAt, Expr::value(Utc::now() + chrono::Duration::days(2)))
        .filter(plan::Column::Id.is_in(plans.clone()))
        .exec(&db)
        .await
        .unwrap();
    sink.wait_for(10, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let _ = stop.send(());
    first.await.unwrap().unwrap();
    second.stop().await;

    assert_eq!(reminders(&sink).len(), 10);
    assert_eq!(sink.received().len(), 10, "nothing twice");
    let events = outbox_rows(&db).await.into_iter().filter(|r| r.kind == "event" && r.payload["type"] == "plan.consultation_closing");
    assert_eq!(events.count(), 10);
}
