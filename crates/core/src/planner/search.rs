//! Which set of bites closes the gap at the least cost, provably?
//!
//! An exact branch and bound over sets of bites (the order follows from the
//! set: see [`canonical_order`]).
//!
//! - **State**: the chosen bites (always including the `all_of` modules).
//!   What is still *pending* follows from the set: gap items no chosen bite
//!   meets, prerequisites of chosen bites no *other* chosen bite meets,
//!   `n_of` rules short of `n`, and missing ECTS. States are memoised, so a
//!   set reached in another order is not searched twice.
//! - **Branching**: on the pending item with the fewest candidate bites
//!   (ECTS last, as nearly every bite is a candidate); one child per
//!   candidate. When nothing is pending but the set cannot be ordered (a
//!   prerequisite cycle among chosen bites), the children add another
//!   provider of a prerequisite the orderable part does not meet.
//! - **Bound** for additive objectives (hours, cost), all valid for any
//!   completion, the largest is used:
//!   1. the most expensive pending item's cheapest candidate;
//!   2. the *share bound*: each pending item pays its cheapest candidate's
//!      weight divided by how many pending items that candidate meets
//!      (every bite added pays at least the shares of what it meets);
//!   3. a dual ascent on the covering LP: items in order of fewest
//!      candidates each take the least slack left among their candidates;
//!   4. for missing ECTS, the fractional knapsack of weight per credit;
//!   5. on large instances, once computed, the Lagrangian bound of the
//!      whole relaxation with prerequisites (see `bound`), first without
//!      and then with chain covers, the better of the two, plus the reduced
//!      costs of the state's bites.
//!
//!   Under a budget the same bound on cost prunes states that cannot stay
//!   within it.
//! - **Weeks** (earliest finish): the value is the finish of the calendar
//!   (see `calendar`); the bound is the latest, over the chosen bites and
//!   the pending items, of the earliest possible finish (prerequisites
//!   included, hours per week ignored), which no calendar can beat. The
//!   proof covers paths without superfluous bites in the canonical order.
//! - **Dates and hours per week**: a state whose calendar leaves a step
//!   without a place (no session after its prerequisites within the
//!   learner's dates, or none keeping every week within the hours per
//!   week) is not a path; its children add other providers of
//!   prerequisites of its bites that can end before the bite they serve
//!   starts at the latest (only those can make a step ready earlier: any
//!   other bite only adds load). A state whose runs alone cannot keep to
//!   the hours per week (`calendar::sessions_fit`, which leaves out
//!   prerequisites and self-paced steps) is not searched: no set holding
//!   it has a calendar.
//! - **Incumbent**: a greedy path (most pending items met per unit of
//!   weight) seeds the search; the first dive, taking the child with the
//!   smallest bound each time, is a second greedy path; each new incumbent
//!   is improved by dropping bites it does not need (most expensive first).
//! - **Time**: past the deadline the search stops with the best path and
//!   the smallest bound over the states still open.
//! - **Large instances** (more than `LARGE` bites, hours or cost): when
//!   the search above has not finished within a first slice of the time
//!   (an eighth, at most `FIRST_SLICE`), so small and medium instances are
//!   searched exactly as before, the phases are: a chain-aware greedy path
//!   (and, over a budget, greedy paths that weigh cost in); the Lagrangian
//!   bound, each improvement of it completed into a path by the greedy;
//!   reduced-cost fixing, which bans bites that cannot be in a better path;
//!   a best-first branch and bound over the relaxation (`bound::branch`,
//!   driven by `branching`, which also turns its lowest node's relaxation
//!   into paths) for `BRANCH_SHARE` of the time (at most `BRANCH_CAP`);
//!   unless that proved the path, large-neighbourhood search (`lns`) until
//!   `LNS_SHARE` of the time (at most `LNS_CAP`), or while the best path
//!   is more than `CLOSE` above the bound until `LNS_GAP_SHARE` of it (at
//!   most `LNS_GAP_CAP`), the bound again and the same tree, pruned by the
//!   better path, to the deadline; when the tree stops short of it, the
//!   exact search afresh on the bites left, with the Lagrangian bound in
//!   every state. The bound reported is the largest of the first search's
//!   open bound, the Lagrangian bound, the tree's and the last search's
//!   open bound, each valid for every path better than the incumbent it
//!   was made with; the path is optimal when one of them reaches it.
//!
//! It must never do IO; `Instant` is used only to stop (and to time the
//! phases for `Stats`).

use std::collections::HashSet;
use std::time::{Duration, Instant};

use super::bound::Lagrangian;
use super::bound::branch::Tree;
use super::calendar;
use super::prepare::{Instance, NEVER, Prepared};

mod branching;
mod lns;

/// What the search did, per phase (issue 21: states per second), summed
/// over the searches on this thread since the last [`take_stats`]; read by
/// `examples/scale.rs`. A state is one evaluation of a set of bites.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    /// The first exact search (on small and medium instances, the only one).
    pub first_states: u64,
    pub first_secs: f64,
    /// Greedy paths and the Lagrangian bound between the searches.
    pub setup_states: u64,
    pub setup_secs: f64,
    /// Neighbourhood search: states, neighbourhoods tried, time.
    pub lns_states: u64,
    pub lns_rounds: u64,
    pub lns_secs: f64,
    /// Branching on the relaxation, both shares (states: those of the
    /// paths it completes).
    pub tree_states: u64,
    pub tree_secs: f64,
    /// The last exact search, on the bites fixing leaves.
    pub last_states: u64,
    pub last_secs: f64,
}

thread_local! {
    static STATS: std::cell::Cell<Stats> = std::cell::Cell::new(Stats::default());
}

/// The search statistics gathered on this thread since the last call.
#[doc(hidden)]
pub fn take_stats() -> Stats {
    STATS.take()
}

/// Adds what one phase did to this thread's statistics.
fn count_phase(phase: fn(&mut Stats) -> (&mut u64, &mut f64), states: u64, since: Instant) {
    let mut stats = STATS.get();
    let (n, secs) = phase(&mut stats);
    *n += states;
    *secs += since.elapsed().as_secs_f64();
    STATS.set(stats);
}

const EPS: f64 = 1e-9;
/// Memoised states kept at most (about 100 bytes each).
const MAX_VISITED: usize = 2_000_000;
/// Instances with more bites than this get the large-instance phases when
/// the first exact search does not finish (see `solve`).
const LARGE: usize = 150;
/// The first exact search's share of the time on large instances, at most.
const FIRST_SLICE: Duration = Duration::from_millis(150);
/// Branching on the relaxation first runs for this share of the time
/// budget, at most `BRANCH_CAP` (national family, 1 s: with 0.1 of it,
/// 0.25 or 0.4, ten instances proven optimal in 8, 9 and 10 of them;
/// see docs/performance.md).
const BRANCH_SHARE: f64 = 0.4;
const BRANCH_CAP: Duration = Duration::from_millis(800);
/// Neighbourhood search runs until this share of the time budget, and no
/// longer than `LNS_CAP`: branching on the relaxation after it gets the
/// rest, to prove.
const LNS_SHARE: f64 = 0.6;
const LNS_CAP: Duration = Duration::from_millis(1_500);
/// While the best path is more than `CLOSE` above the bound, the exact
/// search after it could not close the gap in the time left: neighbourhood
/// search goes on until this share of the time.
const LNS_GAP_SHARE: f64 = 0.7;
/// At most this long, whatever the budget: with a budget of seconds the
/// exact search that follows often proves the optimum at once (the bench's
/// 1 000-bite instance: 0.14 s), and without the cap it waited 9 of 10 s.
const LNS_GAP_CAP: Duration = Duration::from_millis(1_800);
const CLOSE: f64 = 0.02;

