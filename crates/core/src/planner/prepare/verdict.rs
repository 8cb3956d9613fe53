//! Why is one bite not in a path?
//!
//! The facts behind "why not this course?" ([`Verdict`]), asked in the
//! order a person would check them: a constraint excludes it (which one),
//! its prerequisites cannot be reached (the first block down the chain, as
//! for uncoverable items), it meets nothing still missing, another bite
//! dominates it (meets all it meets, needs nothing more, and is no worse
//! on the objective and on its earliest finish: the rule dominance uses
//! when it drops bites before the search), or none of these: it could be
//! in a path, and the search found a better one.

use super::constraints::Exclusion;
use super::diagnose::{diagnose_bite, exclusion_cause};
use super::lists::is_subset;
use super::reach::{Reach, Spec};
use super::request::{NEVER, Prepared};
use crate::planner::{Cause, Objective};

/// Why bite `b` is not in a path, as facts.
pub(crate) enum Verdict {
    /// A constraint of the learner excludes it.
    Excluded(Cause),
    /// It is allowed, but its prerequisites cannot be met (the cause, and
    /// its sentence).
    Unreachable(Cause, String),
    /// It meets nothing the goal still needs.
    NotNeeded,
    /// Another bite (global index) meets all it meets, needs nothing more
    /// and is no worse.
    Dominated(usize),
    /// It could be in a path.
    Candidate,
}

impl Prepared<'_> {
    /// Why bite `b` is not in a path minimising `objective` (constraints
    /// only, no alternative).
    pub fn verdict(&self, b: usize, objective: Objective) -> Verdict {
        let spec = Spec {
            objective,
            online_only: false,
            excluded: Vec::new(),
            use_budget: true,
        };
        let reach = Reach::new(self, &spec);
        if let Some(exclusion) = self.exclusion[b]
            && exclusion != Exclusion::Alternative
        {
            let cause = exclusion_cause(self, b, exclusion);
            return Verdict::Excluded(cause);
        }
        if reach.finish[b] == NEVER {
            let (text, cause) = diagnose_bite(self, b, &reach.exclusion, &reach.finish);
            return Verdict::Unreachable(cause, text);
        }
        let in_module = self.all_of.contains(&b) || self.n_of.iter().any(|(_, of)| of.contains(&b));
        if self.meets[b].is_empty() && !in_module && self.goal.min_ects <= 0.0 {
            return Verdict::NotNeeded;
        }
        if in_module || (self.goal.min_ects > 0.0 && self.bites[b].ects > 0.0) {
            return Verdict::Candidate;
        }
        let weight = |x: usize| match objective {
            Objective::Hours => self.bites[x].hours,
            Objective::Cost => self.cost[x],
            Objective::Weeks => reach.finish[x] as f64,
        };
        let better = |x: usize| weight(x) < weight(b) || (weight(x) == weight(b) && x < b);
        let dominator = (0..self.bites.len()).find(|&x| {
            x != b
                && reach.finish[x] != NEVER
                && better(x)
                && reach.finish[x] <= reach.finish[b]
                && (self.budget.is_none() || self.cost[x] <= self.cost[b])
                && is_subset(&self.meets[b], &self.meets[x])
                && is_subset(&self.prereqs[x], &self.prereqs[b])
        });
        match dominator {
            Some(x) => Verdict::Dominated(x),
            None => Verdict::Candidate,
        }
    }
}
