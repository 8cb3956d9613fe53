//! `GET /v1/bites` (search), `GET /v1/bites/{id}` and `GET /v1/skills`
//! (skill lookup by free text).
//!
//! Adapters of `service::search`. Search answers are cached in memory by
//! the served data (`Served::searches`, bounded in bytes, dropped with a
//! new index, catalogue or taxonomy) under a SHA-256 of the request.

use axum::response::Response;

use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, BusyProblems, MissingProblems, Problem};
use super::extract::{ApiQuery, NoCache};
use crate::index::{SearchRequest, SkillHit};
use crate::service::plans::{cache_key, to_json};
use crate::service::search::{self, BitePage};
use crate::service::texts::BiteView;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search_bites))
        .routes(routes!(get_bite))
        .routes(routes!(lookup_skills))
}

/// Search parameters; list filters take comma-separated values (any may match).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BiteQuery {
    /// Free text in Estonian, Russian or English; empty lists every bite.
    q: Option<String>,
    /// The learner's language: matches in it rank higher.
    lang: Option<String>,
    /// ESCO skill URIs (a skill also matches its narrower skills).
    skill: Option<String>,
    /// Teaching languages, e.g. `et,ru`.
    language: Option<String>,
    /// Modes: `online`, `onsite`, `blended`.
    mode: Option<String>,
    /// Counties (ISO 3166-2), e.g. `EE-37,EE-44`.
    county: Option<String>,
    /// Providers.
    provider: Option<String>,
    /// Fields, e.g. `retail,care`.
    field: Option<String>,
    /// Funding tags, e.g. `free,unemployed`.
    funding: Option<String>,
    /// Lowest EQF level.
    eqf_min: Option<u8>,
    /// Highest EQF level.
    eqf_max: Option<u8>,
    /// Most hours.
    max_hours: Option<f64>,
    /// Highest list price in EUR.
    max_cost: Option<f64>,
    /// A session starts on or after this day (YYYY-MM-DD).
    start_from: Option<chrono::NaiveDate>,
    /// A session starts on or before this day.
    start_to: Option<chrono::NaiveDate>,
    /// `relevance` (default), `start` or `hours`.
    sort: Option<String>,
    /// Page, from 1.
    page: Option<usize>,
    /// Hits per page, 1–100 (default 20).
    per_page: Option<usize>,
}

fn split(value: Option<String>) -> Vec<String> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Search learning bites: free text in et, ru, en, filters, facets, pages.
#[utoipa::path(get, path = "/v1/bites", tag = "catalogue", params(BiteQuery),
    responses(
        (status = 200, body = BitePage),
        (status = 422, description = "Unknown filter value, bad parameter or query too long", body = Problem, content_type = "application/problem+json"),
        BusyProblems))]
async fn search_bites(
    State(state): State<AppState>,
    NoCache(fresh): NoCache,
    ApiQuery(query): ApiQuery<BiteQuery>,
) -> Result<Response, ApiError> {
    let request = SearchRequest {
        q: query.q.unwrap_or_default(),
        lang: query.lang,
        skills: split(query.skill),
        languages: split(query.language),
        modes: split(query.mode),
        counties: split(query.county),
        providers: split(query.provider),
        fields: split(query.field),
        funding: split(query.funding),
        eqf_min: query.eqf_min,
        eqf_max: query.eqf_max,
        max_hours: query.max_hours,
        max_cost: query.max_cost,
        start_from: query.start_from,
        start_to: query.start_to,
        sort: query.sort,
        page: query.page,
        per_page: query.per_page,
    };
    let key = cache_key("bites", &request);
    let served = state.served.load_full();
    let cache = served.searches.clone();
    // `Cache-Control: no-cache` asks for a fresh answer (the load test
    // measures uncached searches this way); the answer is cached all the same.
    super::plans::cached(&state, served, cache, "bites", key, fresh, move |served| {
        Ok(to_json(&search::search(served, &request)?))
    })
    .await
}

/// Makes the occupation names of the served taxonomy in the background
/// (when a runtime is running), so that no search waits for them: called
/// when the service starts and after every swap; does nothing when the
/// served data has them already (`service::Data::occupations`).
pub fn prewarm_occupations(state: &AppState) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let served = state.served.load_full();
        runtime.spawn_blocking(move || {
            served.occupations();
        });
    }
}

/// The language of the words beside codes (`lang`, English when none).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TextLangQuery {
    /// `et`, `ru` or `en`: the language of `assessment_text`, `mode_text`, … (default `en`).
    pub lang: Option<String>,
}

/// The language a `lang` parameter asks for, checked.
pub fn text_lang(lang: Option<&str>) -> Result<crate::text::Lang, ApiError> {
    let code = crate::service::plans::check_lang(lang)?;
    Ok(crate::text::Lang::of(&code))
}

/// One learning bite: its fields (as a write takes them) and, beside its
/// codes, their words in `lang` (`assessment_text`, `credential_text`,
/// `mode_text`, `funding_text`, `languages_text`, `field_text`,
/// `eqf_level_text`).
#[utoipa::path(get, path = "/v1/bites/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Bite id"), TextLangQuery),
    responses(
        (status = 200, body = BiteView),
        MissingProblems))]
async fn get_bite(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(query): ApiQuery<TextLangQuery>,
) -> Result<axum::Json<BiteView>, ApiError> {
    let lang = text_lang(query.lang.as_deref())?;
    state
        .served
        .load()
        .catalogue
        .bite(&id)
        .map(|bite| axum::Json(BiteView::new(bite, lang)))
        .ok_or(ApiError::NotFound { what: "bite", id })
}

/// Skill lookup parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SkillQuery {
    /// Free text, e.g. `Excel`, `klienditeenindus`, `уход за пожилыми`.
    q: String,
    /// The learner's language: labels in it rank higher.
    lang: Option<String>,
    /// How many skills, 1–50 (default 10).
    limit: Option<usize>,
}

/// Skills found by free text.
#[derive(Serialize, ToSchema)]
pub struct SkillLookup {
    /// Best first, one per skill, with the label that matched; labels that
    /// match the words too little are left out.
    items: Vec<SkillHit>,
}

/// ESCO skills by free text in any loaded language (a typo allowed in words of five letters or more).
#[utoipa::path(get, path = "/v1/skills", tag = "taxonomy", params(SkillQuery),
    responses(
        (status = 200, body = SkillLookup),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn lookup_skills(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SkillQuery>,
) -> Result<axum::Json<SkillLookup>, ApiError> {
    let limit = query.limit.unwrap_or(10);
    let served = state.served.load_full();
    super::heavy(&state, move || {
        let items = search::lookup_skills(&served, &query.q, query.lang.as_deref(), limit)?;
        Ok(axum::Json(SkillLookup { items }))
    })
    .await
}
