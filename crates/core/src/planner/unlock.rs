//! What single change of the profile would make an uncoverable item
//! coverable (coverage rule 4's *unlocks*)?
//!
//! [`unlocks`] looks at the bites that could meet each uncoverable item
//! (the bites teaching it and, down the prerequisite chains, the bites
//! teaching what those need) and collects the constraints that exclude
//! them: a mode not ticked, another county, a language not studied in, a
//! cost over the budget, sessions after the finish date; and the
//! prerequisite the cause names, which the learner may already hold. The
//! most telling candidates (those that free the most of these bites) are
//! then tried: each is applied to a copy of the profile and checked, first
//! with the cheap reachability pass (the goal's preparation is reused),
//! then by planning again. Only a change after which the new best path
//! meets the item is offered, with what the best path gains (missing
//! skills met, hours, cost). A change that makes an item coverable but
//! puts the path over the budget is offered together with the raise of
//! the budget it then needs.
//!
//! The work is bounded by search states, not by the clock, so that the
//! same request gets the same unlocks on a busy machine: at most
//! [`MAX_CANDIDATES`] candidates, each planned again with every search
//! stopping after [`UNLOCK_NODES`] states (`PlanOptions::node_budget`).
//!
//! It must never do IO nor read the clock.

use std::time::Duration;

use super::answer::{PlanAnswer, PlanOutcome, ProfileChange, Uncoverable, Unlock};
use super::cache::PrepCache;
use super::goal::Goal;
use super::options::{Objective, PlanOptions};
use super::prepare::{self, Prepared, Spec};
use crate::domain::county::region_name;
use crate::domain::{Bite, HeldCompetence, Hierarchy, Learner, Level};
use crate::planner::label_of;
use crate::text::Lang;
use crate::tr;

/// At most this many changes are tried per request.
pub const MAX_CANDIDATES: usize = 6;

/// Each search of a plan made again for an unlock stops after this many
/// states (the default data's searches prove theirs in a few thousand).
pub const UNLOCK_NODES: u64 = 5_000;

/// At most this many raises of the budget are tried per change.
const MAX_RAISES: usize = 3;

/// At most this many bites are looked at per uncoverable item.
const MAX_RELEVANT: usize = 400;