/// What a search minimises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Measure {
    Hours,
    Cost,
    /// Days from the base day to the calendar's finish.
    FinishDays,
}

/// A complete path: local bite indices in path order and its value.
#[derive(Clone, Debug)]
pub(crate) struct Solution {
    pub order: Vec<u32>,
    pub value: f64,
}

/// The result of one search.
#[derive(Clone, Debug)]
pub(crate) struct Outcome {
    pub best: Option<Solution>,
    /// A proven lower bound on the value of any path.
    pub lower_bound: f64,
    pub optimal: bool,
    /// The search ran to its end (not stopped by the clock): with no path,
    /// none exists within the limits.
    pub exhausted: bool,
    pub nodes: u64,
    /// (time since start, value) of each new incumbent.
    pub history: Vec<(Duration, f64)>,
}

#[derive(Clone, Debug, Default)]
struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    fn new(n: usize) -> Self {
        Self {
            words: vec![0; n.div_ceil(64).max(1)],
        }
    }
    fn insert(&mut self, i: u32) {
        self.words[(i / 64) as usize] |= 1 << (i % 64);
    }
    fn remove(&mut self, i: u32) {
        self.words[(i / 64) as usize] &= !(1 << (i % 64));
    }
    fn contains(&self, i: u32) -> bool {
        self.words[(i / 64) as usize] & (1 << (i % 64)) != 0
    }
}

/// A search state's derived facts.
#[derive(Clone, Debug)]
struct Node {
    g: f64,
    pending: Vec<u32>,
    n_of: Vec<(usize, u32)>,
    ects_deficit: f64,
    f: f64,
}

/// The sums over a prefix of the state's bites (see `Tally`).
#[derive(Clone, Copy, Debug)]
struct Sums {
    /// The value so far: the sum of weights, or the largest for `FinishDays`.
    g: f64,
    cost: f64,
    ects: f64,
    /// The positive reduced costs of the bites not forced (with the
    /// Lagrangian bound in use).
    lifted: f64,
}

/// The state's bites as last evaluated, with the sums over each prefix, so
/// that the next state, which shares most of them, adds or takes off only
/// the difference (`Search::sync`). The sums are made in the same order
/// as a sum over `members`, so they are the same to the last bit.
#[derive(Clone, Debug)]
struct Tally {
    members: Vec<u32>,
    sums: Vec<Sums>,
    /// The sums over no bite.
    base: Sums,
}

enum Branch {
    Leaf,
    Children(Vec<u32>),
}

struct Search<'a> {
    instance: &'a Instance,
    prepared: &'a Prepared<'a>,
    measure: Measure,
    weights: Vec<f64>,
    /// Bites with ECTS, cheapest per credit first, for the measure and for cost.
    ects_order: Vec<u32>,
    ects_order_cost: Vec<u32>,
    chosen: BitSet,
    /// Bites no path better than the incumbent can hold (reduced-cost
    /// fixing, see `bound`): never candidates.
    banned: BitSet,
    /// The Lagrangian bound and reduced costs, once computed (additive
    /// measures on large instances).
    lagrangian: Option<Lagrangian>,
    /// The Lagrangian relaxation with chain covers while it is optimised
    /// (it starts below `lagrangian`, see `refine`).
    cover_run: Option<Lagrangian>,
    /// Whether the relaxation without covers, and the one with them, have
    /// converged: nothing more to gain from refining.
    plain_converged: bool,
    covers_converged: bool,
    /// Per bite: whether it is an `all_of` module (always chosen).
    is_forced: Vec<bool>,
    /// The search stops when `nodes` reaches it (the neighbourhood searches).
    node_limit: u64,
    members: Vec<u32>,
    visited: HashSet<Vec<u64>>,
    best: Option<Solution>,
    history: Vec<(Duration, f64)>,
    started: Instant,
    deadline: Instant,
    hard_deadline: Instant,
    abort: bool,
    open_bound: f64,
    nodes: u64,
    /// States evaluated (see `Stats`).
    evaluations: u64,
    /// Per condition, how many of the tallied bites meet it.
    counts: Vec<u32>,
    tally: Tally,
    /// Per bite: whether it meets one of its own prerequisites.
    meets_own_prereq: Vec<bool>,
    marks: Vec<bool>,
    shares: Vec<u32>,
    slack: Vec<f64>,
    /// Scratch: the global indices of the state's bites with sessions.
    session_bites: Vec<usize>,
    /// Whether every weight is a whole number (see `tighten`).
    integral: bool,
}

/// The latest a search may run while it has found no path at all: five
/// times the time budget, and at least 100 ms, so that even a zero budget
/// yields a path.
pub(crate) fn hard_deadline(started: Instant, time_budget: Duration) -> Instant {
    started + (time_budget * 5).max(Duration::from_millis(100))
}

/// Runs the search until it is proven optimal or `deadline` passes (or, if
/// no path has been found by then, until `hard_deadline`).
pub(crate) fn solve(
    prepared: &Prepared,
    instance: &Instance,
    measure: Measure,
    deadline: Instant,
    hard_deadline: Instant,
) -> Outcome {
    solve_seeded(prepared, instance, measure, deadline, hard_deadline, &[])
}

