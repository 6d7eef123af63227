//! Accounts: who manages whom (only admins touch admins), deactivation, validation, duplicates,
//! filters, the own profile (`/me`) and its mass-assignment guard, the first admin.
use entity::{audit_event, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

fn new_user(role: &str) -> Value {
    json!({"email": format!("{role}-{}@obec.example.cz", Uuid::now_v7().simple()), "display_name": "Petr Novák", "role": role, "password": PASSWORD})
}

fn path(user: &Value) -> String {
    format!("/users/{}", user["id"].as_str().unwrap())
}

fn assert_no_secret(answer: &Answer) {
    assert!(!answer.text.contains("password") && !answer.text.contains("$argon2"), "{}", answer.text);
}

async fn actions_on(app: &TestApp, id: &str) -> Vec<String> {
    audit_event::Entity::find()
        .filter(audit_event::Column::EntityId.eq(id.parse::<Uuid>().unwrap()))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

both!(coordinator_manages_member_accounts, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let answer = app.post("/users", t, new_user("member")).await;
    let user = answer.expect(201);
    assert_no_secret(&answer);
    let id = user["id"].as_str().unwrap();
    assert_eq!(answer.header("location").unwrap(), format!("/api/v1/users/{id}"));
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    assert_eq!((user["role"].as_str(), user["is_active"].as_bool(), user["version"].as_i64()), (Some("member"), Some(true), Some(1)));

    let read = app.get(&path(&user), t).await;
    assert_eq!(read.expect(200)["email"], user["email"]);
    assert_no_secret(&read);
    let renamed = app.patch(&path(&user), t, json!({"display_name": " Petr Dvořák "})).await.expect(200);
    assert_eq!((renamed["display_name"].as_str(), renamed["version"].as_i64()), (Some("Petr Dvořák"), Some(2)));
    app.patch_if(&path(&user), t, "\"1\"", json!({"display_name": "X"})).await.expect(412);
    // Coordinators may make coordinators.
    assert_eq!(app.patch(&path(&user), t, json!({"role": "coordinator"})).await.expect(200)["role"], "coordinator");

    app.delete_if(&path(&user), t, "\"1\"").await.expect(412);
    app.delete(&path(&user), t).await.expect(204);
    let kept = app.get(&path(&user), t).await.expect(200);
    assert_eq!(kept["is_active"], false, "deactivated, not deleted");
    app.delete(&path(&user), t).await.expect(204);
    assert_eq!(app.patch(&path(&user), t, json!({"is_active": true})).await.expect(200)["is_active"], true);
    assert_eq!(actions_on(&app, id).await, ["create", "update", "role_change", "deactivate", "reactivate"]);
    app.get(&format!("/users/{}", Uuid::now_v7()), t).await.expect(404);
    app.delete(&format!("/users/{}", Uuid::now_v7()), t).await.expect(404);
    app.get("/users/not-a-uuid", t).await.expect(400);
});

both!(invalid_and_duplicate_accounts_are_refused, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let field = |problem: Value| problem["errors"][0]["field"].as_str().unwrap().to_string();
    let mut body = new_user("member");
    body["password"] = json!("jedenáct zn");
    assert_eq!(field(app.post("/users", t, body.clone()).await.expect(422)), "password");
    body["password"] = json!("x".repeat(257));
    assert_eq!(field(app.post("/users", t, body.clone()).await.expect(422)), "password");
    body["password"] = json!("dvanáct znak");
    body["email"] = json!("not an e-mail");
    assert_eq!(field(app.post("/users", t, body.clone()).await.expect(422)), "email");
    let mut body = new_user("member");
    body["display_name"] = json!("  ");
    assert_eq!(field(app.post("/users", t, body).await.expect(422)), "display_name");
    let mut body = new_user("member");
    body["role"] = json!("superuser");
    assert_eq!(field(app.post("/users", t, body).await.expect(422)), "role");
    let mut body = new_user("member");
    body["password_hash"] = json!("$argon2id$...");
    app.post("/users", t, body).await.expect(400);
    let mut body = new_user("member");
    body["id"] = json!(Uuid::now_v7());
    app.post("/users", t, body).await.expect(400);
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), 1, "only the coordinator exists");

    let first = app
        .post("/users", t, json!({"email": "Eva@Obec.cz", "display_name": "Eva", "role": "member", "password": PASSWORD}))
        .await
        .expect(201);
    app.post("/users", t, json!({"email": "eva@OBEC.CZ", "display_name": "Eva 2", "role": "member", "password": PASSWORD}))
        .await
        .expect(409);
    let second = app.post("/users", t, new_user("member")).await.expect(201);
    let taken = app.patch(&path(&second), t, json!({"email": "EVA@obec.cz"})).await.expect(409);
    assert_eq!((taken["errors"][0]["field"].as_str(), taken["errors"][0]["code"].as_str()), (Some("email"), Some("duplicate")));
    app.patch(&path(&first), t, json!({"email": "EVA@obec.cz"})).await.expect(200);
    app.patch(&path(&first), t, json!({"version": 7})).await.expect(400);
});

