//! Organization request and response bodies, and the contact fields organizations and services share.
use chrono::{DateTime, Utc};
use entity::enums::OrganizationKind;
use entity::{organization, service};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::{Email, Ico, LongText, NonBlank, Text};
use crate::error::{Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::measures::dto::MeasureRef;
use crate::page_of;

/// The name of an organization or service ("Charita Český Krumlov", "Pečovatelská služba Kaplice").
pub type OrgName = NonBlank<300>;

/// The contact fields, each optional, as an organization's or service's body carries them. A web
/// address is kept as written: the register's are often without a scheme ("www.charita.cz").
pub fn check_contacts(v: &mut Validator, address: Option<&str>, web: Option<&str>, email: Option<&str>, phone: Option<&str>) {
    if let Some(address) = address {
        v.field(Text::<500>::parse("address", address));
    }
    if let Some(web) = web {
        v.field(Text::<500>::parse("web", web));
    }
    if let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) {
        v.field(Email::parse("email", email));
    }
    if let Some(phone) = phone {
        v.field(Text::<100>::parse("phone", phone));
    }
}

/// The text a patch sets, if it sets one (not when it leaves the field out or clears it).
pub fn given_text(field: &Option<Option<String>>) -> Option<&str> {
    field.as_ref().and_then(|f| f.as_deref())
}

/// An optional text as stored: trimmed, and none when blank.
pub fn stored(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationCreate {
    /// e.g. "Charita Český Krumlov".
    #[schema(min_length = 1, max_length = 300)]
    pub name: String,
    /// IČO: eight digits with a valid check digit (422 otherwise), unique (409 `duplicate`).
    #[schema(pattern = "^\\s*[0-9]{8}\\s*$")]
    pub ico: Option<String>,
    pub kind: OrganizationKind,
    #[schema(max_length = 500)]
    pub address: Option<String>,
    /// A web address as the organization gives it ("www.charita.cz").
    #[schema(max_length = 500)]
    pub web: Option<String>,
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[schema(max_length = 100)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
}

#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct OrganizationPatch {
    #[schema(min_length = 1, max_length = 300)]
    pub name: Option<String>,
    /// null removes the IČO.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, pattern = "^\\s*[0-9]{8}\\s*$")]
    pub ico: Option<Option<String>>,
    pub kind: Option<OrganizationKind>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub address: Option<Option<String>>,
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
}

impl Validate for OrganizationCreate {
    fn validate(&self, v: &mut Validator) {
        v.field(OrgName::parse("name", &self.name));
        if let Some(ico) = &self.ico {
            v.field(Ico::parse("ico", ico));
        }
        check_contacts(v, self.address.as_deref(), self.web.as_deref(), self.email.as_deref(), self.phone.as_deref());
        v.field(LongText::parse("description", &self.description));
    }
}

impl Validate for OrganizationPatch {
    fn validate(&self, v: &mut Validator) {
        if let Some(name) = &self.name {
            v.field(OrgName::parse("name", name));
        }
        if let Some(Some(ico)) = &self.ico {
            v.field(Ico::parse("ico", ico));
        }
        check_contacts(v, given_text(&self.address), given_text(&self.web), given_text(&self.email), given_text(&self.phone));
        if let Some(description) = &self.description {
            v.field(LongText::parse("description", description));
        }
    }
}

/// A service of an organization, as the organization lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceSummary {
    pub id: Uuid,
    pub name: String,
    /// Null for a related activity that is not a registered service.
    pub kind_code: Option<String>,
}

impl ServiceSummary {
    pub fn from_model(m: &service::Model) -> Self {
        Self { id: m.id, name: m.name.clone(), kind_code: m.kind_code.clone() }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Organization {
    pub id: Uuid,
    pub name: String,
    pub ico: Option<String>,
    pub kind: OrganizationKind,
    pub address: Option<String>,
    pub web: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub description: String,
    /// The services the organization runs, in the order they were entered.
    pub services: Vec<ServiceSummary>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Organization {
    fn version(&self) -> i32 {
        self.version
    }
}

/// One organization as `GET` answers it: with the measures it is responsible for or a partner of, of the plans the caller may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDetail {
    #[serde(flatten)]
    pub organization: Organization,
    pub measures: Vec<MeasureRef>,
}

impl Versioned for OrganizationDetail {
    fn version(&self) -> i32 {
        self.organization.version
    }
}

impl Organization {
    pub fn from_model(m: organization::Model, services: Vec<ServiceSummary>) -> Self {
        Self {
            id: m.id,
            name: m.name,
            ico: m.ico,
            kind: m.kind,
            address: m.address,
            web: m.web,
            email: m.email,
            phone: m.phone,
            description: m.description,
            services,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(OrganizationPage, Organization);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationFilters {
    /// Words of the organization's name, description, address or IČO, matched as `/search`
    /// matches them: any case, with or without accents, the last word as a prefix.
    pub q: Option<String>,
    pub kind: Option<OrganizationKind>,
    /// The organization with this IČO.
    pub ico: Option<String>,
}
