//! How are the seats of a course run shared across a caseload? One path per
//! learner, chosen among each learner's candidate paths, so that no run
//! has more learners than seats, maximising (in this order) the learners
//! who reach their target, then the missing items met, then the fewest
//! total hours; a learner's priority (by circumstance) weighs the first two.
//!
//! The method, exact or with a proven bound:
//! 1. Every learner takes their own best candidate; if no run is then over
//!    its seats, that is optimal.
//! 2. Otherwise only learners with a candidate on a *contested* run (one
//!    that more learners could use than it has seats) are decided; the
//!    others keep their best.
//! 3. The linear relaxation of the integer program (one 0–1 variable per
//!    learner and candidate, at most one per learner, seats per run) is
//!    solved lexicographically (microlp, pure Rust): reaching learners
//!    first, then items at that level, then hours at both. Its optimum
//!    bounds every allocation.
//! 4. An allocation is built from the relaxation (largest fractions first),
//!    improved by moving learners to better candidates that fit, and, when
//!    few learners are contested, proven optimal by branch and bound.
//! 5. The gap is reported on the first criterion where the allocation
//!    falls short of the bound; zero on all three proves it optimal.
//!
//! Pure: numbers in, a choice per learner out; no IO, no clock but the
//! time budget of the branch and bound.

use std::time::{Duration, Instant};

use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};
use serde::Serialize;
use utoipa::ToSchema;

/// One path a learner could take.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The seat-limited runs it uses (indexes into [`Instance::seats`]).
    pub runs: Vec<usize>,
    /// Whether it reaches the learner's target.
    pub reaches: bool,
    /// Missing items it meets.
    pub items: u32,
    /// Its hours.
    pub hours: f64,
}

impl Candidate {
    fn value(&self, weight: f64) -> Value {
        Value {
            reach: if self.reaches { weight } else { 0.0 },
            items: weight * f64::from(self.items),
            hours: self.hours,
        }
    }
}

/// One learner: a priority weight (≥ 1) and candidates.
#[derive(Clone, Debug, PartialEq)]
pub struct Learner {
    /// How much their reaching the target and the items they meet count.
    pub weight: f64,
    /// The candidate paths.
    pub candidates: Vec<Candidate>,
}

/// A caseload to allocate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Instance {
    /// Seats per run.
    pub seats: Vec<u32>,
    /// The learners.
    pub learners: Vec<Learner>,
}

/// An allocation's worth: weighted learners reaching their target, weighted
/// items met, total hours. Compared in this order (more, more, fewer).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct Value {
    /// Learners who reach their target, weighted by priority.
    pub reach: f64,
    /// Missing items met, weighted by priority.
    pub items: f64,
    /// Total hours.
    pub hours: f64,
}

const EPS: f64 = 1e-6;

/// Whether two sums differ beyond rounding (relative 1e-6, at least 1e-6).
fn differ(a: f64, b: f64) -> bool {
    (a - b).abs() > EPS * a.abs().max(b.abs()).max(1.0)
}

impl Value {
    fn add(self, other: Value) -> Value {
        Value {
            reach: self.reach + other.reach,
            items: self.items + other.items,
            hours: self.hours + other.hours,
        }
    }

    /// Whether `self` is better than `other` (beyond rounding: the
    /// relaxation's bounds carry the solver's tolerance).
    pub fn better(self, other: Value) -> bool {
        if differ(self.reach, other.reach) {
            return self.reach > other.reach;
        }
        if differ(self.items, other.items) {
            return self.items > other.items;
        }
        differ(self.hours, other.hours) && self.hours < other.hours
    }
}

/// The gap between an allocation and the bound, on the first criterion
/// where it falls short.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Gap {
    /// `reach`, `items` or `hours`; `none` when the bound is met.
    pub criterion: String,
    /// Relative gap on it, 0–1 (0: proven optimal).
    pub relative: f64,
}

/// The choice per learner, its worth, and how far from optimal it can be.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    /// The chosen candidate per learner (`None`: no path fits).
    pub chosen: Vec<Option<usize>>,
    /// Its worth.
    pub value: Value,
    /// A proven bound on any allocation's worth.
    pub bound: Value,
    /// Whether it is proven optimal.
    pub optimal: bool,
    /// The gap to the bound.
    pub gap: Gap,
    /// Learners decided by the optimisation (the others keep their best).
    pub contested: usize,
}