/// Adds to each uncoverable item of `answer` (made by planning `goal` for
/// `learner` with `options`) the changes that are checked to make it
/// coverable. `cache` must be the one the answer was planned with.
#[allow(clippy::too_many_arguments)]
pub fn unlocks(
    cache: &PrepCache,
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    options: &PlanOptions,
    answer: &mut PlanAnswer,
) {
    if answer.uncoverable.is_empty() {
        return;
    }
    let prep = cache.get(goal, bites, hierarchy);
    let Ok((_, prepared)) = prepare::prepare(&prep, goal, bites, learner, hierarchy, options)
    else {
        return;
    };
    let candidates = candidates(&prepared, learner, &answer.uncoverable);
    let before = Totals::of(answer);
    let replan = |learner: &Learner, objective: Objective| {
        let options = PlanOptions {
            objective,
            k: 1,
            time_budget: (options.time_budget / 10).max(Duration::from_millis(5)),
            node_budget: Some(UNLOCK_NODES),
            ..options.clone()
        };
        super::plan_cached(cache, goal, bites, learner, hierarchy, &options)
    };
    let lang = Lang::of(&options.lang);
    for candidate in candidates {
        // The cheap check first: does the change make any item coverable?
        let mut probe = learner.clone();
        for change in &candidate.changes {
            apply(&mut probe, change);
        }
        if candidate.budget {
            probe.constraints.budget_eur = None;
        }
        if candidate.finish {
            probe.constraints.finish_by = None;
        }
        let Ok((_, probed)) = prepare::prepare(&prep, goal, bites, &probe, hierarchy, options)
        else {
            continue;
        };
        let left = still_uncoverable(&probed);
        if answer.uncoverable.iter().all(|u| left.contains(&key(u))) {
            continue;
        }
        // Then the change itself, with the numbers it needs.
        let mut changes = candidate.changes.clone();
        if candidate.finish {
            match replan(&probe, options.objective) {
                Ok(found) if !found.paths.is_empty() => {
                    let finish = found.paths[0].finish;
                    let last_day = finish.pred_opt().unwrap_or(finish);
                    if learner
                        .constraints
                        .finish_by
                        .is_some_and(|finish_by| last_day <= finish_by)
                    {
                        continue;
                    }
                    changes.push(ProfileChange::FinishLater {
                        finish_by: last_day,
                    });
                }
                _ => continue,
            }
        }
        if candidate.budget {
            match replan(&probe, Objective::Cost) {
                Ok(cheapest) if !cheapest.paths.is_empty() => {
                    changes.push(ProfileChange::RaiseBudget {
                        budget_eur: cheapest.paths[0].total_cost_eur.ceil(),
                    });
                }
                _ => continue,
            }
        }
        let mut applied = learner.clone();
        for change in &changes {
            apply(&mut applied, change);
        }
        let mut planned = replan(&applied, options.objective);
        // A change that puts the path over the budget works with a raise:
        // to what the items the partial plan leaves out would need. A plan
        // within the raised budget may meet other items and leave one that
        // needs more: raise again (a few times at most).
        for _ in 0..MAX_RAISES {
            let needed = match &planned {
                Ok(partial)
                    if matches!(
                        partial.outcome,
                        PlanOutcome::Partial | PlanOutcome::NothingReachable
                    ) =>
                {
                    partial
                        .left
                        .iter()
                        .filter_map(|left| left.budget_needed_eur)
                        .filter(|budget| budget.is_finite())
                        .reduce(f64::max)
                }
                _ => None,
            };
            let Some(budget_eur) = needed else { break };
            let budget_eur = budget_eur.ceil();
            if applied
                .constraints
                .budget_eur
                .is_some_and(|now| budget_eur <= now)
            {
                break;
            }
            let raise = ProfileChange::RaiseBudget { budget_eur };
            apply(&mut applied, &raise);
            changes.retain(|c| !matches!(c, ProfileChange::RaiseBudget { .. }));
            changes.push(raise);
            planned = replan(&applied, options.objective);
        }
        let Ok(planned) = planned else {
            continue;
        };
        let after = Totals::of(&planned);
        let unlock = Unlock {
            text: describe(&changes, lang, hierarchy),
            changes,
            adds_items: after.items as i64 - before.items as i64,
            adds_hours: round1(after.hours - before.hours),
            adds_cost_eur: round1(after.cost - before.cost),
        };
        for item in &mut answer.uncoverable {
            // The smallest changes only: none that adds to one already offered.
            let larger = item
                .unlocks
                .iter()
                .any(|offered| contains(&unlock.changes, &offered.changes));
            if !larger && met(&planned, item) {
                item.unlocks.push(unlock.clone());
            }
        }
    }
}

/// Changes to try together: `changes` as they are, and the budget or the
/// finish date when set, whose numbers come from planning without them.
#[derive(Clone, Debug, PartialEq)]
struct Candidate {
    changes: Vec<ProfileChange>,
    budget: bool,
    finish: bool,
}

impl Candidate {
    fn parts(&self) -> usize {
        self.changes.len() + usize::from(self.budget) + usize::from(self.finish)
    }
}

/// Whether `changes` makes every change of `smaller` (any raise of the
/// budget counting as the same change).
fn contains(changes: &[ProfileChange], smaller: &[ProfileChange]) -> bool {
    smaller.iter().all(|s| {
        changes.iter().any(|c| {
            c == s
                || matches!(
                    (c, s),
                    (
                        ProfileChange::RaiseBudget { .. },
                        ProfileChange::RaiseBudget { .. }
                    )
                )
        })
    })
}

/// What identifies an uncoverable item across answers.
fn key(item: &Uncoverable) -> String {
    match (&item.skill, &item.module) {
        (Some(skill), _) => skill.to_string(),
        (None, module) => serde_json::to_string(module).unwrap_or_default(),
    }
}

/// The keys of the items `prepared` leaves uncoverable.
fn still_uncoverable(prepared: &Prepared) -> Vec<String> {
    let instance = prepared.instance(&Spec {
        objective: Objective::Hours,
        online_only: false,
        excluded: Vec::new(),
        use_budget: true,
    });
    instance.uncoverable.iter().map(key).collect()
}

