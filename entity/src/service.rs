//! A social service (sociální služba) of an organization: a registered service of a kind of the
//! Act, or a related activity (související aktivita, no kind). Its forms, target groups,
//! capacities and territories are rows of their own (`service_*`), so lists filter by them.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    /// A `service_kinds.code`; none for a related activity.
    pub kind_code: Option<String>,
    /// The register's `identifikator`, unique.
    pub registration_id: Option<String>,
    pub address: Option<String>,
    /// The ČSÚ code of the municipality where the service is (obec), as the register gives it.
    pub municipality_code: Option<String>,
    pub web: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub description: String,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
