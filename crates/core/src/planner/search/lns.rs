//! How is a good path made better, when the exact search cannot finish?
//!
//! Large-neighbourhood search for the anytime phase: keep part of the best
//! path, take out the rest (the bites serving a few random gap items, with
//! the prerequisite chains only they need, or a random share of the bites,
//! always every banned bite), and let the exact search complete the kept
//! part within a node limit; a completion better than the best path
//! replaces it. The size of what is taken out grows while the searches
//! finish within their limit and shrinks when they do not.
//!
//! It never changes what the bound of the main search is: the bound stays
//! that of the exact searches and the Lagrangian relaxation.

use std::time::Instant;

use super::{BitSet, Search};

/// SplitMix64, seeded per instance: the same instance gets the same
/// neighbourhoods, so answers repeat (up to where the clock stops them).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Nodes one neighbourhood's search may expand.
const NODES: u64 = 400;
/// Rounds in a row without a better path after which the search stops.
const STALL_ROUNDS: usize = 300;

impl Search<'_> {
    /// Neighbourhood searches around the incumbent until `until`, or until
    /// the incumbent reaches `bound` (a proven lower bound), or until many
    /// rounds in a row found nothing better.
    pub(super) fn neighbourhoods(&mut self, until: Instant, bound: f64) {
        let instance = self.instance;
        let mut rng = Rng(instance.len() as u64 * 0x100_0000_01B3 + instance.targets.len() as u64);
        let saved_open = self.open_bound;
        let saved_deadline = self.deadline;
        self.deadline = until;
        // The share of items whose bites are taken out.
        let mut share = 0.15f64;
        let mut round = 0usize;
        let mut last_improvement = 0usize;
        while Instant::now() < until && round - last_improvement < STALL_ROUNDS {
            round += 1;
            let Some(best) = &self.best else { break };
            let incumbent = best.value;
            if incumbent <= bound + super::EPS {
                break;
            }
            let path: Vec<u32> = best.order.clone();
            let keep = if round.is_multiple_of(3) || instance.targets.is_empty() {
                self.keep_random(&path, share, &mut rng)
            } else {
                self.keep_without_items(&path, share, &mut rng)
            };
            self.members = instance.forced.clone();
            self.chosen = BitSet::new(instance.len());
            for &b in &instance.forced {
                self.chosen.insert(b);
            }
            for &b in &keep {
                if !self.chosen.contains(b) {
                    self.chosen.insert(b);
                    self.members.push(b);
                }
            }
            self.visited.clear();
            self.visited.insert(self.chosen.words.clone());
            self.abort = false;
            self.node_limit = self.nodes + NODES;
            let Some(node) = self.evaluate() else {
                share = (share * 0.8).max(0.02);
                continue;
            };
            if node.f >= incumbent - super::EPS {
                // Nothing better keeps this part: take out more next time.
                share = (share * 1.1).min(0.6);
                continue;
            }
            self.dfs(node);
            if self.incumbent() < incumbent - super::EPS {
                last_improvement = round;
            }
            if self.abort {
                share = (share * 0.9).max(0.02);
            } else {
                share = (share * 1.1).min(0.6);
            }
            if Instant::now() >= until {
                break;
            }
        }
        self.node_limit = u64::MAX;
        self.abort = false;
        self.open_bound = saved_open;
        self.deadline = saved_deadline;
        self.members = instance.forced.clone();
        self.chosen = BitSet::new(instance.len());
        for &b in &instance.forced {
            self.chosen.insert(b);
        }
    }

    /// The path's bites less those serving `share` of the gap items, picked
    /// at random, and less the prerequisite providers that only those
    /// served; banned bites always go.
    fn keep_without_items(&self, path: &[u32], share: f64, rng: &mut Rng) -> Vec<u32> {
        let instance = self.instance;
        let n_items = ((instance.targets.len() as f64 * share).ceil() as usize).max(1);
        let mut dropped_item = vec![false; instance.providers.len()];
        for _ in 0..n_items {
            let t = instance.targets[rng.below(instance.targets.len())];
            dropped_item[t as usize] = true;
        }
        let mut out = vec![false; path.len()];
        for (i, &b) in path.iter().enumerate() {
            out[i] = self.banned.contains(b)
                || instance.meets[b as usize]
                    .iter()
                    .any(|&c| dropped_item[c as usize]);
        }
        // Down the chains: a bite goes when every bite that needs what it
        // meets has gone (and it meets no item that stays).
        loop {
            let mut changed = false;
            for (i, &b) in path.iter().enumerate() {
                if out[i] || self.is_forced[b as usize] {
                    continue;
                }
                let meets = &instance.meets[b as usize];
                let meets_item = meets.iter().any(|&c| {
                    instance.targets.binary_search(&c).is_ok() && !dropped_item[c as usize]
                });
                if meets_item {
                    continue;
                }
                let still_needed = path.iter().enumerate().any(|(j, &other)| {
                    !out[j]
                        && other != b
                        && instance.prereqs[other as usize]
                            .iter()
                            .any(|p| meets.binary_search(p).is_ok())
                });
                if !still_needed {
                    out[i] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        path.iter()
            .enumerate()
            .filter(|(i, b)| !out[*i] || self.is_forced[**b as usize])
            .map(|(_, &b)| b)
            .collect()
    }

    /// The path's bites less a random `share` of them (and the banned ones).
    fn keep_random(&self, path: &[u32], share: f64, rng: &mut Rng) -> Vec<u32> {
        let threshold = (share * 1_000.0) as usize;
        path.iter()
            .copied()
            .filter(|&b| {
                self.is_forced[b as usize]
                    || (!self.banned.contains(b) && rng.below(1_000) >= threshold)
            })
            .collect()
    }
}