/// Whether `item` is met in `planned`: no longer uncoverable, and met by
/// the best path (a skill covered by a step, a module taken, enough of a
/// choice taken, the credit minimum reached).
fn met(planned: &PlanAnswer, item: &Uncoverable) -> bool {
    if planned.uncoverable.iter().any(|u| key(u) == key(item)) {
        return false;
    }
    let Some(best) = planned.paths.first() else {
        return false;
    };
    match (&item.skill, &item.module) {
        (Some(skill), _) => best.steps.iter().any(|s| s.covers.contains(skill)),
        (None, Some(module)) => module.met_by(
            |bite| best.steps.iter().any(|s| &s.bite == bite),
            best.total_ects,
        ),
        (None, None) => true,
    }
}

/// What the best path of an answer achieves.
struct Totals {
    items: usize,
    hours: f64,
    cost: f64,
}

impl Totals {
    fn of(answer: &PlanAnswer) -> Self {
        answer.paths.first().map_or(
            Self {
                items: 0,
                hours: 0.0,
                cost: 0.0,
            },
            |best| Self {
                items: (best.meets.skills.met + best.meets.modules.met) as usize,
                hours: best.total_hours,
                cost: best.total_cost_eur,
            },
        )
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `learner` with `change` made.
pub fn apply(learner: &mut Learner, change: &ProfileChange) {
    let constraints = &mut learner.constraints;
    match change {
        ProfileChange::AddMode { mode } => {
            if !constraints.modes.is_empty() && !constraints.modes.contains(mode) {
                constraints.modes.push(*mode);
                constraints.modes.sort();
            }
        }
        ProfileChange::AddRegion { region } => {
            if !constraints.regions.contains(region) {
                constraints.regions.push(region.clone());
                constraints.regions.sort();
            }
        }
        ProfileChange::AddLanguage { language } => {
            if !learner.languages.contains(language) {
                learner.languages.push(language.clone());
                learner.languages.sort();
            }
            if !constraints.languages.is_empty() && !constraints.languages.contains(language) {
                constraints.languages.push(language.clone());
                constraints.languages.sort();
            }
        }
        ProfileChange::RaiseBudget { budget_eur } => {
            constraints.budget_eur = Some(
                constraints
                    .budget_eur
                    .map_or(*budget_eur, |b| b.max(*budget_eur)),
            );
        }
        ProfileChange::FinishLater { finish_by } => {
            constraints.finish_by = Some(*finish_by);
        }
        ProfileChange::HoldSkill { skill, level } => {
            if let Ok(level) = Level::new(i64::from(*level)) {
                learner.competences.push(HeldCompetence {
                    skill: skill.clone(),
                    level,
                    evidence: None,
                });
            }
        }
    }
}

/// The changes in words.
fn describe(changes: &[ProfileChange], lang: Lang, hierarchy: &dyn Hierarchy) -> String {
    let one = |change: &ProfileChange| match change {
        ProfileChange::AddMode { mode } => tr!(lang, "unlock-add-mode", mode = mode.as_str()),
        ProfileChange::AddRegion { region } => tr!(
            lang,
            "unlock-add-region",
            county = region_name(Some(region), lang.code())
        ),
        ProfileChange::AddLanguage { language } => {
            tr!(lang, "unlock-add-language", code = language.as_str())
        }
        ProfileChange::RaiseBudget { budget_eur } => tr!(
            lang,
            "unlock-raise-budget",
            eur = crate::text::number(lang, *budget_eur, 0)
        ),
        ProfileChange::FinishLater { finish_by } => {
            tr!(lang, "unlock-finish-later", date = finish_by.to_string())
        }
        ProfileChange::HoldSkill { skill, level } => tr!(
            lang,
            "unlock-hold-skill",
            skill = label_of(hierarchy, skill, lang.code()),
            level = *level
        ),
    };
    changes
        .iter()
        .map(one)
        .reduce(|first, second| tr!(lang, "unlock-and", first = first, second = second))
        .unwrap_or_default()
}

/// The changes worth trying for the uncoverable items, the smallest and
/// most telling first: per bite that could meet an item, the changes that
/// would let it in (at most two), counted over the bites they would free.
fn candidates(
    prepared: &Prepared,
    learner: &Learner,
    uncoverable: &[Uncoverable],
) -> Vec<Candidate> {
    let mut counted: Vec<(Candidate, usize)> = Vec::new();
    let mut count = |candidate: Candidate| {
        if candidate.parts() == 0 || candidate.parts() > 2 {
            return;
        }
        match counted.iter_mut().find(|(c, _)| *c == candidate) {
            Some((_, n)) => *n += 1,
            None => counted.push((candidate, 1)),
        }
    };
    let constraints = &learner.constraints;
    let languages = learner.allowed_languages();
    for item in uncoverable {
        // A prerequisite the cause names, which the learner may hold.
        if let Some(cause) = &item.cause
            && let (Some(skill), Some(level)) = (&cause.skill, cause.level)
            && item.skill.as_ref() != Some(skill)
        {
            count(Candidate {
                changes: vec![ProfileChange::HoldSkill {
                    skill: skill.clone(),
                    level,
                }],
                budget: false,
                finish: false,
            });
        }
        for b in relevant_bites(prepared, item) {
            let bite = &prepared.bites[b];
            let mut changes = Vec::new();
            if !languages.is_empty() && !bite.languages.iter().any(|l| languages.contains(l)) {
                // The first of its languages the service speaks, else its first.
                let language = bite
                    .languages
                    .iter()
                    .find(|l| ["et", "ru", "en"].contains(&l.as_str()))
                    .or_else(|| bite.languages.first());
                if let Some(language) = language {
                    changes.push(ProfileChange::AddLanguage {
                        language: language.clone(),
                    });
                }
            }
            if !constraints.modes.is_empty() && !constraints.modes.contains(&bite.mode) {
                changes.push(ProfileChange::AddMode { mode: bite.mode });
            }
            if bite.mode.needs_region()
                && let (Some(home), Some(there)) = (&learner.region, &bite.region)
                && home != there
                && !constraints.regions.contains(there)
            {
                changes.push(ProfileChange::AddRegion {
                    region: there.clone(),
                });
            }
            let budget = constraints
                .budget_eur
                .is_some_and(|budget| prepared.cost[b] > budget + 1e-9);
            let finish = constraints.finish_by.is_some()
                && !bite.sessions.is_empty()
                && prepared.fitting_sessions[b].is_empty()
                && bite.sessions.iter().any(|s| s.start >= prepared.base);
            count(Candidate {
                changes,
                budget,
                finish,
            });
        }
    }
    // A change of the constraints before a skill the learner may hold.
    let holds = |c: &Candidate| {
        c.changes
            .iter()
            .any(|c| matches!(c, ProfileChange::HoldSkill { .. }))
    };
    counted.sort_by(|a, b| {
        (a.0.parts(), holds(&a.0))
            .cmp(&(b.0.parts(), holds(&b.0)))
            .then(b.1.cmp(&a.1))
    });
    counted
        .into_iter()
        .map(|(c, _)| c)
        .take(MAX_CANDIDATES)
        .collect()
}

/// The bites that could meet `item`: those teaching it, and down the
/// prerequisite chains those teaching what they need (at most
/// [`MAX_RELEVANT`]).
fn relevant_bites(prepared: &Prepared, item: &Uncoverable) -> Vec<usize> {
    let mut seen = vec![false; prepared.bites.len()];
    let mut queue: Vec<usize> = Vec::new();
    let mut push = |b: usize, queue: &mut Vec<usize>| {
        if !seen[b] && queue.len() < MAX_RELEVANT {
            seen[b] = true;
            queue.push(b);
        }
    };
    match (&item.skill, &item.module) {
        (Some(skill), _) => {
            for t in 0..prepared.n_targets {
                if prepared.conditions[t].skill == skill {
                    for &b in prepared.providers[t] {
                        push(b as usize, &mut queue);
                    }
                }
            }
        }
        (None, Some(module)) => {
            let ids: Vec<&crate::domain::BiteId> = match module {
                super::OpenModule::AllOf { bite } => vec![bite],
                super::OpenModule::NOf { of, .. } => of.iter().collect(),
                super::OpenModule::MinEcts { .. } => Vec::new(),
            };
            for (b, bite) in prepared.bites.iter().enumerate() {
                if ids.contains(&&bite.id) {
                    push(b, &mut queue);
                }
            }
        }
        (None, None) => {}
    }
    let mut i = 0;
    while i < queue.len() {
        let b = queue[i];
        i += 1;
        for &p in &prepared.prereqs[b] {
            for &q in prepared.providers[p as usize] {
                push(q as usize, &mut queue);
            }
        }
    }
    queue
}
