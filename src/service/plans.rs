//! Gap and paths: what a learner is missing for a target, and the best
//! paths there, annotated with labour-market demand. `POST /v1/gap`,
//! `POST /v1/paths`, `oppepala gap` and `oppepala plan` are adapters of
//! [`gap`] and [`paths`], so their answers are the same bytes
//! ([`to_json`]).
//!
//! A request is first checked and put in canonical form ([`check_gap`],
//! [`check_paths`]: lists sorted, evidence dropped, defaults filled in),
//! which also gives the key the HTTP layer caches answers by.

use std::time::Duration;

use bytes::Bytes;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::error::ServiceError;
use super::served::Data;
use crate::config::Config;
use crate::demand::YearMonth;
use crate::domain::{BiteId, Learner, Target};
use crate::goal;
use crate::planner::{self, Gap, Objective, PlanAnswer, PlanOptions, WhyNot};
use crate::text::Lang;

/// A gap request.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GapRequest {
    /// The learner profile (never stored or logged).
    pub learner: Learner,
    /// `{"qualification": ID}`, `{"occupation": URI}` or `{"skills": [competence…]}`.
    pub target: Target,
    /// Language of labels and demand texts (`et`, `ru`, `en`); default `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// The planning day demand figures are dated against
    /// (2000-01-01–2100-12-31); default: the server's today.
    #[serde(default)]
    pub today: Option<NaiveDate>,
}

/// A paths request.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PathsRequest {
    /// The learner profile (never stored or logged).
    pub learner: Learner,
    /// `{"qualification": ID}`, `{"occupation": URI}` or `{"skills": [competence…]}`.
    pub target: Target,
    /// What "shortest" means: `hours` (default), `cost` or `weeks`.
    #[serde(default)]
    pub objective: Option<Objective>,
    /// How many paths, 1–10 (default 3).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 10)]
    pub k: Option<usize>,
    /// Language of labels, titles and explanations; default `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// The planning day (sessions before it are over; 2000-01-01–2100-12-31);
    /// default: the server's today.
    #[serde(default)]
    pub today: Option<NaiveDate>,
}

/// A "why is this course not in the path?" request: a paths request and
/// the bite asked about.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WhyNotRequest {
    /// The learner profile (never stored or logged).
    pub learner: Learner,
    /// `{"qualification": ID}`, `{"occupation": URI}` or `{"skills": [competence…]}`.
    pub target: Target,
    /// The bite asked about.
    pub bite: BiteId,
    /// What "shortest" means: `hours` (default), `cost` or `weeks`.
    #[serde(default)]
    pub objective: Option<Objective>,
    /// Language of the answer; default `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// The planning day (2000-01-01–2100-12-31); default: the server's today.
    #[serde(default)]
    pub today: Option<NaiveDate>,
}

/// A checked why-not request: the paths query (one path) and the bite.
#[derive(Debug, Serialize)]
pub struct WhyNotQuery {
    paths: PathsQuery,
    bite: BiteId,
}

/// Checks a why-not request and puts it in canonical form.
pub fn check_why_not(request: WhyNotRequest, config: &Config) -> Result<WhyNotQuery, ServiceError> {
    let paths = check_paths(
        PathsRequest {
            learner: request.learner,
            target: request.target,
            objective: request.objective,
            k: Some(1),
            lang: request.lang,
            today: request.today,
        },
        config,
    )?;
    Ok(WhyNotQuery {
        paths,
        bite: request.bite,
    })
}

impl WhyNotQuery {
    /// The key its answer is cached by: a SHA-256 of the canonical request.
    pub fn cache_key(&self) -> String {
        cache_key("why-not", self)
    }
}

/// Why the bite asked about is not in the best path (DESIGN.md §3 item 4;
/// issue 16, item 6).
pub fn why_not(data: &Data, query: &WhyNotQuery) -> Result<WhyNot, ServiceError> {
    let paths = &query.paths;
    if data.catalogue.bite(query.bite.as_str()).is_none() {
        return Err(ServiceError::field(
            "bite",
            format!("{} is not a bite of the catalogue", query.bite),
        ));
    }
    goal::check_learner(&paths.learner, &data.taxonomy)?;
    let goal = goal::resolve(&paths.target, &data.catalogue, &data.taxonomy)?;
    let learner = goal::with_spoken_languages(&paths.learner, &data.taxonomy);
    let options = PlanOptions {
        objective: paths.objective,
        k: 1,
        time_budget: paths.budget,
        today: paths.today,
        lang: paths.lang.clone(),
        node_budget: None,
    };
    Ok(planner::why_not(
        data.plans(),
        &goal,
        data.catalogue.bites(),
        &learner,
        data.taxonomy.as_ref(),
        &options,
        &query.bite,
    )?)
}

/// A checked gap request in canonical form.
#[derive(Debug, Serialize)]
pub struct GapQuery {
    learner: Learner,
    target: Target,
    lang: String,
    today: NaiveDate,
}

/// A checked paths request in canonical form, with every default filled in.
#[derive(Debug, Serialize)]
pub struct PathsQuery {
    learner: Learner,
    target: Target,
    lang: String,
    objective: Objective,
    k: usize,
    today: NaiveDate,
    /// Part of the key: an answer found within a shorter budget may differ.
    budget: Duration,
}

/// The language asked for (`en` when none), checked.
pub fn check_lang(lang: Option<&str>) -> Result<String, ServiceError> {
    match lang {
        None => Ok("en".into()),
        Some(l) => crate::domain::Lang::new(l)
            .map(String::from)
            .map_err(|message| ServiceError::field("lang", message)),
    }
}

