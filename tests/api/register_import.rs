//! The import of the national register (RPSS): providers become organizations by IČO, entries
//! services by identifikator; a second run changes nothing, services that left the register are
//! ended, unknown code-list ids are counted, personal data never stored, a malformed file changes
//! nothing. The files are small ones in the register's shape with invented providers.
use serde_json::{Value, json};

use crate::both;
use crate::helpers::*;

const ICO_A: &str = ICOS[0];
const ICO_B: &str = ICOS[1];
const MUNICIPALITY: &str = "554499";

/// Three services of two providers, all in the municipality `MUNICIPALITY`: two of pečovatelská
/// služba (`DruhSocialniSluzby/4`), one of domovy pro seniory (`/13`).
fn three() -> Vec<Value> {
    vec![
        register_entry("1000001", ICO_A, "Pečovatelé Sokolov, z. ú.", 4, MUNICIPALITY),
        register_entry("1000002", ICO_A, "Pečovatelé Sokolov, z. ú.", 4, MUNICIPALITY),
        register_entry("1000003", ICO_B, "Domov Na Výsluní, p. o.", 13, MUNICIPALITY),
    ]
}

/// The summary's counts, without its lists.
fn counts(summary: &Value) -> Value {
    json!({
        "created": summary["created"], "updated": summary["updated"], "unchanged": summary["unchanged"],
        "ended": summary["ended"], "skipped": summary["skipped"],
        "organizations_created": summary["organizations_created"], "organizations_updated": summary["organizations_updated"],
    })
}

fn expected(created: u64, updated: u64, unchanged: u64, ended: u64, skipped: u64, orgs_created: u64, orgs_updated: u64) -> Value {
    json!({
        "created": created, "updated": updated, "unchanged": unchanged, "ended": ended, "skipped": skipped,
        "organizations_created": orgs_created, "organizations_updated": orgs_updated,
    })
}

async fn services(app: &TestApp) -> Vec<Value> {
    items(&app.get("/services?limit=100", None).await.expect(200)).clone()
}

fn by_registration<'a>(all: &'a [Value], registration: &str) -> &'a Value {
    all.iter().find(|s| s["registration_id"] == registration).unwrap_or_else(|| panic!("no service {registration}: {all:?}"))
}

both!(the_register_is_imported_once_and_a_second_run_changes_nothing, |app| async move {
    let admin = app.admin().await;
    let town = app.create_territory(&admin.token, "Sokolov", "municipality", None).await;
    app.patch(&format!("/territories/{town}"), Some(&admin.token), json!({"code": MUNICIPALITY})).await.expect(200);

    let first = app.import_register(Some(&admin.token), "", register_file(three()), &[]).await.expect(200);
    assert_eq!(counts(&first), expected(3, 0, 0, 0, 0, 2, 0), "{first}");
    assert_eq!((first["entries"].as_u64(), first["dry_run"].as_bool()), (Some(3), Some(false)));
    assert_eq!(first["unknown_codes"]["kinds"], 0);

    let all = services(&app).await;
    assert_eq!(all.len(), 3);
    let care = by_registration(&all, "1000001");
    assert_eq!(care["kind_code"], "pecovatelska_sluzba");
    assert_eq!(care["name"], "Pečovatelé Sokolov, z. ú., služba 1000001");
    assert_eq!(care["forms"], json!(["field"]));
    assert_eq!(care["capacities"], json!([{"form": "field", "count": 40, "unit": "clients"}]));
    assert_eq!(care["target_group_codes"], json!(["seniori"]));
    assert_eq!(care["territory_ids"], json!([town]));
    assert_eq!(care["municipality_code"], MUNICIPALITY);
    assert_eq!(care["address"], "Nemocniční 2272/54, 35201");
    assert_eq!(care["email"], "sluzba1000001@pecovatele.example.cz", "the service's own contact first");
    assert_eq!(care["web"], "www.pecovatele.example.cz", "else the provider's");
    assert_eq!(care["valid_from"], "2015-03-01");
    assert!(care["valid_to"].is_null());
    assert_eq!(by_registration(&all, "1000003")["kind_code"], "domovy_pro_seniory");
    let providers = app.get(&format!("/organizations?ico={ICO_A}"), None).await.expect(200);
    let provider = &items(&providers)[0];
    assert_eq!((provider["name"].as_str(), provider["kind"].as_str()), (Some("Pečovatelé Sokolov, z. ú."), Some("provider")));
    assert_eq!(provider["address"], "Náměstí 12/3, 35201");
    assert_eq!(care["organization_id"], provider["id"]);

    let second = app.import_register(Some(&admin.token), "", register_file(three()), &[]).await.expect(200);
    assert_eq!(counts(&second), expected(0, 0, 3, 0, 0, 0, 0), "{second}");
    let again = services(&app).await;
    for s in &all {
        let same = by_registration(&again, s["registration_id"].as_str().unwrap());
        assert_eq!(same["version"], s["version"], "not even the version moves");
    }
});

