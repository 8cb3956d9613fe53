//! Tests of the large-instance phases of the search (issue 21): the
//! Lagrangian bound, reduced-cost fixing and the neighbourhood search,
//! forced onto small random instances so that brute force can check them,
//! and the national-catalogue family itself (every path valid, bound ≤
//! path).

use super::*;
use crate::domain::Hierarchy;
use crate::planner::bound::branch::Tree;
use crate::planner::bound::{Fix, Lagrangian};
use crate::planner::fixtures::scale::{Family, generate, synthetic_skills};
use crate::planner::prepare::Instance as SearchInstance;
use crate::planner::prepare::{self, Spec};
use crate::planner::search::{ALWAYS_LARGE, Measure, check_incremental};

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
/// multipliers pushed towards `target`; with the chain covers in when
/// `covers`.
fn lagrangian_bound(inst: &Instance, target: f64, iterations: usize, covers: bool) -> f64 {
    let hierarchy = inst.hierarchy();
    lagrangian_bound_of(
        &inst.goal,
        &inst.bites,
        &inst.learner,
        &hierarchy,
        inst.objective,
        target,
        iterations,
        covers,
    )
}

/// The search instance of the main search (the one `plan` runs first) and
/// its weights.
fn search_instance_of(
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    objective: Objective,
) -> (SearchInstance, Vec<f64>) {
    let options = PlanOptions {
        objective,
        ..PlanOptions::new(today())
    };
    let prep = prepare::GoalPrep::new(goal, bites, hierarchy);
    let (_, prepared) =
        prepare::prepare(&prep, goal, bites, learner, hierarchy, &options).expect("prepared");
    let instance = prepared.instance(&Spec {
        objective,
        online_only: false,
        excluded: Vec::new(),
        use_budget: true,
    });
    let weights = match objective {
        Objective::Cost => instance.cost.clone(),
        _ => instance.hours.clone(),
    };
    (instance, weights)
}

/// Branches on the relaxation of `instance` (root multipliers after
/// `iterations` rounds, with chain covers when `covers`), pruning with
/// `incumbent`, for up to `expansions` nodes; after each, checks that the
/// global bound and every open node holding the path `on_path` (local
/// bites) of value `optimum` stay at or below `optimum`, and that, while
/// `optimum` is below the incumbent, some open node holds that path (no
/// branch, fixing or pruning lost it). Returns the final bound.
#[allow(clippy::too_many_arguments)]
fn check_tree(
    instance: &SearchInstance,
    weights: &[f64],
    on_path: &HashSet<u32>,
    optimum: f64,
    incumbent: f64,
    iterations: usize,
    covers: bool,
    expansions: usize,
) -> Result<f64, String> {
    let start = covers.then(|| Lagrangian::with_covers(instance, weights));
    let target = if incumbent.is_finite() {
        incumbent
    } else {
        optimum + 1.0
    };
    let root = Lagrangian::optimise(instance, weights, target, iterations, start.as_ref());
    let mut tree = Tree::new(instance, weights, &root, incumbent);
    for round in 0..=expansions {
        let bound = tree.bound(incumbent);
        if bound > optimum + 1e-6 {
            return Err(format!(
                "after {round} nodes the bound {bound} passes the optimum {optimum}"
            ));
        }
        let mut holding = 0;
        for (node_bound, fixed) in tree.open_nodes() {
            let holds = (0..fixed.len() as u32).all(|b| match fixed[b as usize] {
                Fix::In => on_path.contains(&b),
                Fix::Out => !on_path.contains(&b),
                Fix::Free => true,
            });
            if holds {
                holding += 1;
                if node_bound > optimum + 1e-6 {
                    return Err(format!(
                        "after {round} nodes a node holding the optimal path has bound {node_bound} > {optimum}"
                    ));
                }
            }
        }
        if optimum < incumbent - 1e-6 && holding == 0 {
            return Err(format!(
                "after {round} nodes no open node holds the optimal path ({optimum} < {incumbent})"
            ));
        }
        if !tree.active() {
            break;
        }
        tree.expand(incumbent);
    }
    Ok(tree.bound(incumbent))
}

