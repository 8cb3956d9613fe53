//! `POST /v1/recommendations`: ranked targets with their best paths and
//! the next bites for a learner with no fixed goal; an adapter of
//! `service::recommend::recommend`, on the blocking pool under the
//! heavy-request permits.

use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, BusyProblems, JsonBodyProblems, Problem};
use super::extract::ApiJson;
use crate::recommend::Recommendations;
use crate::service::recommend::{self as service, DEFAULT_TARGETS, RecommendRequest};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(recommend_targets))
}

/// What next: ranked micro-qualifications and occupations in demand, each
/// with its best path, demand and a plain-language reason, and the next
/// bites. A learner with education ISCED 0–2 gets a short, free, entry-level
/// first bite whenever the catalogue has one.
#[utoipa::path(post, path = "/v1/recommendations", tag = "recommendations", request_body = RecommendRequest,
    responses(
        (status = 200, body = Recommendations),
        (status = 422, description = "Invalid field or unknown skill", body = Problem, content_type = "application/problem+json"),
        JsonBodyProblems,
        BusyProblems))]
async fn recommend_targets(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RecommendRequest>,
) -> Result<Json<Recommendations>, ApiError> {
    let options = service::check_options(
        request.k,
        request.lang.as_deref(),
        request.today,
        DEFAULT_TARGETS,
        &state.config,
    )?;
    let served = state.served.load_full();
    let answer = super::heavy(&state, move || {
        Ok(service::recommend(&served, &request.learner, &options)?)
    })
    .await?;
    Ok(Json(answer))
}
