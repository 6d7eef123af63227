//! The datasets and their data dictionaries: each field's name (the CSV's header and the JSON's
//! key), its type and its meaning in Czech. The rows (`rows.rs`) follow these lists field by
//! field; a test holds the two equal.
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The datasets, by their ids in the paths (`/open-data/{id}.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DatasetId {
    Plans,
    Goals,
    Measures,
    IndicatorValues,
    Funding,
    Services,
    Organizations,
    WorkingGroups,
    Meetings,
    Needs,
    ConsultationComments,
}

/// A field's type as the dictionary names it. `list`: several texts, a JSON array, or in CSV
/// joined by `; `.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Uuid,
    String,
    Integer,
    Number,
    Boolean,
    Date,
    Datetime,
    List,
}

pub struct Field {
    pub name: &'static str,
    pub kind: FieldType,
    pub description: &'static str,
}

pub struct Dataset {
    pub id: DatasetId,
    /// Czech, as the catalogue and NKOD show it.
    pub name: &'static str,
    pub description: &'static str,
    pub keywords: &'static [&'static str],
    pub fields: &'static [Field],
}

const fn f(name: &'static str, kind: FieldType, description: &'static str) -> Field {
    Field { name, kind, description }
}

use FieldType as T;

const ID: Field = f("id", T::Uuid, "Identifikátor záznamu, stálý i v dalších verzích datové sady.");
const PLAN_ID: Field = f("plan_id", T::Uuid, "Identifikátor plánu (datová sada plans).");
const MEASURE_ID: Field = f("measure_id", T::Uuid, "Identifikátor opatření (datová sada measures).");
const TERRITORY_ID: Field =
    f("territory_id", T::Uuid, "Identifikátor území v Spoluplánu (obec, ORP, kraj); prázdné, když se netýká jednoho území.");
const UPDATED_AT: Field = f("updated_at", T::Datetime, "Kdy byl záznam naposledy změněn (ISO 8601, UTC).");

pub const DATASETS: &[Dataset] = &[
    Dataset {
        id: DatasetId::Plans,
        name: "Komunitní plány sociálních služeb",
        description: "Komunitní plány sociálních služeb od zveřejnění návrhu k připomínkám: období, stav, schválení, shrnutí a vize.",
        keywords: &["komunitní plánování", "sociální služby", "střednědobý plán"],
        fields: &[
            ID,
            f("title", T::String, "Název plánu."),
            f("territory", T::String, "Území, jak je plán uvádí."),
            TERRITORY_ID,
            f("period_start", T::Integer, "První rok období plánu."),
            f("period_end", T::Integer, "Poslední rok období plánu."),
            f(
                "status",
                T::String,
                "Stav: consultation (připomínkování), approved (schválený), implementation (naplňovaný), evaluated (vyhodnocený), archived (archivovaný).",
            ),
            f("summary", T::String, "Shrnutí plánu."),
            f("vision", T::String, "Vize plánu."),
            f("consultation_closes_at", T::Datetime, "Konec připomínkování (ISO 8601, UTC)."),
            f("approval_resolution", T::String, "Usnesení, jímž byl plán schválen."),
            f("approved_on", T::Date, "Den schválení."),
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::Goals,
        name: "Cíle komunitních plánů",
        description: "Cíle (priority) zveřejněných komunitních plánů a jejich dílčí cíle.",
        keywords: &["komunitní plánování", "cíle", "priority"],
        fields: &[
            ID,
            PLAN_ID,
            f("parent_goal_id", T::Uuid, "Nadřazený cíl, u dílčího cíle."),
            f("working_group_id", T::Uuid, "Pracovní skupina, která cíl připravila (datová sada working-groups)."),
            f("code", T::String, "Číslo cíle v plánu, například „1“ nebo „1.2“."),
            f("title", T::String, "Název cíle."),
            f("description", T::String, "Popis cíle."),
            f("position", T::Integer, "Pořadí v plánu."),
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::Measures,
        name: "Opatření komunitních plánů",
        description: "Opatření zveřejněných komunitních plánů: kdo je zajišťuje, s kým, pro koho, kdy, za kolik a jak pokročilo.",
        keywords: &["komunitní plánování", "opatření", "sociální služby"],
        fields: &[
            ID,
            PLAN_ID,
            f("goal_id", T::Uuid, "Cíl, k němuž opatření patří (datová sada goals)."),
            f("code", T::String, "Číslo opatření v plánu, například „1.1“."),
            f("title", T::String, "Název opatření."),
            f("description", T::String, "Popis opatření."),
            f("responsible", T::String, "Kdo za opatření odpovídá, jak to plán uvádí."),
            f("responsible_organization_id", T::Uuid, "Odpovědná organizace (datová sada organizations)."),
            f("partners", T::List, "Spolupracující subjekty, jak je plán uvádí."),
            f("target_groups", T::List, "Cílové skupiny, jak je plán uvádí."),
            f("start_date", T::Date, "Začátek realizace."),
            f("end_date", T::Date, "Konec realizace."),
            f(
                "status",
                T::String,
                "Stav: planned (plánované), in_progress (probíhá), completed (splněné), postponed (odložené), cancelled (zrušené).",
            ),
            f("progress", T::Integer, "Pokrok v procentech (0–100)."),
            f("estimated_cost", T::Integer, "Odhad nákladů v Kč."),
            f("implementation_note", T::String, "Poznámka k plnění."),
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::IndicatorValues,
        name: "Hodnoty ukazatelů opatření",
        description: "Naměřené hodnoty ukazatelů opatření zveřejněných plánů v dlouhém formátu: řádek na ukazatel a rok.",
        keywords: &["komunitní plánování", "ukazatele", "monitoring"],
        fields: &[
            MEASURE_ID,
            PLAN_ID,
            f("indicator", T::String, "Název ukazatele."),
            f("unit", T::String, "Jednotka ukazatele."),
            f("baseline", T::Number, "Výchozí hodnota."),
            f("target", T::Number, "Cílová hodnota."),
            f("year", T::Integer, "Rok, jehož hodnota je uvedena."),
            f("value", T::Number, "Hodnota ukazatele v daném roce."),
        ],
    },
    Dataset {
        id: DatasetId::Funding,
        name: "Financování opatření",
        description: "Plánované a skutečné financování opatření zveřejněných plánů: řádek na rok a zdroj.",
        keywords: &["komunitní plánování", "financování", "rozpočet"],
        fields: &[
            MEASURE_ID,
            PLAN_ID,
            f("year", T::Integer, "Rok."),
            f("source", T::String, "Zdroj: municipality (obec), region (kraj), state (stát), eu (EU), other (jiný)."),
            f("planned", T::Number, "Plánovaná částka v Kč."),
            f("actual", T::Number, "Skutečně vynaložená částka v Kč; prázdné, dokud není známa."),
        ],
    },
    Dataset {
        id: DatasetId::Services,
        name: "Sociální služby a související aktivity",
        description: "Síť sociálních služeb podle zákona č. 108/2006 Sb. a souvisejících aktivit: druh, poskytovatel, formy, cílové skupiny, kapacity, území působnosti a platnost.",
        keywords: &["sociální služby", "síť sociálních služeb", "poskytovatelé"],
        fields: &[
            ID,
            f("organization_id", T::Uuid, "Poskytovatel (datová sada organizations)."),
            f("organization_name", T::String, "Název poskytovatele."),
            f("name", T::String, "Název služby."),
            f("kind_code", T::String, "Druh služby podle zákona (kód z /api/v1/service-kinds); prázdné u související aktivity."),
            f("registration_id", T::String, "Identifikátor služby v registru poskytovatelů sociálních služeb."),
            f("forms", T::List, "Formy poskytování: residential (pobytová), outpatient (ambulantní), field (terénní)."),
            f("target_group_codes", T::List, "Cílové skupiny (kódy z /api/v1/target-groups)."),
            f("capacities", T::List, "Kapacity ve tvaru forma/jednotka/počet, například field/clients/40."),
            f("territory_ids", T::List, "Území, ve kterých služba působí."),
            f("address", T::String, "Adresa."),
            f("municipality_code", T::String, "Kód obce sídla služby podle ČSÚ."),
            f("web", T::String, "Webová adresa."),
            f("phone", T::String, "Telefon."),
            f("valid_from", T::Date, "Poskytována od."),
            f("valid_to", T::Date, "Poskytována do; prázdné, když trvá."),
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::Organizations,
        name: "Organizace",
        description: "Poskytovatelé sociálních služeb, obce, kraje a další organizace, které plány a služby uvádějí.",
        keywords: &["poskytovatelé sociálních služeb", "organizace"],
        fields: &[
            ID,
            f("name", T::String, "Název organizace."),
            f("ico", T::String, "IČO."),
            f(
                "kind",
                T::String,
                "Druh: provider (poskytovatel), municipality (obec), region (kraj), state (stát), ngo (nezisková organizace), church (církevní), other (jiná).",
            ),
            f("address", T::String, "Adresa."),
            f("web", T::String, "Webová adresa."),
            f("phone", T::String, "Telefon."),
            f("description", T::String, "Popis."),
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::WorkingGroups,
        name: "Pracovní skupiny",
        description: "Řídicí a tematické pracovní skupiny komunitního plánování.",
        keywords: &["komunitní plánování", "pracovní skupiny"],
        fields: &[
            ID,
            f("name", T::String, "Název skupiny."),
            f("kind", T::String, "Druh: steering (řídicí), thematic (tematická)."),
            f("target_group", T::String, "Cílová skupina, které se skupina věnuje."),
            f("description", T::String, "Popis."),
            f("vision", T::String, "Vize skupiny."),
            f("is_active", T::Boolean, "Zda skupina pracuje."),
            TERRITORY_ID,
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::Meetings,
        name: "Setkání pracovních skupin",
        description: "Setkání pracovních skupin: kdy, kde a jak se konají nebo konala. Bez jmen účastníků.",
        keywords: &["komunitní plánování", "setkání", "pracovní skupiny"],
        fields: &[
            ID,
            f("working_group_id", T::Uuid, "Pracovní skupina (datová sada working-groups)."),
            f("title", T::String, "Název setkání."),
            f("starts_at", T::Datetime, "Začátek (ISO 8601, UTC)."),
            f("ends_at", T::Datetime, "Konec (ISO 8601, UTC)."),
            f("format", T::String, "Forma: in_person (osobně), online, hybrid (obojí)."),
            f("location", T::String, "Místo konání."),
            f("status", T::String, "Stav: scheduled (svolané), held (konalo se), cancelled (zrušené)."),
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::Needs,
        name: "Potřeby v území",
        description: "Potřeby, které lidé, uživatelé, poskytovatelé a zadavatelé v území pojmenovali, a jak se s nimi naložilo. Bez jmen a kontaktů těch, kdo je nahlásili.",
        keywords: &["komunitní plánování", "potřeby", "zjišťování potřeb"],
        fields: &[
            ID,
            f("title", T::String, "Název potřeby."),
            f("description", T::String, "Popis potřeby."),
            TERRITORY_ID,
            f(
                "source",
                T::String,
                "Kdo potřebu pojmenoval: public (veřejnost), user (uživatel služeb), provider (poskytovatel), commissioner (zadavatel), survey (dotazník), analysis (analýza).",
            ),
            f(
                "status",
                T::String,
                "Stav: new (nová), in_review (posuzuje se), addressed (řeší ji opatření), not_addressed (neřeší se), duplicate (duplicitní).",
            ),
            f("working_group_id", T::Uuid, "Pracovní skupina, která potřebu posuzuje."),
            f("response", T::String, "Veřejná odpověď."),
            f("duplicate_of", T::Uuid, "Potřeba, kterou tato opakuje."),
            f("created_at", T::Datetime, "Kdy byla potřeba nahlášena (ISO 8601, UTC)."),
            UPDATED_AT,
        ],
    },
    Dataset {
        id: DatasetId::ConsultationComments,
        name: "Vypořádání připomínek",
        description: "Vypořádané připomínky k návrhům komunitních plánů: text připomínky, jak byla vypořádána a co se v plánu změnilo. Bez jmen a kontaktů připomínkujících.",
        keywords: &["komunitní plánování", "připomínky", "vypořádání připomínek"],
        fields: &[
            ID,
            PLAN_ID,
            f("target_type", T::String, "K čemu se připomínka vztahuje: plan (plán), goal (cíl), measure (opatření)."),
            f("target_id", T::Uuid, "Identifikátor plánu, cíle nebo opatření."),
            f("body", T::String, "Text připomínky."),
            f("channel", T::String, "Jak připomínka přišla: web, email (e-mailem), paper (písemně), meeting (na setkání)."),
            f("received_on", T::Date, "Den přijetí."),
            f(
                "resolution",
                T::String,
                "Vypořádání: accepted (přijata), partially_accepted (přijata částečně), rejected (nepřijata), noted (vzata na vědomí).",
            ),
            f("resolution_note", T::String, "Odůvodnění vypořádání."),
            f("resolution_change", T::String, "Co se v plánu změnilo."),
            f("resolved_at", T::Datetime, "Kdy byla vypořádána (ISO 8601, UTC)."),
        ],
    },
];

impl DatasetId {
    pub fn dataset(self) -> &'static Dataset {
        DATASETS.iter().find(|d| d.id == self).expect("every id has its dataset")
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Plans => "plans",
            Self::Goals => "goals",
            Self::Measures => "measures",
            Self::IndicatorValues => "indicator-values",
            Self::Funding => "funding",
            Self::Services => "services",
            Self::Organizations => "organizations",
            Self::WorkingGroups => "working-groups",
            Self::Meetings => "meetings",
            Self::Needs => "needs",
            Self::ConsultationComments => "consultation-comments",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dataset_once_with_its_serialized_id_and_unique_fields() {
        for (i, dataset) in DATASETS.iter().enumerate() {
            assert_eq!(serde_json::to_value(dataset.id).unwrap(), dataset.id.as_str());
            assert_eq!(DATASETS.iter().position(|d| d.id == dataset.id), Some(i));
            let mut names: Vec<_> = dataset.fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), dataset.fields.len(), "{}", dataset.id.as_str());
        }
    }
}
