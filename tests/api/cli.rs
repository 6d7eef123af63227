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
        .env("SPOLUPLAN_DATA_DIR", dir.0.join("data"))
        .env("RUST_LOG", "warn");
    command
}

fn run(url: &str, dir: &TempDir, args: &[&str], stdin: &str) -> Output {
    let mut child = spoluplan(url, dir, args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[track_caller]
fn ok(out: &Output) {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
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

/// Waits up to 10 s for the server to exit after SIGTERM, and for exit code 0.
async fn stops_cleanly(server: &mut Server) {
    for _ in 0..100 {
        if let Some(status) = server.0.try_wait().unwrap() {
            assert!(status.success(), "the server exits 0 after SIGTERM: {status}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not stop within 10 s of SIGTERM");
}

/// Starts `spoluplan serve` on a free port and waits until it is ready; returns the API's base URL.
async fn serve(url: &str, dir: &TempDir) -> (Server, String) {
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let server = Server(spoluplan(url, dir, &["serve"]).env("SPOLUPLAN_BIND", format!("127.0.0.1:{port}")).spawn().unwrap());
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(format!("{base}/health/ready")).send().await.is_ok_and(|r| r.status() == 200) {
            return (server, base);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not become ready");
}

async fn drop_database(name: Option<String>) {
    if let Some(name) = name {
        let admin = sea_orm::Database::connect(PG_ADMIN_URL).await.unwrap();
        admin.execute_unprepared(&format!("DROP DATABASE {name} WITH (FORCE)")).await.unwrap();
    }
}

async fn commands_and_graceful_shutdown(backend: Backend) {
    let (url, pg_name, dir) = fresh_database(backend).await;

    ok(&run(&url, &dir, &["migrate"], ""));
    // The development secret and the data folder it lives in are their owner's alone, also a
    // secret left readable by an older version.
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let secret = dir.0.join("data/jwt-secret");
        assert_eq!((mode(&dir.0.join("data")), mode(&secret)), (0o700, 0o600));
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
        ok(&run(&url, &dir, &["migrate"], ""));
        assert_eq!(mode(&secret), 0o600);
    }
    // The password comes from standard input, never from the command line.
    let created = run(&url, &dir, &["create-admin", "--email", ADMIN, "--name", "Správce"], &format!("{PASSWORD}\n"));
    ok(&created);
    assert!(String::from_utf8_lossy(&created.stdout).contains(ADMIN));
    let again = run(&url, &dir, &["create-admin", "--email", ADMIN], &format!("{PASSWORD}\n"));
    assert!(!again.status.success(), "a second admin with the same e-mail is refused");
    let short = run(&url, &dir, &["create-admin", "--email", "jiny@obec.example.cz"], "krátké\n");
    assert!(!short.status.success(), "the password policy holds on the command line too");
    let weak = run(&url, &dir, &["create-admin", "--email", "jiny@obec.example.cz"], "passwordpassword\n");
    assert!(!weak.status.success(), "a guessable password is refused on the command line too");
    assert!(String::from_utf8_lossy(&weak.stderr).contains("too easy to guess"), "{}", String::from_utf8_lossy(&weak.stderr));
    assert_eq!(audited(&url, "create").await, ["command line (spoluplan create-admin)"]);
    let seeded =
        run(&url, &dir, &["seed", "synthetic", "--plans", "3", "--goals-per-plan", "2", "--measures-per-goal", "2", "--comments", "2"], "");
    ok(&seeded);
    assert!(String::from_utf8_lossy(&seeded.stdout).contains("3 synthetic plans loaded"));

    let (server, base) = serve(&url, &dir).await;
    let client = reqwest::Client::new();
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
    stops_cleanly(&mut server).await;
    assert!(client.get(format!("{base}/health/live")).send().await.is_err(), "nothing listens any more");
    drop_database(pg_name).await;
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

/// The dump's rows, without its header (which carries the time of the dump) and checksum.
fn dumped_rows(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    lines[1..lines.len() - 1].iter().map(|l| l.to_string()).collect()
}

/// What the two servers may answer differently: the moment a report was made, nothing else.
fn comparable(text: &str) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut report)) => {
            report.remove("generated_at");
            Value::Object(report).to_string()
        }
        _ => match text.split_once("<p><small>Vygenerováno") {
            Some((before, _)) => before.to_string(),
            None => text.to_string(),
        },
    }
}

async fn sign_in(client: &reqwest::Client, base: &str) -> String {
    let answer: Value = client
        .post(format!("{base}/auth/login"))
        .json(&json!({"email": ADMIN, "password": PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["access_token"].as_str().unwrap_or_else(|| panic!("no token: {answer}")).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dump_and_restore_move_an_installation_between_sqlite_and_postgres() {
    if !postgres_available().await {
        return;
    }
    let (sqlite, _, sqlite_dir) = fresh_database(Backend::Sqlite).await;
    let (postgres, pg_name, pg_dir) = fresh_database(Backend::Postgres).await;
    ok(&run(&sqlite, &sqlite_dir, &["create-admin", "--email", ADMIN, "--name", "Správce"], &format!("{PASSWORD}\n")));
    ok(&run(&sqlite, &sqlite_dir, &["seed", "demo"], ""));
    ok(&run(
        &sqlite,
        &sqlite_dir,
        &["seed", "synthetic", "--plans", "2", "--goals-per-plan", "2", "--measures-per-goal", "2", "--comments", "30"],
        "",
    ));
    // Signed in before the dump, with the secret of the data directory both servers share: a
    // sign-in afterwards would be one more audit event on one side only.
    let (_a, from) = serve(&sqlite, &sqlite_dir).await;
    let client = reqwest::Client::new();
    let token = sign_in(&client, &from).await;
    // Dumped while the server runs.
    let file = sqlite_dir.0.join("spoluplan.dump");
    let dumped = run(&sqlite, &sqlite_dir, &["dump", file.to_str().unwrap()], "");
    ok(&dumped);
    let tables = format!("of {} tables written", api::dump::table_names().len());
    assert!(String::from_utf8_lossy(&dumped.stdout).contains(&tables), "{}", String::from_utf8_lossy(&dumped.stdout));

    // One changed byte: refused before the database is even opened.
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] = if bytes[middle] == b'x' { b'y' } else { b'x' };
    let damaged = pg_dir.0.join("damaged.dump");
    std::fs::write(&damaged, &bytes).unwrap();
    let refused = run(&postgres, &pg_dir, &["restore", damaged.to_str().unwrap()], "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("checksum does not match"), "{}", String::from_utf8_lossy(&refused.stderr));
    let target = sea_orm::Database::connect(&postgres).await.unwrap();
    let tables = target
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tables.try_get::<i64>("", "n").unwrap(), 0, "the damaged file changed nothing, not even the schema");

    let restored = run(&postgres, &pg_dir, &["restore", file.to_str().unwrap()], "");
    ok(&restored);
    let again = run(&postgres, &pg_dir, &["restore", file.to_str().unwrap()], "");
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("the database is not empty"), "{}", String::from_utf8_lossy(&again.stderr));

    // Both installations answer the same, byte for byte.
    let (_b, to) = serve(&postgres, &sqlite_dir).await;
    let list = |base: &str, path: &str, token: &str| {
        let request = client.get(format!("{base}{path}")).bearer_auth(token.to_string());
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let ids = |page: &Value| page["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let plans = ids(&list(&from, "/plans?limit=200", &token).await);
    let groups = ids(&list(&from, "/working-groups?limit=200", &token).await);
    let meetings = ids(&list(&from, "/meetings?limit=200", &token).await);
    let users = ids(&list(&from, "/users?limit=200", &token).await);
    assert!(plans.len() >= 3 && groups.len() >= 2 && !meetings.is_empty() && users.len() >= 3);
    let mut paths: Vec<String> = [
        "/plans?limit=200",
        "/working-groups?limit=200",
        "/meetings?limit=200",
        "/meetings.ics",
        "/users?limit=200",
        "/audit?limit=200",
        "/comments?limit=200",
        "/measures?limit=200",
        "/me",
    ]
    .map(String::from)
    .into();
    for plan in &plans {
        for tail in [
            "",
            "/tree",
            "/goals",
            "/history",
            "/consultation-report",
            "/consultation-report?format=csv",
            "/consultation-report?format=html",
            "/export?format=html",
            "/export?format=markdown",
        ] {
            paths.push(format!("/plans/{plan}{tail}"));
        }
        paths.push(format!("/measures?plan_id={plan}&limit=200"));
        paths.push(format!("/comments?plan_id={plan}&limit=200"));
    }
    for group in &groups {
        paths.extend([
            format!("/working-groups/{group}"),
            format!("/working-groups/{group}/members?limit=200"),
            format!("/working-groups/{group}/meetings?limit=200"),
        ]);
    }
    paths.extend(meetings.iter().map(|m| format!("/meetings/{m}")));
    paths.extend(users.iter().map(|u| format!("/users/{u}")));
    let mut answers = 0;
    for path in &paths {
        for token in [Some(&token), None] {
            let get = |base: &str, token: Option<&String>| {
                let mut request = client.get(format!("{base}{path}"));
                if let Some(token) = token {
                    request = request.bearer_auth(token);
                }
                async move {
                    let response = request.send().await.unwrap();
                    let etag = response.headers().get("etag").map(|v| v.to_str().unwrap().to_string());
                    (response.status(), etag, response.text().await.unwrap())
                }
            };
            let (a, b) = (get(&from, token).await, get(&to, token).await);
            assert_eq!(a.0, b.0, "{path}: {}", a.2);
            assert_eq!(comparable(&a.2), comparable(&b.2), "{path} answers differently after the move");
            if !path.contains("consultation-report") {
                assert_eq!(a.1, b.1, "{path}: the ETag");
            }
            answers += usize::from(a.0 == 200);
        }
    }
    assert!(answers > 100, "only {answers} answers compared");

    // And back: PostgreSQL's dump holds the same rows, and so does SQLite's after restoring it.
    let back = pg_dir.0.join("back.dump");
    ok(&run(&postgres, &pg_dir, &["dump", back.to_str().unwrap()], ""));
    assert_eq!(dumped_rows(&back), dumped_rows(&file), "PostgreSQL gives back every row as SQLite gave it");
    let (sqlite_again, _, again_dir) = fresh_database(Backend::Sqlite).await;
    ok(&run(&sqlite_again, &again_dir, &["restore", back.to_str().unwrap()], ""));
    let last = again_dir.0.join("last.dump");
    ok(&run(&sqlite_again, &again_dir, &["dump", last.to_str().unwrap()], ""));
    assert_eq!(dumped_rows(&last), dumped_rows(&file));
    drop(target);
    drop_database(pg_name).await;
}

/// One keep-alive client: sends `GET /health/live` again and again on one connection, a new one
/// when an answer says `Connection: close`, until nothing listens. Answers (requests answered,
/// answers that closed, requests on a kept-alive connection that got no answer at all).
///
/// A request that was the first on its connection and got no answer is not counted: its
/// connection was still waiting to be accepted when the listener closed, so the server never
/// received it (the client sees a reset, as from any stopped server, and may send it elsewhere).
async fn keep_alive_client(port: u16) -> (usize, usize, usize) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut answered, mut closing, mut unanswered) = (0, 0, 0);
    'connections: loop {
        let Ok(mut stream) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
            return (answered, closing, unanswered);
        };
        let mut first = true;
        loop {
            if !first {
                unanswered += 1; // counted back below once the answer is read
            }
            if stream.write_all(b"GET /api/v1/health/live HTTP/1.1\r\nHost: spoluplan\r\n\r\n").await.is_err() {
                continue 'connections;
            }
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                match stream.read(&mut byte).await {
                    Ok(1) => head.push(byte[0]),
                    _ => continue 'connections,
                }
            }
            let head = String::from_utf8_lossy(&head).to_lowercase();
            let length: usize =
                head.lines().find_map(|l| l.strip_prefix("content-length:")).map(|v| v.trim().parse().unwrap()).unwrap_or(0);
            let mut body = vec![0u8; length];
            if stream.read_exact(&mut body).await.is_err() {
                continue 'connections;
            }
            if !first {
                unanswered -= 1;
            }
            first = false;
            answered += 1;
            if head.contains("connection: close") {
                closing += 1;
                continue 'connections;
            }
        }
    }
}

/// SIGTERM while clients keep their connections busy: every request the server received is
/// answered (from the signal on with `Connection: close`), and the server stops soon after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_answers_every_request_on_kept_alive_connections() {
    let (url, _, dir) = fresh_database(Backend::Sqlite).await;
    ok(&run(&url, &dir, &["migrate"], ""));
    let (mut server, base) = serve(&url, &dir).await;
    let port: u16 = base.trim_start_matches("http://127.0.0.1:").trim_end_matches("/api/v1").parse().unwrap();

    let clients: Vec<_> = (0..8).map(|_| tokio::spawn(keep_alive_client(port))).collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let signalled = std::time::Instant::now();
    assert!(Command::new("kill").args(["-TERM", &server.0.id().to_string()]).status().unwrap().success());
    let (mut answered, mut closing, mut unanswered) = (0, 0, 0);
    for client in clients {
        let (a, c, u) = client.await.unwrap();
        (answered, closing, unanswered) = (answered + a, closing + c, unanswered + u);
    }
    assert_eq!(unanswered, 0, "{unanswered} requests got no answer ({answered} answered)");
    assert!(closing >= 8, "each kept-alive connection was closed by an answer saying so ({closing})");
    stops_cleanly(&mut server).await;
    assert!(signalled.elapsed() < Duration::from_secs(10), "busy connections do not hold the stop for the whole grace period");
}

