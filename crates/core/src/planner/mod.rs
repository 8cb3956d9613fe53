//! What is missing, and what is the shortest way to get it?
//!
//! The planner computes a learner's *gap* to a goal (a micro-qualification,
//! an occupation's essential skills or a list of competences) and the `k`
//! best *paths*: ordered learning bites that close the gap under the
//! learner's constraints, with a calendar, totals, a proof of optimality or
//! a lower bound, and a plain explanation per step (DESIGN.md §2 coverage
//! rules, §3 items 3–4, §5 paths answer).
//!
//! How it works, in order:
//! 1. [`gap`] applies coverage rule 1 through the [`Hierarchy`] trait.
//! 2. `prepare` drops bites the constraints exclude, computes which bites
//!    can ever be taken (prerequisite fixpoint, with dates), which gap items
//!    no bite can meet (and why), and drops dominated bites.
//! 3. `search` runs an exact branch and bound over sets of bites
//!    (see its docs for the bounds), stopping at `time_budget` with the best
//!    path and the best proven lower bound.
//! 4. `calendar` places the steps; `explain` writes the explanations.
//!
//! This module is pure: no IO, no clock other than [`std::time::Instant`] to
//! stop the search, no tokio, no tantivy, no HTTP. "Today" is a parameter.

mod cache;
mod calendar;
mod explain;
pub mod fixtures;
mod prepare;
mod search;
#[cfg(test)]
mod tests;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{
    Bite, BiteId, Competence, Learner, LocalizedText, NOf, Qualification, SkillUri,
};

pub use crate::domain::{Hierarchy, MemoryHierarchy};
pub use cache::PrepCache;

/// What kind of target a goal was resolved from; used in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GoalKind {
    /// A micro-qualification.
    Qualification,
    /// An occupation's essential skills.
    Occupation,
    /// A list of competences.
    Skills,
}

/// A resolved target: everything the learner must meet.
///
/// The caller resolves `Target::Qualification` from the catalogue
/// ([`Goal::from_qualification`]) and `Target::Occupation` into its essential
/// skills at level 1 ([`Goal::from_competences`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// Required competences, all of them.
    pub competences: Vec<Competence>,
    /// Bites that must all be in the path.
    pub all_of: Vec<BiteId>,
    /// Choice rules: at least `n` of each list.
    pub n_of: Vec<NOf>,
    /// Minimum total ECTS of the bites in the path (held competences do not
    /// count: a profile says what a person can do, not which credits they hold).
    pub min_ects: f64,
    /// The goal's name, for explanations.
    pub label: LocalizedText,
    /// What the goal was resolved from.
    pub kind: GoalKind,
}

impl Goal {
    /// The goal of earning `qualification`.
    pub fn from_qualification(qualification: &Qualification) -> Self {
        Self {
            competences: qualification.requires.competences.clone(),
            all_of: qualification.requires.all_of.clone(),
            n_of: qualification.requires.n_of.clone(),
            min_ects: qualification.min_ects.max(0.0),
            label: qualification.title.clone(),
            kind: GoalKind::Qualification,
        }
    }

    /// The goal of holding `competences` (an occupation's essential skills,
    /// or a list the learner gave).
    pub fn from_competences(
        competences: Vec<Competence>,
        label: LocalizedText,
        kind: GoalKind,
    ) -> Self {
        Self {
            competences,
            all_of: Vec::new(),
            n_of: Vec::new(),
            min_ects: 0.0,
            label,
            kind,
        }
    }
}

/// What "shortest" means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// Fewest total hours of study (the default).
    #[default]
    Hours,
    /// Lowest total cost for the learner (after funding).
    Cost,
    /// Earliest finish on the calendar.
    Weeks,
}

impl Objective {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Hours => "hours",
            Objective::Cost => "cost",
            Objective::Weeks => "weeks",
        }
    }
}

