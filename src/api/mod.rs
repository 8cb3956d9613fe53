//! HTTP: routes, request and response types, errors, OpenAPI, auth,
//! cache, metrics. The only module that knows HTTP.
//!
//! The router is built in one function, [`app`], so tests call it without
//! a socket; routes and the OpenAPI document come from the same utoipa
//! annotations, so they cannot drift. Handlers are short: extract, call one
//! library function (off the async threads when it is heavy), map to a
//! response type.

pub mod admin;
pub mod auth;
pub mod bites;
mod cohorts;
pub mod demand;
pub mod error;
pub mod extract;
mod feedback;
pub mod metrics;
pub mod middleware;
mod ops;
mod plans;
mod qualifications;
pub mod ratelimit;
pub mod recommend;
mod taxonomy;

use std::sync::Arc;

use arc_swap::ArcSwap;
use axum::Router;
use tokio::sync::Semaphore;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::config::Config;
use crate::service::Served;
use error::ApiError;

/// The application: everything a request may need, shared by all requests.
pub struct App {
    /// The configuration the service started with.
    pub config: Config,
    /// Metrics, rendered at `/metrics`.
    pub metrics: metrics::Metrics,
    /// The data being served, with what is derived from it and the answer
    /// caches; swapped atomically (`service::Served::next`).
    pub served: ArcSwap<Served>,
    /// Permits for heavy requests (search, gap, paths); none left → 503.
    pub heavy: Arc<Semaphore>,
    /// The write lock: one write, reindex or reload at a time, held until
    /// its new generation is swapped in; guards the catalogue on disk.
    pub writes: Arc<tokio::sync::Mutex<admin::Written>>,
    /// The state of background index builds.
    pub build_status: std::sync::Mutex<admin::BuildStatus>,
    /// Freshness and last error of each demand feed.
    pub feeds: Arc<crate::demand::feed::FeedStates>,
    /// The feedback log, opened on the first event (appends are serialized).
    pub feedback: Arc<std::sync::Mutex<Option<crate::ml::feedback::FeedbackLog>>>,
}

/// The state handlers get: a cheap handle on the one [`App`].
#[derive(Clone)]
pub struct AppState(pub Arc<App>);

impl std::ops::Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl AppState {
    /// Builds the state for `config` serving `served` (made with
    /// `config.cache_entries` answers: `service::load`).
    pub fn new(config: Config, served: Served) -> Self {
        let heavy = Arc::new(Semaphore::new(config.heavy_concurrency));
        let writes = Arc::new(tokio::sync::Mutex::new(admin::Written {
            catalogue: served.catalogue.clone(),
        }));
        let app = App {
            feeds: Arc::new(crate::demand::feed::FeedStates::new(
                &config.data_dir,
                &config.demand,
            )),
            writes,
            build_status: std::sync::Mutex::default(),
            feedback: Arc::default(),
            metrics: metrics::Metrics::default(),
            served: ArcSwap::from_pointee(served),
            heavy,
            config,
        };
        let state = Self(Arc::new(app));
        state.record_versions();
        state
    }

    /// Shows what is being served in `/metrics`: the index generation and
    /// the versions of the loaded data (call after every swap).
    pub fn record_versions(&self) {
        let served = self.served.load();
        self.metrics.index_generation.set(served.generation as i64);
        self.metrics.models.clear();
        let manifest = &served.index.manifest;
        for (model, version) in [
            (
                "taxonomy",
                format!("format-{}", crate::taxonomy::store::FORMAT_VERSION),
            ),
            (
                "index",
                format!(
                    "format-{}-inputs-{}",
                    manifest.format_version,
                    manifest.inputs_sha256.get(..12).unwrap_or("")
                ),
            ),
            (
                "demand",
                if served.demand.version().is_empty() {
                    "none".to_string()
                } else {
                    served.demand.version().to_string()
                },
            ),
            ("ranker", served.models.ranker_label()),
            (
                "skill_space",
                served
                    .models
                    .space_header
                    .as_ref()
                    .map_or_else(|| "none".to_string(), |h| h.version()),
            ),
        ] {
            self.metrics
                .models
                .get_or_create(&metrics::ModelLabels {
                    model: model.into(),
                    version,
                })
                .set(1);
        }
    }
}

/// Runs CPU-heavy `work` on the blocking pool, holding one of the heavy
/// permits; when none is free the request is refused with 503 at once
/// rather than queued without bound.
pub async fn heavy<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = state.heavy.clone().try_acquire_owned().map_err(|_| {
        state.metrics.shed.inc();
        ApiError::Overloaded { retry_after_s: 1 }
    })?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?
}

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
struct ApiDoc;

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

/// The routes and their OpenAPI document.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(ops::routes())
        .merge(bites::routes())
        .merge(qualifications::routes())
        .merge(taxonomy::routes())
        .merge(plans::routes())
        .merge(admin::routes())
        .merge(demand::routes())
        .merge(feedback::routes())
        .merge(recommend::routes())
        .merge(cohorts::routes())
        .split_for_parts()
}

/// The whole service as one router, with every middleware layer.
pub fn app(state: AppState) -> Router {
    let (router, openapi) = routes();
    let openapi = Arc::new(openapi);
    let docs = Arc::new(crate::web::docs_page(&error::Code::html_rows()));
    let router = router
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let openapi = openapi.clone();
                async move { axum::Json(openapi.as_ref().clone()) }
            }),
        )
        // The counsellor and learner page and its files.
        .route("/", axum::routing::get(crate::web::page))
        .route("/app/{name}", axum::routing::get(crate::web::page_asset))
        .route(
            "/docs",
            axum::routing::get(move || {
                let docs = docs.clone();
                async move { docs.as_ref().clone() }
            }),
        )
        .route(
            "/docs/assets/{name}",
            axum::routing::get(crate::web::docs_asset),
        );
    middleware::wrap(router, state)
}
