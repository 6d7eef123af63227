//! Plans and working groups belong to a territory (`territory_id`), and the data moves with it:
//! every distinct plan `territory` name becomes a territory of kind `other` (one already named
//! so is reused) and its plans are linked; a working group gets the territory of the plans whose
//! goals it owns when they all share one, and otherwise stays unassigned until a coordinator sets
//! one. The plans' `territory` text stays: it is the territory's name, kept in step on rename.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::indexes::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const LINKED: [&str; 2] = ["plans", "working_groups"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in LINKED {
            add_link(manager, table).await?;
            manager.create_index(index(table, &["territory_id"])).await?;
        }
        link_plans(manager).await?;
        link_groups(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in LINKED {
            manager.drop_index(Index::drop().name(format!("idx_{table}_territory_id")).table(table).to_owned()).await?;
            if manager.get_database_backend() == DbBackend::Sqlite {
                // SQLite drops no column a foreign key names; the link stays, unused, in a
                // schema that no longer knows it.
                continue;
            }
            manager.alter_table(Table::alter().table(table).drop_column("territory_id").to_owned()).await?;
        }
        Ok(())
    }
}

/// `table.territory_id`, nullable, referring to a territory that cannot be deleted under it.
/// sea-query adds no foreign key to an existing SQLite table; SQLite's own `ADD COLUMN … REFERENCES`
/// does, so there the statement is written out.
async fn add_link(manager: &SchemaManager<'_>, table: &'static str) -> Result<(), DbErr> {
    let mut alter = Table::alter();
    alter.table(table).add_column(uuid_null("territory_id"));
    match manager.get_database_backend() {
        DbBackend::Sqlite => {
            let sql = format!(
                "{} REFERENCES \"territories\" (\"id\") ON DELETE RESTRICT",
                alter.to_string(SqliteQueryBuilder).trim_end_matches(';')
            );
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        _ => {
            let mut link = TableForeignKey::new();
            link.name(format!("fk_{table}_territory_id"))
                .from_tbl(table)
                .from_col("territory_id")
                .to_tbl("territories")
                .to_col("id")
                .on_delete(ForeignKeyAction::Restrict);
            manager.alter_table(alter.add_foreign_key(&link).take()).await?;
        }
    }
    Ok(())
}

/// Each distinct plan territory name becomes a territory (or finds the one of that name), and
/// its plans point to it.
async fn link_plans(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let names = db.query_all(&Query::select().distinct().column("territory").from("plans").take()).await?;
    let existing = db.query_all(&Query::select().columns(["id", "name"]).from("territories").order_by("id", Order::Asc).take()).await?;
    let mut known = std::collections::HashMap::new();
    for row in existing {
        known.entry(row.try_get::<String>("", "name")?).or_insert(row.try_get::<uuid::Uuid>("", "id")?);
    }
    let now = chrono::Utc::now();
    for row in names {
        let name: String = row.try_get("", "territory")?;
        let id = match known.get(&name) {
            Some(id) => *id,
            None => {
                let id = uuid::Uuid::now_v7();
                let insert = Query::insert()
                    .into_table("territories")
                    .columns(["id", "name", "kind", "code", "parent_id", "created_at", "updated_at", "version"])
                    .values_panic([
                        id.into(),
                        name.clone().into(),
                        "other".into(),
                        Option::<String>::None.into(),
                        Option::<uuid::Uuid>::None.into(),
                        now.into(),
                        now.into(),
                        1.into(),
                    ])
                    .take();
                db.execute(&insert).await?;
                id
            }
        };
        let update = Query::update().table("plans").value("territory_id", id).and_where(Expr::col("territory").eq(name)).take();
        db.execute(&update).await?;
    }
    Ok(())
}

/// A group whose goals' plans all lie in one territory gets that territory; the same statement
/// on both databases.
async fn link_groups(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let owned = "FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.working_group_id = working_groups.id";
    let sql = format!(
        "UPDATE working_groups SET territory_id = (SELECT p.territory_id {owned} LIMIT 1) \
         WHERE (SELECT COUNT(DISTINCT p.territory_id) {owned}) = 1"
    );
    let db = manager.get_connection();
    db.execute_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    Ok(())
}