/// `import rpss FILE`: the register's file from the command line, twice (the second run changes
/// nothing), a dry run that writes nothing, and a malformed file refused whole.
async fn register_import(backend: Backend) {
    use crate::helpers::{ICOS, register_entry, register_file};
    let (url, pg_name, dir) = fresh_database(backend).await;
    let entries = vec![
        register_entry("3000001", ICOS[2], "Charita Kraslice", 4, "560286"),
        register_entry("3000002", ICOS[3], "Domov Kraslice", 13, "560286"),
    ];
    let file = dir.0.join("rpss.json");
    std::fs::write(&file, register_file(entries.clone())).unwrap();
    let path = file.to_str().unwrap();
    let summary = |out: &Output| -> Value {
        ok(out);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stdout)))
    };
    let count = |s: &Value, key: &str| s[key].as_u64().unwrap();

    let dry = summary(&run(&url, &dir, &["import", "rpss", path, "--dry-run"], ""));
    assert_eq!((dry["dry_run"].as_bool(), count(&dry, "created")), (Some(true), 2));
    let first = summary(&run(&url, &dir, &["import", "rpss", path], ""));
    assert_eq!((count(&first, "created"), count(&first, "organizations_created")), (2, 2), "the dry run wrote nothing: {first}");
    let second = summary(&run(&url, &dir, &["import", "rpss", path], ""));
    assert_eq!((count(&second, "created"), count(&second, "updated"), count(&second, "unchanged")), (0, 0, 2));

    let mut broken = entries;
    broken[1]["formy"] = json!("pobytová");
    std::fs::write(&file, register_file(broken)).unwrap();
    let refused = run(&url, &dir, &["import", "rpss", path], "");
    assert!(!refused.status.success());
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("polozky[1].formy") && message.contains("3000002") && message.contains("nothing imported"), "{message}");
    let missing = run(&url, &dir, &["import", "rpss", dir.0.join("none.json").to_str().unwrap()], "");
    assert!(!missing.status.success());
    // The register's code list of target groups, the same way.
    let list = dir.0.join("cilove-skupiny-osoby.json");
    std::fs::write(&list, json!({"polozky": [{"id": "CilovaSkupinaOsoby/8", "nazev": {"cs": "osoby v krizi"}}]}).to_string()).unwrap();
    let linked = summary(&run(&url, &dir, &["import", "target-groups", list.to_str().unwrap()], ""));
    assert_eq!(linked["linked"], json!(["CilovaSkupinaOsoby/8"]), "{linked}");
    std::fs::write(&list, json!({"polozky": [{"id": 8, "nazev": {"cs": "osoby v krizi"}}]}).to_string()).unwrap();
    let refused = run(&url, &dir, &["import", "target-groups", list.to_str().unwrap()], "");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && message.contains("polozky[0].id") && message.contains("nothing imported"), "{message}");
    // The trail names the command, not "anonymous": the imports that wrote (a dry run does not).
    let mut actors = vec!["command line (spoluplan import rpss)"; 2];
    actors.push("command line (spoluplan import target-groups)");
    assert_eq!(audited(&url, "import").await, actors);
    drop_database(pg_name).await;
}

/// Who the audit trail says did `action`, oldest first.
async fn audited(url: &str, action: &str) -> Vec<String> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let db = sea_orm::Database::connect(url).await.unwrap();
    let events = entity::audit_event::Entity::find()
        .filter(entity::audit_event::Column::Action.eq(action))
        .order_by_asc(entity::audit_event::Column::Id)
        .all(&db)
        .await
        .unwrap();
    db.close().await.unwrap();
    events.into_iter().map(|e| e.actor_label).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_import_from_the_command_line_sqlite() {
    register_import(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_import_from_the_command_line_postgres() {
    if postgres_available().await {
        register_import(Backend::Postgres).await;
    }
}
