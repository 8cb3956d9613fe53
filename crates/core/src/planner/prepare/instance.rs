//! What does one search run get?
//!
//! A compact [`Instance`]: the reachable bites, less the dominated ones
//! (see the `prepare` module's docs for when a bite dominates another),
//! numbered locally, with their conditions, costs and earliest finishes, the
//! gap items within reach, and the module rules and the ECTS minimum
//! lowered to what can be met (what cannot is added to the uncoverable
//! items with its reason).

use super::diagnose::diagnose_bite;
use super::lists::{IdLists, inverse, is_subset, sublists};
use super::reach::{Reach, Spec};
use super::request::Prepared;
use crate::planner::{Cause, CauseCode, Objective, OpenModule, Uncoverable};
use crate::text::Lang;
use crate::tr;

/// A compact instance for the search. Bites are numbered locally.
#[derive(Clone)]
pub(crate) struct Instance {
    /// Local → global bite index.
    pub global: Vec<usize>,
    pub meets: IdLists,
    pub prereqs: IdLists,
    /// Per condition: local bites meeting it.
    pub providers: IdLists,
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

impl Prepared<'_> {
    /// The search instance for one run.
    pub fn instance(&self, spec: &Spec) -> Instance {
        Instance::build(self, spec, &Reach::new(self, spec))
    }

    /// The search instance for one run that leaves out the bites `reach`
    /// was made for (`reach(spec)` with the same `online_only` and
    /// `excluded`): as `instance`, without working out `reach` again.
    pub fn instance_with(&self, spec: &Spec, reach: &Reach) -> Instance {
        debug_assert!(reach.online_only == spec.online_only && reach.excluded == spec.excluded);
        Instance::build(self, spec, reach)
    }
}

impl Instance {
    fn build(prepared: &Prepared, spec: &Spec, reach: &Reach) -> Self {
        let n = prepared.bites.len();
        let Reach {
            exclusion,
            finish,
            reachable,
            min_ects,
            ..
        } = reach;
        let min_ects = *min_ects;
        let targets = reach.targets.clone();
        let mut uncoverable = reach.uncoverable.clone();
        let mut in_module = vec![false; n];
        for &b in prepared
            .all_of
            .iter()
            .chain(prepared.n_of.iter().flat_map(|(_, of)| of))
        {
            in_module[b] = true;
        }

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
                // What only depends on `a` is asked once, not once per pair.
                if in_module[a] || (min_ects > 0.0 && prepared.bites[a].ects > 0.0) {
                    continue;
                }
                // A bite dominating `a` meets every condition `a` meets, so
                // it is among the providers of the one with the fewest; the
                // same bites are asked, in the same order, as over all
                // candidates.
                let meets = &prepared.meets[a];
                let fewest = meets
                    .iter()
                    .map(|&c| prepared.providers[c as usize])
                    .min_by_key(|providers| providers.len());
                let dominated = |b: usize| b != a && dominates(b, a) && (b < a || !dominates(a, b));
                dropped[a] = match fewest {
                    Some(providers) => providers
                        .iter()
                        .map(|&b| b as usize)
                        .any(|b| keep[b] && dominated(b)),
                    None => candidates.iter().any(|&b| dominated(b)),
                };
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
        // Per condition, the kept bites meeting it (by local number,
        // ascending), from the kept bites' own lists.
        let meets = sublists(&prepared.meets, &global);
        let providers = inverse(&meets, prepared.providers.len());

        let mut forced: Vec<u32> = Vec::new();
        for &b in &prepared.all_of {
            if keep[b] {
                forced.push(local[b]);
            } else {
                let (reason, cause) = diagnose_bite(prepared, b, exclusion, finish);
                uncoverable.push(Uncoverable {
                    skill: None,
                    module: Some(OpenModule::AllOf {
                        bite: prepared.bites[b].id.clone(),
                    }),
                    reason: tr!(
                        Lang::of(&prepared.lang),
                        "cause-required-module",
                        bite = prepared.title(b),
                        cause = reason
                    ),
                    cause: Some(cause),
                    unlocks: Vec::new(),
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
                    reason: tr!(
                        Lang::of(&prepared.lang),
                        "cause-too-few-modules",
                        n = members.len(),
                        need = *need
                    ),
                    cause: Some(Cause::new(CauseCode::TooFewModules)),
                    unlocks: Vec::new(),
                });
            }
            let effective = (*need).min(members.len() as u32);
            n_of_needs.push(effective);
            if effective > 0 {
                n_of.push((effective, members));
            }
        }

        Self {
            meets,
            prereqs: sublists(&prepared.prereqs, &global),
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

    /// The same instance asking only for some of its items (a partial
    /// plan): the targets `targets` (condition ids), the required modules
    /// `forced` (local bites), the choice rules `n_of` (indices into
    /// `self.n_of`) and, when `ects`, the minimum of credits. The bites
    /// stay as they are: dominance holds for any subset of the items.
    pub fn restricted(&self, targets: &[u32], forced: &[u32], n_of: &[usize], ects: bool) -> Self {
        let mut out = self.clone();
        out.targets.retain(|t| targets.contains(t));
        out.forced.retain(|b| forced.contains(b));
        out.n_of = n_of.iter().map(|&r| self.n_of[r].clone()).collect();
        if !ects {
            out.min_ects = 0.0;
        }
        out
    }

    /// Number of bites.
    pub fn len(&self) -> usize {
        self.global.len()
    }
}
