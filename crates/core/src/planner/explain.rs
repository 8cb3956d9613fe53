//! Which paths does the learner see, and how are they explained?
//!
//! Runs the searches (the requested objective first, then alternatives a
//! person cares about: different courses, cheapest, quickest to finish,
//! online only, fewest hours), turns each into a [`Path`] with a calendar,
//! totals and plain-language explanations, drops duplicates and sorts by
//! the objective.
//!
//! It must never do IO; labels come from the hierarchy, titles from the bites.

use std::time::Instant;

use super::answer::{CauseCode, Count, LeftItem, Meets, PathKind, PlanOutcome};
use super::prepare::{Instance, Prepared, Spec};
use super::search::{self, Measure, Outcome};
use super::{
    Gap, GoalKind, Objective, OpenModule, Path, PlanAnswer, PlanError, PlanOptions, Step, calendar,
    label_of, partial,
};
use crate::text::{self, Lang};
use crate::tr;

const EPS: f64 = 1e-6;

fn measure(objective: Objective) -> Measure {
    match objective {
        Objective::Hours => Measure::Hours,
        Objective::Cost => Measure::Cost,
        Objective::Weeks => Measure::FinishDays,
    }
}

/// A found path before it is dressed up.
struct Candidate {
    kinds: Vec<PathKind>,
    global: Vec<usize>,
}

/// An outcome with no path (for the path of a learner missing nothing).
fn no_outcome() -> Outcome {
    Outcome {
        best: None,
        lower_bound: 0.0,
        optimal: true,
        exhausted: true,
        nodes: 0,
        history: Vec::new(),
    }
}

/// The outcome of a partial plan: its path, proven or not.
fn partial_outcome(solution: &search::Solution, optimal: bool) -> Outcome {
    Outcome {
        best: Some(solution.clone()),
        lower_bound: if optimal { solution.value } else { 0.0 },
        optimal,
        exhausted: true,
        nodes: 0,
        history: Vec::new(),
    }
}

