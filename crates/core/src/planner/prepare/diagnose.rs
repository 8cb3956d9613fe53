//! Why can a gap item or a bite never be in a path?
//!
//! The root cause of an uncoverable item (coverage rule 4), as a
//! [`Cause`] (a code and the facts it names) and a sentence from the
//! message catalogue. The cause is followed down the prerequisite chains
//! to the first thing that blocks: no bite teaches the skill, the
//! catalogue does not reach the level, a constraint excludes the bite that
//! came closest (language, mode, county, dates, budget), or that bite has
//! a prerequisite whose own cause is found the same way.
//!
//! Which bite "came closest": each bite teaching a condition is given the
//! number of blocks between the learner and it (its own exclusion, plus
//! the blocks of each prerequisite nobody reachable meets), and the one
//! with the fewest wins, then the one whose exclusion is the nearest to
//! being met (budget before dates, county, mode and language). A bite
//! with a prerequisite that is blocked is blamed on that prerequisite: it
//! blocks whatever is done about the bite itself. Each condition is
//! worked out once per item (a memo), so the work is linear in the
//! prerequisite links; a prerequisite cycle counts as blocked for ever.

use super::constraints::Exclusion;
use super::request::{NEVER, Prepared};
use crate::domain::county::region_name;
use crate::planner::{Cause, CauseCode, label_of};
use crate::text::Lang;
use crate::tr;

/// Blocks past which nothing is counted (a cycle is worth this many).
const FOREVER: u32 = 1_000;

/// Why no reachable bite meets condition `t`.
pub(super) fn diagnose_condition(
    prepared: &Prepared,
    t: usize,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
) -> (String, Cause) {
    let mut memo = Memo::new(prepared.conditions.len());
    let (_, cause) = condition_cause(prepared, t, exclusion, finish, &mut memo);
    (cause_text(prepared, &cause, Some(t)), cause)
}

/// Why bite `b` can never be in a path.
pub(super) fn diagnose_bite(
    prepared: &Prepared,
    b: usize,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
) -> (String, Cause) {
    let mut memo = Memo::new(prepared.conditions.len());
    let (_, cause) = bite_cause(prepared, b, None, exclusion, finish, &mut memo);
    (cause_text(prepared, &cause, None), cause)
}

#[derive(Clone)]
enum Slot {
    Unknown,
    InProgress,
    Done(u32, Cause),
}

struct Memo(Vec<Slot>);

impl Memo {
    fn new(n: usize) -> Self {
        Self(vec![Slot::Unknown; n])
    }
}

fn bare(code: CauseCode) -> Cause {
    Cause::new(code)
}

/// The blocks between the learner and condition `t`, and the first of them.
fn condition_cause(
    prepared: &Prepared,
    t: usize,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
    memo: &mut Memo,
) -> (u32, Cause) {
    match &memo.0[t] {
        Slot::Done(blocks, cause) => return (*blocks, cause.clone()),
        Slot::InProgress => {
            return (
                FOREVER,
                on_condition(prepared, t, bare(CauseCode::PrerequisiteCycle)),
            );
        }
        Slot::Unknown => {}
    }
    memo.0[t] = Slot::InProgress;
    let condition = &prepared.conditions[t];
    let found = match prepared.best_outcome_level[t] {
        None => (1, on_condition(prepared, t, bare(CauseCode::NotTaught))),
        Some(best) if best < condition.level => (
            1,
            on_condition(
                prepared,
                t,
                Cause {
                    reached_level: Some(best.get()),
                    ..bare(CauseCode::LevelNotReached)
                },
            ),
        ),
        Some(_) => {
            let mut chosen: Option<(u32, u8, Cause)> = None;
            for &b in prepared.providers[t] {
                let b = b as usize;
                let (blocks, cause) = bite_cause(prepared, b, Some(t), exclusion, finish, memo);
                // The nearer an exclusion is to being met, the better.
                let nearness = exclusion[b].map_or(u8::MAX, |e| e as u8);
                let better = chosen.as_ref().is_none_or(|(best_blocks, best_near, _)| {
                    blocks < *best_blocks || (blocks == *best_blocks && nearness > *best_near)
                });
                if better {
                    chosen = Some((blocks, nearness, cause));
                }
            }
            chosen.map_or_else(
                || (1, on_condition(prepared, t, bare(CauseCode::NotTaught))),
                |(blocks, _, cause)| (blocks, cause),
            )
        }
    };
    memo.0[t] = Slot::Done(found.0, found.1.clone());
    found
}

