//! `POST /v1/gap`, `POST /v1/paths` and `POST /v1/paths/why-not`: adapters
//! of `service::plans::gap`, `service::plans::paths` and
//! `service::plans::why_not`.
//!
//! Answers are cached in memory (never on disk) by the served data
//! (`Served::answers`, dropped when the catalogue, taxonomy or demand
//! changes) under a SHA-256 of the request's canonical form (lists
//! sorted), so the order of a list does not matter and new data never
//! serves an old answer.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, BusyProblems, JsonBodyProblems, Problem};
use super::extract::ApiJson;
use crate::planner::{Gap, PlanAnswer, WhyNot};
use crate::service::plans::{self, GapRequest, PathsRequest, WhyNotRequest};
use crate::service::{AnswerCache, Served};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(compute_gap))
        .routes(routes!(plan_paths))
        .routes(routes!(why_not))
}

pub(super) fn json_response(bytes: Arc<Bytes>) -> Response {
    let mut response = Bytes::clone(&bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Looks `key` up in `cache` (one of `served`'s caches, counted in metrics as
/// `name`), unless the client asks for a `fresh` answer, or computes the
/// answer from `served` on the blocking pool and keeps it.
pub(super) async fn cached(
    state: &AppState,
    served: Arc<Served>,
    cache: AnswerCache,
    name: &'static str,
    key: String,
    fresh: bool,
    compute: impl FnOnce(&Served) -> Result<Bytes, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    if !fresh && let Some(bytes) = cache.get(&key) {
        state.metrics.cache_lookup(name, true);
        return Ok(json_response(bytes));
    }
    state.metrics.cache_lookup(name, false);
    let bytes = Arc::new(super::heavy(state, move || compute(&served)).await?);
    cache.insert(key, bytes.clone());
    Ok(json_response(bytes))
}

/// What the learner is missing for the target, with held and required levels.
#[utoipa::path(post, path = "/v1/gap", tag = "planning", request_body = GapRequest,
    responses(
        (status = 200, body = Gap),
        (status = 422, description = "Invalid field, or unknown skill, qualification or occupation", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems,
        BusyProblems))]
async fn compute_gap(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<GapRequest>,
) -> Result<Response, ApiError> {
    let query = plans::check_gap(request)?;
    let key = query.cache_key();
    let served = state.served.load_full();
    let cache = served.answers.clone();
    cached(&state, served, cache, "gap", key, false, move |served| {
        Ok(plans::to_json(&plans::gap(served, &query)?))
    })
    .await
}

/// The k best paths from the learner to the target (DESIGN.md §5 paths answer).
#[utoipa::path(post, path = "/v1/paths", tag = "planning", request_body = PathsRequest,
    responses(
        (status = 200, body = PlanAnswer),
        (status = 422, description = "Invalid field, unknown ids, or no path found within the time budget (`no_path`); a budget, finish date or hours per week no complete path fits is answered 200 with a partial plan (`outcome`)", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems,
        BusyProblems))]
async fn plan_paths(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PathsRequest>,
) -> Result<Response, ApiError> {
    let query = plans::check_paths(request, &state.config)?;
    let key = query.cache_key();
    let served = state.served.load_full();
    let cache = served.answers.clone();
    cached(&state, served, cache, "paths", key, false, move |served| {
        Ok(plans::to_json(&plans::paths(served, &query)?))
    })
    .await
}

/// Why a bite is not in the best path: in it after all, excluded by a
/// constraint (which), its prerequisites unreachable (what blocks),
/// held or not needed, dominated by another bite, or not chosen.
#[utoipa::path(post, path = "/v1/paths/why-not", tag = "planning", request_body = WhyNotRequest,
    responses(
        (status = 200, body = WhyNot),
        (status = 422, description = "Invalid field, or unknown skill, bite, qualification or occupation", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems,
        BusyProblems))]
async fn why_not(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<WhyNotRequest>,
) -> Result<Response, ApiError> {
    let query = plans::check_why_not(request, &state.config)?;
    let key = query.cache_key();
    let served = state.served.load_full();
    let cache = served.answers.clone();
    cached(
        &state,
        served,
        cache,
        "why_not",
        key,
        false,
        move |served| Ok(plans::to_json(&plans::why_not(served, &query)?)),
    )
    .await
}
