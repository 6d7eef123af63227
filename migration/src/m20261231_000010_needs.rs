//! Needs (potřeby): reported by anyone, reviewed by a working group, answered by measures. A need's
//! target groups and measures are rows of their own that go with it (`Cascade`); a measure that is
//! deleted no longer answers the need (`Cascade` on that side too). A territory, working group or
//! target group that needs name cannot be deleted from under them (`NoAction`, as m20261220 explains),
//! nor a need that others are marked duplicates of: nothing reported is silently dropped.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::{index, unique};
use crate::tables::{fk, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

use ForeignKeyAction::{Cascade, NoAction};

/// A need's list: `id` (its order), `need_id` going with the need, and `column`.
fn need_list(name: &'static str, column: ColumnDef) -> TableCreateStatement {
    let mut column = column;
    Table::create()
        .table(name)
        .if_not_exists()
        .col(pk_uuid("id"))
        .col(uuid("need_id"))
        .col(&mut column)
        .foreign_key(&mut fk(name, "need_id", "needs", Cascade))
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let needs = resource(
            "needs",
            vec![
                string_len("title", 300),
                text("description"),
                uuid_null("territory_id"),
                string_len("author_name", 200),
                string_len_null("author_email", 254),
                string_len("source", 32),
                uuid_null("working_group_id"),
                string_len("status", 32),
                text_null("response"),
                uuid_null("duplicate_of"),
            ],
        )
        .foreign_key(&mut fk("needs", "territory_id", "territories", NoAction))
        .foreign_key(&mut fk("needs", "working_group_id", "working_groups", NoAction))
        .foreign_key(&mut fk("needs", "duplicate_of", "needs", NoAction))
        .take();
        let groups = need_list("need_target_groups", string_len("target_group_code", 80))
            .foreign_key(
                ForeignKey::create()
                    .name("fk_need_target_groups_target_group_code")
                    .from("need_target_groups", "target_group_code")
                    .to("target_groups", "code")
                    .on_delete(NoAction),
            )
            .take();
        let measures =
            need_list("need_measures", uuid("measure_id")).foreign_key(&mut fk("need_measures", "measure_id", "measures", Cascade)).take();
        for table in [needs, groups, measures] {
            manager.create_table(table).await?;
        }
        for index in [
            index("needs", &["territory_id"]),
            index("needs", &["working_group_id"]),
            index("needs", &["status"]),
            index("needs", &["duplicate_of"]),
            unique("need_target_groups", &["need_id", "target_group_code"]),
            index("need_target_groups", &["target_group_code"]),
            unique("need_measures", &["need_id", "measure_id"]),
            index("need_measures", &["measure_id"]),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["need_measures", "need_target_groups", "needs"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
