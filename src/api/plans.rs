//! `POST /v1/gap` and `POST /v1/paths`: what a learner is missing for a
//! target, and the best paths there.
//!
//! Answers are cached in memory (never on disk) under a SHA-256 of the
//! request's canonical form (competences, languages and tags sorted) plus
//! the index generation, so the order of a list does not matter and a new
//! generation never serves an old answer.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error::{ApiError, Problem};
use super::extract::ApiJson;
use super::{AppState, Served};
use crate::demand::{Demand, DemandFigure};
use crate::domain::{Learner, Region, SkillUri, Target};
use crate::goal::{self, GoalError};
use crate::planner::{self, Gap, Objective, PlanAnswer, PlanError, PlanOptions};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(compute_gap))
        .routes(routes!(plan_paths))
}

/// A gap request.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GapRequest {
    /// The learner profile (never stored or logged).
    learner: Learner,
    /// `{"qualification": ID}`, `{"occupation": URI}` or `{"skills": [competence…]}`.
    target: Target,
    /// Language of labels (`et`, `ru`, `en`); default `en`.
    #[serde(default)]
    lang: Option<String>,
}

/// A paths request.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PathsRequest {
    /// The learner profile (never stored or logged).
    learner: Learner,
    /// `{"qualification": ID}`, `{"occupation": URI}` or `{"skills": [competence…]}`.
    target: Target,
    /// What "shortest" means: `hours` (default), `cost` or `weeks`.
    #[serde(default)]
    objective: Option<Objective>,
    /// How many paths, 1–10 (default 3).
    #[serde(default)]
    k: Option<usize>,
    /// Language of labels, titles and explanations; default `en`.
    #[serde(default)]
    lang: Option<String>,
    /// The planning day (sessions before it are over); default: the server's today.
    #[serde(default)]
    today: Option<NaiveDate>,
}

fn check_lang(lang: &Option<String>) -> Result<String, ApiError> {
    match lang {
        None => Ok("en".into()),
        Some(l) => crate::domain::Lang::new(l.clone())
            .map(String::from)
            .map_err(|message| ApiError::field("lang", message)),
    }
}

pub(super) fn goal_error(error: GoalError) -> ApiError {
    match error {
        GoalError::Unknown { what, ids } => ApiError::UnknownIds { what, ids },
        GoalError::TooMany { field, count, max } => {
            ApiError::field(field, format!("{count} entries; at most {max} are allowed"))
        }
        GoalError::Invalid { field, message } => ApiError::field(field, message),
    }
}

fn plan_error(error: PlanError) -> ApiError {
    match error {
        PlanError::UnknownBite { ids } => ApiError::UnknownIds {
            what: "bite",
            ids: ids.iter().map(ToString::to_string).collect(),
        },
        PlanError::OverBudget { .. } => ApiError::Unprocessable {
            code: "over_budget",
            message: error.to_string(),
        },
        PlanError::NoPathFound => ApiError::Unprocessable {
            code: "no_path",
            message: error.to_string(),
        },
    }
}

/// The learner with every list sorted, so equal profiles hash equal.
fn canonical_learner(learner: &Learner) -> Learner {
    let mut learner = learner.clone();
    learner
        .competences
        .sort_by(|a, b| (&a.skill, a.level).cmp(&(&b.skill, b.level)));
    for c in &mut learner.competences {
        c.evidence = None;
    }
    learner.languages.sort();
    learner.languages.dedup();
    let constraints = &mut learner.constraints;
    constraints.modes.sort();
    constraints.modes.dedup();
    constraints.languages.sort();
    constraints.languages.dedup();
    constraints.funding.sort();
    constraints.funding.dedup();
    learner
}

pub(super) fn cache_key(kind: &str, generation: u64, parts: &impl Serialize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update(generation.to_le_bytes());
    hasher.update(serde_json::to_vec(parts).expect("request parts serialize"));
    hex::encode(hasher.finalize())
}

pub(super) fn json_response(bytes: Arc<Bytes>) -> Response {
    let mut response = Bytes::clone(&bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Looks `key` up in `cache` (counted in metrics as `name`), unless the
/// client asks for a `fresh` answer, or computes the answer from `served`
/// (the data `key` was made for) on the blocking pool and keeps it.
pub(super) async fn cached(
    state: &AppState,
    cache: &moka::sync::Cache<String, Arc<Bytes>>,
    name: &'static str,
    key: String,
    fresh: bool,
    served: Arc<Served>,
    compute: impl FnOnce(Arc<Served>) -> Result<Bytes, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    if !fresh && let Some(bytes) = cache.get(&key) {
        state.metrics.cache_lookup(name, true);
        return Ok(json_response(bytes));
    }
    state.metrics.cache_lookup(name, false);
    let bytes = Arc::new(super::heavy(state, move || compute(served)).await?);
    cache.insert(key, bytes.clone());
    Ok(json_response(bytes))
}

/// What the learner is missing for the target, with held and required levels.
#[utoipa::path(post, path = "/v1/gap", tag = "planning", request_body = GapRequest,
    responses(
        (status = 200, body = Gap),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field, or unknown skill, qualification or occupation", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After seconds", body = Problem, content_type = "application/problem+json")))]
