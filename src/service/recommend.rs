//! What next: recommendations for one learner (`POST /v1/recommendations`)
//! and for a cohort, one JSON Lines line at a time
//! (`POST /v1/cohorts/recommendations`, `oppepala recommend --cohort`).
//! Every door checks its options with [`check_options`] and answers with
//! [`recommend`] or [`cohort_chunk`], so one learner's answer is the same
//! bytes whether asked alone or as a one-line cohort. A cohort's answer is
//! JSON Lines, CSV or a caseload summary ([`check_cohort_format`]), made by
//! the same functions whichever door asks.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use super::error::ServiceError;
use super::plans::{check_k, check_lang, planning_day};
use super::served::Data;
use crate::config::Config;
use crate::domain::Learner;
use crate::recommend::caseload::{self, CsvOptions, SummaryBuilder};
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

/// How a cohort's answer is written.
#[derive(Clone, Debug)]
pub enum CohortFormat {
    /// JSON Lines, one line per input line (the default).
    Jsonl,
    /// CSV, one row per learner × recommended target.
    Csv(CsvOptions),
    /// One JSON object: the caseload summary.
    Summary,
}

/// Checks a cohort's output options: `format` `jsonl` (default), `csv` or
/// `summary`; for CSV the `separator` (`semicolon`, default, or `comma`)
/// and whether a byte order mark comes first (`bom`, default yes); words in
/// `lang`.
pub fn check_cohort_format(
    format: Option<&str>,
    separator: Option<&str>,
    bom: Option<bool>,
    lang: &str,
) -> Result<CohortFormat, ServiceError> {
    let csv_only =
        |field: &'static str| ServiceError::field(field, "applies to format=csv only".to_string());
    let format = match format.unwrap_or("jsonl") {
        "jsonl" | "ndjson" => CohortFormat::Jsonl,
        "summary" => CohortFormat::Summary,
        "csv" => {
            let separator = match separator.unwrap_or("semicolon") {
                "semicolon" | ";" => b';',
                "comma" | "," => b',',
                other => {
                    return Err(ServiceError::field(
                        "separator",
                        format!("{other:?} is not a separator (expected semicolon or comma)"),
                    ));
                }
            };
            return Ok(CohortFormat::Csv(CsvOptions {
                separator,
                bom: bom.unwrap_or(true),
                lang: lang.to_string(),
            }));
        }
        other => {
            return Err(ServiceError::field(
                "format",
                format!("{other:?} is not a cohort format (expected jsonl, csv or summary)"),
            ));
        }
    };
    if separator.is_some() {
        return Err(csv_only("separator"));
    }
    if bom.is_some() {
        return Err(csv_only("bom"));
    }
    Ok(format)
}

/// The CSV header of a cohort answer (with the byte order mark when asked).
pub fn cohort_csv_header(options: &CsvOptions) -> Vec<u8> {
    caseload::csv_header(options)
}

/// The CSV rows of answered cohort lines, in order.
pub fn cohort_csv_rows(data: &Data, outcomes: &[LineOutcome], options: &CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    for outcome in outcomes {
        out.extend(caseload::csv_rows(outcome, &data.catalogue, options));
    }
    out
}

/// Adds answered cohort lines to a caseload summary.
pub fn cohort_summary_add(data: &Data, summary: &mut SummaryBuilder, outcomes: &[LineOutcome]) {
    for outcome in outcomes {
        summary.add(outcome, &data.catalogue);
    }
}
