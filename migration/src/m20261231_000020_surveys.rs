//! Surveys (dotazníková šetření) of a needs analysis: a survey in a territory (and perhaps of a
//! plan), its target groups and questions, and the responses with one answer row per chosen
//! option, value or text, indexed by question so that results are aggregate queries. A survey's
//! territory, plan and target groups cannot be deleted from under it (`NoAction`, the API's 409);
//! its own rows go with it (`Cascade`), and a response keeps its answers when the staff member
//! who entered it is deleted (`SetNull`).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::{index, unique};
use crate::tables::{fk, log, resource};

#[derive(DeriveMigrationName)]
pub struct Migration;

use ForeignKeyAction::{Cascade, NoAction, SetNull};

/// A row of a survey's: `id`, the parent column and the entry's columns.
fn rows_of(name: &'static str, parent: &'static str, parent_table: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut table = Table::create();
    table.table(name).if_not_exists().col(pk_uuid("id")).col(uuid(parent));
    for mut column in columns {
        table.col(&mut column);
    }
    table.foreign_key(&mut fk(name, parent, parent_table, Cascade)).take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let surveys = resource(
            "surveys",
            vec![
                string_len("title", 300),
                text("description"),
                uuid("territory_id"),
                uuid_null("plan_id"),
                timestamp_with_time_zone_null("opens_at"),
                timestamp_with_time_zone_null("closes_at"),
                boolean("results_public").default(false).take(),
                string_len("status", 32),
            ],
        )
        .foreign_key(&mut fk("surveys", "territory_id", "territories", NoAction))
        .foreign_key(&mut fk("surveys", "plan_id", "plans", NoAction))
        .take();
        let groups = rows_of("survey_target_groups", "survey_id", "surveys", vec![string_len("target_group_code", 80)])
            .foreign_key(
                ForeignKey::create()
                    .name("fk_survey_target_groups_target_group_code")
                    .from("survey_target_groups", "target_group_code")
                    .to("target_groups", "code")
                    .on_delete(NoAction),
            )
            .take();
        let questions = rows_of(
            "survey_questions",
            "survey_id",
            "surveys",
            vec![
                integer("position"),
                string_len("kind", 32),
                text("text"),
                json_binary("options"),
                double_null("min"),
                double_null("max"),
                boolean("required").default(false).take(),
            ],
        );
        let responses = log("survey_responses", vec![uuid("survey_id"), string_len("channel", 32), uuid_null("entered_by")])
            .foreign_key(&mut fk("survey_responses", "survey_id", "surveys", Cascade))
            .foreign_key(&mut fk("survey_responses", "entered_by", "users", SetNull))
            .take();
        let answers = rows_of(
            "survey_answers",
            "response_id",
            "survey_responses",
            vec![uuid("question_id"), integer_null("option_index"), double_null("value"), text_null("text")],
        )
        .foreign_key(&mut fk("survey_answers", "question_id", "survey_questions", Cascade))
        .take();
        for table in [surveys, groups, questions, responses, answers] {
            manager.create_table(table).await?;
        }
        for index in [
            index("surveys", &["territory_id"]),
            index("surveys", &["plan_id"]),
            index("surveys", &["status"]),
            unique("survey_target_groups", &["survey_id", "target_group_code"]),
            index("survey_target_groups", &["target_group_code"]),
            index("survey_questions", &["survey_id", "position"]),
            index("survey_responses", &["survey_id", "created_at"]),
            index("survey_responses", &["entered_by"]),
            index("survey_answers", &["response_id"]),
            // The results' queries, each covered by one of these: counts per option; values in
            // order for the mean and the median; responses per question, and the newest texts.
            index("survey_answers", &["question_id", "option_index"]),
            index("survey_answers", &["question_id", "value"]),
            index("survey_answers", &["question_id", "response_id"]),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["survey_answers", "survey_responses", "survey_questions", "survey_target_groups", "surveys"] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
