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
//! It must never do IO or look at the clock.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    Gap, Goal, Hierarchy, Objective, OpenModule, PlanError, PlanOptions, Uncoverable, held_level,
    label_of,
};
use crate::domain::{Bite, BiteId, Learner, Level, Mode, SkillUri};

/// "Never" in days.
pub(crate) const NEVER: i64 = i64::MAX;

/// Default hours of study per week when the learner gives none.
pub(crate) const DEFAULT_HOURS_PER_WEEK: f64 = 10.0;

/// A skill at a level that some gap item or prerequisite asks for.
#[derive(Clone, Debug)]
pub(crate) struct Condition {
    pub skill: SkillUri,
    pub level: Level,
}

/// Why the learner's constraints exclude a bite, from the furthest from
/// meeting them to the closest (used to pick the most telling reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Exclusion {
    Language,
    Mode,
    Region,
    Dates,
    Budget,
    /// Left out by an alternative (e.g. "online only").
    Alternative,
}

/// Everything computed once per request.
pub(crate) struct Prepared<'a> {
    pub goal: &'a Goal,
    pub bites: &'a [Bite],
    pub hierarchy: &'a dyn Hierarchy,
    pub lang: String,
    /// The first day a session may start (`start_after`, at least today).
    pub base: NaiveDate,
    pub finish_by: Option<NaiveDate>,
    pub hours_per_week: f64,
    pub budget: Option<f64>,
    pub exclusion: Vec<Option<Exclusion>>,
    /// Conditions; the first `n_targets` are the gap items, in gap order.
    pub conditions: Vec<Condition>,
    pub n_targets: usize,
    /// Per bite: the conditions its outcomes meet (sorted).
    pub meets: Vec<Vec<u32>>,
    /// Per bite: the conditions its prerequisites need (sorted, deduplicated).
    pub prereqs: Vec<Vec<u32>>,
    /// Per condition: the bites that meet it.
    pub providers: Vec<Vec<u32>>,
    /// Per condition: the best level a bite's outcome gives on a skill
    /// covering it, whatever the constraints; `None` when no bite teaches it.
    pub best_outcome_level: Vec<Option<Level>>,
    /// Per bite: its cost for this learner.
    pub cost: Vec<f64>,
    /// Per bite: the sessions that fit the learner's dates, as (start, end)
    /// in days from the base day (computed once: the searches ask often).
    pub fitting_sessions: Vec<Vec<(i64, i64)>>,
    pub all_of: Vec<usize>,
    pub n_of: Vec<(u32, Vec<usize>)>,
}

