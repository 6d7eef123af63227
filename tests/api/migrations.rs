//! Migrations that move data, run on a database written the way the schema before them was.
use chrono::Utc;
use entity::enums::TerritoryKind;
use std::collections::BTreeSet;

use entity::{plan, territory, territory_path, working_group};
use migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::{Query, SimpleExpr};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait};
use uuid::Uuid;

use crate::helpers::{self, Backend};

/// The migrations before `m20261211_000001_territory_links`.
const BEFORE_LINKS: u32 = 4;

async fn row(db: &DatabaseConnection, table: &str, values: Vec<(&str, SimpleExpr)>) {
    let (columns, values): (Vec<&str>, Vec<SimpleExpr>) = values.into_iter().unzip();
    db.execute(
        &Query::insert()
            .into_table(sea_orm::sea_query::Alias::new(table))
            .columns(columns.iter().map(|c| sea_orm::sea_query::Alias::new(*c)))
            .values_panic(values)
            .take(),
    )
    .await
    .unwrap();
}

fn stamps() -> Vec<(&'static str, SimpleExpr)> {
    let now = Utc::now();
    vec![("created_at", now.into()), ("updated_at", now.into()), ("version", 1.into())]
}

async fn old_plan(db: &DatabaseConnection, territory: &str) -> Uuid {
    let id = Uuid::now_v7();
    let mut values: Vec<(&str, SimpleExpr)> = vec![
        ("id", id.into()),
        ("title", "Plán".into()),
        ("territory", territory.into()),
        ("period_start", 2025.into()),
        ("period_end", 2027.into()),
        ("summary", "".into()),
        ("vision", "".into()),
        ("status", "draft".into()),
    ];
    values.extend(stamps());
    row(db, "plans", values).await;
    id
}

async fn old_group(db: &DatabaseConnection, owns_goals_of: &[Uuid]) -> Uuid {
    let id = Uuid::now_v7();
    let mut values: Vec<(&str, SimpleExpr)> = vec![
        ("id", id.into()),
        ("name", "PS".into()),
        ("kind", "thematic".into()),
        ("description", "".into()),
        ("vision", "".into()),
        ("is_active", true.into()),
    ];
    values.extend(stamps());
    row(db, "working_groups", values).await;
    for plan in owns_goals_of {
        let goal = Uuid::now_v7();
        let mut values: Vec<(&str, SimpleExpr)> = vec![
            ("id", goal.into()),
            ("plan_id", (*plan).into()),
            ("working_group_id", id.into()),
            ("code", goal.simple().to_string().into()),
            ("title", "Cíl".into()),
            ("description", "".into()),
            ("position", 0.into()),
        ];
        values.extend(stamps());
        row(db, "goals", values).await;
    }
    id
}

