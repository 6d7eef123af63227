//! Organizations, services and target groups through the API, and rows of them for tests about
//! something else.
use chrono::Utc;
use entity::enums::OrganizationKind;
use entity::service_link::territory as service_territory;
use entity::{organization, service};
use sea_orm::ActiveValue::Set;
use serde_json::{Value, json};
use uuid::Uuid;

use super::{Answer, TestApp, id};

/// IČOs with a valid check digit, for invented organizations.
pub const ICOS: [&str; 4] = ["27100014", "27100022", "27100031", "27100049"];

impl TestApp {
    /// `POST /organizations`.
    pub async fn post_organization(&self, token: Option<&str>, body: Value) -> Answer {
        self.post("/organizations", token, body).await
    }

    /// A provider called `name` (no IČO), made by the coordinator `token`; returns its id.
    pub async fn create_organization(&self, token: &str, name: &str) -> String {
        id(&self.post_organization(Some(token), json!({"name": name, "kind": "provider"})).await.expect(201))
    }

    /// `POST /services`.
    pub async fn post_service(&self, token: Option<&str>, body: Value) -> Answer {
        self.post("/services", token, body).await
    }

    /// A service of `organization` with `extra` fields merged into its body, made by the
    /// coordinator `token`; returns the service as answered.
    pub async fn create_service(&self, token: &str, organization: &str, name: &str, extra: Value) -> Value {
        let mut body = json!({"organization_id": organization, "name": name});
        for (key, value) in extra.as_object().expect("an object of fields") {
            body[key] = value.clone();
        }
        self.post_service(Some(token), body).await.expect(201)
    }

    /// An organization row, straight into the database.
    pub async fn organization_row(&self) -> Uuid {
        let (id, now) = (Uuid::now_v7(), Utc::now());
        self.insert(organization::ActiveModel {
            id: Set(id),
            name: Set("Charita".into()),
            ico: Set(None),
            kind: Set(OrganizationKind::Ngo),
            address: Set(None),
            web: Set(None),
            email: Set(None),
            phone: Set(None),
            description: Set(String::new()),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
        id
    }

    /// A service row of `organization` (a pečovatelská služba, no lists), straight into the database.
    pub async fn service_row(&self, organization: Uuid) -> Uuid {
        let (id, now) = (Uuid::now_v7(), Utc::now());
        self.insert(service::ActiveModel {
            id: Set(id),
            organization_id: Set(organization),
            name: Set("Pečovatelská služba".into()),
            kind_code: Set(Some("pecovatelska_sluzba".into())),
            registration_id: Set(None),
            address: Set(None),
            municipality_code: Set(None),
            web: Set(None),
            email: Set(None),
            phone: Set(None),
            description: Set(String::new()),
            valid_from: Set(None),
            valid_to: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
        })
        .await;
        id
    }

    /// Records that `service` serves `territory`, straight into the database.
    pub async fn serves(&self, service: Uuid, territory: Uuid) {
        self.insert(service_territory::ActiveModel { id: Set(Uuid::now_v7()), service_id: Set(service), territory_id: Set(territory) })
            .await;
    }
}

impl TestApp {
    /// The ids and codes of the measures `GET {path}` (a service or an organization) lists, as
    /// `token` sees them.
    pub async fn measures_listed(&self, path: &str, token: Option<&str>) -> Vec<(String, String)> {
        let answer = self.get(path, token).await.expect(200);
        let measures = answer["measures"].as_array().expect("measures").clone();
        measures.iter().map(|m| (m["id"].as_str().unwrap().to_owned(), m["code"].as_str().unwrap().to_owned())).collect()
    }
}
