//! A comment's settlement e-mailed to its author, read from a real SMTP server on loopback: an
//! anonymous commenter only with an address and their consent (consent without an address is a 422
//! naming the field), an account's author at the account's address in its language unless it hears
//! `never`; the resolution, its justification and the change in both parts; a one-click unsubscribe
//! that ends that comment's notices with no sign-in; and the address shown to nobody but staff.
use std::time::Duration;

use serde_json::json;

use crate::both;
use crate::helpers::*;

both!(an_anonymous_commenter_who_agreed_hears_of_the_settlement_and_ends_it_by_the_link, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink).await;
    let Consultation { coordinator, plan, .. } = app.open_consultation().await;
    let member = app.member().await;

    let mut without_address = anonymous("plan", &plan, "Chybí odlehčovací služba.", "Jana Nováková", None);
    without_address["notify_on_resolution"] = json!(true);
    let refused = app.post_comment(None, without_address).await.expect(422);
    assert_eq!(fields(&refused), ["notify_on_resolution"], "{refused}");

    let mut agreed = anonymous("plan", &plan, "Chybí odlehčovací služba.", "Jana Nováková", Some("jana@obec.example.cz"));
    agreed["notify_on_resolution"] = json!(true);
    let comment = app.create_comment(None, agreed).await;
    let silent = anonymous("plan", &plan, "Více terénní práce.", "Petr Malý", Some("petr@obec.example.cz"));
    let silent = app.create_comment(None, silent).await;

    // The address is the staff's only, in one comment and in the list alike.
    for token in [None, Some(member.token.as_str())] {
        let one = app.get(&format!("/comments/{comment}"), token).await;
        let list = app.get(&format!("/comments?target_type=plan&target_id={plan}"), token).await;
        for text in [&one.text, &list.text] {
            assert!(!text.contains("jana@obec.example.cz") && !text.contains("notify_on_resolution"), "{text}");
        }
    }
    let staff = app.get(&format!("/comments/{comment}"), Some(&coordinator.token)).await.expect(200);
    assert_eq!(staff["author_email"], json!("jana@obec.example.cz"));

    let settlement = json!({"resolution": "partially_accepted", "note": "Služba bude rozšířena o víkendy.",
                            "change": "Opatření 1.1 doplněno o víkendový provoz."});
    app.resolve(&comment, Some(&coordinator.token), settlement).await.expect(200);
    app.resolve(&silent, Some(&coordinator.token), json!({"resolution": "noted"})).await.expect(200);
    // Written with the settlement, in its transaction: the row is there as soon as the answer is.
    assert_eq!(emails_to(&app, "petr@obec.example.cz").await, 0, "no consent, no e-mail");

    let mail = sink.wait_for(1, Duration::from_secs(10)).await[0].mail();
    assert_eq!(mail.to, ["jana@obec.example.cz"]);
    assert!(mail.subject.contains("vypořádání vaší připomínky"), "{}", mail.subject);
    for part in [&mail.text, &mail.html] {
        assert!(part.contains("Dobrý den, Jana Nováková"), "{part}");
        assert!(part.contains("akceptováno částečně"), "{part}");
        assert!(part.contains("Služba bude rozšířena o víkendy.") && part.contains("Opatření 1.1 doplněno o víkendový provoz."), "{part}");
        assert!(part.contains("Chybí odlehčovací služba."), "the comment itself: {part}");
        assert!(part.contains(&format!("https://spoluplan.example.cz/plans/{plan}")), "{part}");
    }
    assert!(mail.html.contains("lang=\"cs\""));
    assert_eq!(mail.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));
    let path = unsubscribe_path(&mail);
    assert!(path.starts_with("/unsubscribe/comment?token=comment."), "{path}");
    let token = path.split_once("token=").unwrap().1;
    assert!(mail.text.contains(&format!("https://spoluplan.example.cz/unsubscribe/comment?token={token}")), "the page: {}", mail.text);

    // A GET tells what would end; the token is no subscription's; a forged one ends nothing.
    let preview = app.get(&path, None).await.expect(200);
    assert_eq!((preview["comment_id"].clone(), preview["plan_id"].clone()), (json!(comment), json!(plan)));
    app.get(&format!("/unsubscribe?token={token}"), None).await.expect(404);
    app.post(&format!("{path}x"), None, json!({})).await.expect(404);
    let response = app
        .client
        .post(app.url(&path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    app.post(&path, None, json!({})).await.expect(404);
    app.get(&path, None).await.expect(404);
    // The comment is as it was (nobody's If-Match goes stale), and a new settlement tells nobody.
    let after = app.get(&format!("/comments/{comment}"), Some(&coordinator.token)).await.expect(200);
    assert_eq!(after["version"], staff["version"].as_i64().unwrap() + 1, "only the settlement changed it");
    app.resolve(&comment, Some(&coordinator.token), json!({"resolution": "accepted", "note": "Vyhověno."})).await.expect(200);
    assert_eq!(emails_to(&app, "jana@obec.example.cz").await, 1);
});

both!(a_signed_in_author_hears_at_their_accounts_address_in_its_language_unless_never, |app| async move {
    let sink = SmtpSink::start().await;
    let app = mailing_app(app.backend, &sink).await;
    let Consultation { coordinator, plan, measure, .. } = app.open_consultation().await;
    let (czech, english, quiet) = (app.member().await, app.member().await, app.member().await);
    app.patch("/me", Some(&english.token), json!({"language": "en"})).await.expect(200);
    app.patch("/me", Some(&quiet.token), json!({"notification_frequency": "never"})).await.expect(200);
    let mut ids = Vec::new();
    for who in [&czech, &english, &quiet] {
        ids.push(app.create_comment(Some(&who.token), on("measure", &measure, "Navýšit kapacitu.")).await);
    }
    for id in &ids {
        app.resolve(id, Some(&coordinator.token), json!({"resolution": "rejected", "note": "Nejsou prostředky."})).await.expect(200);
    }
    assert_eq!(emails_to(&app, &quiet.email).await, 0, "`never` hears nothing");
    let received: Vec<Mail> = sink.wait_for(2, Duration::from_secs(10)).await.iter().map(Received::mail).collect();
    let to = |who: &TestUser| received.iter().find(|m| m.to == [who.email.clone()]).expect("an e-mail");
    let cs = to(&czech);
    assert!(cs.text.contains("Dobrý den, Test member") && cs.text.contains("neakceptováno"), "{}", cs.text);
    let en = to(&english);
    assert!(en.subject.contains("your comment on the plan"), "{}", en.subject);
    assert!(
        en.text.contains("was settled: rejected") && en.text.contains("Justification:") && en.text.contains("Nejsou prostředky."),
        "{}",
        en.text
    );
    assert!(en.html.contains("lang=\"en\"") && en.list_unsubscribe.is_some());
    assert!(en.text.contains(&format!("https://spoluplan.example.cz/plans/{plan}")), "{}", en.text);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(sink.received().len(), 2);
});
