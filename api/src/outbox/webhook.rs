//! Webhook calls: the SSRF guard every target passes (when a webhook is saved and again at each
//! call, on the very addresses connected to), the Standard Webhooks signature, one call, and what
//! an attempt leaves behind (a row of `webhook_deliveries`; after the last failed retry the webhook
//! disabled and its owner told by e-mail).
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use entity::enums::Language;
use entity::{user, webhook, webhook_delivery};
use hmac::{Hmac, Mac};
use reqwest::Url;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use uuid::Uuid;

use super::email::{Block, Email};
use super::event::Event;
use super::{Message, write};
use crate::clock;
use crate::config::Webhooks;

pub const KIND: &str = "webhook";
/// How long resolving a webhook's host may take when it is saved.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);
/// The most of an error text a delivery row keeps.
const ERROR_CHARS: usize = 500;

/// One event for one webhook; the outbox row's id is the `webhook-id` header, the same on retries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delivery {
    pub webhook_id: Uuid,
    pub event: Event,
}

/// Whether a call to `ip` could reach something that is not the public internet: this host, the
/// town's own network, a cloud's metadata service (169.254.169.254), or no real host at all.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => forbidden_v4(v4),
            None => forbidden_v6(v6),
        },
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_documentation()
        || a == 0
        // Carrier-grade NAT, 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, 192.0.0.0/24; benchmarking, 198.18.0.0/15; reserved, 240.0.0.0/4.
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (b == 18 || b == 19))
        || a >= 240
}

fn forbidden_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Unique local fc00::/7, link-local fe80::/10, the old site-local fec0::/10.
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || (first & 0xffc0) == 0xfec0
        // Documentation, 2001:db8::/32.
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // NAT64 (64:ff9b::/96) and IPv4-compatible addresses lead to IPv4 ones.
        || (ip.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] && forbidden_v4(embedded_v4(ip)))
        || (ip.segments()[..6] == [0, 0, 0, 0, 0, 0] && forbidden_v4(embedded_v4(ip)))
}

fn embedded_v4(ip: Ipv6Addr) -> Ipv4Addr {
    let o = ip.octets();
    Ipv4Addr::new(o[12], o[13], o[14], o[15])
}

/// Why `raw` may not be a webhook's URL, if it may not: not an absolute `https` URL (`http` too
/// when private targets are allowed), credentials in it, or a host that does not resolve or
/// resolves to a forbidden address (`is_forbidden`, unless allowed).
pub async fn check_url(raw: &str, config: &Webhooks) -> Result<(), String> {
    let url = Url::parse(raw.trim()).map_err(|e| format!("not a URL: {e}"))?;
    match url.scheme() {
        "https" => {}
        "http" if config.allow_private => {}
        "http" => return Err("must be https".into()),
        other => return Err(format!("must be https, not {other}")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry a user name or password; authenticate the calls by their signature".into());
    }
    let host = url.host_str().ok_or("must name a host")?.trim_start_matches('[').trim_end_matches(']').to_string();
    let port = url.port_or_known_default().unwrap_or(443);
    let lookup = tokio::time::timeout(RESOLVE_TIMEOUT, tokio::net::lookup_host((host.as_str(), port)));
    let addresses: Vec<SocketAddr> = match lookup.await {
        Ok(Ok(addresses)) => addresses.collect(),
        Ok(Err(e)) => return Err(format!("the host {host} does not resolve: {e}")),
        Err(_) => return Err(format!("the host {host} did not resolve within {RESOLVE_TIMEOUT:?}")),
    };
    if addresses.is_empty() {
        return Err(format!("the host {host} has no address"));
    }
    if !config.allow_private
        && let Some(address) = addresses.iter().find(|a| is_forbidden(a.ip()))
    {
        return Err(format!(
            "{host} is {}, a loopback, private or otherwise non-public address; webhooks call public hosts only \
             (SPOLUPLAN_WEBHOOK_ALLOW_PRIVATE=1 allows others)",
            address.ip()
        ));
    }
    Ok(())
}

/// Resolves the hosts the client connects to and refuses forbidden addresses: the check at call
/// time, on the addresses actually used, so a name that resolved to a public address when the
/// webhook was saved cannot lead to a private one later (DNS rebinding).
struct Guard {
    allow_private: bool,
}

impl reqwest::dns::Resolve for Guard {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let addresses: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if !allow_private && let Some(address) = addresses.iter().find(|a| is_forbidden(a.ip())) {
                return Err(format!("{} resolves to the non-public address {}", name.as_str(), address.ip()).into());
            }
            Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// `v1,<base64 of HMAC-SHA256("{id}.{timestamp}.{body}")>` keyed by the secret's bytes (the base64
/// after `whsec_`), as Standard Webhooks has it.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = STANDARD.decode(secret.strip_prefix(SECRET_PREFIX)?).ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes())))
}

pub const SECRET_PREFIX: &str = "whsec_";

/// A new signing secret: `whsec_` and the base64 of 32 random bytes.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(bytes))
}

