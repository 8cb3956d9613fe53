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

use super::prepare::{Instance, Prepared, Spec};
use super::search::{self, Measure, Outcome};
use super::{
    Gap, GoalKind, Objective, Path, PlanAnswer, PlanError, PlanOptions, Step, calendar, label_of,
};

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
    label: String,
    global: Vec<usize>,
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
    let spec = |objective: Objective| Spec {
        objective,
        online_only: false,
        excluded: Vec::new(),
        use_budget: true,
    };
    // Runs that leave out the same bites share what those bites can reach.
    let reach = prepared.reach(&spec(objective));

    // Under a budget, the cheapest path decides whether there is a plan at all.
    let mut cheapest: Option<(Instance, Outcome)> = None;
    if let Some(budget) = prepared.budget {
        let instance = prepared.instance_with(
            &Spec {
                use_budget: false,
                ..spec(Objective::Cost)
            },
            &reach,
        );
        let outcome = search::solve(prepared, &instance, Measure::Cost, deadline, hard_deadline);
        match &outcome.best {
            Some(best)
                if best.value > budget + EPS
                    && (outcome.optimal || outcome.lower_bound > budget + EPS) =>
            {
                return Err(PlanError::OverBudget {
                    cheapest_cost_eur: best.value,
                    budget_eur: budget,
                });
            }
            None => return Err(PlanError::NoPathFound),
            _ => {}
        }
        cheapest = Some((instance, outcome));
    }

    let main_instance = prepared.instance_with(&spec(objective), &reach);
    let main = search::solve(
        prepared,
        &main_instance,
        measure(objective),
        deadline,
        hard_deadline,
    );
    let Some(best) = main.best.clone() else {
        return match (prepared.budget, &cheapest) {
            (Some(budget), Some((_, c))) => Err(PlanError::OverBudget {
                cheapest_cost_eur: c.best.as_ref().map_or(f64::INFINITY, |b| b.value),
                budget_eur: budget,
            }),
            _ => Err(PlanError::NoPathFound),
        };
    };
    let uncoverable = main_instance.uncoverable.clone();
    let globalize = |instance: &Instance, order: &[u32]| -> Vec<usize> {
        order.iter().map(|&b| instance.global[b as usize]).collect()
    };
    let best_global = globalize(&main_instance, &best.order);
    let mut candidates = vec![Candidate {
        label: best_label(objective).into(),
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
                label: "different courses".into(),
                global,
            });
        }
        for (alternative, label) in [
            (Objective::Cost, "cheapest"),
            (Objective::Weeks, "quickest to finish"),
            (Objective::Hours, "fewest hours"),
        ] {
            if alternative == objective {
                continue;
            }
            let found = if alternative == Objective::Cost
                && let Some((instance, outcome)) = &cheapest
                && let Some(found) = &outcome.best
            {
                Some(globalize(instance, &found.order))
            } else {
                let instance = prepared.instance_with(&spec(alternative), &reach);
                let now = Instant::now();
                search::solve(
                    prepared,
                    &instance,
                    measure(alternative),
                    alt_deadline(now),
                    search::hard_deadline(now, budget_time / 10),
                )
                .best
                .map(|found| globalize(&instance, &found.order))
            };
            if let Some(global) = found {
                candidates.push(Candidate {
                    label: label.into(),
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
                    label: "online only".into(),
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

    // Deduplicate by the set of bites, merging labels.
    let mut kept: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        let mut set = candidate.global.clone();
        set.sort_unstable();
        if let Some(same) = kept.iter_mut().find(|c| {
            let mut other = c.global.clone();
            other.sort_unstable();
            other == set
        }) {
            if !same.label.contains(&candidate.label) {
                same.label = format!("{}, {}", same.label, candidate.label);
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
    for (value, path) in &mut paths[1..] {
        path.optimal = main.optimal && (*value - best_value).abs() <= EPS;
    }
    paths.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(PlanAnswer {
        gap: gap.items,
        open_modules: gap.open_modules,
        uncoverable,
        paths: paths.into_iter().map(|(_, p)| p).collect(),
    })
}

fn best_label(objective: Objective) -> &'static str {
    match objective {
        Objective::Hours => "fewest hours",
        Objective::Cost => "cheapest",
        Objective::Weeks => "quickest to finish",
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
    let lang = prepared.lang.as_str();
    let order = &candidate.global;
    let calendar = calendar::schedule(prepared, order);
    let goal_name = prepared
        .goal
        .label
        .get(lang)
        .map_or_else(|| "the goal".to_string(), str::to_string);
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
                meets_text.push(format!(
                    "{} (level {})",
                    label_of(prepared.hierarchy, condition.skill, lang),
                    condition.level
                ));
            }
        }
        let mut why: Vec<String> = Vec::new();
        if !meets_text.is_empty() {
            why.push(format!("meets: {}", meets_text.join(", ")));
        }
        if prepared.all_of.contains(&b) {
            why.push(match prepared.goal.kind {
                GoalKind::Qualification => "required module of the qualification".into(),
                _ => "required module".into(),
            });
        }
        for (n, of) in &prepared.n_of {
            if of.contains(&b) {
                why.push(format!(
                    "one of the modules to choose from (at least {n} of {})",
                    of.len()
                ));
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
                needed_by.push(title(prepared, later, lang));
            }
        }
        if !needed_by.is_empty() {
            why.push(format!(
                "needed first: prerequisite of {}",
                needed_by.join(", ")
            ));
        }
        if why.is_empty() && prepared.goal.min_ects > 0.0 {
            why.push(format!(
                "adds {} ECTS towards the minimum of {}",
                bite.ects, prepared.goal.min_ects
            ));
        }
        steps.push(Step {
            bite: bite.id.clone(),
            title: title(prepared, b, lang),
            title_lang: title_lang(prepared, b, lang),
            covers,
            start: prepared.date(placed.start_days),
            end: prepared.date(placed.end_days),
            session: placed.session,
            hours: bite.hours,
            cost_eur: prepared.cost[b],
            ects: bite.ects,
            why: why.join("; "),
            calendar_note: placed.note.clone(),
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
    let optimal = is_best && main.optimal;

    let mut text = if steps.is_empty() {
        if gap.is_empty() {
            format!("You already meet everything {goal_name} asks for.")
        } else {
            "No bite that fits your constraints can meet what is still missing.".to_string()
        }
    } else {
        format!(
            "{} {}, {} hours, {} EUR, {} ECTS, finishing by {}. It meets {} of the {} missing skills for {}.",
            steps.len(),
            if steps.len() == 1 { "bite" } else { "bites" },
            round2(total_hours),
            round2(total_cost_eur),
            round2(total_ects),
            finish,
            met.iter().filter(|m| **m).count(),
            prepared.n_targets,
            goal_name
        )
    };
    if !instance.uncoverable.is_empty() {
        let missing: Vec<String> = instance
            .uncoverable
            .iter()
            .map(|u| {
                let what = u.skill.as_ref().map_or_else(
                    || "a module rule".to_string(),
                    |s| label_of(prepared.hierarchy, s, lang),
                );
                format!("{what} ({})", u.reason)
            })
            .collect();
        text.push_str(&format!(
            " Not possible with your constraints: {}.",
            missing.join("; ")
        ));
    }
    if !steps.is_empty() {
        let unit = match objective {
            Objective::Hours => "hours",
            Objective::Cost => "EUR",
            Objective::Weeks => "weeks",
        };
        if optimal {
            text.push_str(&format!(" Proven the best path by {}.", objective.as_str()));
        } else if is_best {
            text.push_str(&format!(
                " The best path found in the time allowed; no path can take less than {} {unit}.",
                round2(lower_bound)
            ));
        } else {
            text.push_str(&format!(" An alternative: {}.", candidate.label));
        }
    }
    Path {
        label: candidate.label,
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

/// The language of [`title`]: another than `lang` marks a fallback.
fn title_lang(prepared: &Prepared, b: usize, lang: &str) -> String {
    prepared.bites[b]
        .title
        .get_with_lang(lang)
        .map_or_else(String::new, |(_, l)| l.to_string())
}

fn title(prepared: &Prepared, b: usize, lang: &str) -> String {
    let bite = &prepared.bites[b];
    bite.title
        .get(lang)
        .map_or_else(|| bite.id.to_string(), str::to_string)
}
