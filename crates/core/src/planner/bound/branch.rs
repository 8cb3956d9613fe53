//! Raising the Lagrangian bound by branching on the relaxation.
//!
//! The relaxation's value is its own limit: on the national family it
//! takes half of each of two bites that each meet two items, and no choice
//! of multipliers lifts it past that. A best-first branch and bound over
//! the relaxation does: a node is a set of fixings (bites fixed in or out,
//! the forced bites always in), its bound the Lagrangian bound of the
//! relaxation under them (multipliers warm-started from the parent's, a
//! few subgradient rounds), never below its parent's (its paths are the
//! parent's too). Each step takes the open node with the smallest bound
//! and splits it on the bite whose use is the most fractional in its
//! relaxation (the average of the last rounds' minimisers, see
//! `Lagrangian::usage`), heavier bites first on a tie: one child with the
//! bite, one without.
//!
//! Every path better than the incumbent lies in some open node (a child
//! is dropped only when its bound reaches the incumbent, when an item has
//! no provider left, or when every bite is fixed and the one set left is
//! over the budget or cannot be ordered), so the smallest open bound, or
//! the incumbent when none is open, bounds every path: the global bound,
//! which only rises.
//! Inside a node, reduced-cost fixing fixes a bite out when its reduced
//! cost alone lifts the node's bound to the incumbent, and in when leaving
//! it out does; both only drop paths no better than the incumbent.
//!
//! It reads no clock: the caller expands nodes while it has time.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::rc::Rc;

use super::{Fix, Lagrangian};
use crate::planner::prepare::Instance;

/// Subgradient rounds per child.
const ROUNDS: usize = 40;
/// The step scale a child starts from at least: the parent's steps have
/// often shrunk to nothing, and the fixings move the best multipliers.
const CHILD_STEP: f64 = 1.0;
/// Memory the open nodes may take (each holds its fixings, multipliers
/// and reduced costs: about 20 KB with 750 bites); past it the tree stops
/// expanding and keeps its bound.
const MAX_MEMORY: usize = 48 << 20;

/// An open node.
struct Open {
    bound: f64,
    fixed: Vec<Fix>,
    /// Its relaxation at the best multipliers found for it.
    relaxation: Rc<Lagrangian>,
}

impl PartialEq for Open {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Open {}
impl PartialOrd for Open {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Open {
    /// The smallest bound on top of the (max-)heap.
    fn cmp(&self, other: &Self) -> Ordering {
        other.bound.total_cmp(&self.bound)
    }
}

/// The branch-and-bound tree over the relaxation.
pub(crate) struct Tree<'a> {
    instance: &'a Instance,
    weights: Vec<f64>,
    /// Whether every weight is whole: bounds round up.
    integral: bool,
    open: BinaryHeap<Open>,
    /// Nodes expanded.
    pub nodes: u64,
    /// Open nodes kept at most (see `MAX_MEMORY`).
    max_open: usize,
    /// Set when the tree cannot go on (too many open nodes, or a node with
    /// every bite fixed that may be a path): its bound stays where it is.
    stuck: bool,
}

impl<'a> Tree<'a> {
    /// The root: the whole relaxation at `root`'s multipliers (the best
    /// known, with or without chain covers), aiming at `incumbent`.
    pub fn new(instance: &'a Instance, weights: &[f64], root: &Lagrangian, incumbent: f64) -> Self {
        let integral = weights.iter().all(|w| w.fract() == 0.0);
        let mut tree = Self {
            instance,
            weights: weights.to_vec(),
            integral,
            open: BinaryHeap::new(),
            nodes: 0,
            max_open: 0,
            stuck: false,
        };
        let fixed = Lagrangian::root_fixings(instance);
        // A few rounds from the best multipliers, for the usage of the
        // bites around them (the best may come from converged steps).
        let start = root.with_step_scale(CHILD_STEP);
        let target = if incumbent.is_finite() {
            incumbent
        } else {
            root.bound * 1.05 + 1.0
        };
        let mut relaxation =
            Lagrangian::optimise_fixed(instance, weights, target, ROUNDS, Some(&start), &fixed);
        if relaxation.bound < root.bound {
            let usage = std::mem::take(&mut relaxation.usage);
            relaxation = Lagrangian {
                usage,
                ..root.clone()
            };
        }
        let node_bytes = relaxation.footprint() + fixed.len() + std::mem::size_of::<Open>();
        tree.max_open = (MAX_MEMORY / node_bytes).max(64);
        tree.open.push(Open {
            bound: tree.round(root.bound.max(relaxation.bound)),
            fixed,
            relaxation: Rc::new(relaxation),
        });
        tree
    }

    fn round(&self, bound: f64) -> f64 {
        if self.integral && bound.is_finite() {
            (bound - 1e-6).ceil()
        } else {
            bound
        }
    }

    /// A lower bound on the best path's value when a path of value
    /// `incumbent` exists (infinite without one): the smallest open bound,
    /// or `incumbent` when it is smaller or nothing is open.
    pub fn bound(&self, incumbent: f64) -> f64 {
        self.open
            .peek()
            .map_or(incumbent, |o| o.bound.min(incumbent))
    }

    /// The open nodes' bounds and fixings (for the tests).
    #[cfg(test)]
    pub fn open_nodes(&self) -> Vec<(f64, &[Fix])> {
        self.open.iter().map(|o| (o.bound, &o.fixed[..])).collect()
    }

    /// Whether expanding can still raise the bound.
    pub fn active(&self) -> bool {
        !self.stuck && !self.open.is_empty()
    }

