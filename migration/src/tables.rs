//! Table statements shared by the migrations: a resource table, a log table, a foreign key.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// `id`, then the table's own columns, then the timestamps and version every resource carries.
pub fn resource(name: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name).if_not_exists().col(pk_uuid("id"));
    for mut column in columns {
        table.col(&mut column);
    }
    table.col(timestamp_with_time_zone("created_at")).col(timestamp_with_time_zone("updated_at")).col(integer("version").default(1));
    table.take()
}

/// A log table: `id`, its columns and `created_at`, never updated.
pub fn log(name: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name).if_not_exists().col(pk_uuid("id"));
    for mut column in columns {
        table.col(&mut column);
    }
    table.col(timestamp_with_time_zone("created_at"));
    table.take()
}

/// `fk_<table>_<column>`: `table.column` refers to `to.id`.
pub fn fk(table: &'static str, column: &'static str, to: &'static str, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(format!("fk_{table}_{column}")).from(table, column).to(to, "id").on_delete(on_delete).take()
}
