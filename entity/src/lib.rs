//! SeaORM entities: one module a table, plus the string enums and JSON value types they share.
//! Rows serialize whole (field names are the column names): that is the row format of the
//! `spoluplan dump` file.
pub mod enums;
pub mod values;
pub mod words;

pub mod action_plan;
pub mod activity;
pub mod api_key;
pub mod audit_event;
pub mod comment;
pub mod digest_entry;
pub mod email_change;
pub mod goal;
pub mod measure;
pub mod measure_link;
pub mod measure_update;
pub mod meeting;
pub mod need;
pub mod need_link;
pub mod organization;
pub mod outbox;
pub mod password_reset;
pub mod plan;
pub mod plan_status_change;
pub mod plan_version;
pub mod refresh_token;
pub mod search_entry;
pub mod search_index;
pub mod service;
pub mod service_kind;
pub mod service_link;
pub mod subscription;
pub mod survey;
pub mod survey_link;
pub mod target_group;
pub mod territory;
pub mod territory_coordinator;
pub mod territory_path;
pub mod user;
pub mod webhook;
pub mod webhook_delivery;
pub mod working_group;
pub mod working_group_member;
