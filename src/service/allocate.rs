//! Seats shared across a caseload (`POST /v1/cohorts/allocate`, `oppepala
//! allocate`): each learner's candidate paths come from the paths use case
//! (their named target, or the target they would follow among their
//! recommendations), each also with a step moved to a later run of the same
//! course where the calendar allows; `allocate::allocate` chooses one per
//! learner so that no run is over its seats; every learner who does not
//! get their first choice is told why (which run is full) and what instead
//! (a later run, another path, or the next run with free places).
//!
//! Nothing of a profile is kept: the answer names each learner by the `id`
//! they were given.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::error::ServiceError;
use super::plans::{PathsRequest, check_lang, check_paths, planning_day};
use super::served::Data;
use crate::allocate::{self, Candidate, Instance};
use crate::config::{Config, Priority};
use crate::domain::{Learner, Target};
use crate::planner::{Objective, Path, PlanAnswer};
use crate::recommend::caseload::{followed, is_real_path};
use crate::text::Lang;
use oppepala_core::tr;

/// Paths planned per learner (each also re-timed onto later runs).
pub const PATHS_PER_LEARNER: usize = 3;
/// Later runs tried per step of a path.
const LATER_RUNS: usize = 2;
/// Moved variants kept per path.
const MOVES_PER_PATH: usize = 3;
/// The most learners one allocation takes.
pub const MAX_LEARNERS: usize = 20_000;

/// What an allocation is asked.
#[derive(Clone, Debug)]
pub struct AllocateOptions {
    /// Language of titles and reasons.
    pub lang: String,
    /// The planning day.
    pub today: NaiveDate,
    /// Priority rules (from the configuration).
    pub priorities: Vec<Priority>,
    /// The configuration's planner budget and the like.
    pub config: Config,
    /// Time for proving the optimum (branch and bound).
    pub solve_budget: Duration,
}

/// Checks an allocation's options.
pub fn check_options(
    lang: Option<&str>,
    today: Option<NaiveDate>,
    config: &Config,
) -> Result<AllocateOptions, ServiceError> {
    Ok(AllocateOptions {
        lang: check_lang(lang)?,
        today: planning_day(today)?,
        priorities: config.priorities(),
        config: config.clone(),
        solve_budget: Duration::from_secs(2),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AllocateLine {
    id: serde_json::Value,
    learner: Learner,
    #[serde(default)]
    target: Option<Target>,
}

/// One step of an allocated path.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AllocatedStep {
    /// The bite.
    pub bite: String,
    /// Its title in the asked language.
    pub title: String,
    /// First day.
    pub start: NaiveDate,
    /// The day after the last day.
    pub end: NaiveDate,
    /// Whether it runs in a fixed session (else self-paced).
    pub session: bool,
    /// Seats of the run (none: unlimited).
    pub seats: Option<u32>,
    /// Workload.
    pub hours: f64,
    /// Cost for this learner after funding.
    pub cost_eur: f64,
}

/// A path given to a learner.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AllocatedPath {
    /// The steps, in order.
    pub steps: Vec<AllocatedStep>,
    /// Total hours.
    pub total_hours: f64,
    /// Total cost for the learner.
    pub total_cost_eur: f64,
    /// The day after the last step.
    pub finish: NaiveDate,
    /// Whether it reaches the target.
    pub reaches_target: bool,
    /// Missing items it meets.
    pub items_met: u32,
    /// Missing items of the target.
    pub items_missing: u32,
}

/// What became of one learner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// Their best path, with a seat on every run.
    FirstChoice,
    /// Their best path's course, on a later run.
    LaterRun,
    /// Another path.
    OtherPath,
    /// No path fits the seats left.
    NoSeat,
    /// No path to plan (no target, or none within their limits).
    NoPath,
    /// The line could not be read.
    BadLine,
}

/// A run of a course.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RunRef {
    /// The bite.
    pub bite: String,
    /// Its title.
    pub title: String,
    /// The run's first day.
    pub start: NaiveDate,
    /// Its seats.
    pub seats: Option<u32>,
    /// Seats left after the allocation.
    pub seats_left: Option<u32>,
}

