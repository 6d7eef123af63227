//! A held meeting keeps the quorum its group's rules set when it was recorded, so a later change
//! of the rules does not re-judge old meetings (issue 18). Meetings held before this migration
//! take their group's quorum as it stands now: the best that is known of it.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("meetings").add_column(integer_null("quorum")).take()).await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE meetings SET quorum = (SELECT quorum FROM working_groups WHERE working_groups.id = meetings.working_group_id) \
                 WHERE status = 'held'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("meetings").drop_column("quorum").take()).await
    }
}
