//! What the worker does with an event: one delivery message per webhook that is to receive it, and
//! the e-mails of the subscriptions it concerns (`notify`), all written in one transaction with the
//! event marked handled, so an event fans out once.
use std::collections::HashMap;
use std::collections::hash_map::Entry;

use entity::enums::Role;
use entity::{outbox, user, webhook};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::event::Event;
use super::notify::{Notices, notify};
use super::webhook::Delivery;
use super::{Message, write};
use crate::reach::{self, Reach};
use crate::{clock, readers};

pub async fn fan_out(db: &DatabaseConnection, notices: &Notices, row: Uuid, event: &Event) -> Result<(), DbErr> {
    let txn = crate::db::begin(db).await?;
    webhooks(&txn, event).await?;
    notify(&txn, notices, event).await?;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::SentAt, Expr::value(Some(clock::now())))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(None::<chrono::DateTime<chrono::Utc>>))
        .filter(outbox::Column::Id.eq(row))
        .exec(&txn)
        .await?;
    txn.commit().await
}

/// The enabled webhooks subscribed to the event's type whose owner is an active coordinator or
/// admin who may read the resource (the public's events reach all; a draft's only owners who read
/// drafts), and, for a coordinator with territories assigned, lies within their reach. Webhooks
/// are few (a handful an installation), so they are filtered here rather than in SQL over JSON.
async fn webhooks(txn: &DatabaseTransaction, event: &Event) -> Result<(), DbErr> {
    let hooks = webhook::Entity::find().filter(webhook::Column::Enabled.eq(true)).all(txn).await?;
    let hooks: Vec<_> = hooks.into_iter().filter(|h| h.events.0.contains(&event.kind)).collect();
    if hooks.is_empty() {
        return Ok(());
    }
    let owners: HashMap<Uuid, user::Model> = user::Entity::find()
        .filter(user::Column::Id.is_in(hooks.iter().map(|h| h.user_id)))
        .filter(user::Column::IsActive.eq(true))
        .filter(user::Column::Role.is_in([Role::Coordinator, Role::Admin]))
        .all(txn)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut reaches: HashMap<Uuid, Reach> = HashMap::new();
    for hook in hooks {
        let Some(owner) = owners.get(&hook.user_id) else { continue };
        if !event.public && !readers::reads_drafts(owner) {
            continue;
        }
        if owner.role == Role::Coordinator {
            let reach = match reaches.entry(owner.id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => new.insert(reach::coordinated(txn, owner.id).await.map_err(|e| DbErr::Custom(e.to_string()))?),
            };
            let within = match reach {
                Reach::Installation => true,
                Reach::Territories(_) => event.territories.iter().any(|t| reach.includes(Some(*t))),
            };
            if !within {
                continue;
            }
        }
        write(txn, Message::Webhook(Delivery { webhook_id: hook.id, event: event.clone() })).await?;
    }
    Ok(())
}
