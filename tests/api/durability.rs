//! Nothing acknowledged is lost: concurrent writers wait their turn on SQLite, a storage fault
//! (a file system gone read-only, a full disk, a deleted data folder) gives 503 and readiness
//! notices it, and every write answered 201 is in the database when looked at afresh.
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;
use tokio::sync::{Mutex, watch};
use uuid::Uuid;

use crate::both;
use crate::helpers::*;

const WRITERS: usize = 8;

/// `WRITERS` clients post comments on `target` until `stop` says so; answers the ids of every
/// comment answered 201 and the statuses of the rest.
async fn hammer(
    client: reqwest::Client,
    url: String,
    token: String,
    plan: String,
    stop: watch::Receiver<bool>,
    most: usize,
) -> (Vec<String>, Vec<u16>) {
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let refused = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for writer in 0..WRITERS {
        let (client, url, token, plan) = (client.clone(), url.clone(), token.clone(), plan.clone());
        let (acknowledged, refused, mut stop) = (acknowledged.clone(), refused.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0..most {
                if *stop.borrow() {
                    return;
                }
                let send = client.post(&url).bearer_auth(&token).json(&on("plan", &plan, &format!("Zápis {writer}/{i}"))).send();
                // A request cut off by the stop counts neither way: its answer was never seen.
                let answer = tokio::select! {
                    answer = send => answer,
                    _ = stop.changed() => return,
                };
                let Ok(answer) = answer else { continue };
                let status = answer.status();
                if status == StatusCode::CREATED {
                    let body: serde_json::Value = answer.json().await.unwrap();
                    acknowledged.lock().await.push(body["id"].as_str().unwrap().to_string());
                } else {
                    refused.lock().await.push(status.as_u16());
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let acknowledged = acknowledged.lock().await.clone();
    let refused = refused.lock().await.clone();
    (acknowledged, refused)
}

both!(concurrent_writers_wait_their_turn, |app| async move {
    // One account writes as fast as it can here, past the per-account write limit.
    let app = spawn_app_with(app.backend, |c| c.limits.writes_per_account = u32::MAX).await;
    let k = app.open_consultation().await;
    let member = app.member().await;
    let (_running, stop) = watch::channel(false);
    let (acknowledged, refused) = hammer(app.client.clone(), app.url("/comments"), member.token.clone(), k.plan.clone(), stop, 15).await;
    assert!(refused.is_empty(), "{} of {} writes refused: {refused:?}", refused.len(), WRITERS * 15);
    assert_eq!(acknowledged.len(), WRITERS * 15);
    let stored = app.get(&format!("/comments?target_type=plan&target_id={}&limit=200", k.plan), None).await.expect(200);
    assert_eq!(items(&stored).len(), WRITERS * 15);
});

both!(concurrent_patches_are_412_with_if_match_and_last_writer_wins_without, |app| async move {
    let coordinator = app.coordinator().await;
    let t = coordinator.token.clone();
    let plan = app.plan(&coordinator).await;
    let goal = app.create_goal(&plan, &t, json!({"code": "1", "title": "Cíl"})).await;

    // Eight writers that all read version 1: one wins, the others are told their version is stale.
    let patches =
        (0..WRITERS).map(|i| {
            let (app, t, goal) = (&app, t.clone(), goal.clone());
            async move {
                app.patch_if(&format!("/goals/{goal}"), Some(&t), "\"1\"", json!({"title": format!("Cíl {i}")})).await.status.as_u16()
            }
        });
    let mut statuses = futures_util::future::join_all(patches).await;
    statuses.sort();
    assert_eq!(statuses, [vec![200], vec![412; WRITERS - 1]].concat(), "one 200, the rest 412, never 503");

    // Without If-Match every write goes through, each on the version the one before left.
    let patches = (0..WRITERS).map(|i| {
        let (app, t, goal) = (&app, t.clone(), goal.clone());
        async move { app.patch(&format!("/goals/{goal}"), Some(&t), json!({"description": format!("Popis {i}")})).await.status.as_u16() }
    });
    let statuses = futures_util::future::join_all(patches).await;
    assert_eq!(statuses, vec![200; WRITERS], "last writer wins: no precondition was sent");
    let goal = app.get(&format!("/goals/{goal}"), Some(&t)).await.expect(200);
    assert_eq!(goal["version"], 2 + WRITERS as i64);
});

/// A file system mounted for one test (the storage fault tests run as root, as CI does), and
/// unmounted when dropped: a small tmpfs, or ext4 on a loop device over an image file.
struct Mount {
    dir: PathBuf,
    loop_device: Option<(String, PathBuf)>,
}

fn run(command: &str, args: &[&str]) -> String {
    let output = Command::new(command).args(args).output().unwrap();
    assert!(output.status.success(), "{command} {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("spoluplan-{name}-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Mount {
    fn tmpfs(size: &str) -> Self {
        let dir = scratch("tmpfs");
        run("mount", &["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs", dir.to_str().unwrap()]);
        Self { dir, loop_device: None }
    }

    fn ext4(size: &str) -> Self {
        let (dir, image) = (scratch("ext4"), std::env::temp_dir().join(format!("spoluplan-{}.img", Uuid::now_v7())));
        run("truncate", &["-s", size, image.to_str().unwrap()]);
        let device = run("losetup", &["-f", "--show", image.to_str().unwrap()]);
        run("blockdev", &["--setrw", &device]); // a device left read-only by someone before
        run("mkfs.ext4", &["-q", &device]);
        run("mount", &[&device, dir.to_str().unwrap()]);
        Self { dir, loop_device: Some((device, image)) }
    }

    /// Shuts the ext4 file system down as a failing disk does: from now on every write and
    /// every sync fails, and only what reached the disk before stays.
    fn shut_down(&self) {
        use std::os::fd::AsRawFd;
        const EXT4_IOC_SHUTDOWN: u64 = 0x8004_587D; // _IOR('X', 125, __u32)
        const EXT4_GOING_FLAGS_NOLOGFLUSH: u32 = 2;
        let dir = std::fs::File::open(&self.dir).unwrap();
        let flags = EXT4_GOING_FLAGS_NOLOGFLUSH;
        // SAFETY: the ioctl reads one u32 from a valid pointer on a valid descriptor.
        let rc = unsafe { libc::ioctl(dir.as_raw_fd(), EXT4_IOC_SHUTDOWN as _, &flags) };
        assert_eq!(rc, 0, "shutting the file system down: {}", std::io::Error::last_os_error());
    }

    /// What the disk holds now: the image copied, checked and mounted read-only, then `file`
    /// and its write-ahead log copied out of it.
    fn on_disk(&self, file: &str) -> PathBuf {
        let (_, image) = self.loop_device.as_ref().expect("an ext4 mount");
        let copy = scratch("disk");
        let image_copy = copy.join("disk.img");
        std::fs::copy(image, &image_copy).unwrap();
        // e2fsck replays the journal; exit codes 1 and 2 mean "errors corrected".
        let fsck = Command::new("e2fsck").args(["-fy"]).arg(&image_copy).output().unwrap();
        assert!(fsck.status.code().is_some_and(|c| c <= 2), "{}", String::from_utf8_lossy(&fsck.stdout));
        let mounted = copy.join("mnt");
        std::fs::create_dir_all(&mounted).unwrap();
        run("mount", &["-o", "loop,ro", image_copy.to_str().unwrap(), mounted.to_str().unwrap()]);
        let out = copy.join("out");
        std::fs::create_dir_all(&out).unwrap();
        for suffix in ["", "-wal"] {
            let from = mounted.join(format!("{file}{suffix}"));
            if from.exists() {
                std::fs::copy(&from, out.join(format!("{file}{suffix}"))).unwrap();
            }
        }
        run("umount", &[mounted.to_str().unwrap()]);
        out.join(file)
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        if let Some((device, image)) = &self.loop_device {
            let _ = Command::new("losetup").args(["-d", device]).status();
            let _ = std::fs::remove_file(image);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The real application on a SQLite file at `file`.
async fn sqlite_app_at(file: &Path) -> (String, reqwest::Client, sea_orm::DatabaseConnection) {
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let mut config = test_config(url.clone());
    // One account writes as fast as it can here, far past the per-account write limit.
    config.limits.writes_per_account = u32::MAX;
    let db = api::db::connect_url(&url, 5, config.db_acquire_timeout, config.db_statement_timeout, None).await.unwrap();
    let app = api::Application::build_with(config, db.clone()).await.unwrap();
    let base = format!("http://127.0.0.1:{}/api/v1", app.port());
    tokio::spawn(app.run_until_stopped());
    (base, reqwest::Client::new(), db)
}

/// Waits up to `within` for `/health/ready` to answer `status`.
async fn ready_becomes(client: &reqwest::Client, base: &str, status: u16, within: Duration) {
    let deadline = Instant::now() + within;
    loop {
        let now = client.get(format!("{base}/health/ready")).send().await.unwrap().status().as_u16();
        if now == status {
            return;
        }
        assert!(Instant::now() < deadline, "readiness stayed {now}, expected {status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The comment ids in the SQLite file at `file`, read through a connection of its own.
async fn ids_in(file: &Path) -> HashSet<String> {
    let db = Database::connect(format!("sqlite://{}?mode=rw", file.display())).await.unwrap();
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), "SELECT id FROM comments")).await.unwrap();
    rows.iter()
        .map(|row| match row.try_get_by_index::<Uuid>(0) {
            Ok(id) => id.to_string(),
            Err(_) => row.try_get_by_index::<String>(0).unwrap(),
        })
        .collect()
}

/// An app on a SQLite file on `mount`, a plan in consultation, and a member to comment with.
struct FaultRun {
    file: PathBuf,
    base: String,
    client: reqwest::Client,
    app: TestApp,
    plan: String,
    member: TestUser,
}

impl FaultRun {
    async fn on(mount: &Mount) -> Self {
        let file = mount.dir.join("spoluplan.db");
        let (base, client, db) = sqlite_app_at(&file).await;
        let app = TestApp::attach(base.trim_end_matches("/api/v1"), db, Backend::Sqlite);
        ready_becomes(&client, &base, 200, Duration::from_secs(5)).await;
        let plan = app.open_consultation().await.plan;
        let member = app.member().await;
        Self { file, base, client, app, plan, member }
    }

    /// Writers post comments, `fault` strikes mid-run, readiness must notice, and every refused
    /// write must be a 503. Answers the ids of the comments acknowledged.
    async fn writers_through(&self, fault: impl FnOnce()) -> Vec<String> {
        let (stop, stopped) = watch::channel(false);
        let url = self.app.url("/comments");
        let writers = tokio::spawn(hammer(self.app.client.clone(), url, self.member.token.clone(), self.plan.clone(), stopped, 100_000));
        tokio::time::sleep(Duration::from_millis(600)).await;
        fault();
        ready_becomes(&self.client, &self.base, 503, Duration::from_secs(5)).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        stop.send(true).unwrap();
        let (acknowledged, refused) = writers.await.unwrap();
        assert!(!acknowledged.is_empty(), "writes went through before the fault");
        let other: Vec<_> = refused.iter().filter(|s| **s != 503).collect();
        assert!(
            !refused.is_empty() && other.is_empty(),
            "writes during a storage fault are 503; {} were not: {:?}",
            other.len(),
            &other[..other.len().min(5)]
        );
        acknowledged
    }
}

fn assert_none_lost(acknowledged: &[String], stored: &HashSet<String>) {
    let lost = acknowledged.iter().filter(|id| !stored.contains(*id)).count();
    assert_eq!(lost, 0, "{lost} of {} acknowledged comments are not in the database", acknowledged.len());
}

/// The disk fails under the writers (ext4 shut down: every write and sync refused, as when a
/// file system turns read-only after an I/O error). Every comment answered 201 before must be on
/// the disk, read back from a copy of it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_disk_loses_no_acknowledged_write() {
    let mount = Mount::ext4("64M");
    let run = FaultRun::on(&mount).await;
    let acknowledged = run.writers_through(|| mount.shut_down()).await;
    assert_none_lost(&acknowledged, &ids_in(&mount.on_disk("spoluplan.db")).await);
}

/// The disk fills up under the writers, then space comes back: readiness and writes recover by
/// themselves, and every comment answered 201, before or after, is in the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_loses_no_acknowledged_write() {
    let mount = Mount::tmpfs("64m");
    let run = FaultRun::on(&mount).await;
    let filler = mount.dir.join("filler");
    let mut acknowledged = run
        .writers_through(|| {
            let _ = Command::new("dd").args(["if=/dev/zero", "bs=1M"]).arg(format!("of={}", filler.display())).output();
        })
        .await;
    std::fs::remove_file(&filler).unwrap();
    ready_becomes(&run.client, &run.base, 200, Duration::from_secs(10)).await;
    let after = run.app.post_comment(Some(&run.member.token), on("plan", &run.plan, "Po obnově")).await.expect(201);
    acknowledged.push(id(&after));
    assert_none_lost(&acknowledged, &ids_in(&run.file).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_database_file_is_noticed_and_refuses_writes() {
    let dir = std::env::temp_dir().join(format!("spoluplan-gone-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("spoluplan.db");
    let (base, client, db) = sqlite_app_at(&file).await;
    let app = TestApp::attach(base.trim_end_matches("/api/v1"), db, Backend::Sqlite);
    ready_becomes(&client, &base, 200, Duration::from_secs(5)).await;
    let (coordinator, admin) = (app.coordinator().await, app.admin().await);
    app.plan(&coordinator).await;

    std::fs::remove_dir_all(&dir).unwrap();
    let refused = app
        .post_plan(Some(&coordinator.token), json!({"title": "Do prázdna", "territory": "Obec", "period_start": 2027, "period_end": 2029}))
        .await;
    refused.expect(503);
    ready_becomes(&client, &base, 503, Duration::from_secs(3)).await;
    // Nor is any other write acknowledged, whichever way it writes.
    let renamed = app.patch(&format!("/users/{}", coordinator.id), Some(&admin.token), json!({"display_name": "Jiné jméno"})).await;
    renamed.expect(503);
}

#[test]
fn serve_refuses_to_replace_a_missing_database() {
    let dir = std::env::temp_dir().join(format!("spoluplan-missing-{}", Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let _cleanup = TempDir(dir.clone());
    let url = format!("sqlite://{}/spoluplan.db?mode=rwc", dir.display());
    let output = Command::new(env!("CARGO_BIN_EXE_spoluplan"))
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("SPOLUPLAN_DATA_DIR", &dir)
        .env("SPOLUPLAN_BIND", "127.0.0.1:0")
        .env("SPOLUPLAN_DEMO", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("does not exist") && stderr.contains("spoluplan restore") && stderr.contains("--init"), "{stderr}");
    assert!(!dir.join("spoluplan.db").exists(), "no new database was made");
}
