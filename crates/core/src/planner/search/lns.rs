//! How is a good path made better, when the exact search cannot finish?
//!
//! Large-neighbourhood search for the anytime phase: keep part of the best
//! path, take out the rest, always every banned bite, and let the exact
//! search complete the kept part within a node limit; a completion better
//! than the best path replaces it. Four neighbourhoods take turns:
//! - a random share of the path's bites;
//! - the bites serving a few *related* gap items (one at random, then
//!   items served by a bite that serves one already picked: items sharing
//!   prerequisite chains), with the chains only they need, so that one
//!   chain can come to serve several of them;
//! - the bites serving a few random gap items, with the chains only they
//!   need;
//! - the path's bites with the largest Lagrangian reduced costs (randomly
//!   perturbed): those the relaxation finds most overpriced.
//!
//! The size of what is taken out grows while the searches finish within
//! their limit and shrinks when they do not; while no better path has been
//! found for a while, the node limit doubles, so that the searches look
//! deeper around a path the small ones cannot improve. When that does not
//! help either (`RESTART_ROUNDS` rounds, or a tenth of the time, `PATIENCE`,
//! without a better path), the search goes on from another path: the
//! Lagrangian heuristic's, with perturbed reduced costs;
//! the best path of all is kept aside and returned. A descent from such a
//! path mostly ends within 30 rounds (tens of milliseconds); restarting
//! soon after samples more of them within the time, which is what reaches
//! the better paths on the national instances (issue 21, third round: see
//! `docs/performance.md`).
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
/// Rounds in a row without a better path after which the search goes on
/// from another path (see `restart_path`).
const RESTART_ROUNDS: usize = 30;
/// Without a better path for one `PATIENCE`th of its time, the
/// neighbourhood search goes on from another path, however few the rounds.
const PATIENCE: u32 = 10;

