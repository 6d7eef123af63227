//! Who wrote and who settled a comment, as each caller may see them: the account behind a name
//! only for staff and for the author themselves.
use std::collections::HashMap;

use entity::user;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::caller::Caller;
use crate::error::ApiResult;

/// Who wrote a comment: an account (`id`) or a name given by or for an anonymous submitter.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Author {
    /// The author's account; null for anonymous submitters, and shown only to coordinators,
    /// admins and the author themselves (an id next to a name would tie the name to the same
    /// person's other records, such as a service user's working-group membership).
    pub id: Option<Uuid>,
    pub display_name: String,
}

/// What a caller may see of a comment besides its public fields.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub staff: bool,
    pub viewer: Option<Uuid>,
}

impl View {
    pub fn of(caller: &Caller) -> Self {
        Self { staff: caller.is_staff(), viewer: caller.user_id() }
    }

    /// The author as this caller may see them: the account id only for staff and the author.
    pub fn author(self, id: Option<Uuid>, display_name: String) -> Author {
        let shown = self.staff || (id.is_some() && id == self.viewer);
        Author { id: id.filter(|_| shown), display_name }
    }
}

/// Who settled a comment; `names` maps resolver ids to display names (see [`names_of`]).
pub fn resolver(id: Option<Uuid>, names: &HashMap<Uuid, String>) -> Option<Author> {
    id.map(|id| Author { id: Some(id), display_name: names.get(&id).cloned().unwrap_or_default() })
}

/// Display names of the users who resolved comments.
pub async fn names_of<D: ConnectionTrait>(db: &D, ids: impl IntoIterator<Item = Option<Uuid>>) -> ApiResult<HashMap<Uuid, String>> {
    let mut ids: Vec<Uuid> = ids.into_iter().flatten().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}
