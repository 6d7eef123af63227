//! `spoluplan dump FILE` and `spoluplan restore FILE`: every table in one portable, checksummed
//! file, for backups and for moving an installation between SQLite and PostgreSQL.
//!
//! The file is UTF-8 JSON lines:
//! 1. a header: `{"format":"spoluplan-dump","version":1,"created_at":…,"migrations":[…],
//!    "tables":[{"name":"users","rows":3},…]}`;
//! 2. the rows of every table, tables in the header's order (parents before children):
//!    `{"table":"users","row":{…}}`, the row being the entity serialized whole;
//! 3. `{"sha256":"…"}`: the SHA-256 (hex) of every byte before this last line.
//!
//! Neither database needs sequences restored: every key is a UUID.
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::marker::PhantomData;
use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, anyhow, bail, ensure};
use chrono::{DateTime, Utc};
use entity::{
    action_plan, activity, api_key, audit_event, comment, digest_entry, email_change, goal, measure, measure_link, measure_update, meeting,
    need, need_link, organization, outbox, password_reset, plan, plan_status_change, plan_version, refresh_token, service, service_link,
    subscription, survey, survey_link, target_group, territory, territory_coordinator, user, webhook, webhook_delivery, working_group,
    working_group_member,
};
use futures_util::future::BoxFuture;
use migration::{Migrator, MigratorTrait};
use sea_orm::sea_query::Query;
use sea_orm::{
    AccessMode, ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait,
    IntoActiveModel, IsolationLevel, ModelTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clock;

const FORMAT: &str = "spoluplan-dump";
const VERSION: u32 = 1;
/// Rows per query and per insert: memory stays bounded whatever the size of the database, and
/// 500 rows of the widest table stay far below either database's limit on bound parameters.
const BATCH: u64 = 500;

/// Every table, parents before children: the order of the file and of loading it. A table
/// missing here fails the `every_table_is_dumped` test.
static TABLES: &[&dyn Table] = &[
    &Rows::<user::Entity>::flat(),
    &Rows::<refresh_token::Entity>::flat(),
    &Rows::<password_reset::Entity>::flat(),
    &Rows::<email_change::Entity>::flat(),
    &Rows::<api_key::Entity>::flat(),
    &Rows::<territory::Entity>::nested("parent_id"),
    &Rows::<territory_coordinator::Entity>::flat(),
    &Rows::<working_group::Entity>::flat(),
    &Rows::<working_group_member::Entity>::flat(),
    &Rows::<meeting::Entity>::flat(),
    &Rows::<plan::Entity>::flat(),
    &Rows::<plan_status_change::Entity>::flat(),
    &Rows::<plan_version::Entity>::flat(),
    // The network before the measures that name it.
    &Rows::<target_group::Entity>::seeded(),
    &Rows::<organization::Entity>::flat(),
    &Rows::<service::Entity>::flat(),
    &Rows::<service_link::form::Entity>::flat(),
    &Rows::<service_link::target_group::Entity>::flat(),
    &Rows::<service_link::capacity::Entity>::flat(),
    &Rows::<service_link::territory::Entity>::flat(),
    &Rows::<goal::Entity>::nested("parent_goal_id"),
    &Rows::<measure::Entity>::flat(),
    &Rows::<measure_link::partner::Entity>::flat(),
    &Rows::<measure_link::service::Entity>::flat(),
    &Rows::<measure_link::target_group::Entity>::flat(),
    &Rows::<measure_update::Entity>::flat(),
    &Rows::<activity::Entity>::flat(),
    // Needs after the territories, groups, target groups and measures they name. The reporter's
    // e-mail is in the dump as in the database: a dump is a backup, never a public export.
    &Rows::<need::Entity>::nested("duplicate_of"),
    &Rows::<need_link::target_group::Entity>::flat(),
    &Rows::<need_link::measure::Entity>::flat(),
    &Rows::<survey::Entity>::flat(),
    &Rows::<survey_link::target_group::Entity>::flat(),
    &Rows::<survey_link::question::Entity>::flat(),
    &Rows::<survey_link::response::Entity>::flat(),
    &Rows::<survey_link::answer::Entity>::flat(),
    // After the meetings and measures (and activities) they name.
    &Rows::<action_plan::Entity>::flat(),
    &Rows::<comment::Entity>::nested("parent_id"),
    &Rows::<audit_event::Entity>::flat(),
    &Rows::<outbox::Entity>::flat(),
    // A webhook's secret is in the dump as in the database: a dump is a backup, never an export.
    &Rows::<webhook::Entity>::flat(),
    &Rows::<webhook_delivery::Entity>::flat(),
    &Rows::<subscription::Entity>::flat(),
    &Rows::<digest_entry::Entity>::flat(),
];

/// Tables of the schema a dump leaves out: the migrations' own record (restore runs the
/// migrations itself), the readiness monitor's probe row (no data of the installation) and the
/// kinds of service of the Act (a code list only migrations write) and the territory tree's
/// closure table (derived from `territories.parent_id`; restore rebuilds it), and the search index
/// (derived from the rows it finds, with SQLite's FTS5 tables behind it; restore rebuilds it too).
pub const LEFT_OUT: &[&str] = &[
    "seaql_migrations",
    "health_probe",
    "service_kinds",
    "territory_paths",
    "search_entries",
    "search_index",
    "search_fts",
    "search_fts_config",
    "search_fts_data",
    "search_fts_docsize",
    "search_fts_idx",
];

/// The tables a dump holds, in their order.
pub fn table_names() -> Vec<&'static str> {
    TABLES.iter().map(|t| t.name()).collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
    pub created_at: DateTime<Utc>,
    /// The schema the rows fit: the migrations applied to the dumped database.
    pub migrations: Vec<String>,
    pub tables: Vec<TableRows>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRows {
    pub name: String,
    pub rows: u64,
}

#[derive(Serialize)]
struct RowOut<'a, R> {
    table: &'a str,
    row: &'a R,
}

