//! Which bites can ever be taken, and when can each finish at the earliest?
//!
//! The prerequisite fixpoint: a bite can be taken once other bites meet its
//! prerequisites, so its earliest finish follows from theirs. A bite's own
//! outcomes never meet its own prerequisites, so self-prerequisites and
//! prerequisite cycles end up never taken instead of looping.

use super::request::{NEVER, Prepared};

/// The earliest finish of each allowed bite (days from base) when its
/// prerequisites are met by the earliest-finishing other bites; `NEVER`
/// for bites that can never be taken (also on prerequisite cycles).
///
/// Knuth's generalisation of Dijkstra's algorithm: a bite finishes no
/// earlier than it is ready, and it is ready when each prerequisite is met
/// by some other bite, so bites are settled in order of finish: the first
/// settled provider of a condition is its earliest, and a bite whose
/// prerequisites all have a settled provider (not itself) is ready on the
/// latest of their finishes. This gives the values of lowering every
/// bite's finish from "never" until nothing changes (the greatest fixpoint,
/// which the planner computed so before) without visiting every bite in
/// every round.
pub(super) fn earliest_finish(prepared: &Prepared, allowed: &[bool]) -> Vec<i64> {
    use std::cmp::Reverse;
    let n = prepared.bites.len();
    let mut finish = vec![NEVER; n];
    let mut heap: std::collections::BinaryHeap<Reverse<(i64, u32)>> =
        std::collections::BinaryHeap::new();
    // Only bites meeting some prerequisite can make others ready.
    for b in 0..n {
        let f = prepared.unconditional_finish[b];
        if allowed[b] && f != NEVER {
            finish[b] = f;
            if prepared.meets_prerequisite[b] {
                heap.push(Reverse((f, b as u32)));
            }
        }
    }
    // Per bite: how many of its prerequisites have no settled provider yet.
    let mut waiting: Vec<u32> = (0..n).map(|b| prepared.prereqs[b].len() as u32).collect();
    // Per condition: the finish of its first settled provider.
    let mut earliest = vec![NEVER; prepared.providers.len()];
    while let Some(Reverse((f, b))) = heap.pop() {
        for &c in &prepared.meets[b as usize] {
            if earliest[c as usize] != NEVER {
                continue;
            }
            earliest[c as usize] = f;
            for &d in &prepared.needed_by[c as usize] {
                let d = d as usize;
                // A settled bite waits for nothing; a bite never meets its
                // own prerequisite.
                if !allowed[d] || d == b as usize || finish[d] != NEVER {
                    continue;
                }
                waiting[d] -= 1;
                if waiting[d] == 0 {
                    let ready = prepared.prereqs[d]
                        .iter()
                        .map(|&p| earliest[p as usize])
                        .max()
                        .unwrap_or(0);
                    let finish_d = prepared.finish_after(d, ready);
                    if finish_d != NEVER {
                        finish[d] = finish_d;
                        if prepared.meets_prerequisite[d] {
                            heap.push(Reverse((finish_d, d as u32)));
                        }
                    }
                }
            }
        }
    }
    finish
}
