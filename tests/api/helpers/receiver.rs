//! A webhook receiver on loopback: a real HTTP server that keeps every call (headers and body)
//! and answers 500 to the first `failures` of them, 204 after.
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// One call the receiver got: header names in lower case.
#[derive(Clone, Debug)]
pub struct Call {
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Call {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or_else(|| panic!("no {name} header: {:?}", self.headers))
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

struct Shared {
    calls: Mutex<Vec<Call>>,
    arrived: Notify,
    failures: AtomicUsize,
}

pub struct Receiver {
    pub url: String,
    shared: Arc<Shared>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn receive(req: HttpRequest, body: web::Bytes, shared: web::Data<Arc<Shared>>) -> HttpResponse {
    let headers = req.headers().iter().map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or_default().to_string())).collect();
    let call = Call { path: req.path().to_string(), headers, body: String::from_utf8_lossy(&body).into_owned() };
    shared.calls.lock().unwrap().push(call);
    shared.arrived.notify_waiters();
    let failing = shared.failures.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
    if failing { HttpResponse::InternalServerError().body("not now") } else { HttpResponse::NoContent().finish() }
}

impl Receiver {
    /// Listens on a free loopback port; `url` is its `/hook`.
    pub async fn start(failures: usize) -> Self {
        let shared = Arc::new(Shared { calls: Mutex::new(Vec::new()), arrived: Notify::new(), failures: AtomicUsize::new(failures) });
        let data = web::Data::new(shared.clone());
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = HttpServer::new(move || App::new().app_data(data.clone()).default_service(web::to(receive)))
            .workers(1)
            .disable_signals()
            .listen(listener)
            .unwrap()
            .run();
        Self { url: format!("http://127.0.0.1:{port}/hook"), shared, task: tokio::spawn(server) }
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared.calls.lock().unwrap().clone()
    }

    /// Waits until at least `count` calls arrived (at most `within`), and answers them all.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Call> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let arrived = self.shared.arrived.notified();
            let calls = self.calls();
            if calls.len() >= count {
                return calls;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!("{} calls arrived within {within:?}, not {count}", self.calls().len());
            }
        }
    }
}

/// Webhook settings for tests: loopback targets allowed, retries within a fraction of a second,
/// the outbox polled often.
pub fn quick_webhooks(config: &mut api::config::Config) {
    config.webhooks.allow_private = true;
    config.webhooks.retry_schedule = vec![Duration::from_millis(100); 3];
    config.mail.poll_interval = Duration::from_millis(100);
}

/// Checks a delivery's signature as a receiver would: the HMAC-SHA256, keyed by the bytes of the
/// secret after `whsec_`, of `{webhook-id}.{webhook-timestamp}.{body}`, against `v1,<base64>`.
pub fn signature_holds(secret: &str, call: &Call) -> bool {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;
    use hmac::{Hmac, Mac};
    let key = STANDARD.decode(secret.strip_prefix("whsec_").expect("a whsec_ secret")).expect("base64");
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", call.header("webhook-id"), call.header("webhook-timestamp"), call.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    call.header("webhook-signature").split(' ').any(|s| s == expected)
}
