//! Keeping the search index: what of each thing is indexed (its public text only: never an
//! e-mail address, a person's name, a comment or an attendance list), written in the same
//! transaction as the change that calls [`refresh`], and rebuilt whole when [`VERSION`] changes.
use std::collections::{HashMap, HashSet};

use entity::enums::{PlanStatus, SearchKind};
use entity::{goal, measure, meeting, need, organization, plan, search_entry, search_index, service, service_kind, user, working_group};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::text::terms;

/// The version of what is indexed and how: raise it when an entry's text or columns change, and
/// the next start rebuilds the index.
pub const VERSION: i32 = 1;

/// Rows are read and indexed this many at a time when the index is rebuilt.
const BATCH: u64 = 500;

/// What an entry holds before its words are folded.
struct Entry {
    kind: SearchKind,
    id: Uuid,
    plan_id: Option<Uuid>,
    owner_id: Option<Uuid>,
    territory_id: Option<Uuid>,
    public: bool,
    title: String,
    body: Vec<String>,
}

impl Entry {
    fn new(kind: SearchKind, id: Uuid, title: String) -> Self {
        Self { kind, id, plan_id: None, owner_id: None, territory_id: None, public: true, title, body: Vec::new() }
    }

    fn within(mut self, plan: &plan::Model) -> Self {
        self.plan_id = Some(plan.id);
        self.territory_id = plan.territory_id;
        self.public = is_public(plan);
        self
    }

    /// The body's parts, the empty ones left out, one passage.
    fn with(mut self, parts: impl IntoIterator<Item = String>) -> Self {
        self.body.extend(parts.into_iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()));
        self
    }

    fn into_row(self) -> search_entry::ActiveModel {
        let body = self.body.join(" — ");
        search_entry::ActiveModel {
            id: NotSet,
            kind: Set(self.kind),
            entity_id: Set(self.id),
            plan_id: Set(self.plan_id),
            owner_id: Set(self.owner_id),
            territory_id: Set(self.territory_id),
            public: Set(self.public),
            title_terms: Set(terms(&self.title)),
            terms: Set(terms(&body)),
            title: Set(self.title),
            body: Set(body),
        }
    }
}

/// Drafts (and everything in them) are for those who read drafts, as `access` says.
fn is_public(plan: &plan::Model) -> bool {
    plan.status != PlanStatus::Draft
}

fn titled(code: &str, title: &str) -> String {
    if code.is_empty() { title.to_owned() } else { format!("{code} {title}") }
}

async fn plans_by_id<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = Uuid>) -> Result<HashMap<Uuid, plan::Model>, DbErr> {
    let ids: HashSet<Uuid> = ids.into_iter().collect();
    Ok(plan::Entity::find().filter(plan::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|p| (p.id, p)).collect())
}

