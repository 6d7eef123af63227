//! Applying the register to the database, in one transaction: organizations by IČO, services by
//! `identifikator`, each written only when the file changes it, so a second run of the same file
//! writes nothing. Services the file no longer has are ended, never deleted: measures name them.
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Read;

use chrono::{DateTime, Days, Utc};
use entity::enums::{OrganizationKind, SearchKind, TerritoryKind};
use entity::{organization, service, service_kind, target_group, territory};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};
use uuid::Uuid;

use super::dto::{EntryError, ImportSummary};
use super::file::Entry;
use super::mapping::{self, CodeLists, Fields, Mapped, Provider};
use super::stream::{self, StreamError};
use crate::audit::{self, service::changes_of};
use crate::caller::Caller;
use crate::clock;
use crate::error::{ApiError, ApiResult, FieldErrorCode};
use crate::services::dto::Lists;
use crate::services::service::{lists_of, write_lists};

/// The most skipped entries the summary lists (all are counted).
const MAX_ERRORS: usize = 1_000;
/// The most unknown ids the summary lists.
const MAX_UNKNOWN_IDS: usize = 100;
/// Entries read ahead of the database.
const READ_AHEAD: usize = 256;

pub struct Options {
    /// Roll everything back at the end and only answer the summary.
    pub dry_run: bool,
    /// The most bytes of JSON to read (after inflating gzip); none for a file given on the command line.
    pub limit: Option<u64>,
}

/// Imports the register's file from `source` (JSON or gzip), on behalf of `actor` (for the audit
/// trail). The caller has authorized the import.
pub async fn import<R: Read + Send + 'static>(
    db: &DatabaseConnection,
    actor: &Caller,
    source: R,
    options: Options,
) -> ApiResult<ImportSummary> {
    let (sender, mut entries) = tokio::sync::mpsc::channel::<(usize, Entry)>(READ_AHEAD);
    let limit = options.limit;
    // The parser is synchronous (serde over a reader): it runs on a thread of its own and hands
    // entries over as it reads them.
    let reading = tokio::task::spawn_blocking(move || stream::read_entries(source, limit, |i, e| sender.blocking_send((i, e)).is_ok()));
    let txn = crate::db::begin(db).await?;
    let mut importer = Importer::load(&txn).await?;
    while let Some((index, entry)) = entries.recv().await {
        importer.apply(&txn, index, entry).await?;
    }
    reading
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "the register's reader failed");
            ApiError::Internal
        })?
        .map_err(refusal)?;
    importer.end_absent(&txn).await?;
    let summary = importer.finish(options.dry_run);
    if options.dry_run {
        txn.rollback().await?;
    } else {
        audit::record(&txn, actor, "import", "rpss", None, changes_of(&counts(&summary))).await?;
        // A whole register at once: its providers and services indexed anew together.
        crate::search::index::rebuild_kinds(&txn, &[SearchKind::Organization, SearchKind::Service]).await?;
        txn.commit().await?;
    }
    Ok(summary)
}

/// The file's fault, answered as the API answers bad input.
fn refusal(e: StreamError) -> ApiError {
    match e {
        StreamError::NotJson(message) => ApiError::BadRequest(format!("the body is not the register's JSON file: {message}")),
        StreamError::Malformed { field, message } => ApiError::invalid(&field, FieldErrorCode::InvalidValue, message),
        StreamError::TooLarge(limit) => ApiError::PayloadTooLarge(usize::try_from(limit).unwrap_or(usize::MAX)),
        StreamError::Io(e) => ApiError::BadRequest(format!("the body could not be read: {e}")),
        // Only when the importer stopped taking entries, which it does by failing itself.
        StreamError::Stopped => ApiError::Internal,
    }
}

/// The summary's counts, for the audit trail.
fn counts(s: &ImportSummary) -> serde_json::Value {
    serde_json::json!({
        "entries": s.entries, "created": s.created, "updated": s.updated, "unchanged": s.unchanged, "ended": s.ended,
        "skipped": s.skipped, "organizations_created": s.organizations_created, "organizations_updated": s.organizations_updated,
    })
}

struct Importer {
    lists: CodeLists,
    /// By IČO.
    organizations: HashMap<String, organization::Model>,
    /// Organizations this run has already brought up to date: a provider's first entry speaks for it.
    providers_seen: HashSet<String>,
    /// Services with a registration, by it.
    services: HashMap<String, (service::Model, Lists)>,
    /// The registrations the file has.
    seen: HashSet<String>,
    unknown_ids: BTreeSet<String>,
    summary: ImportSummary,
    now: DateTime<Utc>,
}

