//! Writes every resource shares: a patch's fields onto a row, and the optimistic-concurrency update.
use std::str::FromStr;

use sea_orm::{ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::clock;
use crate::error::{ApiError, ApiResult};

/// Sets a column the patch carries; one it leaves out stays as it is.
pub fn given<T: Into<sea_orm::Value>>(column: &mut ActiveValue<T>, value: Option<T>) {
    if let Some(value) = value {
        *column = ActiveValue::Set(value);
    }
}

/// Saves `active` only if the row still has `version`, bumping `version` and `updated_at`
/// in the same statement, so two writers that read the same version cannot both win.
pub async fn update_versioned<A, D>(db: &D, mut active: A, id: Uuid, version: i32) -> ApiResult<<A::Entity as EntityTrait>::Model>
where
    A: ActiveModelTrait + Send,
    D: ConnectionTrait,
{
    let column = |name: &str| <<A::Entity as EntityTrait>::Column as FromStr>::from_str(name).map_err(|_| ApiError::Internal);
    let (id_col, version_col, updated_col) = (column("id")?, column("version")?, column("updated_at")?);
    active.set(version_col, (version + 1).into());
    active.set(updated_col, clock::now().into());
    let result =
        <A::Entity as EntityTrait>::update_many().set(active).filter(id_col.eq(id)).filter(version_col.eq(version)).exec(db).await?;
    if result.rows_affected == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    <A::Entity as EntityTrait>::find().filter(id_col.eq(id)).one(db).await?.ok_or(ApiError::NotFound)
}