/// [`solve`], starting from `seed` (bites by global index, e.g. the best
/// path for another measure) as the path to beat when it is a path of
/// `instance`: the search then returns it or a better one, never worse,
/// and prunes with its value from the start.
pub(crate) fn solve_seeded(
    prepared: &Prepared,
    instance: &Instance,
    measure: Measure,
    deadline: Instant,
    hard_deadline: Instant,
    seed: &[usize],
) -> Outcome {
    // With a node budget the clock does not stop the search (an hour is
    // only a guard): the states do.
    let (deadline, hard_deadline) = match prepared.node_budget {
        Some(_) => {
            let guard = Instant::now() + Duration::from_secs(3_600);
            (guard, guard)
        }
        None => (deadline, hard_deadline),
    };
    let mut search = Search::new(prepared, instance, measure, deadline, hard_deadline);
    if let Some(nodes) = prepared.node_budget {
        search.node_limit = nodes;
    }
    let Some(root) = search.evaluate() else {
        return Outcome {
            best: None,
            lower_bound: f64::INFINITY,
            optimal: true,
            exhausted: true,
            nodes: 1,
            history: Vec::new(),
        };
    };
    let mut root_bound = search.tighten(root.f);
    search.visited.insert(search.chosen.words.clone());
    if !seed.is_empty() {
        search.seed(seed);
    }
    // Only for hours: under cost, many free bites tie and the dive's
    // ordering (bound, then weight) gives the better-looking first path.
    if measure == Measure::Hours {
        search.greedy_incumbent(false, 0.0);
    }
    let additive = measure != Measure::FinishDays;
    let total = deadline.saturating_duration_since(search.started);
    // Small and medium instances are proven in the first slice, exactly as
    // before; larger ones go on with the Lagrangian bound, neighbourhood
    // search and a second exact search on what reduced-cost fixing leaves.
    // The large-instance phases are timed: not with a node budget.
    let large =
        additive && prepared.node_budget.is_none() && (always_large() || instance.len() > LARGE);
    let first_slice = if always_large() {
        search.started
    } else if large {
        search.started + (total / 8).min(FIRST_SLICE)
    } else {
        deadline
    };
    search.deadline = first_slice;
    let hard_deadline = search.hard_deadline;
    if large {
        // Large instances: the first slice stops even without a path; the
        // phases after it look for one in other ways.
        search.hard_deadline = first_slice;
    }
    let phase_start = Instant::now();
    search.dfs(root.clone());
    count_phase(
        |s| (&mut s.first_states, &mut s.first_secs),
        search.evaluations,
        phase_start,
    );
    search.hard_deadline = hard_deadline;
    search.deadline = deadline;
    let mut proven_bound = f64::NEG_INFINITY;
    if search.abort && large {
        // What the first search left open bounds every path better than
        // its incumbent.
        proven_bound = search.open_bound.min(search.incumbent());
        let phase_start = Instant::now();
        let states = search.evaluations;
        search.greedy_incumbent(true, 0.0);
        if search.best.is_none() && instance.budget.is_some() {
            // The greedy paths exceed the budget: weigh cost in, more and
            // more, until one fits.
            let hours: f64 = search.weights.iter().sum();
            let cost: f64 = instance.cost.iter().sum::<f64>().max(1.0);
            for scale in [1.0, 4.0, 16.0, 64.0] {
                search.greedy_incumbent(true, scale * hours / cost);
                if search.best.is_some() {
                    break;
                }
            }
        }
        root_bound = root_bound.max(search.refine(total));
        count_phase(
            |s| (&mut s.setup_states, &mut s.setup_secs),
            search.evaluations - states,
            phase_start,
        );
        // Branching on the relaxation (`bound::branch`): its bound holds
        // for every path better than the incumbent, and when it reaches the
        // incumbent, that path is optimal. A first share of the time before
        // the neighbourhood search, which it spares when it proves the
        // path; the rest after it, with the better path it found.
        let mut tree = match (&search.lagrangian, &search.best) {
            (Some(lagrangian), Some(best)) => {
                Some(Tree::new(instance, &search.weights, lagrangian, best.value))
            }
            _ => None,
        };
        let mut proven = false;
        if let Some(tree) = &mut tree {
            let phase_start = Instant::now();
            let states = search.evaluations;
            let until = Instant::now() + total.mul_f64(BRANCH_SHARE).min(BRANCH_CAP);
            let (bound, done) = search.branch_on_relaxation(tree, until.min(deadline));
            root_bound = root_bound.max(bound);
            proven = done;
            count_phase(
                |s| (&mut s.tree_states, &mut s.tree_secs),
                search.evaluations - states,
                phase_start,
            );
        }
        if !proven {
            let phase_start = Instant::now();
            let states = search.evaluations;
            let lns_until = search.started + total.mul_f64(LNS_SHARE).min(LNS_CAP);
            let lns_gap_until = search.started + total.mul_f64(LNS_GAP_SHARE).min(LNS_GAP_CAP);
            let rounds = search.neighbourhoods(lns_until, lns_gap_until, root_bound);
            root_bound = root_bound.max(search.refine(total));
            count_phase(
                |s| (&mut s.lns_states, &mut s.lns_secs),
                search.evaluations - states,
                phase_start,
            );
            STATS.set(Stats {
                lns_rounds: STATS.get().lns_rounds + rounds as u64,
                ..STATS.get()
            });
        }
        if let Some(tree) = &mut tree
            && !proven
        {
            let phase_start = Instant::now();
            let states = search.evaluations;
            let (bound, done) = search.branch_on_relaxation(tree, deadline);
            root_bound = root_bound.max(bound);
            proven = done;
            count_phase(
                |s| (&mut s.tree_states, &mut s.tree_secs),
                search.evaluations - states,
                phase_start,
            );
        }
        let phase_start = Instant::now();
        let states = search.evaluations;
        if proven {
            search.abort = false;
        } else {
            // The exact search again, on the bites fixing leaves, with the
            // Lagrangian bound in every state (when the tree has stopped
            // short of the deadline).
            search.abort = false;
            search.open_bound = f64::INFINITY;
            search.visited.clear();
            search.members = instance.forced.clone();
            search.chosen = BitSet::new(instance.len());
            for &b in &instance.forced {
                search.chosen.insert(b);
            }
            search.visited.insert(search.chosen.words.clone());
            if let Some(root) = search.evaluate() {
                search.dfs(root);
            } else {
                // Nothing better than the incumbent exists.
                search.open_bound = f64::INFINITY;
            }
        }
        count_phase(
            |s| (&mut s.last_states, &mut s.last_secs),
            search.evaluations - states,
            phase_start,
        );
    }
    let optimal = !search.abort;
    let lower_bound = match (&search.best, optimal) {
        (Some(best), true) => best.value,
        (None, true) => f64::INFINITY,
        (best, false) => {
            let open = best
                .as_ref()
                .map_or(search.open_bound, |b| b.value.min(search.open_bound));
            open.max(root_bound).max(proven_bound)
        }
    };
    Outcome {
        best: search.best,
        lower_bound,
        optimal: optimal && lower_bound.is_finite(),
        exhausted: optimal,
        nodes: search.nodes,
        history: search.history,
    }
}

