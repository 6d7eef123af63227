//! Rules the database keeps by itself, beneath the services' checks.
use serde_json::json;

use crate::both;

both!(one_measure_code_per_goal_is_kept_by_the_database_too, |app| async move {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let c = app.coordinator().await;
    let plan = app.plan(&c).await;
    let goal = app.create_goal(&plan, &c.token, json!({"code": "1", "title": "Senioři"})).await;
    let measure = app.post_measure(&goal, Some(&c.token), json!({"code": "1.1", "title": "A"})).await;
    let id: uuid::Uuid = measure.id().parse().unwrap();
    // A second row with the same goal and code, written past the service's check, is refused.
    let mut copy: entity::measure::ActiveModel = entity::measure::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().into();
    copy.id = Set(uuid::Uuid::now_v7());
    let refused = copy.insert(&app.db).await.unwrap_err();
    assert!(matches!(refused.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))), "{refused}");
});