/// One learner's allocation.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LearnerAllocation {
    /// The input line's `id`.
    pub id: serde_json::Value,
    /// The input line (from 1).
    pub line: usize,
    /// What became of the learner.
    pub placement: Placement,
    /// The target (named, or the one they would follow).
    pub target: Option<Target>,
    /// The path given, if any.
    pub path: Option<AllocatedPath>,
    /// The runs of their first choice that are full (the reason they did
    /// not get it).
    pub full_runs: Vec<RunRef>,
    /// For a learner without a seat: the next run with free places of the
    /// first full course (outside their limits, to discuss).
    pub next_run: Option<RunRef>,
    /// Why, in plain words, in the asked language.
    pub reason: String,
}

/// The allocation as a whole.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AllocationSummary {
    /// Lines read.
    pub learners: usize,
    /// Per placement.
    pub first_choice: usize,
    /// On a later run of the same course.
    pub later_run: usize,
    /// On another path.
    pub other_path: usize,
    /// Without a seat.
    pub no_seat: usize,
    /// Without a path to plan.
    pub no_path: usize,
    /// Lines that could not be read.
    pub bad_lines: usize,
    /// Learners whose given path reaches their target.
    pub reaching_target: usize,
    /// Missing items met, over all learners.
    pub items_met: u64,
    /// Hours of all given paths.
    pub total_hours: f64,
    /// Seat-limited runs in use, and of them full.
    pub runs_used: usize,
    /// Full runs.
    pub runs_full: usize,
    /// Learners the optimisation decided (the others had no contested run).
    pub contested: usize,
    /// The allocation's worth (priority-weighted reach and items, hours).
    pub value: allocate::Value,
    /// A proven bound on any allocation's worth.
    pub bound: allocate::Value,
    /// The gap to the bound.
    pub gap: allocate::Gap,
    /// Whether the allocation is proven optimal.
    pub optimal: bool,
    /// Time to plan the candidates, ms.
    pub planning_ms: u64,
    /// Time to allocate, ms.
    pub solve_ms: u64,
}

/// The answer of an allocation.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AllocationAnswer {
    /// Per learner, in input order.
    pub learners: Vec<LearnerAllocation>,
    /// The whole.
    pub summary: AllocationSummary,
}

/// A learner's candidates, before allocation.
struct Prepared {
    id: serde_json::Value,
    line: usize,
    error: Option<String>,
    target: Option<Target>,
    weight: f64,
    /// (planner path index, the path, moved step or none).
    paths: Vec<(usize, AllocatedPath, Option<usize>)>,
    no_path_reason: Option<String>,
}

