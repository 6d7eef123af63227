//! Schema history. Migrations run at start-up and with `spoluplan migrate`.
pub use sea_orm_migration::prelude::*;

mod indexes;
mod m20261122_000001_initial;
mod m20261123_000001_filter_indexes;
mod m20261201_000001_health_probe;
mod m20261210_000001_territories;
mod m20261211_000001_territory_links;
mod m20261212_000001_territory_paths;
mod m20261214_000001_plan_versions;
mod m20261220_000001_service_network;
mod m20261221_000001_measure_links;
mod m20261230_000001_outbox;
mod m20261230_000002_password_resets;
mod m20261230_000003_email_changes;
mod m20261231_000010_needs;
mod m20261231_000020_surveys;
mod m20270101_000001_webhooks;
mod m20270102_000001_subscriptions;
mod m20270102_000002_digest_entries;
mod m20270103_000001_search;
mod m20270103_000002_user_search_terms;
mod m20270104_000001_comment_notices;
mod m20270104_000002_closing_reminders;
mod m20270105_000001_activities;
mod m20270105_000002_action_plans;
mod m20270105_000003_successors;
mod m20270105_000004_comment_change_targets;
mod m20270106_000002_page_indexes;
mod m20270106_000003_meeting_quorum;
mod tables;

pub use m20261212_000001_territory_paths::fill_territory_paths;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_initial::Migration),
            Box::new(m20261123_000001_filter_indexes::Migration),
            Box::new(m20261201_000001_health_probe::Migration),
            Box::new(m20261210_000001_territories::Migration),
            Box::new(m20261211_000001_territory_links::Migration),
            Box::new(m20261212_000001_territory_paths::Migration),
            Box::new(m20261214_000001_plan_versions::Migration),
            Box::new(m20261220_000001_service_network::Migration),
            Box::new(m20261221_000001_measure_links::Migration),
            Box::new(m20261230_000001_outbox::Migration),
            Box::new(m20261230_000002_password_resets::Migration),
            Box::new(m20261230_000003_email_changes::Migration),
            Box::new(m20261231_000010_needs::Migration),
            Box::new(m20261231_000020_surveys::Migration),
            Box::new(m20270101_000001_webhooks::Migration),
            Box::new(m20270102_000001_subscriptions::Migration),
            Box::new(m20270102_000002_digest_entries::Migration),
            Box::new(m20270103_000001_search::Migration),
            Box::new(m20270103_000002_user_search_terms::Migration),
            Box::new(m20270104_000001_comment_notices::Migration),
            Box::new(m20270104_000002_closing_reminders::Migration),
            Box::new(m20270105_000001_activities::Migration),
            Box::new(m20270105_000002_action_plans::Migration),
            Box::new(m20270105_000003_successors::Migration),
            Box::new(m20270105_000004_comment_change_targets::Migration),
            Box::new(m20270106_000002_page_indexes::Migration),
            Box::new(m20270106_000003_meeting_quorum::Migration),
        ]
    }
}
