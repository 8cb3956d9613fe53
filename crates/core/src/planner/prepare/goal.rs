//! What does planning towards one goal need, whatever the learner?
//!
//! A goal's preparation ([`GoalPrep`]) is made once per goal and catalogue
//! and shared by every request through `planner::PrepCache`: the goal's
//! module rules as bite numbers, every potential condition (the goal's
//! requirements, then every distinct prerequisite), which bites meet and
//! need which of them through the skills hierarchy, and the sessions' days.
//! It keeps nothing about a learner.

use chrono::Datelike;
use fnv::FnvHashMap;

use super::lists::IdLists;
use crate::domain::{Bite, BiteId, Level, SkillUri};
use crate::planner::{Goal, Hierarchy, PlanError, dedupe_requirements};

/// Which data a preparation was made from: the address and length of the
/// bite list and the address of the hierarchy. A preparation is used only
/// with the data it was made from (see `planner::PrepCache`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Source {
    bites: usize,
    n_bites: usize,
    hierarchy: usize,
}

impl Source {
    pub fn of(bites: &[Bite], hierarchy: &dyn Hierarchy) -> Self {
        Self {
            bites: bites.as_ptr() as usize,
            n_bites: bites.len(),
            hierarchy: std::ptr::from_ref(hierarchy).cast::<()>() as usize,
        }
    }
}

/// What planning towards one goal over one catalogue needs, whatever the
/// learner: computed once per goal and shared by every request (and every
/// alternative) through `planner::PrepCache`.
///
/// Every requirement of the goal and every prerequisite of every bite is a
/// *potential condition*: requirements first (deduplicated, in goal order),
/// then the distinct prerequisites `(skill, level)` in the order the bites
/// list them. A learner's conditions are the potential ones the learner
/// does not meet, in the same order, so the numbering `Prepared` used when
/// it built everything per request is kept exactly.
pub(crate) struct GoalPrep {
    pub source: Source,
    /// Unknown bites named by the goal make the whole goal fail.
    pub shared: Result<Shared, PlanError>,
}

/// The learner-independent part of a preparation (see [`GoalPrep`]).
pub(crate) struct Shared {
    pub(super) all_of: Vec<usize>,
    pub(super) n_of: Vec<(u32, Vec<usize>)>,
    /// Every skill a potential condition names (interned: ids index this).
    pub(super) skills: Vec<SkillUri>,
    pub(super) skill_ids: FnvHashMap<SkillUri, u32>,
    /// Potential conditions: (skill id, level); the first `n_requirements`
    /// are the goal's requirements.
    pub(super) potential: Vec<(u32, Level)>,
    pub(super) n_requirements: usize,
    /// Per bite: the potential prerequisite conditions (sorted, distinct).
    pub(super) bite_prereqs: IdLists,
    /// Per bite: the potential conditions its outcomes meet (sorted).
    pub(super) bite_meets: IdLists,
    /// Per potential condition: the bites meeting it (ascending).
    pub(super) providers: IdLists,
    /// Per potential condition: the best level a bite's outcome gives on a
    /// skill covering it; `None` when no bite teaches it.
    pub(super) best_level: Vec<Option<Level>>,
    /// Per bite: its sessions as (first day, day after the end), in days
    /// from the common era, so a request compares numbers, not dates.
    pub(super) sessions: Vec<Vec<(i64, i64)>>,
}

impl GoalPrep {
    /// Prepares `goal` over `bites` and `hierarchy`.
    pub fn new(goal: &Goal, bites: &[Bite], hierarchy: &dyn Hierarchy) -> Self {
        Self {
            source: Source::of(bites, hierarchy),
            shared: Shared::new(goal, bites, hierarchy),
        }
    }
}

