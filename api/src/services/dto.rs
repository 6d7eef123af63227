//! Service request and response bodies.
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{CapacityUnit, ServiceForm};
use entity::service;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{LongText, NonBlank, OfficialCode};
use crate::error::{FieldErrorCode, Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::measures::dto::MeasureRef;
use crate::organizations::dto::{OrgName, check_contacts, given_text};
use crate::page_of;
use crate::target_groups::dto::parse_code;

/// Bounds of the lists a service carries.
pub(crate) const MAX_TARGET_GROUPS: usize = 50;
pub(crate) const MAX_CAPACITIES: usize = 20;
pub(crate) const MAX_TERRITORIES: usize = 200;
pub(crate) const MAX_COUNT: i64 = 1_000_000;

/// One registered capacity: `count` `unit`s of a `form` the service is provided in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    pub form: ServiceForm,
    #[schema(minimum = 0, maximum = 1000000)]
    pub count: i32,
    pub unit: CapacityUnit,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceCreate {
    /// The organization that runs the service.
    pub organization_id: Uuid,
    /// e.g. "Pečovatelská služba Kaplice".
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    /// A code of `/service-kinds`; null for a related activity (související aktivita) that is not
    /// a registered social service.
    #[schema(max_length = 80)]
    pub kind_code: Option<String>,
    /// The national register's `identifikator`, unique.
    #[schema(min_length = 1, max_length = 64)]
    pub registration_id: Option<String>,
    #[serde(default)]
    #[schema(max_items = 3)]
    pub forms: Vec<ServiceForm>,
    /// Codes of `/target-groups`.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub target_group_codes: Vec<String>,
    /// Each of a form in `forms`.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub capacities: Vec<Capacity>,
    /// The territories the service serves.
    #[serde(default)]
    #[schema(max_items = 200)]
    pub territory_ids: Vec<Uuid>,
    #[schema(max_length = 500)]
    pub address: Option<String>,
    /// The ČSÚ code of the municipality (obec) where the service is, e.g. "545881".
    #[schema(pattern = "^[0-9A-Za-z]{1,16}$")]
    pub municipality_code: Option<String>,
    #[schema(max_length = 500)]
    pub web: Option<String>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[schema(max_length = 100)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// The first day the service is provided; none: since ever.
    pub valid_from: Option<NaiveDate>,
    /// The last day the service is provided, not before `valid_from`; none: with no end.
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct ServicePatch {
    /// Another organization takes the service over.
    pub organization_id: Option<Uuid>,
    #[schema(min_length = 1, max_length = 300)]
    pub name: Option<String>,
    /// null: a related activity, not a registered service.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 80)]
    pub kind_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 64)]
    pub registration_id: Option<Option<String>>,
    /// Replaces the forms; the capacities must still fit them.
    #[schema(max_items = 3)]
    pub forms: Option<Vec<ServiceForm>>,
    /// Replaces the target groups.
    #[schema(max_items = 50)]
    pub target_group_codes: Option<Vec<String>>,
    /// Replaces the capacities.
    #[schema(max_items = 20)]
    pub capacities: Option<Vec<Capacity>>,
    /// Replaces the territories.
    #[schema(max_items = 200)]
    pub territory_ids: Option<Vec<Uuid>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub address: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, pattern = "^[0-9A-Za-z]{1,16}$")]
    pub municipality_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub web: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 254)]
    pub email: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub phone: Option<Option<String>>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_from: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub valid_to: Option<Option<NaiveDate>>,
}

/// The rules of the lists a service carries, once the service's forms are known: each capacity
/// is of one of them.
pub fn check_lists(
    v: &mut Validator,
    forms: &[ServiceForm],
    target_group_codes: Option<&[String]>,
    capacities: Option<&[Capacity]>,
    territory_ids: Option<&[Uuid]>,
) {
    v.once_each("forms", forms);
    if let Some(codes) = target_group_codes {
        v.items("target_group_codes", codes.len(), MAX_TARGET_GROUPS);
        for (i, code) in codes.iter().enumerate() {
            v.field(parse_code(&format!("target_group_codes[{i}]"), code));
        }
        v.once_each("target_group_codes", codes);
    }
    if let Some(capacities) = capacities {
        v.items("capacities", capacities.len(), MAX_CAPACITIES);
        for (i, capacity) in capacities.iter().enumerate() {
            v.range(&format!("capacities[{i}].count"), capacity.count.into(), 0, MAX_COUNT);
            v.check(
                forms.contains(&capacity.form),
                &format!("capacities[{i}].form"),
                FieldErrorCode::Invalid,
                "must be one of the service's forms",
            );
        }
    }
    if let Some(territories) = territory_ids {
        v.items("territory_ids", territories.len(), MAX_TERRITORIES);
        v.once_each("territory_ids", territories);
    }
}

/// A validity's end is not before its start.
pub fn check_validity(v: &mut Validator, from: Option<NaiveDate>, to: Option<NaiveDate>) {
    v.date("valid_from", from);
    v.date("valid_to", to);
    if let (Some(from), Some(to)) = (from, to) {
        v.check(to >= from, "valid_to", FieldErrorCode::BeforeStart, "must not be before valid_from");
    }
}

fn texts(v: &mut Validator, kind_code: Option<&str>, registration_id: Option<&str>, municipality_code: Option<&str>) {
    if let Some(kind) = kind_code {
        v.field(NonBlank::<80>::parse("kind_code", kind));
    }
    if let Some(id) = registration_id {
        v.field(NonBlank::<64>::parse("registration_id", id));
    }
    if let Some(code) = municipality_code {
        v.field(OfficialCode::parse("municipality_code", code));
    }
}

