//! The audit trail: who changed what and when, for coordinators and admins only.
use chrono::{Duration, Utc};
use serde_json::json;

use crate::both;
use crate::helpers::*;

both!(audit_trail_filters_by_entity_actor_action_and_time, |app| async move {
    let c = app.coordinator().await;
    let other = app.coordinator().await;
    let t = Some(c.token.as_str());
    let before = Utc::now() - Duration::seconds(1);
    let plan = app.plan(&c).await;
    app.patch(&format!("/plans/{plan}"), t, json!({"summary": "Nový souhrn"})).await.expect(200);
    app.plan(&other).await;

    let on_plan = app.get(&format!("/audit?entity_type=plan&entity_id={plan}"), t).await.expect(200);
    let actions: Vec<&str> = items(&on_plan).iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["update", "create"], "newest first");
    assert_eq!(on_plan["items"][0]["actor_id"], json!(c.id));
    assert_eq!(on_plan["items"][0]["changes"]["summary"], "Nový souhrn");

    let by_other = app.get(&format!("/audit?actor_id={}", other.id), t).await.expect(200);
    assert_eq!(items(&by_other).len(), 1);
    let creates = app.get("/audit?entity_type=plan&action=create", t).await.expect(200);
    assert_eq!(items(&creates).len(), 2);

    // A time window: RFC 3339 bounds, `from` inclusive and `to` exclusive.
    let stamp = |at: chrono::DateTime<Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true).replace('+', "%2B");
    let within = app.get(&format!("/audit?entity_type=plan&from={}", stamp(before)), t).await.expect(200);
    assert_eq!(items(&within).len(), 3);
    let later = Utc::now() + Duration::minutes(1);
    assert!(items(&app.get(&format!("/audit?from={}", stamp(later)), t).await.expect(200)).is_empty());
    assert!(items(&app.get(&format!("/audit?to={}", stamp(before)), t).await.expect(200)).is_empty());
    app.get("/audit?from=yesterday", t).await.expect(400);

    // Pages of one, in the same order.
    let first = app.get("/audit?entity_type=plan&limit=1", t).await.expect(200);
    let next = first["next_cursor"].as_str().unwrap();
    let second = app.get(&format!("/audit?entity_type=plan&limit=1&cursor={next}"), t).await.expect(200);
    assert_ne!(first["items"][0]["id"], second["items"][0]["id"]);

    // Staff only.
    let member = app.member().await;
    app.get("/audit", Some(&member.token)).await.expect(403);
    app.get("/audit", None).await.expect(401);
});
