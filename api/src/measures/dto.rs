//! Measure request and response bodies.
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::{MeasureStatus, NeedStatus};
use entity::values::{Funding, Indicator};
use entity::{measure, measure_update, need};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Array, ArrayBuilder, SchemaType};
use utoipa::openapi::{ObjectBuilder, Type};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::clock;
use crate::domain::{Code, LongText, NonBlank, Text, Title};
use crate::error::{FieldErrorCode, NON_BLANK_PATTERN, Validate, Validator};
use crate::http::{Versioned, nullable};
use crate::{money, page_of};

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureCreate {
    /// Unique within the goal, e.g. "1.1".
    #[schema(min_length = 1, max_length = 32)]
    pub code: String,
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Gestor: who is responsible.
    #[serde(default)]
    #[schema(max_length = 300)]
    pub responsible: String,
    #[serde(default)]
    #[schema(schema_with = labels)]
    pub partners: Vec<String>,
    /// Free-text target groups, for what the code list does not hold.
    #[serde(default)]
    #[schema(schema_with = labels)]
    pub target_groups: Vec<String>,
    /// The organization responsible, from the network (`/organizations`), beside the free text.
    pub responsible_organization_id: Option<Uuid>,
    /// Partner organizations from the network, each once.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub partner_organization_ids: Vec<Uuid>,
    /// The services (`/services`) the measure concerns, each once.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub service_ids: Vec<Uuid>,
    /// Target groups by code (`/target-groups`), each once.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub target_group_codes: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub status: Option<MeasureStatus>,
    /// 0–100.
    #[schema(minimum = 0, maximum = 100)]
    pub progress: Option<i32>,
    /// Weight in the goal's and plan's progress (1–100, default 1).
    #[schema(minimum = 1, maximum = 100)]
    pub weight: Option<i32>,
    /// CZK, e.g. "125000.00".
    #[schema(pattern = r"^[0-9]{1,13}(\.[0-9]{0,2})?$")]
    pub estimated_cost: Option<String>,
    #[serde(default)]
    #[schema(max_items = 200)]
    pub funding_sources: Vec<Funding>,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub implementation_note: String,
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i32>,
}

/// Text fields are frozen from the plan's approval on; the implementation state (`status`,
/// `progress`, `implementation_note`, indicators' yearly `values`, funding rows' `actual`) stays
/// editable. `indicators` and `funding_sources` are whole arrays whose definitions must then match.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema, Clone)]
#[serde(deny_unknown_fields)]
pub struct MeasurePatch {
    #[schema(min_length = 1, max_length = 32)]
    pub code: Option<String>,
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[schema(max_length = 300)]
    pub responsible: Option<String>,
    #[schema(schema_with = optional_labels)]
    pub partners: Option<Vec<String>>,
    #[schema(schema_with = optional_labels)]
    pub target_groups: Option<Vec<String>>,
    /// `null` removes the link.
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Uuid>)]
    pub responsible_organization_id: Option<Option<Uuid>>,
    /// Each list is replaced whole when sent, kept when left out.
    #[schema(max_items = 50)]
    pub partner_organization_ids: Option<Vec<Uuid>>,
    #[schema(max_items = 50)]
    pub service_ids: Option<Vec<Uuid>>,
    #[schema(max_items = 50)]
    pub target_group_codes: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub start_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<NaiveDate>)]
    pub end_date: Option<Option<NaiveDate>>,
    #[schema(minimum = 1, maximum = 100)]
    pub weight: Option<i32>,
    #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, pattern = r"^[0-9]{1,13}(\.[0-9]{0,2})?$")]
    pub estimated_cost: Option<Option<String>>,
    #[schema(minimum = 0, maximum = 1000000)]
    pub position: Option<i32>,
    pub status: Option<MeasureStatus>,
    #[schema(minimum = 0, maximum = 100)]
    pub progress: Option<i32>,
    #[schema(max_items = 50)]
    pub indicators: Option<Vec<Indicator>>,
    #[schema(max_items = 200)]
    pub funding_sources: Option<Vec<Funding>>,
    #[schema(max_length = 20000)]
    pub implementation_note: Option<String>,
}

