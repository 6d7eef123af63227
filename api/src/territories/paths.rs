//! Keeps `territory_paths`, the tree's closure table, in step with `territories.parent_id`:
//! every writer of the tree calls these in the transaction of its write. A territory has a row
//! for itself (`depth` 0) and one for every territory above it.
use entity::territory_path::{self, Column};
use sea_orm::sea_query::{Expr, ExprTrait, InsertStatement, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::error::ApiResult;

/// The rows of a territory just inserted below `parent`: itself, and each of `parent`'s
/// ancestors (`parent` included) one level further up.
pub async fn link(db: &impl ConnectionTrait, id: Uuid, parent: Option<Uuid>) -> ApiResult<()> {
    territory_path::Entity::insert(territory_path::ActiveModel {
        ancestor_id: sea_orm::ActiveValue::Set(id),
        descendant_id: sea_orm::ActiveValue::Set(id),
        depth: sea_orm::ActiveValue::Set(0),
    })
    .exec_without_returning(db)
    .await?;
    if let Some(parent) = parent {
        let above = Query::select()
            .column(Column::AncestorId)
            .expr(Expr::value(id))
            .expr(Expr::col(Column::Depth).add(1))
            .from(territory_path::Entity)
            .and_where(Column::DescendantId.eq(parent))
            .take();
        db.execute(&insert_rows(above)?).await?;
    }
    Ok(())
}

/// Re-hangs `id` with everything below it under `parent` (or at the top): the subtree loses its
/// rows to the territories above `id` and gains one for each pair of a new ancestor and a
/// territory of the subtree. The rows within the subtree stay as they are.
pub async fn move_under(db: &impl ConnectionTrait, id: Uuid, parent: Option<Uuid>) -> ApiResult<()> {
    let subtree = || Query::select().column(Column::DescendantId).from(territory_path::Entity).and_where(Column::AncestorId.eq(id)).take();
    territory_path::Entity::delete_many()
        .filter(Column::DescendantId.in_subquery(subtree()))
        .filter(Column::AncestorId.not_in_subquery(subtree()))
        .exec(db)
        .await?;
    if let Some(parent) = parent {
        let (up, down) = ("up", "down");
        let pairs = Query::select()
            .column((up, Column::AncestorId))
            .column((down, Column::DescendantId))
            .expr(Expr::col((up, Column::Depth)).add(Expr::col((down, Column::Depth))).add(1))
            .from_as(territory_path::Entity, up)
            .from_as(territory_path::Entity, down)
            .and_where(Expr::col((up, Column::DescendantId)).eq(parent))
            .and_where(Expr::col((down, Column::AncestorId)).eq(id))
            .take();
        db.execute(&insert_rows(pairs)?).await?;
    }
    Ok(())
}

/// Whether `territory` is `root` or lies below it: one lookup by the table's primary key.
pub async fn lies_within(db: &impl ConnectionTrait, territory: Uuid, root: Uuid) -> ApiResult<bool> {
    let found =
        territory_path::Entity::find().filter(Column::AncestorId.eq(root)).filter(Column::DescendantId.eq(territory)).count(db).await?;
    Ok(found > 0)
}

/// `INSERT INTO territory_paths (ancestor_id, descendant_id, depth)` of the rows `select` makes.
fn insert_rows(select: SelectStatement) -> Result<InsertStatement, DbErr> {
    let mut insert = Query::insert();
    insert.into_table(territory_path::Entity).columns([Column::AncestorId, Column::DescendantId, Column::Depth]);
    insert.select_from(select).map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(insert)
}
