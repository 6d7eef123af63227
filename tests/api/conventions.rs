//! The api.md conventions that hold for every endpoint.
use reqwest::Method;
use serde_json::json;

use crate::both;
use crate::helpers::*;

both!(health_and_openapi, |app| async move {
    app.get("/health/live", None).await.expect(200);
    assert_eq!(app.get("/health/ready", None).await.expect(200)["status"], "ok");
    let served = app.get("/openapi.json", None).await.expect(200);
    assert_eq!(served["openapi"], "3.1.0");
    let committed: serde_json::Value =
        yaml_serde::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.yaml")).unwrap()).unwrap();
    assert_eq!(served, committed, "openapi.yaml is stale: run `cargo run -- openapi > openapi.yaml`");
});

both!(framework_errors_are_problems, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    // Unknown route and wrong method.
    app.get("/no-such-thing", None).await.expect(404);
    let answer = app.send(Method::PUT, "/plans", None, None, &[]).await;
    answer.expect(405);
    assert_eq!(answer.header("allow").as_deref(), Some("GET, POST"));
    // A literal path beside a templated one keeps its own methods: "overview" is not a service's id.
    let answer = app.send(Method::PATCH, "/services/overview", t, Some(json!({})), &[]).await;
    answer.expect(405);
    assert_eq!(answer.header("allow").as_deref(), Some("GET"));
    // Bad JSON, unknown field, wrong type, wrong content type, bad UUID, oversized body.
    let bad = app
        .client
        .post(app.url("/plans"))
        .bearer_auth(&c.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let answer = app.post_plan(t, json!({"title": "x", "territory": "y", "period_start": 2025, "period_end": 2026, "owner": "me"})).await;
    assert!(answer.expect(400)["detail"].as_str().unwrap().contains("unknown field"));
    // A value of the wrong type, an unknown enum value or a missing field is a 422 that names the field.
    let wrong_type = app.post_plan(t, json!({"title": "x", "territory": "y", "period_start": "2025", "period_end": 2026})).await;
    assert_eq!(wrong_type.expect(422)["errors"][0]["field"], "period_start");
    let missing = app.post_plan(t, json!({"title": "x", "territory": "y", "period_end": 2026})).await.expect(422);
    assert_eq!(missing["errors"][0], json!({"field": "period_start", "code": "required", "message": "is required"}));
    assert_eq!(wrong_type.json()["errors"][0]["code"], "invalid_value");
    app.post_plan(t, json!([1, 2])).await.expect(400);
    let text =
        app.client.post(app.url("/plans")).bearer_auth(&c.token).header("content-type", "text/plain").body("{}").send().await.unwrap();
    assert_eq!(text.status(), 415);
    app.get("/plans/not-a-uuid", None).await.expect(400);
    let huge = "x".repeat(1024 * 1024 + 10);
    app.post_plan(t, json!({"title": huge, "territory": "y", "period_start": 2025, "period_end": 2026})).await.expect(413);
    // Bad pagination parameters.
    app.get("/plans?limit=0", None).await.expect(422);
    app.get("/plans?limit=201", None).await.expect(422);
    app.get("/plans?limit=abc", None).await.expect(400);
    app.get("/plans?cursor=garbage", None).await.expect(422);
    // Bad credentials.
    let answer = app.get("/plans", Some("not-a-token")).await;
    answer.expect(401);
    assert!(answer.header("www-authenticate").unwrap().starts_with("Bearer"));
});

