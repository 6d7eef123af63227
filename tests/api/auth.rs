//! Sign-in, tokens and sessions: login, identical failures, forged tokens, refresh rotation and
//! reuse, logout, password change, deactivation, abuse limits, secrets kept out of the audit trail.
use chrono::{Duration, Utc};
use entity::{audit_event, refresh_token};
use jsonwebtoken::{EncodingKey, Header, encode};
use reqwest::Method;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

fn email_of(user: &Value) -> String {
    user["email"].as_str().unwrap().to_string()
}

async fn audit_events(app: &TestApp, action: &str) -> Vec<audit_event::Model> {
    audit_event::Entity::find().filter(audit_event::Column::Action.eq(action)).all(&app.db).await.unwrap()
}

both!(login_gives_tokens_that_work, |app| async move {
    let user = app.account("member").await;
    let answer = app.sign_in(&email_of(&user), PASSWORD).await;
    let pair = answer.expect(200);
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
    assert_eq!(pair["token_type"], "Bearer");
    assert_eq!(pair["expires_in"], 900);
    assert_eq!(pair["user"]["id"], user["id"]);
    assert_eq!(pair["user"]["role"], "member");
    assert!(pair["refresh_token"].as_str().unwrap().len() >= 43);
    assert!(!answer.text.contains("password") && !answer.text.contains("$argon2"), "{}", answer.text);

    let access = pair["access_token"].as_str().unwrap();
    let me = app.get("/me", Some(access)).await.expect(200);
    assert_eq!(me["id"], user["id"]);
    app.get("/plans", Some(access)).await.expect(200);

    let logins = audit_events(&app, "login").await;
    assert_eq!(logins.len(), 1);
    assert_eq!(logins[0].actor_id.map(|id| id.to_string()).as_deref(), user["id"].as_str());
    assert_eq!(logins[0].entity_type, "session");
});

both!(wrong_password_and_unknown_email_answer_alike, |app| async move {
    let user = app.account("member").await;
    let wrong = app.sign_in(&email_of(&user), "úplně jiné heslo 123").await;
    let unknown = app.sign_in("nikdo@obec.example.cz", PASSWORD).await;
    let (a, b) = (wrong.expect(401), unknown.expect(401));
    assert_eq!(a, b, "the answers must not tell which e-mails have accounts");
    assert_eq!(a["detail"], "the e-mail or password is wrong");
    assert_eq!(wrong.header("www-authenticate"), unknown.header("www-authenticate"));
    assert!(wrong.header("www-authenticate").unwrap().starts_with("Bearer"));

    // Both failures are in the audit trail, anonymous, with the reason and without the password.
    let failures = audit_events(&app, "login_failed").await;
    assert_eq!(failures.len(), 2);
    let reasons: Vec<&Value> = failures.iter().map(|f| &f.changes.0["reason"]).collect();
    assert!(reasons.contains(&&json!("wrong_password")) && reasons.contains(&&json!("unknown_email")), "{reasons:?}");
    for failure in &failures {
        assert_eq!(failure.actor_id, None);
        assert_eq!(failure.entity_type, "session");
        let text = format!("{:?}", failure.changes);
        assert!(!text.contains("úplně jiné heslo") && !text.contains(PASSWORD), "{text}");
    }

    // An absurdly long e-mail is just another failure, kept short in the trail.
    let long = format!("{}@obec.example.cz", "a".repeat(100_000));
    assert_eq!(app.sign_in(&long, PASSWORD).await.expect(401), a);
    let failures = audit_events(&app, "login_failed").await;
    assert!(failures.iter().all(|f| f.changes.0["email"].as_str().unwrap().len() <= 254));

    // Incomplete or malformed bodies are 422 or 400, not a sign-in attempt.
    assert_eq!(app.post("/auth/login", None, json!({"email": "a@b.cz"})).await.expect(422)["errors"][0]["field"], "password");
    app.post("/auth/login", None, json!({"email": "a@b.cz", "password": "x", "role": "admin"})).await.expect(400);
});

