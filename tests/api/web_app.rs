//! The built web app is served at `/` beside the API, with a fallback to index.html for app routes.
use crate::both;
use crate::helpers::*;

both!(serves_the_web_app_and_falls_back_to_index, |app| async move {
    let dir = std::env::temp_dir().join(format!("spoluplan-web-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>Spoluplán</title><div id=root></div>").unwrap();
    std::fs::write(dir.join("assets/app-1234.js"), "console.log('hi')").unwrap();
    let web = spawn_app_with(app.backend, |c| c.static_dir = Some(dir.clone())).await;
    let get = |path: &str| web.client.get(format!("{}{path}", web.address)).send();

    let index = get("/").await.unwrap();
    assert_eq!(index.status(), 200);
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert!(index.text().await.unwrap().contains("<title>Spoluplán</title>"));
    let deep = get("/plany/0190-abc/opatreni").await.unwrap();
    assert_eq!(deep.status(), 200, "app routes fall back to index.html");
    assert!(deep.text().await.unwrap().contains("id=root"));
    let asset = get("/assets/app-1234.js").await.unwrap();
    assert_eq!(asset.status(), 200);
    assert_eq!(asset.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(asset.headers()["content-type"].to_str().unwrap().contains("javascript"));
    // A missing file is a 404 (not the app shell), and not cached for a year.
    for missing in ["/assets/app-0000.js", "/assets/fonts/gone.woff2", "/favicon.ico"] {
        let res = get(missing).await.unwrap();
        assert_eq!(res.status(), 404, "{missing}");
        assert_eq!(res.headers()["cache-control"], "no-cache", "{missing}");
        assert!(!res.text().await.unwrap().contains("id=root"), "{missing}");
    }
    let nested = get("/plans/0190-abc/edit?next=/x.js").await.unwrap();
    assert_eq!(nested.status(), 200, "a query string does not make a file");
    assert_eq!(nested.headers()["cache-control"], "no-cache");
    // The API keeps its own 404 and never falls back to the app.
    let api = get("/api/v1/nothing-here").await.unwrap();
    assert_eq!(api.status(), 404);
    assert_eq!(api.headers()["content-type"], "application/problem+json");
    assert_eq!(api.headers()["cache-control"], "no-store");
    std::fs::remove_dir_all(&dir).unwrap();
});
