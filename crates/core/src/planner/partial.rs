//! When no complete path fits the learner's limits, which path does the
//! most within them?
//!
//! A *partial plan* (DESIGN.md §2 coverage rule 4, issue 16 item 3): among
//! the paths within the budget, the finish date and the hours per week,
//! one that meets the most missing skills, then the most module rules
//! (required modules, choices), then the credit minimum, then is the best
//! by the objective.
//!
//! How: a branch and bound over the *items* (each coverable gap skill and
//! each module rule), deciding for each whether the path must meet it.
//! A set of items is feasible when the exact search (`search::solve`) finds
//! a path meeting all of them within the limits; feasibility is monotone
//! (a path meeting a set meets every subset), so a set containing an
//! infeasible set is skipped unasked, and a branch is cut when even all of
//! its undecided items could not beat the best found (on the items, or on
//! the objective, which only grows as items are added). Items are tried
//! cheapest alone first, so the first dive is a greedy plan.
//!
//! Past the deadline it stops with the best found and says it is not proven.
//! It must never do IO; `Instant` is used only to stop.

use std::time::Instant;

use super::prepare::{Instance, Prepared};
use super::search::{self, Measure, Solution};

const EPS: f64 = 1e-9;

/// With a node budget (`PlanOptions::node_budget`), at most this many sets
/// of items are searched.
const MAX_SOLVES_BY_NODES: usize = 64;

/// One missing item a path may meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    /// A gap skill (a condition id).
    Skill(u32),
    /// A required module (a local bite).
    Module(u32),
    /// A choice rule (an index into `Instance::n_of`).
    Choice(usize),
    /// The minimum of credits.
    Credits,
}

impl Item {
    pub fn is_skill(self) -> bool {
        matches!(self, Item::Skill(_))
    }
}

/// Every item of `instance` a path can meet (its coverable skills and
/// module rules; a choice rule with too few allowed courses is left out,
/// as no path can meet it).
pub(crate) fn items(prepared: &Prepared, instance: &Instance) -> Vec<Item> {
    let mut out: Vec<Item> = instance.targets.iter().map(|&t| Item::Skill(t)).collect();
    out.extend(instance.forced.iter().map(|&b| Item::Module(b)));
    let mut local = 0;
    for (rule, (need, _)) in prepared.n_of.iter().enumerate() {
        let asked = instance.n_of_needs.get(rule).copied().unwrap_or(0);
        if asked > 0 {
            if asked == *need {
                out.push(Item::Choice(local));
            }
            local += 1;
        }
    }
    if instance.min_ects > 0.0 {
        out.push(Item::Credits);
    }
    out
}

/// Whether the bites `members` (local to `instance`) meet `item`.
pub(crate) fn meets(instance: &Instance, members: &[u32], item: Item) -> bool {
    match item {
        Item::Skill(t) => members
            .iter()
            .any(|&b| instance.meets[b as usize].binary_search(&t).is_ok()),
        Item::Module(b) => members.contains(&b),
        Item::Choice(r) => {
            let (need, of) = &instance.n_of[r];
            of.iter().filter(|b| members.contains(b)).count() as u32 >= *need
        }
        Item::Credits => {
            members
                .iter()
                .map(|&b| instance.ects[b as usize])
                .sum::<f64>()
                + 1e-9
                >= instance.min_ects
        }
    }
}

/// The instance asking for exactly `asked` of `full`'s items.
pub(crate) fn restrict(full: &Instance, asked: &[Item]) -> Instance {
    let mut targets = Vec::new();
    let mut forced = Vec::new();
    let mut n_of = Vec::new();
    let mut ects = false;
    for &item in asked {
        match item {
            Item::Skill(t) => targets.push(t),
            Item::Module(b) => forced.push(b),
            Item::Choice(r) => n_of.push(r),
            Item::Credits => ects = true,
        }
    }
    full.restricted(&targets, &forced, &n_of, ects)
}

/// The best partial plan.
pub(crate) struct PartialPlan {
    /// The path (local bites of `full`, in path order) and its value.
    pub solution: Solution,
    /// The items it meets.
    pub met: Vec<Item>,
    /// Whether no path within the limits meets more items, and none
    /// meeting as many is better by the objective.
    pub optimal: bool,
}

/// (skills, module rules, the credit minimum) a set of items counts: the
/// credit minimum counts last, so that credits never win over a module.
fn key(items: &[Item]) -> (u32, u32, u32) {
    let skills = items.iter().filter(|i| i.is_skill()).count() as u32;
    let credits = u32::from(items.contains(&Item::Credits));
    (skills, items.len() as u32 - skills - credits, credits)
}

/// The best set found: what its path meets (see `key`), its value and path.
#[derive(Clone)]
struct Best {
    key: (u32, u32, u32),
    value: f64,
    solution: Solution,
}

struct Planner<'a> {
    prepared: &'a Prepared<'a>,
    full: &'a Instance,
    measure: Measure,
    items: Vec<Item>,
    deadline: Instant,
    /// Sets (bit masks over `items`) no path within the limits meets.
    infeasible: Vec<u64>,
    best: Option<Best>,
    proven: bool,
    /// The last `solve` found no path in time (not known infeasible).
    unknown: bool,
    /// Searches run so far.
    solves: usize,
}

