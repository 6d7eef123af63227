//! A database that goes away gives 503 problem+json quickly and no database text; when it
//! returns, the app recovers by itself. PostgreSQL only: a TCP relay in front of it plays the outage.
use std::time::{Duration, Instant};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::helpers::*;

/// What the relay in front of PostgreSQL does.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Link {
    /// Forwards both ways.
    Up,
    /// Takes connections and bytes but forwards nothing: a server that hangs (stopped, swapping,
    /// behind a dead link that TCP has not noticed).
    Hung,
    /// Cuts every open connection and refuses new ones.
    Down,
}

/// Forwards to PostgreSQL while up. Leaving `Hung` or `Down` cuts the connections of that time,
/// as a recovering server or network would.
struct Relay {
    port: u16,
    link: watch::Sender<Link>,
}

impl Relay {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (link, _) = watch::channel(Link::Up);
        let states = link.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else { return };
                let mut state = states.subscribe();
                let at_accept = *state.borrow_and_update();
                if at_accept == Link::Down {
                    drop(client);
                    continue;
                }
                tokio::spawn(async move {
                    if at_accept == Link::Hung {
                        // Hold the connection, answer nothing, until the hang ends; then cut it.
                        let _ = state.changed().await;
                        return;
                    }
                    let Ok(mut server) = TcpStream::connect("127.0.0.1:5432").await else { return };
                    let hung = tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => false,
                        link = state.wait_for(|l| *l != Link::Up) => link.is_ok_and(|l| *l == Link::Hung),
                    };
                    if hung {
                        // Keep both ends open and silent until the hang ends.
                        let _ = state.changed().await;
                    }
                });
            }
        });
        Self { port, link }
    }

    fn set(&self, link: Link) {
        self.link.send_replace(link);
    }
}

/// The real application on PostgreSQL through `relay`, with its own schema; answers its base URL.
async fn app_behind(relay: &Relay, adjust: impl FnOnce(&mut api::config::Config)) -> String {
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let direct = format!("postgres://postgres@127.0.0.1:5432/{PG_TEST_DB}");
    let setup = sea_orm::Database::connect(&direct).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&setup, &format!("CREATE SCHEMA {schema}")).await.unwrap();
    let url = format!("postgres://postgres@127.0.0.1:{}/{PG_TEST_DB}", relay.port);
    let mut config = test_config(url.clone());
    config.db_acquire_timeout = Duration::from_secs(1);
    adjust(&mut config);
    let db = api::db::connect_url(&url, 5, config.db_acquire_timeout, config.db_statement_timeout, Some(&schema)).await.unwrap();
    let app = api::Application::build_with(config, db).await.unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", app.port());
    tokio::spawn(app.run_until_stopped());
    base
}

/// Waits up to `within` for `path` to answer `status`.
async fn answers(client: &reqwest::Client, url: &str, status: u16, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let now = client.get(url).send().await.unwrap().status().as_u16();
        if now == status {
            return;
        }
        assert!(Instant::now() < deadline, "{url} stayed {now}, expected {status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn database_outage_gives_503_and_recovers() {
    if !postgres_available().await {
        return;
    }
    let relay = Relay::start().await;
    let base = app_behind(&relay, |_| {}).await;
    let client = reqwest::Client::new();

    assert_eq!(client.get(format!("{base}/plans")).send().await.unwrap().status(), 200);
    answers(&client, &format!("{base}/health/ready"), 200, Duration::from_secs(5)).await;
    relay.set(Link::Down);
    answers(&client, &format!("{base}/health/ready"), 503, Duration::from_secs(4)).await;
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

    relay.set(Link::Up);
    answers(&client, &format!("{base}/plans"), 200, Duration::from_secs(15)).await;
    answers(&client, &format!("{base}/health/ready"), 200, Duration::from_secs(5)).await;
}

/// A PostgreSQL that takes connections but answers nothing: every request still ends within the
/// request time limit (503), readiness says so at once on every probe without using up the pool,
/// and all is well again when the database answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hung_database_bounds_every_request() {
    if !postgres_available().await {
        return;
    }
    let relay = Relay::start().await;
    let limit = Duration::from_secs(2);
    let base = app_behind(&relay, |config| config.request_timeout = limit).await;
    let client = reqwest::Client::new();
    answers(&client, &format!("{base}/health/ready"), 200, Duration::from_secs(5)).await;
    let plans = client.get(format!("{base}/plans")).send().await.unwrap();
    assert_eq!(plans.status(), 200);

    relay.set(Link::Hung);
    let started = Instant::now();
    let requests = (0..8).map(|i| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            let request = if i % 2 == 0 {
                client.get(format!("{base}/plans"))
            } else {
                client.post(format!("{base}/comments")).json(
                    &serde_json::json!({"target_type": "plan", "target_id": uuid::Uuid::now_v7(), "body": "x", "author_name": "Jana"}),
                )
            };
            let answer = request.send().await.unwrap();
            (answer.status().as_u16(), started.elapsed())
        }
    });
    for (status, took) in futures_util::future::join_all(requests).await {
        assert_eq!(status, 503);
        assert!(took < limit + Duration::from_secs(1), "a request waited {took:?}, beyond the {limit:?} bound");
    }
    // Readiness answers from the monitor: quickly, as often as asked, with no pool connection.
    answers(&client, &format!("{base}/health/ready"), 503, Duration::from_secs(4)).await;
    for _ in 0..50 {
        let asked = Instant::now();
        assert_eq!(client.get(format!("{base}/health/ready")).send().await.unwrap().status(), 503);
        assert!(asked.elapsed() < Duration::from_millis(200));
    }

    relay.set(Link::Up);
    answers(&client, &format!("{base}/plans"), 200, Duration::from_secs(15)).await;
    answers(&client, &format!("{base}/health/ready"), 200, Duration::from_secs(5)).await;
}