both!(only_admins_touch_admins, |app| async move {
    let c = app.coordinator().await;
    let admin = app.admin().await;
    let t = Some(c.token.as_str());
    let admins = || user::Entity::find().filter(user::Column::Role.eq(entity::enums::Role::Admin)).count(&app.db);

    let problem = app.post("/users", t, new_user("admin")).await.expect(403);
    assert!(problem["detail"].as_str().unwrap().contains("admin"));
    assert_eq!(admins().await.unwrap(), 1);
    let member = app.post("/users", t, new_user("member")).await.expect(201);
    app.patch(&path(&member), t, json!({"role": "admin"})).await.expect(403);
    let other_admin = app.post("/users", Some(&admin.token), new_user("admin")).await.expect(201);
    app.patch(&path(&other_admin), t, json!({"display_name": "Převzato"})).await.expect(403);
    app.patch(&path(&other_admin), t, json!({"role": "member"})).await.expect(403);
    app.patch(&path(&other_admin), t, json!({"password": "převzaté heslo 2026"})).await.expect(403);
    app.delete(&path(&other_admin), t).await.expect(403);
    assert_eq!(admins().await.unwrap(), 2);
    app.sign_in(other_admin["email"].as_str().unwrap(), PASSWORD).await.expect(200);
    // A coordinator can still read admin accounts.
    app.get(&path(&other_admin), t).await.expect(200);

    // An admin can do all of it.
    let a = Some(admin.token.as_str());
    assert_eq!(app.patch(&path(&member), a, json!({"role": "admin"})).await.expect(200)["role"], "admin");
    assert_eq!(app.patch(&path(&other_admin), a, json!({"role": "coordinator"})).await.expect(200)["role"], "coordinator");
    app.delete(&path(&member), a).await.expect(204);
});

both!(members_cannot_manage_accounts, |app| async move {
    let member = app.member().await;
    let other = app.member().await;
    let t = Some(member.token.as_str());
    app.get("/users", None).await.expect(401);
    app.get("/users", t).await.expect(403);
    app.post("/users", t, new_user("member")).await.expect(403);
    app.get(&format!("/users/{}", other.id), t).await.expect(403);
    // Unknown ids answer the same 403, so members cannot probe which accounts exist.
    app.get(&format!("/users/{}", Uuid::now_v7()), t).await.expect(403);
    app.patch(&format!("/users/{}", other.id), t, json!({"display_name": "X"})).await.expect(403);
    app.delete(&format!("/users/{}", other.id), t).await.expect(403);
    // Their own account they may read, but not raise.
    assert_eq!(app.get(&format!("/users/{}", member.id), t).await.expect(200)["role"], "member");
    app.patch(&format!("/users/{}", member.id), t, json!({"role": "admin"})).await.expect(403);
    assert_eq!(app.get("/me", t).await.expect(200)["role"], "member");
});

both!(nobody_changes_their_own_role_or_deactivates_themselves, |app| async move {
    let c = app.coordinator().await;
    let admin = app.admin().await;
    let me = |u: &TestUser| format!("/users/{}", u.id);
    app.patch(&me(&c), Some(&c.token), json!({"role": "admin"})).await.expect(403);
    app.patch(&me(&admin), Some(&admin.token), json!({"role": "member"})).await.expect(403);
    app.patch(&me(&admin), Some(&admin.token), json!({"is_active": false})).await.expect(403);
    app.delete(&me(&admin), Some(&admin.token)).await.expect(403);
    app.delete(&me(&c), Some(&c.token)).await.expect(403);
    let same = app.patch(&me(&admin), Some(&admin.token), json!({"role": "admin", "display_name": "Správce"})).await.expect(200);
    assert_eq!((same["role"].as_str(), same["is_active"].as_bool()), (Some("admin"), Some(true)));
});