/// How many answers (paths, targets) were asked for, else `default`: 1–10.
pub fn check_k(k: Option<usize>, default: usize) -> Result<usize, ServiceError> {
    let k = k.unwrap_or(default);
    if (1..=10).contains(&k) {
        Ok(k)
    } else {
        Err(ServiceError::field("k", format!("{k} is outside 1–10")))
    }
}

/// The planning day asked for (within `goal::FIRST_DAY`–`goal::LAST_DAY`),
/// else today.
pub fn planning_day(today: Option<NaiveDate>) -> Result<NaiveDate, ServiceError> {
    match today {
        Some(day) => goal::check_day("today", day)
            .map(|()| day)
            .map_err(|e| match e {
                goal::GoalError::Invalid { field, message } => ServiceError::field(field, message),
                other => other.into(),
            }),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Checks a gap request and puts it in canonical form.
pub fn check_gap(request: GapRequest) -> Result<GapQuery, ServiceError> {
    Ok(GapQuery {
        lang: check_lang(request.lang.as_deref())?,
        learner: canonical_learner(request.learner),
        target: request.target,
        today: planning_day(request.today)?,
    })
}

/// Checks a paths request and puts it in canonical form; the planner's
/// time budget is `config`'s.
pub fn check_paths(request: PathsRequest, config: &Config) -> Result<PathsQuery, ServiceError> {
    let k = check_k(request.k, 3)?;
    Ok(PathsQuery {
        lang: check_lang(request.lang.as_deref())?,
        learner: canonical_learner(request.learner),
        target: request.target,
        objective: request.objective.unwrap_or_default(),
        k,
        today: planning_day(request.today)?,
        budget: Duration::from_millis(config.planner_budget_ms),
    })
}

impl GapQuery {
    /// The key its answer is cached by: a SHA-256 of the canonical request.
    pub fn cache_key(&self) -> String {
        cache_key("gap", self)
    }
}

impl PathsQuery {
    /// The key its answer is cached by: a SHA-256 of the canonical request.
    pub fn cache_key(&self) -> String {
        cache_key("paths", self)
    }
}

/// A SHA-256 of `kind` and the JSON of `parts`.
pub fn cache_key(kind: &str, parts: &impl Serialize) -> String {
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update(serde_json::to_vec(parts).expect("request parts serialize"));
    hex::encode(hasher.finalize())
}

/// The learner with every list sorted, so equal profiles hash equal and
/// plan alike.
fn canonical_learner(mut learner: Learner) -> Learner {
    learner
        .competences
        .sort_by(|a, b| (&a.skill, a.level).cmp(&(&b.skill, b.level)));
    for c in &mut learner.competences {
        c.evidence = None;
    }
    learner.languages.sort();
    learner.languages.dedup();
    learner
        .spoken_languages
        .sort_by(|a, b| (&a.language, a.level).cmp(&(&b.language, b.level)));
    let constraints = &mut learner.constraints;
    constraints.modes.sort();
    constraints.modes.dedup();
    constraints.languages.sort();
    constraints.languages.dedup();
    constraints.funding.sort();
    constraints.funding.dedup();
    constraints.regions.sort();
    constraints.regions.dedup();
    learner
}

/// An answer as the JSON every door sends.
pub fn to_json(answer: &impl Serialize) -> Bytes {
    Bytes::from(serde_json::to_vec(answer).expect("an answer serializes"))
}

/// What the learner is missing for the target, with held and required
/// levels and each missing skill's demand in the learner's region.
pub fn gap(data: &Data, query: &GapQuery) -> Result<Gap, ServiceError> {
    goal::check_learner(&query.learner, &data.taxonomy)?;
    let goal = goal::resolve(&query.target, &data.catalogue, &data.taxonomy)?;
    let learner = goal::with_spoken_languages(&query.learner, &data.taxonomy);
    let mut gap = planner::gap_in(&goal, &learner, data.taxonomy.as_ref(), &query.lang);
    data.demand.annotate_gap(
        &mut gap.items,
        query.learner.region.as_ref(),
        YearMonth::of(query.today),
        Lang::of(&query.lang),
    );
    Ok(gap)
}

/// The k best paths from the learner to the target (DESIGN.md §5 paths
/// answer), with the gap's demand.
pub fn paths(data: &Data, query: &PathsQuery) -> Result<PlanAnswer, ServiceError> {
    goal::check_learner(&query.learner, &data.taxonomy)?;
    let goal = goal::resolve(&query.target, &data.catalogue, &data.taxonomy)?;
    let options = PlanOptions {
        objective: query.objective,
        k: query.k,
        time_budget: query.budget,
        today: query.today,
        lang: query.lang.clone(),
        node_budget: None,
    };
    let learner = goal::with_spoken_languages(&query.learner, &data.taxonomy);
    let mut answer = planner::plan_cached(
        data.plans(),
        &goal,
        data.catalogue.bites(),
        &learner,
        data.taxonomy.as_ref(),
        &options,
    )?;
    planner::unlocks(
        data.plans(),
        &goal,
        data.catalogue.bites(),
        &learner,
        data.taxonomy.as_ref(),
        &options,
        &mut answer,
    );
    super::notes::annotate(
        data.notes(),
        &data.demand,
        &mut answer,
        query.learner.region.as_ref(),
        YearMonth::of(query.today),
        Lang::of(&query.lang),
    );
    Ok(answer)
}
