//! "Zapomenuté heslo": the link arrives by e-mail (read from a real SMTP server on loopback), sets
//! the password once, ends the sessions; the answer never tells whether an address has an account;
//! requests are limited per address asked for and per client address; links expire.
use std::time::Duration;

use entity::{audit_event, password_reset};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

const NEW_PASSWORD: &str = "zelená louka za humny 7";

/// An application that mails to `sink`, polling only once a minute: a message that arrives at
/// once came from the wake-up after the request's commit.
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

both!(a_forgotten_password_is_reset_with_the_emailed_link, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |_| {}).await;
    let user = app.account("member").await;
    let email = email_of(&user);
    let (access, refresh) = app.session(&email).await;

    let answer = app.request_reset(&email.to_uppercase()).await;
    assert_eq!(answer.status, 202, "{}", answer.text);
    assert!(answer.text.is_empty());
    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    let mail = received[0].mail();
    assert_eq!(mail.to, std::slice::from_ref(&email));
    assert_eq!(mail.subject, "Obnovení hesla ve Spoluplánu");
    assert_eq!(mail.content_type, "multipart/alternative");
    assert!(mail.text.contains("Dobrý den, Jana Nováková,") && mail.text.contains("platí 60 minut"), "{}", mail.text);
    let token = reset_token(&mail.text);
    assert!(mail.html.contains(&format!("href=\"https://spoluplan.example.cz/reset-password#token={token}\"")), "{}", mail.html);
    // Only the token's hash is kept.
    let links = password_reset::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(links.len(), 1);
    assert!(links[0].token_hash.len() == 64 && !links[0].token_hash.contains(&token));

    // The rules of /me/password.
    let weak = app.confirm_reset(&token, "jana nováková").await.expect(422);
    assert_eq!(fields(&weak), ["new_password"]);
    app.confirm_reset(&token, NEW_PASSWORD).await.expect(204);

    // Every session ended; the new password signs in, the old one no longer does.
    app.get("/me", Some(&access)).await.expect(401);
    app.refresh(&refresh).await.expect(401);
    app.sign_in(&email, PASSWORD).await.expect(401);
    app.sign_in(&email, NEW_PASSWORD).await.expect(200);
    // Single use.
    let spent = app.confirm_reset(&token, "jiné dlouhé heslo 2026").await.expect(422);
    assert_eq!(fields(&spent), ["token"]);
    app.sign_in(&email, NEW_PASSWORD).await.expect(200);

    let events = audit_event::Entity::find().filter(audit_event::Column::Action.eq("password_reset_confirmed")).all(&app.db).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].entity_id.map(|id| id.to_string()).as_deref(), user["id"].as_str());
    assert_eq!(events[0].changes.0["token"], "[redacted]");
    assert_eq!(events[0].changes.0["new_password"], "[redacted]");
});

both!(the_answer_never_tells_whether_an_address_has_an_account, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |_| {}).await;
    let gone = app.account("member").await;
    let coordinator = app.coordinator().await;
    app.delete(&format!("/users/{}", gone["id"].as_str().unwrap()), Some(&coordinator.token)).await.expect(204);
    let user = app.account("member").await;

    let unknown = app.request_reset("nikdo@obec.example.cz").await;
    let deactivated = app.request_reset(&email_of(&gone)).await;
    let known = app.request_reset(&email_of(&user)).await;
    for answer in [&unknown, &deactivated, &known] {
        assert_eq!((answer.status.as_u16(), answer.text.as_str()), (202, ""));
    }
    sink.wait_for(1, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let received = sink.received();
    assert_eq!(received.len(), 1, "only the active account gets a link");
    assert_eq!(received[0].to, [email_of(&user)]);

    // A malformed address is a 422 (which tells nothing about accounts either).
    let problem = app.request_reset("nikdo").await.expect(422);
    assert_eq!(fields(&problem), ["email"]);
    // An unknown token too.
    assert_eq!(fields(&app.confirm_reset("neplatny-token", NEW_PASSWORD).await.expect(422)), ["token"]);
});

