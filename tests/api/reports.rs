//! The monitoring report of a year: its figures and totals, its formats (HTML, Markdown, CSV,
//! DOCX), its visibility and its 422s; and the plan document as DOCX.
use std::io::Read;

use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

/// A plan of 2025–2027 in consultation (public), with goal 1 and its sub-goal 1a, and goal 2:
/// indicators with values across years, funding planned and actual, updates in 2025 and 2026.
async fn monitored(app: &TestApp) -> (TestUser, String) {
    let c = app.coordinator().await;
    let t = &c.token;
    let plan = app.plan(&c).await;
    let goal = app.create_goal(&plan, t, json!({"code": "1", "title": "Senioři a pečující"})).await;
    let sub = app.create_goal(&plan, t, json!({"code": "1a", "title": "Domácí péče", "parent_goal_id": goal})).await;
    let other = app.create_goal(&plan, t, json!({"code": "2", "title": "Rodiny s dětmi"})).await;
    let respite = app
        .create_measure(
            &goal,
            t,
            json!({
                "code": "1.1", "title": "Odlehčovací služba", "responsible": "Odbor sociálních věcí",
                "indicators": [{"name": "Počet klientů", "unit": "osoby", "baseline": 40.0, "target": 80.0,
                                "values": [{"year": 2026, "value": 62.5}, {"year": 2025, "value": 50.0}]}],
                "funding_sources": [
                    {"year": 2026, "source": "municipality", "planned": "100000.00", "actual": "90000.50"},
                    {"year": 2026, "source": "region", "planned": "50000", "actual": null},
                    {"year": 2025, "source": "municipality", "planned": "80000", "actual": "80000"}
                ]
            }),
        )
        .await;
    app.create_measure(
        &goal,
        t,
        json!({
            "code": "1.2", "title": "Sdílená péče", "status": "completed", "progress": 100,
            "funding_sources": [
                {"year": 2026, "source": "municipality", "planned": "20000.00", "actual": "25000.00"},
                {"year": 2027, "source": "eu", "planned": "300000", "actual": null}
            ]
        }),
    )
    .await;
    app.create_measure(
        &sub,
        t,
        json!({
            "code": "1a.1", "title": "Terénní péče", "status": "postponed", "progress": 20, "weight": 2,
            "funding_sources": [{"year": 2026, "source": "state", "planned": "10000", "actual": "5000"}]
        }),
    )
    .await;
    app.create_measure(
        &other,
        t,
        json!({
            "code": "2.1", "title": "Poradna pro rodiny",
            "indicators": [{"name": "Počet konzultací", "unit": "konzultace", "baseline": null, "target": 200.0,
                            "values": [{"year": 2025, "value": 120.0}]}]
        }),
    )
    .await;
    for (date, progress, note) in [("2025-11-05", 10, "Loňská příprava"), ("2026-03-10", 30, "Zahájeno"), ("2026-09-01", 40, "Pokračuje")]
    {
        let body = json!({"date": date, "status": "in_progress", "progress": progress, "note": note});
        app.post(&format!("/measures/{respite}/updates"), Some(t), body).await.expect(201);
    }
    app.start_consultation(&plan, t).await;
    (c, plan)
}

fn money(planned: &str, actual: &str) -> Value {
    json!({"planned": planned, "actual": actual})
}

/// The text of a DOCX's body.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml").expect("word/document.xml").read_to_string(&mut xml).unwrap();
    xml
}

/// A download's content type, disposition and bytes.
async fn download(app: &TestApp, path: &str) -> (String, String, Vec<u8>) {
    let response = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200, "{path}");
    let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    (content_type, disposition, response.bytes().await.unwrap().to_vec())
}

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

