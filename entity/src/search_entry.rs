//! One thing `/search` finds, as the public may read it (see migration m20270103_000001_search
//! and api/src/search/). Each database's full-text index over `title_terms` and `terms` lies
//! beside it: an FTS5 table on SQLite, a generated column on PostgreSQL this entity leaves out.
use sea_orm::entity::prelude::*;

use crate::enums::SearchKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: SearchKind,
    pub entity_id: Uuid,
    /// The plan of a plan, goal or measure.
    pub plan_id: Option<Uuid>,
    /// The working group of a meeting, the organization of a service.
    pub owner_id: Option<Uuid>,
    pub territory_id: Option<Uuid>,
    /// False inside a draft plan.
    pub public: bool,
    pub title: String,
    /// The public text a snippet is cut from.
    pub body: String,
    /// `title` and `body` folded: words without accents, in lower case, one space apart.
    pub title_terms: String,
    pub terms: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