impl<'a> Prepared<'a> {
    pub fn new(
        goal: &'a Goal,
        gap: &Gap,
        bites: &'a [Bite],
        learner: &'a Learner,
        hierarchy: &'a dyn Hierarchy,
        options: &PlanOptions,
    ) -> Result<Self, PlanError> {
        let index: HashMap<&str, usize> = bites
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

        let constraints = &learner.constraints;
        let base = constraints
            .start_after
            .map_or(options.today, |d| d.max(options.today));
        let hours_per_week = constraints
            .max_hours_per_week
            .filter(|h| *h > 0.0)
            .unwrap_or(DEFAULT_HOURS_PER_WEEK);
        let cost: Vec<f64> = bites
            .iter()
            .map(|b| b.cost_for(&constraints.funding))
            .collect();
        let exclusion: Vec<Option<Exclusion>> = bites
            .iter()
            .zip(&cost)
            .map(|(b, c)| exclusion(b, *c, learner, base, constraints.finish_by))
            .collect();

        // Conditions: gap items first, then every prerequisite the learner lacks.
        let mut conditions: Vec<Condition> = gap
            .items
            .iter()
            .map(|item| Condition {
                skill: item.skill.clone(),
                level: Level::new(i64::from(item.required_level)).unwrap_or_default(),
            })
            .collect();
        let n_targets = conditions.len();
        let mut condition_index: HashMap<(SkillUri, Level), u32> = HashMap::new();
        let mut prereqs: Vec<Vec<u32>> = Vec::with_capacity(bites.len());
        // The learner's level on each prerequisite skill, asked once per skill.
        let mut held_levels: HashMap<&SkillUri, u8> = HashMap::new();
        for bite in bites {
            let mut needs: Vec<u32> = Vec::new();
            for p in &bite.prerequisites {
                let held = *held_levels
                    .entry(&p.skill)
                    .or_insert_with(|| held_level(learner, hierarchy, &p.skill));
                if held >= p.level.get() {
                    continue;
                }
                let key = (p.skill.clone(), p.level);
                let id = *condition_index.entry(key).or_insert_with(|| {
                    conditions.push(Condition {
                        skill: p.skill.clone(),
                        level: p.level,
                    });
                    (conditions.len() - 1) as u32
                });
                needs.push(id);
            }
            needs.sort_unstable();
            needs.dedup();
            prereqs.push(needs);
        }

        // Which outcome skills cover which condition skills, asked once per
        // pair of distinct skills.
        let mut condition_skills: Vec<&SkillUri> = conditions.iter().map(|c| &c.skill).collect();
        condition_skills.sort();
        condition_skills.dedup();
        let mut conditions_by_skill: HashMap<&SkillUri, Vec<u32>> = HashMap::new();
        for (i, c) in conditions.iter().enumerate() {
            conditions_by_skill
                .entry(&c.skill)
                .or_default()
                .push(i as u32);
        }
        // From a broader closure (one walk per outcome skill) when the
        // hierarchy gives one, else by asking each pair.
        let mut covered_skills: HashMap<&SkillUri, Vec<&SkillUri>> = HashMap::new();
        let mut meets: Vec<Vec<u32>> = Vec::with_capacity(bites.len());
        // Per condition: the best level any bite's outcome gives on a skill
        // that covers it (whatever the constraints), for diagnoses.
        let mut best_outcome_level: Vec<Option<Level>> = vec![None; conditions.len()];
        for bite in bites {
            let mut met: Vec<u32> = Vec::new();
            for outcome in &bite.outcomes {
                let covered =
                    covered_skills.entry(&outcome.skill).or_insert_with(|| {
                        match hierarchy.broader_closure(&outcome.skill) {
                            Some(closure) => {
                                let mut covered: Vec<&SkillUri> = std::iter::once(&outcome.skill)
                                    .chain(&closure)
                                    .filter_map(|s| {
                                        conditions_by_skill.get_key_value(s).map(|(k, _)| *k)
                                    })
                                    .collect();
                                covered.sort();
                                covered.dedup();
                                covered
                            }
                            None => condition_skills
                                .iter()
                                .copied()
                                .filter(|s| hierarchy.covers(&outcome.skill, s))
                                .collect(),
                        }
                    });
                for skill in covered.iter() {
                    for &c in &conditions_by_skill[skill] {
                        let best = &mut best_outcome_level[c as usize];
                        *best = (*best).max(Some(outcome.level));
                        if outcome.level >= conditions[c as usize].level {
                            met.push(c);
                        }
                    }
                }
            }
            met.sort_unstable();
            met.dedup();
            meets.push(met);
        }
        let mut providers: Vec<Vec<u32>> = vec![Vec::new(); conditions.len()];
        for (b, met) in meets.iter().enumerate() {
            for &c in met {
                providers[c as usize].push(b as u32);
            }
        }

        let fitting_sessions = bites
            .iter()
            .map(|bite| {
                bite.sessions
                    .iter()
                    .map(|s| (s.start, s.end()))
                    .filter(|&(start, end)| {
                        start >= base
                            && constraints
                                .finish_by
                                .is_none_or(|last| end <= last + chrono::Duration::days(1))
                    })
                    .map(|(start, end)| ((start - base).num_days(), (end - base).num_days()))
                    .collect()
            })
            .collect();

        Ok(Self {
            goal,
            bites,
            fitting_sessions,
            hierarchy,
            lang: options.lang.clone(),
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
            all_of,
            n_of,
        })
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
            return ready + 7 * self.self_paced_weeks(bite.hours);
        }
        self.fitting_sessions[b]
            .iter()
            .filter(|(start, _)| *start >= ready)
            .map(|(_, end)| *end)
            .min()
            .unwrap_or(NEVER)
    }

    /// The search instance for one run.
    pub fn instance(&self, spec: &Spec) -> Instance {
        Instance::build(self, spec)
    }
}

