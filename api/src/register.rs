//! The comment register's rules as queries: which comments are public record, which are formal
//! comments of a plan's settlement register, and which of those still hold its approval back.
use entity::comment;
use entity::enums::TargetType;
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Select};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult, ConflictCode};

/// Made during a consultation: public record, whether a formal comment or a reply to one.
pub fn of_consultation() -> SimpleExpr {
    comment::Column::IsConsultation.eq(true)
}

/// A formal comment of the settlement register: made in the consultation, and not a reply.
/// Replies are discussion; the comment they answer is what gets settled.
pub fn formal() -> Condition {
    Condition::all().add(of_consultation()).add(comment::Column::ParentId.is_null())
}

/// [`formal`] for a comment in hand.
pub fn is_formal(c: &comment::Model) -> bool {
    c.is_consultation && c.parent_id.is_none()
}

/// Formal comments that are settled (`true`) or still waiting for a resolution (`false`).
pub fn settled(yes: bool) -> Condition {
    formal().add(if yes { comment::Column::Resolution.is_not_null() } else { comment::Column::Resolution.is_null() })
}

/// The settlement register of a plan, hidden comments included (they are part of the record and
/// must be settled too).
pub fn register_of(plan_id: Uuid) -> Select<comment::Entity> {
    comment::Entity::find().filter(comment::Column::PlanId.eq(plan_id)).filter(formal())
}

/// How many formal comments of the plan are not settled yet: the plan cannot be approved before
/// this is zero.
pub async fn holding_approval<D: ConnectionTrait>(db: &D, plan_id: Uuid) -> ApiResult<u64> {
    Ok(comment::Entity::find().filter(comment::Column::PlanId.eq(plan_id)).filter(settled(false)).count(db).await?)
}

/// How many comments on the plan and its parts were made during a consultation.
pub async fn consultation_comments_of<D: ConnectionTrait>(db: &D, plan_id: Uuid) -> ApiResult<u64> {
    Ok(comment::Entity::find().filter(comment::Column::PlanId.eq(plan_id)).filter(of_consultation()).count(db).await?)
}

/// Clears the comments on goals and measures about to be deleted, so none is left pointing at
/// nothing. Consultation comments are public record, so their targets cannot be deleted (409).
pub async fn clear_for_deletion<D: ConnectionTrait>(db: &D, goals: Vec<Uuid>, measures: Vec<Uuid>) -> ApiResult<()> {
    let on_targets = Condition::any()
        .add(Condition::all().add(comment::Column::TargetType.eq(TargetType::Goal)).add(comment::Column::TargetId.is_in(goals)))
        .add(Condition::all().add(comment::Column::TargetType.eq(TargetType::Measure)).add(comment::Column::TargetId.is_in(measures)));
    let consultation = comment::Entity::find().filter(on_targets.clone()).filter(of_consultation()).count(db).await?;
    if consultation > 0 {
        return Err(ApiError::Conflict(
            ConflictCode::PublicRecord,
            format!(
                "{consultation} consultation comment(s) are attached here; they belong to the settlement \
             register, so this cannot be deleted"
            ),
        ));
    }
    comment::Entity::delete_many().filter(on_targets).exec(db).await?;
    Ok(())
}
