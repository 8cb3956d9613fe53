//! Is the service alive and ready, and what is it doing? `/healthz`,
//! `/readyz` and `/metrics`.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(health))
        .routes(routes!(ready))
        .routes(routes!(metrics))
}

/// The answer of `/healthz`.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// Always `ok` while the process serves requests.
    status: &'static str,
}

/// Liveness: the process is up and serving.
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, description = "Alive", body = Health)))]
async fn health() -> axum::Json<Health> {
    axum::Json(Health { status: "ok" })
}

/// The answer of `/readyz`.
#[derive(Serialize, ToSchema)]
pub struct Readiness {
    /// `ready` or `not_ready`.
    status: &'static str,
    /// What is loaded, by part.
    loaded: Vec<LoadedPart>,
    /// What is missing; empty when ready.
    missing: Vec<String>,
}

/// One loaded part of the service.
#[derive(Serialize, ToSchema)]
pub struct LoadedPart {
    /// The part (`catalogue`, `taxonomy`, `index`, …).
    part: String,
    /// Its size or version.
    detail: String,
}

/// Readiness: index and models are loaded (says what is missing otherwise).
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Readiness),
        (status = 503, description = "Not ready; `missing` says what is not loaded", body = Readiness)))]
async fn ready(State(state): State<AppState>) -> Response {
    let served = state.served.load();
    let loaded = vec![
        LoadedPart {
            part: "catalogue".into(),
            detail: format!(
                "{} bites, {} qualifications",
                served.catalogue.bites().len(),
                served.catalogue.qualifications().len()
            ),
        },
        LoadedPart {
            part: "taxonomy".into(),
            detail: served.taxonomy.counts().to_string(),
        },
        LoadedPart {
            part: "index".into(),
            detail: format!(
                "generation {}: {} bites, {} skill labels",
                served.index.manifest.generation,
                served.index.manifest.n_bites,
                served.index.manifest.n_skill_labels
            ),
        },
        LoadedPart {
            part: "demand".into(),
            detail: super::demand::readiness_detail(&state, &served.demand),
        },
    ];
    let missing: Vec<String> = Vec::new();
    let status = if missing.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Readiness {
        status: if missing.is_empty() {
            "ready"
        } else {
            "not_ready"
        },
        loaded,
        missing,
    };
    (status, axum::Json(body)).into_response()
}

/// Metrics in the Prometheus text format.
#[utoipa::path(get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain")))]
async fn metrics(State(state): State<AppState>) -> Response {
    let mut response = state.metrics.render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