both!(a_changed_entry_is_updated_and_one_that_left_is_ended_not_deleted, |app| async move {
    let admin = app.admin().await;
    app.import_register(Some(&admin.token), "", register_file(three()), &[]).await.expect(200);
    let mut changed = three();
    changed.pop();
    changed[0]["formy"][0]["kapacity"][0]["pocet"] = json!(55);
    // The provider's phone, in each of its entries: the service without a phone of its own takes it.
    for entry in &mut changed {
        entry["poskytovatel"]["telefony"] = json!([{"telefon": "354 999 999", "poznamka": null}]);
    }
    let summary = app.import_register(Some(&admin.token), "", register_file(changed.clone()), &[]).await.expect(200);
    assert_eq!(counts(&summary), expected(0, 2, 0, 1, 0, 0, 1), "{summary}");
    let all = services(&app).await;
    assert_eq!(all.len(), 3, "the service that left the register is kept");
    assert_eq!(by_registration(&all, "1000001")["capacities"][0]["count"], 55);
    assert_eq!(by_registration(&all, "1000002")["phone"], "354 999 999");
    let left = by_registration(&all, "1000003");
    let yesterday = (api::clock::today() - chrono::Days::new(1)).to_string();
    assert_eq!(left["valid_to"], yesterday.as_str());
    let inactive = app.get("/services?active=false", None).await.expect(200);
    assert_eq!(items(&inactive).iter().map(|s| s["registration_id"].clone()).collect::<Vec<_>>(), [json!("1000003")]);

    let again = app.import_register(Some(&admin.token), "", register_file(changed), &[]).await.expect(200);
    assert_eq!(counts(&again), expected(0, 0, 2, 0, 0, 0, 0), "an ended service is not ended again: {again}");
    // Back in the register, it is provided again.
    let back = app.import_register(Some(&admin.token), "", register_file(three()), &[]).await.expect(200);
    assert_eq!(back["updated"], 3, "{back}");
    assert!(by_registration(&services(&app).await, "1000003")["valid_to"].is_null());
});

both!(an_unknown_code_list_id_is_imported_and_counted, |app| async move {
    let admin = app.admin().await;
    let mut entries = three();
    entries[0]["druhSocialniSluzby"] = json!({"id": "DruhSocialniSluzby/99"});
    entries[1]["ciloveSkupiny"] =
        json!([{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}, {"cilovaSkupina": {"id": "CilovaSkupinaOsoby/999"}}]);
    entries[1]["formy"][0]["kapacity"][0]["typ"] = json!({"id": "TypKapacitySocialniSluzby/novy"});
    entries[2]["formy"] = json!([{"forma": {"id": "FormaSocialniSluzby/pob"}, "kapacity": [{"pocet": 30, "typ": {"id": "TypKapacitySocialniSluzby/luzka"}}]},
                                 {"forma": {"id": "FormaSocialniSluzby/xyz"}, "kapacity": []}]);
    let summary = app.import_register(Some(&admin.token), "", register_file(entries), &[]).await.expect(200);
    assert_eq!(summary["created"], 3, "never silently dropped: {summary}");
    assert_eq!(
        summary["unknown_codes"],
        json!({"kinds": 1, "target_groups": 1, "forms": 1, "capacity_types": 1,
               "ids": ["CilovaSkupinaOsoby/999", "DruhSocialniSluzby/99", "FormaSocialniSluzby/xyz", "TypKapacitySocialniSluzby/novy"]})
    );
    let all = services(&app).await;
    let open = by_registration(&all, "1000001");
    assert!(open["kind_code"].is_null(), "the kind is left open");
    assert_eq!(open["name"], "Pečovatelé Sokolov, z. ú., služba 1000001");
    let groups = by_registration(&all, "1000002");
    assert_eq!((groups["target_group_codes"].clone(), groups["capacities"].clone()), (json!(["seniori"]), json!([])));
    let home = by_registration(&all, "1000003");
    assert_eq!(home["forms"], json!(["residential"]));
    assert_eq!(home["capacities"], json!([{"form": "residential", "count": 30, "unit": "beds"}]));
});