pub(crate) fn plan_paths(
    prepared: &Prepared,
    gap: Gap,
    options: &PlanOptions,
    started: Instant,
) -> Result<PlanAnswer, PlanError> {
    let budget_time = options.time_budget;
    let deadline = started + budget_time;
    let hard_deadline = search::hard_deadline(started, budget_time);
    let objective = options.objective;
    let lang = Lang::of(&prepared.lang);
    let goal_name = goal_name(prepared);
    let spec = |objective: Objective| Spec {
        objective,
        online_only: false,
        excluded: Vec::new(),
        use_budget: true,
    };
    // Runs that leave out the same bites share what those bites can reach.
    let reach = prepared.reach(&spec(objective));
    let main_instance = prepared.instance_with(&spec(objective), &reach);
    let uncoverable = main_instance.uncoverable.clone();
    let answer =
        |outcome: PlanOutcome, summary: String, left: Vec<LeftItem>, paths: Vec<Path>| PlanAnswer {
            outcome,
            summary,
            gap: gap.items.clone(),
            open_modules: gap.open_modules.clone(),
            uncoverable: uncoverable.clone(),
            left,
            paths,
        };

    if gap.is_empty() {
        let path = build_path(
            prepared,
            &main_instance,
            &gap,
            Candidate {
                kinds: vec![best_kind(objective)],
                global: Vec::new(),
            },
            objective,
            &no_outcome(),
            0.0,
            0.0,
        );
        let summary = tr!(
            lang,
            "plan-summary-nothing-missing",
            goal = goal_name.as_str()
        );
        return Ok(answer(
            PlanOutcome::NothingMissing,
            summary,
            Vec::new(),
            vec![path],
        ));
    }
    // What a path can be progress on: a gap skill or a module rule other
    // than the credit minimum. A path of credits alone is offered only
    // when the credit minimum is all that is left.
    let progress_possible = !main_instance.targets.is_empty()
        || !main_instance.forced.is_empty()
        || !main_instance.n_of.is_empty();
    let credits_only = !progress_possible && main_instance.min_ects > 0.0;
    let credits_left_only = credits_only && gap.items.is_empty() && uncoverable.is_empty();
    if !progress_possible && !credits_left_only {
        let summary = tr!(
            lang,
            "plan-summary-nothing-reachable",
            goal = goal_name.as_str()
        );
        return Ok(answer(
            PlanOutcome::NothingReachable,
            summary,
            Vec::new(),
            Vec::new(),
        ));
    }

    let main = search::solve(
        prepared,
        &main_instance,
        measure(objective),
        deadline,
        hard_deadline,
    );
    let Some(best) = main.best.clone() else {
        // No complete path within the limits (or none found in time: then
        // the partial plan is not proven): the most within them.
        let (summary, left, paths, outcome) = partial_plan(
            prepared,
            &main_instance,
            &gap,
            objective,
            if main.exhausted {
                deadline.max(Instant::now() + budget_time / 2)
            } else {
                Instant::now() + budget_time
            },
        );
        if !main.exhausted && outcome == PlanOutcome::NothingReachable {
            return Err(PlanError::NoPathFound);
        }
        return Ok(answer(outcome, summary, left, paths));
    };
    let globalize = |instance: &Instance, order: &[u32]| -> Vec<usize> {
        order.iter().map(|&b| instance.global[b as usize]).collect()
    };
    let best_global = globalize(&main_instance, &best.order);
    let mut candidates = vec![Candidate {
        kinds: vec![best_kind(objective)],
        global: best_global.clone(),
    }];

    let k = options.k.max(1);
    if k > 1 {
        // Alternatives need not be proven optimal: each gets a tenth of the
        // time budget (more only while it has found no path at all).
        let alt_deadline = |now: Instant| now + budget_time / 10;
        let same_coverage = |instance: &Instance| main_instance.same_coverage(instance);
        // Different courses: the best path without one of its bites.
        let mut different: Option<(f64, Vec<usize>)> = None;
        let mut heavy: Vec<usize> = best_global
            .iter()
            .copied()
            .filter(|b| !prepared.all_of.contains(b))
            .collect();
        heavy.sort_by(|a, b| {
            weight(prepared, objective, *b).total_cmp(&weight(prepared, objective, *a))
        });
        for &left_out in heavy.iter().take(3) {
            let instance = prepared.instance(&Spec {
                excluded: vec![left_out],
                ..spec(objective)
            });
            if !same_coverage(&instance) {
                continue;
            }
            let now = Instant::now();
            let outcome = search::solve(
                prepared,
                &instance,
                measure(objective),
                alt_deadline(now),
                search::hard_deadline(now, budget_time / 10),
            );
            if let Some(found) = outcome.best
                && different.as_ref().is_none_or(|(v, _)| found.value < *v)
            {
                different = Some((found.value, globalize(&instance, &found.order)));
            }
        }
        if let Some((_, global)) = different {
            candidates.push(Candidate {
                kinds: vec![PathKind::DifferentCourses],
                global,
            });
        }
        for (alternative, kind) in [
            (Objective::Cost, PathKind::Cheapest),
            (Objective::Weeks, PathKind::QuickestToFinish),
            (Objective::Hours, PathKind::FewestHours),
        ] {
            if alternative == objective {
                continue;
            }
            let instance = prepared.instance_with(&spec(alternative), &reach);
            let now = Instant::now();
            // The best path is a path of this instance too: the
            // alternative is never worse than it by its own measure.
            let found = search::solve_seeded(
                prepared,
                &instance,
                measure(alternative),
                alt_deadline(now),
                search::hard_deadline(now, budget_time / 10),
                &best_global,
            )
            .best
            .map(|found| globalize(&instance, &found.order));
            if let Some(global) = found {
                candidates.push(Candidate {
                    kinds: vec![kind],
                    global,
                });
            }
        }
        let online = prepared.instance(&Spec {
            online_only: true,
            ..spec(objective)
        });
        if same_coverage(&online) {
            let now = Instant::now();
            let outcome = search::solve(
                prepared,
                &online,
                measure(objective),
                alt_deadline(now),
                search::hard_deadline(now, budget_time / 10),
            );
            if let Some(found) = outcome.best {
                candidates.push(Candidate {
                    kinds: vec![PathKind::OnlineOnly],
                    global: globalize(&online, &found.order),
                });
            }
        }
    }

    // Lower bounds valid for every path returned (all cover the same items
    // within the budget).
    let lower_bound_hours = if objective == Objective::Hours {
        main.lower_bound
    } else {
        let instance = prepared.instance_with(
            &Spec {
                use_budget: false,
                ..spec(Objective::Hours)
            },
            &reach,
        );
        search::root_bound(prepared, &instance, Measure::Hours)
    };
    let lower_bound = match objective {
        Objective::Weeks => main.lower_bound / 7.0,
        _ => main.lower_bound,
    };

    // Deduplicate by the set of bites, merging kinds.
    let mut kept: Vec<Candidate> = Vec::new();
    for mut candidate in candidates {
        if credits_only {
            candidate.kinds = vec![PathKind::CreditMinimum];
        } else if main_instance.targets.is_empty() {
            candidate.kinds = vec![PathKind::ModulesOnly];
        }
        let mut set = candidate.global.clone();
        set.sort_unstable();
        if let Some(same) = kept.iter_mut().find(|c| {
            let mut other = c.global.clone();
            other.sort_unstable();
            other == set
        }) {
            for kind in candidate.kinds {
                if !same.kinds.contains(&kind) {
                    same.kinds.push(kind);
                }
            }
        } else if kept.len() < k {
            kept.push(candidate);
        }
    }
    let mut paths: Vec<(f64, Path)> = kept
        .into_iter()
        .map(|c| {
            let path = build_path(
                prepared,
                &main_instance,
                &gap,
                c,
                objective,
                &main,
                lower_bound,
                lower_bound_hours,
            );
            (objective_value(&path, prepared), path)
        })
        .collect();
    let best_value = paths[0].0;
    let no_skills = !gap.items.is_empty() && main_instance.targets.is_empty();
    for (value, path) in &mut paths[1..] {
        path.optimal = !no_skills && main.optimal && (*value - best_value).abs() <= EPS;
    }
    paths.sort_by(|a, b| a.0.total_cmp(&b.0));
    let summary = if credits_only {
        tr!(
            lang,
            "plan-summary-credit-minimum",
            goal = goal_name.as_str()
        )
    } else if no_skills {
        tr!(lang, "plan-summary-modules-only", goal = goal_name.as_str())
    } else if gap.items.is_empty() {
        // No skill is missing: what the paths meet is module rules.
        let modules = &paths[0].1.meets.modules;
        tr!(
            lang,
            "plan-summary-complete-modules",
            goal = goal_name.as_str(),
            mmet = modules.met,
            mof = modules.of
        )
    } else {
        tr!(
            lang,
            "plan-summary-complete",
            goal = goal_name.as_str(),
            met = main_instance.targets.len(),
            of = gap.items.len()
        )
    };
    let outcome = if credits_only {
        PlanOutcome::CreditMinimum
    } else {
        PlanOutcome::Complete
    };
    Ok(answer(
        outcome,
        summary,
        Vec::new(),
        paths.into_iter().map(|(_, p)| p).collect(),
    ))
}

