//! The plan document in HTML and Markdown.
use crate::both;
use crate::helpers::*;

both!(plan_document_in_html_and_markdown, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.demo = true).await;
    let plans = app.get("/plans?status=implementation", None).await.expect(200);
    let id = plans["items"][0]["id"].as_str().unwrap().to_string();

    let html = app.get(&format!("/plans/{id}/export?format=html"), None).await;
    assert_eq!(html.status, 200);
    assert_eq!(html.header("content-type").as_deref(), Some("text/html; charset=utf-8"));
    let h = &html.text;
    assert!(h.starts_with("<!doctype html>") && h.contains("<html lang=\"cs\">"));
    for expected in [
        "<h1>6. komunitní plán",
        "<h2>Vize</h2>",
        "<h2>Pracovní skupiny</h2>",
        "Opatření 1.1 Navýšení kapacity terénní pečovatelské služby",
        "<dt>Gestor</dt><dd>Magistrát města Ostravy, odbor sociálních věcí</dd>",
        "<caption>Ukazatele opatření 1.1</caption>",
        "<caption>Financování opatření 1.1</caption>",
        "4\u{a0}800\u{a0}000,00\u{a0}Kč",
        "Příloha: Vypořádání připomínek",
        "<li>akceptováno: 1</li>",
        "<li>nevypořádáno: 0</li>",
        "usnesení ZM č. 2345/ZM1822/33",
    ] {
        assert!(h.contains(expected), "missing {expected:?}");
    }

    let md = app.get(&format!("/plans/{id}/export?format=md"), None).await;
    assert_eq!(md.status, 200);
    assert!(md.header("content-type").unwrap().starts_with("text/markdown"));
    assert!(md.text.starts_with("# 6. komunitní plán"));
    assert!(md.text.contains("| Ukazatel | Jednotka | Výchozí hodnota | Cílová hodnota | Skutečnost |"));
    assert!(md.text.contains("Celkem připomínek: 4 (akceptováno: 1, akceptováno částečně: 1, neakceptováno: 1, bere se na vědomí: 1, nevypořádáno: 0)"));

    app.get(&format!("/plans/{id}/export?format=pdf"), None).await.expect(400);

    // A hidden comment stays in the annex, but its text only for staff.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let secret = "Chybí mi zmínka o dostupnosti služeb ve večerních hodinách.";
    entity::comment::Entity::update_many()
        .col_expr(entity::comment::Column::Status, Expr::value("hidden"))
        .col_expr(entity::comment::Column::ModerationReason, Expr::value("osobní údaje"))
        .filter(entity::comment::Column::Body.eq(secret))
        .exec(&app.db)
        .await
        .unwrap();
    let public = app.get(&format!("/plans/{id}/export?format=html"), None).await.text;
    assert!(!public.contains(secret) && public.contains("[text skryt moderátorem]"));
    let staff = app.coordinator().await;
    assert!(app.get(&format!("/plans/{id}/export?format=html"), Some(&staff.token)).await.text.contains(secret));
    // Drafts stay hidden.
    let draft = app.coordinator().await;
    let draft_id = app.plan(&draft).await;
    app.get(&format!("/plans/{draft_id}/export"), None).await.expect(404);
    assert_eq!(app.get(&format!("/plans/{draft_id}/export"), Some(&draft.token)).await.status, 200);
});
