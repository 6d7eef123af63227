//! A kind of social service (druh sociální služby) of Act 108/2006: a code list the migrations
//! write, one row a paragraph (§37 split into základní and odborné as the register splits it).
use crate::enums::ServiceGroup;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service_kinds")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    /// As the Act cites it: "§40", "§60a".
    pub paragraph: String,
    /// As the Act words it, e.g. "pečovatelská služba".
    pub name: String,
    pub group: ServiceGroup,
    /// The order of the Act.
    pub position: i32,
    /// The kind's id in the register's code list `druhy-socialni-sluzby`, e.g. "DruhSocialniSluzby/13".
    pub register_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
