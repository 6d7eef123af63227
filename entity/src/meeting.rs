//! A meeting of a working group, with its agenda, attendance, resolutions and minutes.
use crate::enums::{MeetingFormat, MeetingStatus};
use crate::values::{Agenda, Attendance, MeetingResolutions};
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub working_group_id: Uuid,
    pub title: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub format: MeetingFormat,
    pub location: Option<String>,
    pub online_url: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub agenda: Agenda,
    #[sea_orm(column_type = "JsonBinary")]
    pub attendance: Attendance,
    #[sea_orm(column_type = "JsonBinary")]
    pub resolutions: MeetingResolutions,
    pub minutes: String,
    pub status: MeetingStatus,
    /// The group's quorum when the meeting was recorded as held (none before, or when its rules
    /// set none), so a later change of the rules does not re-judge it.
    pub quorum: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
