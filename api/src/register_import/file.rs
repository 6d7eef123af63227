//! The register's entries as the open-data file writes them, reduced to the fields the import
//! reads. Everything else is ignored unread: above all `poskytovatel.statutarniOrgany` (the names
//! of people in statutory bodies) and the facilities' heads, personal data never stored.
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

/// The whole file, `{"polozky": [...]}`; other top-level keys are ignored.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssFile)]
pub struct RegisterFile {
    pub polozky: Vec<Entry>,
}

/// One registered social service.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = RpssEntry)]
pub struct Entry {
    /// The service's registration number (identifikátor), the import's key.
    #[schema(value_type = String)]
    pub identifikator: Code,
    /// `{"id": "DruhSocialniSluzby/4"}`: the kind, by the register's code list `druhy-socialni-sluzby`.
    pub druh_socialni_sluzby: Option<Ref>,
    pub poskytovatel: Provider,
    pub formy: Option<Vec<Form>>,
    pub cilove_skupiny: Option<Vec<TargetGroup>>,
    pub zarizeni: Option<Vec<Facility>>,
    pub weby: Option<Vec<Web>>,
    pub emaily: Option<Vec<Email>>,
    pub telefony: Option<Vec<Phone>>,
    #[schema(value_type = Option<String>, format = Date)]
    pub datum_poskytovani_od: Option<RegisterDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub datum_poskytovani_do: Option<RegisterDate>,
}

/// A reference into one of the register's code lists, e.g. `{"id": "Obec/554499"}`.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssRef)]
pub struct Ref {
    pub id: String,
}

impl Ref {
    /// The code after the list's name: "554499" of "Obec/554499".
    pub fn code(&self) -> &str {
        self.id.rsplit('/').next().unwrap_or_default()
    }
}

/// The provider (poskytovatel), an organization.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssProvider)]
pub struct Provider {
    #[schema(value_type = Option<String>)]
    pub ico: Option<Code>,
    pub nazev: String,
    pub adresa: Option<Address>,
    pub weby: Option<Vec<Web>>,
    pub emaily: Option<Vec<Email>>,
    pub telefony: Option<Vec<Phone>>,
}

/// A form the service is provided in (`FormaSocialniSluzby/pob|amb|ter`) and its capacities.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssForm)]
pub struct Form {
    pub forma: Ref,
    pub kapacity: Option<Vec<FormCapacity>>,
}

/// `pocet` units of `typ` (`TypKapacitySocialniSluzby/klient|luzka|kontakt|interv|hovor`).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssFormCapacity)]
pub struct FormCapacity {
    pub pocet: Option<i64>,
    pub typ: Option<Ref>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = RpssTargetGroup)]
pub struct TargetGroup {
    /// `{"id": "CilovaSkupinaOsoby/24"}`, by the code list `cilove-skupiny-osoby`.
    pub cilova_skupina: Ref,
}

/// A facility (zařízení) where the service is provided; shelters keep their address secret (none).
#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssFacility)]
pub struct Facility {
    pub nazev: Option<String>,
    pub adresa: Option<Address>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = RpssAddress)]
pub struct Address {
    pub ulice: Option<Street>,
    #[schema(value_type = Option<String>)]
    pub cislo_domovni: Option<Code>,
    #[schema(value_type = Option<String>)]
    pub cislo_orientacni: Option<Code>,
    #[schema(value_type = Option<String>)]
    pub psc: Option<Code>,
    pub obec: Option<Ref>,
    pub okres: Option<Ref>,
    pub kraj: Option<Ref>,
}

impl Address {
    /// "Nemocniční 2272/54, 35201": the street and numbers the file gives (its places are codes).
    pub fn text(&self) -> Option<String> {
        let number = match (&self.cislo_domovni, &self.cislo_orientacni) {
            (Some(d), Some(o)) => format!("{}/{}", d.0, o.0),
            (Some(d), None) => d.0.clone(),
            (None, Some(o)) => o.0.clone(),
            (None, None) => String::new(),
        };
        let street = [self.ulice.as_ref().map(|u| u.nazev.trim()).unwrap_or_default(), number.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let parts: Vec<&str> =
            [street.as_str(), self.psc.as_ref().map(|p| p.0.trim()).unwrap_or_default()].into_iter().filter(|p| !p.is_empty()).collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssStreet)]
pub struct Street {
    pub nazev: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssWeb)]
pub struct Web {
    pub web: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssEmail)]
pub struct Email {
    pub email: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[schema(as = RpssPhone)]
pub struct Phone {
    pub telefon: Option<String>,
}

/// A code the register writes as a string or a number (`"35201"` or `35201`), kept as text.
#[derive(Debug, Clone)]
pub struct Code(pub String);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CodeVisitor;
        impl serde::de::Visitor<'_> for CodeVisitor {
            type Value = Code;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a whole number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Code, E> {
                Ok(Code(v.trim().to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Code, E> {
                Ok(Code(v.to_string()))
            }
        }
        d.deserialize_any(CodeVisitor)
    }
}

/// A date as the register writes it, `2016-09-01` (a time after it, if any, is ignored).
#[derive(Debug, Clone, Copy)]
pub struct RegisterDate(pub NaiveDate);

impl<'de> Deserialize<'de> for RegisterDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.get(..10)
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .map(Self)
            .ok_or_else(|| serde::de::Error::custom(format!("expected a date YYYY-MM-DD, found {text:?}")))
    }
}