#[cfg(test)]
thread_local! {
    /// Set by tests to send every instance with an additive measure
    /// through the large-instance phases of `solve`.
    pub(crate) static ALWAYS_LARGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn always_large() -> bool {
    #[cfg(test)]
    {
        ALWAYS_LARGE.get()
    }
    #[cfg(not(test))]
    {
        false
    }
}

/// Checks the incremental evaluation against the evaluation from scratch
/// on a random walk of `steps` states of `instance` (seeded): bites added
/// and taken off one at a time as the search does, whole sets replaced as
/// the neighbourhood search does, bites banned, and half way a Lagrangian
/// bound in use. Panics, naming the step, at the first state whose facts
/// differ in any bit.
#[cfg(test)]
pub(crate) fn check_incremental(
    prepared: &Prepared,
    instance: &Instance,
    measure: Measure,
    seed: u64,
    steps: usize,
) {
    let far = Instant::now() + Duration::from_secs(3_600);
    let mut search = Search::new(prepared, instance, measure, far, far);
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let n = instance.len();
    // Like the search, the walk does not go on from a state that cannot
    // lead to a path: it takes a bite off instead, and so stays near the
    // edge of the budget, where its bound decides.
    let mut dead_end = false;
    let mut last: Option<Node> = None;
    for step in 0..steps {
        if step == steps / 2 && measure != Measure::FinishDays {
            let target = search.weights.iter().sum::<f64>() / 4.0 + 1.0;
            let lagrangian = Lagrangian::optimise(instance, &search.weights, target, 20, None);
            search.unwind(0);
            search.lagrangian = Some(lagrangian);
        }
        match if dead_end { 2 } else { next(10) } {
            // Replace the set: a neighbourhood's kept part.
            0 => {
                let kept: Vec<u32> = search
                    .members
                    .iter()
                    .copied()
                    .filter(|&b| search.is_forced[b as usize] || next(3) > 0)
                    .collect();
                search.members = instance.forced.clone();
                search.chosen = BitSet::new(n);
                for &b in &instance.forced {
                    search.chosen.insert(b);
                }
                for b in kept {
                    if !search.chosen.contains(b) {
                        search.chosen.insert(b);
                        search.members.push(b);
                    }
                }
            }
            // Ban a bite not in the state.
            1 if n > 0 => {
                let b = next(n) as u32;
                if !search.chosen.contains(b) {
                    search.banned.insert(b);
                }
            }
            // Take the last bite off.
            2..=4 if search.members.len() > instance.forced.len() => {
                let b = search.members.pop().expect("a bite");
                search.chosen.remove(b);
            }
            // Add a bite: as the search does, a candidate for a pending
            // item (so the walk comes near whole paths), or any.
            _ if n > 0 => {
                let pending = last
                    .as_ref()
                    .map_or(&[][..], |node: &Node| &node.pending[..]);
                let b = match pending {
                    [] => next(n) as u32,
                    _ if next(4) == 0 => next(n) as u32,
                    _ => {
                        let providers = &instance.providers[pending[next(pending.len())] as usize];
                        providers[next(providers.len())]
                    }
                };
                if !search.closed(b) {
                    search.chosen.insert(b);
                    search.members.push(b);
                }
            }
            _ => {}
        }
        let incremental = search.evaluate();
        dead_end = incremental.is_none() && search.members.len() > instance.forced.len();
        let mut fresh = Search::new(prepared, instance, measure, far, far);
        fresh.members = search.members.clone();
        fresh.chosen = search.chosen.clone();
        fresh.banned = search.banned.clone();
        fresh.lagrangian = search.lagrangian.clone();
        let reference = fresh.evaluate_with(true);
        match (&incremental, &reference) {
            (None, None) => {}
            (Some(a), Some(b)) => {
                let same = a.g.to_bits() == b.g.to_bits() || a.g == b.g;
                assert!(same, "step {step}: g {} vs {}", a.g, b.g);
                assert_eq!(a.pending, b.pending, "step {step}: pending");
                assert_eq!(a.n_of, b.n_of, "step {step}: n_of");
                assert_eq!(a.ects_deficit, b.ects_deficit, "step {step}: ECTS");
                assert_eq!(a.f, b.f, "step {step}: bound");
            }
            (a, b) => panic!("step {step}: {a:?} incrementally, {b:?} from scratch"),
        }
        last = incremental;
    }
}

/// The bound at the root: a lower bound on the value of any path.
pub(crate) fn root_bound(prepared: &Prepared, instance: &Instance, measure: Measure) -> f64 {
    let now = Instant::now();
    let mut search = Search::new(prepared, instance, measure, now, now);
    search.evaluate().map_or(f64::INFINITY, |n| n.f)
}

fn ects_order(instance: &Instance, weights: &[f64]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..instance.len() as u32)
        .filter(|&b| instance.ects[b as usize] > 0.0)
        .collect();
    order.sort_by(|&a, &b| {
        let ra = weights[a as usize] / instance.ects[a as usize];
        let rb = weights[b as usize] / instance.ects[b as usize];
        ra.total_cmp(&rb)
    });
    order
}

impl<'a> Search<'a> {
    fn new(
        prepared: &'a Prepared<'a>,
        instance: &'a Instance,
        measure: Measure,
        deadline: Instant,
        hard_deadline: Instant,
    ) -> Self {
        let weights = match measure {
            Measure::Hours => instance.hours.clone(),
            Measure::Cost => instance.cost.clone(),
            Measure::FinishDays => instance.earliest_finish.iter().map(|&d| d as f64).collect(),
        };
        let mut chosen = BitSet::new(instance.len());
        let mut is_forced = vec![false; instance.len()];
        for &b in &instance.forced {
            chosen.insert(b);
            is_forced[b as usize] = true;
        }
        Self {
            integral: weights.iter().all(|w| w.fract() == 0.0),
            ects_order: ects_order(instance, &weights),
            ects_order_cost: ects_order(instance, &instance.cost),
            instance,
            prepared,
            measure,
            weights,
            chosen,
            banned: BitSet::new(instance.len()),
            lagrangian: None,
            cover_run: None,
            plain_converged: false,
            covers_converged: false,
            is_forced,
            node_limit: u64::MAX,
            members: instance.forced.clone(),
            visited: HashSet::new(),
            best: None,
            history: Vec::new(),
            started: Instant::now(),
            deadline,
            hard_deadline,
            abort: false,
            open_bound: f64::INFINITY,
            nodes: 0,
            evaluations: 0,
            counts: vec![0; instance.providers.len()],
            tally: Tally {
                members: Vec::new(),
                sums: Vec::new(),
                base: Sums {
                    g: 0.0,
                    cost: std::iter::empty::<f64>().sum(),
                    ects: std::iter::empty::<f64>().sum(),
                    lifted: std::iter::empty::<f64>().sum(),
                },
            },
            meets_own_prereq: (0..instance.len())
                .map(|b| {
                    instance.prereqs[b]
                        .iter()
                        .any(|p| instance.meets[b].binary_search(p).is_ok())
                })
                .collect(),
            marks: vec![false; instance.providers.len()],
            shares: vec![0; instance.len()],
            slack: vec![0.0; instance.len()],
            session_bites: Vec::new(),
        }
    }

    /// Improves the Lagrangian bound towards the incumbent, keeps the best
    /// one for the states' bounds and bans the bites whose reduced cost
    /// alone lifts it to the incumbent (reduced-cost fixing). Returns the
    /// bound on every path, rounded as `tighten` does.
    fn refine(&mut self, total: Duration) -> f64 {
        let instance = self.instance;
        let incumbent = self.incumbent();
        let target = if incumbent.is_finite() {
            incumbent
        } else {
            return f64::NEG_INFINITY;
        };
        // Rounds in chunks, warm-started, until the steps have converged
        // or a few percent of the time budget (or all of it) have passed:
        // a chunk that does not raise the bound may still shrink the steps
        // towards a later rise.
        let until = (Instant::now() + total.mul_f64(0.05)).min(self.deadline);
        while !self.covers_converged && Instant::now() < until {
            // Without chain covers until converged, then with them (see
            // `bound`): the better of the two is the one kept.
            let covers = self.plain_converged;
            let found = match (covers, &self.cover_run) {
                (false, _) => Lagrangian::optimise(
                    instance,
                    &self.weights,
                    target,
                    50,
                    self.lagrangian.as_ref(),
                ),
                (true, Some(run)) => {
                    Lagrangian::optimise(instance, &self.weights, target, 50, Some(run))
                }
                (true, None) => {
                    let start = Lagrangian::with_covers(instance, &self.weights);
                    Lagrangian::optimise(instance, &self.weights, target, 50, Some(&start))
                }
            };
            let before = self
                .lagrangian
                .as_ref()
                .map_or(f64::NEG_INFINITY, |l| l.bound);
            if covers {
                self.covers_converged = found.converged();
                self.cover_run = Some(found.clone());
            } else {
                self.plain_converged = found.converged();
            }
            if found.bound > before || (!covers && found.bound >= before) {
                // The tallied reduced costs are those of the old bound.
                self.unwind(0);
                self.lagrangian = Some(found);
                self.lagrangian_incumbent();
            }
        }
        let Some(lagrangian) = &self.lagrangian else {
            return f64::NEG_INFINITY;
        };
        let bound = lagrangian.bound;
        for b in 0..instance.len() as u32 {
            if self.is_forced[b as usize] || self.banned.contains(b) {
                continue;
            }
            let with_b = self.tighten(bound + lagrangian.reduced[b as usize].max(0.0));
            if with_b >= incumbent - EPS {
                self.banned.insert(b);
            }
        }
        self.tighten(bound)
    }