    /// The bites the relaxation of the open node with the smallest bound
    /// takes (fixed in, or free with a negative reduced cost): a start for
    /// a path near it (see `search::branching`).
    pub fn taken(&self) -> Vec<u32> {
        let Some(node) = self.open.peek() else {
            return Vec::new();
        };
        let reduced = &node.relaxation.reduced;
        (0..node.fixed.len())
            .filter(|&b| match node.fixed[b] {
                Fix::In => true,
                Fix::Out => false,
                Fix::Free => reduced[b] < 0.0,
            })
            .map(|b| b as u32)
            .collect()
    }

    /// Splits the open node with the smallest bound into its two children
    /// and keeps those that can still hold a path better than `incumbent`.
    pub fn expand(&mut self, incumbent: f64) {
        if self.stuck {
            return;
        }
        let Some(node) = self.open.pop() else { return };
        if node.bound >= incumbent - 1e-9 {
            // Nothing better than the incumbent is left anywhere.
            self.open.clear();
            return;
        }
        let Some(b) = self.branching_bite(&node) else {
            // Every bite is fixed: the node holds one set of bites. When
            // it is over the budget or cannot be ordered, no path is here;
            // otherwise its bound is what it is (the calendar may still
            // rule it out, which the relaxation does not see).
            if self.holds_a_path(&node.fixed) {
                self.open.push(node);
                self.stuck = true;
            }
            return;
        };
        self.nodes += 1;
        let start = node.relaxation.with_step_scale(CHILD_STEP);
        for fix in [Fix::In, Fix::Out] {
            let mut fixed = node.fixed.clone();
            fixed[b] = fix;
            if let Some(child) = self.child(fixed, &start, node.bound, incumbent) {
                self.open.push(child);
            }
        }
        if self.open.len() >= self.max_open {
            self.stuck = true;
        }
    }

    /// The free bite whose use in the node's relaxation is the most
    /// fractional (heavier first on a tie); when every free bite is taken
    /// in (nearly) all rounds or in none, the one whose reduced cost is
    /// the closest to 0. None when no bite is free.
    fn branching_bite(&self, node: &Open) -> Option<usize> {
        let usage = &node.relaxation.usage;
        let reduced = &node.relaxation.reduced;
        let mut best: Option<(f64, usize)> = None;
        let mut closest: Option<(f64, usize)> = None;
        for (b, &fix) in node.fixed.iter().enumerate() {
            if fix != Fix::Free {
                continue;
            }
            let u = usage.get(b).copied().unwrap_or(0.0);
            let fraction = u.min(1.0 - u);
            if fraction >= 0.02 {
                let score = fraction * (1.0 + self.weights[b]);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, b));
                }
            }
            let distance = reduced[b].abs();
            if closest.is_none_or(|(d, _)| distance < d) {
                closest = Some((distance, b));
            }
        }
        best.or(closest).map(|(_, b)| b)
    }

    /// Whether the set of bites fixed in may be a path: within the budget
    /// and orderable, every prerequisite met by a bite taken before.
    fn holds_a_path(&self, fixed: &[Fix]) -> bool {
        let instance = self.instance;
        let mut left: Vec<u32> = (0..fixed.len() as u32)
            .filter(|&b| fixed[b as usize] == Fix::In)
            .collect();
        let cost: f64 = left.iter().map(|&b| instance.cost[b as usize]).sum();
        if instance.budget.is_some_and(|budget| cost > budget + 1e-6) {
            return false;
        }
        let mut met = vec![false; instance.providers.len()];
        while !left.is_empty() {
            let before = left.len();
            let mut i = 0;
            while i < left.len() {
                let b = left[i] as usize;
                if instance.prereqs[b].iter().all(|&p| met[p as usize]) {
                    for &c in &instance.meets[b] {
                        met[c as usize] = true;
                    }
                    left.swap_remove(i);
                } else {
                    i += 1;
                }
            }
            if left.len() == before {
                return false;
            }
        }
        true
    }

    /// Whether an item has every provider fixed out: no path there.
    fn orphaned(instance: &Instance, fixed: &[Fix]) -> bool {
        instance.targets.iter().any(|&t| {
            instance.providers[t as usize]
                .iter()
                .all(|&b| fixed[b as usize] == Fix::Out)
        })
    }

    /// The child with `fixed`: its relaxation optimised from `start`, its
    /// bound at least its parent's, reduced-cost fixing applied; None when
    /// it cannot hold a path better than `incumbent`.
    fn child(
        &self,
        mut fixed: Vec<Fix>,
        start: &Lagrangian,
        parent: f64,
        incumbent: f64,
    ) -> Option<Open> {
        let instance = self.instance;
        if Self::orphaned(instance, &fixed) {
            return None;
        }
        let target = if incumbent.is_finite() {
            incumbent
        } else {
            parent * 1.05 + 1.0
        };
        let relaxation = Lagrangian::optimise_fixed(
            instance,
            &self.weights,
            target,
            ROUNDS,
            Some(start),
            &fixed,
        );
        let bound = self.round(parent.max(relaxation.bound));
        if bound >= incumbent - 1e-9 {
            return None;
        }
        if incumbent.is_finite() {
            let mut dropped = false;
            for (b, fix) in fixed.iter_mut().enumerate() {
                if *fix != Fix::Free {
                    continue;
                }
                let r = relaxation.reduced[b];
                if self.round(relaxation.bound + r.max(0.0)) >= incumbent - 1e-9 {
                    *fix = Fix::Out;
                    dropped = true;
                } else if self.round(relaxation.bound - r.min(0.0)) >= incumbent - 1e-9 {
                    *fix = Fix::In;
                }
            }
            if dropped && Self::orphaned(instance, &fixed) {
                return None;
            }
        }
        Some(Open {
            bound,
            fixed,
            relaxation: Rc::new(relaxation),
        })
    }
}
