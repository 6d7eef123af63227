//! "Three days before it closes": each poll the worker writes the `plan.consultation_closing`
//! event of every consultation that closes within three days and has not had its reminder, which
//! then fans out like any event (its subscribers' e-mails, webhooks).
//!
//! The event and the plan's marker (`closing_reminder_for`, the closing time reminded of) are
//! written in one transaction, by an UPDATE that takes the plan only while its marker is not that
//! closing time. Of several instances on PostgreSQL the second waits for the first's row lock and
//! then finds the marker set, so it writes nothing; on SQLite the transaction is the database's
//! one writer. So each closing time is reminded of exactly once, and a deadline moved later (back
//! to draft and into consultation again) is reminded of anew.
use chrono::Duration;
use entity::enums::PlanStatus;
use entity::plan;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use uuid::Uuid;

use super::event::Event;
use super::{Message, write};
use crate::clock;

pub const KIND: &str = "plan.consultation_closing";
/// How long before the close the reminder goes.
const AHEAD: Duration = Duration::days(3);
/// Plans one round looks at; the next poll takes the rest.
const BATCH: u64 = 20;

/// Not yet reminded of the current closing time.
fn unreminded() -> Condition {
    Condition::any()
        .add(plan::Column::ClosingReminderFor.is_null())
        .add(Expr::col(plan::Column::ClosingReminderFor).ne(Expr::col(plan::Column::ConsultationClosesAt)))
}

/// Open consultations that close within three days and have not been reminded of it.
fn due() -> Condition {
    let now = clock::now();
    Condition::all()
        .add(plan::Column::Status.eq(PlanStatus::Consultation))
        .add(plan::Column::ConsultationClosesAt.gt(now))
        .add(plan::Column::ConsultationClosesAt.lte(now + AHEAD))
        .add(unreminded())
}

/// Writes the due reminders' events into the outbox; answers how many.
pub async fn write_due(db: &DatabaseConnection) -> Result<usize, DbErr> {
    // One read, no write transaction, when none is due.
    let plans: Vec<Uuid> = plan::Entity::find()
        .select_only()
        .column(plan::Column::Id)
        .filter(due())
        .order_by_asc(plan::Column::ConsultationClosesAt)
        .limit(BATCH)
        .into_tuple()
        .all(db)
        .await?;
    let mut written = 0;
    for id in plans {
        if claim(db, id).await? {
            written += 1;
        }
    }
    Ok(written)
}

/// The plan's reminder, if still due and nobody wrote it meanwhile: marker and event together.
async fn claim(db: &DatabaseConnection, id: Uuid) -> Result<bool, DbErr> {
    let txn = crate::db::begin(db).await?;
    let marked = plan::Entity::update_many()
        .col_expr(plan::Column::ClosingReminderFor, Expr::col(plan::Column::ConsultationClosesAt))
        .filter(plan::Column::Id.eq(id))
        .filter(due())
        .exec(&txn)
        .await?;
    if marked.rows_affected == 0 {
        return Ok(false);
    }
    let Some(plan) = plan::Entity::find_by_id(id).one(&txn).await? else { return Ok(false) };
    let event = Event {
        id: Uuid::now_v7(),
        kind: KIND.to_string(),
        occurred_at: clock::now(),
        data: json!({"id": plan.id, "territory_id": plan.territory_id, "title": plan.title, "status": plan.status,
                     "consultation_closes_at": plan.consultation_closes_at}),
        territories: plan.territory_id.into_iter().collect(),
        // Only a plan in consultation is reminded of, and it is public.
        public: true,
    };
    write(&txn, Message::Event(event)).await?;
    txn.commit().await?;
    Ok(true)
}
