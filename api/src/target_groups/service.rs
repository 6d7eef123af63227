//! Target groups: public to read; coordinators and admins add them.
use entity::target_group;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::dto::{TargetGroup, TargetGroupCreate, TargetGroupFilters, TargetGroupPage};
use crate::audit::{self, service::changes_of};
use crate::caller::{Action, Caller, authorize};
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode, Validate, Validator};
use crate::like;
use crate::pagination::{self, PageParams, Sort};
use crate::state::AppState;

/// In the order they were made: the seeded ones first, as the planning documents list them.
pub async fn list(state: &AppState, filters: TargetGroupFilters, page: &PageParams) -> ApiResult<TargetGroupPage> {
    let mut select = target_group::Entity::find();
    if let Some(q) = like::containing(filters.q.as_deref(), [Expr::col(target_group::Column::Name)]) {
        select = select.filter(q);
    }
    let sort = Sort { key: None, id: target_group::Column::Id, descending: false };
    let (rows, next_cursor) = pagination::fetch(&state.db, select, sort, page, |t| (None, t.id)).await?;
    Ok(TargetGroupPage { items: rows.into_iter().map(TargetGroup::from_model).collect(), next_cursor })
}

/// 422 naming each of `codes` (`<field>[i]`) that is no target group; one query.
pub async fn check_known<D: ConnectionTrait>(db: &D, v: &mut Validator, field: &str, codes: &[String]) -> ApiResult<()> {
    if codes.is_empty() {
        return Ok(());
    }
    let known: Vec<String> = target_group::Entity::find()
        .select_only()
        .column(target_group::Column::Code)
        .filter(target_group::Column::Code.is_in(codes.iter().cloned()))
        .into_tuple()
        .all(db)
        .await?;
    for (i, code) in codes.iter().enumerate() {
        v.check(known.contains(code), &format!("{field}[{i}]"), FieldErrorCode::NotFound, "no such target group");
    }
    Ok(())
}

async fn by_code<D: ConnectionTrait>(db: &D, code: &str) -> ApiResult<Option<target_group::Model>> {
    Ok(target_group::Entity::find().filter(target_group::Column::Code.eq(code)).one(db).await?)
}

pub async fn get(state: &AppState, code: &str) -> ApiResult<TargetGroup> {
    Ok(TargetGroup::from_model(by_code(&state.db, code).await?.ok_or(ApiError::NotFound)?))
}

/// 409 `duplicate` naming `code` when a group has it already.
pub async fn create(state: &AppState, caller: &Caller, body: TargetGroupCreate) -> ApiResult<TargetGroup> {
    authorize(caller, Action::ManageNetwork)?;
    let mut v = Validator::new();
    body.validate(&mut v);
    v.finish()?;
    let txn = crate::db::begin(&state.db).await?;
    if by_code(&txn, &body.code).await?.is_some() {
        return Err(ApiError::duplicate("code", format!("a target group has the code {} already", body.code)));
    }
    let now = clock::now();
    let created = target_group::ActiveModel {
        id: Set(Uuid::now_v7()),
        code: Set(body.code.clone()),
        name: Set(body.name.trim().to_string()),
        description: Set(body.description.clone()),
        register_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, caller, "create", "target_group", Some(created.id), changes_of(&body)).await?;
    txn.commit().await?;
    Ok(TargetGroup::from_model(created))
}