impl Importer {
    async fn load<D: ConnectionTrait>(db: &D) -> ApiResult<Self> {
        let mut lists = CodeLists::default();
        for kind in service_kind::Entity::find().all(db).await? {
            if let Some(register) = kind.register_id {
                lists.kinds.insert(register, kind.code.clone());
            }
            lists.kind_names.insert(kind.code, kind.name);
        }
        for group in target_group::Entity::find().filter(target_group::Column::RegisterId.is_not_null()).all(db).await? {
            if let Some(register) = group.register_id {
                lists.target_groups.insert(register, group.code);
            }
        }
        let places = territory::Entity::find()
            .filter(territory::Column::Code.is_not_null())
            .filter(territory::Column::Kind.is_in([TerritoryKind::Municipality, TerritoryKind::Region]))
            .all(db)
            .await?;
        for place in places {
            let Some(code) = place.code else { continue };
            match place.kind {
                TerritoryKind::Municipality => lists.municipalities.insert(code, place.id),
                _ => lists.regions.insert(code, place.id),
            };
        }
        let organizations = organization::Entity::find().filter(organization::Column::Ico.is_not_null()).all(db).await?;
        let organizations = organizations.into_iter().filter_map(|o| Some((o.ico.clone()?, o))).collect();
        let rows = service::Entity::find().filter(service::Column::RegistrationId.is_not_null()).all(db).await?;
        let mut own = lists_of(db, &rows.iter().map(|s| s.id).collect::<Vec<_>>()).await?;
        let services = rows
            .into_iter()
            .filter_map(|s| {
                let lists = own.remove(&s.id).unwrap_or_default();
                Some((s.registration_id.clone()?, (s, lists)))
            })
            .collect();
        Ok(Self {
            lists,
            organizations,
            providers_seen: HashSet::new(),
            services,
            seen: HashSet::new(),
            unknown_ids: BTreeSet::new(),
            summary: ImportSummary::default(),
            now: clock::now(),
        })
    }

    fn skip(&mut self, index: usize, identifikator: String, field: &str, message: String) {
        self.summary.skipped += 1;
        if self.summary.errors.len() < MAX_ERRORS {
            self.summary.errors.push(EntryError { index: index as u64, identifikator, field: field.into(), message });
        }
    }

    async fn apply<D: ConnectionTrait>(&mut self, db: &D, index: usize, entry: Entry) -> ApiResult<()> {
        self.summary.entries += 1;
        let identifikator = entry.identifikator.0.clone();
        let mapped = match mapping::map(entry, &self.lists) {
            Ok(mapped) => mapped,
            Err(refused) => {
                self.skip(index, identifikator, refused.field, refused.message);
                return Ok(());
            }
        };
        if !self.seen.insert(mapped.registration_id.clone()) {
            self.skip(index, identifikator, "identifikator", "appears earlier in the file; this entry is skipped".into());
            return Ok(());
        }
        let unknown = &mapped.unknown;
        let counts = &mut self.summary.unknown_codes;
        counts.kinds += u64::from(unknown.kind);
        counts.target_groups += unknown.target_groups;
        counts.forms += unknown.forms;
        counts.capacity_types += unknown.capacity_types;
        self.unknown_ids.extend(unknown.ids.iter().cloned());
        let organization_id = self.organization(db, &mapped.provider).await?;
        self.service(db, organization_id, mapped).await
    }

    /// The provider's organization, created or brought up to date.
    async fn organization<D: ConnectionTrait>(&mut self, db: &D, provider: &Provider) -> ApiResult<Uuid> {
        let first_time = self.providers_seen.insert(provider.ico.clone());
        let Some(existing) = self.organizations.get(&provider.ico) else {
            let created = organization::ActiveModel {
                id: Set(Uuid::now_v7()),
                name: Set(provider.name.clone()),
                ico: Set(Some(provider.ico.clone())),
                kind: Set(OrganizationKind::Provider),
                address: Set(provider.address.clone()),
                web: Set(provider.web.clone()),
                email: Set(provider.email.clone()),
                phone: Set(provider.phone.clone()),
                description: Set(String::new()),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                version: Set(1),
            }
            .insert(db)
            .await?;
            self.summary.organizations_created += 1;
            let id = created.id;
            self.organizations.insert(provider.ico.clone(), created);
            return Ok(id);
        };
        let same = existing.name == provider.name
            && existing.address == provider.address
            && existing.web == provider.web
            && existing.email == provider.email
            && existing.phone == provider.phone;
        if same || !first_time {
            return Ok(existing.id);
        }
        let mut active = existing.clone().into_active_model();
        active.name = Set(provider.name.clone());
        active.address = Set(provider.address.clone());
        active.web = Set(provider.web.clone());
        active.email = Set(provider.email.clone());
        active.phone = Set(provider.phone.clone());
        active.updated_at = Set(self.now);
        active.version = Set(existing.version + 1);
        let updated = active.update(db).await?;
        self.summary.organizations_updated += 1;
        let id = updated.id;
        self.organizations.insert(provider.ico.clone(), updated);
        Ok(id)
    }

