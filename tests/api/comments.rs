//! Comments: who may comment when, e-mail privacy, replies, editing, moderation, comments entered
//! on someone's behalf, the anonymous rate limit.
use chrono::Duration;
use serde_json::json;
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

/// A meeting of a group of its own; returns its id.
async fn meeting(app: &TestApp) -> String {
    let group = app.group_row("PS Senioři").await;
    app.meeting_row(group).await.to_string()
}

both!(anonymous_comment_during_open_consultation, |app| async move {
    let k = app.open_consultation().await;
    let created = app
        .post_comment(
            None,
            anonymous("measure", &k.measure, "Služba by měla fungovat i o víkendech.", " Jana Nováková ", Some("jana@example.cz")),
        )
        .await;
    let comment = created.expect(201);
    let id = comment["id"].as_str().unwrap();
    assert_eq!(created.header("location").unwrap(), format!("/api/v1/comments/{id}"));
    assert_eq!(created.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(comment["author"], json!({"id": null, "display_name": "Jana Nováková"}));
    assert!(comment.get("author_email").is_none(), "the e-mail never goes back to the public: {comment}");
    assert!(!created.text.contains("jana@example.cz"));
    assert_eq!(comment["plan_id"], k.plan.as_str(), "plan_id is derived from the measure");
    assert_eq!(comment["is_consultation"], true);
    assert_eq!(comment["channel"], "web");
    assert_eq!(comment["status"], "published");
    // Today as a Czech day: in Prague's time, not UTC's.
    assert_eq!(comment["received_on"], api::clock::today().to_string());
    assert!(comment["resolution"].is_null());

    // Nobody but staff reads the e-mail: not the public, not another member.
    let member = app.member().await;
    for token in [None, Some(member.token.as_str())] {
        let read = app.get(&format!("/comments/{id}"), token).await;
        assert_eq!(read.expect(200)["body"], "Služba by měla fungovat i o víkendech.");
        assert!(!read.text.contains("jana@example.cz"));
        let list = app.get(&format!("/comments?plan_id={}", k.plan), token).await;
        assert_eq!(ids(&list.expect(200)), [id]);
        assert!(!list.text.contains("jana@example.cz"));
    }
    let staff = app.get(&format!("/comments/{id}"), Some(&k.coordinator.token)).await.expect(200);
    assert_eq!(staff["author_email"], "jana@example.cz");
    let staff_list = app.get("/comments", Some(&k.coordinator.token)).await.expect(200);
    assert_eq!(staff_list["items"][0]["author_email"], "jana@example.cz");

    // The plan and its goal take comments too, without an e-mail.
    let on_plan = app.post_comment(None, anonymous("plan", &k.plan, "Chybí dluhové poradenství.", "Spolek Pomoc", None)).await.expect(201);
    assert_eq!(on_plan["plan_id"], k.plan.as_str());
    let on_goal = app.post_comment(None, anonymous("goal", &k.goal, "Cíl je příliš obecný.", "Petr", None)).await.expect(201);
    assert_eq!(on_goal["plan_id"], k.plan.as_str());

    // The write is audited, with the anonymous actor.
    let audit = app.get(&format!("/audit?entity_type=comment&entity_id={id}"), Some(&k.coordinator.token)).await.expect(200);
    assert_eq!(audit["items"][0]["action"], "create");
});

both!(anonymous_comment_rules, |app| async move {
    let k = app.open_consultation().await;
    // A name is required; the e-mail, if given, must look like one; the body has bounds.
    let problem = app.post_comment(None, on("plan", &k.plan, "Bez jména")).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "author_name");
    let problem = app.post_comment(None, anonymous("plan", &k.plan, "Text", "Jana", Some("not-an-email"))).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "author_email");
    let problem = app.post_comment(None, anonymous("plan", &k.plan, "   ", "Jana", None)).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "body");
    let problem = app.post_comment(None, anonymous("plan", &k.plan, &"x".repeat(10_001), "Jana", None)).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "body");
    app.post_comment(None, anonymous("plan", &k.plan, &"ř".repeat(10_000), "Jana", None)).await.expect(201);
    // Owner fields cannot be smuggled in.
    let mut forged = anonymous("plan", &k.plan, "Text", "Jana", None);
    forged["author_id"] = json!(k.coordinator.id);
    app.post_comment(None, forged).await.expect(400);
    let mut forged = anonymous("plan", &k.plan, "Text", "Jana", None);
    forged["resolution"] = json!("accepted");
    app.post_comment(None, forged).await.expect(400);
    // Unknown targets are 404; meetings need an account.
    app.post_comment(None, anonymous("goal", &Uuid::now_v7().to_string(), "Text", "Jana", None)).await.expect(404);
    let meeting = meeting(&app).await;
    app.post_comment(None, anonymous("meeting", &meeting, "Text", "Jana", None)).await.expect(401);

    // A draft does not exist for the public.
    let draft = app.plan(&k.coordinator).await;
    app.post_comment(None, anonymous("plan", &draft, "Text", "Jana", None)).await.expect(404);

    // After the deadline, new public comments are refused with the reason.
    app.pass_deadline(&k.plan, 1).await;
    let problem = app.post_comment(None, anonymous("measure", &k.measure, "Pozdě", "Jana", None)).await.expect(409);
    assert_eq!(problem["code"], "consultation_closed");
    assert!(problem["detail"].as_str().unwrap().contains("consultation closed"), "{problem}");
    assert_eq!(app.get(&format!("/plans/{}", k.plan), None).await.json()["consultation_open"], false);
    // An approved plan takes no public comments either.
    let approved = app.open_consultation().await;
    let today = api::clock::today().to_string();
    app.approve(&approved.plan, &approved.coordinator.token, "usnesení ZM č. 12/3/25", &today).await;
    let problem = app.post_comment(None, anonymous("plan", &approved.plan, "Text", "Jana", None)).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("not in public consultation"), "{problem}");
});

