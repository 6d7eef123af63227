//! Territories (území) and the coordinators assigned to them. A territory's official code is
//! unique per kind (the same number can be a municipality's and an ORP's); a territory with
//! children cannot be deleted out from under them (`Restrict`), whatever the service checks.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::{index, unique};
use crate::tables::{fk, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

use ForeignKeyAction::{Cascade, Restrict};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let territories = resource(
            "territories",
            vec![string_len("name", 200), string_len("kind", 32), string_len_null("code", 16), uuid_null("parent_id")],
        )
        .foreign_key(&mut fk("territories", "parent_id", "territories", Restrict))
        .take();
        let coordinators = resource("territory_coordinators", vec![uuid("territory_id"), uuid("user_id")])
            .foreign_key(&mut fk("territory_coordinators", "territory_id", "territories", Cascade))
            .foreign_key(&mut fk("territory_coordinators", "user_id", "users", Cascade))
            .take();
        manager.create_table(territories).await?;
        manager.create_table(coordinators).await?;
        for index in [
            unique("territories", &["kind", "code"]),
            index("territories", &["parent_id"]),
            unique("territory_coordinators", &["territory_id", "user_id"]),
            index("territory_coordinators", &["user_id"]),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["territory_coordinators", "territories"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