/// Allocates the numbered lines (`{id, learner, target?}` each) on
/// `threads` threads.
pub fn allocate(
    data: &Data,
    lines: &[(usize, String)],
    options: &AllocateOptions,
    threads: usize,
) -> Result<AllocationAnswer, ServiceError> {
    if lines.len() > MAX_LEARNERS {
        return Err(ServiceError::field(
            "body",
            format!("at most {MAX_LEARNERS} learners, got {}", lines.len()),
        ));
    }
    let started = Instant::now();
    let prepared = prepare_all(data, lines, options, threads);
    let planning_ms = started.elapsed().as_millis() as u64;

    // The instance: seat-limited runs by (bite position, start).
    let mut runs: HashMap<(usize, NaiveDate), usize> = HashMap::new();
    let mut run_refs: Vec<(usize, NaiveDate, u32)> = Vec::new();
    let catalogue = &data.catalogue;
    let mut instance = Instance::default();
    for learner in &prepared {
        let mut candidates = Vec::new();
        for (_, path, _) in &learner.paths {
            let mut used = Vec::new();
            for step in path.steps.iter().filter(|s| s.session) {
                let (Some(seats), Some(position)) = (step.seats, catalogue.position(&step.bite))
                else {
                    continue;
                };
                let key = (position, step.start);
                let index = *runs.entry(key).or_insert_with(|| {
                    run_refs.push((position, step.start, seats));
                    instance.seats.push(seats);
                    instance.seats.len() - 1
                });
                used.push(index);
            }
            used.sort_unstable();
            used.dedup();
            candidates.push(Candidate {
                runs: used,
                reaches: path.reaches_target,
                items: path.items_met,
                hours: path.total_hours,
            });
        }
        instance.learners.push(allocate::Learner {
            weight: learner.weight,
            candidates,
        });
    }
    let solving = Instant::now();
    let allocation = allocate::allocate(&instance, options.solve_budget);
    let solve_ms = solving.elapsed().as_millis() as u64;

    let mut used = vec![0u32; instance.seats.len()];
    for (l, c) in allocation.chosen.iter().enumerate() {
        if let Some(c) = c {
            for &r in &instance.learners[l].candidates[*c].runs {
                used[r] += 1;
            }
        }
    }
    // Among paths of equal worth, a learner keeps the planner's own dates
    // where seats allow: a moved run is for those who must move.
    let mut chosen = allocation.chosen.clone();
    for (l, learner) in prepared.iter().enumerate() {
        let Some(c) = chosen[l] else { continue };
        if learner.paths[c].2.is_none() {
            continue;
        }
        let candidates = &instance.learners[l].candidates;
        for &r in &candidates[c].runs {
            used[r] -= 1;
        }
        let same = |a: &Candidate, b: &Candidate| {
            a.reaches == b.reaches && a.items == b.items && (a.hours - b.hours).abs() < 1e-9
        };
        let keep = (0..candidates.len())
            .find(|&o| {
                learner.paths[o].2.is_none()
                    && same(&candidates[o], &candidates[c])
                    && candidates[o]
                        .runs
                        .iter()
                        .all(|&r| used[r] < instance.seats[r])
            })
            .unwrap_or(c);
        for &r in &candidates[keep].runs {
            used[r] += 1;
        }
        chosen[l] = Some(keep);
    }
    let run_ref = |r: usize| {
        let (position, start, seats) = run_refs[r];
        let bite = &catalogue.bites()[position];
        RunRef {
            bite: bite.id.to_string(),
            title: bite
                .title
                .get(&options.lang)
                .unwrap_or_default()
                .to_string(),
            start,
            seats: Some(seats),
            seats_left: Some(seats.saturating_sub(used[r])),
        }
    };
    let lang = options.lang.as_str();
    let mut learners = Vec::with_capacity(prepared.len());
    let mut summary_counts = [0usize; 6];
    let (mut reaching, mut items_met, mut total_hours) = (0usize, 0u64, 0.0f64);
    for (l, learner) in prepared.into_iter().enumerate() {
        let chosen = chosen[l];
        let best = best_alone(&instance.learners[l]);
        let value = |c: usize| {
            let candidate = &instance.learners[l].candidates[c];
            allocate::Value {
                reach: if candidate.reaches {
                    learner.weight
                } else {
                    0.0
                },
                items: learner.weight * f64::from(candidate.items),
                hours: candidate.hours,
            }
        };
        let placement = if learner.error.is_some() {
            Placement::BadLine
        } else if best.is_none() {
            Placement::NoPath
        } else {
            let best = best.expect("a best candidate");
            match chosen {
                None => Placement::NoSeat,
                // A path the planner offered, as good as the best: their
                // first choice (the planner's order among equals is no
                // preference).
                Some(c) if learner.paths[c].2.is_none() && !value(best).better(value(c)) => {
                    Placement::FirstChoice
                }
                Some(c) if learner.paths[c].2.is_some() => Placement::LaterRun,
                Some(_) => Placement::OtherPath,
            }
        };
        let full_runs: Vec<RunRef> = match (placement, best) {
            (Placement::LaterRun | Placement::OtherPath | Placement::NoSeat, Some(b)) => {
                instance.learners[l].candidates[b]
                    .runs
                    .iter()
                    .filter(|&&r| used[r] >= instance.seats[r])
                    .map(|&r| run_ref(r))
                    .collect()
            }
            _ => Vec::new(),
        };
        let next_run = if placement == Placement::NoSeat {
            full_runs
                .first()
                .and_then(|full| next_free_run(data, full, &runs, &used, &instance, lang))
        } else {
            None
        };
        let path = chosen.map(|c| learner.paths[c].1.clone());
        if let Some(path) = &path {
            reaching += usize::from(path.reaches_target);
            items_met += u64::from(path.items_met);
            total_hours += path.total_hours;
        }
        summary_counts[placement as usize] += 1;
        let reason = reason(
            placement,
            &full_runs,
            next_run.as_ref(),
            path.as_ref(),
            learner
                .error
                .as_deref()
                .or(learner.no_path_reason.as_deref()),
            lang,
        );
        learners.push(LearnerAllocation {
            id: learner.id,
            line: learner.line,
            placement,
            target: learner.target,
            path,
            full_runs,
            next_run,
            reason,
        });
    }
    let runs_used = used.iter().filter(|&&u| u > 0).count();
    let runs_full = used
        .iter()
        .zip(&instance.seats)
        .filter(|(u, s)| **u > 0 && u >= s)
        .count();
    Ok(AllocationAnswer {
        summary: AllocationSummary {
            learners: learners.len(),
            first_choice: summary_counts[Placement::FirstChoice as usize],
            later_run: summary_counts[Placement::LaterRun as usize],
            other_path: summary_counts[Placement::OtherPath as usize],
            no_seat: summary_counts[Placement::NoSeat as usize],
            no_path: summary_counts[Placement::NoPath as usize],
            bad_lines: summary_counts[Placement::BadLine as usize],
            reaching_target: reaching,
            items_met,
            total_hours: total_hours.round(),
            runs_used,
            runs_full,
            contested: allocation.contested,
            value: allocation.value,
            bound: allocation.bound,
            gap: allocation.gap,
            optimal: allocation.optimal,
            planning_ms,
            solve_ms,
        },
        learners,
    })
}