both!(email_is_case_insensitive, |app| async move {
    let admin = app.admin().await;
    let created = app
        .post(
            "/users",
            Some(&admin.token),
            json!({"email": " Jana.Novakova@Obec.Example.CZ ", "display_name": "Jana", "role": "member", "password": PASSWORD}),
        )
        .await
        .expect(201);
    assert_eq!(created["email"], "jana.novakova@obec.example.cz");
    app.sign_in("JANA.NOVAKOVA@obec.example.cz", PASSWORD).await.expect(200);
    app.sign_in("  jana.novakova@OBEC.example.cz", PASSWORD).await.expect(200);
});

both!(deactivated_user_cannot_sign_in_and_their_tokens_stop, |app| async move {
    let user = app.account("member").await;
    let email = email_of(&user);
    let (access, refresh_token) = app.session(&email).await;
    let coordinator = app.coordinator().await;
    app.delete(&format!("/users/{}", user["id"].as_str().unwrap()), Some(&coordinator.token)).await.expect(204);

    app.get("/me", Some(&access)).await.expect(401);
    app.get("/plans", Some(&access)).await.expect(401);
    app.refresh(&refresh_token).await.expect(401);
    // The right password gets exactly the answer of a wrong one.
    let right = app.sign_in(&email, PASSWORD).await.expect(401);
    let wrong = app.sign_in(&email, "nesprávné heslo 99").await.expect(401);
    assert_eq!(right, wrong);
    assert!(audit_events(&app, "login_failed").await.iter().any(|f| f.changes.0["reason"] == "deactivated"));
});

/// An access token with these claims, signed with `secret`.
fn forge(claims: &Value, secret: &[u8]) -> String {
    encode(&Header::new(jsonwebtoken::Algorithm::HS256), claims, &EncodingKey::from_secret(secret)).unwrap()
}

fn claims(user: &TestUser) -> Value {
    let now = Utc::now().timestamp();
    json!({"sub": user.id, "sid": user.session, "iat": now, "exp": now + 600, "iss": "spoluplan", "aud": "spoluplan-api"})
}

