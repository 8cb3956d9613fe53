//! The planner on the national-catalogue family of issue 21: generates
//! seeded instances (`planner::fixtures::scale`) on real ESCO skills (the
//! skills of `data/taxonomy.bin`, planned with that taxonomy's hierarchy),
//! plans each with the release build as the service does (`planner::plan`,
//! one path, the given time budget), checks the path (every prerequisite met
//! in order, the items it meets) and writes each instance, lowered to
//! conditions, with the planner's result as JSON for
//! `scripts/scale/compare.py`, which runs CP-SAT on the same file.
//!
//! ```sh
//! cargo run --release -p oppepala-core --example scale -- \
//!     [national|deep] [FIRST_SEED] [N_SEEDS] [BUDGET_MS] [OUT_DIR] [TAXONOMY]
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use oppepala_core::domain::{Bite, Hierarchy, Learner, SkillUri};
use oppepala_core::planner::fixtures::scale::{Family, generate};
use oppepala_core::planner::fixtures::today;
use oppepala_core::planner::{Goal, PlanOptions, plan, take_search_stats};
use oppepala_core::taxonomy::Taxonomy;
use serde_json::{Value, json};

/// The instance lowered to conditions: a (skill, level) pair some
/// requirement or prerequisite asks for and the learner does not hold.
struct Lowered {
    conditions: Vec<(SkillUri, u8)>,
    targets: Vec<usize>,
    allowed: Vec<bool>,
    meets: Vec<Vec<usize>>,
    needs: Vec<Vec<usize>>,
}

fn lower(goal: &Goal, bites: &[Bite], learner: &Learner, hierarchy: &dyn Hierarchy) -> Lowered {
    let held = |skill: &SkillUri, level: u8| {
        learner
            .competences
            .iter()
            .any(|h| h.level.get() >= level && hierarchy.covers(&h.skill, skill))
    };
    let mut index: HashMap<(SkillUri, u8), usize> = HashMap::new();
    let mut conditions: Vec<(SkillUri, u8)> = Vec::new();
    let mut condition = |skill: &SkillUri, level: u8| -> Option<usize> {
        if held(skill, level) {
            return None;
        }
        let key = (skill.clone(), level);
        Some(*index.entry(key.clone()).or_insert_with(|| {
            conditions.push(key);
            conditions.len() - 1
        }))
    };
    let targets: Vec<usize> = goal
        .competences
        .iter()
        .filter_map(|r| condition(&r.skill, r.level.get()))
        .collect();
    let needs: Vec<Vec<usize>> = bites
        .iter()
        .map(|b| {
            b.prerequisites
                .iter()
                .filter_map(|p| condition(&p.skill, p.level.get()))
                .collect()
        })
        .collect();
    let meets: Vec<Vec<usize>> = bites
        .iter()
        .map(|b| {
            (0..conditions.len())
                .filter(|&c| {
                    let (skill, level) = &conditions[c];
                    b.outcomes
                        .iter()
                        .any(|o| o.level.get() >= *level && hierarchy.covers(&o.skill, skill))
                })
                .collect()
        })
        .collect();
    let languages = learner.allowed_languages();
    let constraints = &learner.constraints;
    let allowed: Vec<bool> = bites
        .iter()
        .map(|b| {
            b.languages.iter().any(|l| languages.contains(l))
                && constraints.modes.contains(&b.mode)
                && (!b.mode.needs_region() || b.region == learner.region)
                && constraints
                    .budget_eur
                    .is_none_or(|budget| b.cost_eur <= budget)
        })
        .collect();
    Lowered {
        conditions,
        targets,
        allowed,
        meets,
        needs,
    }
}