/// A learner's best candidate alone (as the allocation ranks them).
fn best_alone(learner: &allocate::Learner) -> Option<usize> {
    let mut best: Option<(usize, allocate::Value)> = None;
    for (i, c) in learner.candidates.iter().enumerate() {
        let v = allocate::Value {
            reach: if c.reaches { learner.weight } else { 0.0 },
            items: learner.weight * f64::from(c.items),
            hours: c.hours,
        };
        if v.better(allocate::Value::default()) && best.is_none_or(|(_, b)| v.better(b)) {
            best = Some((i, v));
        }
    }
    best.map(|(i, _)| i)
}

/// The first later run of `full`'s course with seats left (or unlimited).
fn next_free_run(
    data: &Data,
    full: &RunRef,
    runs: &HashMap<(usize, NaiveDate), usize>,
    used: &[u32],
    instance: &Instance,
    lang: &str,
) -> Option<RunRef> {
    let position = data.catalogue.position(&full.bite)?;
    let bite = &data.catalogue.bites()[position];
    bite.sessions
        .iter()
        .filter(|s| s.start > full.start)
        .find_map(|s| {
            let left = match (s.seats, runs.get(&(position, s.start))) {
                (None, _) => None,
                (Some(seats), Some(&r)) => {
                    Some(instance.seats[r].saturating_sub(used[r]).min(seats))
                }
                (Some(seats), None) => Some(seats),
            };
            (left != Some(0)).then(|| RunRef {
                bite: bite.id.to_string(),
                title: bite.title.get(lang).unwrap_or_default().to_string(),
                start: s.start,
                seats: s.seats,
                seats_left: left,
            })
        })
}