/// A learner's best candidate, ignoring seats.
/// A candidate that neither reaches the target nor meets an item is worth
/// less than none (it only costs hours), so it is never chosen.
fn best_alone(learner: &Learner) -> Option<usize> {
    let mut best: (Option<usize>, Value) = (None, Value::default());
    for (i, c) in learner.candidates.iter().enumerate() {
        let v = c.value(learner.weight);
        if v.better(best.1) {
            best = (Some(i), v);
        }
    }
    best.0
}

fn value_of(instance: &Instance, chosen: &[Option<usize>]) -> Value {
    chosen
        .iter()
        .zip(&instance.learners)
        .filter_map(|(c, l)| c.map(|c| l.candidates[c].value(l.weight)))
        .fold(Value::default(), Value::add)
}

/// Whether the candidate fits the remaining seats.
fn fits(candidate: &Candidate, free: &[i64]) -> bool {
    candidate.runs.iter().all(|&r| free[r] > 0)
}

fn take(candidate: &Candidate, free: &mut [i64], delta: i64) {
    for &r in &candidate.runs {
        free[r] -= delta;
    }
}

/// Allocates seats; the branch and bound stops at `budget`.
pub fn allocate(instance: &Instance, budget: Duration) -> Allocation {
    let started = Instant::now();
    let n = instance.learners.len();
    let best: Vec<Option<usize>> = instance.learners.iter().map(best_alone).collect();
    let ideal = value_of(instance, &best);

    // Which runs could be over their seats: more learners could use them.
    let mut demand = vec![0u64; instance.seats.len()];
    for learner in &instance.learners {
        let mut runs: Vec<usize> = learner
            .candidates
            .iter()
            .flat_map(|c| c.runs.iter().copied())
            .collect();
        runs.sort_unstable();
        runs.dedup();
        for r in runs {
            demand[r] += 1;
        }
    }
    let contested_run: Vec<bool> = demand
        .iter()
        .zip(&instance.seats)
        .map(|(&d, &s)| d > u64::from(s))
        .collect();
    let contested: Vec<usize> = (0..n)
        .filter(|&l| {
            instance.learners[l]
                .candidates
                .iter()
                .any(|c| c.runs.iter().any(|&r| contested_run[r]))
        })
        .collect();
    let mut free: Vec<i64> = instance.seats.iter().map(|&s| i64::from(s)).collect();
    let mut chosen: Vec<Option<usize>> = vec![None; n];
    for l in 0..n {
        if contested.binary_search(&l).is_err() {
            chosen[l] = best[l];
            if let Some(c) = best[l] {
                take(&instance.learners[l].candidates[c], &mut free, 1);
            }
        }
    }
    if contested.is_empty() {
        return Allocation {
            value: ideal,
            bound: ideal,
            optimal: true,
            gap: Gap {
                criterion: "none".into(),
                relative: 0.0,
            },
            chosen: best,
            contested: 0,
        };
    }

    // The relaxation, lexicographically; its value bounds the contested part.
    let relaxed = relax(instance, &contested, &free);
    let fixed_value = value_of(instance, &chosen);
    let bound = match &relaxed {
        Some((_, v)) => fixed_value.add(*v),
        None => ideal,
    };

    // An allocation from the relaxation: largest fractions first.
    let mut order: Vec<(usize, usize, f64)> = Vec::new();
    for (k, &l) in contested.iter().enumerate() {
        let learner = &instance.learners[l];
        for (c, _) in learner.candidates.iter().enumerate() {
            let x = relaxed.as_ref().map_or(0.0, |(x, _)| x[k][c]);
            order.push((l, c, x));
        }
    }
    order.sort_by(|a, b| {
        b.2.total_cmp(&a.2).then_with(|| {
            let va = instance.learners[a.0].candidates[a.1].value(instance.learners[a.0].weight);
            let vb = instance.learners[b.0].candidates[b.1].value(instance.learners[b.0].weight);
            if va.better(vb) {
                std::cmp::Ordering::Less
            } else if vb.better(va) {
                std::cmp::Ordering::Greater
            } else {
                (a.0, a.1).cmp(&(b.0, b.1))
            }
        })
    });
    for &(l, c, _) in &order {
        let candidate = &instance.learners[l].candidates[c];
        let worth = candidate.value(instance.learners[l].weight);
        if chosen[l].is_none() && fits(candidate, &free) && worth.better(Value::default()) {
            chosen[l] = Some(c);
            take(candidate, &mut free, 1);
        }
    }
    improve(instance, &contested, &mut chosen, &mut free);
    let mut value = value_of(instance, &chosen);

    // Few contested learners: prove the optimum by branch and bound.
    if !bound_met(value, bound) && contested.len() <= 40 {
        let deadline = started + budget;
        let mut search = Search {
            instance,
            contested: &contested,
            best_value: value,
            best: chosen.clone(),
            current: chosen.clone(),
            deadline,
            complete: true,
            nodes: 0,
        };
        for &l in &contested {
            if let Some(c) = search.current[l].take() {
                take(&instance.learners[l].candidates[c], &mut free, -1);
            }
        }
        let fixed = value_of(instance, &search.current);
        search.branch(0, fixed, &mut free);
        if search.best_value.better(value) {
            chosen = search.best;
            value = search.best_value;
        }
        if search.complete {
            return finish(chosen, value, value, contested.len());
        }
    }
    finish(chosen, value, bound, contested.len())
}

