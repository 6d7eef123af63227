//! The e-mails of subscriptions (`/me/subscriptions`): who an event reaches, and what they read.
//!
//! An event reaches the active people whose subscription covers it, once each however many of
//! theirs do: a plan's (its own events, its measures' updates, its comments' resolutions), a
//! working group's (its meetings) and a territory's (everything placed in it or below it). An event
//! about a draft reaches only those who read drafts, and one about a comment only once the comment
//! is published (one held for moderation is its moderators' business). `immediate` accounts get
//! one e-mail per event, a meeting's with its invitation (`.ics`); `daily` and `weekly` ones a
//! digest entry (`digest`), except for the reminder of a consultation closing in three days,
//! which they get at once too; `never` nothing.
use std::collections::HashSet;

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Prague;
use entity::enums::{Language, NotificationFrequency, PlanStatus, SubscriptionTarget};
use entity::{digest_entry, meeting, subscription, territory_path, user, working_group};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::Value;
use uuid::Uuid;

use super::email::{Block, Email, Invitation};
use super::event::Event;
use super::{Message, reminder, write};
use crate::calendar;
use crate::{clock, credentials, labels, readers};

/// What the e-mails need of the configuration.
#[derive(Clone)]
pub struct Notices {
    pub public_url: String,
    /// The key of the unsubscribe links (`credentials::unsubscribe`).
    pub secret: Vec<u8>,
    /// The sender as a `mailto:` URI, the organizer of the meetings' invitations.
    pub organizer: String,
}

