//! How fast does the planner prove an optimum on realistic instances?
//!
//! Generated, seeded instances (`planner::fixtures`, shared with the
//! planner's tests). Measures the time to a proven optimum for 50,
//! 300 and 1 000 candidate bites (and a *dense* variant with fewer
//! dominated bites and many near ties), the full answer (3 paths) for 300,
//! and prints for each how long it took to find a path within 5% of the
//! final lower bound.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use oppepala::planner::fixtures::{generate, today};
use oppepala::planner::{PlanOptions, plan, search_report};

fn options(budget: Duration, k: usize) -> PlanOptions {
    PlanOptions {
        time_budget: budget,
        k,
        ..PlanOptions::new(today())
    }
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("planner");
    for (n, dense) in [
        (50usize, false),
        (300, false),
        (1000, false),
        (300, true),
        (1000, true),
    ] {
        let case = generate(n, 42 + n as u64, dense);
        let name = if dense {
            format!("dense/{n}")
        } else {
            n.to_string()
        };
        let report = search_report(
            &case.goal,
            &case.bites,
            &case.learner,
            &case.hierarchy,
            &options(Duration::from_secs(10), 1),
        )
        .unwrap();
        let Some(best) = report.best else {
            // Not timed: the main search alone finds no complete path
            // (the answer is a partial plan).
            eprintln!(
                "{name}: no complete path within the learner's limits ({} nodes, exhausted: {}); not timed",
                report.nodes, report.optimal
            );
            continue;
        };
        let first_close = report
            .incumbents
            .iter()
            .find(|(_, v)| *v <= report.lower_bound * 1.05)
            .map(|(t, _)| *t);
        eprintln!(
            "{name}: {} candidates after preprocessing, {} coverable items, best {best} h, bound {} h, optimal {}, {} nodes, {} incumbents, first within 5% of the bound after {:?}; prepare {:?}, search {:?}",
            report.n_candidates,
            report.n_targets,
            report.lower_bound,
            report.optimal,
            report.nodes,
            report.incumbents.len(),
            first_close,
            report.prepare_time,
            report.search_time
        );
        group.bench_function(format!("proven_optimum/{name}"), |b| {
            b.iter(|| {
                let report = search_report(
                    black_box(&case.goal),
                    &case.bites,
                    &case.learner,
                    &case.hierarchy,
                    &options(Duration::from_secs(10), 1),
                )
                .unwrap();
                assert!(report.optimal);
                report
            })
        });
        if n == 300 && !dense {
            group.bench_function("full_answer_k3/300", |b| {
                b.iter(|| {
                    plan(
                        black_box(&case.goal),
                        &case.bites,
                        &case.learner,
                        &case.hierarchy,
                        &options(Duration::from_millis(200), 3),
                    )
                    .unwrap()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
