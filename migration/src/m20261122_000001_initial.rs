//! The initial schema: identity, working groups, meetings, plans, goals, measures, comments, audit.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::indexes::{index, unique};
use crate::tables::{fk, log, resource};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000001_initial"
    }
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            resource(
                "users",
                vec![
                    string_len_uniq("email", 254),
                    string_len("display_name", 200),
                    string_len("role", 32),
                    boolean("is_active").default(true).take(),
                    string_len("password_hash", 200),
                ],
            ),
            log(
                "refresh_tokens",
                vec![
                    uuid("user_id"),
                    uuid("family_id"),
                    string_len_uniq("token_hash", 64),
                    timestamp_with_time_zone("expires_at"),
                    timestamp_with_time_zone_null("spent_at"),
                    timestamp_with_time_zone_null("revoked_at"),
                ],
            )
            .foreign_key(&mut fk("refresh_tokens", "user_id", "users", Cascade))
            .take(),
            resource(
                "api_keys",
                vec![
                    uuid("user_id"),
                    string_len("name", 200),
                    json_binary("scopes"),
                    string_len("prefix", 16),
                    string_len_uniq("key_hash", 64),
                    timestamp_with_time_zone_null("expires_at"),
                    timestamp_with_time_zone_null("last_used_at"),
                    timestamp_with_time_zone_null("revoked_at"),
                ],
            )
            .foreign_key(&mut fk("api_keys", "user_id", "users", Cascade))
            .take(),
            resource(
                "working_groups",
                vec![
                    string_len("name", 200),
                    string_len("kind", 32),
                    string_len_null("target_group", 200),
                    text("description"),
                    text("vision"),
                    integer_null("quorum"),
                    boolean("is_active").default(true).take(),
                ],
            ),
            resource(
                "working_group_members",
                vec![uuid("working_group_id"), uuid("user_id"), string_len("role", 32), string_len("stakeholder", 32)],
            )
            .foreign_key(&mut fk("working_group_members", "working_group_id", "working_groups", Cascade))
            .foreign_key(&mut fk("working_group_members", "user_id", "users", Cascade))
            .take(),
            resource(
                "meetings",
                vec![
                    uuid("working_group_id"),
                    string_len("title", 300),
                    timestamp_with_time_zone("starts_at"),
                    timestamp_with_time_zone("ends_at"),
                    string_len("format", 32),
                    string_len_null("location", 500),
                    string_len_null("online_url", 2000),
                    json_binary("agenda"),
                    json_binary("attendance"),
                    json_binary("resolutions"),
                    text("minutes"),
                    string_len("status", 32),
                ],
            )
            .foreign_key(&mut fk("meetings", "working_group_id", "working_groups", Cascade))
            .take(),
            resource(
                "plans",
                vec![
                    string_len("title", 300),
                    string_len("territory", 200),
                    integer("period_start"),
                    integer("period_end"),
                    text("summary"),
                    text("vision"),
                    string_len("status", 32),
                    timestamp_with_time_zone_null("consultation_closes_at"),
                    string_len_null("approval_resolution", 300),
                    date_null("approved_on"),
                ],
            ),
            log(
                "plan_status_changes",
                vec![
                    uuid("plan_id"),
                    string_len("from_status", 32),
                    string_len("to_status", 32),
                    uuid_null("actor_id"),
                    string_len("actor_name", 200),
                    text_null("note"),
                ],
            )
            .foreign_key(&mut fk("plan_status_changes", "plan_id", "plans", Cascade))
            .foreign_key(&mut fk("plan_status_changes", "actor_id", "users", SetNull))
            .take(),
            resource(
                "goals",
                vec![
                    uuid("plan_id"),
                    uuid_null("parent_goal_id"),
                    uuid_null("working_group_id"),
                    string_len("code", 32),
                    string_len("title", 300),
                    text("description"),
                    integer("position"),
                ],
            )
            .foreign_key(&mut fk("goals", "plan_id", "plans", Cascade))
            .foreign_key(&mut fk("goals", "parent_goal_id", "goals", Cascade))
            .foreign_key(&mut fk("goals", "working_group_id", "working_groups", SetNull))
            .take(),
            resource(
                "measures",
                vec![
                    uuid("goal_id"),
                    uuid("plan_id"),
                    string_len("code", 32),
                    string_len("title", 300),
                    text("description"),
                    string_len("responsible", 300),
                    json_binary("partners"),
                    json_binary("target_groups"),
                    date_null("start_date"),
                    date_null("end_date"),
                    string_len("status", 32),
                    integer("progress"),
                    integer("weight").default(1).take(),
                    big_integer_null("estimated_cost"),
                    json_binary("funding_sources"),
                    json_binary("indicators"),
                    text("implementation_note"),
                    integer("position"),
                ],
            )
            .foreign_key(&mut fk("measures", "goal_id", "goals", Cascade))
            .foreign_key(&mut fk("measures", "plan_id", "plans", Cascade))
            .take(),
            log(
                "measure_updates",
                vec![
                    uuid("measure_id"),
                    date("date"),
                    string_len("status", 32),
                    integer("progress"),
                    text("note"),
                    uuid_null("author_id"),
                    string_len("author_name", 200),
                ],
            )
            .foreign_key(&mut fk("measure_updates", "measure_id", "measures", Cascade))
            .foreign_key(&mut fk("measure_updates", "author_id", "users", SetNull))
            .take(),
            resource(
                "comments",
                vec![
                    string_len("target_type", 32),
                    uuid("target_id"),
                    uuid_null("plan_id"),
                    uuid_null("parent_id"),
                    text("body"),
                    uuid_null("author_id"),
                    string_len("author_name", 200),
                    string_len_null("author_email", 254),
                    string_len("status", 32),
                    text_null("moderation_reason"),
                    boolean("is_consultation"),
                    string_len("channel", 32),
                    date("received_on"),
                    string_len_null("resolution", 32),
                    text_null("resolution_note"),
                    text_null("resolution_change"),
                    uuid_null("resolved_by"),
                    timestamp_with_time_zone_null("resolved_at"),
                ],
            )
            .foreign_key(&mut fk("comments", "plan_id", "plans", Cascade))
            .foreign_key(&mut fk("comments", "parent_id", "comments", Cascade))
            .foreign_key(&mut fk("comments", "author_id", "users", SetNull))
            .foreign_key(&mut fk("comments", "resolved_by", "users", SetNull))
            .take(),
            log(
                "audit_events",
                vec![
                    uuid_null("actor_id"),
                    string_len("actor_label", 300),
                    string_len("action", 64),
                    string_len("entity_type", 64),
                    uuid_null("entity_id"),
                    json_binary("changes"),
                ],
            ),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }

        let indexes = [
            index("refresh_tokens", &["user_id"]),
            index("refresh_tokens", &["family_id"]),
            index("api_keys", &["user_id"]),
            unique("working_group_members", &["working_group_id", "user_id"]),
            index("working_group_members", &["user_id"]),
            index("meetings", &["working_group_id", "starts_at"]),
            index("meetings", &["starts_at"]),
            index("meetings", &["status"]),
            index("plans", &["status"]),
            index("plans", &["territory"]),
            index("plan_status_changes", &["plan_id"]),
            index("plan_status_changes", &["actor_id"]),
            unique("goals", &["plan_id", "code"]),
            index("goals", &["plan_id", "position"]),
            index("goals", &["parent_goal_id"]),
            index("goals", &["working_group_id"]),
            index("measures", &["goal_id", "position"]),
            index("measures", &["plan_id"]),
            index("measures", &["status"]),
            index("measure_updates", &["measure_id", "date"]),
            index("measure_updates", &["author_id"]),
            index("comments", &["target_type", "target_id"]),
            index("comments", &["plan_id", "is_consultation"]),
            index("comments", &["parent_id"]),
            index("comments", &["author_id"]),
            index("comments", &["resolved_by"]),
            index("audit_events", &["entity_type", "entity_id"]),
            index("audit_events", &["actor_id"]),
            index("audit_events", &["created_at"]),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_events",
            "comments",
            "measure_updates",
            "measures",
            "goals",
            "plan_status_changes",
            "plans",
            "meetings",
            "working_group_members",
            "working_groups",
            "api_keys",
            "refresh_tokens",
            "users",
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