async fn compute_gap(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<GapRequest>,
) -> Result<Response, ApiError> {
    let lang = check_lang(&request.lang)?;
    let learner = canonical_learner(&request.learner);
    let served = state.served.load_full();
    let key = cache_key(
        "gap",
        served.generation,
        &(&learner, &request.target, &lang),
    );
    cached(
        &state,
        &state.answers,
        "gap",
        key,
        false,
        served,
        move |served| {
            goal::check_learner(&learner, &served.taxonomy).map_err(goal_error)?;
            let goal = goal::resolve(&request.target, &served.catalogue, &served.taxonomy)
                .map_err(goal_error)?;
            let mut gap = planner::gap_in(&goal, &learner, served.taxonomy.as_ref(), &lang);
            served
                .demand
                .annotate_gap(&mut gap.items, learner.region.as_ref());
            Ok(Bytes::from(
                serde_json::to_vec(&gap).expect("a gap serializes"),
            ))
        },
    )
    .await
}

/// The k best paths from the learner to the target (DESIGN.md §5 paths answer).
#[utoipa::path(post, path = "/v1/paths", tag = "planning", request_body = PathsRequest,
    responses(
        (status = 200, body = PlanAnswer),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid field, unknown ids, or no path within the budget (`over_budget`)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After seconds", body = Problem, content_type = "application/problem+json")))]
async fn plan_paths(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PathsRequest>,
) -> Result<Response, ApiError> {
    let lang = check_lang(&request.lang)?;
    let k = request.k.unwrap_or(3);
    if !(1..=10).contains(&k) {
        return Err(ApiError::field("k", format!("{k} is outside 1–10")));
    }
    let today = request
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let learner = canonical_learner(&request.learner);
    let objective = request.objective.unwrap_or_default();
    let served = state.served.load_full();
    let key = cache_key(
        "paths",
        served.generation,
        &(&learner, &request.target, &lang, objective, k, today),
    );
    let budget = Duration::from_millis(state.config.planner_budget_ms);
    let state_notes = state.demand_notes.clone();
    cached(
        &state,
        &state.answers,
        "paths",
        key,
        false,
        served,
        move |served| {
            goal::check_learner(&learner, &served.taxonomy).map_err(goal_error)?;
            let goal = goal::resolve(&request.target, &served.catalogue, &served.taxonomy)
                .map_err(goal_error)?;
            let options_lang = lang.clone();
            let options = PlanOptions {
                objective,
                k,
                time_budget: budget,
                today,
                lang,
            };
            let mut answer = planner::plan_cached(
                &served.preparations,
                &goal,
                served.catalogue.bites(),
                &learner,
                served.taxonomy.as_ref(),
                &options,
            )
            .map_err(plan_error)?;
            annotate(
                &state_notes,
                &served.demand,
                &mut answer,
                learner.region.as_ref(),
                &options_lang,
            );
            Ok(Bytes::from(
                serde_json::to_vec(&answer).expect("an answer serializes"),
            ))
        },
    )
    .await
}

/// What `Demand::annotate_answer` adds to a paths answer (each gap item's
/// demand and a sentence on the item most in demand), by what it depends
/// on: the gap's skills and labels, the learner's region and the language,
/// for one `Demand`. Looking a skill's demand up adds its contributions from
/// every linked occupation anew, the same for every learner with the same
/// gap and region, so cold answers reuse it. Kept in memory only, bounded,
/// and dropped after ten minutes unused; it holds no profile, only the
/// demand of skills.
pub(crate) struct DemandNotes(moka::sync::Cache<NotesKey, Arc<Notes>>);

/// (the `Demand` it was made from, region, language, gap skills and labels).
type NotesKey = (usize, Option<Region>, String, Vec<(SkillUri, String)>);

struct Notes {
    /// Kept so that the address in the key is not reused while the entry lives.
    demand: Arc<Demand>,
    items: Vec<Option<DemandFigure>>,
    note: String,
}

impl DemandNotes {
    pub(crate) fn new() -> Self {
        Self(
            moka::sync::Cache::builder()
                .max_capacity(4096)
                .time_to_idle(Duration::from_secs(600))
                .build(),
        )
    }
}

/// `demand.annotate_answer(answer, region, lang)`, from `notes` when the
/// same gap was annotated before.
fn annotate(
    notes: &DemandNotes,
    demand: &Arc<Demand>,
    answer: &mut PlanAnswer,
    region: Option<&Region>,
    lang: &str,
) {
    let Some(first) = answer.paths.first() else {
        demand.annotate_answer(answer, region, lang);
        return;
    };
    let key: NotesKey = (
        Arc::as_ptr(demand) as usize,
        region.cloned(),
        lang.to_string(),
        answer
            .gap
            .iter()
            .map(|item| (item.skill.clone(), item.label.clone()))
            .collect(),
    );
    let found = notes
        .0
        .get(&key)
        .filter(|found| Arc::ptr_eq(&found.demand, demand));
    let found = match found {
        Some(found) => found,
        None => {
            // The same annotation of an answer with this gap and one path
            // with an empty explanation: what is appended is the note.
            let mut path = first.clone();
            path.explanation.clear();
            let mut probe = PlanAnswer {
                gap: answer.gap.clone(),
                open_modules: Vec::new(),
                uncoverable: Vec::new(),
                paths: vec![path],
            };
            demand.annotate_answer(&mut probe, region, lang);
            let made = Arc::new(Notes {
                demand: demand.clone(),
                items: probe.gap.into_iter().map(|item| item.demand).collect(),
                note: std::mem::take(&mut probe.paths[0].explanation),
            });
            notes.0.insert(key, made.clone());
            made
        }
    };
    for (item, demand) in answer.gap.iter_mut().zip(&found.items) {
        item.demand = demand.clone();
    }
    for path in &mut answer.paths {
        path.explanation.push_str(&found.note);
    }
}