async fn plans_and_groups_get_their_territories(backend: Backend) {
    let (url, schema, _dir) = helpers::empty_database(backend).await;
    let db = helpers::connect(&url, schema.as_deref(), &helpers::test_config(url.clone())).await;
    Migrator::up(&db, Some(BEFORE_LINKS)).await.unwrap();
    // A territory set up before the move, whose name a plan already uses.
    let ostrava = Uuid::now_v7();
    let mut values: Vec<(&str, SimpleExpr)> = vec![
        ("id", ostrava.into()),
        ("name", "Statutární město Ostrava".into()),
        ("kind", "municipality".into()),
        ("code", "554821".into()),
    ];
    values.extend(stamps());
    row(&db, "territories", values).await;
    let in_ostrava = old_plan(&db, "Statutární město Ostrava").await;
    let (krumlov_a, krumlov_b) = (old_plan(&db, "ORP Český Krumlov").await, old_plan(&db, "ORP Český Krumlov").await);
    let of_ostrava = old_group(&db, &[in_ostrava, in_ostrava]).await;
    let of_krumlov = old_group(&db, &[krumlov_a, krumlov_b]).await;
    let of_both = old_group(&db, &[in_ostrava, krumlov_a]).await;
    let of_none = old_group(&db, &[]).await;

    Migrator::up(&db, None).await.unwrap();

    let territories = territory::Entity::find().all(&db).await.unwrap();
    assert_eq!(territories.len(), 2, "{territories:?}");
    let krumlov = territories.iter().find(|t| t.name == "ORP Český Krumlov").expect("a territory made of the plans' name");
    assert_eq!((krumlov.kind, krumlov.code.as_deref(), krumlov.parent_id), (TerritoryKind::Other, None, None));
    let plan_territory = |id: Uuid| {
        let db = db.clone();
        async move { plan::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().territory_id }
    };
    assert_eq!(plan_territory(in_ostrava).await, Some(ostrava));
    assert_eq!(plan_territory(krumlov_a).await, Some(krumlov.id));
    assert_eq!(plan_territory(krumlov_b).await, Some(krumlov.id));
    let group_territory = |id: Uuid| {
        let db = db.clone();
        async move { working_group::Entity::find_by_id(id).one(&db).await.unwrap().unwrap().territory_id }
    };
    assert_eq!(group_territory(of_ostrava).await, Some(ostrava));
    assert_eq!(group_territory(of_krumlov).await, Some(krumlov.id));
    assert_eq!(group_territory(of_both).await, None, "plans of two territories leave the group unassigned");
    assert_eq!(group_territory(of_none).await, None);
    // The link is a foreign key: a plan cannot point to a territory that does not exist.
    let mut dangling: plan::ActiveModel = plan::Entity::find_by_id(in_ostrava).one(&db).await.unwrap().unwrap().into();
    dangling.id = sea_orm::ActiveValue::Set(Uuid::now_v7());
    dangling.territory_id = sea_orm::ActiveValue::Set(Some(Uuid::now_v7()));
    let refused = sea_orm::ActiveModelTrait::insert(dangling, &db).await.unwrap_err();
    assert!(matches!(refused.sql_err(), Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_))), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plans_and_groups_get_their_territories_on_sqlite() {
    plans_and_groups_get_their_territories(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plans_and_groups_get_their_territories_on_postgres() {
    if helpers::postgres_available().await {
        plans_and_groups_get_their_territories(Backend::Postgres).await;
    }
}

async fn old_territory(db: &DatabaseConnection, id: Uuid, parent: Option<Uuid>) -> Uuid {
    let mut values: Vec<(&str, SimpleExpr)> =
        vec![("id", id.into()), ("name", format!("Území {id}").into()), ("kind", "other".into()), ("parent_id", parent.into())];
    values.extend(stamps());
    row(db, "territories", values).await;
    id
}

async fn the_tree_fills_its_paths(backend: Backend) {
    let (url, schema, _dir) = helpers::empty_database(backend).await;
    let db = helpers::connect(&url, schema.as_deref(), &helpers::test_config(url.clone())).await;
    Migrator::up(&db, Some(BEFORE_LINKS)).await.unwrap();
    // Four levels whose ids sort against the tree, a second root, and a plan whose territory
    // name the data move of m20261211 turns into a territory before the paths are filled.
    let region = old_territory(&db, Uuid::from_u128(4), None).await;
    let orp = old_territory(&db, Uuid::from_u128(3), Some(region)).await;
    let town = old_territory(&db, Uuid::from_u128(2), Some(orp)).await;
    let part = old_territory(&db, Uuid::from_u128(1), Some(town)).await;
    let micro = old_territory(&db, Uuid::from_u128(5), None).await;
    old_plan(&db, "Obec Malonty").await;

    Migrator::up(&db, None).await.unwrap();

    let malonty = territory::Entity::find().all(&db).await.unwrap().into_iter().find(|t| t.name == "Obec Malonty").unwrap().id;
    let paths: BTreeSet<(Uuid, Uuid, i32)> =
        territory_path::Entity::find().all(&db).await.unwrap().into_iter().map(|p| (p.ancestor_id, p.descendant_id, p.depth)).collect();
    let mut expected: BTreeSet<(Uuid, Uuid, i32)> = [region, orp, town, part, micro, malonty].into_iter().map(|t| (t, t, 0)).collect();
    expected.extend([(region, orp, 1), (region, town, 2), (region, part, 3), (orp, town, 1), (orp, part, 2), (town, part, 1)]);
    assert_eq!(paths, expected);
    // The scope queries read them: the region holds all four levels.
    assert_eq!(api::territories::scope::subtree(&db, region).await.unwrap(), BTreeSet::from([region, orp, town, part]));
    // A path to a territory that does not exist is refused.
    let dangling = territory_path::ActiveModel {
        ancestor_id: sea_orm::ActiveValue::Set(region),
        descendant_id: sea_orm::ActiveValue::Set(Uuid::now_v7()),
        depth: sea_orm::ActiveValue::Set(1),
    };
    let refused = territory_path::Entity::insert(dangling).exec_without_returning(&db).await.unwrap_err();
    assert!(matches!(refused.sql_err(), Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_))), "{refused}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tree_fills_its_paths_on_sqlite() {
    the_tree_fills_its_paths(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tree_fills_its_paths_on_postgres() {
    if helpers::postgres_available().await {
        the_tree_fills_its_paths(Backend::Postgres).await;
    }
}
