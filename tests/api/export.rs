//! The plan document in HTML and Markdown.
use serde_json::json;

use crate::both;
use crate::helpers::*;

both!(plan_document_in_html_and_markdown, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.demo = true).await;
    let plans = app.get("/plans?status=implementation", None).await.expect(200);
    let id = id(&items(&plans)[0]);

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
    assert!(md.text.contains(
        "Celkem připomínek: 4 (akceptováno: 1, akceptováno částečně: 1, neakceptováno: 1, bere se na vědomí: 1, nevypořádáno: 0)"
    ));

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

both!(hostile_text_stays_text_in_both_formats, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let vision = "<script>alert(1)</script>\n# heading\n- item\n\nDruhý | odstavec\n1. první\n    odsazeno";
    app.patch(&format!("/plans/{plan}"), t, json!({"vision": vision})).await.expect(200);
    app.post_goal(&plan, t, json!({"code": "1", "title": "Cíl | s rourou", "description": "> citát\n+ plus"})).await.expect(201);

    let md = app.get(&format!("/plans/{plan}/export?format=md"), t).await.text;
    assert!(
        md.contains(
            "## Vize\n\n\\<script\\>alert(1)\\</script\\>\\\n\\# heading\\\n\\- item\n\nDruhý \\| odstavec\\\n1\\. první\\\nodsazeno\n"
        ),
        "{md}"
    );
    assert!(md.contains("### Cíl 1 Cíl \\| s rourou\n\n\\> citát\\\n\\+ plus\n"), "{md}");
    for line in md.lines() {
        assert!(
            !line.starts_with("<script") && !line.starts_with("# heading") && !line.starts_with("- item") && !line.starts_with("    "),
            "{line}"
        );
    }

    let html = app.get(&format!("/plans/{plan}/export?format=html"), t).await.text;
    assert!(
        html.contains("<h2>Vize</h2><p>&lt;script&gt;alert(1)&lt;/script&gt;<br># heading<br>- item</p><p>Druhý | odstavec<br>1. první<br>    odsazeno</p>"),
        "{html}"
    );
    assert!(html.contains("<h3>Cíl 1 Cíl | s rourou</h3><p>&gt; citát<br>+ plus</p>"), "{html}");
    assert!(!html.contains("<script>"));
});

both!(working_groups_of_every_goal_by_name, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let plan = app.plan(&c).await;
    let [zeta, alfa, midi, _idle] = [
        app.create_group(&c.token, "Zeta").await,
        app.create_group(&c.token, "Alfa").await,
        app.create_group(&c.token, "Midi").await,
        app.create_group(&c.token, "Nečinná").await,
    ];
    let top = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "A", "working_group_id": zeta})).await;
    let sub = app.post_goal(&plan, t, json!({"code": "1.1", "title": "A1", "working_group_id": alfa, "parent_goal_id": top})).await.id();
    app.post_measure(&sub, t, json!({"code": "a", "title": "a"})).await.expect(201);
    app.post_goal(&plan, t, json!({"code": "1.2", "title": "A2", "working_group_id": midi, "parent_goal_id": top})).await.expect(201);

    for _ in 0..3 {
        let html = app.get(&format!("/plans/{plan}/export?format=html"), t).await.text;
        let at = |name: &str| html.find(&format!("<li><strong>{name}</strong>")).unwrap_or_else(|| panic!("{name} missing"));
        assert!(at("Alfa") < at("Midi") && at("Midi") < at("Zeta"));
        assert!(!html.contains("<strong>Nečinná</strong>"));
        let md = app.get(&format!("/plans/{plan}/export?format=md"), t).await.text;
        let names: Vec<&str> =
            md.lines().filter_map(|l| l.strip_prefix("- **")).filter_map(|l| l.split("**").next()).filter(|n| !n.ends_with(':')).collect();
        assert_eq!(names, ["Alfa", "Midi", "Zeta"]);
    }
});