both!(members_comment_at_any_time_as_themselves, |app| async move {
    let k = app.open_consultation().await;
    let member = app.member().await;
    let t = Some(member.token.as_str());
    let during = app.post_comment(t, on("goal", &k.goal, "Doplnit pečující.")).await.expect(201);
    assert_eq!(during["author"], json!({"id": member.id, "display_name": "Test member"}));
    assert_eq!(during["is_consultation"], true);

    // On a draft (members read drafts) and after the deadline: accepted, but not consultation comments.
    let draft = app.plan(&k.coordinator).await;
    let on_draft = app.post_comment(t, on("plan", &draft, "Poznámka k pracovní verzi.")).await.expect(201);
    assert_eq!(on_draft["is_consultation"], false);
    app.pass_deadline(&k.plan, 1).await;
    let after = app.post_comment(t, on("measure", &k.measure, "Po termínu.")).await.expect(201);
    assert_eq!(after["is_consultation"], false);

    // Meetings take comments from signed-in people; they belong to no plan.
    let meeting = meeting(&app).await;
    let on_meeting = app.post_comment(t, on("meeting", &meeting, "Prosím zápis do pátku.")).await.expect(201);
    assert!(on_meeting["plan_id"].is_null());
    assert_eq!(
        ids(&app.get(&format!("/comments?target_type=meeting&target_id={meeting}"), None).await.expect(200)),
        [on_meeting["id"].as_str().unwrap()]
    );

    // A member cannot sign as someone else, nor act as staff entering paper comments.
    let mut as_other = on("plan", &k.plan, "Text");
    as_other["author_name"] = json!("Starosta");
    app.post_comment(t, as_other).await.expect(403);
    let mut paper = on("plan", &k.plan, "Text");
    paper["channel"] = json!("paper");
    app.post_comment(t, paper.clone()).await.expect(403);
    let mut dated = on("plan", &k.plan, "Text");
    dated["received_on"] = json!("2025-01-01");
    app.post_comment(t, dated).await.expect(403);
    paper["author_name"] = json!("Jana");
    app.post_comment(None, paper).await.expect(401);
});

