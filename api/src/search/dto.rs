//! `/search`: the query and its hits.
use entity::enums::SearchKind;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::page_of;

/// The bounds of `q`, which `SearchParams` repeats as literals for the OpenAPI document. Fewer
/// characters than this are not searched: a single letter would match nearly everything.
pub const MIN_QUERY: usize = 2;
pub const MAX_QUERY: usize = 200;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to find, as people write it: any case, with or without accents ("pecovatelska" finds
    /// "pečovatelská"); every word must be found, the last one may be the start of a word.
    #[param(min_length = 2, max_length = 200)]
    pub q: String,
    /// Only hits of these types, comma-separated (`service,organization`); all types when absent.
    #[param(
        pattern = r"^(plan|goal|measure|service|organization|working_group|meeting|need)(,(plan|goal|measure|service|organization|working_group|meeting|need))*$"
    )]
    pub types: Option<String>,
    /// Only what lies in this territory or below it (a service or organization: where the
    /// service works).
    pub territory_id: Option<Uuid>,
}

/// One hit: what it is, its name, a passage of its text and its page in the web app.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    #[serde(rename = "type")]
    pub kind: SearchKind,
    pub id: Uuid,
    pub title: String,
    /// A passage of the hit's public text around the first word found (its beginning when the
    /// words were found in the title): HTML-escaped text in which each word found is wrapped in
    /// `<mark>…</mark>` and nothing else is markup; "…" where it was cut.
    pub snippet: String,
    /// The hit's page in the web app.
    pub url: String,
}

page_of!(SearchPage, SearchHit);
