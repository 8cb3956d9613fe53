//! `GET /v1/bites` (search), `GET /v1/bites/{id}` and `GET /v1/skills`
//! (skill lookup by free text).
//!
//! Search answers are cached in memory (`App::searches`, bounded in bytes)
//! under a SHA-256 of the request and the generation, like paths answers.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::response::Response;

use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, FieldError, Problem};
use super::extract::{ApiQuery, NoCache};
use crate::domain::Bite;
use crate::index::{Facets, IndexError, SearchRequest, SkillHit};

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

/// One bite found.
#[derive(Serialize, ToSchema)]
pub struct BiteHit {
    /// The bite.
    bite: Bite,
    /// Relevance; null when sorted by something else.
    score: Option<f32>,
    /// Highlighted fragments (HTML-escaped, matches in `<b>…</b>`) by field and language.
    snippets: BTreeMap<String, String>,
}

/// A page of search results.
#[derive(Serialize, ToSchema)]
pub struct BitePage {
    /// How many bites match in all.
    total: usize,
    /// This page's number.
    page: usize,
    /// The page size.
    per_page: usize,
    /// True when no bite had every word, so bites with some of them are shown.
    relaxed: bool,
    /// Counts per facet value over all matching bites.
    facets: Facets,
    /// The hits; empty past the last page.
    hits: Vec<BiteHit>,
}

/// Turns a search error into the API's: bad input is 422 naming the parameter.
fn index_error(error: IndexError) -> ApiError {
    match error {
        IndexError::QueryTooLong { .. } => ApiError::Unprocessable {
            code: "query_too_long",
            message: error.to_string(),
        },
        IndexError::UnknownFilterValues(values) => ApiError::Invalid(
            values
                .into_iter()
                .map(|v| FieldError {
                    field: query_name(v.filter).into(),
                    message: format!("{:?} is not known (known: {})", v.value, v.known.join(", ")),
                })
                .collect(),
        ),
        IndexError::InvalidParameter { .. } => ApiError::field("", error.to_string()),
        other => ApiError::Internal(other.to_string()),
    }
}

/// The query parameter behind a search request field.
fn query_name(filter: &str) -> &str {
    match filter {
        "skills" => "skill",
        "languages" => "language",
        "modes" => "mode",
        "counties" => "county",
        "providers" => "provider",
        "fields" => "field",
        other => other,
    }
}

/// Search learning bites: free text in et, ru, en, filters, facets, pages.
#[utoipa::path(get, path = "/v1/bites", tag = "catalogue", params(BiteQuery),
    responses(
        (status = 200, body = BitePage),
        (status = 422, description = "Unknown filter value, bad parameter or query too long", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy", body = Problem, content_type = "application/problem+json")))]
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
    let served = state.served.load_full();
    let key = super::plans::cache_key("bites", served.generation, &request);
    // `Cache-Control: no-cache` asks for a fresh answer (the load test
    // measures uncached searches this way); the answer is cached all the same.
    let searching = state.clone();
    super::plans::cached(
        &state,
        &state.searches,
        "bites",
        key,
        fresh,
        served,
        move |served| {
            let expansion = crate::service::narrower_expansion(&served.taxonomy);
            let occupations = occupations_for(&searching, &served);
            let response = served
                .index
                .bites
                .search_recognising(&request, &expansion, &occupations)
                .map_err(index_error)?;
            let hits = response
                .hits
                .into_iter()
                .filter_map(|hit| {
                    served.catalogue.bite(hit.id.as_str()).map(|bite| BiteHit {
                        bite: bite.clone(),
                        score: hit.score,
                        snippets: hit.snippets,
                    })
                })
                .collect();
            let page = BitePage {
                total: response.total,
                page: response.page,
                per_page: response.per_page,
                relaxed: response.relaxed,
                facets: response.facets,
                hits,
            };
            Ok(Bytes::from(
                serde_json::to_vec(&page).expect("a page serializes"),
            ))
        },
    )
    .await
}

/// Makes the occupation names of the served taxonomy in the background
/// (when a runtime is running), so that no search waits for them: called
/// when the service starts and after every swap; does nothing when the
/// names of this taxonomy are made already.
pub fn prewarm_occupations(state: &AppState) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let state = state.clone();
        runtime.spawn_blocking(move || {
            occupations_for(&state, &state.served.load());
        });
    }
}

/// The occupation names of the served taxonomy, made once per taxonomy
/// (about a tenth of a second for ESCO; see [`prewarm_occupations`]).
pub fn occupations_for(state: &AppState, served: &super::Served) -> Arc<crate::index::Occupations> {
    let mut slot = state.occupations.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((taxonomy, occupations)) = slot.as_ref()
        && Arc::ptr_eq(taxonomy, &served.taxonomy)
    {
        return occupations.clone();
    }
    let occupations = Arc::new(crate::service::occupations(&served.taxonomy));
    *slot = Some((served.taxonomy.clone(), occupations.clone()));
    occupations
}

/// The most bytes of search answers kept (keys and JSON together).
pub const SEARCH_CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// The cache of search answers: popular queries repeat (a portal's search
/// box, the web page's filters), and an answer of one generation never
/// changes, so it is kept until it is evicted by size. A new generation has
/// other keys, so no old answer is served after a write.
pub fn search_cache() -> moka::sync::Cache<String, Arc<Bytes>> {
    moka::sync::Cache::builder()
        .weigher(|key: &String, value: &Arc<Bytes>| {
            u32::try_from(key.len() + value.len()).unwrap_or(u32::MAX)
        })
        .max_capacity(SEARCH_CACHE_BYTES)
        .build()
}

/// One learning bite.
#[utoipa::path(get, path = "/v1/bites/{id}", tag = "catalogue",
    params(("id" = String, Path, description = "Bite id")),
    responses(
        (status = 200, body = Bite),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_bite(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<axum::Json<Bite>, ApiError> {
    state
        .served
        .load()
        .catalogue
        .bite(&id)
        .cloned()
        .map(axum::Json)
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
    /// Best first, one per skill, with the label that matched.
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
    if !(1..=50).contains(&limit) {
        return Err(ApiError::field("limit", format!("{limit} is outside 1–50")));
    }
    let served = state.served.load_full();
    super::heavy(&state, move || {
        let items = served
            .index
            .skills
            .lookup(&query.q, query.lang.as_deref(), limit)
            .map_err(index_error)?;
        Ok(axum::Json(SkillLookup { items }))
    })
    .await
}
