//! Small files in the shape of the national register (rpss.json), with invented providers, and
//! the call that imports them.
use std::io::Write;

use serde_json::{Value, json};

use super::{Answer, TestApp};

/// A person's name in the provider's statutory body: personal data the import must never store.
pub const STATUTORY_SURNAME: &str = "Statutárníková";

/// One entry of the register: service `identifikator` of kind `DruhSocialniSluzby/{kind}`, run by
/// the invented provider `ico`, with a facility in the municipality `Obec/{municipality}`, in the
/// field for 40 clients, for seniors (`CilovaSkupinaOsoby/24`).
pub fn register_entry(identifikator: &str, ico: &str, provider: &str, kind: u32, municipality: &str) -> Value {
    json!({
        "portalId": 100_000,
        "id": format!("SocialniSluzba/{identifikator}"),
        "identifikator": identifikator,
        "datumPoskytovaniOd": "2015-03-01",
        "datumPoskytovaniDo": null,
        "druhSocialniSluzby": {"id": format!("DruhSocialniSluzby/{kind}")},
        "poskytovatel": {
            "ico": ico,
            "nazev": provider,
            "pravniForma": {"id": "PravniForma/141"},
            "adresa": {"ulice": {"nazev": "Náměstí"}, "cisloDomovni": 12, "cisloOrientacni": "3", "psc": "35201",
                       "obec": {"id": format!("Obec/{municipality}")}, "okres": {"id": "Okres/3402"}, "kraj": {"id": "Kraj/51"}},
            "weby": [{"web": "www.pecovatele.example.cz", "poznamka": null}],
            "emaily": [{"email": "info@pecovatele.example.cz", "poznamka": null}],
            "telefony": [{"telefon": "354 000 111", "poznamka": null}],
            "statutarniOrgany": [{"jmeno": "Jana", "prijmeni": STATUTORY_SURNAME, "titulPred": "Mgr.", "funkce": "ředitelka"}]
        },
        "zarizeni": [{
            "nazev": format!("{provider}, služba {identifikator}"),
            "poskytujeOd": "2015-03-01", "poskytujeDo": null, "utajenaAdresa": false,
            "vedouci": {"jmeno": "Petr", "prijmeni": "Vedoucíček"},
            "adresa": {"ulice": {"nazev": "Nemocniční"}, "cisloDomovni": 2272, "cisloOrientacni": "54", "psc": "35201",
                       "kodAdresnihoMista": 11867906, "typCislaDomovniho": {"id": "TypStavebnihoObjektu/1"},
                       "obec": {"id": format!("Obec/{municipality}")}, "okres": {"id": "Okres/3402"}, "kraj": {"id": "Kraj/51"},
                       "castObce": {"id": "CastObce/405507"}, "mestskyObvodMestskaCast": null, "mestskyObvodVPraze": null}
        }],
        "formy": [{
            "forma": {"id": "FormaSocialniSluzby/ter"}, "nepretrzitePoskytovani": false, "casoveRozsahy": null,
            "kapacity": [{"pocet": 40, "popis": "Maximální kapacita 40 klientů.", "typ": {"id": "TypKapacitySocialniSluzby/klient"}}]
        }],
        "ciloveSkupiny": [{"cilovaSkupina": {"id": "CilovaSkupinaOsoby/24"}}],
        "vekoveSkupiny": [{"vekovaSkupina": {"id": "VekovaSkupinaOsoby/9"}}],
        "weby": [], "emaily": [{"email": format!("sluzba{identifikator}@pecovatele.example.cz"), "poznamka": null}], "telefony": [],
        "doplnkoveUdaje": {"realizacePoskytovani": [{"priloha": {"url": "https://www.mpsv.cz/agportal-server/rest/documents/1"}}]}
    })
}

/// The register's file of `entries`.
pub fn register_file(entries: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({"datumAktualizace": "2026-12-01", "polozky": entries})).unwrap()
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

impl TestApp {
    /// `POST /imports/rpss{query}` with `body` as it is.
    pub async fn import_register(&self, token: Option<&str>, query: &str, body: Vec<u8>, headers: &[(&str, &str)]) -> Answer {
        let mut request =
            self.client.post(self.url(&format!("/imports/rpss{query}"))).header("content-type", "application/json").body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request");
        Answer { status: response.status(), headers: response.headers().clone(), text: response.text().await.unwrap() }
    }
}
