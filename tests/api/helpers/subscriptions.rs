//! Subscriptions and the e-mails they cause: the body that follows a target, an application that
//! mails to a sink, the e-mails written for someone, and the one-click link of an e-mail.
use std::time::Duration;

use serde_json::{Value, json};

use super::{Backend, Mail, SmtpSink, TestApp, eventually, outbox_rows, send_to, spawn_app_with};

/// The body of `POST /me/subscriptions` that follows a target.
pub fn follow(target_type: &str, target_id: &str) -> Value {
    json!({"target_type": target_type, "target_id": target_id})
}

/// An application that mails to `sink` and polls quickly.
pub async fn mailing_app(backend: Backend, sink: &SmtpSink) -> TestApp {
    spawn_app_with(backend, |c| send_to(c, sink.port)).await
}

/// Waits until every event so far has fanned out, and answers the e-mails written for `to`.
pub async fn emails_to(app: &TestApp, to: &str) -> usize {
    eventually(Duration::from_secs(10), || async {
        outbox_rows(&app.db).await.iter().filter(|r| r.kind == "event").all(|r| r.sent_at.is_some())
    })
    .await;
    outbox_rows(&app.db).await.iter().filter(|r| r.kind == "email" && r.payload["to"] == json!(to)).count()
}

/// The API path of an e-mail's `List-Unsubscribe` link (`<https://…/api/v1/unsubscribe?token=…>`).
pub fn unsubscribe_path(mail: &Mail) -> String {
    let header = mail.list_unsubscribe.as_deref().expect("List-Unsubscribe");
    let url = header.strip_prefix('<').and_then(|h| h.strip_suffix('>')).expect("<url>");
    url.strip_prefix("https://spoluplan.example.cz/api/v1").expect("the API's address").to_string()
}