both!(every_response_has_security_headers_and_request_id, |app| async move {
    let answer = app.get("/plans", None).await;
    assert_eq!(answer.header("x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(answer.header("x-frame-options").as_deref(), Some("DENY"));
    assert!(answer.header("content-security-policy").unwrap().contains("frame-ancestors 'none'"));
    assert!(answer.header("referrer-policy").is_some());
    assert_eq!(answer.header("x-request-id").unwrap().len(), 36);
    // CORS only for configured origins.
    let allowed = app.client.get(app.url("/plans")).header("origin", "https://obec.example.cz").send().await.unwrap();
    assert_eq!(allowed.headers()["access-control-allow-origin"], "https://obec.example.cz");
    let other = app.client.get(app.url("/plans")).header("origin", "https://evil.example.com").send().await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    assert_eq!(other.headers()["x-content-type-options"], "nosniff");
    // Preflights carry the security headers too; a refused one is a problem like any other.
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/plans"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .send()
    };
    let ok = preflight("https://obec.example.cz").await.unwrap();
    assert!(ok.status().is_success());
    assert_eq!(ok.headers()["access-control-allow-origin"], "https://obec.example.cz");
    assert_eq!(ok.headers()["x-content-type-options"], "nosniff");
    let refused = preflight("https://evil.example.com").await.unwrap();
    assert!(refused.headers().get("access-control-allow-origin").is_none());
    assert_eq!(refused.headers()["x-content-type-options"], "nosniff");
});

both!(pagination_is_stable_and_capped, |app| async move {
    let c = app.coordinator().await;
    for _ in 0..5 {
        app.plan(&c).await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/plans?limit=2&cursor={c}"),
            None => "/plans?limit=2".to_string(),
        };
        let page = app.get(&path, Some(&c.token)).await.expect(200);
        let items = items(&page);
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|p| p["id"].as_str().unwrap().to_string()));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "order is by id (UUIDv7, creation order)");
});

both!(values_a_database_cannot_store_are_refused, |app| async move {
    use entity::enums::PlanStatus;
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    // A NUL character is a 422 naming its field on both databases (PostgreSQL cannot store it).
    let login = app.post("/auth/login", None, json!({"email": "a\u{0}@b.cz", "password": "x".repeat(12)})).await;
    assert_eq!(login.expect(422)["errors"][0]["field"], "email");
    let plan = json!({"title": "x", "territory": "y", "period_start": 2025, "period_end": 2026, "summary": "a\u{0}b"});
    assert_eq!(app.post_plan(t, plan).await.expect(422)["errors"][0]["field"], "summary");
    let open = app.plan_in(PlanStatus::Consultation).await;
    let comment = json!({"target_type": "plan", "target_id": open, "body": "ok", "author_name": "Jana\u{0}"});
    assert_eq!(app.post_comment(None, comment).await.expect(422)["errors"][0]["field"], "author_name");
    let nested = json!({"title": "T", "starts_at": "2030-01-01T10:00:00Z", "ends_at": "2030-01-01T11:00:00Z",
        "agenda": [{"title": "bod\u{0}"}]});
    let group = app.group_row("PS").await;
    let answer = app.post_meeting(&group.to_string(), t, nested).await;
    assert_eq!(answer.expect(422)["errors"][0]["field"], "agenda[0].title");
    // In a query string it is refused before any handler (400).
    app.get("/plans?territory=%00", None).await.expect(400);
    app.get("/measures?status=planned&x=a%00b", None).await.expect(400);
    // Dates outside the years 1900 to 2200 are refused alike on both databases, never a 500.
    let far = app.get("/meetings?from=-5000-01-01T00:00:00Z", None).await.expect(422);
    assert_eq!((far["errors"][0]["field"].as_str(), far["errors"][0]["code"].as_str()), (Some("from"), Some("date_out_of_range")));
    assert_eq!((far["errors"][0]["min"].as_i64(), far["errors"][0]["max"].as_i64()), (Some(1900), Some(2200)));
    app.get("/audit?to=0099-01-01T00:00:00Z", t).await.expect(422);
    let plan = app.plan(&c).await;
    let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři"})).await;
    let old = json!({"code": "1.1", "title": "Stará", "start_date": "-5000-01-01"});
    assert_eq!(app.post_measure(&goal, t, old).await.expect(422)["errors"][0]["field"], "start_date");
    let far_meeting = json!({"title": "T", "starts_at": "2999-01-01T10:00:00Z", "ends_at": "2999-01-01T11:00:00Z", "location": "Radnice"});
    let answer = app.post_meeting(&group.to_string(), t, far_meeting).await.expect(422);
    assert_eq!(answer["errors"][0]["field"], "starts_at");
});

