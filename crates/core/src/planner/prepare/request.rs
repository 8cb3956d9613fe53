//! What does one request add to its goal's preparation?
//!
//! Applies a learner to a [`GoalPrep`]: the levels the learner holds, the
//! gap, the learner's *conditions* (the potential conditions not met yet,
//! numbered in the same order), each bite's cost and [`Exclusion`], and the
//! session days: the sessions that fit the learner's dates, counted in days
//! from the base day, and when a bite can finish at the earliest once it
//! can start.

use chrono::{Datelike, NaiveDate};

use super::constraints::{Exclusion, SessionFit, exclusion};
use super::goal::{GoalPrep, Shared, Source};
use super::lists::{IdLists, SessionDays, inverse};
use crate::domain::{Bite, Learner, Level, SkillUri};
use crate::planner::{
    Gap, GapItem, Goal, Hierarchy, PlanError, PlanOptions, label_with_lang, open_modules,
};

/// "Never" in days.
pub(crate) const NEVER: i64 = i64::MAX;

/// Default hours of study per week when the learner gives none.
pub(crate) const DEFAULT_HOURS_PER_WEEK: f64 = 10.0;

/// A skill at a level that some gap item or prerequisite asks for.
#[derive(Clone, Debug)]
pub(crate) struct Condition<'a> {
    pub skill: &'a SkillUri,
    pub level: Level,
}

impl Shared {
    /// The learner's level on each interned skill: the best level held on
    /// the skill or a narrower one (coverage rule 1), 0 if none.
    fn held_levels(&self, learner: &Learner, hierarchy: &dyn Hierarchy) -> Vec<u8> {
        let mut held = vec![0u8; self.skills.len()];
        for competence in &learner.competences {
            let level = competence.level.get();
            match hierarchy.broader_closure(&competence.skill) {
                Some(closure) => {
                    for skill in std::iter::once(&competence.skill).chain(&closure) {
                        if let Some(&id) = self.skill_ids.get(skill) {
                            held[id as usize] = held[id as usize].max(level);
                        }
                    }
                }
                None => {
                    for (id, skill) in self.skills.iter().enumerate() {
                        if hierarchy.covers(&competence.skill, skill) {
                            held[id] = held[id].max(level);
                        }
                    }
                }
            }
        }
        held
    }

    /// The gap (as `planner::gap_in` computes it) from the held levels.
    fn gap(&self, goal: &Goal, held: &[u8], hierarchy: &dyn Hierarchy, lang: &str) -> Gap {
        let items = self.potential[..self.n_requirements]
            .iter()
            .filter(|&&(skill, level)| held[skill as usize] < level.get())
            .map(|&(skill, level)| {
                let uri = &self.skills[skill as usize];
                let (label, label_lang) = label_with_lang(hierarchy, uri, lang);
                GapItem {
                    label,
                    label_lang,
                    skill: uri.clone(),
                    required_level: level.get(),
                    held_level: held[skill as usize],
                    demand: None,
                    demand_missing: None,
                }
            })
            .collect();
        Gap {
            items,
            open_modules: open_modules(goal),
        }
    }
}

/// Everything computed once per request.
pub(crate) struct Prepared<'a> {
    pub goal: &'a Goal,
    pub bites: &'a [Bite],
    pub hierarchy: &'a dyn Hierarchy,
    pub lang: String,
    /// Stop each search after this many states instead of at its deadline
    /// (`PlanOptions::node_budget`).
    pub node_budget: Option<u64>,
    /// The first day a session may start (`start_after`, at least today).
    pub base: NaiveDate,
    pub finish_by: Option<NaiveDate>,
    pub hours_per_week: f64,
    pub budget: Option<f64>,
    pub exclusion: Vec<Option<Exclusion>>,
    /// Conditions; the first `n_targets` are the gap items, in gap order.
    pub conditions: Vec<Condition<'a>>,
    pub n_targets: usize,
    /// Per bite: the conditions its outcomes meet (sorted).
    pub meets: IdLists,
    /// Per bite: the conditions its prerequisites need (sorted, deduplicated).
    pub prereqs: IdLists,
    /// Per condition: the bites that meet it.
    pub providers: Vec<&'a [u32]>,
    /// Per condition: the best level a bite's outcome gives on a skill
    /// covering it, whatever the constraints; `None` when no bite teaches it.
    pub best_outcome_level: Vec<Option<Level>>,
    /// Per bite: its cost for this learner.
    pub cost: Vec<f64>,
    /// Per condition: the bites that need it as a prerequisite.
    pub needed_by: IdLists,
    /// Per bite: whether it meets a condition some bite needs first.
    pub meets_prerequisite: Vec<bool>,
    /// Per bite without such prerequisites: its earliest finish (days from
    /// base; `NEVER` when no session fits); `NEVER` for the others.
    pub unconditional_finish: Vec<i64>,
    /// Per bite: the sessions that fit the learner's dates, as (start, end)
    /// in days from the base day (computed once: the searches ask often).
    pub fitting_sessions: SessionDays,
    pub all_of: Vec<usize>,
    pub n_of: Vec<(u32, Vec<usize>)>,
}

