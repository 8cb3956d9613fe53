//! The OpenAPI document's fixed parts (title, tags, shared schemas and
//! the `api_key` security scheme); the paths come from the handlers'
//! annotations.

use utoipa::OpenApi;

use super::error;

/// The OpenAPI document's fixed parts; paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "õppepala",
        description = "Learning-bite search, skill gaps and optimal learning paths to micro-qualifications over ESCO. Errors are RFC 9457 problem documents (see /docs#problems).",
        license(name = "MIT")
    ),
    components(schemas(error::Problem, error::FieldError)),
    modifiers(&BearerKey),
    tags(
        (name = "catalogue", description = "Learning bites and micro-qualifications"),
        (name = "taxonomy", description = "ESCO skills and occupations"),
        (name = "planning", description = "Skill gaps and optimal learning paths"),
        (name = "operations", description = "Health, readiness and metrics"),
        (name = "demand", description = "Labour-market demand: series, forecasts and scores"),
        (name = "recommendations", description = "What next: ranked targets and bites, cohorts, feedback")
    )
)]
pub(super) struct ApiDoc;

/// Adds the `api_key` security scheme (`Authorization: Bearer <key>`)
/// that the write operations name.
struct BearerKey;

impl utoipa::Modify for BearerKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API key for write operations; the service stores only its SHA-256.",
                    ))
                    .build(),
            ),
        );
    }
}