both!(replies_stay_on_their_target, |app| async move {
    let k = app.open_consultation().await;
    let member = app.member().await;
    let t = Some(member.token.as_str());
    let parent = app.create_comment(t, on("measure", &k.measure, "Kdo službu zajistí?")).await;
    let reply = reply_to(&parent, on("measure", &k.measure, "Charita Český Krumlov."));
    let answer = app.post_comment(Some(&k.coordinator.token), reply.clone()).await.expect(201);
    assert_eq!(answer["parent_id"], parent.as_str());
    let reply_id = id(&answer);

    let elsewhere = reply_to(&parent, on("goal", &k.goal, "Jinam."));
    let problem = app.post_comment(t, elsewhere).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "parent_id");
    let deeper = reply_to(&reply_id, reply.clone());
    assert_eq!(app.post_comment(t, deeper).await.expect(422)["errors"][0]["field"], "parent_id");
    let unknown = reply_to(&Uuid::now_v7().to_string(), reply.clone());
    app.post_comment(t, unknown).await.expect(422);
    // Anonymous replies are fine while the consultation is open.
    let public_reply = reply_to(&parent, anonymous("measure", &k.measure, "Souhlasím s dotazem.", "Jana", None));
    app.post_comment(None, public_reply).await.expect(201);
    assert_eq!(items(&app.get(&format!("/comments?parent_id={parent}"), None).await.expect(200)).len(), 2);

    // Deleting the comment takes its replies along.
    app.delete(&format!("/comments/{parent}"), t).await.expect(204);
    app.get(&format!("/comments/{reply_id}"), None).await.expect(404);
});

both!(authors_edit_and_delete_their_own, |app| async move {
    let k = app.open_consultation().await;
    let author = app.member().await;
    let other = app.member().await;
    let id = app.create_comment(Some(&author.token), on("plan", &k.plan, "Původní text")).await;
    let path = format!("/comments/{id}");

    let edited = app.patch(&path, Some(&author.token), json!({"body": " Opravený text "})).await.expect(200);
    assert_eq!(edited["body"], "Opravený text");
    assert_eq!(edited["version"], 2);
    app.patch(&path, Some(&other.token), json!({"body": "Cizí zásah"})).await.expect(403);
    app.patch(&path, Some(&k.coordinator.token), json!({"body": "Koordinátor přepisuje"})).await.expect(403);
    app.patch(&path, None, json!({"body": "Anonym"})).await.expect(401);
    app.patch(&path, Some(&author.token), json!({"body": ""})).await.expect(422);
    app.patch(&path, Some(&author.token), json!({"author_name": "Jiný"})).await.expect(400);
    // Members cannot moderate, not even their own comment.
    app.patch(&path, Some(&author.token), json!({"status": "hidden", "moderation_reason": "x"})).await.expect(403);
    let stale = app.patch_if(&path, Some(&author.token), "\"1\"", json!({"body": "Starý"})).await;
    stale.expect(412);
    assert_eq!(app.get(&path, None).await.json()["body"], "Opravený text");

    app.delete(&path, Some(&other.token)).await.expect(403);
    app.delete(&path, None).await.expect(401);
    // Staff hide other people's consultation comments rather than delete them.
    app.delete(&path, Some(&k.coordinator.token)).await.expect(409);
    app.delete_if(&path, Some(&author.token), "\"1\"").await.expect(412);
    app.delete(&path, Some(&author.token)).await.expect(204);
    app.get(&path, Some(&author.token)).await.expect(404);
    let audit = app.get(&format!("/audit?entity_type=comment&entity_id={id}"), Some(&k.coordinator.token)).await.expect(200);
    let actions: Vec<&str> = items(&audit).iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["delete", "update", "create"]);

    // Once the consultation has closed, a consultation comment is part of the record.
    let kept = app.create_comment(Some(&author.token), on("plan", &k.plan, "Formální připomínka")).await;
    let duplicate = app.create_comment(Some(&author.token), on("goal", &k.goal, "Omylem podruhé")).await;
    app.pass_deadline(&k.plan, 1).await;
    let late = app.create_comment(Some(&author.token), on("goal", &k.goal, "Po termínu")).await;
    let problem = app.delete(&format!("/comments/{kept}"), Some(&author.token)).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("record"));
    app.patch(&format!("/comments/{kept}"), Some(&author.token), json!({"body": "Změna po termínu"})).await.expect(409);
    // Comments outside the register stay the author's to change.
    app.patch(&format!("/comments/{late}"), Some(&author.token), json!({"body": "Upraveno"})).await.expect(200);
    app.delete(&format!("/comments/{late}"), Some(&author.token)).await.expect(204);
    // Staff do not delete someone else's consultation comment, even a duplicate: they hide it,
    // and it stays in the register.
    let c = Some(k.coordinator.token.as_str());
    let problem = app.delete(&format!("/comments/{duplicate}"), c).await.expect(409);
    assert!(problem["detail"].as_str().unwrap().contains("hide it"));
    assert_eq!(problem["code"], "public_record");
    app.hide(&duplicate, c, "Duplicitní připomínka").await;
    let register = app.register(&k.plan, c).await.expect(200);
    let listed: Vec<&str> = items(&register).iter().map(|e| e["comment_id"].as_str().unwrap()).collect();
    assert_eq!(listed, [kept.as_str(), duplicate.as_str()]);
    assert_eq!(register["counts"]["unsettled"], 2);
});