fn bound_met(value: Value, bound: Value) -> bool {
    !bound.better(value)
}

fn finish(chosen: Vec<Option<usize>>, value: Value, bound: Value, contested: usize) -> Allocation {
    let relative = |got: f64, best: f64| {
        if best.abs() < EPS {
            0.0
        } else {
            ((best - got) / best).abs()
        }
    };
    let gap = if differ(bound.reach, value.reach) {
        Gap {
            criterion: "reach".into(),
            relative: relative(value.reach, bound.reach),
        }
    } else if differ(bound.items, value.items) {
        Gap {
            criterion: "items".into(),
            relative: relative(value.items, bound.items),
        }
    } else if differ(value.hours, bound.hours) && value.hours > bound.hours {
        Gap {
            criterion: "hours".into(),
            relative: relative(bound.hours, value.hours),
        }
    } else {
        Gap {
            criterion: "none".into(),
            relative: 0.0,
        }
    };
    Allocation {
        optimal: gap.criterion == "none",
        chosen,
        value,
        bound,
        gap,
        contested,
    }
}

/// Moves learners to better candidates that fit, until none does.
fn improve(
    instance: &Instance,
    contested: &[usize],
    chosen: &mut [Option<usize>],
    free: &mut [i64],
) {
    loop {
        let mut changed = false;
        for &l in contested {
            let learner = &instance.learners[l];
            let current = Some(chosen[l].map_or(Value::default(), |c| {
                learner.candidates[c].value(learner.weight)
            }));
            if let Some(c) = chosen[l] {
                take(&learner.candidates[c], free, -1);
            }
            let mut pick = chosen[l];
            let mut pick_value = current;
            for (c, candidate) in learner.candidates.iter().enumerate() {
                let v = candidate.value(learner.weight);
                if fits(candidate, free) && pick_value.is_none_or(|p| v.better(p)) {
                    pick = Some(c);
                    pick_value = Some(v);
                }
            }
            if pick != chosen[l] {
                changed = true;
            }
            chosen[l] = pick;
            if let Some(c) = pick {
                take(&learner.candidates[c], free, 1);
            }
        }
        if !changed {
            break;
        }
    }
}