/// How a call ended, when it ended at all: the receiver's status.
type Answered = Result<u16, String>;

/// What a failed attempt means for its outbox row.
pub struct Failed {
    pub reason: String,
    pub retry: Retry,
}

pub enum Retry {
    /// The webhook's schedule says when.
    After(Duration),
    /// The database failed, not the receiver: the outbox's own backoff.
    Backoff,
    Never,
}

pub struct Sender {
    client: reqwest::Client,
    config: Webhooks,
    /// Where the API is reached, for the webhook's address in the e-mail that says it was disabled.
    public_url: String,
}

impl Sender {
    pub fn new(config: &Webhooks, public_url: &str) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .dns_resolver(Arc::new(Guard { allow_private: config.allow_private }))
            .user_agent("Spoluplan-Webhooks/1")
            .build()?;
        Ok(Self { client, config: config.clone(), public_url: public_url.to_string() })
    }

    /// One attempt (number `attempt`) of outbox row `message`; a webhook deleted or disabled since
    /// is not called, and the row is settled.
    pub async fn deliver(&self, db: &DatabaseConnection, message: Uuid, attempt: i32, delivery: &Delivery) -> Result<(), Failed> {
        let never = |reason: &str| Failed { reason: reason.into(), retry: Retry::Never };
        let hook = match webhook::Entity::find_by_id(delivery.webhook_id).one(db).await {
            Ok(Some(hook)) if hook.enabled => hook,
            Ok(Some(_)) => return Err(never("the webhook is disabled")),
            Ok(None) => return Err(never("the webhook was deleted")),
            Err(e) => return Err(Failed { reason: format!("database: {e}"), retry: Retry::Backoff }),
        };
        let started = Instant::now();
        let answered = self.call(&hook, message, &delivery.event).await;
        let duration_ms = started.elapsed().as_millis().min(i32::MAX as u128) as i32;
        let failure = match &answered {
            Ok(status) if (200..300).contains(status) => None,
            Ok(status) => Some(format!("the receiver answered {status}")),
            Err(e) => Some(e.clone()),
        };
        let retry_in = failure.as_ref().and_then(|_| self.config.retry_schedule.get(usize::try_from(attempt - 1).unwrap_or(0)).copied());
        let give_up = failure.is_some() && retry_in.is_none();
        let row = webhook_delivery::ActiveModel {
            id: Set(Uuid::now_v7()),
            webhook_id: Set(hook.id),
            message_id: Set(message),
            event_id: Set(delivery.event.id),
            event_type: Set(delivery.event.kind.clone()),
            attempt: Set(attempt),
            status_code: Set(answered.as_ref().ok().map(|s| i32::from(*s))),
            duration_ms: Set(duration_ms),
            error: Set(failure.as_ref().map(|e| e.chars().take(ERROR_CHARS).collect())),
            next_retry_at: Set(retry_in.map(|d| clock::now() + chrono::Duration::from_std(d).unwrap_or_default())),
            created_at: Set(clock::now()),
        };
        let recorded = self.record(db, row, give_up.then_some(&hook)).await;
        match (failure, recorded) {
            (None, Ok(())) => Ok(()),
            (Some(reason), Ok(())) => Err(Failed { reason, retry: retry_in.map_or(Retry::Never, Retry::After) }),
            // Unrecorded, the attempt is made again (the receiver tells a duplicate by `webhook-id`).
            (_, Err(e)) => Err(Failed { reason: format!("database: {e}"), retry: Retry::Backoff }),
        }
    }

    /// Calls the webhook's URL with the event, signed; answers its status.
    async fn call(&self, hook: &webhook::Model, message: Uuid, event: &Event) -> Answered {
        // The guard again, here for a URL that names an address (the resolver sees only names).
        check_url(&hook.url, &self.config).await?;
        let body = event.body();
        let timestamp = clock::now().timestamp();
        let id = message.to_string();
        let signature = signature(&hook.secret, &id, timestamp, &body).ok_or("the webhook's secret is unusable")?;
        let response = self
            .client
            .post(hook.url.trim())
            .header("content-type", "application/json")
            .header("webhook-id", &id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|e| describe(&e))?;
        Ok(response.status().as_u16())
    }

    /// Writes the attempt's row; after the last failed attempt also disables the webhook and tells
    /// its owner, in the same transaction.
    async fn record(
        &self,
        db: &DatabaseConnection,
        row: webhook_delivery::ActiveModel,
        disable: Option<&webhook::Model>,
    ) -> Result<(), DbErr> {
        let txn = crate::db::begin(db).await?;
        row.insert(&txn).await?;
        if let Some(hook) = disable {
            webhook::Entity::update_many()
                .col_expr(webhook::Column::Enabled, Expr::value(false))
                .col_expr(webhook::Column::Version, Expr::col(webhook::Column::Version).add(1))
                .col_expr(webhook::Column::UpdatedAt, Expr::value(clock::now()))
                .filter(webhook::Column::Id.eq(hook.id))
                .exec(&txn)
                .await?;
            if let Some(owner) = user::Entity::find_by_id(hook.user_id).one(&txn).await? {
                write(&txn, Message::Email(self.disabled_email(&owner, hook))).await?;
            }
        }
        txn.commit().await
    }

    /// The e-mail that tells the owner their webhook was disabled, in their language.
    fn disabled_email(&self, owner: &user::Model, hook: &webhook::Model) -> Email {
        // The web app has no page for webhooks yet: the address is the API's, where it is enabled again.
        let url = format!("{}/api/v1/webhooks/{}", self.public_url, hook.id);
        let attempts = self.config.retry_schedule.len() + 1;
        let (subject, greeting, body, label) = match owner.language {
            Language::Cs => (
                "Webhook ve Spoluplánu byl vypnut",
                format!("Dobrý den, {},", owner.display_name),
                format!(
                    "váš webhook {} neodpověděl úspěšně ani na {attempts}. pokus o doručení události, a proto jsme ho vypnuli. \
                     Až bude příjemce v pořádku, zapněte ho znovu: PATCH na adresu níže s {{\"enabled\": true}}.",
                    hook.url
                ),
                "Webhook v API",
            ),
            Language::En => (
                "Your Spoluplán webhook was disabled",
                format!("Hello {},", owner.display_name),
                format!(
                    "your webhook {} failed {attempts} attempts to deliver an event, so it was disabled. \
                     Once the receiver works, enable it again: PATCH the address below with {{\"enabled\": true}}.",
                    hook.url
                ),
                "The webhook in the API",
            ),
        };
        let blocks = [Block::Text(&greeting), Block::Text(&body), Block::Link { label, url: &url }];
        Email::new(&owner.email, owner.language, subject, &blocks)
    }
}

/// A failed call in a line: the error and what caused it (reqwest's own text is only "error
/// sending request").
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return "timed out".into();
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_addresses_pass_and_the_others_do_not() {
        for public in ["8.8.8.8", "100.63.255.255", "100.128.0.1", "198.17.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"] {
            assert!(!is_forbidden(public.parse().unwrap()), "{public}");
        }
        for private in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.127.255.255",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "255.255.255.255",
            "192.0.2.1",
            "198.51.100.1",
            "203.0.113.1",
            "198.18.0.1",
            "192.0.0.8",
            "240.0.0.1",
            "::",
            "::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:10.0.0.1",
            "64:ff9b::7f00:1",
            "::127.0.0.1",
        ] {
            assert!(is_forbidden(private.parse().unwrap()), "{private}");
        }
    }

    #[test]
    fn the_signature_is_the_standard_webhooks_one() {
        // The example of the Standard Webhooks specification.
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body).as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
    }
}
