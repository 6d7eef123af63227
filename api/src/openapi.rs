//! The OpenAPI document's frame (info, security schemes, shared error responses); the paths
//! come from the same `service(...)` registrations that route requests.
use actix_web::get;
use utoipa::openapi::path::{Operation, Parameter, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, ObjectBuilder, OpenApi as Document, Ref, RefOr, ResponseBuilder, Schema, Type};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::error::{FieldError, NON_BLANK_PATTERN, Problem};
use crate::http::IF_MATCH_PATTERN;
use crate::pagination::{CURSOR_PATTERN, MAX_LIMIT};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Spoluplán API",
        version = "1.0.0",
        description = "Community planning of social services (komunitní plánování sociálních služeb): \
plans, goals, measures, working groups, meetings, consultations and their settlement.\n\n\
Authenticate with `Authorization: Bearer <access token>` (from `POST /api/v1/auth/login`) or \
`Authorization: Bearer spk_…` (an API key). Anonymous callers see public data only. Errors are \
RFC 9457 problem details (`application/problem+json`). Lists take `limit` (1–200, default 50) and \
`cursor` and answer `{items, next_cursor}`. Single resources carry `ETag: \"<version>\"`; `PATCH` and \
`DELETE` honour `If-Match` (412 when stale). Money is a decimal string in CZK (\"125000.00\"). No text \
may hold the NUL character (422 naming the field; 400 in a query string).",
        license(name = "EUPL-1.2")
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&Frame)
)]
pub struct ApiDoc;

struct Frame;

impl Modify for Frame {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        let bearer = |description: &str| {
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some(description.to_string())).build())
        };
        components.add_security_scheme("access_token", bearer("A JWT from /auth/login (about 15 minutes)."));
        components.add_security_scheme("api_key", bearer("An API key, `spk_…`, acting as its owner within its scopes."));
        for (status, description) in PROBLEMS {
            components.responses.insert(
                status.to_string(),
                RefOr::T(
                    ResponseBuilder::new()
                        .description(*description)
                        .content(
                            "application/problem+json",
                            ContentBuilder::new().schema(Some(RefOr::Ref(Ref::from_schema_name(Problem::name())))).build(),
                        )
                        .build(),
                ),
            );
        }
    }
}

const PROBLEMS: &[(&str, &str)] = &[
    (
        "400",
        "Malformed request: bad JSON, unknown body field, bad path or query parameter, or a query parameter the operation does not take.",
    ),
    ("401", "Missing or invalid credentials (see WWW-Authenticate)."),
    ("403", "Authenticated but not allowed."),
    ("404", "Unknown, or not visible to the caller."),
    ("408", "The request body did not arrive in time (15 s after the headers by default)."),
    ("409", "Conflict with the current state; `code` says why (duplicate, lifecycle, frozen, …)."),
    ("412", "If-Match does not match the current version."),
    ("413", "Request body larger than 1 MiB."),
    ("415", "Request body is not application/json."),
    ("422", "Well-formed but invalid; `errors` names each field."),
    ("429", "Rate limited (failed sign-ins, anonymous comments, writes per account); see Retry-After."),
    ("503", "The database is unavailable or too slow; retry later."),
];

