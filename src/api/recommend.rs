//! `POST /v1/recommendations`: ranked targets with their best paths and
//! the next bites for a learner with no fixed goal (`recommend`).
//!
//! Runs on the blocking pool under the heavy-request permits. Demand comes
//! through `recommend::DemandLookup`, implemented by the demand the service
//! serves (`served.demand`).

use axum::Json;
use axum::extract::State;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, Problem};
use super::extract::ApiJson;
use crate::domain::Learner;
use crate::recommend::{self, Options, Prepared, Recommendations};
use std::sync::Arc;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(recommend_targets))
}

/// A recommendations request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendRequest {
    /// The learner profile (never stored or logged).
    pub learner: Learner,
    /// How many targets, 1–10 (default 5).
    #[serde(default)]
    pub k: Option<usize>,
    /// Language of titles and reasons; default `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// The planning day; default: the server's today.
    #[serde(default)]
    pub today: Option<NaiveDate>,
}

/// Checks a request and turns it into options (shared with cohorts).
pub fn options(request: &RecommendRequest, state: &AppState) -> Result<Options, ApiError> {
    let k = request.k.unwrap_or(5);
    if !(1..=10).contains(&k) {
        return Err(ApiError::field("k", format!("{k} is outside 1–10")));
    }
    let lang = match &request.lang {
        None => "en".to_string(),
        Some(l) => crate::domain::Lang::new(l.clone())
            .map(String::from)
            .map_err(|message| ApiError::field("lang", message))?,
    };
    Ok(Options {
        k,
        lang,
        today: request
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        // Each target's path gets a share of the planner budget.
        plan_budget: std::time::Duration::from_millis((state.config.planner_budget_ms / 8).max(5)),
    })
}

/// The recommendation data prepared for what `served` holds: the one in
/// `App::recommend` when it was made for the same catalogue, taxonomy and
/// demand, else a new one (a few milliseconds), kept for the next request.
/// Call on the blocking pool.
pub fn prepared_for(state: &AppState, served: &super::Served) -> Arc<Prepared> {
    let mut slot = state.recommend.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(prepared) = slot.as_ref()
        && prepared.serves(&served.catalogue, &served.taxonomy, &served.demand)
    {
        return prepared.clone();
    }
    let demand: Arc<dyn recommend::DemandLookup> = served.demand.clone();
    let prepared = Arc::new(
        Prepared::new(served.catalogue.clone(), served.taxonomy.clone(), demand)
            .with_plans(served.preparations.clone()),
    );
    *slot = Some(prepared.clone());
    prepared
}

/// Computes recommendations for one checked request against what is served.
pub fn compute(
    state: &AppState,
    learner: &Learner,
    options: &Options,
    served: &super::Served,
) -> Result<Recommendations, ApiError> {
    crate::goal::check_learner(learner, &served.taxonomy).map_err(super::plans::goal_error)?;
    let prepared = prepared_for(state, served);
    Ok(recommend::recommend(
        learner,
        &prepared,
        &served.models,
        options,
    ))
}

/// What next: ranked micro-qualifications and occupations in demand, each
/// with its best path, demand and a plain-language reason, and the next
/// bites. A learner with education ISCED 0–2 gets a short, free, entry-level
/// first bite whenever the catalogue has one.
#[utoipa::path(post, path = "/v1/recommendations", tag = "recommendations", request_body = RecommendRequest,
    responses(
        (status = 200, body = Recommendations),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field or unknown skill", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After seconds", body = Problem, content_type = "application/problem+json")))]
async fn recommend_targets(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<RecommendRequest>,
) -> Result<Json<Recommendations>, ApiError> {
    let options = options(&request, &state)?;
    let served = state.served.load_full();
    let worker = state.clone();
    let answer = super::heavy(&state, move || {
        compute(&worker, &request.learner, &options, &served)
    })
    .await?;
    Ok(Json(answer))
}
