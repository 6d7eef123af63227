//! From a register entry to what we store: the code lists the register refers to, matched to
//! ours, and the texts cut to what our fields hold. Rules on the entry alone, no database.
use std::collections::HashMap;

use chrono::NaiveDate;
use entity::enums::{CapacityUnit, ServiceForm};
use uuid::Uuid;

use super::file::{Address, Email, Entry, Phone, Ref, Web};
use crate::domain::{Ico, OfficialCode};
// What a service carries is kept within the limits the API checks.
use crate::services::dto::{Capacity, Lists, MAX_CAPACITIES, MAX_COUNT, MAX_TARGET_GROUPS, MAX_TERRITORIES};

/// The code lists, by the register's ids, as this installation has them.
#[derive(Default)]
pub struct CodeLists {
    /// `DruhSocialniSluzby/4` → `pecovatelska_sluzba`.
    pub kinds: HashMap<String, String>,
    /// Our kind's code → its name, for a service whose facility has no name.
    pub kind_names: HashMap<String, String>,
    /// `CilovaSkupinaOsoby/24` → `seniori`.
    pub target_groups: HashMap<String, String>,
    /// Territories by official code: municipalities (obec) and regions (kraj).
    pub municipalities: HashMap<String, Uuid>,
    pub regions: HashMap<String, Uuid>,
}

/// An entry's provider, as an organization.
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    pub ico: String,
    pub name: String,
    pub address: Option<String>,
    pub web: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// An entry's service row, as a service.