both!(an_optional_body_is_still_checked, |app| async move {
    // Logout takes no body or a JSON one; a body that is sent must be well-formed.
    let member = app.member().await;
    app.send(Method::POST, "/auth/logout", Some(&member.token), None, &[]).await.expect(204);
    app.send(Method::POST, "/auth/logout", None, None, &[]).await.expect(401);
    app.post("/auth/logout", None, json!({"refresh_token": "x", "extra": 1})).await.expect(400);
    let text = app.client.post(app.url("/auth/logout")).header("content-type", "text/plain").body("hi").send().await.unwrap();
    assert_eq!(text.status(), 415);
    let bad = app.client.post(app.url("/auth/logout")).header("content-type", "application/json").body("{oops").send().await.unwrap();
    assert_eq!(bad.status(), 400);
});

both!(field_errors_carry_a_code_and_their_bounds, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let errors = |problem: serde_json::Value| problem["errors"].as_array().unwrap().clone();
    let plan = json!({"title": " ", "territory": "y".repeat(201), "period_start": 1990, "period_end": 2026});
    let found = errors(app.post_plan(t, plan).await.expect(422));
    assert_eq!(found[0], json!({"field": "title", "code": "required", "message": "must not be empty"}));
    assert_eq!(found[1], json!({"field": "territory", "code": "too_long", "message": "must be at most 200 characters", "max": 200}));
    assert_eq!(
        found[2],
        json!({"field": "period_start", "code": "out_of_range", "message": "must be between 2000 and 2100", "min": 2000, "max": 2100})
    );
    let limit = errors(app.get("/plans?limit=0", None).await.expect(422));
    assert_eq!((limit[0]["code"].as_str(), limit[0]["min"].as_i64(), limit[0]["max"].as_i64()), (Some("out_of_range"), Some(1), Some(200)));
    let user = json!({"email": "not-an-address", "display_name": "Jana", "role": "member", "password": "krátké"});
    let found = errors(app.post("/users", t, user).await.expect(422));
    assert_eq!(found.iter().map(|e| e["code"].as_str().unwrap()).collect::<Vec<_>>(), ["invalid_format", "too_short"]);
    assert_eq!(found[1]["min"], 12);
    let plan = app.plan(&c).await;
    let past = json!({"status": "consultation", "consultation_closes_at": "2020-01-01T00:00:00Z"});
    let found = errors(app.move_plan(&plan, t, past).await.expect(422));
    assert_eq!(found[0]["code"], "must_be_future");
});

both!(the_document_states_every_status_and_shared_rule, |app| async move {
    let doc = app.get("/openapi.json", None).await.expect(200);
    let problems = |op: &serde_json::Value, statuses: &[&str]| {
        for status in statuses {
            assert!(op["responses"][status].is_object(), "{} lacks {status}", op["operationId"]);
        }
    };
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let param = |name: &str| params.iter().find(|p| p["name"] == name).map(|p| p["schema"].clone());
            if op["requestBody"].is_object() {
                problems(op, &["400", "408", "413", "415", "422"]);
            }
            if let Some(if_match) = param("If-Match") {
                problems(op, &["412"]);
                assert!(if_match["pattern"].is_string(), "{method} {path}: If-Match has no pattern");
            }
            if let Some(limit) = param("limit") {
                problems(op, &["422"]);
                assert_eq!((limit["minimum"].as_u64(), limit["maximum"].as_u64()), (Some(1), Some(200)), "{method} {path}");
                assert!(param("cursor").unwrap()["pattern"].is_string(), "{method} {path}: cursor has no pattern");
            }
            if !path.contains("/health/") && !path.ends_with("/openapi.json") {
                problems(op, &["401", "403", "503"]);
            }
        }
    }
    // Field rules come from the DTOs; a required text also says it must not be blank.
    let title = &doc["components"]["schemas"]["PlanCreate"]["properties"]["title"];
    assert_eq!((title["minLength"].as_u64(), title["maxLength"].as_u64()), (Some(1), Some(300)));
    assert!(title["pattern"].is_string());
    let period = &doc["components"]["schemas"]["PlanCreate"]["properties"]["period_start"];
    assert_eq!((period["minimum"].as_i64(), period["maximum"].as_i64()), (Some(2000), Some(2100)));
    for body in ["MeasureCreate", "MeasurePatch"] {
        let partners = &doc["components"]["schemas"][body]["properties"]["partners"];
        assert_eq!(partners["maxItems"].as_u64(), Some(50), "{body}");
        assert_eq!((partners["items"]["minLength"].as_u64(), partners["items"]["maxLength"].as_u64()), (Some(1), Some(200)), "{body}");
        assert!(partners["items"]["pattern"].is_string(), "{body}");
    }
});

