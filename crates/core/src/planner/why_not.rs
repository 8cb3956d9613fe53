//! Why is this course not in the path?
//!
//! [`why_not`] answers it for any bite of the catalogue, with a code, the
//! facts and a sentence from the message catalogue: it is in the best path
//! after all; a constraint excludes it (which one); its prerequisites
//! cannot be reached (the first block down the chain); it is not needed
//! (the learner holds what it teaches, or the goal does not ask for it);
//! another bite dominates it (teaches the same, needs no more, shorter or
//! cheaper); or it fits, and the best path does better without it.
//!
//! It must never do IO; the only clock is the search's.

use serde::{Deserialize, Serialize};

use super::answer::{Cause, PlanError};
use super::cache::PrepCache;
use super::goal::Goal;
use super::options::PlanOptions;
use super::prepare::{self, Verdict};
use crate::domain::county::region_name;
use crate::domain::{Bite, BiteId, Hierarchy, Learner};
use crate::text::{Lang, number};
use crate::tr;

/// What "why not this course?" gets back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct WhyNot {
    /// The bite asked about.
    pub bite: BiteId,
    /// Its title in the asked language.
    pub title: String,
    /// The answer, as a code.
    pub verdict: WhyNotCode,
    /// For `excluded` and `prerequisites_unreachable`: what blocks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// For `dominated`: the bite that does better; for `not_chosen`: the
    /// bites of the best path that meet what it would.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instead: Vec<BiteId>,
    /// The answer in plain words, in the asked language.
    pub text: String,
}

/// The answer to "why not this course?", as a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WhyNotCode {
    /// It is in the best path.
    InPath,
    /// A constraint of the learner excludes it (`cause` says which).
    Excluded,
    /// Its prerequisites cannot be met (`cause` says what blocks).
    PrerequisitesUnreachable,
    /// The learner already holds what it teaches for this goal.
    Held,
    /// It teaches nothing the goal asks for.
    NotNeeded,
    /// Another bite teaches the same, needs no more and is no worse.
    Dominated,
    /// It fits, and the best path does better without it.
    NotChosen,
}