both!(moderation_hides_and_restores, |app| async move {
    let k = app.open_consultation().await;
    let member = app.member().await;
    let id = app.create_comment(None, anonymous("plan", &k.plan, "Urážlivý text", "Troll", Some("troll@example.cz"))).await;
    let path = format!("/comments/{id}");
    let c = Some(k.coordinator.token.as_str());

    let problem = app.patch(&path, c, json!({"status": "hidden"})).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "moderation_reason");
    app.patch(&path, c, json!({"status": "hidden", "moderation_reason": "  "})).await.expect(422);
    app.patch(&path, c, json!({"moderation_reason": "bez stavu"})).await.expect(422);
    app.patch(&path, Some(&member.token), json!({"status": "hidden", "moderation_reason": "Nelíbí"})).await.expect(403);
    let hidden = app.patch(&path, c, json!({"status": "hidden", "moderation_reason": "Vulgarismy"})).await.expect(200);
    assert_eq!(hidden["status"], "hidden");
    assert_eq!(hidden["moderation_reason"], "Vulgarismy");

    // Gone for the public and for members; present for staff.
    app.get(&path, None).await.expect(404);
    app.get(&path, Some(&member.token)).await.expect(404);
    assert!(ids(&app.get("/comments", None).await.expect(200)).is_empty());
    assert!(ids(&app.get("/comments?status=hidden", Some(&member.token)).await.expect(200)).is_empty());
    assert_eq!(app.get(&path, c).await.expect(200)["moderation_reason"], "Vulgarismy");
    assert_eq!(ids(&app.get("/comments?status=hidden", c).await.expect(200)), [id.as_str()]);
    // A hidden comment cannot be answered by the public.
    let reply = reply_to(&id, anonymous("plan", &k.plan, "Odpověď", "Jana", None));
    app.post_comment(None, reply).await.expect(422);

    // It stays in the register: counted, its text withheld from the public, whole for staff.
    let public = app.register(&k.plan, None).await.expect(200);
    assert_eq!(public["counts"]["total"], 1);
    assert_eq!(public["items"][0]["status"], "hidden");
    assert!(public["items"][0]["body"].is_null());
    assert!(public["items"][0].get("moderation_reason").is_none());
    let staff = app.register(&k.plan, c).await.expect(200);
    assert_eq!(staff["items"][0]["body"], "Urážlivý text");
    assert_eq!(staff["items"][0]["moderation_reason"], "Vulgarismy");

    let restored = app.patch(&path, c, json!({"status": "published", "moderation_reason": "Po přezkoumání v pořádku"})).await.expect(200);
    assert_eq!(restored["status"], "published");
    let public = app.get(&path, None).await.expect(200);
    assert_eq!(public["body"], "Urážlivý text");
    assert!(public.get("moderation_reason").is_none(), "moderation reasons are for staff only");
    let audit = app.get(&format!("/audit?entity_type=comment&entity_id={id}&action=moderate"), c).await.expect(200);
    assert_eq!(items(&audit).len(), 2);
});

