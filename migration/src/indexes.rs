//! Index statements shared by the migrations, named `idx_<table>_<columns>` and `uq_…` for unique ones.
use sea_orm_migration::prelude::*;

pub fn index(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(format!("idx_{table}_{}", columns.join("_"))).table(table).if_not_exists();
    for column in columns {
        index.col(*column);
    }
    index.take()
}

pub fn unique(table: &'static str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = index(table, columns);
    index.name(format!("uq_{table}_{}", columns.join("_"))).unique();
    index
}