/// The gap and the preparation of one request.
pub(crate) fn prepare<'a>(
    prep: &'a GoalPrep,
    goal: &'a Goal,
    bites: &'a [Bite],
    learner: &'a Learner,
    hierarchy: &'a dyn Hierarchy,
    options: &PlanOptions,
) -> Result<(Gap, Prepared<'a>), PlanError> {
    debug_assert!(prep.source == Source::of(bites, hierarchy));
    let shared = prep.shared.as_ref().map_err(Clone::clone)?;
    let held = shared.held_levels(learner, hierarchy);
    let gap = shared.gap(goal, &held, hierarchy, &options.lang);
    let prepared = Prepared::new(shared, goal, bites, learner, &held, hierarchy, options);
    Ok((gap, prepared))
}

impl<'a> Prepared<'a> {
    fn new(
        shared: &'a Shared,
        goal: &'a Goal,
        bites: &'a [Bite],
        learner: &'a Learner,
        held: &[u8],
        hierarchy: &'a dyn Hierarchy,
        options: &PlanOptions,
    ) -> Self {
        let constraints = &learner.constraints;
        let base = constraints
            .start_after
            .map_or(options.today, |d| d.max(options.today));
        let hours_per_week = constraints
            .max_hours_per_week
            .filter(|h| *h > 0.0)
            .unwrap_or(DEFAULT_HOURS_PER_WEEK);

        // The learner's conditions: the potential ones not met yet, in the
        // same order; `active[p]` is the number of potential condition `p`.
        let mut active: Vec<u32> = vec![u32::MAX; shared.potential.len()];
        let mut conditions: Vec<Condition<'a>> = Vec::new();
        let mut providers: Vec<&'a [u32]> = Vec::new();
        let mut best_outcome_level: Vec<Option<Level>> = Vec::new();
        let mut n_targets = 0;
        for (p, &(skill, level)) in shared.potential.iter().enumerate() {
            if held[skill as usize] >= level.get() {
                continue;
            }
            active[p] = conditions.len() as u32;
            conditions.push(Condition {
                skill: &shared.skills[skill as usize],
                level,
            });
            providers.push(&shared.providers[p]);
            best_outcome_level.push(shared.best_level[p]);
            if p < shared.n_requirements {
                n_targets += 1;
            }
        }
        // The numbering is monotone, so the mapped lists stay sorted.
        let remap = |lists: &IdLists| {
            let mut out = IdLists::with_capacity(bites.len(), lists.items.len());
            for b in 0..bites.len() {
                for &p in &lists[b] {
                    let c = active[p as usize];
                    if c != u32::MAX {
                        out.push_item(c);
                    }
                }
                out.close();
            }
            out
        };
        let meets = remap(&shared.bite_meets);
        let prereqs = remap(&shared.bite_prereqs);

        let base_day = i64::from(base.num_days_from_ce());
        let last_day = constraints
            .finish_by
            .map(|last| i64::from(last.num_days_from_ce()) + 1);
        let mut fitting_sessions = SessionDays {
            items: Vec::new(),
            ends: Vec::with_capacity(bites.len()),
        };
        // A session fits the learner's dates and hours per week (a week of
        // it loads hours / weeks); `in_dates` says whether any fits the
        // dates alone, to tell the two reasons apart.
        let mut in_dates: Vec<bool> = Vec::with_capacity(bites.len());
        for (b, sessions) in shared.sessions.iter().enumerate() {
            let mut dated = false;
            for &(start, end) in sessions {
                if start >= base_day && last_day.is_none_or(|last| end <= last) {
                    dated = true;
                    let weeks = ((end - start) as f64 / 7.0).max(1.0);
                    if bites[b].hours / weeks <= hours_per_week + 1e-9 {
                        fitting_sessions
                            .items
                            .push((start - base_day, end - base_day));
                    }
                }
            }
            in_dates.push(dated);
            fitting_sessions
                .ends
                .push(fitting_sessions.items.len() as u32);
        }

        let cost: Vec<f64> = bites
            .iter()
            .map(|b| b.cost_for(&constraints.funding))
            .collect();
        let languages = learner.allowed_languages();
        let exclusion: Vec<Option<Exclusion>> = bites
            .iter()
            .enumerate()
            .map(|(b, bite)| {
                exclusion(
                    bite,
                    cost[b],
                    learner,
                    languages,
                    match (fitting_sessions[b].is_empty(), in_dates[b]) {
                        (false, _) => SessionFit::Fits,
                        (true, true) => SessionFit::TooHeavy,
                        (true, false) => SessionFit::OutsideDates,
                    },
                )
            })
            .collect();

        let mut prepared = Self {
            goal,
            bites,
            fitting_sessions,
            hierarchy,
            lang: options.lang.clone(),
            node_budget: options.node_budget,
            base,
            finish_by: constraints.finish_by,
            hours_per_week,
            budget: constraints.budget_eur,
            exclusion,
            conditions,
            n_targets,
            meets,
            prereqs,
            providers,
            best_outcome_level,
            cost,
            all_of: shared.all_of.clone(),
            n_of: shared.n_of.clone(),
            needed_by: IdLists::default(),
            meets_prerequisite: Vec::new(),
            unconditional_finish: Vec::new(),
        };
        prepared.needed_by = inverse(&prepared.prereqs, prepared.conditions.len());
        prepared.meets_prerequisite = (0..bites.len())
            .map(|b| {
                prepared.meets[b]
                    .iter()
                    .any(|&c| !prepared.needed_by[c as usize].is_empty())
            })
            .collect();
        prepared.unconditional_finish = (0..bites.len())
            .map(|b| {
                if prepared.prereqs[b].is_empty() {
                    prepared.finish_after(b, 0)
                } else {
                    NEVER
                }
            })
            .collect();
        prepared
    }