fn exclusion(
    bite: &Bite,
    cost: f64,
    learner: &Learner,
    base: NaiveDate,
    finish_by: Option<NaiveDate>,
) -> Option<Exclusion> {
    let constraints = &learner.constraints;
    let languages = learner.allowed_languages();
    if !languages.is_empty() && !bite.languages.iter().any(|l| languages.contains(l)) {
        return Some(Exclusion::Language);
    }
    if !constraints.modes.is_empty() && !constraints.modes.contains(&bite.mode) {
        return Some(Exclusion::Mode);
    }
    if bite.mode.needs_region()
        && let (Some(home), Some(there)) = (&learner.region, &bite.region)
        && home != there
    {
        return Some(Exclusion::Region);
    }
    if !bite.sessions.is_empty()
        && !bite.sessions.iter().any(|s| {
            s.start >= base
                && finish_by.is_none_or(|last| s.end() <= last + chrono::Duration::days(1))
        })
    {
        return Some(Exclusion::Dates);
    }
    if constraints
        .budget_eur
        .is_some_and(|budget| cost > budget + 1e-9)
    {
        return Some(Exclusion::Budget);
    }
    None
}

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

/// A compact instance for the search. Bites are numbered locally.
pub(crate) struct Instance {
    /// Local → global bite index.
    pub global: Vec<usize>,
    pub meets: Vec<Vec<u32>>,
    pub prereqs: Vec<Vec<u32>>,
    /// Per condition: local bites meeting it.
    pub providers: Vec<Vec<u32>>,
    /// Gap items some reachable bite meets (condition ids).
    pub targets: Vec<u32>,
    /// Gap items no reachable bite meets, with the reason.
    pub uncoverable: Vec<Uncoverable>,
    pub forced: Vec<u32>,
    /// `n_of` rules with `n` lowered to what is reachable.
    pub n_of: Vec<(u32, Vec<u32>)>,
    /// The minimum ECTS, 0 when even all reachable bites fall short.
    pub min_ects: f64,
    /// Per goal `n_of` rule, the `n` this instance asks for.
    pub n_of_needs: Vec<u32>,
    pub hours: Vec<f64>,
    pub cost: Vec<f64>,
    pub ects: Vec<f64>,
    /// Earliest possible finish, days from base, ignoring hours per week.
    pub earliest_finish: Vec<i64>,
    /// Whether the bite runs in fixed sessions.
    pub has_sessions: Vec<bool>,
    pub budget: Option<f64>,
}

