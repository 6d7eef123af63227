//! A survey (dotazníkové šetření) of a needs analysis: its questions, target groups, responses
//! and their answers are rows of their own (`survey_link`), so results are aggregate queries.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

use crate::enums::SurveyStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub title: String,
    pub description: String,
    pub territory_id: Uuid,
    /// The plan whose needs analysis the survey is part of.
    pub plan_id: Option<Uuid>,
    pub opens_at: Option<DateTimeUtc>,
    pub closes_at: Option<DateTimeUtc>,
    /// Whether everyone may read the results once the survey is closed.
    pub results_public: bool,
    pub status: SurveyStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