/// The gap items a path meets, after checking that every step is allowed
/// and its prerequisites are met by the learner or earlier steps.
fn check_path(lowered: &Lowered, order: &[usize]) -> Result<usize, String> {
    let mut met = vec![false; lowered.conditions.len()];
    for &b in order {
        if !lowered.allowed[b] {
            return Err(format!("bite {b} is not allowed"));
        }
        if let Some(&p) = lowered.needs[b].iter().find(|&&p| !met[p]) {
            return Err(format!("bite {b} needs condition {p} before it"));
        }
        for &c in &lowered.meets[b] {
            met[c] = true;
        }
    }
    Ok(lowered.targets.iter().filter(|&&t| met[t]).count())
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let family = match args.next().as_deref().unwrap_or("national") {
        "national" => Family::NATIONAL,
        "deep" => Family::DEEP,
        other => anyhow::bail!("family must be national or deep, not {other}"),
    };
    let first_seed: u64 = args.next().map_or(Ok(1), |s| s.parse())?;
    let n_seeds: u64 = args.next().map_or(Ok(10), |s| s.parse())?;
    let budget_ms: u64 = args.next().map_or(Ok(1_000), |s| s.parse())?;
    let out_dir = PathBuf::from(args.next().unwrap_or_else(|| "target/scale".into()));
    let taxonomy_path = args.next().unwrap_or_else(|| "data/taxonomy.bin".into());
    std::fs::create_dir_all(&out_dir)?;

    let taxonomy = Taxonomy::load(&taxonomy_path)?;
    let mut pool: Vec<SkillUri> = taxonomy.skills().map(|s| s.skill_uri()).collect();
    pool.sort();
    let name = if family == Family::NATIONAL {
        "national"
    } else {
        "deep"
    };

    for seed in first_seed..first_seed + n_seeds {
        let case = generate(&family, seed, &pool);
        let lowered = lower(&case.goal, &case.bites, &case.learner, &taxonomy);
        let options = PlanOptions {
            k: 1,
            time_budget: Duration::from_millis(budget_ms),
            ..PlanOptions::new(today())
        };
        take_search_stats();
        let started = Instant::now();
        let answer = plan(&case.goal, &case.bites, &case.learner, &taxonomy, &options);
        let elapsed = started.elapsed();
        let stats = take_search_stats();
        let per_second = |states: u64, secs: f64| {
            if secs > 0.0 {
                (states as f64 / secs).round()
            } else {
                0.0
            }
        };
        let stats = json!({
            "first": {"states": stats.first_states, "seconds": stats.first_secs,
                "per_second": per_second(stats.first_states, stats.first_secs)},
            "setup": {"states": stats.setup_states, "seconds": stats.setup_secs},
            "lns": {"states": stats.lns_states, "rounds": stats.lns_rounds,
                "seconds": stats.lns_secs,
                "per_second": per_second(stats.lns_states, stats.lns_secs)},
            "tree": {"states": stats.tree_states, "seconds": stats.tree_secs},
            "last": {"states": stats.last_states, "seconds": stats.last_secs,
                "per_second": per_second(stats.last_states, stats.last_secs)},
        });
        let planner = match &answer {
            Ok(answer) => {
                let path = &answer.paths[0];
                let position: HashMap<&str, usize> = case
                    .bites
                    .iter()
                    .enumerate()
                    .map(|(i, b)| (b.id.as_str(), i))
                    .collect();
                let order: Vec<usize> = path
                    .steps
                    .iter()
                    .map(|s| position[s.bite.as_str()])
                    .collect();
                let items_met = check_path(&lowered, &order)
                    .map_err(|e| anyhow::anyhow!("seed {seed}: invalid path: {e}"))?;
                json!({
                    "hours": path.total_hours,
                    "cost": path.total_cost_eur,
                    "bound": path.lower_bound_hours,
                    "optimal": path.optimal,
                    "items_met": items_met,
                    "seconds": elapsed.as_secs_f64(),
                    "order": order,
                    "stats": stats,
                })
            }
            Err(e) => json!({"error": e.to_string(), "seconds": elapsed.as_secs_f64()}),
        };
        let instance = json!({
            "name": format!("{name}-{seed}"),
            "family": name,
            "seed": seed,
            "budget_ms": budget_ms,
            "budget_eur": case.learner.constraints.budget_eur,
            "n_targets": lowered.targets.len(),
            "targets": lowered.targets,
            "n_conditions": lowered.conditions.len(),
            "bites": case.bites.iter().enumerate().map(|(b, bite)| json!({
                "id": bite.id.as_str(),
                "hours": bite.hours,
                "cost": bite.cost_eur,
                "allowed": lowered.allowed[b],
                "meets": lowered.meets[b],
                "needs": lowered.needs[b],
            })).collect::<Vec<Value>>(),
            "planner": planner,
        });
        let file = out_dir.join(format!("{name}-{seed}.json"));
        std::fs::write(&file, serde_json::to_vec(&instance)?)?;
        println!(
            "{name}-{seed}: {} allowed bites, {} items; planner {}",
            lowered.allowed.iter().filter(|&&a| a).count(),
            lowered.targets.len(),
            planner
                .as_object()
                .map(|o| {
                    let mut o = o.clone();
                    o.remove("order");
                    Value::Object(o).to_string()
                })
                .unwrap_or_default()
        );
    }
    Ok(())
}