/// Rules on the body alone; the lists are checked by the service against the forms the service
/// will have (`check_lists`), and references against the database.
impl Validate for ServiceCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(OrgName::parse("name", &self.name));
        texts(v, self.kind_code.as_deref(), self.registration_id.as_deref(), self.municipality_code.as_deref());
        check_contacts(v, self.address.as_deref(), self.web.as_deref(), self.email.as_deref(), self.phone.as_deref());
        v.field(LongText::parse("description", &self.description));
        check_lists(v, &self.forms, Some(&self.target_group_codes), Some(&self.capacities), Some(&self.territory_ids));
        check_validity(v, self.valid_from, self.valid_to);
    }
}

impl Validate for ServicePatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(name) = &self.name {
            v.field(OrgName::parse("name", name));
        }
        texts(v, given_text(&self.kind_code), given_text(&self.registration_id), given_text(&self.municipality_code));
        check_contacts(v, given_text(&self.address), given_text(&self.web), given_text(&self.email), given_text(&self.phone));
        if let Some(description) = &self.description {
            v.field(LongText::parse("description", description));
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Service {
    pub id: Uuid,
    pub organization_id: Uuid,
    /// The organization's name, for lists and cards.
    pub organization_name: String,
    pub name: String,
    /// Null for a related activity that is not a registered service.
    pub kind_code: Option<String>,
    pub registration_id: Option<String>,
    pub forms: Vec<ServiceForm>,
    pub target_group_codes: Vec<String>,
    pub capacities: Vec<Capacity>,
    pub territory_ids: Vec<Uuid>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub web: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub description: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Service {
    fn version(&self) -> i32 {
        self.version
    }
}

/// One service as `GET` and the list answer it: with the measures that list it, of the plans the
/// caller may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceDetail {
    #[serde(flatten)]
    pub service: Service,
    pub measures: Vec<MeasureRef>,
}

impl Versioned for ServiceDetail {
    fn version(&self) -> i32 {
        self.service.version
    }
}

/// What a service carries besides its own row.
#[derive(Debug, Default, Clone)]
pub struct Lists {
    pub forms: Vec<ServiceForm>,
    pub target_group_codes: Vec<String>,
    pub capacities: Vec<Capacity>,
    pub territory_ids: Vec<Uuid>,
}

impl Service {
    pub fn from_model(m: service::Model, organization_name: String, lists: Lists) -> Self {
        Self {
            id: m.id,
            organization_id: m.organization_id,
            organization_name,
            name: m.name,
            kind_code: m.kind_code,
            registration_id: m.registration_id,
            forms: lists.forms,
            target_group_codes: lists.target_group_codes,
            capacities: lists.capacities,
            territory_ids: lists.territory_ids,
            address: m.address,
            municipality_code: m.municipality_code,
            web: m.web,
            email: m.email,
            phone: m.phone,
            description: m.description,
            valid_from: m.valid_from,
            valid_to: m.valid_to,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(ServicePage, ServiceDetail);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceFilters {
    /// Services of this kind (a code of `/service-kinds`).
    pub kind_code: Option<String>,
    pub form: Option<ServiceForm>,
    /// Services for this target group (a code of `/target-groups`).
    pub target_group_code: Option<String>,
    /// Services serving this territory or one below it.
    pub territory_id: Option<Uuid>,
    pub organization_id: Option<Uuid>,
    /// Words of the service's name, kind, provider, description or address, matched as
    /// `/search` matches them: any case, with or without accents, the last word as a prefix.
    pub q: Option<String>,
    /// true: services provided today (valid_from not after today, valid_to not before it); false: the others.
    pub active: Option<bool>,
}

/// `json` (default) or `csv` (for Czech Excel: UTF-8 with a BOM, `;`-separated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum OverviewFormat {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverviewQuery {
    /// Count the services serving this territory or one below it; the whole installation without it.
    pub territory_id: Option<Uuid>,
    #[param(inline)]
    pub format: Option<OverviewFormat>,
}

/// How much of one unit a group of services registers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UnitTotal {
    pub unit: CapacityUnit,
    pub count: i64,
}

/// The services of one kind serving one territory.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverviewRow {
    pub territory_id: Uuid,
    pub territory_name: String,
    /// Null for related activities that are not registered services.
    pub kind_code: Option<String>,
    pub services: i64,
    /// Summed per unit, in the order of the units; a unit no service registers is left out.
    pub capacities: Vec<UnitTotal>,
}

/// The services of one kind over the whole territory asked for, each counted once however many of
/// its territories it serves.
#[derive(Debug, Serialize, ToSchema)]
pub struct OverviewTotal {
    pub kind_code: Option<String>,
    pub services: i64,
    pub capacities: Vec<UnitTotal>,
}

/// The network of social services at a glance (síť sociálních služeb): per territory served and
/// kind of service, how many services are provided today and with what capacity.
#[derive(Debug, Serialize, ToSchema)]
pub struct NetworkOverview {
    /// The territory asked for; null for the whole installation.
    pub territory_id: Option<Uuid>,
    /// The day whose services are counted: those provided on it (today).
    pub provided_on: NaiveDate,
    /// By territory name in Czech alphabetical order, then by the kind's order in the Act (related activities last). A service
    /// serving several territories is counted in each.
    pub rows: Vec<OverviewRow>,
    /// Per kind, in the Act's order.
    pub totals: Vec<OverviewTotal>,
}