both!(forged_tokens_are_refused, |app| async move {
    let member = app.member().await;
    let admin = app.admin().await;
    // The forging itself is right: with the right claims and secret the token works.
    app.get("/me", Some(&forge(&claims(&member), JWT_SECRET))).await.expect(200);
    let mut started = claims(&member);
    started["nbf"] = json!(Utc::now().timestamp() - 60);
    app.get("/me", Some(&forge(&started, JWT_SECRET))).await.expect(200);

    let mut refused = Vec::new();
    // Tampered: the admin's claims under the member's signature.
    let (m, a): (Vec<&str>, Vec<&str>) = (member.token.split('.').collect(), admin.token.split('.').collect());
    refused.push(("tampered payload", format!("{}.{}.{}", m[0], a[1], m[2])));
    let mut signature = m[2].to_string();
    let first = if signature.starts_with('A') { "B" } else { "A" };
    signature.replace_range(..1, first);
    refused.push(("tampered signature", format!("{}.{}.{signature}", m[0], m[1])));
    // Unsigned: `alg: none` with the member's valid claims.
    refused.push(("alg none", format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", m[1])));
    let mut expired = claims(&member);
    expired["iat"] = json!(Utc::now().timestamp() - 7200);
    expired["exp"] = json!(Utc::now().timestamp() - 3600);
    refused.push(("expired", forge(&expired, JWT_SECRET)));
    let mut audience = claims(&member);
    audience["aud"] = json!("another-api");
    refused.push(("wrong audience", forge(&audience, JWT_SECRET)));
    let mut issuer = claims(&member);
    issuer["iss"] = json!("someone-else");
    refused.push(("wrong issuer", forge(&issuer, JWT_SECRET)));
    let mut no_exp = claims(&member);
    no_exp.as_object_mut().unwrap().remove("exp");
    refused.push(("no expiry", forge(&no_exp, JWT_SECRET)));
    refused.push(("other secret", forge(&claims(&member), b"another-secret-another-secret-another-secret")));
    let mut ghost = claims(&member);
    ghost["sub"] = json!(Uuid::now_v7());
    refused.push(("unknown user", forge(&ghost, JWT_SECRET)));
    // Signed with the right secret, but for no session, or for someone else's: a token stands only
    // for the live session it was issued in, to the person who signed in.
    let mut sessionless = claims(&member);
    sessionless["sid"] = json!(Uuid::now_v7());
    refused.push(("unknown session", forge(&sessionless, JWT_SECRET)));
    let mut borrowed = claims(&member);
    borrowed["sub"] = json!(admin.id);
    refused.push(("another person's session", forge(&borrowed, JWT_SECRET)));
    let mut early = claims(&member);
    early["nbf"] = json!(Utc::now().timestamp() + 3600);
    refused.push(("not yet valid", forge(&early, JWT_SECRET)));
    refused.push(("not a JWT", "garbage".into()));
    refused.push(("unknown API key", "spk_unknown".into()));

    for (what, token) in refused {
        let answer = app.get("/me", Some(&token)).await;
        assert_eq!(answer.status.as_u16(), 401, "{what}: {}", answer.text);
        answer.expect(401);
        assert!(answer.header("www-authenticate").is_some(), "{what}");
    }
    // A non-Bearer scheme is refused, never ignored.
    app.send(Method::GET, "/me", None, None, &[("authorization", "Basic YTpi")]).await.expect(401);
});

both!(refresh_rotates_and_reuse_ends_the_session, |app| async move {
    let user = app.account("member").await;
    let email = email_of(&user);
    let (access1, r1) = app.session(&email).await;
    let (_, other_session) = app.session(&email).await;

    let next = app.refresh(&r1).await.expect(200);
    let (access2, r2) = (next["access_token"].as_str().unwrap(), next["refresh_token"].as_str().unwrap());
    assert_ne!(r2, r1);
    assert_eq!(next["user"]["id"], user["id"]);
    app.get("/me", Some(access2)).await.expect(200);
    app.get("/me", Some(&access1)).await.expect(200);

    // Presenting the spent r1 again ends the whole session: r2 dies with it.
    app.refresh(&r1).await.expect(401);
    app.refresh(r2).await.expect(401);
    assert_eq!(audit_events(&app, "refresh_reuse").await.len(), 1);
    // Another session of the same person is untouched.
    app.refresh(&other_session).await.expect(200);

    app.refresh("not-a-token").await.expect(401);
    assert_eq!(app.post("/auth/refresh", None, json!({})).await.expect(422)["errors"][0]["field"], "refresh_token");
});

both!(expired_refresh_token_is_refused, |app| async move {
    let user = app.account("member").await;
    let (_, token) = app.session(&email_of(&user)).await;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::ExpiresAt, Expr::value(Utc::now() - Duration::minutes(1)))
        .exec(&app.db)
        .await
        .unwrap();
    app.refresh(&token).await.expect(401);
    // The person's next sign-in clears their expired tokens; another person's stay until theirs.
    let other = app.account("member").await;
    app.session(&email_of(&other)).await;
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::ExpiresAt, Expr::value(Utc::now() - Duration::minutes(1)))
        .exec(&app.db)
        .await
        .unwrap();
    app.session(&email_of(&user)).await;
    let expired = |id: &str| {
        refresh_token::Entity::find()
            .filter(refresh_token::Column::UserId.eq(id.parse::<Uuid>().unwrap()))
            .filter(refresh_token::Column::ExpiresAt.lt(Utc::now()))
            .count(&app.db)
    };
    assert_eq!(expired(user["id"].as_str().unwrap()).await.unwrap(), 0);
    assert_eq!(expired(other["id"].as_str().unwrap()).await.unwrap(), 1);
});