both!(staff_enter_comments_received_on_paper, |app| async move {
    let k = app.open_consultation().await;
    let c = Some(k.coordinator.token.as_str());
    let received = (api::clock::today() - Duration::days(3)).to_string();
    let mut paper = anonymous("measure", &k.measure, "Dopis: žádáme rozšíření služby.", "Obec Větřní", Some("podatelna@vetrni.example.cz"));
    paper["channel"] = json!("paper");
    paper["received_on"] = json!(received);
    let entered = app.post_comment(c, paper.clone()).await.expect(201);
    assert_eq!(entered["author"], json!({"id": null, "display_name": "Obec Větřní"}), "the submitter, not the coordinator");
    assert_eq!(entered["author_email"], "podatelna@vetrni.example.cz");
    assert_eq!(entered["channel"], "paper");
    assert_eq!(entered["received_on"], received.as_str());
    assert_eq!(entered["is_consultation"], true);
    let id = entered["id"].as_str().unwrap();
    // The coordinator may correct the transcription.
    app.patch(&format!("/comments/{id}"), c, json!({"body": "Dopis: žádáme rozšíření služby na víkendy."})).await.expect(200);

    // The submitter's name is required; the day received cannot be in the future.
    let mut nameless = paper.clone();
    nameless.as_object_mut().unwrap().remove("author_name");
    assert_eq!(app.post_comment(c, nameless).await.expect(422)["errors"][0]["field"], "author_name");
    let mut future = paper.clone();
    future["received_on"] = json!((api::clock::today() + Duration::days(1)).to_string());
    assert_eq!(app.post_comment(c, future).await.expect(422)["errors"][0]["field"], "received_on");
    let mut bad_channel = paper.clone();
    bad_channel["channel"] = json!("pigeon");
    assert_eq!(app.post_comment(c, bad_channel).await.expect(422)["errors"][0]["field"], "channel");

    // After the deadline: received before it still joins the register; received after it does not.
    app.pass_deadline(&k.plan, 2).await;
    let mut in_time = paper.clone();
    in_time["channel"] = json!("meeting");
    in_time["author_name"] = json!("Veřejné projednání 12. 5.");
    assert_eq!(app.post_comment(c, in_time).await.expect(201)["is_consultation"], true);
    let mut late = paper.clone();
    late["channel"] = json!("email");
    // Received today in Prague is never in the future, whatever day it is in UTC.
    late["received_on"] = json!(api::clock::today().to_string());
    assert_eq!(app.post_comment(c, late).await.expect(201)["is_consultation"], false);
    let report = app.register(&k.plan, c).await.expect(200);
    let channels: Vec<&str> = items(&report).iter().map(|e| e["channel"].as_str().unwrap()).collect();
    assert_eq!(channels, ["paper", "meeting"]);
});

