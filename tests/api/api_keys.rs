//! API keys: shown once and stored hashed, scopes, revocation, expiry, management only from a
//! session, owners and admins.
use api::credentials::tokens::secret_hash;
use chrono::{Duration, Utc};
use entity::api_key;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

fn plan_body() -> Value {
    json!({"title": "Komunitní plán", "territory": "ORP Písek", "period_start": 2026, "period_end": 2028})
}

both!(key_is_shown_once_and_acts_as_its_owner, |app| async move {
    let c = app.coordinator().await;
    let answer = app
        .post(
            "/api-keys",
            Some(&c.token),
            json!({"name": " Web města ", "scopes": ["write", "read", "read"], "expires_at": "2099-01-01T00:00:00Z"}),
        )
        .await;
    let created = answer.expect(201);
    let (id, secret) = (created["id"].as_str().unwrap(), created["key"].as_str().unwrap());
    assert_eq!(answer.header("location").unwrap(), format!("/api/v1/api-keys/{id}"));
    assert_eq!(answer.header("cache-control").as_deref(), Some("no-store"));
    assert!(secret.starts_with("spk_") && secret.len() >= 4 + 43, "{secret}");
    assert_eq!(created["prefix"].as_str().unwrap(), &secret[..12]);
    assert_eq!(created["name"], "Web města");
    assert_eq!(created["scopes"], json!(["read", "write"]));
    assert_eq!(created["user_id"], json!(c.id));
    assert_eq!(created["expires_at"], "2099-01-01T00:00:00Z");
    assert!(created["last_used_at"].is_null());

    // Stored only as a hash.
    let row = api_key::Entity::find_by_id(id.parse::<Uuid>().unwrap()).one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.key_hash, secret_hash(secret));
    assert!(!format!("{row:?}").contains(&secret[12..]));

    // Listed without the secret.
    let list = app.get("/api-keys", Some(&c.token)).await;
    let items = items(&list.expect(200)).clone();
    assert_eq!(items.len(), 1);
    assert!(items[0].get("key").is_none() && !list.text.contains(&secret[12..]), "{}", list.text);

    // The key acts as its owner.
    assert_eq!(app.get("/me", Some(secret)).await.expect(200)["id"], json!(c.id));
    app.post_plan(Some(secret), plan_body()).await.expect(201);
    let used = app.get("/api-keys", Some(&c.token)).await.expect(200);
    assert!(used["items"][0]["last_used_at"].is_string());
});

both!(scopes_limit_what_a_key_may_do, |app| async move {
    let c = app.coordinator().await;
    let read = app.create_key(&c.token, json!(["read"])).await.secret;
    let write = app.create_key(&c.token, json!(["write"])).await.secret;
    app.get("/plans", Some(&read)).await.expect(200);
    let problem = app.post_plan(Some(&read), plan_body()).await.expect(403);
    assert!(problem["detail"].as_str().unwrap().contains("write"));
    app.post_plan(Some(&write), plan_body()).await.expect(201);
    app.get("/plans", Some(&write)).await.expect(403);
    // A key of a member can do no more than the member.
    let member = app.member().await;
    let member_key = app.create_key(&member.token, json!(["read", "write"])).await.secret;
    app.post_plan(Some(&member_key), plan_body()).await.expect(403);
    app.get("/users", Some(&member_key)).await.expect(403);
});

both!(revoked_and_expired_keys_stop_working, |app| async move {
    let c = app.coordinator().await;
    let Key { id, secret } = app.create_key(&c.token, json!(["read"])).await;
    app.get("/plans", Some(&secret)).await.expect(200);
    app.delete_if(&format!("/api-keys/{id}"), Some(&c.token), "\"7\"").await.expect(412);
    app.delete(&format!("/api-keys/{id}"), Some(&c.token)).await.expect(204);
    let problem = app.get("/plans", Some(&secret)).await.expect(401);
    assert!(problem["detail"].as_str().unwrap().contains("API key"));
    app.delete(&format!("/api-keys/{id}"), Some(&c.token)).await.expect(404);
    assert!(items(&app.get("/api-keys", Some(&c.token)).await.expect(200)).is_empty());

    let Key { id, secret } = app.create_key(&c.token, json!(["read"])).await;
    api_key::Entity::update_many()
        .col_expr(api_key::Column::ExpiresAt, Expr::value(Some(Utc::now() - Duration::minutes(1))))
        .filter(api_key::Column::Id.eq(id.parse::<Uuid>().unwrap()))
        .exec(&app.db)
        .await
        .unwrap();
    app.get("/plans", Some(&secret)).await.expect(401);

    // A deactivated owner's keys stop too.
    let member = app.member().await;
    let secret = app.create_key(&member.token, json!(["read"])).await.secret;
    app.get("/me", Some(&secret)).await.expect(200);
    app.delete(&format!("/users/{}", member.id), Some(&c.token)).await.expect(204);
    app.get("/me", Some(&secret)).await.expect(401);
    // Revoked for good: reactivating the account does not bring its keys back (by DELETE or by PATCH).
    let person = app.account("member").await;
    let path = format!("/users/{}", person["id"].as_str().unwrap());
    for deactivate in [json!(null), json!({"is_active": false})] {
        let (token, _) = app.session(person["email"].as_str().unwrap()).await;
        let secret = app.create_key(&token, json!(["read"])).await.secret;
        match deactivate {
            Value::Null => app.delete(&path, Some(&c.token)).await.expect(204),
            body => app.patch(&path, Some(&c.token), body).await.expect(200),
        };
        app.patch(&path, Some(&c.token), json!({"is_active": true})).await.expect(200);
        app.get("/me", Some(&secret)).await.expect(401);
        let (token, _) = app.session(person["email"].as_str().unwrap()).await;
        assert!(items(&app.get("/api-keys", Some(&token)).await.expect(200)).is_empty());
    }
    app.get("/me", Some(&secret)).await.expect(401);
});

