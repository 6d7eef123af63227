//! Where a plan or a working group is placed: a territory given by id, or, for first-stage
//! clients that send only a name, the territory of that name (api.md, "Territories").
use entity::enums::TerritoryKind;
use entity::territory;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::paths;
use super::scope::{self, Reach};
use crate::audit::{self, service::changes_of};
use crate::caller::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode};

/// The territory `id`; 422 `not_found` naming `field` when there is none.
pub async fn by_id(db: &impl ConnectionTrait, field: &str, id: Uuid) -> ApiResult<territory::Model> {
    territory::Entity::find_by_id(id).one(db).await?.ok_or_else(|| ApiError::invalid(field, FieldErrorCode::NotFound, "no such territory"))
}

/// The territory a body names by `territory_id` or by `territory` (a name), or none when it
/// names neither. Sent together, the name must be that territory's.
pub async fn resolve(
    db: &impl ConnectionTrait,
    caller: &Caller,
    id: Option<Uuid>,
    name: Option<&str>,
) -> ApiResult<Option<territory::Model>> {
    let name = name.map(str::trim);
    match (id, name) {
        (Some(id), name) => {
            let found = by_id(db, "territory_id", id).await?;
            if name.is_some_and(|n| n != found.name) {
                return Err(ApiError::invalid(
                    "territory",
                    FieldErrorCode::InvalidValue,
                    format!("is the name of the territory territory_id names ({}), or left out", found.name),
                ));
            }
            Ok(Some(found))
        }
        (None, Some(name)) => by_name(db, caller, name).await.map(Some),
        (None, None) => Ok(None),
    }
}

/// The territory named `name` (the oldest, should several share it); made, as kind `other`,
/// when there is none and the caller coordinates the whole installation. Anyone narrower must
/// pick one of the tree's territories, so their plans never land outside it.
async fn by_name(db: &impl ConnectionTrait, caller: &Caller, name: &str) -> ApiResult<territory::Model> {
    let existing = territory::Entity::find().filter(territory::Column::Name.eq(name)).order_by_asc(territory::Column::Id).one(db).await?;
    if let Some(found) = existing {
        return Ok(found);
    }
    let whole = match caller.user_id() {
        Some(user) => scope::coordinated(db, user).await? == Reach::Installation,
        None => false,
    };
    if !whole {
        return Err(ApiError::invalid(
            "territory",
            FieldErrorCode::NotFound,
            "no territory has this name; choose one of your territories by territory_id",
        ));
    }
    let now = clock::now();
    let made = territory::ActiveModel {
        id: Set(Uuid::now_v7()),
        name: Set(name.to_string()),
        kind: Set(TerritoryKind::Other),
        code: Set(None),
        parent_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
    }
    .insert(db)
    .await?;
    paths::link(db, made.id, None).await?;
    let changes = changes_of(&serde_json::json!({"name": made.name, "kind": made.kind}));
    audit::record(db, caller, "create", "territory", Some(made.id), changes).await?;
    Ok(made)
}