/// Why `bite` is not in the best path from `learner` to `goal` (with
/// `options`' objective and language; the search gets `options`' time
/// budget). An id not in `bites` is [`PlanError::UnknownBite`].
#[allow(clippy::too_many_arguments)]
pub fn why_not(
    cache: &PrepCache,
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    options: &PlanOptions,
    bite: &BiteId,
) -> Result<WhyNot, PlanError> {
    let Some(b) = bites.iter().position(|x| &x.id == bite) else {
        return Err(PlanError::UnknownBite {
            ids: vec![bite.clone()],
        });
    };
    let lang = Lang::of(&options.lang);
    let title = bites[b]
        .title
        .get(&options.lang)
        .map_or_else(|| bite.to_string(), str::to_string);
    let title_of = |x: usize| {
        bites[x]
            .title
            .get(&options.lang)
            .map_or_else(|| bites[x].id.to_string(), str::to_string)
    };
    let one = PlanOptions {
        k: 1,
        ..options.clone()
    };
    let planned = super::plan_cached(cache, goal, bites, learner, hierarchy, &one);
    let best = planned.as_ref().ok().and_then(|a| a.paths.first());
    let answer = |verdict, cause, instead: Vec<usize>, text| WhyNot {
        bite: bite.clone(),
        title: title.clone(),
        verdict,
        cause,
        instead: instead.iter().map(|&x| bites[x].id.clone()).collect(),
        text,
    };
    if best.is_some_and(|p| p.steps.iter().any(|s| &s.bite == bite)) {
        return Ok(answer(
            WhyNotCode::InPath,
            None,
            Vec::new(),
            tr!(lang, "whynot-in-path", bite = title.as_str()),
        ));
    }
    let prep = cache.get(goal, bites, hierarchy);
    let (_, prepared) = prepare::prepare(&prep, goal, bites, learner, hierarchy, options)?;
    Ok(match prepared.verdict(b, options.objective) {
        Verdict::Excluded(cause) => {
            let why = excluded_text(&cause, lang, prepared.cost[b], learner);
            answer(
                WhyNotCode::Excluded,
                Some(cause),
                Vec::new(),
                tr!(lang, "whynot-excluded", bite = title.as_str(), cause = why),
            )
        }
        Verdict::Unreachable(cause, why) => answer(
            WhyNotCode::PrerequisitesUnreachable,
            Some(cause),
            Vec::new(),
            tr!(
                lang,
                "whynot-unreachable",
                bite = title.as_str(),
                cause = why
            ),
        ),
        Verdict::NotNeeded => {
            // Held when what it teaches covers something the goal asks for.
            let held = bites[b].outcomes.iter().any(|o| {
                goal.competences
                    .iter()
                    .any(|g| hierarchy.covers(&o.skill, &g.skill))
            });
            if held {
                answer(
                    WhyNotCode::Held,
                    None,
                    Vec::new(),
                    tr!(lang, "whynot-held", bite = title.as_str()),
                )
            } else {
                answer(
                    WhyNotCode::NotNeeded,
                    None,
                    Vec::new(),
                    tr!(lang, "whynot-not-needed", bite = title.as_str()),
                )
            }
        }
        Verdict::Dominated(x) => answer(
            WhyNotCode::Dominated,
            None,
            vec![x],
            tr!(
                lang,
                "whynot-dominated",
                bite = title.as_str(),
                other = title_of(x),
                hours = number(lang, bites[b].hours, 1),
                cost = number(lang, prepared.cost[b], 0),
                other_hours = number(lang, bites[x].hours, 1),
                other_cost = number(lang, prepared.cost[x], 0)
            ),
        ),
        Verdict::Candidate => match best {
            None => answer(
                WhyNotCode::NotChosen,
                None,
                Vec::new(),
                tr!(lang, "whynot-no-path", bite = title.as_str()),
            ),
            Some(path) => {
                // The path's bites that meet what this one would.
                let instead: Vec<usize> = path
                    .steps
                    .iter()
                    .filter_map(|s| bites.iter().position(|x| x.id == s.bite))
                    .filter(|&x| {
                        prepared.meets[x]
                            .iter()
                            .any(|c| prepared.meets[b].contains(c))
                    })
                    .collect();
                let hours = number(lang, path.total_hours, 1);
                let cost = number(lang, path.total_cost_eur, 0);
                let text = if instead.is_empty() {
                    tr!(
                        lang,
                        "whynot-not-chosen",
                        bite = title.as_str(),
                        objective = options.objective.as_str(),
                        hours = hours,
                        cost = cost
                    )
                } else {
                    tr!(
                        lang,
                        "whynot-instead",
                        bite = title.as_str(),
                        others = instead
                            .iter()
                            .map(|&x| tr!(lang, "whynot-quoted", title = title_of(x)))
                            .collect::<Vec<_>>()
                            .join(", "),
                        hours = hours,
                        cost = cost
                    )
                };
                answer(WhyNotCode::NotChosen, None, instead, text)
            }
        },
    })
}

/// Which constraint excludes the bite, in words.
fn excluded_text(cause: &Cause, lang: Lang, cost: f64, learner: &Learner) -> String {
    use super::CauseCode;
    match cause.code {
        CauseCode::Language => tr!(
            lang,
            "whynot-language",
            languages = cause
                .languages
                .iter()
                .map(|l| tr!(lang, "cause-language-name", code = l.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        CauseCode::Mode => tr!(
            lang,
            "whynot-mode",
            mode = cause.mode.map_or("", |m| m.as_str())
        ),
        CauseCode::Region => tr!(
            lang,
            "whynot-region",
            mode = cause.mode.map_or("", |m| m.as_str()),
            county = region_name(cause.region.as_ref(), lang.code())
        ),
        CauseCode::Budget => tr!(
            lang,
            "whynot-budget",
            cost = number(lang, cost, 0),
            budget = number(lang, learner.constraints.budget_eur.unwrap_or(0.0), 0)
        ),
        _ => tr!(lang, "whynot-dates"),
    }
}
