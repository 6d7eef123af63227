//! The code list is public and whole: a few dozen rows, in the order of the Act.
use entity::service_kind;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::dto::{ServiceKind, ServiceKindFilters, ServiceKindPage};
use crate::error::ApiResult;
use crate::state::AppState;

pub async fn list(state: &AppState, filters: ServiceKindFilters) -> ApiResult<ServiceKindPage> {
    let mut select = service_kind::Entity::find().order_by_asc(service_kind::Column::Position);
    if let Some(group) = filters.group {
        select = select.filter(service_kind::Column::Group.eq(group));
    }
    let items = select.all(&state.db).await?.into_iter().map(ServiceKind::from_model).collect();
    Ok(ServiceKindPage { items, next_cursor: None })
}