/// The answer when no complete path fits the limits: the path meeting the
/// most items within them (`partial`), what it leaves and what would reach
/// each. A path that would meet neither a skill nor a module rule other
/// than the credit minimum is not offered.
fn partial_plan(
    prepared: &Prepared,
    full: &Instance,
    gap: &Gap,
    objective: Objective,
    deadline: Instant,
) -> (String, Vec<LeftItem>, Vec<Path>, PlanOutcome) {
    let lang = Lang::of(&prepared.lang);
    let goal_name = goal_name(prepared);
    let plan = partial::best_within(prepared, full, measure(objective), deadline);
    let skills_met = plan.met.iter().filter(|i| i.is_skill()).count();
    let progress = plan
        .met
        .iter()
        .any(|i| !matches!(i, partial::Item::Credits));
    // What is left, and the budget that would reach each item together
    // with what the plan meets.
    let mut left: Vec<LeftItem> = Vec::new();
    let mut free = full.clone();
    free.budget = None;
    for item in partial::items(prepared, full) {
        if plan.met.contains(&item) {
            continue;
        }
        let mut asked = plan.met.clone();
        asked.push(item);
        let needed = prepared.budget.and_then(|budget| {
            let instance = partial::restrict(&free, &asked);
            let now = Instant::now();
            let slice =
                (deadline.saturating_duration_since(now)).max(std::time::Duration::from_millis(20));
            search::solve(prepared, &instance, Measure::Cost, now + slice, now + slice)
                .best
                .map(|found| found.value)
                .filter(|&cost| cost > budget + EPS)
        });
        let (skill, module) = match item {
            partial::Item::Skill(t) => (Some(prepared.conditions[t as usize].skill.clone()), None),
            partial::Item::Module(b) => (
                None,
                Some(OpenModule::AllOf {
                    bite: prepared.bites[full.global[b as usize]].id.clone(),
                }),
            ),
            partial::Item::Choice(r) => (None, goal_choice(prepared, full, r)),
            partial::Item::Credits => (
                None,
                Some(OpenModule::MinEcts {
                    min_ects: prepared.goal.min_ects,
                }),
            ),
        };
        let budget = prepared.budget.unwrap_or(0.0);
        left.push(match needed {
            Some(cost) => LeftItem {
                skill,
                module,
                budget_needed_eur: Some(round2(cost)),
                extra_cost_eur: Some(round2(cost - budget)),
                hours_per_week_needed: None,
                finish_by_needed: None,
                reason: tr!(
                    lang,
                    "plan-left-budget",
                    budget = money(lang, cost),
                    extra = money(lang, cost - budget)
                ),
                cause: Some(CauseCode::Budget),
            },
            None => LeftItem {
                skill,
                module,
                budget_needed_eur: None,
                extra_cost_eur: None,
                hours_per_week_needed: None,
                finish_by_needed: None,
                reason: tr!(lang, "plan-left-dates"),
                // Without a finish date only the hours per week can.
                cause: Some(if prepared.finish_by.is_none() {
                    CauseCode::Pace
                } else {
                    CauseCode::Dates
                }),
            },
        });
    }
    if !progress {
        let summary = tr!(
            lang,
            "plan-summary-nothing-within",
            goal = goal_name.as_str()
        );
        return (summary, left, Vec::new(), PlanOutcome::NothingReachable);
    }
    let mut kinds = vec![PathKind::Partial];
    if skills_met == 0 && !gap.items.is_empty() {
        kinds.push(PathKind::ModulesOnly);
    }
    let outcome = partial_outcome(&plan.solution, plan.optimal);
    let global: Vec<usize> = plan
        .solution
        .order
        .iter()
        .map(|&b| full.global[b as usize])
        .collect();
    let mut path = build_path(
        prepared,
        full,
        gap,
        Candidate { kinds, global },
        objective,
        &outcome,
        0.0,
        0.0,
    );
    path.optimal = plan.optimal && skills_met > 0;
    path.lower_bound = objective_value(&path, prepared)
        / if objective == Objective::Weeks {
            7.0
        } else {
            1.0
        };
    path.lower_bound = if plan.optimal { path.lower_bound } else { 0.0 };
    path.lower_bound_hours = 0.0;
    // With no skill missing, what the path meets is module rules.
    let mut summary = if gap.items.is_empty() {
        tr!(
            lang,
            "plan-summary-partial-modules",
            goal = goal_name.as_str(),
            mmet = path.meets.modules.met,
            mof = path.meets.modules.of
        )
    } else {
        tr!(
            lang,
            "plan-summary-partial",
            goal = goal_name.as_str(),
            met = skills_met,
            of = gap.items.len()
        )
    };
    if let Some(budget) = prepared.budget {
        let mut complete = free.clone();
        complete.budget = None;
        let now = Instant::now();
        let slice = deadline
            .saturating_duration_since(now)
            .max(std::time::Duration::from_millis(20));
        if let Some(found) =
            search::solve(prepared, &complete, Measure::Cost, now + slice, now + slice).best
            && found.value > budget + EPS
        {
            summary.push(' ');
            summary.push_str(&tr!(
                lang,
                "plan-summary-complete-cost",
                cost = money(lang, found.value),
                extra = money(lang, found.value - budget)
            ));
        }
    }
    (summary, left, vec![path], PlanOutcome::Partial)
}