impl Instance {
    fn build(prepared: &Prepared, spec: &Spec) -> Self {
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
                uncoverable.push(Uncoverable {
                    skill: Some(prepared.conditions[t].skill.clone()),
                    module: None,
                    reason: diagnose_condition(prepared, t, &exclusion, &finish),
                });
            }
        }

        let mut in_module = vec![false; n];
        for &b in prepared
            .all_of
            .iter()
            .chain(prepared.n_of.iter().flat_map(|(_, of)| of))
        {
            in_module[b] = true;
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
                    reason: format!(
                        "the bites that fit your constraints give at most {reachable_ects} ECTS"
                    ),
                });
                0.0
            }
        } else {
            0.0
        };

        let weight = |b: usize| match spec.objective {
            Objective::Hours => prepared.bites[b].hours,
            Objective::Cost => prepared.cost[b],
            Objective::Weeks => finish[b] as f64,
        };
        let use_budget = spec.use_budget && prepared.budget.is_some();
        // Module rules, the weeks objective (whose value is not additive) and
        // useless bites decide what dominance may drop.
        let mut keep: Vec<bool> = reachable.clone();
        for b in 0..n {
            if keep[b] && !in_module[b] && prepared.meets[b].is_empty() && min_ects <= 0.0 {
                keep[b] = false;
            }
        }
        if spec.objective != Objective::Weeks {
            let dominates = |x: usize, y: usize| {
                // Does x dominate y?
                // Under a minimum of ECTS both bites may be needed for
                // their credits, so only bites without credits can go.
                !in_module[y]
                    && (min_ects <= 0.0 || prepared.bites[y].ects <= 0.0)
                    && weight(x) <= weight(y)
                    && finish[x] <= finish[y]
                    && (!use_budget || prepared.cost[x] <= prepared.cost[y])
                    && is_subset(&prepared.meets[y], &prepared.meets[x])
                    && is_subset(&prepared.prereqs[x], &prepared.prereqs[y])
            };
            let candidates: Vec<usize> = (0..n).filter(|&b| keep[b]).collect();
            let mut dropped = vec![false; n];
            for &a in &candidates {
                if in_module[a] {
                    continue;
                }
                dropped[a] = candidates
                    .iter()
                    .any(|&b| b != a && dominates(b, a) && (b < a || !dominates(a, b)));
            }
            for b in 0..n {
                if dropped[b] {
                    keep[b] = false;
                }
            }
        }

        let global: Vec<usize> = (0..n).filter(|&b| keep[b]).collect();
        let mut local = vec![u32::MAX; n];
        for (l, &g) in global.iter().enumerate() {
            local[g] = l as u32;
        }
        let providers: Vec<Vec<u32>> = prepared
            .providers
            .iter()
            .map(|ps| {
                ps.iter()
                    .map(|&g| local[g as usize])
                    .filter(|&l| l != u32::MAX)
                    .collect()
            })
            .collect();

        let mut forced: Vec<u32> = Vec::new();
        for &b in &prepared.all_of {
            if keep[b] {
                forced.push(local[b]);
            } else {
                uncoverable.push(Uncoverable {
                    skill: None,
                    module: Some(OpenModule::AllOf {
                        bite: prepared.bites[b].id.clone(),
                    }),
                    reason: format!(
                        "required module {}: {}",
                        prepared.bites[b].id,
                        diagnose_bite(prepared, b, &exclusion, &finish)
                    ),
                });
            }
        }
        forced.sort_unstable();
        forced.dedup();
        let mut n_of: Vec<(u32, Vec<u32>)> = Vec::new();
        let mut n_of_needs: Vec<u32> = Vec::new();
        for (rule, (need, of)) in prepared.n_of.iter().enumerate() {
            let members: Vec<u32> = of.iter().filter(|&&b| keep[b]).map(|&b| local[b]).collect();
            if (members.len() as u32) < *need {
                uncoverable.push(Uncoverable {
                    skill: None,
                    module: Some(OpenModule::NOf {
                        n: *need,
                        of: prepared.goal.n_of[rule].of.clone(),
                    }),
                    reason: format!(
                        "only {} of the listed bites fit your constraints, {} are required",
                        members.len(),
                        need
                    ),
                });
            }
            let effective = (*need).min(members.len() as u32);
            n_of_needs.push(effective);
            if effective > 0 {
                n_of.push((effective, members));
            }
        }

        Self {
            meets: global.iter().map(|&g| prepared.meets[g].clone()).collect(),
            prereqs: global
                .iter()
                .map(|&g| prepared.prereqs[g].clone())
                .collect(),
            hours: global.iter().map(|&g| prepared.bites[g].hours).collect(),
            cost: global.iter().map(|&g| prepared.cost[g]).collect(),
            ects: global
                .iter()
                .map(|&g| prepared.bites[g].ects.max(0.0))
                .collect(),
            earliest_finish: global.iter().map(|&g| finish[g]).collect(),
            has_sessions: global
                .iter()
                .map(|&g| !prepared.bites[g].sessions.is_empty())
                .collect(),
            budget: if use_budget { prepared.budget } else { None },
            global,
            providers,
            targets,
            uncoverable,
            forced,
            n_of,
            n_of_needs,
            min_ects,
        }
    }

    /// Whether `other` asks for the same items: its paths then meet
    /// everything this instance's paths meet.
    pub fn same_coverage(&self, other: &Instance) -> bool {
        let forced = |i: &Instance| {
            let mut f: Vec<usize> = i.forced.iter().map(|&b| i.global[b as usize]).collect();
            f.sort_unstable();
            f
        };
        self.targets == other.targets
            && forced(self) == forced(other)
            && self.n_of_needs == other.n_of_needs
            && self.min_ects == other.min_ects
    }

    /// Number of bites.
    pub fn len(&self) -> usize {
        self.global.len()
    }
}