/// The blocks between the learner and bite `b` (which teaches condition
/// `taught`, when it is asked for one), and the first of them.
fn bite_cause(
    prepared: &Prepared,
    b: usize,
    taught: Option<usize>,
    exclusion: &[Option<Exclusion>],
    finish: &[i64],
    memo: &mut Memo,
) -> (u32, Cause) {
    let bite = &prepared.bites[b];
    // Prerequisites no other reachable bite meets.
    let mut blocked: Option<(u32, usize, Cause)> = None;
    let mut prerequisite_blocks = 0u32;
    for &p in &prepared.prereqs[b] {
        let p = p as usize;
        let met = prepared.providers[p].iter().any(|&q| {
            q as usize != b && exclusion[q as usize].is_none() && finish[q as usize] != NEVER
        });
        if met {
            continue;
        }
        let (blocks, cause) = condition_cause(prepared, p, exclusion, finish, memo);
        prerequisite_blocks = (prerequisite_blocks + blocks).min(FOREVER);
        if blocked.as_ref().is_none_or(|(best, _, _)| blocks < *best) {
            blocked = Some((blocks, p, cause));
        }
    }
    let own = exclusion[b].map(|e| exclusion_cause(prepared, b, e));
    let blocks = (u32::from(own.is_some()) + prerequisite_blocks).min(FOREVER);
    // A blocked prerequisite blocks whatever is done about the bite itself.
    let cause = match (blocked, own) {
        (Some((_, p, cause)), _) => {
            let mut cause = cause;
            if cause.skill.as_ref() != Some(prepared.conditions[p].skill) {
                cause.via.insert(0, prepared.conditions[p].skill.clone());
            }
            cause
        }
        (None, Some(cause)) => match taught {
            Some(t) => on_condition(prepared, t, cause),
            None => cause,
        },
        (None, None) => {
            let cause = Cause {
                bite: Some(bite.id.clone()),
                ..bare(CauseCode::NoSessionAfterPrerequisites)
            };
            match taught {
                Some(t) => on_condition(prepared, t, cause),
                None => cause,
            }
        }
    };
    (blocks.max(1), cause)
}

/// The cause of bite `b`'s exclusion `e`, with the facts it names.
pub(super) fn exclusion_cause(prepared: &Prepared, b: usize, e: Exclusion) -> Cause {
    let bite = &prepared.bites[b];
    let mut cause = bare(match e {
        Exclusion::Language => CauseCode::Language,
        Exclusion::Mode => CauseCode::Mode,
        Exclusion::Region => CauseCode::Region,
        Exclusion::Dates => CauseCode::Dates,
        Exclusion::Budget => CauseCode::Budget,
        Exclusion::Pace => CauseCode::Pace,
        Exclusion::Alternative => CauseCode::Alternative,
    });
    cause.bite = Some(bite.id.clone());
    match e {
        Exclusion::Language => cause.languages = bite.languages.clone(),
        Exclusion::Mode => cause.mode = Some(bite.mode),
        Exclusion::Region => {
            cause.mode = Some(bite.mode);
            cause.region = bite.region.clone();
        }
        Exclusion::Budget => cause.cost_eur = Some(prepared.cost[b]),
        Exclusion::Dates | Exclusion::Pace | Exclusion::Alternative => {}
    }
    cause
}

/// `cause` as the block on condition `t`'s skill.
fn on_condition(prepared: &Prepared, t: usize, cause: Cause) -> Cause {
    let condition = &prepared.conditions[t];
    Cause {
        skill: Some(condition.skill.clone()),
        level: Some(condition.level.get()),
        label: Some(label_of(
            prepared.hierarchy,
            condition.skill,
            &prepared.lang,
        )),
        ..cause
    }
}

/// The cause as a sentence; a cause on another skill than the item's own
/// (condition `item`) is said to be on a prerequisite.
pub(super) fn cause_text(prepared: &Prepared, cause: &Cause, item: Option<usize>) -> String {
    let lang = Lang::of(&prepared.lang);
    let title = |id: &Option<crate::domain::BiteId>| {
        id.as_ref()
            .and_then(|id| prepared.bites.iter().position(|b| &b.id == id))
            .map_or_else(String::new, |b| prepared.title(b))
    };
    let bite = title(&cause.bite);
    let core = match cause.code {
        CauseCode::NotTaught => tr!(lang, "cause-not-taught"),
        CauseCode::LevelNotReached => tr!(
            lang,
            "cause-level-not-reached",
            level = cause.level.unwrap_or(1),
            reached = cause.reached_level.unwrap_or(0)
        ),
        CauseCode::Language => tr!(
            lang,
            "cause-language",
            bite = bite,
            languages = cause
                .languages
                .iter()
                .map(|l| tr!(lang, "cause-language-name", code = l.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        CauseCode::Mode => tr!(
            lang,
            "cause-mode",
            bite = bite,
            mode = cause.mode.map_or("", |m| m.as_str())
        ),
        CauseCode::Region => tr!(
            lang,
            "cause-region",
            bite = bite,
            mode = cause.mode.map_or("", |m| m.as_str()),
            county = region_name(cause.region.as_ref(), lang.code())
        ),
        CauseCode::Dates => tr!(lang, "cause-dates", bite = bite),
        CauseCode::Pace => tr!(lang, "cause-pace", bite = bite),
        CauseCode::Budget => tr!(
            lang,
            "cause-budget",
            bite = bite,
            cost = crate::text::number(lang, cause.cost_eur.unwrap_or(0.0), 0),
            budget = crate::text::number(lang, prepared.budget.unwrap_or(0.0), 0)
        ),
        CauseCode::PrerequisiteCycle => tr!(lang, "cause-cycle"),
        CauseCode::NoSessionAfterPrerequisites => {
            tr!(lang, "cause-no-session-after", bite = bite)
        }
        CauseCode::Alternative => tr!(lang, "cause-alternative"),
        CauseCode::TooFewModules | CauseCode::TooFewCredits => String::new(),
    };
    let own = item.is_some_and(|t| {
        let condition = &prepared.conditions[t];
        cause.skill.as_ref() == Some(condition.skill) && cause.level == Some(condition.level.get())
    });
    match (&cause.label, cause.level) {
        (Some(label), Some(level)) if !own => tr!(
            lang,
            "cause-prerequisite",
            skill = label,
            level = level,
            cause = core
        ),
        _ => core,
    }
}
