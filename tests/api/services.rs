//! The network of social services: the code lists (kinds of the Act, target groups), organizations
//! with their IČO, services with their lists and filters, and who may change them.
use serde_json::{Value, json};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

fn names(page: &Value) -> Vec<&str> {
    items(page).iter().map(|i| i["name"].as_str().unwrap()).collect()
}

both!(the_kinds_of_the_act_are_a_public_code_list, |app| async move {
    let kinds = app.get("/service-kinds", None).await.expect(200);
    let all = items(&kinds);
    assert_eq!(all.len(), 34, "§37 twice, §39–§52 and §54–§70 with §60a");
    assert!(kinds["next_cursor"].is_null());
    let first = &all[0];
    assert_eq!(
        (first["paragraph"].as_str(), first["name"].as_str(), first["group"].as_str()),
        (Some("§37"), Some("základní sociální poradenství"), Some("counselling"))
    );
    let care: Vec<&str> = all.iter().filter(|k| k["group"] == "care").map(|k| k["paragraph"].as_str().unwrap()).collect();
    assert_eq!(care.first().copied(), Some("§39"));
    assert_eq!(care.last().copied(), Some("§52"));
    assert_eq!(care.len(), 14);
    let prevention: Vec<&str> = all.iter().filter(|k| k["group"] == "prevention").map(|k| k["paragraph"].as_str().unwrap()).collect();
    assert_eq!((prevention.first().copied(), prevention.last().copied(), prevention.len()), (Some("§54"), Some("§70"), 18));
    let homes = all.iter().find(|k| k["code"] == "domovy_pro_seniory").unwrap();
    assert_eq!((homes["paragraph"].as_str(), homes["register_id"].as_str()), (Some("§49"), Some("DruhSocialniSluzby/13")));
    let codes: std::collections::BTreeSet<&str> = all.iter().map(|k| k["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 34, "codes are unique");
    let counselling = app.get("/service-kinds?group=counselling", None).await.expect(200);
    assert_eq!(names(&counselling), ["základní sociální poradenství", "odborné sociální poradenství"]);
    app.get("/service-kinds?group=health", None).await.expect(400);
    app.get("/service-kinds?limit=5", None).await.expect(400);
});

both!(target_groups_are_seeded_and_coordinators_add_more, |app| async move {
    let c = app.coordinator().await;
    let seeded = app.get("/target-groups?limit=200", None).await.expect(200);
    let codes: Vec<&str> = items(&seeded).iter().map(|g| g["code"].as_str().unwrap()).collect();
    for code in ["seniori", "osoby_se_zdravotnim_postizenim", "deti_mladez_a_rodiny", "osoby_v_krizi", "etnicke_mensiny", "pecujici_osoby"]
    {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert_eq!(items(&seeded)[0]["register_id"], "CilovaSkupinaOsoby/24");
    let body = json!({"code": "osoby_s_pas", "name": "osoby s poruchou autistického spektra"});
    app.post("/target-groups", None, body.clone()).await.expect(401);
    app.post("/target-groups", Some(&app.member().await.token), body.clone()).await.expect(403);
    let answer = app.post("/target-groups", Some(&c.token), body.clone()).await;
    let made = answer.expect(201);
    assert_eq!(answer.header("location").as_deref(), Some("/api/v1/target-groups/osoby_s_pas"));
    assert_eq!(made["version"], 1);
    let read = app.get("/target-groups/osoby_s_pas", None).await;
    assert_eq!(read.expect(200)["name"], "osoby s poruchou autistického spektra");
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    app.get("/target-groups/nikdo", None).await.expect(404);
    let taken = app.post("/target-groups", Some(&c.token), body).await.expect(409);
    assert_eq!((taken["code"].as_str(), fields(&taken)), (Some("duplicate"), vec!["code".to_string()]));
    let bad = app.post("/target-groups", Some(&c.token), json!({"code": "Osoby s PAS", "name": " "})).await.expect(422);
    assert_eq!(fields(&bad), ["code", "name"]);
    let found = app.get("/target-groups?q=autist", None).await.expect(200);
    assert_eq!(names(&found), ["osoby s poruchou autistického spektra"]);
    // A page of two, then the next, never the same group twice.
    let first = app.get("/target-groups?limit=2", None).await.expect(200);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app.get(&format!("/target-groups?limit=2&cursor={cursor}"), None).await.expect(200);
    assert_ne!(items(&first)[1]["code"], items(&second)[0]["code"]);
});

both!(organizations_carry_a_checked_unique_ico, |app| async move {
    let c = app.coordinator().await;
    let t = Some(c.token.as_str());
    let body = json!({
        "name": " Charita Český Krumlov ", "ico": ICOS[0], "kind": "church", "address": "Kaplická 1, Český Krumlov",
        "web": "www.charitack.example.cz", "email": "info@charitack.example.cz", "phone": "+420 380 000 000",
    });
    let answer = app.post_organization(t, body).await;
    let made = answer.expect(201);
    let id = id(&made);
    assert_eq!(answer.header("location").unwrap(), format!("/api/v1/organizations/{id}"));
    assert_eq!(answer.header("etag").as_deref(), Some("\"1\""));
    assert_eq!(
        (made["name"].as_str(), made["ico"].as_str(), made["kind"].as_str()),
        (Some("Charita Český Krumlov"), Some(ICOS[0]), Some("church"))
    );
    assert_eq!(made["services"], json!([]));

    // A wrong check digit is a 422 naming the field; a taken IČO a 409.
    let wrong = app.post_organization(t, json!({"name": "Spolek", "kind": "ngo", "ico": "27100015"})).await.expect(422);
    assert_eq!(fields(&wrong), ["ico"]);
    let short = app.post_organization(t, json!({"name": "Spolek", "kind": "ngo", "ico": "2710001"})).await.expect(422);
    assert_eq!(fields(&short), ["ico"]);
    let taken = app.post_organization(t, json!({"name": "Jiná", "kind": "ngo", "ico": format!(" {} ", ICOS[0])})).await.expect(409);
    assert_eq!((taken["code"].as_str(), fields(&taken)), (Some("duplicate"), vec!["ico".to_string()]));
    let many = app.post_organization(t, json!({"name": "", "kind": "ngo", "email": "not-an-address", "phone": "1".repeat(101)})).await;
    assert_eq!(fields(&many.expect(422)), ["name", "email", "phone"]);
    app.post_organization(t, json!({"name": "X", "kind": "company"})).await.expect(422);
    app.post_organization(t, json!({"name": "X", "kind": "ngo", "founded": 1990})).await.expect(400);

    // Edits are versioned; null clears; another's IČO is refused there too.
    let other =
        id_of(&app.post_organization(t, json!({"name": "Město Kaplice", "kind": "municipality", "ico": ICOS[1]})).await.expect(201));
    let path = format!("/organizations/{id}");
    app.patch_if(&path, t, "\"2\"", json!({"phone": null})).await.expect(412);
    let edited = app.patch_if(&path, t, "\"1\"", json!({"phone": null, "description": "Pomoc lidem v nouzi"})).await;
    let edited_body = edited.expect(200);
    assert_eq!(edited.header("etag").as_deref(), Some("\"2\""));
    assert!(edited_body["phone"].is_null());
    assert_eq!(edited_body["description"], "Pomoc lidem v nouzi");
    let clash = app.patch(&format!("/organizations/{other}"), t, json!({"ico": ICOS[0]})).await.expect(409);
    assert_eq!(fields(&clash), ["ico"]);
    app.patch(&format!("/organizations/{other}"), t, json!({"ico": "00000002"})).await.expect(422);
    let cleared = app.patch(&format!("/organizations/{other}"), t, json!({"ico": null})).await.expect(200);
    assert!(cleared["ico"].is_null());

    // Filters: by kind, by IČO, by a part of the name in any case.
    assert_eq!(names(&app.get("/organizations?kind=church", None).await.expect(200)), ["Charita Český Krumlov"]);
    assert_eq!(names(&app.get(&format!("/organizations?ico={}", ICOS[0]), None).await.expect(200)), ["Charita Český Krumlov"]);
    assert_eq!(names(&app.get("/organizations?q=KAPLICE", None).await.expect(200)), ["Město Kaplice"]);
    assert!(items(&app.get("/organizations?q=100%25", None).await.expect(200)).is_empty());
    app.get("/organizations?kind=company", None).await.expect(400);
    app.get("/organizations?name=x", None).await.expect(400);
    let page = app.get("/organizations?limit=1", None).await.expect(200);
    assert_eq!(names(&page), ["Charita Český Krumlov"]);
    let next = app.get(&format!("/organizations?limit=1&cursor={}", page["next_cursor"].as_str().unwrap()), None).await.expect(200);
    assert_eq!(names(&next), ["Město Kaplice"]);
    assert!(next["next_cursor"].is_null());

    app.delete_if(&path, t, "\"1\"").await.expect(412);
    app.delete(&path, t).await.expect(204);
    app.get(&path, None).await.expect(404);
    app.patch(&path, t, json!({"name": "X"})).await.expect(404);
});

/// The names of the services `GET /services?{query}` answers.
async fn listed(app: &TestApp, query: &str) -> Vec<String> {
    names(&app.get(&format!("/services?{query}"), None).await.expect(200)).into_iter().map(String::from).collect()
}

fn id_of(resource: &Value) -> String {
    id(resource)
}

both!(writes_are_for_coordinators_and_admins, |app| async move {
    let (c, admin, member) = (app.coordinator().await, app.admin().await, app.member().await);
    let body = json!({"name": "Spolek Krok", "kind": "ngo"});
    app.post_organization(None, body.clone()).await.expect(401);
    app.post_organization(Some(&member.token), body.clone()).await.expect(403);
    let org = id(&app.post_organization(Some(&admin.token), body.clone()).await.expect(201));
    let path = format!("/organizations/{org}");
    app.patch(&path, None, json!({"name": "Y"})).await.expect(401);
    app.patch(&path, Some(&member.token), json!({"name": "Y"})).await.expect(403);
    app.delete(&path, Some(&member.token)).await.expect(403);
    let service_body = json!({"organization_id": org, "name": "Terénní program"});
    app.post_service(None, service_body.clone()).await.expect(401);
    app.post_service(Some(&member.token), service_body.clone()).await.expect(403);
    let service = id(&app.post_service(Some(&c.token), service_body).await.expect(201));
    let service_path = format!("/services/{service}");
    app.patch(&service_path, None, json!({"name": "Y"})).await.expect(401);
    app.patch(&service_path, Some(&member.token), json!({"name": "Y"})).await.expect(403);
    app.delete(&service_path, None).await.expect(401);
    app.delete(&service_path, Some(&member.token)).await.expect(403);
    // Anyone reads.
    assert_eq!(app.get(&path, None).await.expect(200)["services"][0]["name"], "Terénní program");
    app.get(&service_path, None).await.expect(200);
});

both!(a_service_carries_its_kind_forms_groups_capacities_and_territories, |app| async move {
    let (c, admin) = (app.coordinator().await, app.admin().await);
    let t = Some(c.token.as_str());
    let tree = app.tree(&admin.token).await;
    let org = app.create_organization(&c.token, "Charita Kaplice").await;
    let body = json!({
        "organization_id": org, "name": "Pečovatelská služba Kaplice", "kind_code": "pecovatelska_sluzba",
        "registration_id": "1234567", "forms": ["field", "outpatient"], "target_group_codes": ["seniori", "osoby_se_zdravotnim_postizenim"],
        "capacities": [{"form": "field", "count": 40, "unit": "clients"}, {"form": "outpatient", "count": 5, "unit": "clients"}],
        "territory_ids": [tree.town], "address": "Náměstí 1, Kaplice", "municipality_code": "545881",
        "web": "www.kaplice.example.cz", "email": "ps@kaplice.example.cz", "phone": "380 000 001",
        "valid_from": "2020-01-01",
    });
    let answer = app.post_service(t, body.clone()).await;
    let made = answer.expect(201);
    let id = id(&made);
    assert_eq!(answer.header("location").unwrap(), format!("/api/v1/services/{id}"));
    assert_eq!(made["organization_name"], "Charita Kaplice");
    assert_eq!(made["forms"], json!(["field", "outpatient"]));
    assert_eq!(made["target_group_codes"], json!(["seniori", "osoby_se_zdravotnim_postizenim"]));
    assert_eq!(made["capacities"][0], json!({"form": "field", "count": 40, "unit": "clients"}));
    assert_eq!(made["territory_ids"], json!([tree.town]));
    assert!(made["valid_to"].is_null());
    let read = app.get(&format!("/services/{id}"), None).await;
    assert_eq!(read.expect(200)["capacities"], made["capacities"]);
    assert_eq!(read.header("etag").as_deref(), Some("\"1\""));
    // The organization answers its services.
    assert_eq!(
        app.get(&format!("/organizations/{org}"), None).await.expect(200)["services"],
        json!([{"id": id, "name": "Pečovatelská služba Kaplice", "kind_code": "pecovatelska_sluzba"}])
    );

    // The registration is unique.
    let mut again = body.clone();
    again["name"] = json!("Jiná");
    let taken = app.post_service(t, again).await.expect(409);
    assert_eq!((taken["code"].as_str(), fields(&taken)), (Some("duplicate"), vec!["registration_id".to_string()]));

    // Every reference and list rule is a 422 naming its field.
    let bad = json!({
        "organization_id": Uuid::now_v7(), "name": "X", "kind_code": "hospic", "forms": ["field", "field"],
        "target_group_codes": ["seniori", "nikdo"], "capacities": [{"form": "residential", "count": 10, "unit": "beds"}],
        "territory_ids": [tree.town, Uuid::now_v7()], "valid_from": "2026-01-01", "valid_to": "2025-12-31",
    });
    let problem = app.post_service(t, bad).await.expect(422);
    assert_eq!(fields(&problem), ["forms[1]", "capacities[0].form", "valid_to"]);
    let unknown = json!({
        "organization_id": Uuid::now_v7(), "name": "X", "kind_code": "hospic", "target_group_codes": ["seniori", "nikdo"],
        "territory_ids": [tree.town, Uuid::now_v7()],
    });
    let problem = app.post_service(t, unknown).await.expect(422);
    assert_eq!(fields(&problem), ["organization_id", "kind_code", "target_group_codes[1]", "territory_ids[1]"]);
    let shape = json!({"organization_id": org, "name": "X", "municipality_code": "5458-81", "target_group_codes": ["Senioři"], "capacities": [], "forms": []});
    assert_eq!(fields(&app.post_service(t, shape).await.expect(422)), ["municipality_code", "target_group_codes[0]"]);
    app.post_service(t, json!({"organization_id": org, "name": "X", "forms": ["mobile"]})).await.expect(422);
    app.post_service(
        t,
        json!({"organization_id": org, "name": "X", "capacities": [{"form": "field", "count": 1, "unit": "beds", "free": 1}]}),
    )
    .await
    .expect(400);

    // A related activity has no kind; a patch replaces the lists it carries and keeps the others.
    let activity = app.create_service(&c.token, &org, "Dobrovolnické centrum", json!({})).await;
    assert!(activity["kind_code"].is_null());
    let path = format!("/services/{id}");
    app.patch_if(&path, t, "\"7\"", json!({"name": "X"})).await.expect(412);
    // Dropping the field form strands its capacity.
    assert_eq!(fields(&app.patch(&path, t, json!({"forms": ["outpatient"]})).await.expect(422)), ["capacities[0].form"]);
    let patched = app
        .patch_if(&path, t, "\"1\"", json!({"forms": ["outpatient"], "capacities": [{"form": "outpatient", "count": 8, "unit": "clients"}], "territory_ids": [tree.orp, tree.micro]}))
        .await
        .expect(200);
    assert_eq!((patched["forms"].clone(), patched["version"].clone()), (json!(["outpatient"]), json!(2)));
    assert_eq!(patched["territory_ids"], json!([tree.orp, tree.micro]));
    assert_eq!(patched["target_group_codes"], json!(["seniori", "osoby_se_zdravotnim_postizenim"]));
    assert_eq!(fields(&app.patch(&path, t, json!({"valid_to": "2019-12-31"})).await.expect(422)), ["valid_to"]);
    assert_eq!(
        fields(&app.patch(&path, t, json!({"kind_code": "hospic", "target_group_codes": ["x"]})).await.expect(422)),
        ["kind_code", "target_group_codes[0]"]
    );
    let related = app.patch(&path, t, json!({"kind_code": null, "registration_id": null})).await.expect(200);
    assert!(related["kind_code"].is_null() && related["registration_id"].is_null());

    // An organization with services cannot be deleted; without them it can.
    let refused = app.delete(&format!("/organizations/{org}"), t).await.expect(409);
    assert_eq!(refused["code"], "in_use");
    app.delete_if(&path, t, "\"1\"").await.expect(412);
    app.delete(&path, t).await.expect(204);
    app.get(&path, None).await.expect(404);
    app.delete(&format!("/services/{}", id_of(&activity)), t).await.expect(204);
    app.delete(&format!("/organizations/{org}"), t).await.expect(204);
});

both!(services_filter_by_kind_form_group_territory_organization_name_and_validity, |app| async move {
    let (c, admin) = (app.coordinator().await, app.admin().await);
    let tree = app.tree(&admin.token).await;
    let charita = app.create_organization(&c.token, "Charita").await;
    let mesto = app.create_organization(&c.token, "Město").await;
    app.create_service(
        &c.token,
        &charita,
        "Pečovatelská služba Kaplice",
        json!({
            "kind_code": "pecovatelska_sluzba", "forms": ["field"], "target_group_codes": ["seniori"], "territory_ids": [tree.town],
        }),
    )
    .await;
    app.create_service(
        &c.token,
        &charita,
        "Domov pro seniory Krumlov",
        json!({
            "kind_code": "domovy_pro_seniory", "forms": ["residential"], "target_group_codes": ["seniori", "osoby_zijici_s_demenci"],
            "capacities": [{"form": "residential", "count": 60, "unit": "beds"}], "territory_ids": [tree.orp],
        }),
    )
    .await;
    app.create_service(
        &c.token,
        &mesto,
        "Terénní program Prachatice",
        json!({
            "kind_code": "terenni_programy", "forms": ["field"], "territory_ids": [tree.other_orp], "valid_to": "2020-12-31",
        }),
    )
    .await;
    app.create_service(&c.token, &mesto, "Klub seniorů", json!({"territory_ids": [tree.micro], "valid_from": "2199-01-01"})).await;
    assert_eq!(listed(&app, "kind_code=domovy_pro_seniory").await, ["Domov pro seniory Krumlov"]);
    assert_eq!(listed(&app, "form=field").await, ["Pečovatelská služba Kaplice", "Terénní program Prachatice"]);
    assert_eq!(listed(&app, "target_group_code=seniori").await, ["Pečovatelská služba Kaplice", "Domov pro seniory Krumlov"]);
    assert_eq!(listed(&app, "target_group_code=seniori&form=residential").await, ["Domov pro seniory Krumlov"]);
    assert_eq!(listed(&app, &format!("organization_id={mesto}")).await, ["Terénní program Prachatice", "Klub seniorů"]);
    assert_eq!(listed(&app, "q=SENIOR").await, ["Domov pro seniory Krumlov", "Klub seniorů"]);
    assert_eq!(listed(&app, "active=true").await, ["Pečovatelská služba Kaplice", "Domov pro seniory Krumlov"]);
    assert_eq!(listed(&app, "active=false").await, ["Terénní program Prachatice", "Klub seniorů"]);
    // A territory includes those below it: the region has both ORPs and the town.
    assert_eq!(
        listed(&app, &format!("territory_id={}", tree.region)).await,
        ["Pečovatelská služba Kaplice", "Domov pro seniory Krumlov", "Terénní program Prachatice"]
    );
    assert_eq!(listed(&app, &format!("territory_id={}", tree.orp)).await, ["Pečovatelská služba Kaplice", "Domov pro seniory Krumlov"]);
    assert_eq!(listed(&app, &format!("territory_id={}", tree.town)).await, ["Pečovatelská služba Kaplice"]);
    assert!(listed(&app, &format!("territory_id={}", Uuid::now_v7())).await.is_empty());
    // A territory a service serves stays (the database refuses: a 409, never a 500).
    let kept = app.delete(&format!("/territories/{}", tree.town), Some(&admin.token)).await.expect(409);
    assert_eq!(kept["code"], "reference");
    app.get("/services?form=mobile", None).await.expect(400);
    app.get("/services?active=maybe", None).await.expect(400);
    app.get("/services?kind=x", None).await.expect(400);
    // Pages of one, in order, to the end.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/services?limit=1&cursor={c}"),
            None => "/services?limit=1".to_string(),
        };
        let page = app.get(&path, None).await.expect(200);
        seen.extend(names(&page).into_iter().map(String::from));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(seen, ["Pečovatelská služba Kaplice", "Domov pro seniory Krumlov", "Terénní program Prachatice", "Klub seniorů"]);
    app.get("/services?limit=201", None).await.expect(422);
});

/// The fields a measure names the network by, as answered.
fn links(measure: &Value) -> (Value, Value, Value, Value) {
    (
        measure["responsible_organization_id"].clone(),
        measure["partner_organization_ids"].clone(),
        measure["service_ids"].clone(),
        measure["target_group_codes"].clone(),
    )
}

both!(measures_name_organizations_services_and_target_groups, |app| async move {
    let c = app.coordinator().await;
    let t = c.token.as_str();
    let charita = app.create_organization(t, "Charita").await;
    let obec = app.create_organization(t, "Obec").await;
    let respite = id(&app.create_service(t, &charita, "Odlehčovací služba", json!({})).await);
    let care = id(&app.create_service(t, &charita, "Pečovatelská služba", json!({})).await);
    let plan = app.plan(&c).await;
    let goal = app.create_goal(&plan, t, json!({"code": "1", "title": "Senioři"})).await;
    let body = json!({"code": "1.1", "title": "Odlehčovací služba", "responsible": "Charita", "partners": ["Obec"],
                      "target_groups": ["senioři"], "responsible_organization_id": charita, "partner_organization_ids": [obec],
                      "service_ids": [respite, care], "target_group_codes": ["seniori", "pecujici_osoby"]});
    let made = app.post_measure(&goal, Some(t), body).await.expect(201);
    let measure = id(&made);
    assert_eq!(links(&made), (json!(charita), json!([obec]), json!([respite, care]), json!(["seniori", "pecujici_osoby"])));
    assert_eq!((made["responsible"].as_str(), made["partners"].clone()), (Some("Charita"), json!(["Obec"])), "the texts stay");
    // Lists, the plan tree and one measure answer the same links.
    let read = app.get(&format!("/measures/{measure}"), Some(t)).await.expect(200);
    assert_eq!(links(&read), links(&made));
    let listed = app.get(&format!("/goals/{goal}/measures"), Some(t)).await.expect(200);
    assert_eq!(links(&items(&listed)[0]), links(&made));
    let tree = app.get(&format!("/plans/{plan}/tree"), Some(t)).await.expect(200);
    assert_eq!(links(&tree["goals"][0]["measures"][0]), links(&made));
    // A bare measure has empty lists.
    let bare = app.post_measure(&goal, Some(t), json!({"code": "1.2", "title": "Jiné"})).await.expect(201);
    assert_eq!(links(&bare), (Value::Null, json!([]), json!([]), json!([])));

    // 422 names each entry that points nowhere or is listed twice; nothing is written.
    let nowhere = Uuid::now_v7().to_string();
    let bad = app
        .post_measure(
            &goal,
            Some(t),
            json!({"code": "1.3", "title": "Špatně", "responsible_organization_id": nowhere, "partner_organization_ids": [obec, nowhere],
                   "service_ids": [respite, nowhere], "target_group_codes": ["seniori", "nikdo"]}),
        )
        .await
        .expect(422);
    assert_eq!(fields(&bad), ["responsible_organization_id", "partner_organization_ids[1]", "service_ids[1]", "target_group_codes[1]"]);
    let twice = app.patch_measure(&measure, Some(t), json!({"service_ids": [care, care], "target_group_codes": ["seniori", "seniori"]}));
    assert_eq!(fields(&twice.await.expect(422)), ["service_ids[1]", "target_group_codes[1]"]);

    // A patch replaces only the lists it sends; null unlinks the responsible organization.
    let patched =
        app.patch_measure(&measure, Some(t), json!({"service_ids": [care], "responsible_organization_id": null})).await.expect(200);
    assert_eq!(links(&patched), (Value::Null, json!([obec]), json!([care]), json!(["seniori", "pecujici_osoby"])));
    let patched = app.patch_measure(&measure, Some(t), json!({"responsible_organization_id": obec, "partner_organization_ids": []}));
    assert_eq!(links(&patched.await.expect(200)), (json!(obec), json!([]), json!([care]), json!(["seniori", "pecujici_osoby"])));
});

both!(services_and_organizations_answer_the_measures_that_name_them, |app| async move {
    let c = app.coordinator().await;
    let t = c.token.as_str();
    let charita = app.create_organization(t, "Charita").await;
    let obec = app.create_organization(t, "Obec").await;
    let spare = app.create_organization(t, "Nikým nejmenovaná").await;
    let respite = id(&app.create_service(t, &charita, "Odlehčovací služba", json!({})).await);
    let lonely = id(&app.create_service(t, &spare, "Bez opatření", json!({})).await);
    let draft = app.plan(&c).await;
    let goal = app.create_goal(&draft, t, json!({"code": "1", "title": "Senioři"})).await;
    let drafted = app
        .create_measure(
            &goal,
            t,
            json!({"code": "1.1", "title": "V návrhu", "service_ids": [respite], "responsible_organization_id": charita}),
        )
        .await;
    let public = app.plan(&c).await;
    let public_goal = app.create_goal(&public, t, json!({"code": "1", "title": "Senioři"})).await;
    let open = app
        .create_measure(
            &public_goal,
            t,
            json!({"code": "2.1", "title": "Veřejné", "service_ids": [respite], "partner_organization_ids": [charita, obec]}),
        )
        .await;
    app.start_consultation(&public, t).await;
    let pair = |m: &str, code: &str| (m.to_owned(), code.to_owned());

    let service = format!("/services/{respite}");
    assert_eq!(app.measures_listed(&service, Some(t)).await, [pair(&drafted, "1.1"), pair(&open, "2.1")]);
    assert_eq!(app.measures_listed(&service, None).await, [pair(&open, "2.1")], "drafts are hidden from anonymous callers");
    let answer = app.get(&service, None).await.expect(200);
    assert_eq!((answer["name"].as_str(), answer["measures"][0]["plan_id"].as_str()), (Some("Odlehčovací služba"), Some(public.as_str())));
    assert_eq!(answer["measures"][0]["title"], "Veřejné");
    let organization = format!("/organizations/{charita}");
    assert_eq!(app.measures_listed(&organization, Some(t)).await, [pair(&drafted, "1.1"), pair(&open, "2.1")], "responsible or partner");
    assert_eq!(app.measures_listed(&organization, None).await, [pair(&open, "2.1")]);
    assert_eq!(app.measures_listed(&format!("/organizations/{obec}"), None).await, [pair(&open, "2.1")]);
    assert!(app.measures_listed(&format!("/services/{lonely}"), None).await.is_empty());
    // The list carries each service's measures as its detail does, drafts hidden the same way.
    let listed = |page: Value| -> Vec<(String, usize)> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["name"].as_str().unwrap().to_owned(), s["measures"].as_array().unwrap().len()))
            .collect()
    };
    let everyone = [("Odlehčovací služba".to_owned(), 1), ("Bez opatření".to_owned(), 0)];
    assert_eq!(listed(app.get("/services", None).await.expect(200)), everyone);
    let staff = [("Odlehčovací služba".to_owned(), 2), ("Bez opatření".to_owned(), 0)];
    assert_eq!(listed(app.get("/services", Some(t)).await.expect(200)), staff);
    assert_eq!(app.get("/services", None).await.expect(200)["items"][0]["measures"][0]["id"], open.as_str());

    // What measures name cannot be deleted from under them (409 in_use); once unlinked it can.
    let refused = app.delete(&service, Some(t)).await.expect(409);
    assert_eq!(refused["code"], "in_use");
    let refused = app.delete(&format!("/organizations/{obec}"), Some(t)).await.expect(409);
    assert_eq!(refused["code"], "in_use");
    app.delete(&format!("/measures/{drafted}"), Some(t)).await.expect(204);
    assert_eq!(app.measures_listed(&service, Some(t)).await, [pair(&open, "2.1")], "a deleted measure takes its links along");
    // The plan in consultation is still editable: its measure lets go of the service and the partner.
    app.patch_measure(&open, Some(t), json!({"service_ids": [], "partner_organization_ids": [charita]})).await.expect(200);
    app.delete(&service, Some(t)).await.expect(204);
    app.delete(&format!("/organizations/{obec}"), Some(t)).await.expect(204);
    app.delete(&format!("/services/{lonely}"), Some(t)).await.expect(204);
    app.delete(&format!("/organizations/{spare}"), Some(t)).await.expect(204);
    // The links are the plan's text: frozen from approval on.
    app.approve(&public, t, "ZM/1/2026", "2026-01-15").await;
    let frozen = app.patch_measure(&open, Some(t), json!({"partner_organization_ids": []})).await.expect(409);
    assert_eq!(frozen["code"], "frozen");
    assert_eq!(app.measures_listed(&organization, None).await, [pair(&open, "2.1")]);
});

