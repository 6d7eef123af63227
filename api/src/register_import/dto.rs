//! What an import answers.
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What an import did (or, in a dry run, would do). Counts are of the file's entries (services)
/// unless named otherwise.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportSummary {
    /// Nothing was written: the import ran in a transaction and rolled it back.
    pub dry_run: bool,
    /// Entries read from the file.
    pub entries: u64,
    /// Services added.
    pub created: u64,
    /// Services whose row or lists the file changed.
    pub updated: u64,
    /// Services the file has as they are.
    pub unchanged: u64,
    /// Services with a registration that the file no longer has: ended (`valid_to` set), never deleted.
    pub ended: u64,
    /// Entries not imported (listed in `errors`): no valid IČO, no provider name, or an
    /// identifikator that appeared earlier in the file.
    pub skipped: u64,
    pub organizations_created: u64,
    pub organizations_updated: u64,
    /// The register's code-list ids the installation does not know.
    pub unknown_codes: UnknownCodes,
    /// Why each skipped entry was skipped (the first 1,000).
    pub errors: Vec<EntryError>,
}

/// Entries imported although the code lists did not know one of their ids: a kind left open
/// (`kind_code` null), and target groups, forms and capacity types left out.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct UnknownCodes {
    /// Entries imported with their kind left open.
    pub kinds: u64,
    /// Target groups left out, over all entries.
    pub target_groups: u64,
    pub forms: u64,
    pub capacity_types: u64,
    /// The unknown ids themselves, e.g. `DruhSocialniSluzby/35`, each once, sorted (at most 100).
    pub ids: Vec<String>,
}

/// One entry the import skipped.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryError {
    /// The entry's position in `polozky`, from 0.
    pub index: u64,
    pub identifikator: String,
    /// The field at fault, e.g. `poskytovatel.ico`.
    pub field: String,
    pub message: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportParams {
    /// Read and check the whole file and answer the summary, writing nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// The register's code list of target groups (`cilove-skupiny-osoby`) as MPSV publishes it; keys
/// besides these are ignored.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeList {
    #[schema(max_items = 1000)]
    pub polozky: Vec<CodeListItem>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeListItem {
    /// e.g. `CilovaSkupinaOsoby/24`.
    #[schema(pattern = "^CilovaSkupinaOsoby/[0-9A-Za-z]{1,45}$")]
    pub id: String,
    pub nazev: CodeListName,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CodeListName {
    /// The name in Czech, e.g. "senioři".
    #[schema(min_length = 1, max_length = 200)]
    pub cs: String,
}

/// What the code list's import did (or, in a dry run, would do).
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct CodeListSummary {
    pub dry_run: bool,
    /// Items read from the list.
    pub items: u64,
    /// Items whose id a target group has already.
    pub known: u64,
    /// The ids given to target groups of the same name (accents and case aside), which keep
    /// their code and wording.
    pub linked: Vec<String>,
    /// The ids that became new target groups, their code made from the name.
    pub created: Vec<String>,
}