#[derive(Deserialize)]
struct RowIn<R> {
    table: String,
    row: R,
}

#[derive(Serialize, Deserialize)]
struct Trailer {
    sha256: String,
}

/// One table's rows, read and written through its entity.
trait Table: Sync {
    fn name(&self) -> &'static str;
    fn count<'a>(&'a self, db: &'a DatabaseTransaction) -> BoxFuture<'a, anyhow::Result<u64>>;
    /// Writes every row, one line each, paging by primary key.
    fn dump<'a>(&'a self, db: &'a DatabaseTransaction, out: &'a mut (dyn Write + Send)) -> BoxFuture<'a, anyhow::Result<u64>>;
    /// Inserts the next `rows` lines, in batches.
    fn load<'a>(
        &'a self,
        db: &'a DatabaseTransaction,
        lines: &'a mut (dyn Iterator<Item = std::io::Result<String>> + Send),
        rows: u64,
    ) -> BoxFuture<'a, anyhow::Result<()>>;
    /// Whether the migrations write rows of their own into the table (a seeded code list that
    /// installations extend): restore replaces those with the dump's.
    fn seeded(&self) -> bool;
    fn clear<'a>(&'a self, db: &'a DatabaseTransaction) -> BoxFuture<'a, anyhow::Result<()>>;
}

struct Rows<E> {
    /// A column referring to the same table. The rows are written level by level (those without a
    /// parent, then their children, then theirs), so every parent comes before its children
    /// however deep the tree (sub-goals, replies, the territories of a region).
    parent: Option<&'static str>,
    seeded: bool,
    entity: PhantomData<fn() -> E>,
}

impl<E> Rows<E> {
    const fn flat() -> Self {
        Self { parent: None, seeded: false, entity: PhantomData }
    }

    const fn nested(parent: &'static str) -> Self {
        Self { parent: Some(parent), seeded: false, entity: PhantomData }
    }

    const fn seeded() -> Self {
        Self { parent: None, seeded: true, entity: PhantomData }
    }
}

fn column<E: EntityTrait>(name: &str) -> anyhow::Result<E::Column> {
    E::Column::from_str(name).map_err(|_| anyhow!("table {} has no column {name}", E::default().table_name()))
}