both!(the_report_counts_the_year_exactly, |app| async move {
    let (_, plan) = monitored(&app).await;
    let r = app.get(&format!("/plans/{plan}/reports/2026"), None).await.expect(200);
    assert_eq!(r["year"], 2026);
    assert_eq!(r["title"], "Komunitní plán sociálních služeb ORP Český Krumlov");
    let codes: Vec<&str> = r["goals"].as_array().unwrap().iter().map(|g| g["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["1", "1a", "2"]);

    let goal = &r["goals"][0];
    let respite = &goal["measures"][0];
    assert_eq!(respite["code"], "1.1");
    assert_eq!((respite["status"].as_str(), respite["progress"].as_i64()), (Some("in_progress"), Some(40)));
    assert_eq!(
        respite["indicators"][0],
        json!({"name": "Počet klientů", "unit": "osoby", "baseline": 40.0, "target": 80.0, "value": 62.5,
               "values": [{"year": 2025, "value": 50.0}, {"year": 2026, "value": 62.5}]})
    );
    assert_eq!(
        respite["funding"],
        json!([{"source": "municipality", "planned": "100000.00", "actual": "90000.50"},
               {"source": "region", "planned": "50000.00", "actual": null}])
    );
    let notes: Vec<&str> = respite["updates"].as_array().unwrap().iter().map(|u| u["note"].as_str().unwrap()).collect();
    assert_eq!(notes, ["Zahájeno", "Pokračuje"], "only the year's updates, oldest first");
    assert_eq!(respite["updates"][0]["date"], "2026-03-10");
    assert_eq!(goal["measures"][1]["funding"], json!([{"source": "municipality", "planned": "20000.00", "actual": "25000.00"}]));

    // Goal 1 counts its sub-goal's measure too: progress (40 + 100 + 20 × 2) / 4.
    let t = &goal["totals"];
    assert_eq!(t["measures"], 3);
    assert_eq!(t["progress"], 45);
    assert_eq!(
        t["funding"],
        json!([{"source": "municipality", "planned": "120000.00", "actual": "115000.50"},
               {"source": "region", "planned": "50000.00", "actual": "0.00"},
               {"source": "state", "planned": "10000.00", "actual": "5000.00"}])
    );
    assert_eq!(t["money"], money("180000.00", "120000.50"));
    let sub = &r["goals"][1]["totals"];
    assert_eq!((sub["measures"].as_i64(), sub["progress"].as_i64()), (Some(1), Some(20)));
    assert_eq!(sub["money"], money("10000.00", "5000.00"));
    let families = &r["goals"][2];
    assert_eq!(families["measures"][0]["indicators"][0]["value"], Value::Null);
    assert_eq!(families["totals"]["funding"], json!([]));
    assert_eq!(families["totals"]["money"], money("0.00", "0.00"));

    // The plan: (40 + 100 + 20 × 2 + 0) / 5.
    let t = &r["totals"];
    assert_eq!(t["measures"], 4);
    assert_eq!(t["progress"], 36);
    assert_eq!(
        t["by_status"],
        json!([{"status": "planned", "count": 1}, {"status": "in_progress", "count": 1}, {"status": "completed", "count": 1},
               {"status": "postponed", "count": 1}, {"status": "cancelled", "count": 0}])
    );
    assert_eq!(t["money"], money("180000.00", "120000.50"));
    assert_eq!(
        r["cost_by_year"],
        json!([
            {"year": 2025, "source": "municipality", "planned": "80000.00", "actual": "80000.00"},
            {"year": 2026, "source": "municipality", "planned": "120000.00", "actual": "115000.50"},
            {"year": 2026, "source": "region", "planned": "50000.00", "actual": "0.00"},
            {"year": 2026, "source": "state", "planned": "10000.00", "actual": "5000.00"},
            {"year": 2027, "source": "eu", "planned": "300000.00", "actual": "0.00"}
        ])
    );

    // Another year, other figures: 2025's update and money only.
    let r = app.get(&format!("/plans/{plan}/reports/2025"), None).await.expect(200);
    assert_eq!(r["goals"][0]["measures"][0]["updates"].as_array().unwrap().len(), 1);
    assert_eq!(r["goals"][0]["measures"][0]["indicators"][0]["value"], 50.0);
    assert_eq!(r["totals"]["money"], money("80000.00", "80000.00"));
});

both!(the_report_in_html_markdown_csv_and_docx, |app| async move {
    let (_, plan) = monitored(&app).await;
    let path = format!("/plans/{plan}/reports/2026");
    let html = app.get(&format!("{path}?format=html"), None).await.succeeded(200);
    assert_eq!(html.header("content-type").as_deref(), Some("text/html; charset=utf-8"));
    for expected in [
        "<h1>Monitorovací zpráva za rok 2026</h1>",
        "Komunitní plán sociálních služeb ORP Český Krumlov",
        "Cíl 1 Senioři a pečující",
        "Opatření 1.1 Odlehčovací služba",
        "<caption>Ukazatele opatření 1.1 v roce 2026</caption>",
        "<tr><th scope=\"row\">Počet klientů</th><td>osoby</td><td>40</td><td>62,5</td><td>80</td></tr>",
        "<tr><th scope=\"row\">obec</th><td>100\u{a0}000,00\u{a0}Kč</td><td>90\u{a0}000,50\u{a0}Kč</td></tr>",
        "<tr><th scope=\"row\">kraj</th><td>50\u{a0}000,00\u{a0}Kč</td><td>–</td></tr>",
        "Zahájeno",
        "<dt>Průměrné plnění</dt><dd>36 %</dd>",
        "<caption>Náklady plánu podle let a zdrojů</caption>",
        "<tr><th scope=\"row\">2027</th><td>EU</td><td>300\u{a0}000,00\u{a0}Kč</td><td>0,00\u{a0}Kč</td></tr>",
    ] {
        assert!(html.text.contains(expected), "missing {expected:?}");
    }
    assert!(!html.text.contains("Loňská příprava"), "an update of another year");

    let md = app.get(&format!("{path}?format=md"), None).await.succeeded(200);
    assert!(md.header("content-type").unwrap().starts_with("text/markdown"));
    assert!(md.text.starts_with("# Monitorovací zpráva za rok 2026"));
    assert!(md.text.contains("| Počet klientů | osoby | 40 | 62,5 | 80 |"));
    assert!(md.text.contains("| Celkem | 180\u{a0}000,00\u{a0}Kč | 120\u{a0}000,50\u{a0}Kč |"));

    let csv = app.get(&format!("{path}?format=csv"), None).await.succeeded(200);
    assert_eq!(csv.header("content-type").as_deref(), Some("text/csv; charset=utf-8"));
    assert_eq!(
        csv.header("content-disposition").as_deref(),
        Some("attachment; filename=\"monitorovaci-zprava-2026-komunitni-plan-socialnich-sluzeb-orp-cesky-krumlov.csv\"")
    );
    let c = &csv.text;
    assert!(c.starts_with(
        "\u{feff}Řádek;Cíl;Opatření;Název;Stav;Plnění (%);Jednotka;Výchozí hodnota;Hodnota 2026;Cílová hodnota;Plánováno;Skutečnost\r\n"
    ));
    for expected in [
        "opatření;1;1.1;Odlehčovací služba;probíhá;40;;;;;;\r\n",
        "ukazatel;1;1.1;Počet klientů;;;osoby;40;62,5;80;;\r\n",
        "financování;1;1.1;obec;;;;;;;100000,00;90000,50\r\n",
        "financování;1;1.1;kraj;;;;;;;50000,00;\r\n",
        "zpráva o plnění;1;1.1;10. 3. 2026: Zahájeno;probíhá;30;;;;;;\r\n",
        "součet cíle;1;;celkem;;45;;;;;180000,00;120000,50\r\n",
        "součet plánu;;;celkem;;36;;;;;180000,00;120000,50\r\n",
        "náklady plánu;;;2027 EU;;;;;;;300000,00;0,00\r\n",
    ] {
        assert!(c.contains(expected), "missing {expected:?} in {c}");
    }

    let (content_type, disposition, bytes) = download(&app, &format!("{path}?format=docx")).await;
    assert_eq!(content_type, DOCX);
    assert_eq!(disposition, "attachment; filename=\"monitorovaci-zprava-2026-komunitni-plan-socialnich-sluzeb-orp-cesky-krumlov.docx\"");
    let xml = docx_text(&bytes);
    for expected in [
        "Monitorovací zpráva za rok 2026",
        "Komunitní plán sociálních služeb ORP Český Krumlov",
        "Cíl 1 Senioři a pečující",
        "Opatření 1.1 Odlehčovací služba",
        "Počet klientů",
        "62,5",
        "90\u{a0}000,50\u{a0}Kč",
        "Zahájeno",
    ] {
        assert!(xml.contains(expected), "missing {expected:?} in the DOCX");
    }
});

both!(the_plan_document_as_docx, |app| async move {
    let (_, plan) = monitored(&app).await;
    let (content_type, disposition, bytes) = download(&app, &format!("/plans/{plan}/export?format=docx")).await;
    assert_eq!(content_type, DOCX);
    assert_eq!(disposition, "attachment; filename=\"komunitni-plan-socialnich-sluzeb-orp-cesky-krumlov.docx\"");
    let xml = docx_text(&bytes);
    for expected in [
        "Komunitní plán sociálních služeb ORP Český Krumlov",
        "Cíl 1 Senioři a pečující",
        "Opatření 1.1 Odlehčovací služba",
        "Počet klientů",
        "Vize",
    ] {
        assert!(xml.contains(expected), "missing {expected:?} in the DOCX");
    }
});

both!(the_plan_document_as_docx_carries_the_register, |app| async move {
    let consultation = app.open_consultation().await;
    let plan = &consultation.plan;
    let member = app.member().await;
    app.create_comment(Some(&member.token), on("plan", plan, "Prosím doplnit dostupnost o víkendech.")).await;
    let (_, _, bytes) = download(&app, &format!("/plans/{plan}/export?format=docx")).await;
    let xml = docx_text(&bytes);
    assert!(xml.contains("Příloha: Vypořádání připomínek") && xml.contains("Prosím doplnit dostupnost o víkendech."));
});

both!(a_draft_report_is_hidden_and_bad_years_and_formats_are_422, |app| async move {
    let c = app.coordinator().await;
    let draft = app.plan(&c).await;
    app.get(&format!("/plans/{draft}/reports/2026"), None).await.expect(404);
    app.get(&format!("/plans/{draft}/reports/2026?format=docx"), None).await.expect(404);
    app.get(&format!("/plans/{draft}/reports/2026"), Some(&c.token)).await.expect(200);
    app.get(&format!("/plans/{}/reports/2026", uuid::Uuid::now_v7()), Some(&c.token)).await.expect(404);
    let field = |problem: Value| problem["errors"][0]["field"].as_str().unwrap().to_owned();
    for year in ["2024", "2028", "0", "99999999999", "dva"] {
        assert_eq!(field(app.get(&format!("/plans/{draft}/reports/{year}"), Some(&c.token)).await.expect(422)), "year", "{year}");
    }
    assert_eq!(field(app.get(&format!("/plans/{draft}/reports/2026?format=pdf"), Some(&c.token)).await.expect(422)), "format");
});
