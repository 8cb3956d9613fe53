//! What can be prepared once per goal and kept?
//!
//! Most of the work of a cold plan does not depend on the learner: which
//! bites meet which requirement or prerequisite through the skills
//! hierarchy, which skills the goal and the prerequisites name, the bites a
//! module rule names, the sessions' days. [`PrepCache`] keeps that
//! preparation per goal, so a request only adds what its learner changes
//! (held levels, constraints, dates, costs) before the search.
//!
//! A cache belongs to one bite list and one hierarchy: the service keeps one
//! in its served data (`api::Served::preparations`), which a reload or a new
//! index generation replaces as a whole, so old data is never planned with.
//! As a guard, every preparation remembers the data it was made from (the
//! address and length of the bite list and the hierarchy's address; the
//! owner of the cache keeps that data alive, so an address is not reused
//! while the cache is) and is made afresh when asked with other data.
//!
//! It must never do IO; it keeps nothing about a learner.

use std::sync::Arc;

use super::prepare::{GoalPrep, Source};
use super::{Goal, Hierarchy};
use crate::domain::{Bite, BiteId, Competence};

/// What identifies a goal's preparation: its requirements and module
/// rules (labels, kind and the ECTS minimum do not change it).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct GoalKey {
    competences: Vec<Competence>,
    all_of: Vec<BiteId>,
    n_of: Vec<(u32, Vec<BiteId>)>,
}

impl GoalKey {
    fn of(goal: &Goal) -> Self {
        Self {
            competences: goal.competences.clone(),
            all_of: goal.all_of.clone(),
            n_of: goal
                .n_of
                .iter()
                .map(|rule| (rule.n, rule.of.clone()))
                .collect(),
        }
    }
}

/// Learner-independent preparations of goals, bounded in number, for
/// [`super::plan_cached`]. Cheap to share (`Arc` it or keep it in shared
/// state); safe to use from many threads.
pub struct PrepCache {
    preparations: moka::sync::Cache<GoalKey, Arc<GoalPrep>>,
}

impl std::fmt::Debug for PrepCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrepCache")
            .field("goals", &self.preparations.entry_count())
            .finish()
    }
}

impl Default for PrepCache {
    fn default() -> Self {
        Self::new(Self::DEFAULT_GOALS)
    }
}

impl PrepCache {
    /// How many goals [`PrepCache::default`] keeps: every qualification of
    /// a large catalogue and the occupations asked most (a preparation of
    /// the default catalogue takes some tens of kilobytes).
    pub const DEFAULT_GOALS: u64 = 512;

    /// An empty cache keeping at most `max_goals` preparations.
    pub fn new(max_goals: u64) -> Self {
        Self {
            preparations: moka::sync::Cache::builder().max_capacity(max_goals).build(),
        }
    }

    /// The preparation of `goal` over `bites` and `hierarchy`: the kept one
    /// when it was made from the same data, else a new one (then kept).
    pub(crate) fn get(
        &self,
        goal: &Goal,
        bites: &[Bite],
        hierarchy: &dyn Hierarchy,
    ) -> Arc<GoalPrep> {
        let key = GoalKey::of(goal);
        let source = Source::of(bites, hierarchy);
        if let Some(prep) = self.preparations.get(&key)
            && prep.source == source
        {
            return prep;
        }
        let prep = Arc::new(GoalPrep::new(goal, bites, hierarchy));
        self.preparations.insert(key, prep.clone());
        prep
    }

    /// Number of goals prepared and kept (approximate while others insert).
    pub fn len(&self) -> u64 {
        self.preparations.run_pending_tasks();
        self.preparations.entry_count()
    }

    /// Whether no goal is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