both!(staff_set_a_forgotten_password, |app| async move {
    let user = app.account("member").await;
    let email = user["email"].as_str().unwrap();
    let (_, token) = app.session(email).await;
    let c = app.coordinator().await;
    app.patch(&path(&user), Some(&c.token), json!({"password": "krátké"})).await.expect(422);
    let answer = app.patch(&path(&user), Some(&c.token), json!({"password": "nové dočasné heslo 1"})).await;
    answer.expect(200);
    assert_no_secret(&answer);
    app.refresh(&token).await.expect(401);
    app.sign_in(email, PASSWORD).await.expect(401);
    app.sign_in(email, "nové dočasné heslo 1").await.expect(200);
    assert!(actions_on(&app, user["id"].as_str().unwrap()).await.contains(&"password_reset".to_string()));

    // A fellow coordinator's credentials are an admin's to reset, or a takeover would be one PATCH away.
    let peer = app.account("coordinator").await;
    let t = Some(c.token.as_str());
    app.patch(&path(&peer), t, json!({"password": "převzaté heslo 2026"})).await.expect(403);
    app.patch(&path(&peer), t, json!({"email": "utocnik@example.cz"})).await.expect(403);
    app.patch(&path(&peer), t, json!({"display_name": "Kolegyně z odboru"})).await.expect(200);
    app.sign_in(peer["email"].as_str().unwrap(), PASSWORD).await.expect(200);
    let admin = app.admin().await;
    app.patch(&path(&peer), Some(&admin.token), json!({"password": "nové dočasné heslo 2"})).await.expect(200);
});

// A coordinator who could demote a peer, set the password and promote them back would own the peer's
// account in three requests: only an admin changes a staff account's role, in any order of requests.
both!(a_coordinator_cannot_take_over_a_peer_in_steps, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let peer = app.account("coordinator").await;
    let problem = app.patch(&path(&peer), t, json!({"role": "member"})).await.expect(403);
    assert!(problem["detail"].as_str().unwrap().contains("role"), "{problem}");
    app.patch(&path(&peer), t, json!({"role": "member", "password": "převzaté heslo 2026"})).await.expect(403);
    app.patch(&path(&peer), t, json!({"password": "převzaté heslo 2026"})).await.expect(403);
    let read = app.get(&path(&peer), t).await.expect(200);
    assert_eq!((read["role"].as_str(), read["version"].as_i64()), (Some("coordinator"), Some(1)));
    app.sign_in(peer["email"].as_str().unwrap(), PASSWORD).await.expect(200);
    // An admin still demotes, and a coordinator then manages the member as any other.
    let admin = app.admin().await;
    app.patch(&path(&peer), Some(&admin.token), json!({"role": "member"})).await.expect(200);
    app.patch(&path(&peer), t, json!({"display_name": "Bývalá kolegyně"})).await.expect(200);
});

// An integration key that leaks must not be a way into accounts: neither scope reads or manages them.
both!(api_keys_cannot_read_or_manage_accounts, |app| async move {
    for owner in [app.coordinator().await, app.admin().await] {
        let read = app.create_key(&owner.token, json!(["read"])).await.secret;
        let write = app.create_key(&owner.token, json!(["read", "write"])).await.secret;
        let victim = app.account("member").await;
        let peer = app.account("coordinator").await;
        for k in [&read, &write] {
            let problem = app.get("/users", Some(k)).await.expect(403);
            assert!(problem["detail"].as_str().unwrap().contains("API key"), "{problem}");
            assert!(!app.get("/users", Some(k)).await.text.contains(victim["email"].as_str().unwrap()));
            app.get(&path(&victim), Some(k)).await.expect(403);
            app.get(&format!("/users/{}", owner.id), Some(k)).await.expect(403);
        }
        let k = Some(write.as_str());
        app.patch(&path(&victim), k, json!({"password": "převzaté heslo 2026"})).await.expect(403);
        app.patch(&path(&victim), k, json!({"email": "utocnik@example.cz"})).await.expect(403);
        app.patch(&path(&peer), k, json!({"role": "member"})).await.expect(403);
        app.post("/users", k, new_user("coordinator")).await.expect(403);
        app.post("/users", k, new_user("admin")).await.expect(403);
        app.delete(&path(&victim), k).await.expect(403);
        app.post("/me/password", k, json!({"current_password": PASSWORD, "new_password": "jiné heslo 2026 x"})).await.expect(403);
        app.patch("/me", k, json!({"display_name": "Klíč"})).await.expect(403);
        // Nothing changed: the victim still signs in with their password and is active.
        app.sign_in(victim["email"].as_str().unwrap(), PASSWORD).await.expect(200);
        assert_eq!(app.get(&path(&victim), Some(&owner.token)).await.expect(200)["version"], 1);
        // The key still reads its owner's own profile.
        assert_eq!(app.get("/me", Some(&read)).await.expect(200)["id"], json!(owner.id));
    }
});

