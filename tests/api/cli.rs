//! The `spoluplan` binary itself: migrate, create-admin, seed, and serve until SIGTERM, on a
//! database of its own (a SQLite file, or a PostgreSQL database made for the test).
use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{Backend, PG_ADMIN_URL, TempDir, postgres_available};

const ADMIN: &str = "spravce@obec.example.cz";
const PASSWORD: &str = "heslo správce 2026";

/// A fresh database for one run of the binary (with the PostgreSQL database's name, to drop it
/// afterwards), and a data directory for its development secret.
async fn fresh_database(backend: Backend) -> (String, Option<String>, TempDir) {
    let dir = std::env::temp_dir().join(format!("spoluplan-cli-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    match backend {
        Backend::Sqlite => (format!("sqlite://{}/cli.db?mode=rwc", dir.display()), None, TempDir(dir)),
        Backend::Postgres => {
            let name = format!("cli_{}", Uuid::new_v4().simple());
            let admin = sea_orm::Database::connect(PG_ADMIN_URL).await.unwrap();
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
            (format!("postgres://postgres@127.0.0.1:5432/{name}"), Some(name), TempDir(dir))
        }
    }
}

fn spoluplan(url: &str, dir: &TempDir, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_spoluplan"));
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url)
        .env("SPOLUPLAN_DATA_DIR", &dir.0)
        .env("RUST_LOG", "warn");
    command
}

fn run(url: &str, dir: &TempDir, args: &[&str], stdin: &str) -> Output {
    let mut child = spoluplan(url, dir, args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Kills the server if the test fails half-way, so no process outlives it.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

async fn commands_and_graceful_shutdown(backend: Backend) {
    let (url, pg_name, dir) = fresh_database(backend).await;
    let ok = |out: &Output| assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    ok(&run(&url, &dir, &["migrate"], ""));
    // The password comes from standard input, never from the command line.
    let created = run(&url, &dir, &["create-admin", "--email", ADMIN, "--name", "Správce"], &format!("{PASSWORD}\n"));
    ok(&created);
    assert!(String::from_utf8_lossy(&created.stdout).contains(ADMIN));
    let again = run(&url, &dir, &["create-admin", "--email", ADMIN], &format!("{PASSWORD}\n"));
    assert!(!again.status.success(), "a second admin with the same e-mail is refused");
    let short = run(&url, &dir, &["create-admin", "--email", "jiny@obec.example.cz"], "krátké\n");
    assert!(!short.status.success(), "the password policy holds on the command line too");
    let seeded = run(&url, &dir, &["seed", "synthetic", "--plans", "3", "--goals-per-plan", "2", "--measures-per-goal", "2", "--comments", "2"], "");
    ok(&seeded);
    assert!(String::from_utf8_lossy(&seeded.stdout).contains("3 synthetic plans loaded"));

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let server = Server(spoluplan(&url, &dir, &["serve"]).env("SPOLUPLAN_BIND", format!("127.0.0.1:{port}")).spawn().unwrap());
    let client = reqwest::Client::new();
    let mut ready = false;
    for _ in 0..100 {
        if client.get(format!("{base}/health/ready")).send().await.is_ok_and(|r| r.status() == 200) {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the server did not become ready");
    let plans: Value = client.get(format!("{base}/plans")).send().await.unwrap().json().await.unwrap();
    assert_eq!(plans["items"].as_array().unwrap().len(), 3);

    // Sign-ins (each an argon2id hash) are in flight when SIGTERM arrives: they still finish. They
    // go over connections the server has already accepted (warmed up here), so the test does not
    // depend on how fast a loaded machine accepts new ones.
    let warm = (0..4).map(|_| client.get(format!("{base}/health/live")).send());
    assert!(futures_util::future::join_all(warm).await.iter().all(|r| r.as_ref().is_ok_and(|r| r.status() == 200)));
    let sign_ins: Vec<_> = (0..4)
        .map(|_| {
            let request = client.post(format!("{base}/auth/login")).json(&json!({"email": ADMIN, "password": PASSWORD})).send();
            tokio::spawn(request)
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let pid = server.0.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    for sign_in in sign_ins {
        let answer = sign_in.await.unwrap().expect("an in-flight request is answered");
        assert_eq!(answer.status(), 200);
    }
    let mut server = server;
    let mut exited = None;
    for _ in 0..100 {
        if let Some(status) = server.0.try_wait().unwrap() {
            exited = Some(status);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(exited.expect("the server stops after SIGTERM").success());
    assert!(client.get(format!("{base}/health/live")).send().await.is_err(), "nothing listens any more");
    if let Some(name) = pg_name {
        let admin = sea_orm::Database::connect(PG_ADMIN_URL).await.unwrap();
        admin.execute_unprepared(&format!("DROP DATABASE {name}")).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_commands_and_graceful_shutdown_sqlite() {
    commands_and_graceful_shutdown(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_commands_and_graceful_shutdown_postgres() {
    if postgres_available().await {
        commands_and_graceful_shutdown(Backend::Postgres).await;
    }
}
