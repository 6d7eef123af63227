//! Changing one's e-mail: `PATCH /me` sends a link to the new address (read from a real SMTP
//! server on loopback) and the address changes when it is followed; the answer is the same for a
//! taken address, which gets nothing; requests are limited per account.
use std::time::Duration;

use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

async fn mailing_app(backend: Backend, sink: &SmtpSink, adjust: impl FnOnce(&mut api::config::Config)) -> TestApp {
    spawn_app_with(backend, |c| {
        send_to(c, sink.port);
        c.mail.poll_interval = Duration::from_secs(60);
        adjust(c);
    })
    .await
}

fn email_of(user: &Value) -> String {
    user["email"].as_str().unwrap().to_string()
}

async fn confirm(app: &TestApp, token: &str) -> Answer {
    app.post("/auth/email-change/confirm", None, json!({"token": token})).await
}

both!(a_new_email_takes_effect_when_the_link_sent_to_it_is_followed, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |_| {}).await;
    let user = app.account("member").await;
    let old = email_of(&user);
    let (access, _) = app.session(&old).await;

    let answer = app.patch("/me", Some(&access), json!({"email": "Nova.Adresa@Obec.example.cz"})).await.expect(200);
    assert_eq!(answer["email"], old.as_str(), "nothing changes before the link is followed");
    let mail = sink.wait_for(1, Duration::from_secs(5)).await[0].mail();
    assert_eq!(mail.to, ["nova.adresa@obec.example.cz"]);
    assert_eq!(mail.subject, "Potvrďte novou e-mailovou adresu ve Spoluplánu");
    let token = link_token(&mail.text, "/confirm-email");
    assert!(mail.html.contains(&format!("https://spoluplan.example.cz/confirm-email#token={token}")), "{}", mail.html);
    app.sign_in("nova.adresa@obec.example.cz", PASSWORD).await.expect(401);

    confirm(&app, &token).await.expect(204);
    assert_eq!(app.get("/me", Some(&access)).await.expect(200)["email"], "nova.adresa@obec.example.cz");
    app.sign_in("nova.adresa@obec.example.cz", PASSWORD).await.expect(200);
    app.sign_in(&old, PASSWORD).await.expect(401);
    assert_eq!(fields(&confirm(&app, &token).await.expect(422)), ["token"]);
    assert_eq!(fields(&confirm(&app, "neplatny-token").await.expect(422)), ["token"]);
});

both!(a_taken_address_is_answered_alike_and_gets_nothing, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |_| {}).await;
    let user = app.account("member").await;
    let other = app.account("member").await;
    let (access, _) = app.session(&email_of(&user)).await;

    let taken = app.patch("/me", Some(&access), json!({"email": email_of(&other)})).await;
    let free = app.patch("/me", Some(&access), json!({"email": "volna@obec.example.cz"})).await;
    assert_eq!((taken.status, free.status), (reqwest::StatusCode::OK, reqwest::StatusCode::OK));
    let (taken, free) = (taken.json(), free.json());
    assert_eq!((&taken["email"], &free["email"]), (&user["email"], &user["email"]));
    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.received().len(), 1, "the taken address gets no link");
    assert_eq!(received[0].to, ["volna@obec.example.cz"]);

    // The free address is taken before the link is followed: the change is refused then.
    let admin = app.admin().await;
    let body = json!({"email": "volna@obec.example.cz", "display_name": "Petr Volný", "role": "member", "password": PASSWORD});
    app.post("/users", Some(&admin.token), body).await.expect(201);
    let problem = confirm(&app, &link_token(&received[0].mail().text, "/confirm-email")).await.expect(409);
    assert_eq!(problem["code"], "duplicate");
    assert_eq!(app.get("/me", Some(&access)).await.expect(200)["email"], user["email"]);
});

both!(email_change_requests_are_limited_per_account, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |c| c.limits.email_changes_per_account = 2).await;
    let user = app.account("member").await;
    let (access, _) = app.session(&email_of(&user)).await;
    for n in 0..2 {
        app.patch("/me", Some(&access), json!({"email": format!("nova{n}@obec.example.cz")})).await.expect(200);
    }
    app.patch("/me", Some(&access), json!({"email": "nova3@obec.example.cz"})).await.expect(429);
    // The own address again, or no address, is no request.
    app.patch("/me", Some(&access), json!({"email": email_of(&user), "display_name": "Jana N."})).await.expect(200);
    sink.wait_for(2, Duration::from_secs(5)).await;
});
