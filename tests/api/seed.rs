//! The demo and synthetic data sets load on both databases and read back through the API.
use entity::{comment, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::*;

both!(demo_data_set_is_complete, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.demo = true).await;
    let public = app.get("/plans", None).await.expect(200);
    let plans = items(&public);
    assert_eq!(plans.len(), 2, "the draft stays hidden from the public");
    let ostrava = plans.iter().find(|p| p["territory"] == "Statutární město Ostrava").unwrap();
    assert_eq!(ostrava["status"], "implementation");
    assert!(ostrava["approval_resolution"].as_str().unwrap().starts_with("usnesení ZM"));
    let krumlov = plans.iter().find(|p| p["territory"] == "ORP Český Krumlov").unwrap();
    assert_eq!(krumlov["consultation_open"], true);
    let tree = app.get(&format!("/plans/{}/tree", krumlov["id"].as_str().unwrap()), None).await.expect(200);
    assert_eq!(tree["goals"].as_array().unwrap().len(), 3);
    assert_eq!(tree["goals"][0]["sub_goals"][0]["measures"].as_array().unwrap().len(), 2);
    let m = &tree["goals"][0]["sub_goals"][0]["measures"][0];
    assert!(!m["indicators"].as_array().unwrap().is_empty() && !m["funding_sources"].as_array().unwrap().is_empty());
    // Every consultation comment of the approved plan is settled.
    let ostrava_id: uuid::Uuid = ostrava["id"].as_str().unwrap().parse().unwrap();
    let unsettled = comment::Entity::find()
        .filter(comment::Column::PlanId.eq(ostrava_id))
        .filter(comment::Column::Resolution.is_null())
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(unsettled, 0);
    // The process as domain.md tells it: a steering group, all four kinds of participants,
    // meetings with their records, a closed consultation with every comment settled.
    let staff = app.coordinator().await;
    let st = Some(staff.token.as_str());
    let groups = items(&app.get("/working-groups?limit=200", st).await.expect(200)).clone();
    assert!(groups.iter().any(|g| g["kind"] == "steering"));
    let mut stakeholders = std::collections::BTreeSet::new();
    for g in &groups {
        let members = app.get(&format!("/working-groups/{}/members?limit=200", g["id"].as_str().unwrap()), st).await.expect(200);
        stakeholders.extend(items(&members).iter().map(|m| m["stakeholder"].as_str().unwrap().to_string()));
    }
    assert_eq!(stakeholders.into_iter().collect::<Vec<_>>(), ["commissioner", "provider", "public", "user"]);
    let held = items(&app.get("/meetings?status=held&limit=200", st).await.expect(200)).clone();
    assert!(held.iter().any(|m| {
        !m["agenda"].as_array().unwrap().is_empty()
            && !m["minutes"].as_str().unwrap().is_empty()
            && !m["resolutions"].as_array().unwrap().is_empty()
    }));
    for m in &held {
        assert_ne!(m["quorum_met"], false, "a showcase meeting without quorum: {}", m["title"]);
    }
    let closes: chrono::DateTime<chrono::Utc> = ostrava["consultation_closes_at"].as_str().unwrap().parse().unwrap();
    assert!(closes < chrono::Utc::now());
    let register = app.register(&ostrava_id.to_string(), None).await.expect(200);
    assert!(register["counts"]["total"].as_u64().unwrap() > 0);
    assert_eq!(register["counts"]["unsettled"], 0);
    for entry in items(&register) {
        let note = &entry["resolution_note"];
        // Settled as the API settles: a justification unless only noted, and then null, never "".
        assert!(if entry["resolution"] == "noted" { note.is_null() } else { note.as_str().is_some_and(|n| !n.is_empty()) }, "{entry}");
    }
    // Ostrava's yearly cycle: an approved action plan for each of 2023–2025, its measures' activities,
    // and the monitoring reports of those years computed from them.
    let action_plans = app.get(&format!("/plans/{ostrava_id}/action-plans"), None).await.expect(200);
    let years: Vec<(i64, &str)> =
        items(&action_plans).iter().map(|a| (a["year"].as_i64().unwrap(), a["status"].as_str().unwrap())).collect();
    assert_eq!(years, [(2023, "approved"), (2024, "approved"), (2025, "approved")]);
    for a in items(&action_plans) {
        assert!(a["approval_resolution"].as_str().unwrap().starts_with("usnesení řídicí skupiny"));
        assert!(!a["items"].as_array().unwrap().is_empty());
    }
    let first_measure = &items(&action_plans)[0]["items"][0];
    let activities = app.get(&format!("/measures/{}/activities", first_measure["measure_id"].as_str().unwrap()), None).await.expect(200);
    assert_eq!(activities["items"].as_array().unwrap().len(), 3);
    assert_eq!(activities["cost_mismatch"], false, "the demo's activities add up to their measure's cost");
    for year in 2023..=2025 {
        let report = app.get(&format!("/plans/{ostrava_id}/reports/{year}"), None).await.expect(200);
        assert!(report["goals"].as_array().unwrap().len() >= 2, "{year}: {report}");
    }
    let measures = app.get("/measures?limit=200", st).await.expect(200);
    for m in items(&measures) {
        assert!(m["status"] != "planned" || m["progress"] == 0, "planned yet under way: {}", m["code"]);
    }
    // The places of the demo, in their tree, each with its coordinator.
    let territories = items(&app.get("/territories?limit=100", None).await.expect(200)).clone();
    let named = |name: &str| territories.iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no territory {name}")).clone();
    let (msk, ostrava_city) = (named("Moravskoslezský kraj"), named("Statutární město Ostrava"));
    let (jck, krumlov_orp) = (named("Jihočeský kraj"), named("ORP Český Krumlov"));
    let (turnovsko, bustehrad) = (named("Turnovsko"), named("Buštěhrad"));
    assert_eq!((msk["kind"].as_str(), msk["code"].as_str()), (Some("region"), Some("132")));
    assert_eq!((ostrava_city["kind"].as_str(), ostrava_city["code"].as_str()), (Some("municipality"), Some("554821")));
    assert_eq!(ostrava_city["parent_id"], msk["id"]);
    assert_eq!((jck["kind"].as_str(), krumlov_orp["kind"].as_str()), (Some("region"), Some("orp")));
    assert_eq!(krumlov_orp["parent_id"], jck["id"]);
    assert_eq!((turnovsko["kind"].as_str(), bustehrad["kind"].as_str()), (Some("microregion"), Some("municipality")));
    assert_eq!(ostrava["territory_id"], ostrava_city["id"]);
    assert_eq!(krumlov["territory_id"], krumlov_orp["id"]);
    let all_plans = items(&app.get("/plans?limit=100", st).await.expect(200)).clone();
    assert!(all_plans.iter().all(|p| p["territory_id"].is_string()), "every plan has its territory");
    let of = |path: String| {
        let app = &app;
        async move {
            items(&app.get(&path, st).await.expect(200))
                .iter()
                .map(|x| x["name"].as_str().unwrap_or_default().to_string())
                .collect::<Vec<_>>()
        }
    };
    let in_region = items(&app.get(&format!("/plans?territory_id={}", jck["id"].as_str().unwrap()), st).await.expect(200)).clone();
    assert_eq!(in_region.len(), 1);
    assert_eq!(in_region[0]["id"], krumlov["id"], "the region's plans include its ORP's");
    let turnov_plans = items(&app.get(&format!("/plans?territory_id={}", turnovsko["id"].as_str().unwrap()), st).await.expect(200)).clone();
    assert_eq!(turnov_plans.len(), 1);
    assert!(groups.iter().all(|g| g["territory_id"].is_string()), "every group has its territory");
    let turnov_groups = of(format!("/working-groups?territory_id={}", turnovsko["id"].as_str().unwrap())).await;
    assert_eq!(turnov_groups.len(), 4, "{turnov_groups:?}");
    assert_eq!(of(format!("/working-groups?territory_id={}", jck["id"].as_str().unwrap())).await.len(), 4, "the steering group and PS 1–3");
    assert_eq!(of(format!("/working-groups?territory_id={}", msk["id"].as_str().unwrap())).await.len(), 2);
    let committees = app.get(&format!("/working-groups?territory_id={}", bustehrad["id"].as_str().unwrap()), st).await.expect(200);
    let committee = &items(&committees)[0];
    let actors: std::collections::BTreeSet<String> =
        items(&app.get(&format!("/working-groups/{}/members", committee["id"].as_str().unwrap()), st).await.expect(200))
            .iter()
            .map(|m| m["stakeholder"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(actors.into_iter().collect::<Vec<_>>(), ["commissioner", "provider", "public"]);
    let admin = app.admin().await;
    let coordinators_of = |t: serde_json::Value| {
        let (app, admin) = (&app, &admin);
        async move {
            let page = app.get(&format!("/territories/{}/coordinators", t["id"].as_str().unwrap()), Some(&admin.token)).await.expect(200);
            items(&page).iter().map(|c| c["email"].as_str().unwrap().to_string()).collect::<Vec<_>>()
        }
    };
    assert_eq!(coordinators_of(jck.clone()).await, ["koordinator.kraj@example.cz"]);
    assert_eq!(coordinators_of(krumlov_orp.clone()).await, ["koordinatorka.krumlov@example.cz"]);
    assert_eq!(coordinators_of(ostrava_city.clone()).await, ["koordinatorka.ostrava@example.cz"]);
    assert_eq!(coordinators_of(turnovsko.clone()).await, ["koordinator.turnovsko@example.cz"]);
    assert_eq!(coordinators_of(bustehrad.clone()).await, ["koordinatorka.bustehrad@example.cz"]);
    assert!(coordinators_of(msk.clone()).await.is_empty());
    // The first coordinator of the demo, as README signs in, keeps the whole installation.
    let first = user::Entity::find().filter(user::Column::Email.eq("koordinator@example.cz")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(api::territories::scope::coordinated(&app.db, first.id).await.unwrap(), api::territories::scope::Reach::Installation);
    // People are invented and on example.cz.
    let people = user::Entity::find().all(&app.db).await.unwrap();
    assert!(people.len() >= 8 && people.iter().all(|u| u.email.ends_with("example.cz")));
    // The network of social services: 15–25 services across the four places, by invented
    // providers whose IČOs pass the check digit, their contacts on example.cz.
    let services = items(&app.get("/services?limit=200", None).await.expect(200)).clone();
    assert!((15..=25).contains(&services.len()), "{} services", services.len());
    for place in [&ostrava_city, &krumlov_orp, &turnovsko, &bustehrad] {
        let here = of(format!("/services?territory_id={}", place["id"].as_str().unwrap())).await;
        assert!(here.len() >= 3, "{}: {here:?}", place["name"]);
    }
    assert!(services.iter().any(|s| s["kind_code"].is_null()), "a related activity, as Ostrava plans them");
    let care_for_seniors =
        of(format!("/services?kind_code=pecovatelska_sluzba&target_group_code=seniori&territory_id={}", jck["id"].as_str().unwrap())).await;
    assert_eq!(care_for_seniors, ["Pečovatelská služba Krumlovsko"]);
    let organizations = items(&app.get("/organizations?limit=200", None).await.expect(200)).clone();
    for o in &organizations {
        let ico = o["ico"].as_str().unwrap();
        let digits: Vec<u32> = ico.chars().map(|c| c.to_digit(10).unwrap()).collect();
        let sum: u32 = digits[..7].iter().zip((2..=8).rev()).map(|(d, w)| d * w).sum();
        assert_eq!(digits[7], (11 - sum % 11) % 10, "{ico}");
        assert!(o["email"].as_str().unwrap().ends_with("example.cz") && !o["services"].as_array().unwrap().is_empty(), "{o}");
    }
    // Loading again changes nothing.
    let again = api::seed::demo::load(&app.db, &Default::default()).await.unwrap();
    assert!(!again);
});

both!(synthetic_data_set_is_sized_as_asked, |app| async move {
    let size = api::seed::synthetic::Size { plans: 3, goals_per_plan: 2, measures_per_goal: 4, comments_per_plan: 5, needs: 0 };
    let ids = api::seed::synthetic::load(&app.db, size).await.unwrap();
    assert_eq!(ids.len(), 3);
    // The plans lie in ORPs of one region, which has ORPS of them below it.
    let regions = app.get("/territories?kind=region", None).await.expect(200);
    let region = items(&regions).iter().find(|t| t["name"] == "Syntetický kraj").unwrap()["id"].as_str().unwrap().to_owned();
    let orps = app.get(&format!("/territories?parent_id={region}&limit=200"), None).await.expect(200);
    assert_eq!(items(&orps).len(), api::seed::synthetic::ORPS);
    assert!(items(&orps).iter().all(|t| t["kind"] == "orp"));
    let in_region = app.get(&format!("/plans?territory_id={region}"), None).await.expect(200);
    assert_eq!(items(&in_region).len(), 3);
    let tree = app.get(&format!("/plans/{}/tree", ids[1]), None).await.expect(200);
    let goals = tree["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 2);
    assert!(goals.iter().all(|g| g["measures"].as_array().unwrap().len() == 4));
    assert!(tree["plan"]["progress"].is_i64());
    let comments = comment::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(comments, 15);

    // Plans obey the lifecycle rules: the one in consultation is open; the approved ones carry
    // their resolution, their history, a past deadline and a settled register.
    let signature = |plan: &serde_json::Value| {
        (plan["title"].clone(), plan["status"].clone(), plan["approval_resolution"].clone(), plan["approved_on"].clone())
    };
    let mut first = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let plan = app.get(&format!("/plans/{id}"), None).await.expect(200);
        let moves: Vec<String> = app.get(&format!("/plans/{id}/history"), None).await.expect(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| format!("{}>{}", m["from_status"].as_str().unwrap(), m["to_status"].as_str().unwrap()))
            .collect();
        let register = app.register(&id.to_string(), None).await.expect(200);
        assert_eq!(register["counts"]["total"], 5);
        for entry in items(&register) {
            assert!(entry["received_on"].as_str().unwrap() <= api::clock::today().to_string().as_str());
        }
        if i == 0 {
            assert_eq!(plan["status"], "consultation");
            assert_eq!(plan["consultation_open"], true);
            assert_eq!(moves, ["draft>consultation"]);
        } else {
            assert_eq!(plan["status"], "implementation");
            assert!(plan["approval_resolution"].as_str().unwrap().starts_with("usnesení ZM"));
            let approved_on = plan["approved_on"].as_str().unwrap();
            let closes = plan["consultation_closes_at"].as_str().unwrap();
            assert!(closes < approved_on, "the consultation closed before approval");
            assert_eq!(moves, ["draft>consultation", "consultation>approved", "approved>implementation"]);
            assert_eq!(register["counts"]["unsettled"], 0);
            for entry in items(&register) {
                assert_eq!(entry["resolution"] == "noted", entry["resolution_note"].is_null(), "{entry}");
            }
        }
        first.push(signature(&plan));
    }
    // The same arguments give the same data.
    let again = api::seed::synthetic::load(&app.db, size).await.unwrap();
    for (id, expected) in again.iter().zip(&first) {
        assert_eq!(&signature(&app.get(&format!("/plans/{id}"), None).await.expect(200)), expected);
    }
    let tree = |id: uuid::Uuid| {
        let app = &app;
        async move {
            let tree = app.get(&format!("/plans/{id}/tree"), None).await.expect(200);
            let measures: Vec<(serde_json::Value, serde_json::Value)> = tree["goals"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|g| {
                    g["measures"].as_array().unwrap().iter().map(|m| (m["status"].clone(), m["progress"].clone())).collect::<Vec<_>>()
                })
                .collect();
            measures
        }
    };
    assert_eq!(tree(ids[2]).await, tree(again[2]).await);
});
