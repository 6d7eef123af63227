//! One row the readiness monitor rewrites on every probe, so readiness knows that the database
//! still takes writes (a full disk or a read-only file fails the probe; see api/src/health.rs).
//! It holds no data of the installation: dumps leave it out.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HealthProbe {
    Table,
    Id,
    ProbedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HealthProbe::Table)
                    .col(ColumnDef::new(HealthProbe::Id).integer().not_null().primary_key())
                    .col(ColumnDef::new(HealthProbe::ProbedAt).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(Query::insert().into_table(HealthProbe::Table).columns([HealthProbe::Id]).values_panic([1.into()]).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HealthProbe::Table).to_owned()).await
    }
}
