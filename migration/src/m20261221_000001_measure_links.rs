//! Measures refer to the network: the organization responsible, partner organizations, the services
//! they concern and the target groups by code, beside the free texts `responsible`, `partners` and
//! `target_groups` that stay for what the network does not hold. The link rows go with their
//! measure (`Cascade`); an organization, service or target group a measure names cannot be deleted
//! from under it (`NoAction`, for the reason m20261220 gives: SQLite reports it as a foreign-key
//! failure, where `Restrict` fails as a trigger), since unlinking would quietly change a plan's text.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::indexes::{index, unique};
use crate::tables::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

use ForeignKeyAction::{Cascade, NoAction};

/// A measure's list: `id` (its order), `measure_id` going with the measure, and `column` referring
/// to `to.to_column`, which cannot go while named.
fn measure_list(
    name: &'static str,
    column: ColumnDef,
    column_name: &'static str,
    to: &'static str,
    to_column: &'static str,
) -> TableCreateStatement {
    let mut column = column;
    Table::create()
        .table(name)
        .if_not_exists()
        .col(pk_uuid("id"))
        .col(uuid("measure_id"))
        .col(&mut column)
        .foreign_key(&mut fk(name, "measure_id", "measures", Cascade))
        .foreign_key(
            ForeignKey::create().name(format!("fk_{name}_{column_name}")).from(name, column_name).to(to, to_column).on_delete(NoAction),
        )
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_responsible(manager).await?;
        for table in [
            measure_list("measure_partners", uuid("organization_id"), "organization_id", "organizations", "id"),
            measure_list("measure_services", uuid("service_id"), "service_id", "services", "id"),
            measure_list("measure_target_groups", string_len("target_group_code", 80), "target_group_code", "target_groups", "code"),
        ] {
            manager.create_table(table).await?;
        }
        for index in [
            index("measures", &["responsible_organization_id"]),
            unique("measure_partners", &["measure_id", "organization_id"]),
            index("measure_partners", &["organization_id"]),
            unique("measure_services", &["measure_id", "service_id"]),
            index("measure_services", &["service_id"]),
            unique("measure_target_groups", &["measure_id", "target_group_code"]),
            index("measure_target_groups", &["target_group_code"]),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["measure_target_groups", "measure_services", "measure_partners"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.drop_index(Index::drop().name("idx_measures_responsible_organization_id").table("measures").to_owned()).await?;
        if manager.get_database_backend() == DbBackend::Sqlite {
            // SQLite drops no column a foreign key names (as in m20261211): the link stays, unused.
            return Ok(());
        }
        manager.alter_table(Table::alter().table("measures").drop_column("responsible_organization_id").take()).await
    }
}

/// `measures.responsible_organization_id`, nullable. sea-query adds no foreign key to an existing
/// SQLite table; SQLite's own `ADD COLUMN … REFERENCES` does, so there the statement is written out.
async fn add_responsible(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut alter = Table::alter();
    alter.table("measures").add_column(uuid_null("responsible_organization_id"));
    match manager.get_database_backend() {
        DbBackend::Sqlite => {
            let sql = format!(
                "{} REFERENCES \"organizations\" (\"id\") ON DELETE NO ACTION",
                alter.to_string(SqliteQueryBuilder).trim_end_matches(';')
            );
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        _ => {
            let mut link = TableForeignKey::new();
            link.name("fk_measures_responsible_organization_id")
                .from_tbl("measures")
                .from_col("responsible_organization_id")
                .to_tbl("organizations")
                .to_col("id")
                .on_delete(NoAction);
            manager.alter_table(alter.add_foreign_key(&link).take()).await?;
        }
    }
    Ok(())
}