both!(what_the_document_allows_the_server_accepts, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    // JSON Schema counts 2025.0 as an integer, so the server does too.
    let plan = app.post_plan(t, json!({"title": "P", "territory": "T", "period_start": 2025.0, "period_end": 2026})).await;
    let plan = id(&plan.expect(201));
    // If-Match takes exactly the pattern's ETags: strong, weak or `*`.
    for (value, status) in [("\"1\"", 200), ("W/\"2\"", 200), ("*", 200), ("1", 400), ("\"+3\"", 400), ("\"1\", \"2\"", 400)] {
        let answer = app.patch_if(&format!("/plans/{plan}"), t, value, json!({"summary": value})).await;
        answer.expect(status);
    }
    // Any cursor of the documented shape is a place in the list, whatever its key: ordered by id,
    // by an integer (here beyond its column's range) or by a time (here beyond the years kept).
    let id = "0".repeat(32);
    let goals = format!("/plans/{plan}/goals");
    let group = app.group_row("PS").await;
    for list in ["/plans".to_string(), goals, "/meetings".into(), format!("/working-groups/{group}/meetings")] {
        for key in ["0", "-999999999999999999", "999999999999999999"] {
            app.get(&format!("{list}?cursor={key}.{id}"), t).await.expect(200);
        }
    }
    app.get(&format!("/plans?cursor=0.{}", "A".repeat(32)), t).await.expect(422);
    // A `null` body is no body, as the document's `oneOf [LogoutRequest, null]` says.
    let answer = app.send(Method::POST, "/auth/logout", t, Some(serde_json::Value::Null), &[]).await;
    answer.expect(204);
});

// A body trickled a byte at a time would otherwise hold a connection and a worker for as long as
// the client likes (actix bounds only the headers): it is cut off with a 408 after the bound.
both!(a_trickled_body_is_cut_off, |app| async move {
    use std::io::{Read, Write};
    let app = crate::helpers::spawn_app_with(app.backend, |c| c.limits.body_timeout = std::time::Duration::from_secs(1)).await;
    let address = app.address.trim_start_matches("http://").to_string();
    let started = std::time::Instant::now();
    let response = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
        let body = br#"{"email": "pomalu@example.cz", "password": "x"}"#;
        write!(
            stream,
            "POST /api/v1/auth/login HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        // One byte every 200 ms: the whole body would take about ten seconds.
        for byte in body {
            if stream.write_all(&[*byte]).is_err() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
            stream.set_nonblocking(true).unwrap();
            let mut peek = [0u8; 1];
            let answered = matches!(stream.peek(&mut peek), Ok(n) if n > 0);
            stream.set_nonblocking(false).unwrap();
            if answered {
                break;
            }
        }
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    })
    .await
    .unwrap();
    let elapsed = started.elapsed();
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(response.contains("application/problem+json") && response.contains("\"status\":408"), "{response}");
    assert!(elapsed < std::time::Duration::from_secs(5), "{elapsed:?}");
    // A body that arrives in time is read as usual.
    app.post("/auth/login", None, json!({"email": "nikdo@example.cz", "password": "žádné heslo 2026"})).await.expect(401);
});