/// How to plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanOptions {
    /// What to minimise.
    pub objective: Objective,
    /// How many paths to return (at least 1).
    pub k: usize,
    /// When to stop searching and return the best path found so far.
    pub time_budget: Duration,
    /// Today; sessions that start before it are over.
    pub today: NaiveDate,
    /// Language of labels, titles and explanations.
    pub lang: String,
}

impl PlanOptions {
    /// The defaults: fewest hours, 3 paths, 200 ms, English.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            objective: Objective::Hours,
            k: 3,
            time_budget: Duration::from_millis(200),
            today,
            lang: "en".into(),
        }
    }
}

/// One requirement the learner does not meet yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GapItem {
    /// The required skill.
    pub skill: SkillUri,
    /// Its label in the requested language (the URI when unknown).
    pub label: String,
    /// The level required.
    pub required_level: u8,
    /// The best level the learner holds on the skill or a narrower one; 0 if none.
    pub held_level: u8,
    /// Labour-market demand for the skill in the learner's region, filled
    /// in after planning by whoever knows the labour market (the demand
    /// module); the planner leaves it empty.
    pub demand: Option<crate::domain::DemandFigure>,
}

/// A module rule of the goal that is still open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum OpenModule {
    /// A bite that must be taken.
    AllOf {
        /// The bite.
        bite: BiteId,
    },
    /// At least `n` of `of`.
    NOf {
        /// How many.
        n: u32,
        /// Of which bites.
        of: Vec<BiteId>,
    },
    /// At least this many ECTS credits from the bites taken.
    MinEcts {
        /// The minimum.
        min_ects: f64,
    },
}

/// The gap between a learner and a goal.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Gap {
    /// Competences not yet met.
    pub items: Vec<GapItem>,
    /// Module rules still open.
    pub open_modules: Vec<OpenModule>,
}

impl Gap {
    /// Whether the learner meets everything.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.open_modules.is_empty()
    }
}

/// A gap item (or module rule) that no allowed, reachable bite can meet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Uncoverable {
    /// The skill, for a competence item; null for a module rule.
    pub skill: Option<SkillUri>,
    /// The module rule, for a module item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<OpenModule>,
    /// Why, in plain words.
    pub reason: String,
}

/// One bite in a path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Step {
    /// The bite.
    pub bite: BiteId,
    /// Its title in the requested language.
    pub title: String,
    /// The gap items this step meets first.
    pub covers: Vec<SkillUri>,
    /// The day it starts (a session's start, or a planned start when self-paced).
    pub start: NaiveDate,
    /// The day after its last day.
    pub end: NaiveDate,
    /// Whether it runs in a fixed session (else self-paced).
    pub session: bool,
    /// Workload.
    pub hours: f64,
    /// Cost for this learner, after funding.
    pub cost_eur: f64,
    /// ECTS credits.
    pub ects: f64,
    /// Why it is in the path.
    pub why: String,
    /// Set when no session of this bite fits the calendar rules (hours per
    /// week or order); the dates are then the best effort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_note: Option<String>,
}

/// One path to the goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Path {
    /// What sets this path apart ("fewest hours", "cheapest", …).
    pub label: String,
    /// The steps, in an order in which every prerequisite is met.
    pub steps: Vec<Step>,
    /// Total hours.
    pub total_hours: f64,
    /// Total cost for the learner.
    pub total_cost_eur: f64,
    /// Total ECTS.
    pub total_ects: f64,
    /// The day after the last step ends (the start day for an empty path).
    pub finish: NaiveDate,
    /// Weeks from the start day to `finish`, rounded up.
    pub total_weeks: u32,
    /// Whether this path is proven optimal for the requested objective.
    pub optimal: bool,
    /// A proven lower bound on the hours of any path meeting all coverable items.
    pub lower_bound_hours: f64,
    /// The requested objective.
    pub objective: Objective,
    /// A proven lower bound in the objective's unit (hours, EUR or weeks).
    pub lower_bound: f64,
    /// A plain-language explanation.
    pub explanation: String,
}