both!(personal_data_in_the_file_is_never_stored, |app| async move {
    let admin = app.admin().await;
    app.import_register(Some(&admin.token), "", register_file(three()), &[]).await.expect(200);
    let answers = [
        app.get("/services?limit=100", None).await.text,
        app.get("/organizations?limit=100", None).await.text,
        app.get("/audit?limit=100", Some(&admin.token)).await.text,
    ];
    for text in answers {
        assert!(!text.contains(STATUTORY_SURNAME) && !text.contains("Vedoucíček"), "{text}");
    }
    // Nor anywhere in the database: every table, as a dump writes it.
    let dir = TempDir(std::env::temp_dir().join(format!("spoluplan-rpss-{}", uuid::Uuid::now_v7())));
    std::fs::create_dir_all(&dir.0).unwrap();
    let file = dir.0.join("dump.jsonl");
    api::dump::dump(&app.db, &file).await.unwrap();
    let everything = std::fs::read_to_string(&file).unwrap();
    assert!(everything.contains("Pečovatelé Sokolov") && !everything.contains(STATUTORY_SURNAME) && !everything.contains("Vedoucíček"));
});

both!(a_malformed_entry_is_named_and_nothing_changes, |app| async move {
    let admin = app.admin().await;
    let mut entries = three();
    entries[1]["poskytovatel"]["nazev"] = json!(42);
    let problem = app.import_register(Some(&admin.token), "", register_file(entries), &[]).await.expect(422);
    assert_eq!(fields(&problem), ["polozky[1].poskytovatel.nazev"]);
    let message = problem["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("entry 1") && message.contains("1000002"), "{message}");
    assert!(services(&app).await.is_empty(), "not even the entry before it");
    assert!(items(&app.get("/organizations", None).await.expect(200)).is_empty());

    let mut nameless = three();
    nameless[2].as_object_mut().unwrap().remove("identifikator");
    let problem = app.import_register(Some(&admin.token), "", register_file(nameless), &[]).await.expect(422);
    assert_eq!(fields(&problem), ["polozky[2]"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("identifikator"), "{problem}");

    let mut dated = three();
    dated[0]["datumPoskytovaniOd"] = json!("1. 3. 2015");
    let problem = app.import_register(Some(&admin.token), "", register_file(dated), &[]).await.expect(422);
    assert_eq!(fields(&problem), ["polozky[0].datumPoskytovaniOd"]);

    let problem = app.import_register(Some(&admin.token), "", br#"{"items": []}"#.to_vec(), &[]).await.expect(422);
    assert_eq!(fields(&problem), ["polozky"]);
    let mut cut = register_file(three());
    cut.truncate(cut.len() / 2);
    let problem = app.import_register(Some(&admin.token), "", cut, &[]).await.expect(400);
    assert!(problem["detail"].as_str().unwrap().contains("polozky["), "{problem}");
    app.import_register(Some(&admin.token), "", b"not json".to_vec(), &[]).await.expect(400);
    assert!(services(&app).await.is_empty());
});

both!(entries_without_a_valid_ico_or_twice_in_the_file_are_skipped_and_listed, |app| async move {
    let admin = app.admin().await;
    let mut entries = three();
    entries[0]["poskytovatel"]["ico"] = json!("27100015");
    entries.push(register_entry("1000002", ICO_B, "Domov Na Výsluní, p. o.", 13, MUNICIPALITY));
    let summary = app.import_register(Some(&admin.token), "", register_file(entries), &[]).await.expect(200);
    assert_eq!(counts(&summary), expected(2, 0, 0, 0, 2, 2, 0), "{summary}");
    let errors = summary["errors"].as_array().unwrap();
    assert_eq!((errors[0]["index"].as_u64(), errors[0]["identifikator"].as_str()), (Some(0), Some("1000001")));
    assert_eq!(errors[0]["field"], "poskytovatel.ico");
    assert_eq!((errors[1]["index"].as_u64(), errors[1]["field"].as_str()), (Some(3), Some("identifikator")));
    // An IČO written as a number has lost its leading zeros; they are put back.
    let zero = register_entry("1000009", "00064581", "Praha", 4, MUNICIPALITY);
    let mut as_number = zero.clone();
    as_number["poskytovatel"]["ico"] = json!(64581);
    let summary = app.import_register(Some(&admin.token), "", register_file(vec![as_number]), &[]).await.expect(200);
    assert_eq!(summary["created"], 1, "{summary}");
    assert_eq!(items(&app.get("/organizations?ico=00064581", None).await.expect(200)).len(), 1);
});

both!(a_dry_run_answers_the_summary_and_writes_nothing, |app| async move {
    let admin = app.admin().await;
    let summary = app.import_register(Some(&admin.token), "?dry_run=true", register_file(three()), &[]).await.expect(200);
    assert_eq!(counts(&summary), expected(3, 0, 0, 0, 0, 2, 0));
    assert_eq!(summary["dry_run"], true);
    assert!(services(&app).await.is_empty());
    assert!(items(&app.get("/organizations", None).await.expect(200)).is_empty());
    app.import_register(Some(&admin.token), "?dry=1", register_file(three()), &[]).await.expect(400);
});

both!(a_gzip_body_is_inflated_with_or_without_its_header, |app| async move {
    let admin = app.admin().await;
    let packed = gzip(&register_file(three()));
    let summary = app.import_register(Some(&admin.token), "", packed.clone(), &[("content-encoding", "gzip")]).await.expect(200);
    assert_eq!(summary["created"], 3);
    let summary = app.import_register(Some(&admin.token), "", packed, &[("content-type", "application/gzip")]).await.expect(200);
    assert_eq!(summary["unchanged"], 3);
    app.import_register(Some(&admin.token), "", register_file(three()), &[("content-encoding", "br")]).await.expect(415);
    let mut broken = gzip(&register_file(three()));
    broken.truncate(broken.len() - 20);
    app.import_register(Some(&admin.token), "", broken, &[]).await.expect(400);
});

both!(a_file_over_the_limit_is_refused_whole, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.limits.register_file_bytes = 4_000).await;
    let admin = app.admin().await;
    let big: Vec<Value> = (0..10).map(|i| register_entry(&format!("20000{i:02}"), ICO_A, "Pečovatelé", 4, MUNICIPALITY)).collect();
    let problem = app.import_register(Some(&admin.token), "", register_file(big.clone()), &[]).await.expect(413);
    assert!(problem["detail"].as_str().unwrap().contains("4000"), "{problem}");
    // The limit is on the JSON, so a small gzip of a large file does not pass it.
    app.import_register(Some(&admin.token), "", gzip(&register_file(big)), &[]).await.expect(413);
    assert!(services(&app).await.is_empty());
});

both!(only_admins_import_the_register, |app| async move {
    let coordinator = app.coordinator().await;
    app.import_register(Some(&coordinator.token), "", register_file(three()), &[]).await.expect(403);
    app.import_register(None, "", register_file(three()), &[]).await.expect(401);
    assert!(services(&app).await.is_empty());
});

/// The register's code list of target groups, as MPSV shapes it, with `items` of `(number, name)`.
fn code_list(items: &[(&str, &str)]) -> Value {
    let items: Vec<Value> = items.iter().map(|(n, name)| json!({"id": format!("CilovaSkupinaOsoby/{n}"), "nazev": {"cs": name}})).collect();
    json!({"@context": "https://data.mpsv.cz/ciselniky/kontexty/ciselnik.jsonld", "polozky": items})
}

both!(the_register_code_list_gives_our_target_groups_its_ids, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let list = code_list(&[("24", "senioři"), ("8", "Osoby v  krizi"), ("99", "osoby s poruchou autistického spektra")]);
    let dry = app.post("/imports/target-groups?dry_run=true", t, list.clone()).await.expect(200);
    assert_eq!(
        (&dry["items"], &dry["known"], &dry["linked"], &dry["created"], &dry["dry_run"]),
        (&json!(3), &json!(1), &json!(["CilovaSkupinaOsoby/8"]), &json!(["CilovaSkupinaOsoby/99"]), &json!(true))
    );
    assert!(app.get("/target-groups/osoby_v_krizi", None).await.expect(200)["register_id"].is_null(), "a dry run writes nothing");

    let done = app.post("/imports/target-groups", t, list.clone()).await.expect(200);
    assert_eq!((&done["linked"], &done["created"]), (&dry["linked"], &dry["created"]));
    // A group matched by name keeps its code and wording; one the installation lacked is added.
    let linked = app.get("/target-groups/osoby_v_krizi", None).await.expect(200);
    assert_eq!((linked["name"].as_str(), linked["register_id"].as_str()), (Some("osoby v krizi"), Some("CilovaSkupinaOsoby/8")));
    let added = app.get("/target-groups/osoby_s_poruchou_autistickeho_spektra", None).await.expect(200);
    assert_eq!(
        (added["name"].as_str(), added["register_id"].as_str()),
        (Some("osoby s poruchou autistického spektra"), Some("CilovaSkupinaOsoby/99"))
    );
    let again = app.post("/imports/target-groups", t, list).await.expect(200);
    assert_eq!((&again["known"], &again["linked"], &again["created"]), (&json!(3), &json!([]), &json!([])), "a second run changes nothing");

    // The register import now keeps the groups it left out before.
    let mut entry = register_entry("2000001", ICO_A, "Krizové centrum, z. ú.", 4, MUNICIPALITY);
    entry["ciloveSkupiny"] = json!([{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/8"}}, {"cilovaSkupina": {"id": "CilovaSkupinaOsoby/99"}}]);
    let imported = app.import_register(t, "", register_file(vec![entry]), &[]).await.expect(200);
    assert_eq!(imported["unknown_codes"]["target_groups"], 0, "{imported}");
    let service = &services(&app).await[0];
    assert_eq!(service["target_group_codes"], json!(["osoby_v_krizi", "osoby_s_poruchou_autistickeho_spektra"]));

    let trail = app.get("/audit?entity_type=target_groups", t).await.expect(200);
    assert_eq!(items(&trail).len(), 2, "the two runs that wrote: {trail}");
    assert_eq!(items(&trail)[0]["actor_label"], admin.email.as_str());
});

both!(a_malformed_code_list_names_the_item_and_changes_nothing, |app| async move {
    let admin = app.admin().await;
    let t = Some(admin.token.as_str());
    let list = code_list(&[("55", "osoby s poruchou příjmu potravy"), ("24", "senioři")]);
    let coordinator = app.coordinator().await;
    app.post("/imports/target-groups", Some(&coordinator.token), list.clone()).await.expect(403);
    app.post("/imports/target-groups", None, list).await.expect(401);

    let mut bad = code_list(&[("55", "osoby s poruchou příjmu potravy"), ("24", "senioři"), ("55", "osoby v krizi")]);
    bad["polozky"][1]["id"] = json!("DruhSocialniSluzby/4");
    bad["polozky"][0]["nazev"]["cs"] = json!("  ");
    let refused = app.post("/imports/target-groups", t, bad).await.expect(422);
    assert_eq!(fields(&refused), ["polozky[0].nazev.cs", "polozky[1].id", "polozky[2].id"], "{refused}");
    let missing = app.post("/imports/target-groups", t, json!({"polozky": [{"id": "CilovaSkupinaOsoby/1"}]})).await.expect(422);
    assert_eq!(fields(&missing), ["polozky[0].nazev"], "{missing}");
    let groups = app.get("/target-groups?q=potravy", None).await.expect(200);
    assert!(items(&groups).is_empty(), "nothing imported: {groups}");
});