/// Why, in plain words.
fn reason(
    placement: Placement,
    full: &[RunRef],
    next: Option<&RunRef>,
    path: Option<&AllocatedPath>,
    error: Option<&str>,
    lang: &str,
) -> String {
    let lang = Lang::of(lang);
    let full_text = capital(
        &full
            .iter()
            .map(|r| {
                tr!(
                    lang,
                    "allocate-run-full",
                    title = r.title.as_str(),
                    start = r.start.to_string(),
                    seats = r.seats.unwrap_or(0)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    let finish = path.map(|p| p.finish.to_string()).unwrap_or_default();
    let cause = error.unwrap_or_default();
    match placement {
        Placement::FirstChoice => tr!(lang, "allocate-first-choice"),
        Placement::LaterRun => tr!(
            lang,
            "allocate-later-run",
            full = full_text,
            finish = finish
        ),
        Placement::OtherPath => tr!(
            lang,
            "allocate-other-path",
            full = full_text,
            finish = finish
        ),
        Placement::NoSeat => {
            let next = next.map_or_else(String::new, |n| {
                tr!(
                    lang,
                    "allocate-next-run",
                    title = n.title.as_str(),
                    start = n.start.to_string()
                )
            });
            tr!(lang, "allocate-no-seat", full = full_text, next = next)
        }
        Placement::NoPath if cause.is_empty() => tr!(lang, "allocate-no-path"),
        Placement::NoPath => tr!(lang, "allocate-no-path-because", cause = cause),
        Placement::BadLine => tr!(lang, "allocate-bad-line", cause = cause),
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Plans every line's candidates on `threads` threads, in input order.
fn prepare_all(
    data: &Data,
    lines: &[(usize, String)],
    options: &AllocateOptions,
    threads: usize,
) -> Vec<Prepared> {
    let next = AtomicUsize::new(0);
    let out: Vec<Mutex<Option<Prepared>>> = lines.iter().map(|_| Mutex::new(None)).collect();
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some((number, line)) = lines.get(i) else {
                break;
            };
            let prepared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                prepare(data, *number, line, options)
            }))
            .unwrap_or_else(|_| {
                tracing::error!("an allocation line panicked; answered as an error");
                Prepared::error(
                    serde_json::Value::Null,
                    *number,
                    "an internal error (logged)".into(),
                )
            });
            *out[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(prepared);
        }
    };
    let threads = threads.clamp(1, lines.len().max(1));
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    out.into_iter()
        .map(|p| {
            p.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every line is prepared")
        })
        .collect()
}

impl Prepared {
    fn error(id: serde_json::Value, line: usize, message: String) -> Self {
        Self {
            id,
            line,
            error: Some(message),
            target: None,
            weight: 1.0,
            paths: Vec::new(),
            no_path_reason: None,
        }
    }
}

/// One line's candidates: the planner's paths to the target, each also
/// with one step moved to a later run.
fn prepare(data: &Data, number: usize, line: &str, options: &AllocateOptions) -> Prepared {
    let parsed: AllocateLine = match crate::domain::from_json_str(line) {
        Ok(parsed) => parsed,
        Err(e) => {
            let id = serde_json::from_str::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(serde_json::Value::Null);
            let field = if e.path.is_empty() {
                String::new()
            } else {
                format!("{}: ", e.path)
            };
            return Prepared::error(id, number, format!("{field}{}", e.message));
        }
    };
    if let Err(e) = crate::goal::check_learner(&parsed.learner, &data.taxonomy) {
        return Prepared::error(parsed.id, number, format!("learner: {e}"));
    }
    let weight = Priority::weight_of(&options.priorities, &parsed.learner);
    let mut prepared = Prepared {
        id: parsed.id,
        line: number,
        error: None,
        target: parsed.target.clone(),
        weight,
        paths: Vec::new(),
        no_path_reason: None,
    };
    let target = match parsed.target {
        Some(target) => target,
        None => {
            let rec_options = crate::recommend::Options {
                k: super::recommend::DEFAULT_COHORT_TARGETS,
                lang: options.lang.clone(),
                today: options.today,
                plan_budget: Duration::from_millis((options.config.planner_budget_ms / 8).max(5)),
            };
            let answer = crate::recommend::recommend(
                &parsed.learner,
                &data.recommendations(),
                &data.models,
                &rec_options,
            );
            match followed(&answer.targets, &data.catalogue) {
                Some((t, true)) => t.target.clone(),
                _ => {
                    prepared.no_path_reason = Some(match options.lang.as_str() {
                        "et" => "sobivat sihti pole".into(),
                        "ru" => "нет подходящей цели".into(),
                        _ => "no suitable target".into(),
                    });
                    return prepared;
                }
            }
        }
    };
    prepared.target = Some(target.clone());
    let query = match check_paths(
        PathsRequest {
            learner: parsed.learner.clone(),
            target: target.clone(),
            objective: Some(Objective::Hours),
            k: Some(PATHS_PER_LEARNER),
            lang: Some(options.lang.clone()),
            today: Some(options.today),
        },
        &options.config,
    ) {
        Ok(query) => query,
        Err(e) => {
            prepared.no_path_reason = Some(e.to_string());
            return prepared;
        }
    };
    let answer = match super::plans::paths(data, &query) {
        Ok(answer) => answer,
        Err(e) => {
            prepared.no_path_reason = Some(e.to_string());
            return prepared;
        }
    };
    for (index, path) in answer.paths.iter().enumerate() {
        if !is_real_path(&target, path, &data.catalogue) {
            continue;
        }
        let base = allocated(data, &answer, &target, path, &parsed.learner);
        prepared.paths.push((index, base.clone(), None));
        let mut later = later_runs(data, &base, &parsed.learner, options.today);
        // The earliest-finishing moves first; a few per path keep the
        // program small (each is one more variable per learner).
        later.sort_by_key(|(_, p)| p.finish);
        for (moved, later) in later.into_iter().take(MOVES_PER_PATH) {
            prepared.paths.push((index, later, Some(moved)));
        }
    }
    prepared
}

/// The planner's path as an allocation candidate.
fn allocated(
    data: &Data,
    answer: &PlanAnswer,
    target: &Target,
    path: &Path,
    _learner: &Learner,
) -> AllocatedPath {
    let modules = match target {
        Target::Qualification(id) => data.catalogue.qualification(id.as_str()),
        _ => None,
    };
    let mut skills: Vec<&str> = path
        .steps
        .iter()
        .flat_map(|s| s.covers.iter().map(|c| c.as_str()))
        .collect();
    skills.sort_unstable();
    skills.dedup();
    let module_steps = path
        .steps
        .iter()
        .filter(|s| {
            modules.is_some_and(|q| {
                q.requires.all_of.contains(&s.bite)
                    || q.requires.n_of.iter().any(|r| r.of.contains(&s.bite))
            })
        })
        .count();
    let missing = (answer.gap.len() + answer.open_modules.len()) as u32;
    let items_met = ((skills.len() + module_steps) as u32).min(missing.max(1));
    AllocatedPath {
        steps: path
            .steps
            .iter()
            .map(|s| AllocatedStep {
                bite: s.bite.to_string(),
                title: s.title.clone(),
                start: s.start,
                end: s.end,
                session: s.session,
                seats: if s.session {
                    data.catalogue
                        .bite(s.bite.as_str())
                        .and_then(|b| b.sessions.iter().find(|r| r.start == s.start))
                        .and_then(|r| r.seats)
                } else {
                    None
                },
                hours: s.hours,
                cost_eur: s.cost_eur,
            })
            .collect(),
        total_hours: path.total_hours,
        total_cost_eur: path.total_cost_eur,
        finish: path.finish,
        reaches_target: answer.uncoverable.is_empty(),
        items_met,
        items_missing: missing,
    }
}

/// Weekly hours of a step over its dates.
fn weekly(step: &AllocatedStep) -> f64 {
    let weeks = ((step.end - step.start).num_days() as f64 / 7.0).max(1.0);
    step.hours / weeks
}

/// The heaviest week of a path.
fn peak_load(steps: &[AllocatedStep]) -> f64 {
    steps
        .iter()
        .map(|at| {
            steps
                .iter()
                .filter(|s| s.start <= at.start && at.start < s.end)
                .map(weekly)
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// The path with one seat-limited step moved to a later run of the same
/// course, where the run is open for registration, ends before any later
/// step that might build on it starts, keeps the learner's dates and adds
/// no heavier week than the learner's limit (or the path's own).
fn later_runs(
    data: &Data,
    path: &AllocatedPath,
    learner: &Learner,
    today: NaiveDate,
) -> Vec<(usize, AllocatedPath)> {
    let mut out = Vec::new();
    let limit = learner.constraints.max_hours_per_week;
    let own_peak = peak_load(&path.steps);
    for (i, step) in path.steps.iter().enumerate() {
        if !step.session || step.seats.is_none() {
            continue;
        }
        let Some(bite) = data.catalogue.bite(&step.bite) else {
            continue;
        };
        let mut tried = 0;
        for run in bite.sessions.iter().filter(|r| r.start > step.start) {
            if tried == LATER_RUNS {
                break;
            }
            if run.registration_deadline.is_some_and(|d| d < today)
                || learner
                    .constraints
                    .start_after
                    .is_some_and(|d| run.start < d)
                || learner
                    .constraints
                    .finish_by
                    .is_some_and(|d| run.end() - chrono::Duration::days(1) > d)
            {
                continue;
            }
            let blocks_later = path
                .steps
                .iter()
                .enumerate()
                .any(|(j, s)| j != i && s.start >= step.end && run.end() > s.start);
            if blocks_later {
                continue;
            }
            let mut moved = path.clone();
            moved.steps[i].start = run.start;
            moved.steps[i].end = run.end();
            moved.steps[i].seats = run.seats;
            let peak = peak_load(&moved.steps);
            if peak > limit.unwrap_or(f64::INFINITY).max(own_peak) + 1e-9 {
                continue;
            }
            moved.finish = moved
                .steps
                .iter()
                .map(|s| s.end)
                .max()
                .unwrap_or(moved.finish);
            // Keep the order the steps are taken in: by start.
            moved.steps.sort_by_key(|s| s.start);
            tried += 1;
            out.push((i, moved));
        }
    }
    out
}