    /// The Lagrangian heuristic: start from the bites the relaxation takes
    /// (negative reduced cost) and let the chain-aware greedy complete
    /// them; the greedy drops what the path does not need.
    fn lagrangian_incumbent(&mut self) {
        let Some(lagrangian) = &self.lagrangian else {
            return;
        };
        let taken: Vec<u32> = (0..self.instance.len() as u32)
            .filter(|&b| {
                lagrangian.reduced[b as usize] < 0.0
                    && !self.chosen.contains(b)
                    && !self.banned.contains(b)
            })
            .collect();
        let saved_members = self.members.clone();
        let saved_chosen = self.chosen.clone();
        for &b in &taken {
            self.chosen.insert(b);
            self.members.push(b);
        }
        self.greedy_incumbent(true, 0.0);
        self.members = saved_members;
        self.chosen = saved_chosen;
    }

    /// With whole-number weights every path's value is a whole number, so
    /// a bound can be rounded up.
    fn tighten(&self, bound: f64) -> f64 {
        if self.integral && bound.is_finite() {
            (bound - 1e-6).ceil()
        } else {
            bound
        }
    }

    fn incumbent(&self) -> f64 {
        self.best.as_ref().map_or(f64::INFINITY, |b| b.value)
    }

    /// Whether bite `b` is in the state or banned: not a candidate.
    fn closed(&self, b: u32) -> bool {
        self.chosen.contains(b) || self.banned.contains(b)
    }

    fn time_up(&self) -> bool {
        if self.nodes >= self.node_limit {
            return true;
        }
        let now = Instant::now();
        if self.best.is_some() {
            now >= self.deadline
        } else {
            now >= self.hard_deadline
        }
    }

    /// The facts of the current state; None when it cannot lead to a path.
    ///
    /// Incremental: what depends on the state's bites one by one (how many
    /// of them meet each condition, the sums of their weights, costs, ECTS
    /// and reduced costs) is kept along `members` (see `sync`), so a state
    /// one bite larger or smaller than the last costs that bite's share;
    /// the pending items and the bound follow from it as before, with the
    /// same values (`check_incremental`).
    fn evaluate(&mut self) -> Option<Node> {
        self.evaluate_with(false)
    }

    /// `evaluate`; with `reference`, from scratch: the tally rebuilt from
    /// every bite and the budget's bound computed in full (the reference
    /// the incremental evaluation is tested against).
    fn evaluate_with(&mut self, reference: bool) -> Option<Node> {
        self.evaluations += 1;
        let instance = self.instance;
        if reference {
            self.unwind(0);
        }
        self.sync();
        let sums = self.tally.sums.last().copied().unwrap_or(self.tally.base);
        let mut pending: Vec<u32> = Vec::new();
        for &t in &instance.targets {
            if self.counts[t as usize] == 0 && !self.marks[t as usize] {
                self.marks[t as usize] = true;
                pending.push(t);
            }
        }
        for &b in &self.members {
            let meets = &instance.meets[b as usize];
            let meets_own = self.meets_own_prereq[b as usize];
            for &p in &instance.prereqs[b as usize] {
                let own = u32::from(meets_own && meets.binary_search(&p).is_ok());
                if self.counts[p as usize] == own && !self.marks[p as usize] {
                    self.marks[p as usize] = true;
                    pending.push(p);
                }
            }
        }
        for &p in &pending {
            self.marks[p as usize] = false;
        }
        let mut n_of: Vec<(usize, u32)> = Vec::new();
        for (rule, (need, of)) in instance.n_of.iter().enumerate() {
            let have = of.iter().filter(|&&b| self.chosen.contains(b)).count() as u32;
            if have < *need {
                n_of.push((rule, need - have));
            }
        }
        let ects = sums.ects;
        let ects_deficit = if instance.min_ects - ects > 1e-9 {
            instance.min_ects - ects
        } else {
            0.0
        };
        let g = sums.g;
        let h = match self.measure {
            Measure::FinishDays => self.finish_bound(&pending, &n_of, ects_deficit),
            _ => self.additive_bound(false, &pending, &n_of, ects_deficit),
        };
        if !h.is_finite() {
            return None;
        }
        if let Some(budget) = instance.budget {
            let cost = sums.cost;
            let over = if self.measure == Measure::Cost {
                cost + h > budget + 1e-6
            } else {
                // The full bound on cost lies between the dearest pending
                // item's cheapest candidate and the sum of every pending
                // item's (see `cost_range`): when that settles it, it is
                // not computed.
                let (least, most) = if reference || ects_deficit > 0.0 {
                    (f64::NEG_INFINITY, f64::INFINITY)
                } else {
                    self.cost_range(&pending, &n_of)
                };
                if cost + least > budget + 1e-6 {
                    true
                } else if cost + most <= budget {
                    false
                } else {
                    cost + self.additive_bound(true, &pending, &n_of, ects_deficit) > budget + 1e-6
                }
            };
            if over {
                return None;
            }
        }
        let mut f = match self.measure {
            Measure::FinishDays => g.max(h),
            _ => g + h,
        };
        if let Some(lagrangian) = &self.lagrangian {
            // Every completion of this state holds its bites: the bound
            // rises by their positive reduced costs (forced bites are in
            // the bound already).
            f = f.max(lagrangian.bound + sums.lifted);
        }
        Some(Node {
            g,
            pending,
            n_of,
            ects_deficit,
            f,
        })
    }

    /// Brings the tally (and `counts`) in line with `members`: takes off
    /// the tallied bites past the longest common prefix, then adds the
    /// rest. In the search a child differs from the last state by one bite.
    fn sync(&mut self) {
        let common = self
            .tally
            .members
            .iter()
            .zip(&self.members)
            .take_while(|(a, b)| a == b)
            .count();
        self.unwind(common);
        let instance = self.instance;
        for i in common..self.members.len() {
            let b = self.members[i];
            for &c in &instance.meets[b as usize] {
                self.counts[c as usize] += 1;
            }
            let last = self.tally.sums.last().copied().unwrap_or(self.tally.base);
            let w = self.weights[b as usize];
            let lifted = match &self.lagrangian {
                Some(l) if !self.is_forced[b as usize] => l.reduced[b as usize].max(0.0),
                _ => 0.0,
            };
            self.tally.sums.push(Sums {
                g: match self.measure {
                    Measure::FinishDays => last.g.max(w),
                    _ => last.g + w,
                },
                cost: last.cost + instance.cost[b as usize],
                ects: last.ects + instance.ects[b as usize],
                lifted: last.lifted + lifted,
            });
            self.tally.members.push(b);
        }
    }

    /// Takes the tallied bites past the first `keep` off the tally.
    fn unwind(&mut self, keep: usize) {
        while self.tally.members.len() > keep {
            let b = self.tally.members.pop().expect("longer than keep");
            self.tally.sums.pop();
            for &c in &self.instance.meets[b as usize] {
                self.counts[c as usize] -= 1;
            }
        }
    }

    /// Bounds on `additive_bound(true, ..)` without ECTS missing: at least
    /// the dearest pending item's cheapest candidate (and an `n_of` rule's
    /// cheapest members), at most the sum of them all (each of its terms
    /// is: a share or a dual value of an item is at most its cheapest
    /// candidate).
    fn cost_range(&self, pending: &[u32], n_of: &[(usize, u32)]) -> (f64, f64) {
        let instance = self.instance;
        let mut most = 0.0f64;
        let mut sum = 0.0f64;
        for &c in pending {
            let cheapest = instance.providers[c as usize]
                .iter()
                .filter(|&&b| !self.closed(b))
                .map(|&b| instance.cost[b as usize])
                .fold(f64::INFINITY, f64::min);
            most = most.max(cheapest);
            sum += cheapest;
        }
        for &(rule, deficit) in n_of {
            let mut plain: Vec<f64> = instance.n_of[rule]
                .1
                .iter()
                .filter(|&&b| !self.closed(b))
                .map(|&b| instance.cost[b as usize])
                .collect();
            if plain.len() < deficit as usize {
                return (f64::INFINITY, f64::INFINITY);
            }
            plain.sort_by(f64::total_cmp);
            let cheapest: f64 = plain[..deficit as usize].iter().sum();
            most = most.max(cheapest);
            sum += cheapest;
        }
        (most, sum)
    }

