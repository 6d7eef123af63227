//! The query plans of the lists and trees. Every statement the public and a coordinator's reads
//! send is recorded (sea-orm's metric callback on the application's own connection) and explained
//! by the database itself; none may walk a whole growing table to find a page, nor sort all of a
//! filter's matches, so a page costs the same at the national size as on the demo (issue 17).
//! SQLite's planner has no statistics here; PostgreSQL's is asked with sequential scans and sorts
//! priced out, so it shows what it picks at a size where those lose.
use std::sync::{Arc, Mutex};

use api::seed::synthetic::{Size, load};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::{Value, json};

use crate::helpers::*;

/// Tables that grow with the installation; the small dictionaries (enums, kinds) are left out.
const GROWING: &[&str] = &[
    "plans",
    "goals",
    "measures",
    "comments",
    "activities",
    "action_plans",
    "measure_updates",
    "plan_versions",
    "plan_status_changes",
    "working_groups",
    "meetings",
    "organizations",
    "services",
    "needs",
    "surveys",
    "territories",
    "audit_events",
    "users",
];

/// What a database says of one statement, and why it is refused (none when it is fine).
struct Verdict {
    sql: String,
    plan: String,
    fault: Option<String>,
}

async fn spawn_recording(backend: Backend) -> (TestApp, DatabaseConnection, Arc<Mutex<Vec<Statement>>>) {
    let (url, schema, dir) = empty_database(backend).await;
    let config = test_config(url.clone());
    let mut db = connect(&url, schema.as_deref(), &config).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    db.set_metric_callback(move |info| sink.lock().unwrap().push(info.statement.clone()));
    let plain = connect(&url, schema.as_deref(), &config).await;
    let app = api::Application::build_with(config, db.clone()).await.expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    std::mem::forget(dir); // the folder goes with the machine's temp; the test's process ends soon
    (TestApp::attach(&address, plain.clone(), backend), plain, seen)
}

/// The columns the statement compares with a value on `table`: an id or a key it filters by.
fn filters_by_key(sql: &str, table: &str) -> bool {
    let quoted = format!("\"{table}\".\"");
    sql.match_indices(&quoted).any(|(at, _)| {
        let rest = &sql[at + quoted.len()..];
        let column: String = rest.chars().take_while(|c| *c != '"').collect();
        let after = rest[column.len() + 1..].trim_start();
        (column == "id" || column.ends_with("_id")) && (after.starts_with("= ") || after.starts_with("IN ("))
    })
}

async fn explain(db: &DatabaseConnection, statement: &Statement) -> Verdict {
    let sql = statement.sql.clone();
    let tables: Vec<&str> =
        GROWING.iter().copied().filter(|t| sql.contains(&format!("FROM \"{t}\"")) || sql.contains(&format!("JOIN \"{t}\""))).collect();
    let paged = sql.contains(" LIMIT ");
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            let explained = Statement { sql: format!("EXPLAIN QUERY PLAN {sql}"), ..statement.clone() };
            let rows = db.query_all_raw(explained).await.expect("explain");
            let lines: Vec<String> = rows.iter().map(|r| r.try_get_by_index::<String>(3).unwrap()).collect();
            let fault = lines.iter().find_map(|line| {
                let scanned = tables.iter().find(|t| line.starts_with(&format!("SCAN {t}")))?;
                // Walking an index in its order is how an unfiltered page is read; with a key to
                // filter by, an index must have found the rows instead.
                let walks_whole = !line.contains("USING") || filters_by_key(&sql, scanned);
                walks_whole.then(|| format!("reads all of {scanned}: {line}"))
            });
            // A small territory's rows are found through their index and sorted: at most
            // √(page × rows) of them, as `territories::scope::within_paged` decides, or it walks.
            let bounded_sort = sql.contains("IN (SELECT \"descendant_id\" FROM \"territory_paths\"");
            let sorted = (paged && !tables.is_empty() && !bounded_sort)
                .then(|| {
                    lines.iter().find(|l| l.contains("TEMP B-TREE FOR ORDER BY")).map(|l| format!("sorts every match for a page: {l}"))
                })
                .flatten();
            Verdict { sql, plan: lines.join("\n"), fault: fault.or(sorted) }
        }
        _ => {
            let txn = api::db::begin(db).await.unwrap();
            txn.execute_unprepared("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off").await.unwrap();
            let explained = Statement { sql: format!("EXPLAIN (FORMAT JSON) {sql}"), ..statement.clone() };
            let row = txn.query_one_raw(explained).await.expect("explain").expect("a plan");
            txn.rollback().await.unwrap();
            let plan: Value = row.try_get_by_index(0).unwrap();
            let mut fault = None;
            walk(&plan[0]["Plan"], &tables, paged, &mut fault);
            Verdict { sql, plan: serde_json::to_string_pretty(&plan).unwrap(), fault }
        }
    }
}