both!(logout_ends_the_session, |app| async move {
    let user = app.account("member").await;
    let email = email_of(&user);

    let (_, token) = app.session(&email).await;
    app.post("/auth/logout", None, json!({"refresh_token": token})).await.expect(204);
    app.refresh(&token).await.expect(401);
    // Signing out again is harmless.
    app.post("/auth/logout", None, json!({"refresh_token": token})).await.expect(204);

    // With only the access token of the session, and no body at all.
    let (access, token) = app.session(&email).await;
    app.get("/me", Some(&access)).await.expect(200);
    app.send(Method::POST, "/auth/logout", Some(&access), None, &[]).await.expect(204);
    app.refresh(&token).await.expect(401);
    // The access token of an ended session stops at once, not when it expires.
    app.get("/me", Some(&access)).await.expect(401);

    // Nothing identifies a session: 401.
    app.send(Method::POST, "/auth/logout", None, None, &[]).await.expect(401);
    assert_eq!(audit_events(&app, "logout").await.len(), 2);
});

both!(password_change_ends_other_sessions, |app| async move {
    let user = app.account("member").await;
    let email = email_of(&user);
    let (access, mine) = app.session(&email).await;
    let (other_access, other) = app.session(&email).await;
    let new_password = "nové heslo pro léto 2026";

    let wrong = app
        .post("/me/password", Some(&access), json!({"current_password": "to není ono 123", "new_password": new_password}))
        .await
        .expect(422);
    assert_eq!(wrong["errors"][0]["field"], "current_password");
    let short = app.post("/me/password", Some(&access), json!({"current_password": PASSWORD, "new_password": "krátké"})).await.expect(422);
    assert_eq!(short["errors"][0]["field"], "new_password");
    let long = "x".repeat(257);
    app.post("/me/password", Some(&access), json!({"current_password": PASSWORD, "new_password": long})).await.expect(422);
    app.post("/me/password", Some(&access), json!({"current_password": PASSWORD, "new_password": new_password, "role": "admin"}))
        .await
        .expect(400);
    app.post("/me/password", Some(&access), json!({"current_password": PASSWORD, "new_password": new_password})).await.expect(204);
    app.refresh(&other).await.expect(401);
    app.get("/me", Some(&other_access)).await.expect(401);
    app.get("/me", Some(&access)).await.expect(200);
    app.refresh(&mine).await.expect(200);
    app.sign_in(&email, PASSWORD).await.expect(401);
    app.sign_in(&email, new_password).await.expect(200);
    assert_eq!(audit_events(&app, "password_change").await.len(), 1);
    app.post("/me/password", None, json!({"current_password": PASSWORD, "new_password": new_password})).await.expect(401);
});

