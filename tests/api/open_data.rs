//! Open data: the catalogue with its dictionaries (also DCAT-AP-CZ JSON-LD), and every dataset as
//! CSV and JSON holding what the public may read and never more: no draft, no hidden comment, no
//! e-mail address, no person's name; streamed over many pages.
use std::collections::HashMap;

use chrono::Utc;
use entity::enums::{OrganizationKind, PlanStatus};
use entity::{organization, plan};
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

const DATASETS: [&str; 11] = [
    "plans",
    "goals",
    "measures",
    "indicator-values",
    "funding",
    "services",
    "organizations",
    "working-groups",
    "meetings",
    "needs",
    "consultation-comments",
];

/// A dataset's CSV as a consumer reads it: its header and rows (the reader refuses rows whose
/// length differs from the header's), and the same dataset's JSON, checked to be the same data.
async fn download(app: &TestApp, id: &str) -> (Vec<String>, Vec<HashMap<String, String>>, Vec<Value>) {
    let csv = app.get(&format!("/open-data/{id}.csv"), None).await.succeeded(200);
    assert_eq!(csv.header("content-type").as_deref(), Some("text/csv; charset=utf-8; header=present"));
    assert!(!csv.text.starts_with('\u{feff}'), "no byte-order mark in RFC 4180 CSV");
    let mut reader = csv::Reader::from_reader(csv.text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows: Vec<HashMap<String, String>> =
        reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(str::to_owned)).collect()).collect();
    let json = app.get(&format!("/open-data/{id}.json"), None).await.succeeded(200);
    let objects: Vec<Value> = serde_json::from_str(&json.text).unwrap_or_else(|e| panic!("{id}: {e}: {}", json.text));
    assert_eq!(objects.len(), rows.len(), "{id}: the same rows in both formats");
    for object in &objects {
        let keys: Vec<&String> = object.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), header.len(), "{id}: every field of the dictionary, once");
    }
    (header, rows, objects)
}

