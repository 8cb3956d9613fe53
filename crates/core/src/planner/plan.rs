//! How is a plan made?
//!
//! The entry points: [`plan`] (prepare the goal, apply the learner, search,
//! lay out and explain the paths), [`plan_cached`] (the same, with the
//! goal's preparation kept in a [`PrepCache`]) and [`search_report`] (only
//! the main search, for benches and tuning).
//!
//! It must never do IO; the only clock is [`Instant`], to stop the search.

use std::time::{Duration, Instant};

use super::answer::{PlanAnswer, PlanError};
use super::cache::PrepCache;
use super::goal::Goal;
use super::limits;
use super::options::{Objective, PlanOptions};
use super::{explain, prepare, search};
use crate::domain::{Bite, Hierarchy, Learner};

/// The `k` best paths from `learner` to `goal` over `bites` (DESIGN.md §3 item 4).
pub fn plan(
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    options: &PlanOptions,
) -> Result<PlanAnswer, PlanError> {
    let started = Instant::now();
    let prep = prepare::GoalPrep::new(goal, bites, hierarchy);
    plan_prepared(&prep, goal, bites, learner, hierarchy, options, started)
}

/// [`plan`] with the learner-independent preparation of `goal` taken from
/// `cache` (made and kept there on first use). The answer is the same as
/// [`plan`]'s; only the time differs. `cache` must be used with one bite
/// list and one hierarchy (those of one catalogue generation): keep it next
/// to them, e.g. in the served data, so a new generation starts with an
/// empty one. A call with other data than the cached preparation was made
/// from prepares afresh and replaces it.
pub fn plan_cached(
    cache: &PrepCache,
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    options: &PlanOptions,
) -> Result<PlanAnswer, PlanError> {
    let started = Instant::now();
    let prep = cache.get(goal, bites, hierarchy);
    plan_prepared(&prep, goal, bites, learner, hierarchy, options, started)
}

fn plan_prepared(
    prep: &prepare::GoalPrep,
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    options: &PlanOptions,
    started: Instant,
) -> Result<PlanAnswer, PlanError> {
    let (gap, prepared) = prepare::prepare(prep, goal, bites, learner, hierarchy, options)?;
    let mut answer = explain::plan_paths(&prepared, gap, options, started)?;
    if answer.left.iter().any(|l| l.budget_needed_eur.is_none()) {
        let replan = |changed: &Learner| -> Option<PlanAnswer> {
            let options = PlanOptions {
                k: 1,
                time_budget: options.time_budget / 4,
                ..options.clone()
            };
            let (gap, prepared) =
                prepare::prepare(prep, goal, bites, changed, hierarchy, &options).ok()?;
            explain::plan_paths(&prepared, gap, &options, Instant::now()).ok()
        };
        limits::suggest(&mut answer, learner, &options.lang, replan);
    }
    Ok(answer)
}

/// What the search for the requested objective did, for benches and tuning:
/// no alternatives, no calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchReport {
    /// The best value found (hours, EUR or days), if any.
    pub best: Option<f64>,
    /// A proven lower bound in the same unit.
    pub lower_bound: f64,
    /// Whether `best` is proven optimal.
    pub optimal: bool,
    /// Search states expanded.
    pub nodes: u64,
    /// Each improvement: time since the search started, and the value.
    pub incumbents: Vec<(Duration, f64)>,
    /// Candidate bites left after preprocessing.
    pub n_candidates: usize,
    /// Time spent preparing (filters, fixpoint, dominance).
    pub prepare_time: Duration,
    /// Time spent searching.
    pub search_time: Duration,
    /// Gap items some candidate meets.
    pub n_targets: usize,
}

/// Runs only the main search of [`plan`] (budget as a constraint, no
/// over-budget check) and reports how it went.
pub fn search_report(
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    options: &PlanOptions,
) -> Result<SearchReport, PlanError> {
    let started = Instant::now();
    let prep = prepare::GoalPrep::new(goal, bites, hierarchy);
    let (_, prepared) = prepare::prepare(&prep, goal, bites, learner, hierarchy, options)?;
    let instance = prepared.instance(&prepare::Spec {
        objective: options.objective,
        online_only: false,
        excluded: Vec::new(),
        use_budget: true,
    });
    let prepare_time = started.elapsed();
    let measure = match options.objective {
        Objective::Hours => search::Measure::Hours,
        Objective::Cost => search::Measure::Cost,
        Objective::Weeks => search::Measure::FinishDays,
    };
    let outcome = search::solve(
        &prepared,
        &instance,
        measure,
        started + options.time_budget,
        search::hard_deadline(started, options.time_budget),
    );
    Ok(SearchReport {
        best: outcome.best.map(|b| b.value),
        lower_bound: outcome.lower_bound,
        optimal: outcome.optimal,
        nodes: outcome.nodes,
        incumbents: outcome.history,
        n_candidates: instance.len(),
        prepare_time,
        search_time: started.elapsed() - prepare_time,
        n_targets: instance.targets.len(),
    })
}