/// PostgreSQL's plan tree: a growing table read whole, filtered by a key no index found, or
/// sorted for a page.
fn walk(node: &Value, tables: &[&str], paged: bool, fault: &mut Option<String>) {
    let kind = node["Node Type"].as_str().unwrap_or_default();
    let relation = node["Relation Name"].as_str().unwrap_or_default();
    if fault.is_none() && tables.contains(&relation) {
        let filter = node["Filter"].as_str().unwrap_or_default();
        if kind == "Seq Scan" {
            *fault = Some(format!("reads all of {relation}"));
        } else if node["Index Cond"].is_null() && node["Recheck Cond"].is_null() && (filter.contains("_id = ") || filter.contains("id = "))
        {
            *fault = Some(format!("walks {relation} by {} filtering {filter}", node["Index Name"]));
        }
    }
    if fault.is_none() && paged && kind == "Sort" {
        *fault = Some(format!("sorts for a page by {}", node["Sort Key"]));
    }
    for child in node["Plans"].as_array().into_iter().flatten() {
        walk(child, tables, paged, fault);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_list_and_tree_is_served_by_an_index_sqlite() {
    every_list_and_tree_is_served_by_an_index(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_list_and_tree_is_served_by_an_index_postgres() {
    if postgres_available().await {
        every_list_and_tree_is_served_by_an_index(Backend::Postgres).await;
    }
}

async fn every_list_and_tree_is_served_by_an_index(backend: Backend) {
    let (app, db, seen) = spawn_recording(backend).await;
    let plans = load(&app.db, Size { plans: 4, goals_per_plan: 3, measures_per_goal: 3, comments_per_plan: 12, needs: 8 }).await.unwrap();
    if app.backend == Backend::Postgres {
        db.execute_unprepared("ANALYZE").await.unwrap();
    }
    let coordinator = app.coordinator().await;
    let plan = plans[0].to_string(); // in consultation, so an activity can still be added
    let goals = app.get(&format!("/plans/{plan}/goals"), None).await.expect(200);
    let goal = id(&items(&goals)[0]);
    let measures = app.get(&format!("/goals/{goal}/measures"), None).await.expect(200);
    let measure = id(&items(&measures)[0]);
    let territory = app.get(&format!("/plans/{plan}"), None).await.expect(200)["territory_id"].as_str().unwrap().to_string();
    app.post(
        &format!("/measures/{measure}/activities"),
        Some(&coordinator.token),
        json!({"title": "Kurz", "year_from": 2025, "year_to": 2026}),
    )
    .await
    .expect(201);
    let reads = [
        "/plans".to_string(),
        "/plans?status=implementation".into(),
        format!("/plans?territory_id={territory}"),
        format!("/plans/{plan}"),
        format!("/plans/{plan}/tree"),
        format!("/plans/{plan}/goals"),
        format!("/plans/{plan}/history"),
        format!("/plans/{plan}/versions"),
        format!("/plans/{plan}/action-plans"),
        format!("/plans/{plan}/consultation-report"),
        format!("/goals/{goal}/measures"),
        format!("/measures?plan_id={plan}"),
        "/measures".into(),
        format!("/measures/{measure}"),
        format!("/measures/{measure}/activities"),
        format!("/measures/{measure}/updates"),
        "/comments".into(),
        format!("/comments?plan_id={plan}"),
        format!("/comments?target_type=plan&target_id={plan}"),
        format!("/comments?target_type=measure&target_id={measure}"),
        format!("/comments?plan_id={plan}&settled=true"),
        "/working-groups".into(),
        "/meetings".into(),
        "/organizations".into(),
        "/services".into(),
        "/needs".into(),
        format!("/needs?territory_id={territory}"),
        "/surveys".into(),
        "/territories".into(),
    ];
    let mut faults = Vec::new();
    for caller in [None, Some(coordinator.token.as_str())] {
        for path in &reads {
            seen.lock().unwrap().clear();
            let answer = app.get(path, caller).await;
            assert_eq!(answer.status, 200, "{path}: {}", answer.text);
            let statements: Vec<Statement> = std::mem::take(&mut *seen.lock().unwrap());
            for statement in statements.iter().filter(|s| s.sql.starts_with("SELECT")) {
                let verdict = explain(&db, statement).await;
                if let Some(fault) = verdict.fault {
                    faults.push(format!(
                        "{path} ({}): {fault}\n{}\n{}",
                        if caller.is_some() { "coordinator" } else { "public" },
                        verdict.sql,
                        verdict.plan
                    ));
                }
            }
        }
    }
    assert!(faults.is_empty(), "{} statements without an index to serve them:\n\n{}", faults.len(), faults.join("\n\n"));
}
