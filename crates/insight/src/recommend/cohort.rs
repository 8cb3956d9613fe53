//! Cohorts: one JSON Lines input line `{id, learner}` → one output line,
//! `{"id", "recommendations"}` or `{"id", "line", "error"}`. Lines are
//! handled in bounded chunks by the callers (HTTP stream, CLI), so memory
//! does not grow with the cohort; within a chunk, worker threads take the
//! next line as they finish one, and the answers keep the input order.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{Options, Prepared, Recommendations, recommend};
use crate::ml::Models;
use oppepala_core::domain::Learner;

/// How many lines are handled together: small enough to bound memory,
/// large enough to keep every core busy.
pub const CHUNK: usize = 128;

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
    /// Whether a target with a real path was found: one meeting at least
    /// one missing skill (recommendations show no other).
    pub has_path: bool,
    /// Hours of the first next bite, if any.
    pub first_step_hours: Option<f64>,
}

/// `work()`, or `Err` when it panics (the panic is logged by the hook).
fn guarded<T>(work: impl FnOnce() -> T) -> Result<T, ()> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|_| {
        tracing::error!("a cohort line panicked; answered with an error line");
    })
}

/// Answers one input line (`number` counts from 1).
pub fn answer_line(
    line: &str,
    number: usize,
    prepared: &Prepared,
    models: &Models,
    options: &Options,
) -> LineOutcome {
    let error = |id: serde_json::Value, field: &str, message: String| LineOutcome {
        json: serde_json::json!({"id": id, "line": number,
            "error": {"field": field, "message": message}})
        .to_string(),
        ..LineOutcome::default()
    };
    let parsed: CohortLine = match oppepala_core::domain::from_json_str(line) {
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
    if let Err(e) = oppepala_core::goal::check_learner(&parsed.learner, prepared.taxonomy()) {
        return error(parsed.id, "learner", e.to_string());
    }
    // One learner that breaks the planner must cost only its own line.
    let answer = match guarded(|| recommend(&parsed.learner, prepared, models, options)) {
        Ok(answer) => answer,
        Err(()) => {
            return error(
                parsed.id,
                "",
                "this learner could not be planned (an internal error, logged); \
                 the other lines are answered"
                    .into(),
            );
        }
    };
    LineOutcome {
        json: serde_json::to_string(&Answer {
            id: &parsed.id,
            recommendations: &answer,
        })
        .expect("an answer serializes"),
        ok: true,
        has_path: answer.targets.iter().any(|t| {
            t.best_path
                .as_ref()
                .is_some_and(|p| p.meets.skills.met > 0 || p.meets.skills.of == 0)
        }),
        first_step_hours: answer.next_bites.first().map(|b| b.hours),
    }
}

/// Answers a chunk of lines on `threads` threads, in input order. Each
/// thread takes the next unanswered line, so one slow learner does not
/// leave the other threads idle.
pub fn answer_chunk(
    lines: &[(usize, String)],
    prepared: &Prepared,
    models: &Models,
    options: &Options,
    threads: usize,
) -> Vec<LineOutcome> {
    let threads = threads.clamp(1, lines.len().max(1));
    let next = AtomicUsize::new(0);
    let answers: Vec<Mutex<Option<LineOutcome>>> = lines.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((number, line)) = lines.get(i) else {
                break;
            };
            let outcome = answer_line(line, *number, prepared, models, options);
            *answers[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
        }
    };
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            work();
        });
    }
    answers
        .into_iter()
        .map(|a| {
            a.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every line is answered")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panicking_line_is_an_error_and_the_next_one_is_answered() {
        assert_eq!(super::guarded(|| -> u8 { panic!("planner bug") }), Err(()));
        assert_eq!(super::guarded(|| 7), Ok(7));
    }
}
