//! Which bites can ever be in a path, and which gap items can never be met?
//!
//! Turns the request into a compact instance for the search: every gap item
//! and every prerequisite the learner does not meet becomes a *condition*;
//! each bite meets some conditions (its outcomes, through the hierarchy) and
//! needs others (its prerequisites). Then, per search:
//! - bites the constraints exclude are dropped (language, mode, region for
//!   onsite/blended bites, dates, a cost over the whole budget);
//! - a fixpoint over prerequisites finds the bites that can ever be taken,
//!   together with their earliest possible finish (a bite's own outcomes
//!   never meet its own prerequisites, so self-prerequisites and cycles end
//!   up unreachable instead of looping);
//! - gap items and module rules no reachable bite can meet are diagnosed
//!   with a specific reason (coverage rule 4);
//! - dominated bites are dropped: `a` goes when some `b` meets every
//!   condition `a` meets, needs no condition `a` does not need, and is no
//!   worse on the objective, on its earliest possible finish (so that the
//!   calendar can still place what follows) and on cost under a budget;
//!   bites named by module rules, and bites with credits under a minimum of
//!   ECTS, are never dropped.
//!
//! The files, one question each:
//! - `goal`: what planning towards one goal needs, whatever the learner
//!   (`GoalPrep`, made once per goal and kept in `planner::PrepCache`);
//! - `request`: what one request adds to it (`prepare`, `Prepared`: the
//!   learner's conditions, costs and session days);
//! - `constraints`: which bites the learner's constraints exclude, and why;
//! - `reach`: what one search run may use (`Spec`) and which gap items the
//!   bites it leaves in can reach;
//! - `fixpoint`: which bites can ever be taken, and their earliest finish;
//! - `diagnose`: why a gap item or a bite can never be in a path;
//! - `instance`: what one search run gets, dominated bites dropped
//!   (`Instance`);
//! - `verdict`: why one bite is not in a path ("why not this course?");
//! - `lists`: many short lists kept in one allocation.
//!
//! No file names a file that names it. It must never do IO or look at the
//! clock.

mod constraints;
mod diagnose;
mod fixpoint;
mod goal;
mod instance;
mod lists;
mod reach;
mod request;
mod verdict;

pub(crate) use goal::{GoalPrep, Source};
pub(crate) use instance::Instance;
pub(crate) use reach::Spec;
pub(crate) use request::{DEFAULT_HOURS_PER_WEEK, NEVER, Prepared, prepare};
pub(crate) use verdict::Verdict;