both!(keys_cannot_manage_keys, |app| async move {
    let c = app.coordinator().await;
    let Key { id, secret } = app.create_key(&c.token, json!(["read", "write"])).await;
    let body = json!({"name": "další", "scopes": ["read"]});
    app.post("/api-keys", Some(&secret), body.clone()).await.expect(403);
    app.get("/api-keys", Some(&secret)).await.expect(403);
    app.delete(&format!("/api-keys/{id}"), Some(&secret)).await.expect(403);
    app.post("/api-keys", None, body).await.expect(401);
    app.get("/api-keys", None).await.expect(401);
    assert_eq!(items(&app.get("/api-keys", Some(&c.token)).await.expect(200)).len(), 1);
});

both!(owners_and_admins_see_and_revoke, |app| async move {
    let owner = app.member().await;
    let stranger = app.coordinator().await;
    let admin = app.admin().await;
    let Key { id, secret } = app.create_key(&owner.token, json!(["read"])).await;
    app.create_key(&stranger.token, json!(["read"])).await;

    let mine = app.get("/api-keys", Some(&owner.token)).await.expect(200);
    assert_eq!(items(&mine).len(), 1, "only one's own keys");
    assert_eq!(app.get(&format!("/api-keys?user_id={}", owner.id), Some(&owner.token)).await.expect(200)["items"][0]["id"], id);
    app.get(&format!("/api-keys?user_id={}", owner.id), Some(&stranger.token)).await.expect(403);
    app.delete(&format!("/api-keys/{id}"), Some(&stranger.token)).await.expect(404);
    app.delete(&format!("/api-keys/{}", Uuid::now_v7()), Some(&owner.token)).await.expect(404);

    let theirs = app.get(&format!("/api-keys?user_id={}", owner.id), Some(&admin.token)).await;
    assert_eq!(theirs.expect(200)["items"][0]["id"], id);
    assert!(!theirs.text.contains(&secret[12..]));
    app.delete(&format!("/api-keys/{id}"), Some(&admin.token)).await.expect(204);
    app.get("/me", Some(&secret)).await.expect(401);
});

both!(invalid_keys_are_refused, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let field = |problem: Value| problem["errors"][0]["field"].as_str().unwrap().to_string();
    assert_eq!(field(app.post("/api-keys", t, json!({"name": "k", "scopes": []})).await.expect(422)), "scopes");
    assert_eq!(field(app.post("/api-keys", t, json!({"name": " ", "scopes": ["read"]})).await.expect(422)), "name");
    let past = json!({"name": "k", "scopes": ["read"], "expires_at": "2020-01-01T00:00:00Z"});
    assert_eq!(field(app.post("/api-keys", t, past).await.expect(422)), "expires_at");
    assert_eq!(field(app.post("/api-keys", t, json!({"name": "k", "scopes": ["admin"]})).await.expect(422)), "scopes[0]");
    app.post("/api-keys", t, json!({"name": "k", "scopes": ["read"], "user_id": Uuid::now_v7()})).await.expect(400);
    app.post("/api-keys", t, json!({"name": "k", "scopes": ["read"], "key": "spk_chosen-by-me"})).await.expect(400);
    assert_eq!(field(app.post("/api-keys", t, json!({"name": "k"})).await.expect(422)), "scopes");
    assert!(items(&app.get("/api-keys", t).await.expect(200)).is_empty());
});
