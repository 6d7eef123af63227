//! The catalogue as DCAT-AP-CZ JSON-LD (the Czech open-data catalogue interface, "Rozhraní
//! katalogů otevřených dat"), so a municipality registers it in the national catalogue (NKOD) as
//! its local catalogue: the catalogue lists its datasets' IRIs, and each dataset's IRI answers its
//! own document with the distributions (CSV, JSON), their terms of use and their dictionary.
use serde_json::{Value, json};

use super::catalogue::{DATASETS, Dataset};
use crate::config::OpenData;

const CONTEXT: &str = "https://ofn.gov.cz/rozhraní-katalogů-otevřených-dat/2021-01-11/kontexty/rozhraní-katalogů-otevřených-dat.jsonld";
/// The EU's theme "Population and society", and "updated continuously".
const THEME: &str = "http://publications.europa.eu/resource/authority/data-theme/SOCI";
const FREQUENCY: &str = "http://publications.europa.eu/resource/authority/frequency/CONT";
/// The Czech Republic in RÚIAN: an installation may plan for any part of it.
const SPATIAL: &str = "https://linked.cuzk.cz/resource/ruian/stat/1";
const NO_PERSONAL_DATA: &str = "https://data.gov.cz/podmínky-užití/neobsahuje-osobní-údaje/";

/// `base` is the catalogue's own address, `…/api/v1/open-data`.
pub fn catalogue(config: &OpenData, base: &str, home: &str) -> Value {
    let mut doc = json!({
        "@context": CONTEXT,
        "iri": base,
        "typ": "Katalog",
        "název": {"cs": "Otevřená data komunitního plánování sociálních služeb"},
        "popis": {"cs": "Komunitní plány, jejich cíle, opatření, ukazatele a financování, síť sociálních služeb, pracovní skupiny, potřeby a vypořádané připomínky."},
        "domovská_stránka": home,
        "datová_sada": DATASETS.iter().map(|d| format!("{base}/{}", d.id.as_str())).collect::<Vec<_>>(),
    });
    if let Some(publisher) = &config.publisher {
        doc["poskytovatel"] = json!(publisher);
    }
    doc
}

fn terms(config: &OpenData) -> Value {
    json!({
        "typ": "Specifikace podmínek užití",
        "autorské_dílo": config.license,
        "autor": {"cs": config.author},
        "databáze_jako_autorské_dílo": config.license,
        "autor_databáze": {"cs": config.author},
        "databáze_chráněná_zvláštními_právy": config.license,
        "osobní_údaje": NO_PERSONAL_DATA,
    })
}

pub fn dataset(config: &OpenData, base: &str, dataset: &Dataset) -> Value {
    let iri = format!("{base}/{}", dataset.id.as_str());
    let distribution = |extension: &str, media: &str, format: &str| {
        let url = format!("{iri}.{extension}");
        json!({
            "typ": "Distribuce",
            "iri": url,
            "název": {"cs": format!("{} ({format})", dataset.name)},
            "podmínky_užití": terms(config),
            "soubor_ke_stažení": url,
            "přístupové_url": url,
            "typ_média": format!("http://www.iana.org/assignments/media-types/{media}"),
            "formát": format!("http://publications.europa.eu/resource/authority/file-type/{format}"),
            "schéma": iri,
        })
    };
    let mut doc = json!({
        "@context": CONTEXT,
        "iri": iri,
        "typ": "Datová sada",
        "název": {"cs": dataset.name},
        "popis": {"cs": dataset.description},
        "klíčové_slovo": {"cs": dataset.keywords},
        "téma": [THEME],
        "periodicita_aktualizace": FREQUENCY,
        "prvek_rúian": [SPATIAL],
        "distribuce": [distribution("csv", "text/csv", "CSV"), distribution("json", "application/json", "JSON")],
    });
    if let Some(publisher) = &config.publisher {
        doc["poskytovatel"] = json!(publisher);
    }
    doc
}
