//! The register's code list of target groups (`cilove-skupiny-osoby`) taken into ours, so that the
//! register import knows every group its entries name. Each item is matched to one of our groups
//! by its register id, else by its name as the register words it (accents and case aside); a group
//! so matched is given the register id and keeps the installation's wording; an item matching
//! none becomes a new group. Running it again changes nothing.
use std::collections::{HashMap, HashSet};

use entity::target_group;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, IntoActiveModel, QueryOrder};
use uuid::Uuid;

use super::dto::{CodeList, CodeListSummary};
use crate::audit::{self, service::changes_of};
use crate::caller::Caller;
use crate::clock;
use crate::czech::fold;
use crate::domain::Name;
use crate::error::{ApiError, ApiResult, FieldError, FieldErrorCode, Validator};
use crate::store::update_versioned;

/// The prefix of every id of the code list.
pub const ID_PREFIX: &str = "CilovaSkupinaOsoby/";
/// Items a list may have: the register's has a few dozen.
pub const MAX_ITEMS: usize = 1000;
/// Our codes are at most this long (`target_groups::dto::CODE_PATTERN`).
const CODE_MAX: usize = 80;

/// 422 naming `polozky[i].id` or `polozky[i].nazev.cs` for an item not of the code list's shape
/// or an id the list has twice (and `polozky` for more than [`MAX_ITEMS`]); nothing is written then.
fn check(list: &CodeList) -> ApiResult<()> {
    let mut v = Validator::new();
    v.items("polozky", list.polozky.len(), MAX_ITEMS);
    let mut seen = HashSet::new();
    for (i, item) in list.polozky.iter().enumerate() {
        let field = format!("polozky[{i}].id");
        let number = item.id.strip_prefix(ID_PREFIX).unwrap_or_default();
        let well_formed = !number.is_empty() && item.id.len() <= 64 && number.chars().all(|c| c.is_ascii_alphanumeric());
        v.check(well_formed, &field, FieldErrorCode::InvalidFormat, format!("must be {ID_PREFIX} and a number, e.g. {ID_PREFIX}24"));
        v.check(seen.insert(item.id.as_str()), &field, FieldErrorCode::Duplicate, format!("{} is in the list twice", item.id));
        v.field(Name::parse(&format!("polozky[{i}].nazev.cs"), &item.nazev.cs));
    }
    v.finish()
}

/// A code for a new group from its name: "osoby v krizi" → `osoby_v_krizi`, made unique among
/// `taken` with a number (`_2`, `_3`, …).
fn code_for(name: &str, taken: &HashSet<String>) -> String {
    let words: Vec<String> = fold(name).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect();
    let mut base = words.join("_");
    base.truncate(CODE_MAX - 4);
    let base = if base.is_empty() { "skupina".to_owned() } else { base.trim_end_matches('_').to_owned() };
    (1..).map(|n| if n == 1 { base.clone() } else { format!("{base}_{n}") }).find(|code| !taken.contains(code)).expect("an unused code")
}

/// The code list from a file's bytes, or 400 / 422 naming where it is not of the list's shape
/// (for the command line; the API's body goes through its JSON extractor).
pub fn read(bytes: &[u8]) -> ApiResult<CodeList> {
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(bytes)).map_err(|e| {
        let field = e.path().to_string();
        match e.into_inner() {
            syntax if syntax.is_syntax() || syntax.is_eof() || syntax.is_io() => ApiError::BadRequest(format!("not JSON: {syntax}")),
            shape => ApiError::Validation(vec![FieldError::new(&field, FieldErrorCode::Invalid, shape.to_string())]),
        }
    })
}

/// Takes `list` in, in one transaction (rolled back for `dry_run`), on behalf of `actor`, who has
/// been authorized.
pub async fn import(db: &DatabaseConnection, actor: &Caller, list: CodeList, dry_run: bool) -> ApiResult<CodeListSummary> {
    check(&list)?;
    let txn = crate::db::begin(db).await?;
    let groups = target_group::Entity::find().order_by_asc(target_group::Column::Id).all(&txn).await?;
    let mut taken: HashSet<String> = groups.iter().map(|g| g.code.clone()).collect();
    let registered: HashMap<String, String> = groups.iter().filter_map(|g| Some((g.register_id.clone()?, g.code.clone()))).collect();
    // The groups not linked yet, by folded name; a name two of them share links the older.
    let mut unlinked: HashMap<String, target_group::Model> = HashMap::new();
    for group in groups.into_iter().filter(|g| g.register_id.is_none()) {
        unlinked.entry(fold(&group.name)).or_insert(group);
    }
    let mut summary = CodeListSummary { dry_run, items: list.polozky.len() as u64, ..Default::default() };
    let now = clock::now();
    for item in list.polozky {
        if registered.contains_key(&item.id) {
            summary.known += 1;
        } else if let Some(group) = unlinked.remove(&fold(&item.nazev.cs)) {
            let (id, version) = (group.id, group.version);
            let mut active = group.into_active_model();
            active.register_id = Set(Some(item.id.clone()));
            update_versioned(&txn, active, id, version).await?;
            summary.linked.push(item.id);
        } else {
            let code = code_for(&item.nazev.cs, &taken);
            taken.insert(code.clone());
            target_group::ActiveModel {
                id: Set(Uuid::now_v7()),
                code: Set(code),
                name: Set(item.nazev.cs.trim().to_owned()),
                description: Set(String::new()),
                register_id: Set(Some(item.id.clone())),
                created_at: Set(now),
                updated_at: Set(now),
                version: Set(1),
            }
            .insert(&txn)
            .await?;
            summary.created.push(item.id);
        }
    }
    if dry_run {
        txn.rollback().await?;
        return Ok(summary);
    }
    audit::record(&txn, actor, "import", "target_groups", None, changes_of(&summary)).await?;
    txn.commit().await?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_codes_come_from_the_name_and_are_unique() {
        let taken: HashSet<String> = ["osoby_v_krizi".to_owned()].into();
        assert_eq!(code_for("Osoby bez přístřeší", &taken), "osoby_bez_pristresi");
        assert_eq!(code_for("osoby v krizi", &taken), "osoby_v_krizi_2");
        assert_eq!(code_for("rodiny s dítětem/dětmi", &taken), "rodiny_s_ditetem_detmi");
        assert_eq!(code_for("—", &taken), "skupina");
        let long = code_for(&"dlouhé slovo ".repeat(20), &taken);
        assert!(long.len() <= CODE_MAX && !long.ends_with('_'), "{long}");
    }
}
