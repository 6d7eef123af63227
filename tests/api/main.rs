//! Integration tests: the real application over real HTTP, each test on its own fresh
//! database, once on SQLite and once on PostgreSQL. One binary, so one link step.
mod helpers;

mod api_keys;
mod audit;
mod auth;
mod availability;
mod cli;
mod comments;
mod consultation;
mod conventions;
mod dump;
mod durability;
mod email_change;
mod export;
mod goals_measures;
mod meetings;
mod migrations;
mod needs;
mod open_data;
mod outbox;
mod password_reset;
mod permissions;
mod plans;
mod register_import;
mod schema;
mod seed;
mod services;
mod surveys;
mod territories;
mod territory_links;
mod territory_scope;
mod users;
mod versions;
mod web_app;
mod webhooks;
mod working_groups;