/// The entries of the rows of `kind` with these ids (none for a row that is gone).
async fn entries<C: ConnectionTrait>(db: &C, kind: SearchKind, ids: &[Uuid]) -> Result<Vec<Entry>, DbErr> {
    let ids = ids.to_vec();
    Ok(match kind {
        SearchKind::Plan => plan::Entity::find()
            .filter(plan::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|p| {
                let entry = Entry::new(kind, p.id, p.title.clone()).within(&p);
                entry.with([p.summary, p.vision, p.territory])
            })
            .collect(),
        SearchKind::Goal => {
            let goals = goal::Entity::find().filter(goal::Column::Id.is_in(ids)).all(db).await?;
            let plans = plans_by_id(db, goals.iter().map(|g| g.plan_id)).await?;
            goals
                .into_iter()
                .filter_map(|g| {
                    let plan = plans.get(&g.plan_id)?;
                    Some(Entry::new(kind, g.id, titled(&g.code, &g.title)).within(plan).with([g.description]))
                })
                .collect()
        }
        SearchKind::Measure => {
            let measures = measure::Entity::find().filter(measure::Column::Id.is_in(ids)).all(db).await?;
            let plans = plans_by_id(db, measures.iter().map(|m| m.plan_id)).await?;
            measures
                .into_iter()
                .filter_map(|m| {
                    let plan = plans.get(&m.plan_id)?;
                    let entry = Entry::new(kind, m.id, titled(&m.code, &m.title)).within(plan);
                    Some(entry.with([m.description, m.responsible, m.implementation_note]).with(m.partners.0))
                })
                .collect()
        }
        SearchKind::Service => {
            let services = service::Entity::find().filter(service::Column::Id.is_in(ids)).all(db).await?;
            let owners: HashSet<Uuid> = services.iter().map(|s| s.organization_id).collect();
            let names: HashMap<Uuid, String> = organization::Entity::find()
                .filter(organization::Column::Id.is_in(owners))
                .all(db)
                .await?
                .into_iter()
                .map(|o| (o.id, o.name))
                .collect();
            // The kind's name ("pečovatelská služba") is how most people look for a service.
            let kinds: HashMap<String, String> =
                service_kind::Entity::find().all(db).await?.into_iter().map(|k| (k.code, k.name)).collect();
            services
                .into_iter()
                .map(|s| {
                    let kind_name = s.kind_code.as_ref().and_then(|c| kinds.get(c)).cloned().unwrap_or_default();
                    let owner = names.get(&s.organization_id).cloned().unwrap_or_default();
                    let mut entry = Entry::new(kind, s.id, s.name);
                    entry.owner_id = Some(s.organization_id);
                    entry.with([kind_name, owner, s.description, s.address.unwrap_or_default()])
                })
                .collect()
        }
        SearchKind::Organization => organization::Entity::find()
            .filter(organization::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|o| Entry::new(kind, o.id, o.name).with([o.description, o.address.unwrap_or_default(), o.ico.unwrap_or_default()]))
            .collect(),
        SearchKind::WorkingGroup => working_group::Entity::find()
            .filter(working_group::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|g| {
                let mut entry = Entry::new(kind, g.id, g.name);
                entry.territory_id = g.territory_id;
                entry.with([g.target_group.unwrap_or_default(), g.description, g.vision])
            })
            .collect(),
        SearchKind::Meeting => {
            let meetings = meeting::Entity::find().filter(meeting::Column::Id.is_in(ids)).all(db).await?;
            let groups: HashSet<Uuid> = meetings.iter().map(|m| m.working_group_id).collect();
            let territories: HashMap<Uuid, Option<Uuid>> = working_group::Entity::find()
                .filter(working_group::Column::Id.is_in(groups))
                .all(db)
                .await?
                .into_iter()
                .map(|g| (g.id, g.territory_id))
                .collect();
            meetings
                .into_iter()
                .map(|m| {
                    let mut entry = Entry::new(kind, m.id, m.title);
                    entry.owner_id = Some(m.working_group_id);
                    entry.territory_id = territories.get(&m.working_group_id).copied().flatten();
                    let agenda = m.agenda.0.into_iter().flat_map(|item| [item.title, item.note.unwrap_or_default()]);
                    // Not the attendance: who came is personal.
                    entry.with([m.location.unwrap_or_default()]).with(agenda).with([m.minutes])
                })
                .collect()
        }
        SearchKind::Need => need::Entity::find()
            .filter(need::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|n| {
                // Not the reporter's name or e-mail.
                let mut entry = Entry::new(kind, n.id, n.title);
                entry.territory_id = n.territory_id;
                entry.with([n.description, n.response.unwrap_or_default()])
            })
            .collect(),
    })
}