impl Search<'_> {
    /// Neighbourhood searches around the incumbent until `until` (while it
    /// is more than `CLOSE` above `bound`, a proven lower bound, until
    /// `gap_until`), or until the incumbent reaches `bound`, or until many
    /// rounds in a row found nothing better. Returns the rounds tried.
    pub(super) fn neighbourhoods(
        &mut self,
        until: Instant,
        gap_until: Instant,
        bound: f64,
    ) -> usize {
        let close = |incumbent: f64| incumbent <= bound + super::CLOSE * bound.abs();
        let until = until.min(gap_until);
        let instance = self.instance;
        let mut rng = Rng(instance.len() as u64 * 0x100_0000_01B3 + instance.targets.len() as u64);
        let saved_open = self.open_bound;
        let saved_deadline = self.deadline;
        self.deadline = gap_until;
        // The share of items whose bites are taken out.
        let mut share = 0.15f64;
        let mut round = 0usize;
        let mut last_improvement = 0usize;
        // The best path of all; `self.best` is the one searched around,
        // after a restart a worse one.
        let mut overall = self.best.clone();
        // On large instances, where rounds are slow, restarts come by the
        // clock rather than by the rounds.
        let started = Instant::now();
        let patience = gap_until.saturating_duration_since(started) / PATIENCE;
        let mut improved_at = started;
        while round - last_improvement < STALL_ROUNDS {
            let now = Instant::now();
            round += 1;
            let stalled = round - last_improvement >= RESTART_ROUNDS
                || (round - last_improvement >= 10 && now - improved_at >= patience);
            if stalled && self.lagrangian.is_some() {
                // Stalled: go on from another path, the Lagrangian
                // heuristic's with perturbed reduced costs.
                let current = self.best.take();
                self.members = instance.forced.clone();
                self.chosen = BitSet::new(instance.len());
                for &b in &instance.forced {
                    self.chosen.insert(b);
                }
                self.restart_path(&mut rng);
                if self.best.is_none() {
                    self.best = current;
                }
                last_improvement = round;
                improved_at = now;
                share = 0.15;
            }
            let Some(best) = &self.best else { break };
            let incumbent = best.value;
            if incumbent <= bound + super::EPS
                || now >= gap_until
                || (now >= until && close(incumbent))
            {
                break;
            }
            let path: Vec<u32> = best.order.clone();
            let keep = if round % 4 == 3 && self.lagrangian.is_some() {
                self.keep_low_reduced(&path, share, &mut rng)
            } else if round.is_multiple_of(4) || instance.targets.is_empty() {
                self.keep_random(&path, share, &mut rng)
            } else if round % 4 == 1 {
                let dropped = self.related_items(&path, share, &mut rng);
                self.keep_without(&path, &dropped)
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
            // Stalled: search each neighbourhood more deeply.
            let depth = ((round - last_improvement) / 25).min(2) as u32;
            self.node_limit = self.nodes + NODES * (1 << depth);
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
                improved_at = Instant::now();
                if overall
                    .as_ref()
                    .is_none_or(|o| self.incumbent() < o.value - super::EPS)
                {
                    overall = self.best.clone();
                }
            }
            if self.abort {
                share = (share * 0.9).max(0.02);
            } else {
                share = (share * 1.1).min(0.6);
            }
        }
        if let Some(o) = overall
            && o.value < self.incumbent() - super::EPS
        {
            self.best = Some(o);
        }
        // The paths found after a restart that were no better than the
        // best of all are not incumbents of the search.
        let mut lowest = f64::INFINITY;
        self.history.retain(|&(_, value)| {
            let better = value < lowest - super::EPS;
            lowest = lowest.min(value);
            better
        });
        self.node_limit = u64::MAX;
        self.abort = false;
        self.open_bound = saved_open;
        self.deadline = saved_deadline;
        self.members = instance.forced.clone();
        self.chosen = BitSet::new(instance.len());
        for &b in &instance.forced {
            self.chosen.insert(b);
        }
        round
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
        self.keep_without(path, &dropped_item)
    }

    /// Gap items whose bites in the path share prerequisite chains: one
    /// item at random, then items served by a bite that serves one already
    /// picked, nearest first, up to `share` of the items. Their bites are
    /// the ones to re-plan together, so that a chain serving several of
    /// them can replace one chain each.
    fn related_items(&self, path: &[u32], share: f64, rng: &mut Rng) -> Vec<bool> {
        let instance = self.instance;
        let n_items = ((instance.targets.len() as f64 * share).ceil() as usize).max(1);
        // Per path position: the items it serves (meets, or serves a later
        // bite needing what it meets), as indices into `targets`.
        let mut serves: Vec<Vec<usize>> = vec![Vec::new(); path.len()];
        for i in (0..path.len()).rev() {
            let b = path[i] as usize;
            let meets = &instance.meets[b];
            let mut own: Vec<usize> = instance
                .targets
                .iter()
                .enumerate()
                .filter(|(_, t)| meets.binary_search(t).is_ok())
                .map(|(k, _)| k)
                .collect();
            for j in i + 1..path.len() {
                let later = path[j] as usize;
                if instance.prereqs[later]
                    .iter()
                    .any(|p| meets.binary_search(p).is_ok())
                {
                    own.extend_from_slice(&serves[j]);
                }
            }
            own.sort_unstable();
            own.dedup();
            serves[i] = own;
        }
        let mut picked = vec![false; instance.targets.len()];
        let mut frontier = vec![rng.below(instance.targets.len())];
        picked[frontier[0]] = true;
        let mut count = 1;
        while count < n_items {
            // Items sharing a bite with a picked one, in random order.
            let mut next: Vec<usize> = Vec::new();
            for s in &serves {
                if s.iter().any(|k| frontier.contains(k)) {
                    next.extend(s.iter().copied().filter(|&k| !picked[k]));
                }
            }
            next.sort_unstable();
            next.dedup();
            if next.is_empty() {
                // Nothing shares: another item at random.
                let k = rng.below(instance.targets.len());
                if !picked[k] {
                    picked[k] = true;
                    count += 1;
                    frontier = vec![k];
                }
                continue;
            }
            for i in (1..next.len()).rev() {
                next.swap(i, rng.below(i + 1));
            }
            next.truncate(n_items - count);
            for &k in &next {
                picked[k] = true;
            }
            count += next.len();
            frontier = next;
        }
        let mut dropped_item = vec![false; instance.providers.len()];
        for (k, &t) in instance.targets.iter().enumerate() {
            dropped_item[t as usize] = picked[k];
        }
        dropped_item
    }

    /// The path's bites less those meeting a dropped item and the
    /// prerequisite providers only those needed; banned bites always go.
    fn keep_without(&self, path: &[u32], dropped_item: &[bool]) -> Vec<u32> {
        let instance = self.instance;
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

    /// Sets `self.best` to a new path, if the heuristic finds one: the bites
    /// the Lagrangian relaxation takes, each reduced cost perturbed by up
    /// to a third of the bite's weight either way, completed by the
    /// chain-aware greedy (which drops what the path does not need; over a
    /// budget, weighing cost in more and more until the path fits).
    fn restart_path(&mut self, rng: &mut Rng) {
        let Some(lagrangian) = &self.lagrangian else {
            return;
        };
        let instance = self.instance;
        let mut taken: Vec<(f64, u32)> = (0..instance.len() as u32)
            .filter(|&b| !self.chosen.contains(b) && !self.banned.contains(b))
            .map(|b| {
                let noise = (rng.below(1_000) as f64 / 1_000.0 - 0.5) * 2.0 / 3.0;
                (
                    lagrangian.reduced[b as usize] + noise * self.weights[b as usize],
                    b,
                )
            })
            .filter(|&(r, _)| r < 0.0)
            .collect();
        taken.sort_by(|a, b| a.0.total_cmp(&b.0));
        let saved_members = self.members.clone();
        let saved_chosen = self.chosen.clone();
        // Within a budget, the most attractive bites that fit in half of
        // it: the greedy needs room to complete them.
        let mut room = instance.budget.map_or(f64::INFINITY, |budget| {
            budget / 2.0
                - self
                    .members
                    .iter()
                    .map(|&b| instance.cost[b as usize])
                    .sum::<f64>()
        });
        for &(_, b) in &taken {
            let cost = instance.cost[b as usize];
            if instance.budget.is_some() && cost > room {
                continue;
            }
            room -= cost;
            self.chosen.insert(b);
            self.members.push(b);
        }
        self.greedy_incumbent(true, 0.0);
        if self.best.is_none() && self.instance.budget.is_some() {
            // Over the budget: weigh cost in, as for the first path.
            let hours: f64 = self.weights.iter().sum();
            let cost: f64 = self.instance.cost.iter().sum::<f64>().max(1.0);
            for scale in [1.0, 4.0, 16.0, 64.0] {
                self.greedy_incumbent(true, scale * hours / cost);
                if self.best.is_some() {
                    break;
                }
            }
        }
        self.members = saved_members;
        self.chosen = saved_chosen;
    }

    /// The path's bites less the `share` of them with the largest reduced
    /// costs (each perturbed at random): the bites the Lagrangian
    /// relaxation finds most overpriced for what they do.
    fn keep_low_reduced(&self, path: &[u32], share: f64, rng: &mut Rng) -> Vec<u32> {
        let Some(lagrangian) = &self.lagrangian else {
            return path.to_vec();
        };
        let mut scored: Vec<(f64, u32)> = path
            .iter()
            .filter(|&&b| !self.is_forced[b as usize])
            .map(|&b| {
                let noise = 0.5 + rng.below(1_000) as f64 / 1_000.0;
                (lagrangian.reduced[b as usize].max(0.0) * noise, b)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let n_out = ((scored.len() as f64 * share).ceil() as usize).max(1);
        let out: Vec<u32> = scored.iter().take(n_out).map(|&(_, b)| b).collect();
        path.iter()
            .copied()
            .filter(|&b| !out.contains(&b) && !self.banned.contains(b))
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
