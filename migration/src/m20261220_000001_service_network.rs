//! The network of social services: the kinds of service of Act 108/2006 (a code list written here),
//! target groups (seeded, coordinators add more), organizations and their services, and the lists
//! a service carries (forms, target groups, capacities, territories), a row an entry so that lists
//! filter by them. A service's organization, kind, target groups and territories cannot be deleted
//! from under it (`NoAction`: SQLite reports that as a foreign-key failure, the API's 409
//! `reference`, where `Restrict` fails as a trigger, which maps to nothing); its own lists go with
//! it (`Cascade`).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::{index, unique};
use crate::tables::{fk, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

use ForeignKeyAction::{Cascade, NoAction};

/// `code, paragraph, name, group, register id`, in the order of the Act. §37 is split into its
/// základní and odborné sociální poradenství (§37 (2) and (3)), as the register splits it. The
/// register's ids (`DruhSocialniSluzby/N`; its list has 34 entries) follow the same order, except the
/// intervention centres (§60a), last in the register's list (`/34`): the order of MPSV's code list
/// as its public parsers show it, with `/5` tísňová péče and `/13` domovy pro seniory confirmed
/// from the register's data. The import is to check them against `druhy-socialni-sluzby.json`.
const SERVICE_KINDS: [(&str, &str, &str, &str, u32); 34] = [
    ("zakladni_socialni_poradenstvi", "§37", "základní sociální poradenství", "counselling", 1),
    ("odborne_socialni_poradenstvi", "§37", "odborné sociální poradenství", "counselling", 2),
    ("osobni_asistence", "§39", "osobní asistence", "care", 3),
    ("pecovatelska_sluzba", "§40", "pečovatelská služba", "care", 4),
    ("tisnova_pece", "§41", "tísňová péče", "care", 5),
    ("pruvodcovske_a_predcitatelske_sluzby", "§42", "průvodcovské a předčitatelské služby", "care", 6),
    ("podpora_samostatneho_bydleni", "§43", "podpora samostatného bydlení", "care", 7),
    ("odlehcovaci_sluzby", "§44", "odlehčovací služby", "care", 8),
    ("centra_dennich_sluzeb", "§45", "centra denních služeb", "care", 9),
    ("denni_stacionare", "§46", "denní stacionáře", "care", 10),
    ("tydenni_stacionare", "§47", "týdenní stacionáře", "care", 11),
    ("domovy_pro_osoby_se_zdravotnim_postizenim", "§48", "domovy pro osoby se zdravotním postižením", "care", 12),
    ("domovy_pro_seniory", "§49", "domovy pro seniory", "care", 13),
    ("domovy_se_zvlastnim_rezimem", "§50", "domovy se zvláštním režimem", "care", 14),
    ("chranene_bydleni", "§51", "chráněné bydlení", "care", 15),
    (
        "socialni_sluzby_ve_zdravotnickych_zarizenich",
        "§52",
        "sociální služby poskytované ve zdravotnických zařízeních lůžkové péče",
        "care",
        16,
    ),
    ("rana_pece", "§54", "raná péče", "prevention", 17),
    ("telefonicka_krizova_pomoc", "§55", "telefonická krizová pomoc", "prevention", 18),
    ("tlumocnicke_sluzby", "§56", "tlumočnické služby", "prevention", 19),
    ("azylove_domy", "§57", "azylové domy", "prevention", 20),
    ("domy_na_pul_cesty", "§58", "domy na půl cesty", "prevention", 21),
    ("kontaktni_centra", "§59", "kontaktní centra", "prevention", 22),
    ("krizova_pomoc", "§60", "krizová pomoc", "prevention", 23),
    ("intervencni_centra", "§60a", "intervenční centra", "prevention", 34),
    ("nizkoprahova_denni_centra", "§61", "nízkoprahová denní centra", "prevention", 24),
    ("nizkoprahova_zarizeni_pro_deti_a_mladez", "§62", "nízkoprahová zařízení pro děti a mládež", "prevention", 25),
    ("nocleharny", "§63", "noclehárny", "prevention", 26),
    ("sluzby_nasledne_pece", "§64", "služby následné péče", "prevention", 27),
    ("socialne_aktivizacni_sluzby_pro_rodiny_s_detmi", "§65", "sociálně aktivizační služby pro rodiny s dětmi", "prevention", 28),
    (
        "socialne_aktivizacni_sluzby_pro_seniory_a_osoby_se_zdravotnim_postizenim",
        "§66",
        "sociálně aktivizační služby pro seniory a osoby se zdravotním postižením",
        "prevention",
        29,
    ),
    ("socialne_terapeuticke_dilny", "§67", "sociálně terapeutické dílny", "prevention", 30),
    ("terapeuticke_komunity", "§68", "terapeutické komunity", "prevention", 31),
    ("terenni_programy", "§69", "terénní programy", "prevention", 32),
    ("socialni_rehabilitace", "§70", "sociální rehabilitace", "prevention", 33),
];

/// `code, name, register id`: the groups the planning documents name (senioři, děti, mládež a
/// rodiny, osoby v krizi, …), then those of the register's code list `cilove-skupiny-osoby`. Only
/// the register ids confirmed from its data are set; the import fills in the others.
const TARGET_GROUPS: [(&str, &str, Option<u32>); 30] = [
    ("seniori", "senioři", Some(24)),
    ("osoby_se_zdravotnim_postizenim", "osoby se zdravotním postižením", None),
    ("deti_mladez_a_rodiny", "děti, mládež a rodiny", None),
    ("osoby_v_krizi", "osoby v krizi", None),
    ("osoby_ohrozene_socialnim_vyloucenim", "osoby ohrožené sociálním vyloučením", None),
    ("etnicke_mensiny", "etnické menšiny", None),
    ("pecujici_osoby", "pečující osoby", Some(26)),
    ("osoby_s_potrebou_paliativni_pece", "osoby s potřebou paliativní péče", Some(27)),
    ("osoby_zijici_s_demenci", "osoby žijící s demencí", Some(30)),
    ("osoby_s_chronickym_dusevnim_onemocnenim", "osoby s chronickým duševním onemocněním", None),
    ("osoby_s_chronickym_onemocnenim", "osoby s chronickým onemocněním", None),
    ("osoby_s_jinym_zdravotnim_postizenim", "osoby s jiným zdravotním postižením", None),
    ("osoby_s_kombinovanym_postizenim", "osoby s kombinovaným postižením", None),
    ("osoby_s_mentalnim_postizenim", "osoby s mentálním postižením", None),
    ("osoby_s_telesnym_postizenim", "osoby s tělesným postižením", None),
    ("osoby_se_sluchovym_postizenim", "osoby se sluchovým postižením", None),
    ("osoby_se_zrakovym_postizenim", "osoby se zrakovým postižením", None),
    (
        "deti_a_mladez_ohrozene_spolecensky_nezadoucimi_jevy",
        "děti a mládež ve věku od 6 do 26 let ohrožené společensky nežádoucími jevy",
        None,
    ),
    ("rodiny_s_detmi", "rodiny s dítětem/dětmi", None),
    ("imigranti_a_azylanti", "imigranti a azylanti", None),
    ("obeti_domaciho_nasili", "oběti domácího násilí", None),
    ("obeti_obchodu_s_lidmi", "oběti obchodu s lidmi", None),
    ("obeti_trestne_cinnosti", "oběti trestné činnosti", None),
    ("osoby_bez_pristresi", "osoby bez přístřeší", None),
    ("osoby_opoustejici_ustavni_peci", "osoby do 26 let věku opouštějící školská zařízení pro výkon ústavní péče", None),
    ("osoby_komercne_zneuzivane", "osoby komerčně zneužívané", None),
    ("osoby_s_rizikovym_zpusobem_zivota", "osoby, které vedou rizikový způsob života nebo jsou tímto způsobem života ohroženy", None),
    ("osoby_v_socialne_vyloucenych_komunitach", "osoby žijící v sociálně vyloučených komunitách", None),
    ("osoby_ohrozene_zavislosti", "osoby ohrožené závislostí nebo závislé na návykových látkách", None),
    ("pachatele_trestne_cinnosti", "pachatelé trestné činnosti", None),
];

/// `table.column` refers to `to.code` (the code lists are referred to by their codes).
fn fk_code(table: &'static str, column: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(format!("fk_{table}_{column}")).from(table, column).to(to, "code").on_delete(NoAction).take()
}

/// A list a service carries: `id`, `service_id` (going with the service) and the entry's columns.
fn service_list(name: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name).if_not_exists().col(pk_uuid("id")).col(uuid("service_id"));
    for mut column in columns {
        table.col(&mut column);
    }
    table.foreign_key(&mut fk(name, "service_id", "services", Cascade)).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let kinds = Table::create()
            .table("service_kinds")
            .if_not_exists()
            .col(string_len("code", 80).primary_key())
            .col(string_len("paragraph", 8))
            .col(string_len("name", 200))
            .col(string_len("group", 32))
            .col(integer("position"))
            .col(string_len_null("register_id", 64))
            .take();
        let target_groups = resource(
            "target_groups",
            vec![
                string_len("code", 80).unique_key().take(),
                string_len("name", 200),
                text("description"),
                string_len_null("register_id", 64),
            ],
        );
        let organizations = resource(
            "organizations",
            vec![
                string_len("name", 300),
                string_len_null("ico", 8),
                string_len("kind", 32),
                text_null("address"),
                text_null("web"),
                text_null("email"),
                string_len_null("phone", 100),
                text("description"),
            ],
        );
        let services = resource(
            "services",
            vec![
                uuid("organization_id"),
                string_len("name", 300),
                string_len_null("kind_code", 80),
                string_len_null("registration_id", 64),
                text_null("address"),
                string_len_null("municipality_code", 16),
                text_null("web"),
                text_null("email"),
                string_len_null("phone", 100),
                text("description"),
                date_null("valid_from"),
                date_null("valid_to"),
            ],
        )
        .foreign_key(&mut fk("services", "organization_id", "organizations", NoAction))
        .foreign_key(&mut fk_code("services", "kind_code", "service_kinds"))
        .take();
        let forms = service_list("service_forms", vec![string_len("form", 32)]);
        let groups = service_list("service_target_groups", vec![string_len("target_group_code", 80)])
            .foreign_key(&mut fk_code("service_target_groups", "target_group_code", "target_groups"))
            .take();
        let capacities =
            service_list("service_capacities", vec![string_len("form", 32), integer("count"), string_len("unit", 32), integer("position")]);
        let territories = service_list("service_territories", vec![uuid("territory_id")])
            .foreign_key(&mut fk("service_territories", "territory_id", "territories", NoAction))
            .take();
        for table in [kinds, target_groups, organizations, services, forms, groups, capacities, territories] {
            manager.create_table(table).await?;
        }
        for index in [
            unique("service_kinds", &["register_id"]),
            unique("target_groups", &["register_id"]),
            unique("organizations", &["ico"]),
            index("organizations", &["kind"]),
            unique("services", &["registration_id"]),
            index("services", &["organization_id"]),
            index("services", &["kind_code"]),
            unique("service_forms", &["service_id", "form"]),
            index("service_forms", &["form"]),
            unique("service_target_groups", &["service_id", "target_group_code"]),
            index("service_target_groups", &["target_group_code"]),
            index("service_capacities", &["service_id"]),
            unique("service_territories", &["service_id", "territory_id"]),
            index("service_territories", &["territory_id"]),
        ] {
            manager.create_index(index).await?;
        }
        seed(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "service_territories",
            "service_capacities",
            "service_target_groups",
            "service_forms",
            "services",
            "organizations",
            "target_groups",
            "service_kinds",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

async fn seed(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut kinds = Query::insert();
    kinds.into_table("service_kinds").columns(["code", "paragraph", "name", "group", "position", "register_id"]);
    for (position, (code, paragraph, name, group, register)) in (1i32..).zip(SERVICE_KINDS) {
        kinds.values_panic([
            code.into(),
            paragraph.into(),
            name.into(),
            group.into(),
            position.into(),
            format!("DruhSocialniSluzby/{register}").into(),
        ]);
    }
    manager.exec_stmt(kinds).await?;
    // Microseconds, as both databases keep them: a dump reads the same from either.
    let now = chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 6);
    let mut groups = Query::insert();
    groups.into_table("target_groups").columns(["id", "code", "name", "description", "register_id", "created_at", "updated_at", "version"]);
    for (code, name, register) in TARGET_GROUPS {
        groups.values_panic([
            uuid::Uuid::now_v7().into(),
            code.into(),
            name.into(),
            "".into(),
            register.map(|id| format!("CilovaSkupinaOsoby/{id}")).into(),
            now.into(),
            now.into(),
            1.into(),
        ]);
    }
    manager.exec_stmt(groups).await
}