    async fn service<D: ConnectionTrait>(&mut self, db: &D, organization_id: Uuid, mapped: Mapped) -> ApiResult<()> {
        let Mapped { registration_id, fields, lists, .. } = mapped;
        let Some((existing, had)) = self.services.get(&registration_id) else {
            let created = service::ActiveModel {
                id: Set(Uuid::now_v7()),
                organization_id: Set(organization_id),
                registration_id: Set(Some(registration_id)),
                description: Set(String::new()),
                created_at: Set(self.now),
                updated_at: Set(self.now),
                version: Set(1),
                ..fields_of(fields)
            }
            .insert(db)
            .await?;
            write_lists(
                db,
                created.id,
                Some(&lists.forms),
                Some(&lists.target_group_codes),
                Some(&lists.capacities),
                Some(&lists.territory_ids),
            )
            .await?;
            self.summary.created += 1;
            return Ok(());
        };
        let row_same = existing.organization_id == organization_id && fields == fields_now(existing);
        let forms = (lists.forms != had.forms).then_some(lists.forms.as_slice());
        let groups = (!same_set(&lists.target_group_codes, &had.target_group_codes)).then_some(lists.target_group_codes.as_slice());
        let capacities = (lists.capacities != had.capacities).then_some(lists.capacities.as_slice());
        let territories = (!same_set(&lists.territory_ids, &had.territory_ids)).then_some(lists.territory_ids.as_slice());
        if row_same && forms.is_none() && groups.is_none() && capacities.is_none() && territories.is_none() {
            self.summary.unchanged += 1;
            return Ok(());
        }
        let id = existing.id;
        let active = service::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(id),
            organization_id: Set(organization_id),
            updated_at: Set(self.now),
            version: Set(existing.version + 1),
            ..fields_of(fields)
        };
        active.update(db).await?;
        write_lists(db, id, forms, groups, capacities, territories).await?;
        self.summary.updated += 1;
        Ok(())
    }

    /// Ends (the day before today) every service with a registration the file did not have.
    async fn end_absent<D: ConnectionTrait>(&mut self, db: &D) -> ApiResult<()> {
        let today = clock::day_of(self.now);
        let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
        for (registration, (existing, _)) in &self.services {
            if self.seen.contains(registration) {
                continue;
            }
            let end = existing.valid_from.map_or(yesterday, |from| from.max(yesterday));
            if existing.valid_to.is_some_and(|to| to <= end) {
                continue;
            }
            let active = service::ActiveModel {
                id: sea_orm::ActiveValue::Unchanged(existing.id),
                valid_to: Set(Some(end)),
                updated_at: Set(self.now),
                version: Set(existing.version + 1),
                ..Default::default()
            };
            active.update(db).await?;
            self.summary.ended += 1;
        }
        Ok(())
    }

    fn finish(mut self, dry_run: bool) -> ImportSummary {
        self.summary.dry_run = dry_run;
        self.summary.unknown_codes.ids = self.unknown_ids.into_iter().take(MAX_UNKNOWN_IDS).collect();
        self.summary
    }
}

/// The service row's fields the register gives.
fn fields_of(f: Fields) -> service::ActiveModel {
    service::ActiveModel {
        name: Set(f.name),
        kind_code: Set(f.kind_code),
        address: Set(f.address),
        municipality_code: Set(f.municipality_code),
        web: Set(f.web),
        email: Set(f.email),
        phone: Set(f.phone),
        valid_from: Set(f.valid_from),
        valid_to: Set(f.valid_to),
        ..Default::default()
    }
}

fn fields_now(s: &service::Model) -> Fields {
    Fields {
        name: s.name.clone(),
        kind_code: s.kind_code.clone(),
        address: s.address.clone(),
        municipality_code: s.municipality_code.clone(),
        web: s.web.clone(),
        email: s.email.clone(),
        phone: s.phone.clone(),
        valid_from: s.valid_from,
        valid_to: s.valid_to,
    }
}

/// The same entries, whatever their order.
fn same_set<T: Ord + Clone>(a: &[T], b: &[T]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}
