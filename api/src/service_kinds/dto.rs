//! A kind of social service as the API answers it.
use entity::enums::ServiceGroup;
use entity::service_kind;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::page_of;

/// A kind of social service (druh sociální služby) by its paragraph of Act 108/2006.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceKind {
    /// What services name as their `kind_code`, e.g. "pecovatelska_sluzba".
    pub code: String,
    /// e.g. "§40"; both kinds of sociální poradenství are "§37".
    pub paragraph: String,
    /// As the Act words it, e.g. "pečovatelská služba".
    pub name: String,
    pub group: ServiceGroup,
    /// The kind's id in the national register's code list (`druhy-socialni-sluzby`).
    pub register_id: Option<String>,
}

impl ServiceKind {
    pub fn from_model(m: service_kind::Model) -> Self {
        Self { code: m.code, paragraph: m.paragraph, name: m.name, group: m.group, register_id: m.register_id }
    }
}

page_of!(ServiceKindPage, ServiceKind);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceKindFilters {
    pub group: Option<ServiceGroup>,
}
