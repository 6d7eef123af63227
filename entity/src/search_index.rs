//! The version of what the program puts into the search index that its rows were built with:
//! one row, rewritten by each rebuild (see api/src/search/index.rs).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_index")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