both!(filters_and_pages_in_creation_order, |app| async move {
    let k = app.open_consultation().await;
    let member = app.member().await;
    let t = Some(member.token.as_str());
    let a = app.create_comment(t, on("plan", &k.plan, "A")).await;
    let b = app.create_comment(t, on("goal", &k.goal, "B")).await;
    let draft = app.plan(&k.coordinator).await;
    let on_draft = app.create_comment(t, on("plan", &draft, "C")).await;
    let d = app.create_comment(t, on("measure", &k.measure, "D")).await;

    assert_eq!(ids(&app.get("/comments", t).await.expect(200)), [&*a, &b, &on_draft, &d]);
    assert_eq!(ids(&app.get("/comments", None).await.expect(200)), [&*a, &b, &d], "comments on drafts are not public");
    assert_eq!(ids(&app.get(&format!("/comments?target_type=goal&target_id={}", k.goal), None).await.expect(200)), [&*b]);
    assert_eq!(ids(&app.get(&format!("/comments?plan_id={draft}"), None).await.expect(200)), Vec::<String>::new());
    assert_eq!(ids(&app.get("/comments?is_consultation=false", t).await.expect(200)), [&*on_draft]);
    assert_eq!(ids(&app.get(&format!("/comments?plan_id={}&settled=false", k.plan), t).await.expect(200)), [&*a, &b, &d]);
    app.get(&format!("/comments/{on_draft}"), None).await.expect(404);

    let first = app.get("/comments?limit=2", t).await.expect(200);
    assert_eq!(ids(&first), [&*a, &b]);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app.get(&format!("/comments?limit=2&cursor={cursor}"), t).await.expect(200);
    assert_eq!(ids(&second), [&*on_draft, &d]);
    assert!(second["next_cursor"].is_null());
    app.get("/comments?target_type=poster", None).await.expect(400);
    app.get("/comments/not-a-uuid", None).await.expect(400);
    app.get(&format!("/comments/{}", Uuid::now_v7()), None).await.expect(404);
});

both!(anonymous_floods_are_rate_limited, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.limits.anonymous_comments_per_address = 3).await;
    let k = app.open_consultation().await;
    for i in 0..3 {
        app.post_comment(None, anonymous("plan", &k.plan, &format!("Připomínka {i}"), "Jana", None)).await.expect(201);
    }
    let limited = app.post_comment(None, anonymous("plan", &k.plan, "Další", "Jana", None)).await;
    limited.expect(429);
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=600).contains(&retry), "{retry}");
    assert_eq!(items(&app.get("/comments", None).await.json()).len(), 3);
    // Signed-in members are not limited by the anonymous counter.
    let member = app.member().await;
    app.post_comment(Some(&member.token), on("plan", &k.plan, "Člen")).await.expect(201);
});

// Signed-in people have their own bound on writes (per account, by session or API key alike), so a
// member cannot post hundreds of comments a second; reads are not counted.
both!(signed_in_writes_are_rate_limited, |app| async move {
    // The coordinator setting up the consultation writes four times.
    let app = spawn_app_with(app.backend, |c| c.limits.writes_per_account = 4).await;
    let k = app.open_consultation().await;
    let member = app.member().await;
    let t = Some(member.token.as_str());
    for i in 0..4 {
        app.post_comment(t, on("plan", &k.plan, &format!("Připomínka {i}"))).await.expect(201);
    }
    let limited = app.post_comment(t, on("plan", &k.plan, "Další")).await;
    limited.expect(429);
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // Any write counts; reading goes on.
    app.patch("/me", t, json!({"display_name": "Jiné jméno"})).await.expect(429);
    app.get("/comments", t).await.expect(200);
    // Other people are not held back by this one.
    let other = app.member().await;
    app.post_comment(Some(&other.token), on("plan", &k.plan, "Jiný člen")).await.expect(201);
    app.post_comment(None, anonymous("plan", &k.plan, "Veřejnost", "Jana", None)).await.expect(201);
    assert_eq!(items(&app.get("/comments", None).await.json()).len(), 6);
});
