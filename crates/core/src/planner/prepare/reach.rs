//! What may one search run use, and which gap items can the bites it
//! leaves in reach?
//!
//! A run's [`Spec`] says what it minimises and which bites it leaves out
//! (the alternatives: online only, different courses). Its [`Reach`] drops
//! the bites the constraints or the run exclude, runs the prerequisite
//! fixpoint over the others, and finds the gap items and the ECTS minimum
//! no reachable bite can meet, each with its reason.

use super::constraints::Exclusion;
use super::diagnose::diagnose_condition;
use super::fixpoint::earliest_finish;
use super::request::{NEVER, Prepared};
use crate::domain::Mode;
use crate::planner::{Cause, CauseCode, Objective, OpenModule, Uncoverable};
use crate::text::Lang;
use crate::tr;

/// What one search run may use and minimise.
#[derive(Clone, Debug)]
pub(crate) struct Spec {
    pub objective: Objective,
    /// Only online bites (the "online only" alternative).
    pub online_only: bool,
    /// Bites left out (global indices; the "different courses" alternative).
    pub excluded: Vec<usize>,
    /// Whether the budget caps the path (off for the hours lower bound).
    pub use_budget: bool,
}

/// What the bites a run leaves in can reach: why each bite is left out,
/// earliest finishes, and which gap items and how many ECTS are within
/// reach. It depends on the bites left out (the learner's constraints,
/// `online_only`, `excluded`), not on the objective, so the runs of one
/// answer that leave out the same bites share one.
pub(crate) struct Reach {
    pub(super) online_only: bool,
    pub(super) excluded: Vec<usize>,
    pub(super) exclusion: Vec<Option<Exclusion>>,
    pub(super) finish: Vec<i64>,
    pub(super) reachable: Vec<bool>,
    pub(super) targets: Vec<u32>,
    /// Gap items and the ECTS minimum out of reach, with the reason.
    pub(super) uncoverable: Vec<Uncoverable>,
    pub(super) min_ects: f64,
}

impl Prepared<'_> {
    /// What the bites `spec` leaves in can reach; the same for every run
    /// that leaves out the same bites, whatever it minimises.
    pub fn reach(&self, spec: &Spec) -> Reach {
        Reach::new(self, spec)
    }
}

impl Reach {
    pub(super) fn new(prepared: &Prepared, spec: &Spec) -> Self {
        let n = prepared.bites.len();
        let mut exclusion = prepared.exclusion.clone();
        for (b, bite) in prepared.bites.iter().enumerate() {
            if exclusion[b].is_none()
                && ((spec.online_only && bite.mode != Mode::Online) || spec.excluded.contains(&b))
            {
                exclusion[b] = Some(Exclusion::Alternative);
            }
        }
        let allowed: Vec<bool> = exclusion.iter().map(Option::is_none).collect();
        let finish = earliest_finish(prepared, &allowed);
        let reachable: Vec<bool> = finish.iter().map(|&f| f != NEVER).collect();

        let mut uncoverable: Vec<Uncoverable> = Vec::new();
        let mut targets: Vec<u32> = Vec::new();
        for t in 0..prepared.n_targets {
            if prepared.providers[t].iter().any(|&b| reachable[b as usize]) {
                targets.push(t as u32);
            } else {
                let (reason, cause) = diagnose_condition(prepared, t, &exclusion, &finish);
                uncoverable.push(Uncoverable {
                    skill: Some(prepared.conditions[t].skill.clone()),
                    module: None,
                    reason,
                    cause: Some(cause),
                    unlocks: Vec::new(),
                });
            }
        }

        let min_ects = if prepared.goal.min_ects > 0.0 {
            let reachable_ects: f64 = (0..n)
                .filter(|&b| reachable[b])
                .map(|b| prepared.bites[b].ects.max(0.0))
                .sum();
            if reachable_ects + 1e-9 >= prepared.goal.min_ects {
                prepared.goal.min_ects
            } else {
                uncoverable.push(Uncoverable {
                    skill: None,
                    module: Some(OpenModule::MinEcts {
                        min_ects: prepared.goal.min_ects,
                    }),
                    reason: tr!(
                        Lang::of(&prepared.lang),
                        "cause-too-few-credits",
                        ects = crate::text::number(Lang::of(&prepared.lang), reachable_ects, 1)
                    ),
                    cause: Some(Cause::new(CauseCode::TooFewCredits)),
                    unlocks: Vec::new(),
                });
                0.0
            }
        } else {
            0.0
        };
        Self {
            online_only: spec.online_only,
            excluded: spec.excluded.clone(),
            exclusion,
            finish,
            reachable,
            targets,
            uncoverable,
            min_ects,
        }
    }
}