both!(list_filters_and_pages, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    for (email, name, role) in [
        ("jana.novakova@obec.cz", "Jana Nováková", "member"),
        ("petr@obec.cz", "Petr NOVÁK", "coordinator"),
        ("eva@obec.cz", "Eva Svobodová", "member"),
        ("100%@obec.cz", "Sto procent", "member"),
    ] {
        app.post("/users", t, json!({"email": email, "display_name": name, "role": role, "password": PASSWORD})).await.expect(201);
    }
    let eva = app.get("/users?q=eva@", t).await.expect(200)["items"][0].clone();
    app.delete(&path(&eva), t).await.expect(204);

    let emails = |page: Value| -> Vec<String> { items(&page).iter().map(|u| u["email"].as_str().unwrap().to_string()).collect() };
    assert_eq!(emails(app.get("/users?role=coordinator", t).await.expect(200)), ["petr@obec.cz"]);
    assert_eq!(emails(app.get("/users?is_active=false", t).await.expect(200)), ["eva@obec.cz"]);
    // Matched as search matches: any case, with or without accents, the last word a prefix.
    assert_eq!(emails(app.get("/users?q=NOVAK", t).await.expect(200)), ["jana.novakova@obec.cz", "petr@obec.cz"]);
    assert_eq!(emails(app.get("/users?q=novák", t).await.expect(200)), ["jana.novakova@obec.cz", "petr@obec.cz"]);
    assert_eq!(emails(app.get("/users?q=jana%20nov", t).await.expect(200)), ["jana.novakova@obec.cz"]);
    assert!(emails(app.get("/users?q=ovak", t).await.expect(200)).is_empty(), "a word's start, not any part of it");
    assert_eq!(emails(app.get("/users?q=procent", t).await.expect(200)), ["100%@obec.cz"]);
    // Signs are not words, and `%` and `_` are no wildcards.
    assert!(emails(app.get("/users?q=%25", t).await.expect(200)).is_empty());
    assert!(emails(app.get("/users?q=_", t).await.expect(200)).is_empty());
    assert_eq!(emails(app.get("/users?role=member&is_active=true", t).await.expect(200)).len(), 2);
    app.get("/users?role=king", t).await.expect(400);

    let page = app.get("/users?limit=2", t).await.expect(200);
    assert_eq!(items(&page).len(), 2);
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest = app.get(&format!("/users?limit=10&cursor={cursor}"), t).await;
    assert_no_secret(&rest);
    assert_eq!(items(&rest.expect(200)).len(), 3, "5 accounts in all");
});

both!(me_reads_and_edits_own_profile_only, |app| async move {
    let user = app.account("member").await;
    let (access, _) = app.session(user["email"].as_str().unwrap()).await;
    let t = Some(access.as_str());
    let me = app.get("/me", t).await;
    assert_eq!(me.expect(200)["id"], user["id"]);
    assert_eq!(me.header("etag").as_deref(), Some("\"1\""));
    assert_no_secret(&me);
    app.get("/me", None).await.expect(401);

    for forbidden in [
        json!({"role": "admin"}),
        json!({"is_active": true}),
        json!({"id": Uuid::now_v7()}),
        json!({"version": 9}),
        json!({"password": "nové heslo bez ověření"}),
        json!({"display_name": "Ok", "role": "coordinator"}),
    ] {
        app.patch("/me", t, forbidden.clone()).await.expect(400);
    }
    let unchanged = app.get("/me", t).await.expect(200);
    assert_eq!((unchanged["role"].as_str(), unchanged["version"].as_i64()), (Some("member"), Some(1)));

    // A new e-mail waits for the link sent to it (tests/api/email_change.rs); the name changes at once.
    let updated = app.patch("/me", t, json!({"display_name": "Jana N.", "email": "Jana.Nova@Obec.cz"})).await.expect(200);
    assert_eq!((updated["display_name"].as_str(), updated["email"].as_str()), (Some("Jana N."), user["email"].as_str()));
    app.patch_if("/me", t, "\"1\"", json!({"display_name": "X"})).await.expect(412);
    app.patch("/me", t, json!({"email": "nope"})).await.expect(422);
    // Another account's address is answered like any other: the answer tells nobody it is taken.
    let other = app.account("member").await;
    let taken = app.patch("/me", t, json!({"email": other["email"]})).await.expect(200);
    assert_eq!(taken["email"], user["email"]);
    app.sign_in(user["email"].as_str().unwrap(), PASSWORD).await.expect(200);
    app.sign_in("jana.nova@obec.cz", PASSWORD).await.expect(401);

    // API keys read the profile but cannot change it.
    let key = app.create_key(&access, json!(["read", "write"])).await.secret;
    let key = key.as_str();
    assert_eq!(app.get("/me", Some(key)).await.expect(200)["id"], user["id"]);
    app.patch("/me", Some(key), json!({"display_name": "Klíč"})).await.expect(403);
    app.post("/me/password", Some(key), json!({"current_password": PASSWORD, "new_password": "klíčem nastavené heslo"})).await.expect(403);
});