    /// Lower bound on the weight still to add (see the module docs).
    fn additive_bound(
        &mut self,
        cost: bool,
        pending: &[u32],
        n_of: &[(usize, u32)],
        ects_deficit: f64,
    ) -> f64 {
        let instance = self.instance;
        let weights: &[f64] = if cost { &instance.cost } else { &self.weights };
        let chosen = &self.chosen;
        let banned = &self.banned;
        for &c in pending {
            for &b in &instance.providers[c as usize] {
                if !(chosen.contains(b) || banned.contains(b)) {
                    self.shares[b as usize] += 1;
                }
            }
        }
        for &(rule, _) in n_of {
            for &b in &instance.n_of[rule].1 {
                if !(chosen.contains(b) || banned.contains(b)) {
                    self.shares[b as usize] += 1;
                }
            }
        }
        let mut most = 0.0f64;
        let mut shared = 0.0f64;
        let mut feasible = true;
        let mut by_candidates: Vec<(u32, u32)> = Vec::with_capacity(pending.len());
        for &c in pending {
            let mut cheapest = f64::INFINITY;
            let mut share = f64::INFINITY;
            let mut candidates = 0u32;
            for &b in &instance.providers[c as usize] {
                if !(chosen.contains(b) || banned.contains(b)) {
                    let w = weights[b as usize];
                    cheapest = cheapest.min(w);
                    share = share.min(w / f64::from(self.shares[b as usize]));
                    self.slack[b as usize] = w;
                    candidates += 1;
                }
            }
            by_candidates.push((candidates, c));
            if !cheapest.is_finite() {
                feasible = false;
                break;
            }
            most = most.max(cheapest);
            shared += share;
        }
        if feasible {
            for &(rule, deficit) in n_of {
                let mut plain: Vec<f64> = Vec::new();
                let mut shares: Vec<f64> = Vec::new();
                for &b in &instance.n_of[rule].1 {
                    if !(chosen.contains(b) || banned.contains(b)) {
                        let w = weights[b as usize];
                        self.slack[b as usize] = w;
                        plain.push(w);
                        shares.push(w / f64::from(self.shares[b as usize]));
                    }
                }
                if plain.len() < deficit as usize {
                    feasible = false;
                    break;
                }
                plain.sort_by(f64::total_cmp);
                shares.sort_by(f64::total_cmp);
                most = most.max(plain[..deficit as usize].iter().sum());
                shared += shares[..deficit as usize].iter().sum::<f64>();
            }
        }
        // Dual ascent on the covering LP (items first, fewest candidates
        // first; then each n_of rule with its deficit as coefficient): every
        // bite's dual load stays within its weight, so the sum is a lower
        // bound on the LP and hence on any completion.
        let mut dual = 0.0f64;
        if feasible {
            by_candidates.sort_unstable();
            for &(_, c) in &by_candidates {
                let candidates = instance.providers[c as usize]
                    .iter()
                    .filter(|&&b| !(chosen.contains(b) || banned.contains(b)));
                let y = candidates
                    .clone()
                    .map(|&b| self.slack[b as usize])
                    .fold(f64::INFINITY, f64::min)
                    .max(0.0);
                for &b in candidates {
                    self.slack[b as usize] -= y;
                }
                dual += y;
            }
            for &(rule, deficit) in n_of {
                let members = instance.n_of[rule]
                    .1
                    .iter()
                    .filter(|&&b| !(chosen.contains(b) || banned.contains(b)));
                let z = members
                    .clone()
                    .map(|&b| self.slack[b as usize])
                    .fold(f64::INFINITY, f64::min)
                    .max(0.0);
                for &b in members {
                    self.slack[b as usize] -= z;
                }
                dual += f64::from(deficit) * z;
            }
        }
        for &c in pending {
            for &b in &instance.providers[c as usize] {
                self.shares[b as usize] = 0;
            }
        }
        for &(rule, _) in n_of {
            for &b in &instance.n_of[rule].1 {
                self.shares[b as usize] = 0;
            }
        }
        if !feasible {
            return f64::INFINITY;
        }
        let mut knapsack = 0.0;
        if ects_deficit > 0.0 {
            let order = if cost {
                &self.ects_order_cost
            } else {
                &self.ects_order
            };
            let mut remaining = ects_deficit;
            for &b in order {
                if self.closed(b) {
                    continue;
                }
                let ects = instance.ects[b as usize];
                let take = ects.min(remaining);
                knapsack += weights[b as usize] * take / ects;
                remaining -= take;
                if remaining <= 1e-9 {
                    break;
                }
            }
            if remaining > 1e-9 {
                return f64::INFINITY;
            }
        }
        most.max(shared).max(dual).max(knapsack)
    }

    /// Lower bound on the finish day of any completion.
    fn finish_bound(&self, pending: &[u32], n_of: &[(usize, u32)], ects_deficit: f64) -> f64 {
        let instance = self.instance;
        let mut bound = 0i64;
        for &c in pending {
            let earliest = instance.providers[c as usize]
                .iter()
                .filter(|&&b| !self.closed(b))
                .map(|&b| instance.earliest_finish[b as usize])
                .min()
                .unwrap_or(NEVER);
            bound = bound.max(earliest);
        }
        for &(rule, deficit) in n_of {
            let mut finishes: Vec<i64> = instance.n_of[rule]
                .1
                .iter()
                .filter(|&&b| !self.closed(b))
                .map(|&b| instance.earliest_finish[b as usize])
                .collect();
            if finishes.len() < deficit as usize {
                return f64::INFINITY;
            }
            finishes.sort_unstable();
            bound = bound.max(finishes[deficit as usize - 1]);
        }
        if ects_deficit > 0.0 {
            let available: f64 = (0..instance.len() as u32)
                .filter(|&b| !self.closed(b))
                .map(|b| instance.ects[b as usize])
                .sum();
            if available + 1e-9 < ects_deficit {
                return f64::INFINITY;
            }
        }
        if bound == NEVER {
            f64::INFINITY
        } else {
            bound as f64
        }
    }

    fn branch(&self, node: &Node) -> Branch {
        let instance = self.instance;
        let mut best: Option<Vec<u32>> = None;
        for &c in &node.pending {
            let candidates: Vec<u32> = instance.providers[c as usize]
                .iter()
                .copied()
                .filter(|&b| !self.closed(b))
                .collect();
            if best.as_ref().is_none_or(|b| candidates.len() < b.len()) {
                best = Some(candidates);
            }
        }
        for &(rule, _) in &node.n_of {
            let candidates: Vec<u32> = instance.n_of[rule]
                .1
                .iter()
                .copied()
                .filter(|&b| !self.closed(b))
                .collect();
            if best.as_ref().is_none_or(|b| candidates.len() < b.len()) {
                best = Some(candidates);
            }
        }
        if let Some(candidates) = best {
            return Branch::Children(candidates);
        }
        if node.ects_deficit > 0.0 {
            return Branch::Children(
                (0..instance.len() as u32)
                    .filter(|&b| instance.ects[b as usize] > 0.0 && !self.closed(b))
                    .collect(),
            );
        }
        match canonical_order(instance, &self.members) {
            Ok(_) => Branch::Leaf,
            Err(blocked) => Branch::Children(blocked),
        }
    }