/// The goal's choice rule behind the instance's rule `r`.
fn goal_choice(prepared: &Prepared, full: &Instance, r: usize) -> Option<OpenModule> {
    // The instance keeps the goal's rules in order, leaving out those it
    // cannot ask for at all (n lowered to 0).
    let rule = full
        .n_of_needs
        .iter()
        .enumerate()
        .filter(|(_, need)| **need > 0)
        .nth(r)
        .map(|(i, _)| i)?;
    let goal_rule = prepared.goal.n_of.get(rule)?;
    Some(OpenModule::NOf {
        n: goal_rule.n,
        of: goal_rule.of.clone(),
    })
}

fn goal_name(prepared: &Prepared) -> String {
    prepared.goal.label.get(&prepared.lang).map_or_else(
        || tr!(Lang::of(&prepared.lang), "plan-goal"),
        str::to_string,
    )
}

/// An amount of euros, as the language writes it.
fn money(lang: Lang, eur: f64) -> String {
    tr!(lang, "plan-money", n = text::number(lang, eur, 2))
}

fn best_kind(objective: Objective) -> PathKind {
    match objective {
        Objective::Hours => PathKind::FewestHours,
        Objective::Cost => PathKind::Cheapest,
        Objective::Weeks => PathKind::QuickestToFinish,
    }
}