/// The answer to a paths request (DESIGN.md §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanAnswer {
    /// Competences not yet met.
    pub gap: Vec<GapItem>,
    /// Module rules still open.
    pub open_modules: Vec<OpenModule>,
    /// Items no allowed bite can meet, with the reason.
    pub uncoverable: Vec<Uncoverable>,
    /// The paths, best first.
    pub paths: Vec<Path>,
}

/// Why no plan could be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// The goal names bites that are not in the catalogue.
    #[error("the goal names bites that are not in the catalogue: {}", ids.iter().map(BiteId::as_str).collect::<Vec<_>>().join(", "))]
    UnknownBite {
        /// The unknown ids.
        ids: Vec<BiteId>,
    },
    /// Even the cheapest path exceeds the learner's budget.
    #[error("the cheapest path costs {cheapest_cost_eur} EUR, over the budget of {budget_eur} EUR")]
    OverBudget {
        /// The cost of the cheapest path found.
        cheapest_cost_eur: f64,
        /// The learner's budget.
        budget_eur: f64,
    },
    /// The search ran out of time before finding any path.
    #[error("no path was found within the time budget")]
    NoPathFound,
}

/// The gap between `learner` and `goal` (coverage rule 1).
pub fn gap(goal: &Goal, learner: &Learner, hierarchy: &dyn Hierarchy) -> Gap {
    gap_in(goal, learner, hierarchy, "en")
}

/// The gap, with labels in `lang`.
pub fn gap_in(goal: &Goal, learner: &Learner, hierarchy: &dyn Hierarchy, lang: &str) -> Gap {
    let mut items: Vec<GapItem> = Vec::new();
    for required in dedupe_requirements(&goal.competences) {
        let held = held_level(learner, hierarchy, &required.skill);
        if held >= required.level.get() {
            continue;
        }
        items.push(GapItem {
            label: label_of(hierarchy, &required.skill, lang),
            skill: required.skill.clone(),
            required_level: required.level.get(),
            held_level: held,
            demand: None,
        });
    }
    Gap {
        items,
        open_modules: open_modules(goal),
    }
}

/// The goal's module rules, all open: a profile holds no bites.
fn open_modules(goal: &Goal) -> Vec<OpenModule> {
    let mut open_modules: Vec<OpenModule> = goal
        .all_of
        .iter()
        .map(|bite| OpenModule::AllOf { bite: bite.clone() })
        .collect();
    open_modules.extend(
        goal.n_of
            .iter()
            .filter(|rule| rule.n > 0)
            .map(|rule| OpenModule::NOf {
                n: rule.n,
                of: rule.of.clone(),
            }),
    );
    if goal.min_ects > 0.0 {
        open_modules.push(OpenModule::MinEcts {
            min_ects: goal.min_ects,
        });
    }
    open_modules
}

/// The requirements with one entry per skill, at the highest level asked.
fn dedupe_requirements(competences: &[Competence]) -> Vec<Competence> {
    let mut out: Vec<Competence> = Vec::new();
    for c in competences {
        match out.iter_mut().find(|o| o.skill == c.skill) {
            Some(o) => o.level = o.level.max(c.level),
            None => out.push(c.clone()),
        }
    }
    out
}

/// The best level the learner holds on `skill` or a narrower skill; 0 if none.
fn held_level(learner: &Learner, hierarchy: &dyn Hierarchy, skill: &SkillUri) -> u8 {
    learner
        .competences
        .iter()
        .filter(|held| hierarchy.covers(&held.skill, skill))
        .map(|held| held.level.get())
        .max()
        .unwrap_or(0)
}

fn label_of(hierarchy: &dyn Hierarchy, skill: &SkillUri, lang: &str) -> String {
    hierarchy
        .label(skill, lang)
        .unwrap_or_else(|| skill.to_string())
}

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
    explain::plan_paths(&prepared, gap, options, started)
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
