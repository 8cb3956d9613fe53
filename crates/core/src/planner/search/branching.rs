//! The branching phase of the large-instance search: expands the tree of
//! `bound::branch` and, now and then, completes the relaxation of its
//! lowest node into a path with the chain-aware greedy (the Lagrangian
//! heuristic of `refine`, at the node's fixings and multipliers), so that
//! the tree also finds paths and prunes with them.

use std::time::Instant;

use super::{EPS, Search};
use crate::planner::bound::branch::Tree;

/// Every this many nodes, a path from the lowest node's relaxation.
const HINT_EVERY: u64 = 8;

impl Search<'_> {
    /// Expands `tree` until `until`, until it proves the incumbent optimal
    /// or until it can go no further. Returns its bound (valid for every
    /// path better than the incumbent) and whether it proved the incumbent.
    pub(super) fn branch_on_relaxation(&mut self, tree: &mut Tree, until: Instant) -> (f64, bool) {
        while tree.active() && Instant::now() < until {
            if tree.nodes % HINT_EVERY == HINT_EVERY - 1 {
                self.complete_from(&tree.taken());
            }
            tree.expand(self.incumbent());
        }
        let bound = tree.bound(self.incumbent());
        (bound, bound >= self.incumbent() - EPS)
    }

    /// A path from `taken` (bites a relaxation takes): those not banned,
    /// with the forced bites, completed by the chain-aware greedy, which
    /// drops what the path does not need.
    fn complete_from(&mut self, taken: &[u32]) {
        let saved_members = self.members.clone();
        let saved_chosen = self.chosen.clone();
        for &b in taken {
            if !self.closed(b) {
                self.chosen.insert(b);
                self.members.push(b);
            }
        }
        self.greedy_incumbent(true, 0.0);
        self.members = saved_members;
        self.chosen = saved_chosen;
    }
}