/// Adds to every operation the problem responses it can give, and its security options,
/// derived from its method, path, parameters and body, so no handler has to list them by hand;
/// and gives the shared parameters (`If-Match`, `limit`, `cursor`) the rules the server applies.
pub fn finish(mut doc: Document) -> Document {
    for (path, item) in doc.paths.paths.iter_mut() {
        let public = path.contains("/health/") || path.ends_with("/openapi.json");
        let ops: [(&str, &mut Option<Operation>); 4] =
            [("get", &mut item.get), ("post", &mut item.post), ("patch", &mut item.patch), ("delete", &mut item.delete)];
        for (method, op) in ops {
            let Some(op) = op.as_mut() else { continue };
            let mut has = |name: &str, place: ParameterIn| {
                op.parameters.iter_mut().flatten().any(|p| match p {
                    RefOr::T(p) if p.name == name && p.parameter_in == place => {
                        constrain(p);
                        true
                    }
                    _ => false,
                })
            };
            let (if_match, paged) = (has("If-Match", ParameterIn::Header), has("limit", ParameterIn::Query));
            has("cursor", ParameterIn::Query);
            // A required query parameter is one the operation cannot do without, so it is checked by value.
            let required_query =
                op.parameters.iter().flatten().any(
                    |p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query && p.required == utoipa::openapi::Required::True),
                );
            let mut statuses = vec!["503"];
            if !public {
                statuses.extend(["400", "401", "403"]);
                if path.contains('{') {
                    statuses.push("404");
                }
                if method != "get" {
                    statuses.push("409");
                }
                if if_match {
                    statuses.push("412");
                }
                if op.request_body.is_some() {
                    statuses.extend(["408", "413", "415"]);
                }
                // A body's fields, a list's `limit`, `cursor` and filters, and required query
                // parameters are checked by value.
                if op.request_body.is_some() || paged || required_query {
                    statuses.push("422");
                }
                // Sign-ins and anonymous comments are limited per address, every signed-in write per account.
                if method != "get" {
                    statuses.push("429");
                }
                op.security = Some(vec![
                    SecurityRequirement::default(),
                    SecurityRequirement::new("access_token", Vec::<String>::new()),
                    SecurityRequirement::new("api_key", Vec::<String>::new()),
                ]);
            }
            // OpenAPI requires a description on every response; handlers may leave it to us.
            for (status, response) in op.responses.responses.iter_mut() {
                if let RefOr::T(response) = response
                    && response.description.is_empty()
                {
                    response.description = status
                        .parse::<u16>()
                        .ok()
                        .and_then(|s| actix_web::http::StatusCode::from_u16(s).ok())
                        .and_then(|s| s.canonical_reason())
                        .unwrap_or("Success")
                        .to_string();
                }
            }
            for status in statuses {
                op.responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| RefOr::Ref(Ref::new(format!("#/components/responses/{status}"))));
            }
        }
    }
    non_blank_texts(&mut doc);
    doc
}

/// Every required text (`min_length = 1`, checked by `domain::NonBlank`) must hold more than white space.
fn non_blank_texts(doc: &mut Document) {
    let Some(components) = doc.components.as_mut() else { return };
    for schema in components.schemas.values_mut() {
        let RefOr::T(Schema::Object(object)) = schema else { continue };
        for property in object.properties.values_mut() {
            if let RefOr::T(Schema::Object(text)) = property
                && text.min_length == Some(1)
                && text.pattern.is_none()
            {
                text.pattern = Some(NON_BLANK_PATTERN.to_string());
            }
        }
    }
}

/// The schema of a shared parameter, from the same constants the server checks it with.
fn constrain(parameter: &mut Parameter) {
    let schema = match parameter.name.as_str() {
        "If-Match" => {
            parameter.description = Some("The resource's `ETag` as read (`\"3\"`, or `*` for any version); 412 when it is stale.".into());
            ObjectBuilder::new().schema_type(Type::String).pattern(Some(IF_MATCH_PATTERN)).examples(["\"1\""])
        }
        "limit" => {
            parameter.description = Some(format!("Page size, 1 to {MAX_LIMIT} (default {}).", crate::pagination::DEFAULT_LIMIT));
            ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)).maximum(Some(MAX_LIMIT))
        }
        "cursor" => ObjectBuilder::new().schema_type(Type::String).pattern(Some(CURSOR_PATTERN)),
        _ => return,
    };
    parameter.schema = Some(RefOr::T(schema.build().into()));
}

/// The document as served, computed once at start-up.
pub struct Served(pub String);

/// This API's OpenAPI 3.1 document (the same as the committed `openapi.yaml`).
#[utoipa::path(tag = "meta", responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
#[get("/openapi.json")]
pub async fn openapi_json(served: actix_web::web::Data<Served>) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().content_type("application/json").body(served.0.clone())
}