both!(reset_requests_are_limited_per_address_asked_for_and_per_client, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |c| {
        c.limits.password_resets_per_account = 2;
        c.limits.password_resets_per_address = 4;
    })
    .await;
    let user = app.account("member").await;
    let email = email_of(&user);
    app.request_reset(&email).await.expect(202);
    app.request_reset(&email).await.expect(202);
    let limited = app.request_reset(&email).await;
    limited.expect(429);
    assert!(limited.header("retry-after").is_some());
    // An address without an account is limited the same way.
    app.request_reset("nikdo@obec.example.cz").await.expect(202);
    app.request_reset("nikdo@obec.example.cz").await.expect(202);
    // The client's fifth request, for any address, is one too many.
    app.request_reset("dalsi@obec.example.cz").await.expect(429);
    sink.wait_for(2, Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.received().len(), 2);
});

both!(links_expire_and_using_one_spends_the_others, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |c| c.limits.password_resets_per_account = 10).await;
    let user = app.account("member").await;
    let email = email_of(&user);
    let (access, _) = app.session(&email).await;
    // The account reads English: so does its next e-mail.
    let me = app.get("/me", Some(&access)).await.expect(200);
    assert_eq!(me["language"], "cs");
    let etag = format!("\"{}\"", me["version"]);
    assert_eq!(app.patch_if("/me", Some(&access), &etag, json!({"language": "en"})).await.expect(200)["language"], "en");

    app.request_reset(&email).await.expect(202);
    app.request_reset(&email).await.expect(202);
    let mails: Vec<Mail> = sink.wait_for(2, Duration::from_secs(5)).await.iter().map(|r| r.mail()).collect();
    assert_eq!(mails[0].subject, "Resetting your Spoluplán password");
    assert!(mails[0].html.contains("<html lang=\"en\">") && mails[0].text.contains("works for 60 minutes"), "{}", mails[0].text);
    let (first, second) = (reset_token(&mails[0].text), reset_token(&mails[1].text));
    assert_ne!(first, second);
    app.confirm_reset(&second, NEW_PASSWORD).await.expect(204);
    assert_eq!(fields(&app.confirm_reset(&first, "jiné dlouhé heslo 2026").await.expect(422)), ["token"]);

    app.request_reset(&email).await.expect(202);
    let third = reset_token(&sink.wait_for(3, Duration::from_secs(5)).await[2].mail().text);
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::ExpiresAt, Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)))
        .exec(&app.db)
        .await
        .unwrap();
    assert_eq!(fields(&app.confirm_reset(&third, "jiné dlouhé heslo 2026").await.expect(422)), ["token"]);
    app.sign_in(&email, NEW_PASSWORD).await.expect(200);
});

both!(someone_added_without_a_password_is_invited_to_set_their_own, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink, |_| {}).await;
    let admin = app.admin().await;
    let body = json!({"email": "Pozvana.Clenka@Obec.example.cz", "display_name": "Pozvaná Členka", "role": "member"});
    let created = app.post("/users", Some(&admin.token), body).await.expect(201);
    assert_eq!(created["email"], "pozvana.clenka@obec.example.cz");

    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    let mail = received[0].mail();
    assert_eq!(
        (mail.to.as_slice(), mail.subject.as_str()),
        (["pozvana.clenka@obec.example.cz".to_owned()].as_slice(), "Pozvánka do Spoluplánu")
    );
    assert!(
        mail.text.contains("Dobrý den, Pozvaná Členka,") && mail.text.contains("(role: člen)") && mail.text.contains("platí 7 dní"),
        "{}",
        mail.text
    );
    let token = reset_token(&mail.text);
    assert!(mail.html.contains(&format!("href=\"https://spoluplan.example.cz/reset-password#token={token}\"")), "{}", mail.html);

    // Nobody can sign in to the account before the invitation is taken, not even with an empty password.
    let email = "pozvana.clenka@obec.example.cz";
    for guess in ["", PASSWORD, &token] {
        app.sign_in(email, guess).await.expect(401);
    }
    app.confirm_reset(&token, NEW_PASSWORD).await.expect(204);
    app.sign_in(email, NEW_PASSWORD).await.expect(200);
    app.confirm_reset(&token, "jiné heslo pro jistotu 9").await.expect(422);

    // With a password given, nobody is e-mailed.
    let body = json!({"email": "s.heslem@obec.example.cz", "display_name": "S Heslem", "role": "member", "password": PASSWORD});
    app.post("/users", Some(&admin.token), body).await.expect(201);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.received().len(), 1);
});
