//! Cohorts: one JSON Lines input line `{id, learner}` → one output line,
//! `{"id", "recommendations"}` or `{"id", "line", "error"}`. Lines are
//! handled in bounded chunks by the callers (HTTP stream, CLI), so memory
//! does not grow with the cohort.

use serde::{Deserialize, Serialize};

use super::{DemandLookup, Options, Recommendations, recommend};
use crate::catalogue::Catalogue;
use crate::domain::Learner;
use crate::ml::Models;
use crate::taxonomy::Taxonomy;

/// How many lines are handled together: small enough to bound memory,
/// large enough to keep both cores busy.
pub const CHUNK: usize = 64;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CohortLine {
    id: serde_json::Value,
    learner: Learner,
}

#[derive(Serialize)]
struct Answer<'a> {
    id: &'a serde_json::Value,
    recommendations: &'a Recommendations,
}

/// What one line gave, for the summary.
#[derive(Clone, Debug, Default)]
pub struct LineOutcome {
    /// The output line (JSON, no newline).
    pub json: String,
    /// Whether the line was answered (not an error).
    pub ok: bool,
    /// Whether a target with a path was found.
    pub has_path: bool,
    /// Hours of the first next bite, if any.
    pub first_step_hours: Option<f64>,
}

/// Answers one input line (`number` counts from 1).
pub fn answer_line(
    line: &str,
    number: usize,
    catalogue: &Catalogue,
    taxonomy: &Taxonomy,
    models: &Models,
    demand: &dyn DemandLookup,
    options: &Options,
) -> LineOutcome {
    let error = |id: serde_json::Value, field: &str, message: String| LineOutcome {
        json: serde_json::json!({"id": id, "line": number,
            "error": {"field": field, "message": message}})
        .to_string(),
        ..LineOutcome::default()
    };
    let parsed: CohortLine = match crate::domain::from_json_str(line) {
        Ok(parsed) => parsed,
        Err(e) => {
            // Keep the id when the line is JSON with one, so the caller can match it.
            let id = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(serde_json::Value::Null);
            return error(id, &e.path, e.message);
        }
    };
    if let Err(e) = crate::goal::check_learner(&parsed.learner, taxonomy) {
        return error(parsed.id, "learner", e.to_string());
    }
    let answer = recommend(
        &parsed.learner,
        catalogue,
        taxonomy,
        models,
        demand,
        options,
    );
    LineOutcome {
        json: serde_json::to_string(&Answer {
            id: &parsed.id,
            recommendations: &answer,
        })
        .expect("an answer serializes"),
        ok: true,
        has_path: answer.targets.iter().any(|t| t.best_path.is_some()),
        first_step_hours: answer.next_bites.first().map(|b| b.hours),
    }
}

/// Answers a chunk of lines on `threads` threads, in input order.
#[allow(clippy::too_many_arguments)]
pub fn answer_chunk(
    lines: &[(usize, String)],
    catalogue: &Catalogue,
    taxonomy: &Taxonomy,
    models: &Models,
    demand: &dyn DemandLookup,
    options: &Options,
    threads: usize,
) -> Vec<LineOutcome> {
    let threads = threads.clamp(1, lines.len().max(1));
    let per = lines.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(per)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(n, line)| {
                            answer_line(line, *n, catalogue, taxonomy, models, demand, options)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a cohort worker does not panic"))
            .collect()
    })
}