/// Whether sorted `small` ⊆ sorted `large`.
fn is_subset(small: &[u32], large: &[u32]) -> bool {
    let mut j = 0;
    for &x in small {
        while j < large.len() && large[j] < x {
            j += 1;
        }
        if j == large.len() || large[j] != x {
            return false;
        }
        j += 1;
    }
    true
}

/// The earliest finish of each allowed bite (days from base) when its
/// prerequisites are met by the earliest-finishing other bites; `NEVER`
/// for bites that can never be taken. A Bellman–Ford style fixpoint: values
/// only decrease, so it ends, also on prerequisite cycles.
fn earliest_finish(prepared: &Prepared, allowed: &[bool]) -> Vec<i64> {
    let n = prepared.bites.len();
    let mut finish = vec![NEVER; n];
    loop {
        let mut changed = false;
        for b in 0..n {
            if !allowed[b] {
                continue;
            }
            let ready = ready_day(prepared, b, allowed, &finish);
            if ready == NEVER {
                continue;
            }
            let f = prepared.finish_after(b, ready);
            if f < finish[b] {
                finish[b] = f;
                changed = true;
            }
        }
        if !changed {
            return finish;
        }
    }
}

/// The first day all prerequisites of `b` can be met by other bites.
fn ready_day(prepared: &Prepared, b: usize, allowed: &[bool], finish: &[i64]) -> i64 {
    let mut ready = 0;
    for &p in &prepared.prereqs[b] {
        let earliest = prepared.providers[p as usize]
            .iter()
            .map(|&q| q as usize)
            .filter(|&q| q != b && allowed[q])
            .map(|q| finish[q])
            .min()
            .unwrap_or(NEVER);
        ready = ready.max(earliest);
    }
    ready
}

/// Why no reachable bite meets condition `t`.
fn diagnose_condition(
    prepared: &Prepared,
    t: usize,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
) -> String {
    let condition = &prepared.conditions[t];
    let best_level = prepared.best_outcome_level[t];
    let Some(best_level) = best_level else {
        return "no bite teaches this skill".into();
    };
    if best_level < condition.level {
        return format!(
            "needs level {}, the catalogue reaches level {}",
            condition.level, best_level
        );
    }
    // The bite that came closest to fitting tells the most.
    let closest = prepared.providers[t]
        .iter()
        .map(|&b| b as usize)
        .max_by_key(|&b| exclusion[b].map_or(u8::MAX, |e| e as u8));
    match closest {
        Some(b) => diagnose_bite(prepared, b, exclusion, finish),
        None => "no bite teaches this skill".into(),
    }
}

/// Why bite `b` can never be in a path.
fn diagnose_bite(
    prepared: &Prepared,
    b: usize,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
) -> String {
    let bite = &prepared.bites[b];
    match exclusion[b] {
        Some(Exclusion::Language) => "no bite in an allowed language".into(),
        Some(Exclusion::Mode) => "no bite in an allowed mode".into(),
        Some(Exclusion::Region) => format!("only {} in another county", bite.mode),
        Some(Exclusion::Dates) => "only sessions outside your dates".into(),
        Some(Exclusion::Budget) => "only bites that cost more than your budget".into(),
        Some(Exclusion::Alternative) => "not available in this alternative".into(),
        None => {
            let allowed: Vec<bool> = exclusion.iter().map(Option::is_none).collect();
            for &p in &prepared.prereqs[b] {
                let met = prepared.providers[p as usize].iter().any(|&q| {
                    q as usize != b && allowed[q as usize] && finish[q as usize] != NEVER
                });
                if !met {
                    let c = &prepared.conditions[p as usize];
                    return format!(
                        "prerequisite {} (level {}) cannot be met",
                        label_of(prepared.hierarchy, &c.skill, &prepared.lang),
                        c.level
                    );
                }
            }
            "only sessions outside your dates once its prerequisites are done".into()
        }
    }
}
