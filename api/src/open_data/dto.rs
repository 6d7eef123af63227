//! What the catalogue answers: each dataset with its dictionary and its downloads.
use serde::Serialize;
use utoipa::ToSchema;

use super::catalogue::{Dataset, DatasetId, FieldType};
use crate::page_of;

#[derive(Debug, Serialize, ToSchema)]
pub struct DatasetField {
    /// The CSV column's header and the JSON object's key.
    pub name: &'static str,
    #[serde(rename = "type")]
    pub kind: FieldType,
    /// In Czech.
    pub description: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DatasetDescription {
    pub id: DatasetId,
    /// In Czech.
    pub name: &'static str,
    pub description: &'static str,
    /// The licence's address (`SPOLUPLAN_OPEN_DATA_LICENSE`, CC BY 4.0 unless configured).
    pub license: String,
    /// `csv` and `json`.
    pub formats: Vec<&'static str>,
    /// The data dictionary, in the order of the CSV's columns.
    pub fields: Vec<DatasetField>,
    /// Where to download it: `/api/v1/open-data/{id}.csv`.
    pub csv_url: String,
    pub json_url: String,
}

impl DatasetDescription {
    pub fn of(dataset: &Dataset, license: &str, base: &str) -> Self {
        let id = dataset.id.as_str();
        Self {
            id: dataset.id,
            name: dataset.name,
            description: dataset.description,
            license: license.to_owned(),
            formats: vec!["csv", "json"],
            fields: dataset.fields.iter().map(|f| DatasetField { name: f.name, kind: f.kind, description: f.description }).collect(),
            csv_url: format!("{base}/{id}.csv"),
            json_url: format!("{base}/{id}.json"),
        }
    }
}

page_of!(DatasetPage, DatasetDescription);