/// The local bites of `path` in `instance`.
fn local_path(
    instance: &SearchInstance,
    bites: &[Bite],
    path: &crate::planner::Path,
) -> HashSet<u32> {
    path.steps
        .iter()
        .map(|s| {
            let global = bites.iter().position(|b| b.id == s.bite).unwrap();
            instance
                .global
                .iter()
                .position(|&g| g == global)
                .expect("a path's bite is in its search instance") as u32
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn lagrangian_bound_of(
    goal: &Goal,
    bites: &[Bite],
    learner: &Learner,
    hierarchy: &dyn Hierarchy,
    objective: Objective,
    target: f64,
    iterations: usize,
    covers: bool,
) -> f64 {
    let options = PlanOptions {
        objective,
        ..PlanOptions::new(today())
    };
    let prep = prepare::GoalPrep::new(goal, bites, hierarchy);
    let (_, prepared) =
        prepare::prepare(&prep, goal, bites, learner, hierarchy, &options).expect("prepared");
    let instance = prepared.instance(&Spec {
        objective,
        online_only: false,
        excluded: Vec::new(),
        use_budget: true,
    });
    let weights = match objective {
        Objective::Cost => instance.cost.clone(),
        _ => instance.hours.clone(),
    };
    let start = covers.then(|| Lagrangian::with_covers(&instance, &weights));
    Lagrangian::optimise(&instance, &weights, target, iterations, start.as_ref()).bound
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

    /// The incremental evaluation of a state gives the same facts, to the
    /// last bit, as the evaluation from scratch, on random walks of small
    /// random instances (modules, ECTS, budgets, every objective).
    #[test]
    fn incremental_evaluation_matches_from_scratch(
        inst in arb_instance(14, true),
        seed in any::<u64>(),
    ) {
        let (prepared_goal, options) = (inst.goal.clone(), PlanOptions {
            objective: inst.objective,
            ..PlanOptions::new(today())
        });
        let hierarchy = inst.hierarchy();
        let prep = prepare::GoalPrep::new(&prepared_goal, &inst.bites, &hierarchy);
        let Ok((_, prepared)) =
            prepare::prepare(&prep, &prepared_goal, &inst.bites, &inst.learner, &hierarchy, &options)
        else {
            return Ok(());
        };
        let instance = prepared.instance(&Spec {
            objective: inst.objective,
            online_only: false,
            excluded: Vec::new(),
            use_budget: true,
        });
        let measure = match inst.objective {
            Objective::Hours => Measure::Hours,
            Objective::Cost => Measure::Cost,
            Objective::Weeks => Measure::FinishDays,
        };
        check_incremental(&prepared, &instance, measure, seed, 60);
    }

    /// The Lagrangian bound is a lower bound on the optimum whatever the
    /// multipliers: pushed towards a target below, at or far above it,
    /// with the chain covers or without.
    #[test]
    fn lagrangian_bound_never_passes_the_optimum(
        inst in arb_instance(12, false),
        stretch in prop::sample::select(vec![0.5, 1.0, 1.5, 4.0]),
        iterations in prop::sample::select(vec![1usize, 10, 200]),
        covers in any::<bool>(),
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
        let bound = lagrangian_bound(&inst, optimum * stretch + 1.0, iterations, covers);
        prop_assert!(bound <= optimum + 1e-6, "bound {} optimum {}", bound, optimum);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Branching on the relaxation never loses the optimal path: every
    /// node holding it, and the global bound, stay at or below the
    /// brute-force optimum, whatever the root multipliers and the
    /// incumbent pruning with (at, above or far above the optimum).
    #[test]
    fn branching_never_passes_the_optimum(
        inst in arb_instance(12, false),
        stretch in prop::sample::select(vec![1.0, 1.02, 1.3, f64::INFINITY]),
        iterations in prop::sample::select(vec![0usize, 10, 200]),
        covers in any::<bool>(),
    ) {
        let mut inst = inst;
        if inst.objective == Objective::Weeks {
            inst.objective = Objective::Hours;
        }
        // Without calendars: the brute force knows none.
        inst.learner.constraints.finish_by = None;
        inst.learner.constraints.max_hours_per_week = None;
        let Ok(answer) = run(&inst, 1) else { return Ok(()) };
        if answer.outcome != PlanOutcome::Complete {
            return Ok(());
        }
        // The planner's path is the brute-force optimum (checked in
        // `large_instance_phases_match_brute_force`), even where a path of
        // credits alone is not called optimal: here it is the path to keep.
        let path = &answer.paths[0];
        let optimum = brute_force(&inst, &answer).expect("a path exists");
        let hierarchy = inst.hierarchy();
        let (instance, weights) = search_instance_of(
            &inst.goal, &inst.bites, &inst.learner, &hierarchy, inst.objective,
        );
        let on_path = local_path(&instance, &inst.bites, path);
        let value: f64 = on_path.iter().map(|&b| weights[b as usize]).sum();
        prop_assert!((value - optimum).abs() < 1e-6, "path {} optimum {}", value, optimum);
        let incumbent = optimum * stretch + if stretch > 1.0 { 1.0 } else { 0.0 };
        let bound = check_tree(&instance, &weights, &on_path, optimum, incumbent, iterations, covers, 40);
        prop_assert!(bound.is_ok(), "{}", bound.unwrap_err());
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

fn deep_chain_options() -> PlanOptions {
    PlanOptions {
        k: 1,
        time_budget: Duration::from_secs(20),
        ..PlanOptions::new(today())
    }
}

/// The small deep instances of the national family (seeds 0–11) whose
/// answer is a complete path, with that path, which must be proven optimal.
fn proven_deep_chain_paths() -> Vec<(u64, crate::planner::fixtures::Case, Path)> {
    let family = small_family();
    let pool = synthetic_skills(family.n_skills());
    let options = deep_chain_options();
    (0..12)
        .filter_map(|seed| {
            let case = generate(&family, seed, &pool);
            let answer = plan(
                &case.goal,
                &case.bites,
                &case.learner,
                &case.hierarchy,
                &options,
            )
            .ok()?;
            if answer.outcome != PlanOutcome::Complete {
                return None;
            }
            let path = answer.paths.into_iter().next()?;
            assert!(path.optimal, "seed {seed}: proven");
            Some((seed, case, path))
        })
        .collect()
}

/// On small deep instances of the national family (chains three tiers
/// long), the proven optimal path holds a bite of every chain cover (the
/// covers are valid inequalities), and the Lagrangian bound with the
/// covers, pushed hard towards and past the optimum, never passes it.
#[test]
fn chain_covers_never_pass_the_optimum_on_deep_chains() {
    let options = deep_chain_options();
    let mut compared = 0;
    let mut all_covers = 0;
    for (seed, case, path) in proven_deep_chain_paths() {
        let path = &path;
        let hierarchy: &dyn Hierarchy = &case.hierarchy;
        let prep = prepare::GoalPrep::new(&case.goal, &case.bites, hierarchy);
        let (_, prepared) = prepare::prepare(
            &prep,
            &case.goal,
            &case.bites,
            &case.learner,
            hierarchy,
            &options,
        )
        .expect("prepared");
        let instance = prepared.instance(&Spec {
            objective: Objective::Hours,
            online_only: false,
            excluded: Vec::new(),
            use_budget: true,
        });
        let on_path: HashSet<usize> = path
            .steps
            .iter()
            .map(|s| case.bites.iter().position(|b| b.id == s.bite).unwrap())
            .collect();
        let covers = crate::planner::bound::chain_covers(&instance);
        for cover in &covers {
            assert!(
                cover
                    .iter()
                    .any(|&b| on_path.contains(&instance.global[b as usize])),
                "seed {seed}: the path misses a chain cover"
            );
        }
        all_covers += covers.len();
        for (stretch, iterations) in [(1.0, 2_000), (1.5, 500), (4.0, 200)] {
            let bound = lagrangian_bound_of(
                &case.goal,
                &case.bites,
                &case.learner,
                &case.hierarchy,
                Objective::Hours,
                path.total_hours * stretch + 1.0,
                iterations,
                true,
            );
            assert!(
                bound <= path.total_hours + 1e-6,
                "seed {seed}: bound {bound} above the optimum {}",
                path.total_hours
            );
        }
        compared += 1;
    }
    assert!(compared >= 6, "only {compared} seeds had a path");
    assert!(all_covers >= 20, "only {all_covers} chain covers checked");
}

/// On small deep instances of the national family, branching on the
/// relaxation never loses the proven optimal path (see `check_tree`),
/// pruning with the optimum plus one hour or with no path at all, and
/// with the optimum as the incumbent it proves it.
#[test]
fn branching_keeps_the_optimum_on_deep_chains() {
    let mut compared = 0;
    let mut proven = 0;
    for (seed, case, path) in proven_deep_chain_paths() {
        let path = &path;
        let (instance, weights) = search_instance_of(
            &case.goal,
            &case.bites,
            &case.learner,
            &case.hierarchy,
            Objective::Hours,
        );
        let on_path = local_path(&instance, &case.bites, path);
        let optimum = path.total_hours;
        for (incumbent, covers) in [(optimum + 1.0, true), (f64::INFINITY, false)] {
            if let Err(e) = check_tree(
                &instance, &weights, &on_path, optimum, incumbent, 300, covers, 300,
            ) {
                panic!("seed {seed}, incumbent {incumbent}: {e}");
            }
        }
        let bound = check_tree(
            &instance, &weights, &on_path, optimum, optimum, 300, true, 2_000,
        )
        .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        if bound >= optimum - 1e-6 {
            proven += 1;
        }
        compared += 1;
    }
    assert!(compared >= 6, "only {compared} seeds had a path");
    assert!(
        proven >= compared / 2,
        "the tree proved only {proven} of {compared}"
    );
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

/// The incremental evaluation on instances of the national families (the
/// medium test family, 1 000 and 2 000 bites, with and without a budget):
/// the same facts as from scratch on long random walks.
#[test]
fn incremental_evaluation_matches_from_scratch_at_scale() {
    for (family, seeds) in [
        (small_family(), 0..6u64),
        (Family::NATIONAL, 1..4),
        (Family::DEEP, 5..6),
    ] {
        let pool = synthetic_skills(family.n_skills());
        for seed in seeds {
            let case = generate(&family, seed, &pool);
            let options = PlanOptions::new(today());
            let prep = prepare::GoalPrep::new(&case.goal, &case.bites, &case.hierarchy);
            let (_, prepared) = prepare::prepare(
                &prep,
                &case.goal,
                &case.bites,
                &case.learner,
                &case.hierarchy,
                &options,
            )
            .expect("prepared");
            let mut instance = prepared.instance(&Spec {
                objective: Objective::Hours,
                online_only: false,
                excluded: Vec::new(),
                use_budget: false,
            });
            // Budgets the walks reach (and the learner's, if any), where
            // the bound on cost decides.
            let mean = instance.cost.iter().sum::<f64>() / instance.len().max(1) as f64;
            for budget in [
                None,
                Some(4.0 * mean),
                Some(12.0 * mean),
                case.learner.constraints.budget_eur,
            ] {
                instance.budget = budget;
                check_incremental(&prepared, &instance, Measure::Hours, seed, 400);
            }
        }
    }
}
