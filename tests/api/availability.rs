//! A database that goes away gives 503 problem+json quickly and no database text; when it
//! returns, the app recovers by itself. PostgreSQL only: a TCP relay in front of it plays the outage.
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::helpers::*;

/// Forwards to PostgreSQL while up; when taken down it cuts every open connection and refuses new ones.
struct Relay {
    port: u16,
    up: Arc<AtomicBool>,
    generation: watch::Sender<u64>,
}

impl Relay {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let up = Arc::new(AtomicBool::new(true));
        let (generation, _) = watch::channel(0u64);
        let (flag, gen_tx) = (up.clone(), generation.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else { return };
                if !flag.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let mut cut = gen_tx.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect("127.0.0.1:5432").await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Self { port, up, generation }
    }

    fn down(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.generation.send_modify(|g| *g += 1);
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_outage_gives_503_and_recovers() {
    if !postgres_available().await {
        return;
    }
    let relay = Relay::start().await;
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let direct = format!("postgres://postgres@127.0.0.1:5432/{PG_TEST_DB}");
    let setup = sea_orm::Database::connect(&direct).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&setup, &format!("CREATE SCHEMA {schema}")).await.unwrap();
    let url = format!("postgres://postgres@127.0.0.1:{}/{PG_TEST_DB}", relay.port);
    let mut config = test_config(url.clone());
    config.db_acquire_timeout = Duration::from_secs(1);
    let db = api::db::connect_url(&url, 5, config.db_acquire_timeout, config.db_statement_timeout, Some(&schema)).await.unwrap();
    let app = api::Application::build_with(config, db).await.unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();

    assert_eq!(client.get(format!("{base}/plans")).send().await.unwrap().status(), 200);
    relay.down();

    let started = Instant::now();
    let ready = client.get(format!("{base}/health/ready")).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    assert!(started.elapsed() < Duration::from_millis(1500), "ready must answer within its 500 ms bound");
    for _ in 0..3 {
        let started = Instant::now();
        let answer = client.get(format!("{base}/plans")).send().await.unwrap();
        assert_eq!(answer.status(), 503);
        assert!(answer.headers().get("retry-after").is_some());
        assert_eq!(answer.headers()["content-type"], "application/problem+json");
        let body = answer.text().await.unwrap();
        assert!(!body.to_lowercase().contains("postgres") && !body.contains("sqlx") && !body.contains("connection"), "{body}");
        assert!(started.elapsed() < Duration::from_secs(5), "bounded wait, never a hang");
    }

    relay.restore();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let status = client.get(format!("{base}/plans")).send().await.unwrap().status();
        if status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "did not recover, last status {status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(client.get(format!("{base}/health/ready")).send().await.unwrap().status(), 200);
}