/// The lexicographic linear relaxation over the contested learners: the
/// fraction of each candidate, and the relaxation's value (a bound).
fn relax(instance: &Instance, contested: &[usize], free: &[i64]) -> Option<(Vec<Vec<f64>>, Value)> {
    let objective = |stage: usize, learner: &Learner, c: &Candidate| -> f64 {
        let v = c.value(learner.weight);
        match stage {
            0 => v.reach,
            1 => v.items,
            _ => -v.hours,
        }
    };
    let mut levels: Vec<f64> = Vec::new();
    let mut last: Option<(Vec<Vec<f64>>, Value)> = None;
    for stage in 0..3 {
        let mut problem = Problem::new(OptimizationDirection::Maximize);
        let vars: Vec<Vec<Variable>> = contested
            .iter()
            .map(|&l| {
                let learner = &instance.learners[l];
                learner
                    .candidates
                    .iter()
                    .map(|c| problem.add_var(objective(stage, learner, c), (0.0, 1.0)))
                    .collect()
            })
            .collect();
        for row in &vars {
            if !row.is_empty() {
                let terms: Vec<(Variable, f64)> = row.iter().map(|&v| (v, 1.0)).collect();
                problem.add_constraint(&terms[..], ComparisonOp::Le, 1.0);
            }
        }
        let mut per_run: Vec<Vec<(Variable, f64)>> = vec![Vec::new(); instance.seats.len()];
        for (k, &l) in contested.iter().enumerate() {
            for (c, candidate) in instance.learners[l].candidates.iter().enumerate() {
                for &r in &candidate.runs {
                    per_run[r].push((vars[k][c], 1.0));
                }
            }
        }
        for (r, terms) in per_run.iter().enumerate() {
            if terms.len() as i64 > free[r] {
                problem.add_constraint(&terms[..], ComparisonOp::Le, free[r].max(0) as f64);
            }
        }
        for (level_stage, &level) in levels.iter().enumerate() {
            let terms: Vec<(Variable, f64)> =
                contested
                    .iter()
                    .enumerate()
                    .flat_map(|(k, &l)| {
                        let learner = &instance.learners[l];
                        let vars = &vars;
                        learner.candidates.iter().enumerate().map(move |(c, cand)| {
                            (vars[k][c], objective(level_stage, learner, cand))
                        })
                    })
                    .filter(|(_, coef)| *coef != 0.0)
                    .collect();
            if !terms.is_empty() {
                // A hair of slack: the solver's own tolerance.
                problem.add_constraint(
                    &terms[..],
                    ComparisonOp::Ge,
                    level - 1e-7 * level.abs().max(1.0),
                );
            }
        }
        let solution = problem.solve().ok()?;
        levels.push(solution.objective());
        let x: Vec<Vec<f64>> = vars
            .iter()
            .map(|row| row.iter().map(|&v| solution[v]).collect())
            .collect();
        let value = Value {
            reach: levels[0],
            items: levels.get(1).copied().unwrap_or(f64::INFINITY),
            hours: levels.get(2).map_or(0.0, |h| -h),
        };
        last = Some((x, value));
    }
    last
}

/// Branch and bound over the contested learners, in order.
struct Search<'a> {
    instance: &'a Instance,
    contested: &'a [usize],
    best_value: Value,
    best: Vec<Option<usize>>,
    current: Vec<Option<usize>>,
    deadline: Instant,
    complete: bool,
    nodes: u64,
}

impl Search<'_> {
    fn branch(&mut self, depth: usize, value: Value, free: &mut [i64]) {
        self.nodes += 1;
        if self.nodes.is_multiple_of(1024) && Instant::now() > self.deadline {
            self.complete = false;
        }
        if !self.complete {
            return;
        }
        if depth == self.contested.len() {
            if value.better(self.best_value) {
                self.best_value = value;
                self.best = self.current.clone();
            }
            return;
        }
        // Bound: each remaining learner at their best on each criterion.
        let mut optimistic = value;
        for &l in &self.contested[depth..] {
            let learner = &self.instance.learners[l];
            let (mut reach, mut items, mut hours) = (0.0f64, 0.0f64, 0.0f64);
            for c in &learner.candidates {
                let v = c.value(learner.weight);
                reach = reach.max(v.reach);
                items = items.max(v.items);
                hours = hours.min(v.hours);
            }
            optimistic = optimistic.add(Value {
                reach,
                items,
                hours,
            });
        }
        if !optimistic.better(self.best_value) {
            return;
        }
        let l = self.contested[depth];
        let learner = &self.instance.learners[l];
        let mut order: Vec<usize> = (0..learner.candidates.len()).collect();
        order.sort_by(|&a, &b| {
            let (va, vb) = (
                learner.candidates[a].value(learner.weight),
                learner.candidates[b].value(learner.weight),
            );
            if va.better(vb) {
                std::cmp::Ordering::Less
            } else if vb.better(va) {
                std::cmp::Ordering::Greater
            } else {
                a.cmp(&b)
            }
        });
        for c in order {
            let candidate = &learner.candidates[c];
            if !fits(candidate, free) || !candidate.value(learner.weight).better(Value::default()) {
                continue;
            }
            take(candidate, free, 1);
            self.current[l] = Some(c);
            self.branch(depth + 1, value.add(candidate.value(learner.weight)), free);
            self.current[l] = None;
            take(candidate, free, -1);
        }
        self.branch(depth + 1, value, free);
    }
}