    /// Bite `b`'s title in the asked language (or the nearest one it has;
    /// its id when it has none).
    pub fn title(&self, b: usize) -> String {
        let bite = &self.bites[b];
        bite.title
            .get(&self.lang)
            .map_or_else(|| bite.id.to_string(), str::to_string)
    }

    /// Days from the base day to `date`.
    pub fn offset(&self, date: NaiveDate) -> i64 {
        (date - self.base).num_days()
    }

    /// The base day plus `days`.
    pub fn date(&self, days: i64) -> NaiveDate {
        self.base + chrono::Duration::days(days)
    }

    /// Weeks a self-paced bite of `hours` takes at the learner's pace.
    pub fn self_paced_weeks(&self, hours: f64) -> i64 {
        ((hours / self.hours_per_week).ceil() as i64).max(1)
    }

    /// Whether a session fits the learner's dates.
    pub fn session_fits(&self, start: NaiveDate, end: NaiveDate) -> bool {
        start >= self.base
            && self
                .finish_by
                .is_none_or(|last| end <= last + chrono::Duration::days(1))
    }

    /// The earliest finish (days from base) of bite `b` when it can start
    /// on day `ready`; `NEVER` when no session fits.
    pub fn finish_after(&self, b: usize, ready: i64) -> i64 {
        let bite = &self.bites[b];
        if bite.sessions.is_empty() {
            let end = ready + 7 * self.self_paced_weeks(bite.hours);
            return match self.finish_by {
                Some(last) if end > self.offset(last) + 1 => NEVER,
                _ => end,
            };
        }
        self.fitting_sessions[b]
            .iter()
            .filter(|(start, _)| *start >= ready)
            .map(|(_, end)| *end)
            .min()
            .unwrap_or(NEVER)
    }
}