/// Writes the entries of `ids` anew: the rows' current text, and none for a row that is gone.
async fn replace<C: ConnectionTrait>(db: &C, kind: SearchKind, ids: &[Uuid]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    search_entry::Entity::delete_many()
        .filter(search_entry::Column::Kind.eq(kind))
        .filter(search_entry::Column::EntityId.is_in(ids.to_vec()))
        .exec(db)
        .await?;
    let rows: Vec<_> = entries(db, kind, ids).await?.into_iter().map(Entry::into_row).collect();
    if !rows.is_empty() {
        search_entry::Entity::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(())
}

/// Brings the entries of these rows of `kind` (and of what follows them) up to date, after a
/// create, update or delete in the transaction `db`:
/// - a plan's goals and measures follow its status (whether they are public) and territory, and
///   go with it;
/// - a deleted goal takes its sub-goals' and measures' entries;
/// - a working group's meetings follow its territory;
/// - an organization's services carry its name.
pub async fn refresh<C: ConnectionTrait>(db: &C, kind: SearchKind, ids: &[Uuid]) -> Result<(), DbErr> {
    let plans_before: HashSet<Uuid> = if kind == SearchKind::Goal {
        search_entry::Entity::find()
            .filter(search_entry::Column::Kind.eq(kind))
            .filter(search_entry::Column::EntityId.is_in(ids.to_vec()))
            .all(db)
            .await?
            .into_iter()
            .filter_map(|e| e.plan_id)
            .collect()
    } else {
        HashSet::new()
    };
    replace(db, kind, ids).await?;
    match kind {
        SearchKind::Plan => {
            let plans = plans_by_id(db, ids.iter().copied()).await?;
            for id in ids {
                let parts = search_entry::Entity::update_many()
                    .filter(search_entry::Column::PlanId.eq(*id))
                    .filter(search_entry::Column::Kind.is_in([SearchKind::Goal, SearchKind::Measure]));
                match plans.get(id) {
                    Some(plan) => {
                        parts
                            .col_expr(search_entry::Column::Public, Expr::value(is_public(plan)))
                            .col_expr(search_entry::Column::TerritoryId, Expr::value(plan.territory_id))
                            .exec(db)
                            .await?;
                    }
                    None => {
                        search_entry::Entity::delete_many().filter(search_entry::Column::PlanId.eq(*id)).exec(db).await?;
                    }
                }
            }
        }
        SearchKind::Goal => {
            for plan in plans_before {
                orphans(db, plan, SearchKind::Goal, goal::Entity, goal::Column::Id, goal::Column::PlanId).await?;
                orphans(db, plan, SearchKind::Measure, measure::Entity, measure::Column::Id, measure::Column::PlanId).await?;
            }
        }
        SearchKind::WorkingGroup => {
            let groups: HashMap<Uuid, Option<Uuid>> = working_group::Entity::find()
                .filter(working_group::Column::Id.is_in(ids.to_vec()))
                .all(db)
                .await?
                .into_iter()
                .map(|g| (g.id, g.territory_id))
                .collect();
            // A group with meetings is never deleted (they are its history), so only moves matter.
            for (id, territory) in groups {
                search_entry::Entity::update_many()
                    .filter(search_entry::Column::Kind.eq(SearchKind::Meeting))
                    .filter(search_entry::Column::OwnerId.eq(id))
                    .col_expr(search_entry::Column::TerritoryId, Expr::value(territory))
                    .exec(db)
                    .await?;
            }
        }
        SearchKind::Organization => {
            let services: Vec<Uuid> = service::Entity::find()
                .select_only()
                .column(service::Column::Id)
                .filter(service::Column::OrganizationId.is_in(ids.to_vec()))
                .into_tuple()
                .all(db)
                .await?;
            replace(db, SearchKind::Service, &services).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Deletes the entries of `kind` in `plan` whose rows are gone.
async fn orphans<C: ConnectionTrait, E: EntityTrait>(
    db: &C,
    plan: Uuid,
    kind: SearchKind,
    table: E,
    id: E::Column,
    plan_id: E::Column,
) -> Result<(), DbErr> {
    let alive = Query::select().column(id).from(table).and_where(plan_id.eq(plan)).take();
    search_entry::Entity::delete_many()
        .filter(search_entry::Column::Kind.eq(kind))
        .filter(search_entry::Column::PlanId.eq(plan))
        .filter(search_entry::Column::EntityId.not_in_subquery(alive))
        .exec(db)
        .await?;
    Ok(())
}

/// The ids of a table's rows after `after`, a batch of them in order.
async fn ids_after<C: ConnectionTrait, E: EntityTrait>(db: &C, id: E::Column, after: Option<Uuid>) -> Result<Vec<Uuid>, DbErr> {
    let mut select = E::find().select_only().column(id).order_by_asc(id).limit(BATCH);
    if let Some(after) = after {
        select = select.filter(id.gt(after));
    }
    select.into_tuple().all(db).await
}

async fn kind_ids<C: ConnectionTrait>(db: &C, kind: SearchKind, after: Option<Uuid>) -> Result<Vec<Uuid>, DbErr> {
    match kind {
        SearchKind::Plan => ids_after::<_, plan::Entity>(db, plan::Column::Id, after).await,
        SearchKind::Goal => ids_after::<_, goal::Entity>(db, goal::Column::Id, after).await,
        SearchKind::Measure => ids_after::<_, measure::Entity>(db, measure::Column::Id, after).await,
        SearchKind::Service => ids_after::<_, service::Entity>(db, service::Column::Id, after).await,
        SearchKind::Organization => ids_after::<_, organization::Entity>(db, organization::Column::Id, after).await,
        SearchKind::WorkingGroup => ids_after::<_, working_group::Entity>(db, working_group::Column::Id, after).await,
        SearchKind::Meeting => ids_after::<_, meeting::Entity>(db, meeting::Column::Id, after).await,
        SearchKind::Need => ids_after::<_, need::Entity>(db, need::Column::Id, after).await,
    }
}

const KINDS: [SearchKind; 8] = [
    SearchKind::Plan,
    SearchKind::Goal,
    SearchKind::Measure,
    SearchKind::Service,
    SearchKind::Organization,
    SearchKind::WorkingGroup,
    SearchKind::Meeting,
    SearchKind::Need,
];

/// Indexes every row of these kinds anew, in the transaction `db`: after a register import.
pub async fn rebuild_kinds<C: ConnectionTrait>(db: &C, kinds: &[SearchKind]) -> Result<(), DbErr> {
    search_entry::Entity::delete_many().filter(search_entry::Column::Kind.is_in(kinds.to_vec())).exec(db).await?;
    for kind in kinds {
        let mut after = None;
        loop {
            let ids = kind_ids(db, *kind, after).await?;
            let Some(last) = ids.last().copied() else { break };
            let rows: Vec<_> = entries(db, *kind, &ids).await?.into_iter().map(Entry::into_row).collect();
            if !rows.is_empty() {
                search_entry::Entity::insert_many(rows).exec_without_returning(db).await?;
            }
            after = Some(last);
        }
    }
    Ok(())
}

/// Every account's `search_terms` anew (written whenever the row is, by the entity; here for
/// accounts from before the column and for rows a restore loads).
async fn user_terms<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    let mut after = None;
    loop {
        let ids = ids_after::<_, user::Entity>(db, user::Column::Id, after).await?;
        let Some(last) = ids.last().copied() else { break };
        for account in user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await? {
            user::Entity::update_many()
                .col_expr(user::Column::SearchTerms, Expr::value(user::search_terms(&account.display_name, &account.email)))
                .filter(user::Column::Id.eq(account.id))
                .exec(db)
                .await?;
        }
        after = Some(last);
    }
    Ok(())
}

/// Indexes every row anew, in the transaction `db`: for data written past the services (the
/// seeds, a restore) and when [`VERSION`] changes.
pub async fn rebuild<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    search_entry::Entity::delete_many().exec(db).await?;
    rebuild_kinds(db, &KINDS).await?;
    user_terms(db).await?;
    search_index::Entity::delete_many().exec(db).await?;
    search_index::Entity::insert(search_index::ActiveModel { version: Set(VERSION) }).exec_without_returning(db).await?;
    Ok(())
}

/// Rebuilds the index unless it was built with this [`VERSION`]: after the migrations, on every
/// start. Instances starting together on PostgreSQL take turns (an advisory lock), and the later
/// finds the index built.
pub async fn catch_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    let built = |version: Option<search_index::Model>| version.is_some_and(|v| v.version == VERSION);
    if built(search_index::Entity::find().one(db).await?) {
        return Ok(());
    }
    let txn = crate::db::begin(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        // Any number of its own, shared by every instance: "the search index is being built".
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(7265617263)").await?;
    }
    if !built(search_index::Entity::find().one(&txn).await?) {
        tracing::info!(version = VERSION, "building the search index");
        rebuild(&txn).await?;
    }
    txn.commit().await
}