/// An overview row or total as `(territory name or "", kind code or "", services, [(unit, count)])`.
fn tallied(entry: &Value) -> (String, String, i64, Vec<(String, i64)>) {
    let units =
        entry["capacities"].as_array().unwrap().iter().map(|c| (c["unit"].as_str().unwrap().to_string(), c["count"].as_i64().unwrap()));
    (
        entry["territory_name"].as_str().unwrap_or("").to_string(),
        entry["kind_code"].as_str().unwrap_or("").to_string(),
        entry["services"].as_i64().unwrap(),
        units.collect(),
    )
}

both!(the_network_overview_counts_services_and_capacity_per_territory_and_kind, |app| async move {
    let (c, admin) = (app.coordinator().await, app.admin().await);
    let tree = app.tree(&admin.token).await;
    let charita = app.create_organization(&c.token, "Charita").await;
    let field = |count: i64| json!([{"form": "field", "count": count, "unit": "clients"}]);
    let beds = |count: i64| json!([{"form": "residential", "count": count, "unit": "beds"}]);
    let care = "pecovatelska_sluzba";
    // Serves the town and its ORP: counted in both rows, once in the totals.
    let both_places = json!({"kind_code": care, "forms": ["field"], "capacities": field(40), "territory_ids": [tree.town, tree.orp]});
    app.create_service(&c.token, &charita, "Pečovatelská služba Kaplice", both_places).await;
    let orp_care = json!({"kind_code": care, "forms": ["field"], "capacities": field(25), "territory_ids": [tree.orp]});
    app.create_service(&c.token, &charita, "Pečovatelská služba Krumlov", orp_care).await;
    let home = json!({"kind_code": "domovy_pro_seniory", "forms": ["residential"], "capacities": beds(60), "territory_ids": [tree.orp]});
    app.create_service(&c.token, &charita, "Domov pro seniory Krumlov", home).await;
    let ended =
        json!({"kind_code": care, "forms": ["field"], "capacities": field(99), "territory_ids": [tree.orp], "valid_to": "2020-12-31"});
    app.create_service(&c.token, &charita, "Bývalá pečovatelská služba", ended).await;
    let home_elsewhere =
        json!({"kind_code": "domovy_pro_seniory", "forms": ["residential"], "capacities": beds(30), "territory_ids": [tree.other_orp]});
    app.create_service(&c.token, &charita, "Domov Prachatice", home_elsewhere).await;
    app.create_service(&c.token, &charita, "Klub seniorů", json!({"territory_ids": [tree.micro]})).await;

    let whole = app.get(&format!("/services/overview?territory_id={}", tree.region), None).await.expect(200);
    assert_eq!(whole["territory_id"], tree.region.as_str());
    let rows: Vec<_> = whole["rows"].as_array().unwrap().iter().map(tallied).collect();
    let clients = |n| vec![("clients".to_string(), n)];
    let beds_of = |n| vec![("beds".to_string(), n)];
    assert_eq!(
        rows,
        [
            ("Kaplice".into(), care.into(), 1, clients(40)),
            // §40 before §49, as the Act orders them; the ended service is not counted.
            ("ORP Český Krumlov".into(), care.into(), 2, clients(65)),
            ("ORP Český Krumlov".into(), "domovy_pro_seniory".into(), 1, beds_of(60)),
            ("ORP Prachatice".into(), "domovy_pro_seniory".into(), 1, beds_of(30)),
        ]
    );
    let totals: Vec<_> = whole["totals"].as_array().unwrap().iter().map(tallied).collect();
    assert_eq!(totals, [("".into(), care.into(), 2, clients(65)), ("".into(), "domovy_pro_seniory".into(), 2, beds_of(90))]);

    // The whole installation has the related activity too, last, with no capacity.
    let everything = app.get("/services/overview", None).await.expect(200);
    let totals: Vec<_> = everything["totals"].as_array().unwrap().iter().map(tallied).collect();
    assert_eq!(totals.last().unwrap(), &("".to_string(), "".to_string(), 1, vec![]));
    assert!(everything["territory_id"].is_null());
    let unknown = app.get(&format!("/services/overview?territory_id={}", Uuid::now_v7()), None).await.expect(200);
    assert!(unknown["rows"].as_array().unwrap().is_empty() && unknown["totals"].as_array().unwrap().is_empty());

    // The same as CSV for Czech Excel.
    let response = app.client.get(app.url(&format!("/services/overview?territory_id={}&format=csv", tree.orp))).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = response.text().await.unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..5], ["Území", "§", "Druh služby", "Počet služeb", "Kapacita (klienti)"]);
    let lines: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(lines[0][..5], ["Kaplice", "§40", "pečovatelská služba", "1", "40"]);
    assert_eq!(lines[2][..6], ["ORP Český Krumlov", "§49", "domovy pro seniory", "1", "", "60"]);
    assert_eq!(lines.last().unwrap()[..4], ["celkem", "§49", "domovy pro seniory", "1"]);
    app.get("/services/overview?format=xlsx", None).await.expect(400);
});