impl MeasurePatch {
    /// Whether the patch touches anything besides the implementation state.
    pub fn changes_texts(&self) -> bool {
        self.code.is_some()
            || self.title.is_some()
            || self.description.is_some()
            || self.responsible.is_some()
            || self.partners.is_some()
            || self.target_groups.is_some()
            || self.responsible_organization_id.is_some()
            || self.partner_organization_ids.is_some()
            || self.service_ids.is_some()
            || self.target_group_codes.is_some()
            || self.start_date.is_some()
            || self.end_date.is_some()
            || self.weight.is_some()
            || self.estimated_cost.is_some()
            || self.position.is_some()
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Measure {
    pub id: Uuid,
    pub goal_id: Uuid,
    pub plan_id: Uuid,
    pub code: String,
    pub title: String,
    pub description: String,
    pub responsible: String,
    pub partners: Vec<String>,
    pub target_groups: Vec<String>,
    pub responsible_organization_id: Option<Uuid>,
    pub partner_organization_ids: Vec<Uuid>,
    pub service_ids: Vec<Uuid>,
    pub target_group_codes: Vec<String>,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub status: MeasureStatus,
    pub progress: i32,
    pub weight: i32,
    pub estimated_cost: Option<String>,
    pub funding_sources: Vec<Funding>,
    pub indicators: Vec<Indicator>,
    pub implementation_note: String,
    pub position: i32,
    /// The measure of the previous plan this one was copied from (`POST /plans/{id}/successor`).
    pub previous_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i32,
}

impl Versioned for Measure {
    fn version(&self) -> i32 {
        self.version
    }
}

/// One measure as `GET` answers it: with the needs it answers ("odpovídá na potřeby").
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureDetail {
    #[serde(flatten)]
    pub measure: Measure,
    /// The needs this measure answers, in the order they were reported (linked from the need's side).
    pub needs: Vec<NeedRef>,
}

impl Versioned for MeasureDetail {
    fn version(&self) -> i32 {
        self.measure.version
    }
}

/// The network rows a measure names, in the order given.
#[derive(Debug, Default, Clone)]
pub struct Links {
    pub partner_organization_ids: Vec<Uuid>,
    pub service_ids: Vec<Uuid>,
    pub target_group_codes: Vec<String>,
}

/// A measure as a service or an organization lists it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeasureRef {
    pub id: Uuid,
    pub code: String,
    pub title: String,
    pub plan_id: Uuid,
}

impl Measure {
    pub fn from_model(m: measure::Model, links: Links) -> Self {
        Self {
            id: m.id,
            goal_id: m.goal_id,
            plan_id: m.plan_id,
            code: m.code,
            title: m.title,
            description: m.description,
            responsible: m.responsible,
            partners: m.partners.0,
            target_groups: m.target_groups.0,
            responsible_organization_id: m.responsible_organization_id,
            partner_organization_ids: links.partner_organization_ids,
            service_ids: links.service_ids,
            target_group_codes: links.target_group_codes,
            start_date: m.start_date,
            end_date: m.end_date,
            status: m.status,
            progress: m.progress,
            weight: m.weight,
            estimated_cost: m.estimated_cost.map(money::format),
            funding_sources: m.funding_sources.0,
            indicators: m.indicators.0,
            implementation_note: m.implementation_note,
            position: m.position,
            previous_id: m.previous_id,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

page_of!(MeasurePage, Measure);

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeasureFilters {
    pub plan_id: Option<Uuid>,
    pub goal_id: Option<Uuid>,
    /// Measures of goals owned by this working group.
    pub working_group_id: Option<Uuid>,
    pub status: Option<MeasureStatus>,
    /// Measures of the plans of this territory and of every territory below it.
    pub territory_id: Option<Uuid>,
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdateCreate {
    /// Defaults to today.
    pub date: Option<NaiveDate>,
    pub status: MeasureStatus,
    #[schema(minimum = 0, maximum = 100)]
    pub progress: i32,
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub note: String,
}

impl Validate for ProgressUpdateCreate {
    fn validate(&self, v: &mut Validator) {
        v.range("progress", self.progress.into(), 0, 100);
        if let Some(date) = self.date {
            v.check(date <= clock::today(), "date", FieldErrorCode::MustNotBeFuture, "must not be in the future");
            v.date("date", Some(date));
        }
        v.field(Text::<5_000>::parse("note", &self.note));
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressUpdate {
    pub id: Uuid,
    pub measure_id: Uuid,
    pub date: NaiveDate,
    pub status: MeasureStatus,
    pub progress: i32,
    pub note: String,
    pub author_id: Option<Uuid>,
    pub author_name: String,
    pub created_at: DateTime<Utc>,
}

impl Versioned for ProgressUpdate {
    fn version(&self) -> i32 {
        1
    }
}

impl ProgressUpdate {
    pub fn from_model(m: measure_update::Model) -> Self {
        Self {
            id: m.id,
            measure_id: m.measure_id,
            date: m.date,
            status: m.status,
            progress: m.progress,
            note: m.note,
            author_id: m.author_id,
            author_name: m.author_name,
            created_at: m.created_at,
        }
    }
}

page_of!(ProgressUpdatePage, ProgressUpdate);

/// A measure has at most this many partners and as many target groups, each a text of 1 to
/// `MAX_LABEL` characters that is not blank, and at most as many entries in each list of the
/// network it names (partner organizations, services, target group codes).
pub const MAX_LABELS: usize = 50;
pub const MAX_LABEL: usize = 200;

/// The schema of `partners` and `target_groups`, from the constants `Fields` checks.
fn label_list() -> ArrayBuilder {
    let label =
        ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).max_length(Some(MAX_LABEL)).pattern(Some(NON_BLANK_PATTERN));
    ArrayBuilder::new().items(label).max_items(Some(MAX_LABELS))
}

fn labels() -> Array {
    label_list().build()
}

/// In a patch the list may be left out or sent as `null` (both leave it as it is).
fn optional_labels() -> Array {
    label_list().schema_type(SchemaType::from_iter([Type::Array, Type::Null])).build()
}

/// Every field a create or patch may carry, the dates as they will be; `None` means "not given".
#[derive(Default)]
pub struct Fields<'a> {
    pub code: Option<&'a str>,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub responsible: Option<&'a str>,
    pub partners: Option<&'a [String]>,
    pub target_groups: Option<&'a [String]>,
    pub partner_organization_ids: Option<&'a [Uuid]>,
    pub service_ids: Option<&'a [Uuid]>,
    pub target_group_codes: Option<&'a [String]>,
    pub dates: (Option<NaiveDate>, Option<NaiveDate>),
    pub progress: Option<i32>,
    pub weight: Option<i32>,
    pub estimated_cost: Option<&'a str>,
    pub funding: Option<&'a [Funding]>,
    pub indicators: Option<&'a [Indicator]>,
    pub note: Option<&'a str>,
}

impl Validate for Fields<'_> {
    fn validate(&self, v: &mut Validator) {
        if let Some(c) = self.code {
            v.field(Code::parse("code", c));
        }
        if let Some(t) = self.title {
            v.field(Title::parse("title", t));
        }
        if let Some(d) = self.description {
            v.field(LongText::parse("description", d));
        }
        if let Some(r) = self.responsible {
            v.field(Text::<300>::parse("responsible", r));
        }
        for (field, list) in [("partners", self.partners), ("target_groups", self.target_groups)] {
            if let Some(list) = list {
                v.items(field, list.len(), MAX_LABELS);
                v.check(
                    list.iter().all(|s| !s.trim().is_empty() && s.chars().count() <= MAX_LABEL),
                    field,
                    FieldErrorCode::Invalid,
                    format!("items must be 1 to {MAX_LABEL} characters"),
                );
            }
        }
        if let Some(ids) = self.partner_organization_ids {
            v.items("partner_organization_ids", ids.len(), MAX_LABELS);
            v.once_each("partner_organization_ids", ids);
        }
        if let Some(ids) = self.service_ids {
            v.items("service_ids", ids.len(), MAX_LABELS);
            v.once_each("service_ids", ids);
        }
        if let Some(codes) = self.target_group_codes {
            v.items("target_group_codes", codes.len(), MAX_LABELS);
            v.once_each("target_group_codes", codes);
        }
        v.date("start_date", self.dates.0);
        v.date("end_date", self.dates.1);
        if let (Some(start), Some(end)) = self.dates {
            v.check(start <= end, "end_date", FieldErrorCode::BeforeStart, "must not be before start_date");
        }
        if let Some(p) = self.progress {
            v.range("progress", p.into(), 0, 100);
        }
        if let Some(w) = self.weight {
            v.range("weight", w.into(), 1, 100);
        }
        if let Some(cost) = self.estimated_cost {
            v.field(money::amount("estimated_cost", cost));
        }
        if let Some(funding) = self.funding {
            v.items("funding_sources", funding.len(), 200);
            for (i, f) in funding.iter().enumerate() {
                v.range(&format!("funding_sources[{i}].year"), f.year.into(), 2000, 2100);
                v.field(money::amount(&format!("funding_sources[{i}].planned"), &f.planned));
                if let Some(actual) = &f.actual {
                    v.field(money::amount(&format!("funding_sources[{i}].actual"), actual));
                }
            }
        }
        if let Some(indicators) = self.indicators {
            v.items("indicators", indicators.len(), 50);
            for (i, ind) in indicators.iter().enumerate() {
                v.field(NonBlank::<300>::parse(&format!("indicators[{i}].name"), &ind.name));
                v.field(NonBlank::<50>::parse(&format!("indicators[{i}].unit"), &ind.unit));
                let finite = [ind.baseline, ind.target].into_iter().flatten().chain(ind.values.iter().map(|x| x.value)).all(f64::is_finite);
                v.check(finite, &format!("indicators[{i}]"), FieldErrorCode::InvalidValue, "values must be finite numbers");
                v.check(
                    ind.values.iter().all(|x| (2000..=2100).contains(&x.year)),
                    &format!("indicators[{i}].values"),
                    FieldErrorCode::OutOfRange,
                    "years must be between 2000 and 2100",
                );
            }
        }
        if let Some(n) = self.note {
            v.field(LongText::parse("implementation_note", n));
        }
    }
}

#[cfg(test)]
mod tests {
    use utoipa::PartialSchema;
    use utoipa::openapi::{RefOr, Schema};

    use super::*;

    fn pattern(schema: RefOr<Schema>, field: &str) -> regex::Regex {
        let RefOr::T(Schema::Object(body)) = schema else { panic!("an object") };
        let Some(RefOr::T(Schema::Object(money))) = body.properties.get(field) else { panic!("{field}") };
        regex::Regex::new(money.pattern.as_deref().unwrap()).unwrap()
    }

    /// Every money field's pattern accepts exactly what `money::parse` does.
    #[test]
    fn the_documented_money_pattern_is_the_rule() {
        let patterns = [
            pattern(MeasureCreate::schema(), "estimated_cost"),
            pattern(MeasurePatch::schema(), "estimated_cost"),
            pattern(Funding::schema(), "planned"),
            pattern(Funding::schema(), "actual"),
        ];
        for text in [
            "125000.00",
            "125000",
            "125000.5",
            "125000.",
            "0.5",
            "",
            "-1",
            "1,5",
            "1.234",
            "abc",
            "1e5",
            ".5",
            "1234567890123",
            "12345678901234",
            " 1",
        ] {
            for pattern in &patterns {
                assert_eq!(pattern.is_match(text), money::parse(text).is_some(), "{text:?}");
            }
        }
    }
}

// Here, not in `needs`: needs name measures, so measures may not reach back to them.
/// A need as a measure lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct NeedRef {
    pub id: Uuid,
    pub title: String,
    pub status: NeedStatus,
}

impl NeedRef {
    pub fn from_model(m: need::Model) -> Self {
        Self { id: m.id, title: m.title, status: m.status }
    }
}