/// Whether `chosen` keeps every run within its seats.
pub fn within_seats(instance: &Instance, chosen: &[Option<usize>]) -> bool {
    let mut used = vec![0u32; instance.seats.len()];
    for (l, c) in chosen.iter().enumerate() {
        if let Some(c) = c {
            for &r in &instance.learners[l].candidates[*c].runs {
                used[r] += 1;
            }
        }
    }
    used.iter().zip(&instance.seats).all(|(u, s)| u <= s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn candidate(runs: &[usize], reaches: bool, items: u32, hours: f64) -> Candidate {
        Candidate {
            runs: runs.to_vec(),
            reaches,
            items,
            hours,
        }
    }

    /// Every assignment, the best by the lexicographic worth.
    fn brute_force(instance: &Instance) -> Value {
        fn go(instance: &Instance, l: usize, chosen: &mut Vec<Option<usize>>, best: &mut Value) {
            if l == instance.learners.len() {
                if within_seats(instance, chosen) {
                    let v = value_of(instance, chosen);
                    if v.better(*best) {
                        *best = v;
                    }
                }
                return;
            }
            for c in
                std::iter::once(None).chain((0..instance.learners[l].candidates.len()).map(Some))
            {
                chosen.push(c);
                go(instance, l + 1, chosen, best);
                chosen.pop();
            }
        }
        let mut best = Value {
            reach: -1.0,
            items: 0.0,
            hours: 0.0,
        };
        go(instance, 0, &mut Vec::new(), &mut best);
        best
    }

    fn instances(max_learners: usize) -> impl Strategy<Value = Instance> {
        let runs = 1usize..5;
        runs.prop_flat_map(move |n_runs| {
            let seats = proptest::collection::vec(0u32..3, n_runs);
            let cand = (
                proptest::collection::vec(0..n_runs, 0..3),
                any::<bool>(),
                0u32..4,
                1u32..60,
            )
                .prop_map(|(mut runs, reaches, items, hours)| {
                    runs.sort_unstable();
                    runs.dedup();
                    candidate(&runs, reaches, items, f64::from(hours))
                });
            let learner = (
                prop_oneof![Just(1.0), Just(2.0)],
                proptest::collection::vec(cand, 0..4),
            )
                .prop_map(|(weight, candidates)| Learner { weight, candidates });
            (seats, proptest::collection::vec(learner, 0..max_learners))
                .prop_map(|(seats, learners)| Instance { seats, learners })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn never_over_seats_and_as_good_as_brute_force(instance in instances(7)) {
            let allocation = allocate(&instance, Duration::from_secs(5));
            prop_assert!(within_seats(&instance, &allocation.chosen));
            let best = brute_force(&instance);
            prop_assert!(!best.better(allocation.value), "brute force {best:?} beats {allocation:?}");
            prop_assert!(allocation.optimal, "{allocation:?}");
            prop_assert!(!allocation.value.better(allocation.bound) || allocation.optimal);
        }

        #[test]
        fn larger_caseloads_stay_within_seats_with_an_honest_bound(instance in instances(60)) {
            let allocation = allocate(&instance, Duration::from_millis(200));
            prop_assert!(within_seats(&instance, &allocation.chosen));
            // The bound is never below what was found.
            prop_assert!(!allocation.value.better(allocation.bound), "{allocation:?}");
            prop_assert!((0.0..=1.0).contains(&allocation.gap.relative));
        }
    }

    #[test]
    fn a_full_run_goes_to_the_learner_who_then_reaches_the_target() {
        // One seat on run 0. Learner 0 reaches the target only through it;
        // learner 1 reaches it also through run 1 (later, more hours).
        let instance = Instance {
            seats: vec![1, 5],
            learners: vec![
                Learner {
                    weight: 1.0,
                    candidates: vec![candidate(&[0], true, 3, 20.0)],
                },
                Learner {
                    weight: 1.0,
                    candidates: vec![
                        candidate(&[0], true, 3, 10.0),
                        candidate(&[1], true, 3, 30.0),
                    ],
                },
            ],
        };
        let allocation = allocate(&instance, Duration::from_secs(1));
        assert_eq!(allocation.chosen, [Some(0), Some(1)]);
        assert!(allocation.optimal);
        assert_eq!(allocation.value.reach, 2.0);
    }

    #[test]
    fn priority_decides_who_gets_the_last_seat() {
        let learner = |weight| Learner {
            weight,
            candidates: vec![candidate(&[0], true, 1, 10.0)],
        };
        let instance = Instance {
            seats: vec![1],
            learners: vec![learner(1.0), learner(2.0)],
        };
        let allocation = allocate(&instance, Duration::from_secs(1));
        assert_eq!(allocation.chosen, [None, Some(0)]);
    }
}
