//! What does a paths request get back?
//!
//! The [`PlanAnswer`] (DESIGN.md §5): the gap, the items no allowed bite can
//! meet ([`Uncoverable`]) and the paths ([`Path`], made of [`Step`]s), or
//! why no plan could be made ([`PlanError`]). Field order is the order of
//! the serialized answer.
//!
//! It must never compute anything: these are the answer's types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::gap::{GapItem, OpenModule};
use super::options::Objective;
use crate::domain::{BiteId, SkillUri};

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
    /// The language `title` is in: another than the one asked marks a
    /// fallback (a provider that wrote no title in that language).
    #[serde(default)]
    pub title_lang: String,
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
