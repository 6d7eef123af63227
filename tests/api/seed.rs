//! The demo and synthetic data sets load on both databases and read back through the API.
use entity::{comment, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::both;
use crate::helpers::*;

both!(demo_data_set_is_complete, |app| async move {
    let app = spawn_app_with(app.backend, |c| c.demo = true).await;
    let public = app.get("/plans", None).await.expect(200);
    let plans = public["items"].as_array().unwrap();
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
    // People are invented and on example.cz.
    let people = user::Entity::find().all(&app.db).await.unwrap();
    assert!(people.len() >= 8 && people.iter().all(|u| u.email.ends_with("example.cz")));
    // Loading again changes nothing.
    let again = api::seed::demo::load(&app.db, &Default::default()).await.unwrap();
    assert!(!again);
});

both!(synthetic_data_set_is_sized_as_asked, |app| async move {
    let size = api::seed::synthetic::Size { plans: 3, goals_per_plan: 2, measures_per_goal: 4, comments_per_plan: 5 };
    let ids = api::seed::synthetic::load(&app.db, size).await.unwrap();
    assert_eq!(ids.len(), 3);
    let tree = app.get(&format!("/plans/{}/tree", ids[1]), None).await.expect(200);
    let goals = tree["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 2);
    assert!(goals.iter().all(|g| g["measures"].as_array().unwrap().len() == 4));
    assert!(tree["plan"]["progress"].is_i64());
    let comments = comment::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(comments, 15);
});