    fn dfs(&mut self, node: Node) {
        self.nodes += 1;
        if (self.nodes.is_multiple_of(32) || always_large()) && self.time_up() {
            self.abort = true;
        }
        if self.abort {
            self.open_bound = self.open_bound.min(node.f);
            return;
        }
        let candidates = match self.branch(&node) {
            Branch::Leaf => {
                let unblock = self.leaf(&node);
                if unblock.is_empty() {
                    return;
                }
                unblock
            }
            Branch::Children(candidates) => candidates,
        };
        let mut children: Vec<(u32, Node)> = Vec::new();
        for c in candidates {
            if self.banned.contains(c) {
                continue;
            }
            self.chosen.insert(c);
            self.members.push(c);
            let fresh = if self.visited.len() < MAX_VISITED {
                self.visited.insert(self.chosen.words.clone())
            } else {
                !self.visited.contains(&self.chosen.words)
            };
            if fresh
                && self.load_fits(c)
                && let Some(mut child) = self.evaluate()
            {
                // A child's paths are the parent's paths too: the parent's
                // bound holds for them as well.
                child.f = self.tighten(child.f.max(node.f));
                if child.f < self.incumbent() - EPS {
                    children.push((c, child));
                }
            }
            self.members.pop();
            self.chosen.remove(c);
        }
        children.sort_by(|(a, x), (b, y)| {
            x.f.total_cmp(&y.f)
                .then(self.weights[*a as usize].total_cmp(&self.weights[*b as usize]))
        });
        let bounds: Vec<f64> = children.iter().map(|(_, n)| n.f).collect();
        for (i, (c, child)) in children.into_iter().enumerate() {
            if child.f >= self.incumbent() - EPS {
                break;
            }
            self.chosen.insert(c);
            self.members.push(c);
            self.dfs(child);
            self.members.pop();
            self.chosen.remove(c);
            if self.abort {
                if let Some(rest) = bounds[i + 1..].iter().copied().reduce(f64::min) {
                    self.open_bound = self.open_bound.min(rest);
                }
                return;
            }
        }
    }

    /// Whether the state's sessions, with bite `added` just chosen, can
    /// keep to the hours per week (see `calendar::sessions_fit`): when not,
    /// no set holding them has a calendar, and the state is not searched.
    fn load_fits(&mut self, added: u32) -> bool {
        let instance = self.instance;
        if !instance.has_sessions[added as usize] {
            return true;
        }
        self.session_bites.clear();
        self.session_bites.extend(
            self.members
                .iter()
                .filter(|&&b| instance.has_sessions[b as usize])
                .map(|&b| instance.global[b as usize]),
        );
        self.session_bites.len() < 2 || calendar::sessions_fit(self.prepared, &self.session_bites)
    }

    /// A state with nothing pending and a valid order. When its calendar
    /// works it is a path; when some step has no session left after its
    /// prerequisites (within the learner's dates), the state is not a path
    /// and the returned bites are the children to try: other providers of
    /// prerequisites, which may end earlier.
    fn leaf(&mut self, node: &Node) -> Vec<u32> {
        let mut members = self.members.clone();
        if self.measure != Measure::FinishDays {
            self.drop_superfluous(&mut members);
        }
        let mut attempt = self.dated_order(&members);
        if attempt.is_err() && members.len() < self.members.len() {
            members = self.members.clone();
            attempt = self.dated_order(&members);
        }
        let (order, finish_days) = match attempt {
            Ok(found) => found,
            Err(unblock) => return unblock,
        };
        let value = match self.measure {
            Measure::FinishDays => finish_days as f64,
            _ => members.iter().map(|&b| self.weights[b as usize]).sum(),
        };
        debug_assert!(self.measure == Measure::FinishDays || value <= node.g + 1e-6);
        if value < self.incumbent() - EPS {
            self.history.push((self.started.elapsed(), value));
            self.best = Some(Solution { order, value });
        }
        Vec::new()
    }

    /// The canonical order of `members` and its calendar's finish; on
    /// failure the bites that could unblock it.
    fn dated_order(&self, members: &[u32]) -> Result<(Vec<u32>, i64), Vec<u32>> {
        let instance = self.instance;
        let order = canonical_order(instance, members)?;
        let global: Vec<usize> = order.iter().map(|&b| instance.global[b as usize]).collect();
        // A bite with fixed sessions misses them after its prerequisites; a
        // self-paced one when others push it past the finish date.
        // With another step beside it, a session may not fit the week.
        let crowded = order.len() > 1;
        let may_miss = order.iter().any(|&b| {
            instance.has_sessions[b as usize]
                && (crowded || !instance.prereqs[b as usize].is_empty())
        }) || (crowded && self.prepared.finish_by.is_some());
        if !may_miss && self.measure != Measure::FinishDays {
            return Ok((order, 0));
        }
        let calendar = calendar::schedule(self.prepared, &global);
        let missed = calendar.steps.iter().any(|placed| placed.missed);
        if !missed {
            return Ok((order, calendar.finish_days));
        }
        // Only a bite meeting a prerequisite of a chosen bite can make a
        // step ready earlier (any other only adds load), and only when it
        // can end by the latest start of the bite it serves.
        let mut unblock: Vec<u32> = Vec::new();
        for (&m, &g) in order.iter().zip(&global) {
            let latest = calendar::latest_start(self.prepared, g).unwrap_or(i64::MAX);
            for &p in &instance.prereqs[m as usize] {
                for &q in &instance.providers[p as usize] {
                    if !members.contains(&q)
                        && !unblock.contains(&q)
                        && instance.earliest_finish[q as usize] <= latest
                    {
                        unblock.push(q);
                    }
                }
            }
        }
        Err(unblock)
    }

