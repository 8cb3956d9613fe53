//! Tests of the large-instance phases of the search (issue 21): the
//! Lagrangian bound, reduced-cost fixing and the neighbourhood search,
//! forced onto small random instances so that brute force can check them,
//! and the national-catalogue family itself (every path valid, bound ≤
//! path).

use super::*;
use crate::planner::bound::Lagrangian;
use crate::planner::fixtures::scale::{Family, generate, synthetic_skills};
use crate::planner::prepare::{self, Spec};
use crate::planner::search::ALWAYS_LARGE;

/// Sends every search on this thread through the large-instance phases
/// while it lives (also when a test fails inside).
struct AsLarge;

impl AsLarge {
    fn new() -> Self {
        ALWAYS_LARGE.set(true);
        AsLarge
    }
}

impl Drop for AsLarge {
    fn drop(&mut self) {
        ALWAYS_LARGE.set(false);
    }
}

/// The Lagrangian bound of `inst`'s main search instance, with the
/// multipliers pushed towards `target`.
fn lagrangian_bound(inst: &Instance, target: f64, iterations: usize) -> f64 {
    let hierarchy = inst.hierarchy();
    let options = PlanOptions {
        objective: inst.objective,
        ..PlanOptions::new(today())
    };
    let prep = prepare::GoalPrep::new(&inst.goal, &inst.bites, &hierarchy);
    let (_, prepared) = prepare::prepare(
        &prep,
        &inst.goal,
        &inst.bites,
        &inst.learner,
        &hierarchy,
        &options,
    )
    .expect("prepared");
    let instance = prepared.instance(&Spec {
        objective: inst.objective,
        online_only: false,
        excluded: Vec::new(),
        use_budget: true,
    });
    let weights = match inst.objective {
        Objective::Cost => instance.cost.clone(),
        _ => instance.hours.clone(),
    };
    Lagrangian::optimise(&instance, &weights, target, iterations, None).bound
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Through the large-instance phases the planner still finds and
    /// proves the brute-force optimum: reduced-cost fixing never bans a
    /// bite an optimal path needs, and the bound never passes the optimum.
    #[test]
    fn large_instance_phases_match_brute_force(inst in arb_instance(12, false)) {
        let _large = AsLarge::new();
        let mut inst = inst;
        if inst.objective == Objective::Weeks {
            inst.objective = Objective::Hours;
        }
        // The brute force knows no calendar: no finish date to keep.
        inst.learner.constraints.finish_by = None;
        match run(&inst, 1) {
            Ok(answer)
                if matches!(
                    answer.outcome,
                    PlanOutcome::Partial | PlanOutcome::NothingReachable
                ) =>
            {
                // No complete path within the limits (what a partial plan
                // meets is checked against brute force in tests.rs).
                if answer.outcome == PlanOutcome::Partial {
                    prop_assert!(brute_force(&inst, &answer).is_none());
                }
            }
            Ok(answer) => {
                let path = &answer.paths[0];
                check_path(&inst, &answer, path);
                let value = match inst.objective {
                    Objective::Cost => path.total_cost_eur,
                    _ => path.total_hours,
                };
                let expected = brute_force(&inst, &answer).expect("a path exists");
                prop_assert!((value - expected).abs() < 1e-6, "planner {} brute force {}", value, expected);
                // A path of credits alone is never called optimal progress.
                if path.meets.skills.met > 0 || path.meets.skills.of == 0 {
                    prop_assert!(path.optimal);
                    prop_assert!((path.lower_bound - value).abs() < 1e-6);
                }
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    /// Every path of an answer made through the large-instance phases
    /// (alternatives included, sessions and dates in play) obeys every rule.
    #[test]
    fn large_instance_phases_obey_every_rule(inst in arb_instance(14, true)) {
        let _large = AsLarge::new();
        match run(&inst, 3) {
            Ok(answer) if answer.outcome == PlanOutcome::NothingReachable => {
                prop_assert!(answer.paths.is_empty());
            }
            Ok(answer) => {
                prop_assert!(!answer.paths.is_empty());
                for path in &answer.paths {
                    check_path(&inst, &answer, path);
                }
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    /// The Lagrangian bound is a lower bound on the optimum whatever the
    /// multipliers: pushed towards a target below, at or far above it.
    #[test]
    fn lagrangian_bound_never_passes_the_optimum(
        inst in arb_instance(12, false),
        stretch in prop::sample::select(vec![0.5, 1.0, 1.5, 4.0]),
        iterations in prop::sample::select(vec![1usize, 10, 200]),
    ) {
        let mut inst = inst;
        if inst.objective == Objective::Weeks {
            inst.objective = Objective::Hours;
        }
        // The brute force knows neither budgets nor calendars: a finish
        // date can rule out the cheapest set (32 self-paced hours by the
        // end of January), so the bound is checked without either.
        inst.learner.constraints.budget_eur = None;
        inst.learner.constraints.finish_by = None;
        inst.learner.constraints.max_hours_per_week = None;
        let Ok(answer) = run(&inst, 1) else { return Ok(()) };
        let optimum = brute_force(&inst, &answer).expect("a path exists");
        let bound = lagrangian_bound(&inst, optimum * stretch + 1.0, iterations);
        prop_assert!(bound <= optimum + 1e-6, "bound {} optimum {}", bound, optimum);
    }
}

fn small_family() -> Family {
    Family {
        n_bites: 120,
        depth: 3,
        n_requirements: 8,
        skills_per_tier: 8,
    }
}

/// On small deep instances of the national family the large-instance
/// phases prove the same optimum as the plain exact search.
#[test]
fn small_national_family_same_optimum_both_ways() {
    let family = small_family();
    let pool = synthetic_skills(family.n_skills());
    let mut compared = 0;
    for seed in 0..12 {
        let case = generate(&family, seed, &pool);
        let options = PlanOptions {
            k: 1,
            time_budget: Duration::from_secs(20),
            ..PlanOptions::new(today())
        };
        let plain = plan(
            &case.goal,
            &case.bites,
            &case.learner,
            &case.hierarchy,
            &options,
        );
        let large = {
            let _large = AsLarge::new();
            plan(
                &case.goal,
                &case.bites,
                &case.learner,
                &case.hierarchy,
                &options,
            )
        };
        match (plain, large) {
            // Partial plans (over a budget) are compared by what they are.
            (Ok(plain), Ok(large))
                if plain.outcome != PlanOutcome::Complete
                    || large.outcome != PlanOutcome::Complete =>
            {
                assert_eq!(plain.outcome, large.outcome, "seed {seed}");
            }
            (Ok(plain), Ok(large)) => {
                let (a, b) = (&plain.paths[0], &large.paths[0]);
                assert!(a.optimal && b.optimal, "seed {seed}: both proven");
                assert!(
                    (a.total_hours - b.total_hours).abs() < 1e-6,
                    "seed {seed}: {} h plain, {} h through the large phases",
                    a.total_hours,
                    b.total_hours
                );
                compared += 1;
            }
            (Err(a), Err(b)) => assert_eq!(a, b, "seed {seed}"),
            (a, b) => panic!("seed {seed}: {a:?} vs {b:?}"),
        }
    }
    assert!(compared >= 6, "only {compared} seeds had a path");
}

/// A full-size national instance within a short budget: the path obeys
/// every prerequisite in order, meets what it says, and the bound is below it.
#[test]
fn national_family_paths_are_valid_and_bounded() {
    let family = Family::NATIONAL;
    let pool = synthetic_skills(family.n_skills());
    for seed in [3, 4] {
        let case = generate(&family, seed, &pool);
        let options = PlanOptions {
            k: 1,
            time_budget: Duration::from_millis(400),
            ..PlanOptions::new(today())
        };
        let answer = match plan(
            &case.goal,
            &case.bites,
            &case.learner,
            &case.hierarchy,
            &options,
        ) {
            Ok(answer) if answer.outcome != PlanOutcome::Complete => continue,
            Ok(answer) => answer,
            Err(other) => panic!("seed {seed}: {other}"),
        };
        let path = &answer.paths[0];
        let mut held: Vec<Competence> = case
            .learner
            .competences
            .iter()
            .map(HeldCompetence::competence)
            .collect();
        for step in &path.steps {
            let bite = case.bites.iter().find(|b| b.id == step.bite).unwrap();
            assert!(
                allowed(bite, &case.learner),
                "seed {seed}: {} allowed",
                bite.id
            );
            assert!(
                bite.prerequisites
                    .iter()
                    .all(|p| meets(&case.hierarchy, &held, p)),
                "seed {seed}: prerequisites of {} first",
                bite.id
            );
            held.extend(bite.outcomes.iter().cloned());
        }
        for item in &answer.gap {
            let uncoverable = answer
                .uncoverable
                .iter()
                .any(|u| u.skill.as_ref() == Some(&item.skill));
            let required = Competence {
                skill: item.skill.clone(),
                level: Level::new(i64::from(item.required_level)).unwrap(),
            };
            assert!(uncoverable || meets(&case.hierarchy, &held, &required));
        }
        assert!(path.lower_bound_hours <= path.total_hours + 1e-6);
        assert!(path.lower_bound_hours > 0.0, "seed {seed}: a real bound");
    }
}
