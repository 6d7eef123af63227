//! Digests: a daily or weekly subscriber's news (`digest_entries`) as one e-mail, due a day or a
//! week (`Mail::digest_daily`, `digest_weekly`) after the oldest of them.
//!
//! Each person's digest is claimed in one transaction that reads their entries, writes the e-mail
//! into the outbox and deletes the entries. On PostgreSQL the entries are read `FOR UPDATE SKIP
//! LOCKED`, so of several instances one takes them and the others pass; on SQLite the transaction
//! is the database's one writer. Either way no news goes out twice, and none is lost.
use std::time::Duration;

use entity::enums::{Language, NotificationFrequency};
use entity::{digest_entry, user};
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use super::email::{Block, Email};
use super::notify::{Notices, news, unsubscribe_page, unsubscribe_url};
use super::{Message, write};
use crate::clock;

/// People whose digests one round looks at; the next poll takes the rest.
const BATCH: u64 = 20;

/// When the digests are due.
#[derive(Clone, Copy)]
pub struct Schedule {
    pub daily: Duration,
    pub weekly: Duration,
}

impl Schedule {
    /// How long a person's news waits. Someone who moved to `immediate` meanwhile gets what waits
    /// at once, someone who moved to `never` nothing (the entries are dropped).
    fn wait(&self, frequency: NotificationFrequency) -> Option<Duration> {
        match frequency {
            NotificationFrequency::Immediate => Some(Duration::ZERO),
            NotificationFrequency::Daily => Some(self.daily),
            NotificationFrequency::Weekly => Some(self.weekly),
            NotificationFrequency::Never => None,
        }
    }
}

/// Writes the due digests into the outbox; answers how many.
pub async fn send_due(db: &DatabaseConnection, notices: &Notices, schedule: Schedule) -> Result<usize, DbErr> {
    let now = clock::now();
    let shortest = schedule.daily.min(schedule.weekly);
    let oldest_allowed = now - chrono::Duration::from_std(shortest).unwrap_or_default();
    // Whose news has waited at least the shortest time: one indexed read, no write, when none has.
    let waiting: Vec<Uuid> = digest_entry::Entity::find()
        .select_only()
        .column(digest_entry::Column::UserId)
        .distinct()
        .filter(digest_entry::Column::CreatedAt.lte(oldest_allowed))
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    let mut sent = 0;
    for person in waiting {
        if claim(db, notices, schedule, person).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// One person's digest, if due: the e-mail written and the entries deleted in one transaction.
async fn claim(db: &DatabaseConnection, notices: &Notices, schedule: Schedule, person: Uuid) -> Result<bool, DbErr> {
    let txn = crate::db::begin(db).await?;
    let mut select = digest_entry::Entity::find().filter(digest_entry::Column::UserId.eq(person)).order_by_asc(digest_entry::Column::Id);
    if db.get_database_backend() == DbBackend::Postgres {
        select = select.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let entries = select.all(&txn).await?;
    let Some(oldest) = entries.first() else { return Ok(false) };
    let Some(account) = user::Entity::find_by_id(person).one(&txn).await? else { return Ok(false) };
    let wait = if account.is_active { schedule.wait(account.notification_frequency) } else { None };
    if let Some(wait) = wait {
        if clock::now() - oldest.created_at < chrono::Duration::from_std(wait).unwrap_or_default() {
            return Ok(false);
        }
        if let Some(email) = digest_email(notices, &account, &entries) {
            write(&txn, Message::Email(email)).await?;
        }
    }
    digest_entry::Entity::delete_many().filter(digest_entry::Column::Id.is_in(entries.iter().map(|e| e.id))).exec(&txn).await?;
    txn.commit().await?;
    Ok(wait.is_some())
}

/// One e-mail of every entry's news, each with its page, and the unsubscribe links of the
/// subscriptions they came by (in the headers too when there is just one).
fn digest_email(notices: &Notices, person: &user::Model, entries: &[digest_entry::Model]) -> Option<Email> {
    let lines: Vec<_> = entries.iter().filter_map(|e| news(&notices.public_url, person.language, &e.event_type, &e.subject)).collect();
    if lines.is_empty() {
        return None;
    }
    let mut subscriptions: Vec<Uuid> = entries.iter().map(|e| e.subscription_id).collect();
    subscriptions.sort();
    subscriptions.dedup();
    let links: Vec<String> = subscriptions.iter().map(|s| unsubscribe_page(notices, *s)).collect();
    let cs = person.language == Language::Cs;
    let weekly = person.notification_frequency == NotificationFrequency::Weekly;
    let (subject, greeting, intro, label, stop) = match (cs, weekly) {
        (true, false) => (
            "Spoluplán: novinky za poslední den",
            format!("Dobrý den, {},", person.display_name),
            "přinášíme přehled novinek, k jejichž odběru jste se přihlásili:",
            "Zobrazit",
            "Odhlásit odběr",
        ),
        (true, true) => (
            "Spoluplán: novinky za poslední týden",
            format!("Dobrý den, {},", person.display_name),
            "přinášíme přehled novinek, k jejichž odběru jste se přihlásili:",
            "Zobrazit",
            "Odhlásit odběr",
        ),
        (false, false) => (
            "Spoluplán: today's news",
            format!("Hello {},", person.display_name),
            "here is the news you subscribed to:",
            "See it",
            "Unsubscribe",
        ),
        (false, true) => (
            "Spoluplán: this week's news",
            format!("Hello {},", person.display_name),
            "here is the news you subscribed to:",
            "See it",
            "Unsubscribe",
        ),
    };
    let mut blocks = vec![Block::Text(&greeting), Block::Text(intro)];
    for line in &lines {
        blocks.push(Block::Text(&line.what));
        blocks.push(Block::Link { label, url: &line.url });
    }
    let footer = if cs {
        "Jak často vám píšeme, nastavíte ve svém účtu ve Spoluplánu."
    } else {
        "How often we write is up to you, in your Spoluplán account."
    };
    blocks.push(Block::Text(footer));
    for link in &links {
        blocks.push(Block::Link { label: stop, url: link });
    }
    let mut email = Email::new(&person.email, person.language, subject, &blocks);
    if let [only] = subscriptions.as_slice() {
        email.unsubscribe = Some(unsubscribe_url(notices, *only));
    }
    Some(email)
}