both!(first_admin_is_created_at_start_up_once, |app| async move {
    let app = spawn_app_with(app.backend, |c| {
        c.admin_email = Some(" Spravce@Obec.example.CZ ".into());
        c.admin_password = Some("heslo správce 2026".into());
    })
    .await;
    let pair = app.sign_in("spravce@obec.example.cz", "heslo správce 2026").await.expect(200);
    assert_eq!(pair["user"]["role"], "admin");
    let hasher = api::credentials::passwords::PasswordHasher::default();
    let mut config = test_config("unused".into());
    config.admin_email = Some("SPRAVCE@obec.example.cz".into());
    config.admin_password = Some("jiné heslo správce 2026".into());
    api::users::service::bootstrap_admin(&app.db, &config, &hasher).await.unwrap();
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), 1, "an existing admin is left alone");
    app.sign_in("spravce@obec.example.cz", "heslo správce 2026").await.expect(200);

    config.admin_email = Some("druhy@obec.example.cz".into());
    config.admin_password = Some("krátké".into());
    let error = api::users::service::bootstrap_admin(&app.db, &config, &hasher).await.unwrap_err().to_string();
    assert!(error.contains("password") && !error.contains("krátké"), "{error}");
    // Long enough but easy to guess, or made of the account's own e-mail: refused at start-up too.
    for weak in ["passwordpassword", "druhy@obec.example.cz"] {
        config.admin_password = Some(weak.into());
        let error = api::users::service::bootstrap_admin(&app.db, &config, &hasher).await.unwrap_err().to_string();
        assert!(error.contains("too easy to guess") && !error.contains(weak), "{error}");
    }
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), 1);
});

// Length alone let `aaaaaaaaaaaa` and `passwordpassword` through; zxcvbn now judges every password
// that is set, with the person's e-mail and name as words an attacker tries first.
both!(weak_passwords_are_refused_wherever_one_is_set, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let weak = |answer: Answer, field: &str| {
        let problem = answer.expect(422);
        assert_eq!(
            (problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()),
            (Some(field), Some("weak_password")),
            "{problem}"
        );
    };
    let body =
        |email: &str, password: &str| json!({"email": email, "display_name": "Jana Nováková", "role": "member", "password": password});
    for password in ["aaaaaaaaaaaa", "passwordpassword", "123456789012", "jana.novakova1", "JanaNovakova12"] {
        weak(app.post("/users", t, body("jana.novakova@obec.cz", password)).await, "password");
    }
    let jana = app.post("/users", t, body("jana.novakova@obec.cz", PASSWORD)).await.expect(201);
    for password in ["passwordpassword", "jananovakova2026"] {
        weak(app.patch(&path(&jana), t, json!({"password": password})).await, "password");
    }
    // A new name counts as soon as it is given.
    weak(app.patch(&path(&jana), t, json!({"display_name": "Květoslava Zelenohorská", "password": "Zelenohorská2026"})).await, "password");
    let (token, _) = app.session("jana.novakova@obec.cz").await;
    let change = |new: &str| json!({"current_password": PASSWORD, "new_password": new});
    weak(app.post("/me/password", Some(&token), change("qwertyuiopasdf")).await, "new_password");
    weak(app.post("/me/password", Some(&token), change("Nováková2026!")).await, "new_password");
    // Nothing was changed by the refusals; a strong password is still taken.
    app.sign_in("jana.novakova@obec.cz", PASSWORD).await.expect(200);
    app.post("/me/password", Some(&token), change("kobyla má malý bok a zelený vůz")).await.expect(204);
});
