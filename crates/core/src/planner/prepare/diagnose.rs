//! Why can a gap item or a bite never be in a path?
//!
//! The reasons given for uncoverable items (coverage rule 4): no bite
//! teaches the skill, the catalogue does not reach the level, or the bite
//! that came closest is excluded by a constraint or by the alternative, has
//! a prerequisite no other bite can meet, or has no session left once its
//! prerequisites are done.

use super::constraints::Exclusion;
use super::request::{NEVER, Prepared};
use crate::planner::label_of;

/// Why no reachable bite meets condition `t`.
pub(super) fn diagnose_condition(
    prepared: &Prepared,
    t: usize,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
) -> String {
    let condition = &prepared.conditions[t];
    let best_level = prepared.best_outcome_level[t];
    let Some(best_level) = best_level else {
        return "no bite teaches this skill".into();
    };
    if best_level < condition.level {
        return format!(
            "needs level {}, the catalogue reaches level {}",
            condition.level, best_level
        );
    }
    // The bite that came closest to fitting tells the most.
    let closest = prepared.providers[t]
        .iter()
        .map(|&b| b as usize)
        .max_by_key(|&b| exclusion[b].map_or(u8::MAX, |e| e as u8));
    match closest {
        Some(b) => diagnose_bite(prepared, b, exclusion, finish),
        None => "no bite teaches this skill".into(),
    }
}

/// Why bite `b` can never be in a path.
pub(super) fn diagnose_bite(
    prepared: &Prepared,
    b: usize,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
) -> String {
    let bite = &prepared.bites[b];
    match exclusion[b] {
        Some(Exclusion::Language) => "no bite in an allowed language".into(),
        Some(Exclusion::Mode) => "no bite in an allowed mode".into(),
        Some(Exclusion::Region) => format!("only {} in another county", bite.mode),
        Some(Exclusion::Dates) => "only sessions outside your dates".into(),
        Some(Exclusion::Pace) => "only sessions needing more hours per week than you have".into(),
        Some(Exclusion::Budget) => "only bites that cost more than your budget".into(),
        Some(Exclusion::Alternative) => "not available in this alternative".into(),
        None => {
            let allowed: Vec<bool> = exclusion.iter().map(Option::is_none).collect();
            for &p in &prepared.prereqs[b] {
                let met = prepared.providers[p as usize].iter().any(|&q| {
                    q as usize != b && allowed[q as usize] && finish[q as usize] != NEVER
                });
                if !met {
                    let c = &prepared.conditions[p as usize];
                    return format!(
                        "prerequisite {} (level {}) cannot be met",
                        label_of(prepared.hierarchy, c.skill, &prepared.lang),
                        c.level
                    );
                }
            }
            "only sessions outside your dates once its prerequisites are done".into()
        }
    }
}