impl Shared {
    fn new(goal: &Goal, bites: &[Bite], hierarchy: &dyn Hierarchy) -> Result<Self, PlanError> {
        let index: FnvHashMap<&str, usize> = bites
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let mut unknown: Vec<BiteId> = Vec::new();
        let mut lookup = |id: &BiteId| match index.get(id.as_str()) {
            Some(&i) => Some(i),
            None => {
                if !unknown.contains(id) {
                    unknown.push(id.clone());
                }
                None
            }
        };
        let all_of: Vec<usize> = goal.all_of.iter().filter_map(&mut lookup).collect();
        let n_of: Vec<(u32, Vec<usize>)> = goal
            .n_of
            .iter()
            .map(|rule| {
                let mut of: Vec<usize> = rule.of.iter().filter_map(&mut lookup).collect();
                of.sort_unstable();
                of.dedup();
                (rule.n, of)
            })
            .filter(|(n, _)| *n > 0)
            .collect();
        if !unknown.is_empty() {
            return Err(PlanError::UnknownBite { ids: unknown });
        }

        let mut skills: Vec<SkillUri> = Vec::new();
        let mut skill_ids: FnvHashMap<SkillUri, u32> = FnvHashMap::default();
        let mut intern = |skill: &SkillUri| -> u32 {
            if let Some(&id) = skill_ids.get(skill) {
                return id;
            }
            skills.push(skill.clone());
            skill_ids.insert(skill.clone(), (skills.len() - 1) as u32);
            (skills.len() - 1) as u32
        };
        let mut potential: Vec<(u32, Level)> = dedupe_requirements(&goal.competences)
            .iter()
            .map(|c| (intern(&c.skill), c.level))
            .collect();
        let n_requirements = potential.len();
        let mut prerequisite_ids: FnvHashMap<(u32, Level), u32> = FnvHashMap::default();
        let mut bite_prereqs = IdLists::with_capacity(bites.len(), bites.len());
        let mut needs: Vec<u32> = Vec::new();
        for bite in bites {
            needs.clear();
            for p in &bite.prerequisites {
                let key = (intern(&p.skill), p.level);
                let id = *prerequisite_ids.entry(key).or_insert_with(|| {
                    potential.push(key);
                    (potential.len() - 1) as u32
                });
                needs.push(id);
            }
            needs.sort_unstable();
            needs.dedup();
            bite_prereqs.push(&needs);
        }
        let n_skills = skills.len();
        let mut conditions_by_skill: Vec<Vec<u32>> = vec![Vec::new(); n_skills];
        for (c, &(skill, _)) in potential.iter().enumerate() {
            conditions_by_skill[skill as usize].push(c as u32);
        }

        // Which condition skills each outcome skill covers: from its broader
        // closure (one walk per distinct outcome skill) when the hierarchy
        // gives one, else by asking each pair.
        let mut covered_skills: FnvHashMap<&SkillUri, Vec<u32>> = FnvHashMap::default();
        // Per bite, the best outcome level on each covered condition skill.
        let mut best_on_skill: Vec<Option<Level>> = vec![None; n_skills];
        let mut touched: Vec<u32> = Vec::new();
        let mut best_level: Vec<Option<Level>> = vec![None; potential.len()];
        let mut bite_meets = IdLists::with_capacity(bites.len(), bites.len() * 2);
        let mut met: Vec<u32> = Vec::new();
        for bite in bites {
            for outcome in &bite.outcomes {
                let covered = covered_skills.entry(&outcome.skill).or_insert_with(|| {
                    let mut covered: Vec<u32> = match hierarchy.broader_closure(&outcome.skill) {
                        Some(closure) => std::iter::once(&outcome.skill)
                            .chain(&closure)
                            .filter_map(|s| skill_ids.get(s).copied())
                            .collect(),
                        None => (0..n_skills as u32)
                            .filter(|&s| hierarchy.covers(&outcome.skill, &skills[s as usize]))
                            .collect(),
                    };
                    covered.sort_unstable();
                    covered.dedup();
                    covered
                });
                for &skill in covered.iter() {
                    let best = &mut best_on_skill[skill as usize];
                    if best.is_none() {
                        touched.push(skill);
                    }
                    *best = (*best).max(Some(outcome.level));
                }
            }
            met.clear();
            for &skill in &touched {
                let level = best_on_skill[skill as usize];
                for &c in &conditions_by_skill[skill as usize] {
                    let best = &mut best_level[c as usize];
                    *best = (*best).max(level);
                    if level >= Some(potential[c as usize].1) {
                        met.push(c);
                    }
                }
                best_on_skill[skill as usize] = None;
            }
            touched.clear();
            met.sort_unstable();
            bite_meets.push(&met);
        }
        let mut providers: Vec<Vec<u32>> = vec![Vec::new(); potential.len()];
        for b in 0..bites.len() {
            for &c in &bite_meets[b] {
                providers[c as usize].push(b as u32);
            }
        }
        let mut provider_lists = IdLists::with_capacity(potential.len(), bites.len() * 2);
        for list in &providers {
            provider_lists.push(list);
        }
        let sessions = bites
            .iter()
            .map(|bite| {
                bite.sessions
                    .iter()
                    .map(|s| {
                        (
                            i64::from(s.start.num_days_from_ce()),
                            i64::from(s.end().num_days_from_ce()),
                        )
                    })
                    .collect()
            })
            .collect();
        Ok(Self {
            all_of,
            n_of,
            skills,
            skill_ids,
            potential,
            n_requirements,
            bite_prereqs,
            bite_meets,
            providers: provider_lists,
            best_level,
            sessions,
        })
    }
}