both!(the_catalogue_describes_every_dataset_with_its_dictionary, |app| async move {
    let catalogue = app.get("/open-data", None).await.expect(200);
    let items = items(&catalogue);
    assert_eq!(items.iter().map(|d| d["id"].as_str().unwrap()).collect::<Vec<_>>(), DATASETS);
    for dataset in items {
        let id = dataset["id"].as_str().unwrap();
        assert_eq!(dataset["license"], "https://creativecommons.org/licenses/by/4.0/");
        assert_eq!(dataset["formats"], json!(["csv", "json"]));
        assert_eq!(dataset["csv_url"], format!("https://spoluplan.example.cz/api/v1/open-data/{id}.csv"));
        let fields = dataset["fields"].as_array().unwrap();
        assert!(fields.iter().all(|f| !f["description"].as_str().unwrap().is_empty() && f["type"].is_string()), "{dataset}");
        // The CSV's header is the dictionary, in its order.
        let (header, _, _) = download(&app, id).await;
        assert_eq!(header, fields.iter().map(|f| f["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>(), "{id}");
        assert_eq!(&app.get(&format!("/open-data/{id}"), None).await.expect(200), dataset);
    }
    app.get("/open-data/sluzby.csv", None).await.expect(404);
    app.get("/open-data/sluzby", None).await.expect(404);
    app.get("/open-data/plans.xml", None).await.expect(404);

    // For the national catalogue: DCAT-AP-CZ JSON-LD, the catalogue listing each dataset's IRI,
    // which answers the dataset with its distributions.
    let ld = [("Accept", "application/ld+json")];
    let doc = app.send(reqwest::Method::GET, "/open-data", None, None, &ld).await.succeeded(200);
    assert_eq!(doc.header("content-type").as_deref(), Some("application/ld+json"));
    let doc = doc.json();
    assert_eq!((doc["typ"].as_str(), doc["datová_sada"].as_array().map(Vec::len)), (Some("Katalog"), Some(11)));
    assert_eq!(doc["poskytovatel"], "https://rpp-opendata.egon.gov.cz/odrpp/zdroj/orgán-veřejné-moci/00000001");
    let iri = doc["datová_sada"][5].as_str().unwrap();
    assert_eq!(iri, "https://spoluplan.example.cz/api/v1/open-data/services");
    let services = app.send(reqwest::Method::GET, "/open-data/services", None, None, &ld).await.succeeded(200).json();
    assert_eq!((services["typ"].as_str(), services["iri"].as_str()), (Some("Datová sada"), Some(iri)));
    let csv = &services["distribuce"][0];
    assert_eq!(csv["soubor_ke_stažení"], format!("{iri}.csv"));
    assert_eq!(csv["formát"], "http://publications.europa.eu/resource/authority/file-type/CSV");
    assert_eq!(csv["podmínky_užití"]["autorské_dílo"], "https://creativecommons.org/licenses/by/4.0/");
    assert_eq!(csv["podmínky_užití"]["autor"]["cs"], "Obec Zkušební");
});

both!(datasets_hold_what_the_public_reads_and_never_a_name_or_an_address, |app| async move {
    let k = app.open_consultation().await;
    let c = k.coordinator.token.as_str();
    let measure = json!({
        "funding_sources": [{"year": 2026, "source": "municipality", "planned": "50000", "actual": "48000.50"},
                            {"year": 2027, "source": "region", "planned": "60000", "actual": null}],
        "indicators": [{"name": "Počet klientů", "unit": "osoby", "baseline": 10, "target": 25,
                        "values": [{"year": 2026, "value": 12}, {"year": 2027, "value": 18.5}]}],
    });
    app.patch_measure(&k.measure, Some(c), measure).await.expect(200);
    let draft = app.plan(&k.coordinator).await;
    let draft_goal = app.create_goal(&draft, c, json!({"code": "9", "title": "Rozpracovaný cíl"})).await;
    app.create_measure(&draft_goal, c, json!({"code": "9.1", "title": "Rozpracované opatření"})).await;

    let org = app
        .post("/organizations", Some(c), json!({"name": "Charita Zkušební", "kind": "ngo", "email": "charita@zkusebni.example.cz"}))
        .await;
    let org = id(&org.expect(201));
    app.create_service(
        c,
        &org,
        "Odlehčovací služba",
        json!({"email": "odlehceni@zkusebni.example.cz", "forms": ["field"],
        "capacities": [{"form": "field", "count": 12, "unit": "clients"}]}),
    )
    .await;
    let need = json!({"title": "Chybí bezbariérová doprava", "author_name": "Jana Nováková", "author_email": "jana@zkusebni.example.cz"});
    app.post("/needs", None, need).await.expect(201);
    // Consultation comments: one settled, one settled and then hidden, one not settled.
    let anonymous = |body: &str| {
        json!({"target_type": "measure", "target_id": k.measure, "body": body,
                                        "author_name": "Petr Svoboda", "author_email": "petr@zkusebni.example.cz"})
    };
    let settled = app.create_comment(None, anonymous("Rozšířit o víkendy.")).await;
    let hidden = app.create_comment(None, anonymous("Nevhodný příspěvek.")).await;
    app.create_comment(None, anonymous("Ještě nevypořádáno.")).await;
    let accepted = json!({"resolution": "accepted", "note": "Oprávněná připomínka.", "change": "Doplněny víkendy."});
    app.resolve(&settled, Some(c), accepted.clone()).await.expect(200);
    app.resolve(&hidden, Some(c), json!({"resolution": "noted"})).await.expect(200);
    app.hide(&hidden, Some(c), "vulgarita").await;

    let mut everything = String::new();
    for id in DATASETS {
        let csv = app.get(&format!("/open-data/{id}.csv"), None).await.succeeded(200).text;
        let json = app.get(&format!("/open-data/{id}.json"), None).await.succeeded(200).text;
        everything.push_str(&csv);
        everything.push_str(&json);
    }
    for secret in ["@", "Jana Nováková", "Petr Svoboda", "Rozpracovan", "Nevhodný příspěvek", "Ještě nevypořádáno"] {
        assert!(!everything.contains(secret), "{secret:?} is in the open data");
    }

    let (_, plans, _) = download(&app, "plans").await;
    assert_eq!(plans.iter().map(|p| p["id"].as_str()).collect::<Vec<_>>(), [k.plan.as_str()], "drafts are left out");
    assert_eq!(plans[0]["status"], "consultation");
    let (_, measures, _) = download(&app, "measures").await;
    assert_eq!(measures.iter().map(|m| m["code"].as_str()).collect::<Vec<_>>(), ["1.1"]);
    let (_, values, objects) = download(&app, "indicator-values").await;
    let long: Vec<(&str, &str)> = values.iter().map(|v| (v["year"].as_str(), v["value"].as_str())).collect();
    assert_eq!(long, [("2026", "12.0"), ("2027", "18.5")], "a row per indicator and year");
    assert_eq!(
        (&objects[1]["value"], &objects[1]["indicator"], &objects[1]["target"]),
        (&json!(18.5), &json!("Počet klientů"), &json!(25.0))
    );
    let (_, _, funding) = download(&app, "funding").await;
    let money: Vec<(&Value, &Value, &Value)> = funding.iter().map(|f| (&f["source"], &f["planned"], &f["actual"])).collect();
    assert_eq!(money, [(&json!("municipality"), &json!(50000.0), &json!(48000.5)), (&json!("region"), &json!(60000.0), &Value::Null)]);
    let (_, services, objects) = download(&app, "services").await;
    assert_eq!((services[0]["organization_name"].as_str(), services[0]["capacities"].as_str()), ("Charita Zkušební", "field/clients/12"));
    assert_eq!(objects[0]["forms"], json!(["field"]), "lists are arrays in JSON");
    let (_, comments, _) = download(&app, "consultation-comments").await;
    assert_eq!(comments.len(), 1, "only the settled, published one: {comments:?}");
    assert_eq!((comments[0]["id"].as_str(), comments[0]["resolution"].as_str()), (settled.as_str(), "accepted"));
    assert_eq!(comments[0]["resolution_change"], "Doplněny víkendy.");
    let (_, needs, _) = download(&app, "needs").await;
    assert_eq!(needs[0]["title"], "Chybí bezbariérová doprava");
});

both!(a_dataset_of_many_pages_streams_whole_in_order, |app| async move {
    // 1,234 organizations: three pages of the stream's 500 rows, written straight to the database.
    let now = Utc::now();
    let mut ids: Vec<Uuid> = (0..1234).map(|_| Uuid::now_v7()).collect();
    let rows = ids.iter().enumerate().map(|(i, id)| organization::ActiveModel {
        id: Set(*id),
        name: Set(format!("Organizace č. {i}, \"zkušební\"")),
        ico: Set(None),
        kind: Set(OrganizationKind::Provider),
        address: Set(Some("Náměstí 1\nKrumlov".into())),
        web: Set(None),
        email: Set(None),
        phone: Set(None),
        description: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    });
    for chunk in rows.collect::<Vec<_>>().chunks(200) {
        organization::Entity::insert_many(chunk.to_vec()).exec_without_returning(&app.db).await.unwrap();
    }
    ids.sort();
    let (_, rows, objects) = download(&app, "organizations").await;
    let listed: Vec<Uuid> = rows.iter().map(|r| r["id"].parse().unwrap()).collect();
    assert_eq!(listed, ids, "every row once, in id order");
    assert_eq!(rows[0]["address"], "Náměstí 1\nKrumlov", "a line break survives quoting");
    assert!(objects.iter().all(|o| o["name"].as_str().unwrap().ends_with("\"zkušební\"")));

    // A filtered dataset over many windows of ids: 1,100 plans, the first 600 and then every third
    // a draft, so the first window holds no public plan and later ones a part; every public plan
    // comes, once, in order, in both formats.
    let draft = |i: usize| i < 600 || i.is_multiple_of(3);
    let plans: Vec<(Uuid, PlanStatus)> =
        (0..1100).map(|i| (Uuid::now_v7(), if draft(i) { PlanStatus::Draft } else { PlanStatus::Approved })).collect();
    let rows = plans.iter().map(|(id, status)| plan::ActiveModel {
        id: Set(*id),
        title: Set("Plán".into()),
        territory: Set("Obec".into()),
        territory_id: Set(None),
        period_start: Set(2026),
        period_end: Set(2028),
        summary: Set(String::new()),
        vision: Set(String::new()),
        status: Set(*status),
        consultation_closes_at: Set(None),
        closing_reminder_for: Set(None),
        approval_resolution: Set(None),
        approved_on: Set(None),
        previous_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    });
    for chunk in rows.collect::<Vec<_>>().chunks(200) {
        plan::Entity::insert_many(chunk.to_vec()).exec_without_returning(&app.db).await.unwrap();
    }
    let public: Vec<Uuid> = plans.iter().filter(|(_, s)| *s != PlanStatus::Draft).map(|(id, _)| *id).collect();
    let (_, rows, objects) = download(&app, "plans").await;
    assert_eq!(rows.iter().map(|r| r["id"].parse().unwrap()).collect::<Vec<Uuid>>(), public);
    assert_eq!(objects.iter().map(|o| o["id"].as_str().unwrap().parse().unwrap()).collect::<Vec<Uuid>>(), public);
});