/// Writes the e-mails `event` causes, in the fan-out's transaction.
pub async fn notify(txn: &DatabaseTransaction, notices: &Notices, event: &Event) -> Result<(), DbErr> {
    let mut covering = Condition::any();
    if let Some(plan) = plan_of(event) {
        covering = covering.add(target(SubscriptionTarget::Plan).add(subscription::Column::TargetId.eq(plan)));
    }
    if let Some(group) = group_of(event) {
        covering = covering.add(target(SubscriptionTarget::WorkingGroup).add(subscription::Column::TargetId.eq(group)));
    }
    if !event.territories.is_empty() {
        let above = Query::select()
            .column(territory_path::Column::AncestorId)
            .from(territory_path::Entity)
            .and_where(territory_path::Column::DescendantId.is_in(event.territories.clone()))
            .take();
        covering = covering.add(target(SubscriptionTarget::Territory).add(subscription::Column::TargetId.in_subquery(above)));
    }
    if covering.is_empty() {
        return Ok(());
    }
    let found = subscription::Entity::find().filter(covering).order_by_asc(subscription::Column::Id).all(txn).await?;
    let wanted: Vec<_> = found.into_iter().filter(|s| s.events.0.is_empty() || s.events.0.contains(&event.kind)).collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(wanted.iter().map(|s| s.user_id)))
        .filter(user::Column::IsActive.eq(true))
        .filter(user::Column::NotificationFrequency.ne(NotificationFrequency::Never))
        .all(txn)
        .await?;
    let invitation = invitation(txn, notices, event).await?;
    let is_comment = event.kind.starts_with("comment.");
    let mut told = HashSet::new();
    // A plan's or group's own subscription first: its unsubscribe link is the one the e-mail offers.
    let (direct, by_territory): (Vec<_>, Vec<_>) = wanted.iter().partition(|s| s.target_type != SubscriptionTarget::Territory);
    for subscription in direct.into_iter().chain(by_territory) {
        let Some(person) = people.iter().find(|p| p.id == subscription.user_id) else { continue };
        if !event.public && (is_comment || !readers::reads_drafts(person)) {
            continue;
        }
        if !told.insert(person.id) {
            continue;
        }
        // A deadline three days off cannot wait for a weekly digest: the reminder goes at once.
        if person.notification_frequency == NotificationFrequency::Immediate || event.kind == reminder::KIND {
            let Some(mut email) = news_email(notices, person, subscription.id, &event.kind, &event.data) else { continue };
            email.calendar = invitation.clone();
            write(txn, Message::Email(email)).await?;
        } else {
            // Daily and weekly (`never` was not loaded): kept for the digest (`digest`).
            digest_entry::ActiveModel {
                id: Set(Uuid::now_v7()),
                user_id: Set(person.id),
                subscription_id: Set(subscription.id),
                event_type: Set(event.kind.clone()),
                subject: Set(event.data.clone()),
                created_at: Set(clock::now()),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// A meeting's event comes with its invitation (`meetings::calendar`), of the meeting as it is now:
/// `CANCEL` when it was called off, `REQUEST` otherwise.
async fn invitation(txn: &DatabaseTransaction, notices: &Notices, event: &Event) -> Result<Option<Invitation>, DbErr> {
    let method = match event.kind.as_str() {
        "meeting.scheduled" | "meeting.updated" => "REQUEST",
        "meeting.cancelled" => "CANCEL",
        _ => return Ok(None),
    };
    let Some(meeting) = id_at(&event.data, "id").map(|id| meeting::Entity::find_by_id(id).one(txn)) else { return Ok(None) };
    let Some(meeting) = meeting.await? else { return Ok(None) };
    let group = working_group::Entity::find_by_id(meeting.working_group_id).one(txn).await?;
    let group_name = group.map(|g| g.name).unwrap_or_default();
    let ics = calendar::invitation(&meeting, &group_name, method, &notices.organizer);
    Ok(Some(Invitation { method: method.to_string(), ics }))
}

fn target(kind: SubscriptionTarget) -> Condition {
    Condition::all().add(subscription::Column::TargetType.eq(kind))
}

fn id_at(data: &Value, key: &str) -> Option<Uuid> {
    data.get(key)?.as_str()?.parse().ok()
}

/// The plan an event is about, for the plan's subscribers.
fn plan_of(event: &Event) -> Option<Uuid> {
    match event.kind.as_str() {
        "plan.status_changed" | "plan.updated" | reminder::KIND => id_at(&event.data, "id"),
        "measure.updated" | "comment.resolved" => id_at(&event.data, "plan_id"),
        _ => None,
    }
}

/// The working group an event is about, for the group's subscribers.
fn group_of(event: &Event) -> Option<Uuid> {
    event.kind.starts_with("meeting.").then(|| id_at(&event.data, "working_group_id")).flatten()
}

/// One line of news: what happened, and the web app's page of it.
pub struct News {
    pub what: String,
    pub url: String,
}

fn text_at<'a>(data: &'a Value, key: &str) -> &'a str {
    data.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The instant at `key` in Prague's time, in `language`.
fn when(data: &Value, key: &str, language: Language) -> String {
    let Some(at) = data.get(key).and_then(|v| serde_json::from_value::<DateTime<Utc>>(v.clone()).ok()) else {
        return String::new();
    };
    let at = at.with_timezone(&Prague);
    match language {
        Language::Cs => at.format("%-d. %-m. %Y v %H:%M").to_string(),
        Language::En => at.format("%-d %B %Y at %H:%M").to_string(),
    }
}

/// The news of an event of `kind` with its `data`, in `language`; none for a kind no subscription
/// hears of.
pub fn news(public_url: &str, language: Language, kind: &str, data: &Value) -> Option<News> {
    let title = text_at(data, "title");
    let cs = language == Language::Cs;
    let page = |path: &str, key: &str| Some(format!("{public_url}/{path}/{}", id_at(data, key)?));
    let (what, url) = match kind {
        "plan.status_changed" => {
            let status: Option<PlanStatus> = data.get("status").and_then(|s| serde_json::from_value(s.clone()).ok());
            let what = match (status, cs) {
                (Some(PlanStatus::Consultation), true) => {
                    format!("Plán „{title}“ je zveřejněn k připomínkám. Své připomínky můžete podat na jeho stránce.")
                }
                (Some(PlanStatus::Consultation), false) => format!("The plan “{title}” is open for comments; you can comment on its page."),
                (Some(status), true) => format!("Plán „{title}“ je nyní ve stavu: {}.", labels::status_cs(status)),
                (Some(status), false) => format!("The plan “{title}” is now {}.", status.as_str().replace('_', " ")),
                (None, _) => return None,
            };
            (what, page("plans", "id")?)
        }
        reminder::KIND => {
            let at = when(data, "consultation_closes_at", language);
            let what = if cs {
                format!("Připomínkovací řízení k plánu „{title}“ končí {at}. Do té doby můžete své připomínky podat na jeho stránce.")
            } else {
                format!("The consultation on the plan “{title}” closes on {at}. Until then you can comment on its page.")
            };
            (what, page("plans", "id")?)
        }
        "plan.updated" => {
            (if cs { format!("Plán „{title}“ byl upraven.") } else { format!("The plan “{title}” was updated.") }, page("plans", "id")?)
        }
        "measure.updated" => {
            let progress = data.get("progress").and_then(Value::as_i64).unwrap_or_default();
            let what = if cs {
                format!("Opatření „{title}“ má nové informace o plnění (splněno na {progress} %).")
            } else {
                format!("The measure “{title}” has news of its progress ({progress} % done).")
            };
            (what, page("measures", "id")?)
        }
        "comment.created" | "comment.resolved" => {
            let resolved = kind == "comment.resolved";
            let what = match (resolved, cs) {
                (true, true) => "Připomínka k plánu byla vypořádána.".to_string(),
                (true, false) => "A comment on the plan was answered.".to_string(),
                (false, true) => "Přibyla nová připomínka.".to_string(),
                (false, false) => "There is a new comment.".to_string(),
            };
            let url = page("plans", "plan_id").or_else(|| page("meetings", "target_id"))?;
            (what, url)
        }
        "meeting.scheduled" | "meeting.updated" | "meeting.cancelled" => {
            let at = when(data, "starts_at", language);
            let what = match (kind, cs) {
                ("meeting.scheduled", true) => format!("Pracovní skupina svolává jednání „{title}“ na {at}."),
                ("meeting.updated", true) => format!("Jednání „{title}“ ({at}) se mění; podrobnosti najdete na jeho stránce."),
                (_, true) => format!("Jednání „{title}“ ({at}) se ruší."),
                ("meeting.scheduled", false) => format!("The working group calls a meeting, “{title}”, on {at}."),
                ("meeting.updated", false) => format!("The meeting “{title}” ({at}) has changed; see its page."),
                (_, false) => format!("The meeting “{title}” ({at}) is cancelled."),
            };
            (what, page("meetings", "id")?)
        }
        "need.created" => (
            if cs {
                format!("Byla nahlášena nová potřeba: „{title}“.")
            } else {
                format!("A new need was reported: “{title}”.")
            },
            page("needs", "id")?,
        ),
        "survey.opened" => (
            if cs {
                format!("Začal dotazník „{title}“. Zapojte se.")
            } else {
                format!("The survey “{title}” is open. Take part.")
            },
            page("surveys", "id")?,
        ),
        "service.updated" => (
            if cs {
                format!("Údaje služby „{title}“ v katalogu sociálních služeb se změnily.")
            } else {
                format!("The service “{title}” changed in the catalogue of social services.")
            },
            page("services", "id")?,
        ),
        _ => return None,
    };
    Some(News { what, url })
}

/// The one-click address of `subscription`, for the `List-Unsubscribe` header: a mail program
/// POSTs to it.
pub fn unsubscribe_url(notices: &Notices, subscription: Uuid) -> String {
    format!("{}/api/v1/unsubscribe?token={}", notices.public_url, credentials::unsubscribe::token(&notices.secret, subscription))
}

/// The web app's page the body's link opens: it says which subscription the link ends and ends it
/// with one button (opening a link must not unsubscribe: mail scanners open them too).
pub fn unsubscribe_page(notices: &Notices, subscription: Uuid) -> String {
    format!("{}/unsubscribe?token={}", notices.public_url, credentials::unsubscribe::token(&notices.secret, subscription))
}

/// The e-mail of one event to one person, with the unsubscribe link of the subscription it came by.
fn news_email(notices: &Notices, person: &user::Model, subscription: Uuid, kind: &str, data: &Value) -> Option<Email> {
    let news = news(&notices.public_url, person.language, kind, data)?;
    let page = unsubscribe_page(notices, subscription);
    let title = text_at(data, "title");
    let (subject, greeting, label, footer, stop) = match person.language {
        Language::Cs => (
            format!("Spoluplán: {title}"),
            format!("Dobrý den, {},", person.display_name),
            "Zobrazit ve Spoluplánu",
            "Tento e-mail dostáváte, protože jste se ve Spoluplánu přihlásili k odběru novinek. Jak často vám píšeme, \
             nastavíte ve svém účtu."
                .to_string(),
            "Odhlásit odběr",
        ),
        Language::En => (
            format!("Spoluplán: {title}"),
            format!("Hello {},", person.display_name),
            "See it in Spoluplán",
            "You receive this e-mail because you subscribed to news in Spoluplán. How often we write is up to you, in your account."
                .to_string(),
            "Unsubscribe",
        ),
    };
    let blocks = [
        Block::Text(&greeting),
        Block::Text(&news.what),
        Block::Link { label, url: &news.url },
        Block::Text(&footer),
        Block::Link { label: stop, url: &page },
    ];
    let mut email = Email::new(&person.email, person.language, &subject, &blocks);
    email.unsubscribe = Some(unsubscribe_url(notices, subscription));
    Some(email)
}