/// The path within the limits of `full` (the budget, the learner's dates
/// and hours per week) that meets the most items, then is the best by
/// `measure`; the empty path when no item fits. Items past the 64th are
/// not tried (the answer then says it is not proven).
pub(crate) fn best_within(
    prepared: &Prepared,
    full: &Instance,
    measure: Measure,
    deadline: Instant,
) -> PartialPlan {
    let mut all = items(prepared, full);
    let mut proven = true;
    if all.len() > 64 {
        all.truncate(64);
        proven = false;
    }
    // Cheapest alone first: the first dive is then a greedy plan.
    let mut alone: Vec<(Item, f64)> = Vec::with_capacity(all.len());
    let mut planner = Planner {
        prepared,
        full,
        measure,
        items: Vec::new(),
        deadline,
        infeasible: Vec::new(),
        best: None,
        proven,
        unknown: false,
        solves: 0,
    };
    for &item in &all {
        // An item no path within the limits meets alone is never tried.
        if let Some(solution) = planner.solve(&[item]) {
            alone.push((item, solution.value));
            planner.consider(solution);
        }
    }
    alone.sort_by(|a, b| {
        b.0.is_skill()
            .cmp(&a.0.is_skill())
            .then(a.1.total_cmp(&b.1))
    });
    planner.items = alone.into_iter().map(|(item, _)| item).collect();
    let empty = Solution {
        order: Vec::new(),
        value: 0.0,
    };
    planner.consider(empty.clone());
    planner.dfs(0, 0, 0.0);
    let solution = planner.best.take().map_or(empty, |best| best.solution);
    let met: Vec<Item> = items(prepared, full)
        .into_iter()
        .filter(|&item| meets(full, &solution.order, item))
        .collect();
    PartialPlan {
        solution,
        met,
        optimal: planner.proven,
    }
}

impl Planner<'_> {
    fn asked(&self, mask: u64) -> Vec<Item> {
        (0..self.items.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| self.items[i])
            .collect()
    }

    /// The best path meeting `asked` within the limits, if the search finds one.
    fn solve(&mut self, asked: &[Item]) -> Option<Solution> {
        // With a node budget each search stops by its states, and the
        // number of searches is capped instead of the time.
        let out_of_work = match self.prepared.node_budget {
            Some(_) => self.solves >= MAX_SOLVES_BY_NODES,
            None => Instant::now() >= self.deadline,
        };
        if out_of_work {
            self.proven = false;
            self.unknown = true;
            return None;
        }
        self.solves += 1;
        let instance = restrict(self.full, asked);
        // One set gets at most a quarter of the time left, so that a set
        // whose search runs long leaves time for the others.
        let now = Instant::now();
        let until = now + self.deadline.saturating_duration_since(now) / 4;
        let outcome = search::solve(self.prepared, &instance, self.measure, until, until);
        // No path and an infinite bound: proven that none exists.
        let settled = match &outcome.best {
            Some(_) => outcome.optimal,
            None => outcome.lower_bound == f64::INFINITY,
        };
        if !settled {
            self.proven = false;
        }
        if outcome.best.is_none() && !outcome.exhausted {
            // Out of time: not known to be infeasible.
            self.unknown = true;
        }
        outcome.best
    }

    /// Takes `solution` as the best when it is.
    fn consider(&mut self, solution: Solution) {
        let met: Vec<Item> = items(self.prepared, self.full)
            .into_iter()
            .filter(|&item| meets(self.full, &solution.order, item))
            .collect();
        let k = key(&met);
        let better = self.best.as_ref().is_none_or(|best| {
            k > best.key || (k == best.key && solution.value < best.value - EPS)
        });
        if better {
            self.best = Some(Best {
                key: k,
                value: solution.value,
                solution,
            });
        }
    }

    fn dfs(&mut self, i: usize, mask: u64, value: f64) {
        if let Some(best) = &self.best {
            let undecided = (!0u64).checked_shl(i as u32).unwrap_or(0) & mask_of(self.items.len());
            let rest = self.asked(mask | undecided);
            let bound = key(&rest);
            if bound < best.key || (bound == best.key && value >= best.value - EPS) {
                return;
            }
        }
        if i == self.items.len() {
            return;
        }
        let with = mask | (1 << i);
        if !self.infeasible.iter().any(|bad| is_subset(*bad, with)) {
            match self.solve(&self.asked(with)) {
                Some(solution) => {
                    let v = solution.value;
                    self.consider(solution);
                    self.dfs(i + 1, with, v);
                }
                None if std::mem::take(&mut self.unknown) => {}
                None => self.infeasible.push(with),
            }
        }
        self.dfs(i + 1, mask, value);
    }
}

/// Whether the set `a` is part of the set `b` (bit masks).
fn is_subset(a: u64, b: u64) -> bool {
    a & !b == 0
}

fn mask_of(n: usize) -> u64 {
    if n >= 64 { !0 } else { (1u64 << n) - 1 }
}