impl<E> Table for Rows<E>
where
    E: EntityTrait,
    E::Model: Serialize + DeserializeOwned + IntoActiveModel<E::ActiveModel> + Send + Sync,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    fn name(&self) -> &'static str {
        E::default().table_name()
    }

    fn count<'a>(&'a self, db: &'a DatabaseTransaction) -> BoxFuture<'a, anyhow::Result<u64>> {
        Box::pin(async move { Ok(E::find().count(db).await?) })
    }

    fn seeded(&self) -> bool {
        self.seeded
    }

    fn clear<'a>(&'a self, db: &'a DatabaseTransaction) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            E::delete_many().exec(db).await?;
            Ok(())
        })
    }

    fn dump<'a>(&'a self, db: &'a DatabaseTransaction, out: &'a mut (dyn Write + Send)) -> BoxFuture<'a, anyhow::Result<u64>> {
        Box::pin(async move {
            let id = column::<E>("id")?;
            let parent = self.parent.map(column::<E>).transpose()?;
            let mut written = 0;
            // The first level: every row without a parent (or every row of a flat table).
            let mut level = parent.map(|p| Condition::all().add(p.is_null()));
            loop {
                let round = level.clone().unwrap_or_else(Condition::all);
                let mut in_round = 0;
                let mut after: Option<sea_orm::Value> = None;
                loop {
                    let mut select = E::find().filter(round.clone()).order_by_asc(id).limit(BATCH);
                    if let Some(last) = after.take() {
                        select = select.filter(id.gt(last));
                    }
                    let page = select.all(db).await?;
                    for row in &page {
                        serde_json::to_writer(&mut *out, &RowOut { table: self.name(), row })?;
                        out.write_all(b"\n")?;
                    }
                    in_round += page.len() as u64;
                    match page.last() {
                        Some(last) if page.len() as u64 == BATCH => after = Some(last.get(id)),
                        _ => break,
                    }
                }
                written += in_round;
                // The next level: the rows whose parent is on this one.
                match (parent, level) {
                    (Some(parent), Some(this)) if in_round > 0 => {
                        level = Some(
                            Condition::all().add(parent.in_subquery(Query::select().column(id).from(E::default()).cond_where(this).take())),
                        );
                    }
                    _ => break,
                }
            }
            Ok(written)
        })
    }

    fn load<'a>(
        &'a self,
        db: &'a DatabaseTransaction,
        lines: &'a mut (dyn Iterator<Item = std::io::Result<String>> + Send),
        rows: u64,
    ) -> BoxFuture<'a, anyhow::Result<()>> {
        Box::pin(async move {
            let name = self.name();
            let mut batch = Vec::with_capacity(BATCH as usize);
            for _ in 0..rows {
                let line = lines.next().ok_or_else(|| anyhow!("the file ends inside table {name}"))??;
                let parsed: RowIn<E::Model> = serde_json::from_str(&line).with_context(|| format!("a row of table {name}"))?;
                ensure!(parsed.table == name, "expected a row of table {name}, found one of {}", parsed.table);
                batch.push(parsed.row.into_active_model());
                if batch.len() as u64 == BATCH {
                    E::insert_many(std::mem::take(&mut batch)).exec_without_returning(db).await?;
                }
            }
            if !batch.is_empty() {
                E::insert_many(batch).exec_without_returning(db).await?;
            }
            Ok(())
        })
    }
}

/// Hands bytes on and hashes them on the way, so the checksum needs no second pass.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hash.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn this_schema() -> Vec<String> {
    Migrator::migrations().iter().map(|m| m.name().to_owned()).collect()
}

async fn applied_migrations<C: ConnectionTrait>(db: &C) -> anyhow::Result<Vec<String>> {
    let sql = "SELECT version FROM seaql_migrations ORDER BY version";
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    Ok(rows.iter().map(|row| row.try_get::<String>("", "version")).collect::<Result<_, _>>()?)
}

/// One read transaction over every table, so a dump of a running installation is one consistent
/// moment: REPEATABLE READ on PostgreSQL; on SQLite (WAL) a read transaction sees the database as
/// it was at its first read, which `begin` makes, while writers carry on.
pub struct Snapshot {
    txn: DatabaseTransaction,
    header: Header,
}

impl Snapshot {
    pub async fn begin(db: &DatabaseConnection) -> anyhow::Result<Self> {
        let options = match db.get_database_backend() {
            DbBackend::Postgres => TransactionOptions {
                isolation_level: Some(IsolationLevel::RepeatableRead),
                access_mode: Some(AccessMode::ReadOnly),
                sqlite_transaction_mode: None,
            },
            _ => TransactionOptions {
                isolation_level: None,
                access_mode: None,
                sqlite_transaction_mode: Some(SqliteTransactionMode::Deferred),
            },
        };
        let txn = db.begin_with_options(options).await?;
        let migrations = applied_migrations(&txn).await?;
        ensure!(
            migrations == this_schema(),
            "the database's schema ({}) is not this program's ({}); run `spoluplan migrate` first",
            migrations.join(", "),
            this_schema().join(", ")
        );
        let mut tables = Vec::with_capacity(TABLES.len());
        for table in TABLES {
            tables.push(TableRows { name: table.name().to_owned(), rows: table.count(&txn).await? });
        }
        let header = Header { format: FORMAT.to_owned(), version: VERSION, created_at: clock::now(), migrations, tables };
        Ok(Self { txn, header })
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Writes the whole file to `out` and ends the transaction.
    pub async fn write(self, out: impl Write + Send) -> anyhow::Result<Header> {
        let mut out = Hashing { inner: out, hash: Sha256::new() };
        serde_json::to_writer(&mut out, &self.header)?;
        out.write_all(b"\n")?;
        for (table, expected) in TABLES.iter().zip(&self.header.tables) {
            let written = table.dump(&self.txn, &mut out).await?;
            ensure!(written == expected.rows, "table {} gave {written} rows, not the {} it counted", expected.name, expected.rows);
        }
        let Hashing { mut inner, hash } = out;
        serde_json::to_writer(&mut inner, &Trailer { sha256: hex(&hash.finalize()) })?;
        inner.write_all(b"\n")?;
        inner.flush()?;
        self.txn.commit().await?;
        Ok(self.header)
    }
}

/// Writes the dump of `db` to the file at `path`.
pub async fn dump(db: &DatabaseConnection, path: &Path) -> anyhow::Result<Header> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Snapshot::begin(db).await?.write(std::io::BufWriter::new(file)).await
}