    /// A quick first path: repeatedly add the bite with the most pending
    /// items met per unit of weight, then drop what is not needed. It only
    /// seeds the incumbent; the search proves or improves it.
    ///
    /// `chains`: the weight of a bite also counts, for each prerequisite no
    /// bite taken meets yet, the cheapest chain of bites that would meet it
    /// (see `chain_costs`), so that a cheap bite at the end of a long chain
    /// does not look cheap. Used on large instances with deep prerequisites.
    ///
    /// `cost_weight`: each EUR of a bite weighs that much on top of its
    /// weight, for a path within a budget the plain greedy path exceeds.
    fn greedy_incumbent(&mut self, chains: bool, cost_weight: f64) {
        let instance = self.instance;
        let saved_members = self.members.clone();
        let saved_chosen = self.chosen.clone();
        let mut wanted = vec![false; instance.providers.len()];
        let blended: Vec<f64> = if cost_weight > 0.0 {
            self.weights
                .iter()
                .zip(&instance.cost)
                .map(|(w, c)| w + cost_weight * c)
                .collect()
        } else {
            self.weights.clone()
        };
        let chain = if chains {
            chain_costs(instance, &blended)
        } else {
            Vec::new()
        };
        let mut met = vec![false; instance.providers.len()];
        let mut complete = false;
        for _ in 0..instance.len() {
            let Some(node) = self.evaluate() else { break };
            if node.pending.is_empty() && node.n_of.is_empty() && node.ects_deficit <= 0.0 {
                complete = true;
                break;
            }
            for &c in &node.pending {
                wanted[c as usize] = true;
            }
            if chains {
                met.iter_mut().for_each(|m| *m = false);
                for &b in &self.members {
                    for &c in &instance.meets[b as usize] {
                        met[c as usize] = true;
                    }
                }
            }
            let mut best: Option<(f64, u32)> = None;
            for b in 0..instance.len() as u32 {
                if self.closed(b) {
                    continue;
                }
                let mut gain = instance.meets[b as usize]
                    .iter()
                    .filter(|&&c| wanted[c as usize])
                    .count() as f64;
                gain += node
                    .n_of
                    .iter()
                    .filter(|(rule, _)| instance.n_of[*rule].1.contains(&b))
                    .count() as f64;
                if node.ects_deficit > 0.0 {
                    gain += instance.ects[b as usize].min(node.ects_deficit) / node.ects_deficit;
                }
                if gain <= 0.0 {
                    continue;
                }
                let mut weight = blended[b as usize];
                if chains {
                    weight += instance.prereqs[b as usize]
                        .iter()
                        .filter(|&&p| !met[p as usize])
                        .map(|&p| chain[p as usize])
                        .sum::<f64>();
                }
                let score = gain / weight.max(1e-9);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, b));
                }
            }
            for &c in &node.pending {
                wanted[c as usize] = false;
            }
            let Some((_, b)) = best else { break };
            self.chosen.insert(b);
            self.members.push(b);
        }
        if complete {
            let mut members = self.members.clone();
            self.drop_superfluous(&mut members);
            let mut attempt = self.dated_order(&members);
            if attempt.is_err() {
                members = self.members.clone();
                attempt = self.dated_order(&members);
            }
            if let Ok((order, _)) = attempt {
                let value: f64 = members.iter().map(|&b| self.weights[b as usize]).sum();
                if value < self.incumbent() - EPS {
                    self.history.push((self.started.elapsed(), value));
                    self.best = Some(Solution { order, value });
                }
            }
        }
        self.members = saved_members;
        self.chosen = saved_chosen;
    }

    /// Takes `global` (bite indices of the catalogue) as the incumbent when
    /// its bites are all candidates of this instance and they make a path:
    /// every item met, within the budget, prerequisites in order, and a
    /// calendar that keeps every session.
    fn seed(&mut self, global: &[usize]) {
        let instance = self.instance;
        let Some(mut members) = global
            .iter()
            .map(|g| {
                instance
                    .global
                    .iter()
                    .position(|x| x == g)
                    .map(|b| b as u32)
            })
            .collect::<Option<Vec<u32>>>()
        else {
            return;
        };
        for &b in &instance.forced {
            if !members.contains(&b) {
                members.push(b);
            }
        }
        let saved_members = std::mem::replace(&mut self.members, members.clone());
        let saved_chosen = self.chosen.clone();
        for &b in &members {
            self.chosen.insert(b);
        }
        let complete = self
            .evaluate()
            .is_some_and(|n| n.pending.is_empty() && n.n_of.is_empty() && n.ects_deficit <= 0.0);
        let sessions: Vec<usize> = members
            .iter()
            .filter(|&&b| instance.has_sessions[b as usize])
            .map(|&b| instance.global[b as usize])
            .collect();
        let fits = sessions.len() < 2 || calendar::sessions_fit(self.prepared, &sessions);
        self.members = saved_members;
        self.chosen = saved_chosen;
        if !complete || !fits {
            return;
        }
        if let Ok((order, finish_days)) = self.dated_order(&members) {
            let value = match self.measure {
                Measure::FinishDays => finish_days as f64,
                _ => members.iter().map(|&b| self.weights[b as usize]).sum(),
            };
            if value < self.incumbent() - EPS {
                self.history.push((self.started.elapsed(), value));
                self.best = Some(Solution { order, value });
            }
        }
    }

    /// Drops bites a path does not need, most expensive first.
    fn drop_superfluous(&mut self, members: &mut Vec<u32>) {
        let saved_members = std::mem::take(&mut self.members);
        let saved_chosen = self.chosen.clone();
        let mut by_weight = members.clone();
        by_weight.sort_by(|a, b| self.weights[*b as usize].total_cmp(&self.weights[*a as usize]));
        for b in by_weight {
            if self.instance.forced.contains(&b) {
                continue;
            }
            let trial: Vec<u32> = members.iter().copied().filter(|&m| m != b).collect();
            self.members = trial.clone();
            self.chosen.remove(b);
            let complete = self.evaluate().is_some_and(|n| {
                n.pending.is_empty() && n.n_of.is_empty() && n.ects_deficit <= 0.0
            }) && canonical_order(self.instance, &trial).is_ok();
            if complete {
                *members = trial;
            } else {
                self.chosen.insert(b);
            }
        }
        self.members = saved_members;
        self.chosen = saved_chosen;
    }
}

/// Per condition, the weight of the cheapest chain of bites meeting it:
/// a provider's weight plus, for each of its prerequisites, that
/// prerequisite's chain (shared prerequisites counted again, so this is
/// an estimate for the greedy path, not a bound); infinite when no chain
/// exists within a few rounds.
fn chain_costs(instance: &Instance, weights: &[f64]) -> Vec<f64> {
    let mut chain = vec![f64::INFINITY; instance.providers.len()];
    for _ in 0..16 {
        let mut changed = false;
        for c in 0..chain.len() {
            let best = instance.providers[c]
                .iter()
                .map(|&b| {
                    weights[b as usize]
                        + instance.prereqs[b as usize]
                            .iter()
                            .map(|&p| chain[p as usize])
                            .sum::<f64>()
                })
                .fold(f64::INFINITY, f64::min);
            if best < chain[c] - EPS {
                chain[c] = best;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // A condition without a finite chain still gets a large finite weight,
    // so the greedy can tell its providers apart.
    let largest = chain
        .iter()
        .copied()
        .filter(|c| c.is_finite())
        .fold(0.0, f64::max);
    for c in &mut chain {
        if !c.is_finite() {
            *c = 2.0 * largest + 1.0;
        }
    }
    chain
}

/// The order of a set of bites in which every prerequisite is met by an
/// earlier bite: repeatedly the takeable bite with the earliest possible
/// finish (on a tie, one with fixed sessions before a self-paced one, which
/// can fit around it). On failure (a prerequisite cycle), the bites that would unblock
/// it: providers, outside the set, of prerequisites the orderable part
/// does not meet.
pub(crate) fn canonical_order(instance: &Instance, members: &[u32]) -> Result<Vec<u32>, Vec<u32>> {
    let mut met: Vec<bool> = vec![false; instance.providers.len()];
    let mut remaining: Vec<u32> = members.to_vec();
    let mut order: Vec<u32> = Vec::with_capacity(members.len());
    while !remaining.is_empty() {
        let next = remaining
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                instance.prereqs[**b as usize]
                    .iter()
                    .all(|&p| met[p as usize])
            })
            .min_by_key(|(_, b)| {
                (
                    instance.earliest_finish[**b as usize],
                    !instance.has_sessions[**b as usize],
                    **b,
                )
            })
            .map(|(i, _)| i);
        let Some(i) = next else {
            let mut unblock: Vec<u32> = Vec::new();
            for &b in &remaining {
                for p in &instance.prereqs[b as usize] {
                    if met[*p as usize] {
                        continue;
                    }
                    for &q in &instance.providers[*p as usize] {
                        if !members.contains(&q) && !unblock.contains(&q) {
                            unblock.push(q);
                        }
                    }
                }
            }
            return Err(unblock);
        };
        let b = remaining.swap_remove(i);
        for &c in &instance.meets[b as usize] {
            met[c as usize] = true;
        }
        order.push(b);
    }
    Ok(order)
}