/// A path kind in words.
fn kind_text(lang: Lang, kind: PathKind) -> String {
    match kind {
        PathKind::FewestHours => tr!(lang, "plan-kind-fewest-hours"),
        PathKind::Cheapest => tr!(lang, "plan-kind-cheapest"),
        PathKind::QuickestToFinish => tr!(lang, "plan-kind-quickest-to-finish"),
        PathKind::DifferentCourses => tr!(lang, "plan-kind-different-courses"),
        PathKind::OnlineOnly => tr!(lang, "plan-kind-online-only"),
        PathKind::Partial => tr!(lang, "plan-kind-partial"),
        PathKind::CreditMinimum => tr!(lang, "plan-kind-credit-minimum"),
        PathKind::ModulesOnly => tr!(lang, "plan-kind-modules-only"),
    }
}

fn weight(prepared: &Prepared, objective: Objective, b: usize) -> f64 {
    match objective {
        Objective::Cost => prepared.cost[b],
        _ => prepared.bites[b].hours,
    }
}

fn objective_value(path: &Path, prepared: &Prepared) -> f64 {
    match path.objective {
        Objective::Hours => path.total_hours,
        Objective::Cost => path.total_cost_eur,
        Objective::Weeks => prepared.offset(path.finish) as f64,
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// How many of the missing skills and open module rules the bites `order`
/// (global indices) meet.
fn meets_of(prepared: &Prepared, gap: &Gap, order: &[usize]) -> Meets {
    let skills_met = (0..prepared.n_targets)
        .filter(|&c| {
            order
                .iter()
                .any(|&b| prepared.meets[b].binary_search(&(c as u32)).is_ok())
        })
        .count() as u32;
    let ects: f64 = order.iter().map(|&b| prepared.bites[b].ects.max(0.0)).sum();
    let has = |id: &crate::domain::BiteId| order.iter().any(|&b| &prepared.bites[b].id == id);
    let modules_met = gap
        .open_modules
        .iter()
        .filter(|m| m.met_by(has, ects))
        .count() as u32;
    Meets {
        skills: Count {
            met: skills_met,
            of: gap.items.len() as u32,
        },
        modules: Count {
            met: modules_met,
            of: gap.open_modules.len() as u32,
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn build_path(
    prepared: &Prepared,
    instance: &Instance,
    gap: &Gap,
    candidate: Candidate,
    objective: Objective,
    main: &Outcome,
    lower_bound: f64,
    lower_bound_hours: f64,
) -> Path {
    let lang = Lang::of(&prepared.lang);
    let order = &candidate.global;
    let calendar = calendar::schedule(prepared, order);
    let goal_name = goal_name(prepared);
    let meets = meets_of(prepared, gap, order);
    let mut met = vec![false; prepared.n_targets];
    let mut steps: Vec<Step> = Vec::with_capacity(order.len());
    for (k, (&b, placed)) in order.iter().zip(&calendar.steps).enumerate() {
        let bite = &prepared.bites[b];
        let mut covers = Vec::new();
        let mut meets_text = Vec::new();
        for &c in &prepared.meets[b] {
            let c = c as usize;
            if c < prepared.n_targets && !met[c] {
                met[c] = true;
                let condition = &prepared.conditions[c];
                covers.push(condition.skill.clone());
                meets_text.push(tr!(
                    lang,
                    "plan-skill-level",
                    skill = label_of(prepared.hierarchy, condition.skill, &prepared.lang),
                    level = condition.level.get()
                ));
            }
        }
        let mut why: Vec<String> = Vec::new();
        if !meets_text.is_empty() {
            why.push(tr!(lang, "plan-why-meets", skills = meets_text.join(", ")));
        }
        if prepared.all_of.contains(&b) {
            why.push(match prepared.goal.kind {
                GoalKind::Qualification => tr!(lang, "plan-why-required-module-qualification"),
                _ => tr!(lang, "plan-why-required-module"),
            });
        }
        for (n, of) in &prepared.n_of {
            if of.contains(&b) {
                why.push(tr!(lang, "plan-why-choice", n = *n, of = of.len()));
            }
        }
        let mut needed_by: Vec<String> = Vec::new();
        for &later in &order[k + 1..] {
            let serves = prepared.prereqs[later].iter().any(|p| {
                prepared.meets[b].binary_search(p).is_ok()
                    && !order[..k]
                        .iter()
                        .any(|&e| prepared.meets[e].binary_search(p).is_ok())
            });
            if serves {
                needed_by.push(prepared.title(later));
            }
        }
        if !needed_by.is_empty() {
            why.push(tr!(
                lang,
                "plan-why-needed-first",
                titles = needed_by.join(", ")
            ));
        }
        if why.is_empty() && prepared.goal.min_ects > 0.0 {
            why.push(tr!(
                lang,
                "plan-why-credits",
                ects = bite.ects,
                min = prepared.goal.min_ects
            ));
        }
        steps.push(Step {
            bite: bite.id.clone(),
            title: prepared.title(b),
            title_lang: title_lang(prepared, b),
            covers,
            start: prepared.date(placed.start_days),
            end: prepared.date(placed.end_days),
            session: placed.session,
            hours: bite.hours,
            cost_eur: prepared.cost[b],
            ects: bite.ects,
            why: why.join("; "),
            calendar_note: placed.note.map(|note| match note {
                calendar::Note::NoSession => tr!(lang, "plan-calendar-no-session"),
                calendar::Note::OverLimit => tr!(lang, "plan-calendar-over-limit"),
            }),
        });
    }
    // List the steps by date, as a person reads a timeline. The calendar
    // starts each step after the bites meeting its prerequisites end, so
    // date order keeps prerequisites first; only a step that found no
    // session after its prerequisites (`missed`) breaks that, and then the
    // planner's order is kept.
    if !calendar.steps.iter().any(|placed| placed.missed) {
        steps.sort_by_key(|s| (s.start, s.end));
    }
    let total_hours: f64 = steps.iter().map(|s| s.hours).sum();
    let total_cost_eur: f64 = steps.iter().map(|s| s.cost_eur).sum();
    let total_ects: f64 = steps.iter().map(|s| s.ects).sum();
    let finish = prepared.date(calendar.finish_days);
    let total_weeks = (calendar.finish_days.max(0) as u32).div_ceil(7);
    let is_best = candidate.global == order_of_best(instance, main);
    // A path meeting none of the missing skills is never the best progress.
    let no_skills = meets.skills.met == 0 && meets.skills.of > 0;
    let optimal = is_best && main.optimal && !no_skills;

    let mut text = if steps.is_empty() {
        if gap.is_empty() {
            tr!(lang, "plan-explain-done", goal = goal_name.as_str())
        } else {
            tr!(
                lang,
                "plan-summary-nothing-reachable",
                goal = goal_name.as_str()
            )
        }
    } else {
        let mut text = tr!(
            lang,
            "plan-explain-totals",
            courses = tr!(lang, "unit-courses", n = steps.len()),
            hours = tr!(lang, "unit-hours", n = round2(total_hours)),
            cost = money(lang, total_cost_eur),
            ects = round2(total_ects),
            date = finish.to_string()
        );
        text.push(' ');
        text.push_str(&if meets.skills.of == 0 && meets.modules.of > 0 {
            tr!(
                lang,
                "plan-explain-meets-only-modules",
                mmet = meets.modules.met,
                mof = meets.modules.of,
                goal = goal_name.as_str()
            )
        } else if meets.modules.of > 0 {
            tr!(
                lang,
                "plan-explain-meets-modules",
                met = meets.skills.met,
                of = meets.skills.of,
                mmet = meets.modules.met,
                mof = meets.modules.of,
                goal = goal_name.as_str()
            )
        } else {
            tr!(
                lang,
                "plan-explain-meets",
                met = meets.skills.met,
                of = meets.skills.of,
                goal = goal_name.as_str()
            )
        });
        text
    };
    if !instance.uncoverable.is_empty() {
        let missing: Vec<String> = instance
            .uncoverable
            .iter()
            .map(|u| {
                let what = u.skill.as_ref().map_or_else(
                    || tr!(lang, "plan-explain-module-rule"),
                    |s| label_of(prepared.hierarchy, s, &prepared.lang),
                );
                tr!(
                    lang,
                    "plan-explain-item",
                    what = what,
                    reason = u.reason.as_str()
                )
            })
            .collect();
        text.push(' ');
        text.push_str(&tr!(
            lang,
            "plan-explain-not-possible",
            items = missing.join("; ")
        ));
    }
    if !steps.is_empty() {
        let kind_sentence = if candidate.kinds.contains(&PathKind::CreditMinimum) {
            Some(tr!(lang, "plan-explain-credit-minimum"))
        } else if no_skills {
            Some(tr!(lang, "plan-explain-no-skills"))
        } else if candidate.kinds.contains(&PathKind::Partial) {
            Some(tr!(lang, "plan-explain-partial"))
        } else {
            None
        };
        let objective_text = match objective {
            Objective::Hours => tr!(lang, "plan-objective-hours"),
            Objective::Cost => tr!(lang, "plan-objective-cost"),
            Objective::Weeks => tr!(lang, "plan-objective-weeks"),
        };
        let bound = round2(lower_bound);
        let bound_text = match objective {
            Objective::Hours => tr!(lang, "unit-hours", n = bound),
            Objective::Cost => money(lang, bound),
            Objective::Weeks => tr!(lang, "unit-weeks", n = bound),
        };
        let verdict = if let Some(sentence) = kind_sentence {
            sentence
        } else if optimal {
            tr!(lang, "plan-explain-proven", objective = objective_text)
        } else if is_best {
            tr!(lang, "plan-explain-best-found", bound = bound_text)
        } else {
            tr!(
                lang,
                "plan-explain-alternative",
                label = label_of_kinds(lang, &candidate.kinds)
            )
        };
        text.push(' ');
        text.push_str(&verdict);
    }
    Path {
        label: label_of_kinds(lang, &candidate.kinds),
        kinds: candidate.kinds,
        meets,
        steps,
        total_hours,
        total_cost_eur,
        total_ects,
        finish,
        total_weeks,
        optimal,
        lower_bound_hours,
        objective,
        lower_bound,
        explanation: text,
    }
}

fn label_of_kinds(lang: Lang, kinds: &[PathKind]) -> String {
    kinds
        .iter()
        .map(|&k| kind_text(lang, k))
        .collect::<Vec<_>>()
        .join(", ")
}

fn order_of_best(instance: &Instance, main: &Outcome) -> Vec<usize> {
    main.best
        .as_ref()
        .map(|b| {
            b.order
                .iter()
                .map(|&l| instance.global[l as usize])
                .collect()
        })
        .unwrap_or_default()
}

/// The language of [`title`]: another than the asked one marks a fallback.
fn title_lang(prepared: &Prepared, b: usize) -> String {
    prepared.bites[b]
        .title
        .get_with_lang(&prepared.lang)
        .map_or_else(String::new, |(_, l)| l.to_string())
}
