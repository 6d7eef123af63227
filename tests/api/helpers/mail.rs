//! A real SMTP server on loopback for the tests (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
//! keeping every message it accepts; and applications the tests start and stop themselves, to
//! see what the outbox does across a restart.
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api::config::Config;
use mail_parser::MimeHeaders;
use sea_orm::DatabaseConnection;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

/// One accepted message: its envelope and its bytes as sent (dot-unstuffed).
#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

/// What a test reads from a message: headers decoded, and each part of the alternative.
#[derive(Debug)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub message_id: String,
    pub content_type: String,
    pub text: String,
    pub html: String,
    /// `List-Unsubscribe`, `List-Unsubscribe-Post`, when given.
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
    /// Each attachment: its full content type (`text/calendar; method=…`) and its text.
    pub attachments: Vec<(String, String)>,
}

impl Received {
    pub fn mail(&self) -> Mail {
        let message = mail_parser::MessageParser::default().parse(&self.data).expect("a MIME message");
        let root = message.root_part().content_type().expect("a content type");
        let part = |bodies: Vec<&mail_parser::MessagePart>| {
            assert_eq!(bodies.len(), 1, "one such part");
            bodies[0].text_contents().expect("text").to_string()
        };
        Mail {
            to: self.to.clone(),
            subject: message.subject().expect("a subject").to_string(),
            message_id: message.message_id().expect("a Message-ID").to_string(),
            content_type: format!("{}/{}", root.ctype(), root.subtype().unwrap_or_default()),
            text: part(message.text_bodies().filter(|p| p.is_text() && !p.is_text_html()).collect()),
            html: part(message.html_bodies().filter(|p| p.is_text_html()).collect()),
            list_unsubscribe: message.header_raw("List-Unsubscribe").map(|v| v.trim().to_string()),
            list_unsubscribe_post: message.header_raw("List-Unsubscribe-Post").map(|v| v.trim().to_string()),
            attachments: message
                .attachments()
                .map(|a| {
                    let kind = a.content_type().expect("a content type");
                    let mut full = format!("{}/{}", kind.ctype(), kind.subtype().unwrap_or_default());
                    for attribute in kind.attributes().unwrap_or_default() {
                        full.push_str(&format!("; {}={}", attribute.name, attribute.value));
                    }
                    (full, String::from_utf8_lossy(a.contents()).into_owned())
                })
                .collect(),
        }
    }
}

pub struct SmtpSink {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    arrived: Arc<Notify>,
    task: JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    pub async fn start() -> Self {
        Self::listen(TcpListener::bind("127.0.0.1:0").await.unwrap())
    }

    /// On a port given before (where an application already expects its relay).
    pub async fn start_on(port: u16) -> Self {
        Self::listen(TcpListener::bind(("127.0.0.1", port)).await.expect("the port is free again"))
    }

    fn listen(listener: TcpListener) -> Self {
        let port = listener.local_addr().unwrap().port();
        let (received, arrived) = (Arc::new(Mutex::new(Vec::new())), Arc::new(Notify::new()));
        let (keep, tell) = (received.clone(), arrived.clone());
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (keep, tell) = (keep.clone(), tell.clone());
                tokio::spawn(async move {
                    let _ = session(stream, keep, tell).await;
                });
            }
        });
        Self { port, received, arrived, task }
    }

    /// A port where nothing listens (a relay that is down), free for `start_on` later.
    pub async fn unused_port() -> u16 {
        TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port()
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until at least `count` messages arrived (at most `within`), and answers them all.
    pub async fn wait_for(&self, count: usize, within: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let arrived = self.arrived.notified();
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!("{} messages arrived within {within:?}, not {count}", self.received().len());
            }
        }
    }
}

pub fn smtp_url(port: u16) -> String {
    format!("smtp://127.0.0.1:{port}")
}

async fn session(stream: TcpStream, keep: Arc<Mutex<Vec<Received>>>, tell: Arc<Notify>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 sink.test ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let verb = command.split([' ', ':']).next().unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "RSET" => {
                (from, to) = (String::new(), Vec::new());
                b"250 OK\r\n"
            }
            "MAIL" => {
                from = address(&command);
                b"250 OK\r\n"
            }
            "RCPT" => {
                to.push(address(&command));
                b"250 OK\r\n"
            }
            "DATA" => {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut data = Vec::new();
                loop {
                    let mut raw = Vec::new();
                    if lines.read_until(b'\n', &mut raw).await? == 0 {
                        return Ok(());
                    }
                    if raw == b".\r\n" {
                        break;
                    }
                    data.extend_from_slice(raw.strip_prefix(b".").unwrap_or(&raw));
                }
                keep.lock().unwrap().push(Received { from: std::mem::take(&mut from), to: std::mem::take(&mut to), data });
                tell.notify_waiters();
                b"250 queued\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// `a@b` of `MAIL FROM:<a@b> SIZE=…` or `RCPT TO:<a@b>`.
fn address(command: &str) -> String {
    command.split_once('<').and_then(|(_, rest)| rest.split_once('>')).map(|(a, _)| a.to_string()).unwrap_or_default()
}

/// Mail settings that send to the relay at `port`, polling and retrying quickly.
pub fn send_to(config: &mut Config, port: u16) {
    config.mail.smtp_url = Some(smtp_url(port));
    config.mail.poll_interval = Duration::from_millis(100);
    config.mail.retry_base = Duration::from_millis(200);
}

/// A test e-mail as a change would enqueue it.
pub fn sample_email(to: &str, subject: &str) -> api::outbox::Message {
    use api::outbox::email::{Block, Email};
    let blocks =
        [Block::Text("Dobrý den,\nzkušební zpráva."), Block::Link { label: "Otevřít", url: "https://spoluplan.example.cz/a?b=1&c=2" }];
    api::outbox::Message::Email(Email::new(to, entity::enums::Language::Cs, subject, &blocks))
}

/// Every outbox row, oldest first.
pub async fn outbox_rows(db: &DatabaseConnection) -> Vec<entity::outbox::Model> {
    use sea_orm::{EntityTrait, QueryOrder};
    entity::outbox::Entity::find().order_by_asc(entity::outbox::Column::Id).all(db).await.unwrap()
}

/// Polls `check` until it holds (at most `within`).
pub async fn eventually<F: std::future::Future<Output = bool>>(within: Duration, mut check: impl FnMut() -> F) {
    let deadline = tokio::time::Instant::now() + within;
    while !check().await {
        assert!(tokio::time::Instant::now() < deadline, "not within {within:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// An application a test started over a database it made, and stops when it likes.
pub struct Running {
    stop: oneshot::Sender<()>,
    done: JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub async fn start(config: Config, db: DatabaseConnection) -> Self {
        let app = api::Application::build_with(config, db).await.expect("build app");
        let (stop, stopped) = oneshot::channel();
        let done = tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Self { stop, done }
    }

    /// Stops it as SIGTERM would, and waits until the server and its outbox worker have stopped.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let result = tokio::time::timeout(Duration::from_secs(15), self.done).await.expect("stops within 15 s");
        result.unwrap().expect("stops cleanly");
    }
}
