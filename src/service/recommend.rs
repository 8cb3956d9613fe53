//! What next: recommendations for one learner (`POST /v1/recommendations`)
//! and for a cohort, one JSON Lines line at a time
//! (`POST /v1/cohorts/recommendations`, `oppepala recommend --cohort`).
//! Every door checks its options with [`check_options`] and answers with
//! [`recommend`] or [`cohort_chunk`], so one learner's answer is the same
//! bytes whether asked alone or as a one-line cohort.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::ServiceError;
use super::plans::{check_k, check_lang, planning_day};
use super::served::Data;
use crate::config::Config;
use crate::domain::Learner;
use crate::recommend::cohort::{self, LineOutcome};
use crate::recommend::{self as rec, Options, Recommendations};

/// A recommendations request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendRequest {
    /// The learner profile (never stored or logged).
    pub learner: Learner,
    /// How many targets, 1–10 (default 5).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 10)]
    pub k: Option<usize>,
    /// Language of titles and reasons; default `en`.
    #[serde(default)]
    pub lang: Option<String>,
    /// The planning day (2000-01-01–2100-12-31); default: the server's today.
    #[serde(default)]
    pub today: Option<NaiveDate>,
}

/// Targets per learner when a single request names none.
pub const DEFAULT_TARGETS: usize = 5;
/// Targets per learner when a cohort names none (cohort answers are read
/// in bulk, so they are kept shorter).
pub const DEFAULT_COHORT_TARGETS: usize = 3;

/// Checks the options of a request: `k` 1–10 (else `default_k`), the
/// language, the planning day; each shown target's path gets an eighth of
/// `config`'s planner budget.
pub fn check_options(
    k: Option<usize>,
    lang: Option<&str>,
    today: Option<NaiveDate>,
    default_k: usize,
    config: &Config,
) -> Result<Options, ServiceError> {
    Ok(Options {
        k: check_k(k, default_k)?,
        lang: check_lang(lang)?,
        today: planning_day(today)?,
        plan_budget: std::time::Duration::from_millis((config.planner_budget_ms / 8).max(5)),
    })
}

/// Ranked targets with their best paths, and the next bites, for `learner`.
pub fn recommend(
    data: &Data,
    learner: &Learner,
    options: &Options,
) -> Result<Recommendations, ServiceError> {
    crate::goal::check_learner(learner, &data.taxonomy)?;
    let prepared = data.recommendations();
    Ok(rec::recommend(learner, &prepared, &data.models, options))
}

/// Answers numbered cohort lines (`{id, learner}` each) on `threads`
/// threads, in input order; a bad line gets an error line of its own.
/// Once `stop` is raised no further line is started (the answer then has
/// only the lines before the first unanswered one).
pub fn cohort_chunk(
    data: &Data,
    lines: &[(usize, String)],
    options: &Options,
    threads: usize,
    stop: &std::sync::atomic::AtomicBool,
) -> Vec<LineOutcome> {
    let prepared = data.recommendations();
    cohort::answer_chunk(lines, &prepared, &data.models, options, threads, stop)
}