both!(unknown_query_parameters_are_refused, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let group = app.group_row("PS Senioři").await;
    // A typo in a filter's name is a 400 that names it, instead of a list without the filter.
    for (path, name) in [
        ("/users?rol=admin".to_owned(), "rol"),
        ("/users?role=admin&limits=5".to_owned(), "limits"),
        ("/comments?target_typ=plan&limit=5".to_owned(), "target_typ"),
        ("/audit?entity=plan".to_owned(), "entity"),
        (format!("/meetings?workinggroup_id={group}"), "workinggroup_id"),
        (format!("/working-groups/{group}/members?page=2"), "page"),
        ("/plans?status=draft&Status=approved".to_owned(), "Status"),
    ] {
        let answer = app.get(&path, t).await;
        let problem = answer.expect(400);
        assert_eq!(answer.header("content-type").as_deref(), Some("application/problem+json"), "{path}");
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.starts_with(&format!("unknown query parameter `{name}`")), "{path}: {detail}");
    }
    // The answer lists what the operation takes.
    let problem = app.get("/users?rol=admin", t).await.expect(400);
    assert!(problem["detail"].as_str().unwrap().contains("`role`, `is_active`, `q`, `limit`, `cursor`"), "{problem}");
    // Every declared parameter still works, filters and page alike, however many extractors read them.
    let users = app.get("/users?role=coordinator&is_active=true&q=&limit=1", t).await.expect(200);
    assert_eq!(users["items"].as_array().unwrap().len(), 1);
    app.get(&format!("/meetings?working_group_id={group}&from=2020-01-01T00:00:00Z&status=scheduled&limit=5"), None).await.expect(200);
    app.get(&format!("/working-groups/{group}/meetings?to=2100-01-01T00:00:00Z&limit=5"), None).await.expect(200);
    app.get("/audit?entity_type=plan&action=create&limit=2", t).await.expect(200);
    app.get("/comments?target_type=plan&settled=false&limit=2", t).await.expect(200);
    // A declared parameter that does not parse is still the 400 it was; an invalid value the 422.
    app.get("/users?is_active=maybe", t).await.expect(400);
    app.get("/users?limit=0", t).await.expect(422);
    // Endpoints that read no query string ignore one, as before.
    app.get(&format!("/working-groups/{group}?x=1"), None).await.expect(200);
});

// Accounts and commenters share one e-mail rule: an empty domain label is not an address.
both!(one_email_rule_for_accounts_and_comments, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let account = json!({"email": "jana@example..cz", "display_name": "Jana", "role": "member", "password": "dlouhé heslo na jaře 2026"});
    let problem = app.post("/users", t, account).await.expect(422);
    assert_eq!(
        problem["errors"],
        json!([{"field": "email", "code": "invalid_format", "message": "must be an e-mail address such as jana.novakova@obec.cz"}])
    );
    app.patch("/me", t, json!({"email": "jana@example..cz"})).await.expect(422);
    let plan = app.plan(&c).await;
    let comment =
        json!({"target_type": "plan", "target_id": plan, "body": "Dopis", "author_name": "Jana", "author_email": "jana@example..cz"});
    let problem = app.post("/comments", t, comment).await.expect(422);
    assert_eq!(problem["errors"][0]["field"], "author_email");
    assert_eq!(problem["errors"][0]["code"], "invalid_format");
    // The same address without the empty label is taken by both.
    let account = json!({"email": "Jana@Example.cz", "display_name": "Jana", "role": "member", "password": "dlouhé heslo na jaře 2026"});
    assert_eq!(app.post("/users", t, account).await.expect(201)["email"], "jana@example.cz");
});