#[derive(Debug, Clone, PartialEq)]
pub struct Fields {
    pub name: String,
    pub kind_code: Option<String>,
    pub address: Option<String>,
    pub municipality_code: Option<String>,
    pub web: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

/// The register ids the code lists did not know, in one entry.
#[derive(Debug, Default)]
pub struct Unknown {
    pub ids: Vec<String>,
    pub kind: bool,
    pub target_groups: u64,
    pub forms: u64,
    pub capacity_types: u64,
}

pub struct Mapped {
    pub registration_id: String,
    pub provider: Provider,
    pub fields: Fields,
    pub lists: Lists,
    pub unknown: Unknown,
}

/// An entry the import cannot take, naming the field.
pub struct Refused {
    pub field: &'static str,
    pub message: String,
}

pub fn map(entry: Entry, lists: &CodeLists) -> Result<Mapped, Refused> {
    let registration_id = entry.identifikator.0.clone();
    if registration_id.is_empty() || registration_id.chars().count() > 64 || registration_id.contains('\0') {
        return Err(Refused { field: "identifikator", message: "must be 1 to 64 characters (and no NUL)".into() });
    }
    let provider = provider(&entry)?;
    let mut unknown = Unknown::default();

    let kind_code = match &entry.druh_socialni_sluzby {
        Some(kind) => lists.kinds.get(&kind.id).cloned(),
        None => None,
    };
    if kind_code.is_none() {
        unknown.kind = true;
        unknown.ids.push(entry.druh_socialni_sluzby.as_ref().map_or_else(|| "DruhSocialniSluzby (none)".into(), |k| k.id.clone()));
    }

    let mut forms = Vec::new();
    let mut capacities = Vec::new();
    for form in entry.formy.iter().flatten() {
        let Some(ours) = service_form(&form.forma) else {
            unknown.forms += 1;
            unknown.ids.push(form.forma.id.clone());
            continue;
        };
        if !forms.contains(&ours) {
            forms.push(ours);
        }
        for capacity in form.kapacity.iter().flatten() {
            let Some(count) = capacity.pocet.filter(|c| (0..=MAX_COUNT).contains(c)) else { continue };
            let Some(unit) = capacity.typ.as_ref().and_then(capacity_unit) else {
                unknown.capacity_types += 1;
                unknown.ids.extend(capacity.typ.as_ref().map(|t| t.id.clone()));
                continue;
            };
            let capacity = Capacity { form: ours, count: count as i32, unit };
            if capacities.len() < MAX_CAPACITIES && !capacities.contains(&capacity) {
                capacities.push(capacity);
            }
        }
    }
    forms.sort_by_key(|f| f.as_str());

    let mut target_group_codes = Vec::new();
    for group in entry.cilove_skupiny.iter().flatten() {
        match lists.target_groups.get(&group.cilova_skupina.id) {
            Some(code) if !target_group_codes.contains(code) && target_group_codes.len() < MAX_TARGET_GROUPS => {
                target_group_codes.push(code.clone())
            }
            Some(_) => {}
            None => {
                unknown.target_groups += 1;
                unknown.ids.push(group.cilova_skupina.id.clone());
            }
        }
    }

    // Where the service is: the municipalities of its facilities; the region when none of them
    // is a territory here.
    let addresses: Vec<&Address> = entry.zarizeni.iter().flatten().filter_map(|f| f.adresa.as_ref()).collect();
    let mut territory_ids = Vec::new();
    for address in &addresses {
        add_territory(&mut territory_ids, address.obec.as_ref().and_then(|o| lists.municipalities.get(o.code())));
    }
    if territory_ids.is_empty() {
        for address in &addresses {
            add_territory(&mut territory_ids, address.kraj.as_ref().and_then(|k| lists.regions.get(k.code())));
        }
    }
    let municipality_code = addresses
        .iter()
        .filter_map(|a| a.obec.as_ref())
        .map(Ref::code)
        .find(|code| OfficialCode::parse("municipality_code", code).is_ok())
        .map(str::to_owned);

    let facility_name = entry.zarizeni.iter().flatten().filter_map(|f| f.nazev.as_deref()).map(|n| cut(n, 300)).find(|n| !n.is_empty());
    let name = match (facility_name, kind_code.as_ref().and_then(|k| lists.kind_names.get(k))) {
        (Some(name), _) => name,
        (None, Some(kind)) => format!("{kind} – {}", provider.name),
        (None, None) => provider.name.clone(),
    };
    let valid_from = entry.datum_poskytovani_od.map(|d| d.0);
    // An end before the start is the register's slip; the start holds.
    let valid_to = entry.datum_poskytovani_do.map(|d| d.0).map(|to| valid_from.map_or(to, |from| to.max(from)));
    let fields = Fields {
        name: cut(&name, 300),
        kind_code,
        address: addresses.first().and_then(|a| a.text()).map(|a| cut(&a, 500)),
        municipality_code,
        web: web(entry.weby.as_deref()).or_else(|| provider.web.clone()),
        email: email(entry.emaily.as_deref()).or_else(|| provider.email.clone()),
        phone: phone(entry.telefony.as_deref()).or_else(|| provider.phone.clone()),
        valid_from,
        valid_to,
    };
    let lists = Lists { forms, target_group_codes, capacities, territory_ids };
    Ok(Mapped { registration_id, provider, fields, lists, unknown })
}

fn provider(entry: &Entry) -> Result<Provider, Refused> {
    let p = &entry.poskytovatel;
    let raw = p.ico.as_ref().map(|i| i.0.as_str()).unwrap_or_default();
    // A number loses its leading zeros: "00064581" is written 64581.
    let padded =
        if !raw.is_empty() && raw.len() < 8 && raw.bytes().all(|b| b.is_ascii_digit()) { format!("{raw:0>8}") } else { raw.to_owned() };
    let ico = Ico::parse("poskytovatel.ico", &padded)
        .map_err(|e| Refused { field: "poskytovatel.ico", message: format!("{raw:?}: {}", e.message) })?;
    let name = cut(&p.nazev, 300);
    if name.is_empty() {
        return Err(Refused { field: "poskytovatel.nazev", message: "the provider has no name".into() });
    }
    Ok(Provider {
        ico: ico.as_str().to_owned(),
        name,
        address: p.adresa.as_ref().and_then(Address::text).map(|a| cut(&a, 500)),
        web: web(p.weby.as_deref()),
        email: email(p.emaily.as_deref()),
        phone: phone(p.telefony.as_deref()),
    })
}

fn add_territory(territories: &mut Vec<Uuid>, id: Option<&Uuid>) {
    if let Some(id) = id
        && !territories.contains(id)
        && territories.len() < MAX_TERRITORIES
    {
        territories.push(*id);
    }
}

fn service_form(forma: &Ref) -> Option<ServiceForm> {
    match forma.id.as_str() {
        "FormaSocialniSluzby/pob" => Some(ServiceForm::Residential),
        "FormaSocialniSluzby/amb" => Some(ServiceForm::Outpatient),
        "FormaSocialniSluzby/ter" => Some(ServiceForm::Field),
        _ => None,
    }
}

fn capacity_unit(typ: &Ref) -> Option<CapacityUnit> {
    match typ.id.as_str() {
        "TypKapacitySocialniSluzby/klient" => Some(CapacityUnit::Clients),
        "TypKapacitySocialniSluzby/luzka" => Some(CapacityUnit::Beds),
        "TypKapacitySocialniSluzby/kontakt" => Some(CapacityUnit::Contacts),
        "TypKapacitySocialniSluzby/interv" => Some(CapacityUnit::Interventions),
        "TypKapacitySocialniSluzby/hovor" => Some(CapacityUnit::Calls),
        _ => None,
    }
}

/// The first usable contact of a list: non-blank, within our field's length, and with no NUL
/// (which PostgreSQL cannot store).
fn first<'a>(values: impl Iterator<Item = Option<&'a str>>, max: usize, usable: impl Fn(&str) -> bool) -> Option<String> {
    values.flatten().map(str::trim).find(|v| !v.is_empty() && v.chars().count() <= max && !v.contains('\0') && usable(v)).map(str::to_owned)
}

fn web(list: Option<&[Web]>) -> Option<String> {
    first(list.unwrap_or_default().iter().map(|w| w.web.as_deref()), 500, |_| true)
}

fn email(list: Option<&[Email]>) -> Option<String> {
    first(list.unwrap_or_default().iter().map(|e| e.email.as_deref()), 254, |e| crate::domain::Email::parse("email", e).is_ok())
}

fn phone(list: Option<&[Phone]>) -> Option<String> {
    first(list.unwrap_or_default().iter().map(|p| p.telefon.as_deref()), 100, |_| true)
}

/// Trimmed, at most `max` characters, without NUL (which PostgreSQL cannot store).
fn cut(text: &str, max: usize) -> String {
    text.trim().chars().filter(|c| *c != '\0').take(max).collect::<String>().trim_end().to_owned()
}
