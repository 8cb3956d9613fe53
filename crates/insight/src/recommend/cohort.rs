//! Cohorts: one JSON Lines input line `{id, learner}` → one output line,
//! `{"id", "recommendations"}` or `{"id", "line", "error"}`. Lines are
//! handled in bounded chunks by the callers (HTTP stream, CLI), so memory
//! does not grow with the cohort; within a chunk, worker threads (of the
//! rayon pool the caller runs in, so no thread is started per chunk) take
//! the next line as they finish one, and the answers keep the input order.
//! A chunk stops between lines once its caller raises `stop` (the client
//! is gone).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::{Options, Prepared, Recommendations, recommend};
use crate::ml::Models;
use oppepala_core::domain::{FundingTag, Learner, Region};

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

/// What one line gave: its JSON output line, and what the CSV rows and the
/// caseload summary are made from.
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
    /// The input line's number (from 1).
    pub line: usize,
    /// The line's `id` (null when it could not be read).
    pub id: serde_json::Value,
    /// The field and message of a line that could not be answered.
    pub error: Option<(String, String)>,
    /// The answer, for a line that was answered.
    pub answer: Option<Answered>,
}

/// What a caseload summary and CSV rows need of an answered line: the
/// answer and the learner's county and funding (not the profile).
#[derive(Clone, Debug)]
pub struct Answered {
    /// The recommendations.
    pub recommendations: Recommendations,
    /// The learner's county.
    pub region: Option<Region>,
    /// The funding tags the learner holds.
    pub funding: Vec<FundingTag>,
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
        line: number,
        id,
        error: Some((field.to_string(), message)),
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
        line: number,
        id: parsed.id,
        error: None,
        answer: Some(Answered {
            recommendations: answer,
            region: parsed.learner.region,
            funding: parsed.learner.constraints.funding,
        }),
    }
}

/// Answers a chunk of lines on `threads` threads, in input order. Each
/// thread takes the next unanswered line, so one slow learner does not
/// leave the other threads idle. The threads are tasks of the current
/// rayon pool (the global one outside any pool). Once `stop` is set no
/// further line is started, and only the lines answered by then are
/// returned (all of them when `stop` stays unset).
pub fn answer_chunk(
    lines: &[(usize, String)],
    prepared: &Prepared,
    models: &Models,
    options: &Options,
    threads: usize,
    stop: &AtomicBool,
) -> Vec<LineOutcome> {
    in_parallel(lines.len(), threads, stop, |i| {
        let (number, line) = &lines[i];
        answer_line(line, *number, prepared, models, options)
    })
}

/// `answer(0)`, `answer(1)`, … `answer(count - 1)` on `threads` tasks of
/// the current rayon pool, each taking the next index as it finishes one;
/// in index order, up to the first index not answered once `stop` is set.
fn in_parallel<T: Send>(
    count: usize,
    threads: usize,
    stop: &AtomicBool,
    answer: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let threads = threads.clamp(1, count.max(1));
    let next = AtomicUsize::new(0);
    let answers: Vec<Mutex<Option<T>>> = (0..count).map(|_| Mutex::new(None)).collect();
    let work = || {
        while !stop.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break;
            }
            let outcome = answer(i);
            *answers[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
        }
    };
    if threads == 1 {
        work();
    } else {
        rayon::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(|_| work());
            }
            work();
        });
    }
    answers
        .into_iter()
        .map_while(|a| a.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panicking_line_is_an_error_and_the_next_one_is_answered() {
        assert_eq!(super::guarded(|| -> u8 { panic!("planner bug") }), Err(()));
        assert_eq!(super::guarded(|| 7), Ok(7));
    }

    #[test]
    fn a_raised_stop_starts_no_further_line() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let all = pool.install(|| super::in_parallel(50, 3, &AtomicBool::new(false), |i| i));
        assert_eq!(all, (0..50).collect::<Vec<_>>());
        // Raised while line 10 is answered: no line is started after it
        // (each of the three tasks may finish the one it holds).
        let stop = AtomicBool::new(false);
        let started = AtomicUsize::new(0);
        let some = pool.install(|| {
            super::in_parallel(1000, 3, &stop, |i| {
                started.fetch_add(1, Ordering::SeqCst);
                if i == 10 {
                    stop.store(true, Ordering::SeqCst);
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
                i
            })
        });
        let started = started.load(Ordering::SeqCst);
        assert!(started <= 13, "{started} lines started");
        assert!(some.len() <= started && some.len() >= 10, "{}", some.len());
        assert_eq!(some, (0..some.len()).collect::<Vec<_>>());
    }
}
