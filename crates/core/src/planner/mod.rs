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
//!    path and the best proven lower bound; on large instances with a
//!    Lagrangian bound that sees prerequisites (`bound`), reduced-cost
//!    fixing and large-neighbourhood search.
//! 4. `calendar` places the steps; `explain` writes the explanations.
//!
//! This module is pure: no IO, no clock other than [`std::time::Instant`] to
//! stop the search, no tokio, no tantivy, no HTTP. "Today" is a parameter.
//!
//! The files, one question each:
//! - `goal`: what the learner must meet ([`Goal`]);
//! - `options`: how to plan ([`Objective`], [`PlanOptions`]);
//! - `gap`: what is missing ([`Gap`], [`gap_in`]);
//! - `answer`: what a paths request gets back ([`PlanAnswer`], [`Path`],
//!   [`PlanError`]);
//! - `plan`: how a plan is made ([`plan`], [`plan_cached`],
//!   [`search_report`]);
//! - `cache`, `prepare`, `search` (with `bound`), `calendar`, `explain`:
//!   the steps above;
//! - `partial`: the most within the limits when no complete path fits them;
//! - `limits`: which hours per week or finish date would make it fit;
//! - `unlock`: which single changes of the profile make an uncoverable item
//!   coverable ([`unlocks`], checked by planning again);
//! - `why_not`: why a bite is not in the path ([`why_not`]);
//! - `fixtures`: generated instances for the benches and tests (`scale`:
//!   the national-catalogue family of `examples/scale.rs`).

mod answer;
mod bound;
mod cache;
mod calendar;
mod explain;
pub mod fixtures;
mod gap;
mod goal;
mod limits;
mod options;
mod partial;
mod plan;
mod prepare;
mod search;
#[cfg(test)]
mod tests;
mod unlock;
mod why_not;

pub use crate::domain::{Hierarchy, MemoryHierarchy};
pub use answer::{
    Cause, CauseCode, Count, LeftItem, Meets, Path, PathKind, PlanAnswer, PlanError, PlanOutcome,
    ProfileChange, Step, Uncoverable, Unlock,
};
pub use cache::PrepCache;
pub use gap::{Gap, GapItem, OpenModule, gap, gap_in};
pub use goal::{Goal, GoalKind};
pub use options::{Objective, PlanOptions};
pub use plan::{SearchReport, plan, plan_cached, search_report};
#[doc(hidden)]
pub use search::{Stats as SearchStats, take_stats as take_search_stats};
pub use unlock::{MAX_CANDIDATES, UNLOCK_NODES, apply, unlocks};
pub use why_not::{WhyNot, WhyNotCode, why_not};

// The parts of the gap that `prepare` and `explain` reuse.
use gap::{dedupe_requirements, label_of, label_with_lang, open_modules};
