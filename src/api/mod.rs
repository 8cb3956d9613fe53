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
mod openapi;
mod ops;
mod plans;
mod qualifications;
pub mod ratelimit;
pub mod recommend;
pub mod server;
mod state;
mod taxonomy;

use std::sync::Arc;

use axum::Router;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

pub use feedback::retention_at_start as feedback_retention_at_start;
pub use state::{App, AppState, heavy, on_workers, worker_pool};

/// The routes and their OpenAPI document.
pub fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
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