/// Checks the file's checksum, its header and its row count, reading it once without keeping it;
/// `restore` does this before it touches the database.
pub fn verify(path: &Path) -> anyhow::Result<Header> {
    let refused = |why: &str| anyhow!("{} is not a complete Spoluplán dump: {why}", path.display());
    let mut reader = BufReader::new(File::open(path).with_context(|| format!("cannot open {}", path.display()))?);
    let (mut hash, mut lines) = (Sha256::new(), 0u64);
    let (mut first, mut line, mut last) = (Vec::new(), Vec::new(), Vec::new());
    while reader.read_until(b'\n', &mut line)? > 0 {
        // Every line but the last is covered by the checksum; the last one is held back until
        // the next line shows it was not the last.
        hash.update(&last);
        std::mem::swap(&mut last, &mut line);
        line.clear();
        if lines == 0 {
            first.clone_from(&last);
        }
        lines += 1;
    }
    let trailer: Trailer = serde_json::from_slice(&last).map_err(|_| refused("its last line is not the checksum"))?;
    if trailer.sha256 != hex(&hash.finalize()) {
        return Err(refused("the checksum does not match (the file is damaged or incomplete)"));
    }
    let header: Header = serde_json::from_slice(&first).map_err(|_| refused("its first line is not a dump header"))?;
    ensure!(header.format == FORMAT, "{} is not a Spoluplán dump", path.display());
    ensure!(
        header.version == VERSION,
        "{} is a dump of format version {}; this program reads version {VERSION}",
        path.display(),
        header.version
    );
    let rows: u64 = header.tables.iter().map(|t| t.rows).sum();
    if rows + 2 != lines {
        return Err(refused("its header counts a different number of rows"));
    }
    Ok(header)
}

/// Loads a verified dump into an empty database of either kind: migrations first, then every
/// table in one transaction, parents before children.
pub async fn restore(db: &DatabaseConnection, path: &Path, header: &Header) -> anyhow::Result<()> {
    crate::db::migrate(db).await?;
    ensure!(
        header.migrations == this_schema(),
        "the dump's schema ({}) is not this program's ({}); restore it with the version of Spoluplán that made it, \
         or migrate the source database with this version and dump it again",
        header.migrations.join(", "),
        this_schema().join(", ")
    );
    let names: Vec<&str> = header.tables.iter().map(|t| t.name.as_str()).collect();
    ensure!(names == table_names(), "the dump's tables ({}) are not this program's ({})", names.join(", "), table_names().join(", "));
    // On SQLite this takes the write lock at once, so nothing writes between the check and the load.
    let txn = crate::db::begin(db).await?;
    for table in TABLES.iter().filter(|t| !t.seeded()) {
        let rows = table.count(&txn).await?;
        if rows > 0 {
            bail!("the database is not empty (table {} has {rows} rows); restore loads a dump only into an empty database", table.name());
        }
    }
    // What the migrations wrote into the seeded code lists: nothing refers to it (every other table
    // is empty), and the dump holds the source's rows of them, edited and added ones too.
    for table in TABLES.iter().filter(|t| t.seeded()) {
        table.clear(&txn).await?;
    }
    let mut lines = BufReader::new(File::open(path)?).lines().skip(1);
    for (table, counted) in TABLES.iter().zip(&header.tables) {
        table.load(&txn, &mut lines, counted.rows).await?;
    }
    migration::fill_territory_paths(&txn).await?;
    crate::search::index::rebuild(&txn).await?;
    txn.commit().await?;
    Ok(())
}