both!(failed_sign_ins_are_limited, |app| async move {
    let app = spawn_app_with(app.backend, |c| {
        c.limits.login_failures_per_account = 3;
        c.limits.login_failures_per_address = 5;
        c.trust_forwarded_for = true;
    })
    .await;
    let user = app.account("member").await;
    let email = email_of(&user);
    let from = |address: &str, email: &str, password: &str| {
        let body = json!({"email": email, "password": password});
        let (app, address) = (&app, address.to_string());
        async move { app.send(Method::POST, "/auth/login", None, Some(body), &[("x-forwarded-for", &address)]).await }
    };

    // Per account: three failures from different addresses lock it, even for the right password.
    for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
        from(address, &email, "hádám heslo 0000").await.expect(401);
    }
    let limited = from("192.0.2.4", &email.to_uppercase(), PASSWORD).await;
    limited.expect(429);
    let retry: u64 = limited.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    // The refused attempt was not even tried against the hash, so it is not a recorded failure.
    assert_eq!(audit_events(&app, "login_failed").await.len(), 3);

    // Concurrent guesses get no more tries than sequential ones: each is counted before hashing.
    let target = app.account("member").await;
    let target_email = email_of(&target);
    let addresses = ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5", "203.0.113.6"];
    let burst = futures_util::future::join_all(addresses.map(|a| from(a, &target_email, "hádám heslo 0000"))).await;
    let statuses: Vec<u16> = burst.iter().map(|answer| answer.status.as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 3, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 3, "{statuses:?}");

    // Per address: five failures on different (unknown) accounts lock the address.
    for n in 0..5 {
        from("198.51.100.7", &format!("nikdo{n}@obec.example.cz"), "hádám heslo 0000").await.expect(401);
    }
    let other = app.account("member").await;
    from("198.51.100.7", &email_of(&other), PASSWORD).await.expect(429);
    // Only the last X-Forwarded-For entry (the one the trusted proxy added) counts: made-up ones before it don't.
    from("10.1.2.3, 198.51.100.7", &email_of(&other), PASSWORD).await.expect(429);
    // IPv6 clients count by their /64 network.
    for n in 1..=5 {
        from(&format!("2001:db8:1:2::{n}"), &format!("ipv6-{n}@obec.example.cz"), "hádám heslo 0000").await.expect(401);
    }
    from("2001:db8:1:2:ffff::9", &email_of(&other), PASSWORD).await.expect(429);
    from("198.51.100.8", &email_of(&other), PASSWORD).await.expect(200);

    // Wrong current passwords count as failed sign-ins of that account too.
    let (access, _) = app.session(&email_of(&other)).await;
    for _ in 0..3 {
        app.post("/me/password", Some(&access), json!({"current_password": "hádám heslo 0000", "new_password": "nové heslo 2026 léto"}))
            .await
            .expect(422);
    }
    app.post("/me/password", Some(&access), json!({"current_password": PASSWORD, "new_password": "nové heslo 2026 léto"}))
        .await
        .expect(429);
});

both!(no_secret_reaches_the_audit_trail, |app| async move {
    let admin = app.admin().await;
    let email = format!("tajne-{}@obec.example.cz", Uuid::now_v7().simple());
    let first = "první tajné heslo 2026";
    let second = "druhé tajné heslo 2026";
    let guess = "špatné tajné heslo 2026";
    app.post("/users", Some(&admin.token), json!({"email": email, "display_name": "T", "role": "member", "password": first}))
        .await
        .expect(201);
    app.sign_in(&email, guess).await.expect(401);
    let pair = app.sign_in(&email, first).await.expect(200);
    let access = pair["access_token"].as_str().unwrap().to_string();
    let next = app.refresh(pair["refresh_token"].as_str().unwrap()).await.expect(200);
    app.post("/me/password", Some(&access), json!({"current_password": first, "new_password": second})).await.expect(204);
    let Key { id: key, secret } = app.create_key(&access, json!(["read"])).await;
    app.delete(&format!("/api-keys/{key}"), Some(&access)).await.expect(204);
    app.post("/auth/logout", None, json!({"refresh_token": next["refresh_token"]})).await.expect(204);
    let again = app.sign_in(&email, second).await.expect(200);
    let spent = again["refresh_token"].as_str().unwrap();
    let last = app.refresh(spent).await.expect(200);
    app.refresh(spent).await.expect(401);

    let trail = format!("{:?}", audit_event::Entity::find().all(&app.db).await.unwrap());
    for action in ["create", "login_failed", "login", "password_change", "revoke", "logout", "refresh_reuse"] {
        assert!(trail.contains(&format!("action: \"{action}\"")), "{action} missing from the trail");
    }
    let secrets = [
        first,
        second,
        guess,
        &access,
        pair["refresh_token"].as_str().unwrap(),
        next["refresh_token"].as_str().unwrap(),
        spent,
        last["refresh_token"].as_str().unwrap(),
        &secret,
        &secret[4..],
    ];
    for s in secrets {
        assert!(!trail.contains(s), "a secret reached the audit trail: {s}");
    }
});
