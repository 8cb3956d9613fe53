//! How fast does the planner prove an optimum on realistic instances?
//!
//! Generated, seeded instances (no files, no network): 40 gap items over a
//! small skill hierarchy, bites teaching one to three of them at levels
//! 1–3, prerequisite chains through foundation skills, several
//! alternatives per skill. Measures the time to a proven optimum for 50,
//! 300 and 1 000 candidate bites (and a *dense* variant with fewer
//! dominated bites and many near ties), the full answer (3 paths) for 300,
//! and prints for each how long it took to find a path within 5% of the
//! final lower bound.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use oppepala::domain::{
    Bite, BiteId, Competence, EqfLevel, HeldCompetence, Lang, Learner, Level, LocalizedText, Mode,
    Region, Session, SkillUri,
};
use oppepala::planner::{Goal, GoalKind, MemoryHierarchy, PlanOptions, plan, search_report};

/// SplitMix64: a tiny seeded generator, so the bench needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

fn skill(name: &str) -> SkillUri {
    SkillUri::new(format!("http://data.europa.eu/esco/skill/{name}")).unwrap()
}

fn competence(name: &str, level: u64) -> Competence {
    Competence {
        skill: skill(name),
        level: Level::new(level as i64).unwrap(),
    }
}

const TARGETS: u64 = 40;
const FOUNDATIONS: u64 = 20;

struct Case {
    goal: Goal,
    bites: Vec<Bite>,
    learner: Learner,
    hierarchy: MemoryHierarchy,
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
}

/// `dense`: topic bites meet two to four items at nearly the same hours per
/// item, so few bites dominate others and many combinations tie closely.
fn generate(n_bites: usize, seed: u64, dense: bool) -> Case {
    let mut rng = Rng(seed);
    let mut hierarchy = MemoryHierarchy::new();
    // Every target has two narrower skills that bites may teach instead.
    for t in 0..TARGETS {
        for k in 0..2 {
            hierarchy.add_broader(&skill(&format!("t{t}-{k}")), &skill(&format!("t{t}")));
        }
    }
    let mut bites = Vec::with_capacity(n_bites);
    for i in 0..n_bites {
        let mut outcomes = Vec::new();
        let mut prerequisites = Vec::new();
        if i % 5 == 0 {
            // A foundation bite, sometimes needing an earlier foundation (chains).
            let f = rng.below(FOUNDATIONS);
            outcomes.push(competence(&format!("f{f}"), 1 + rng.below(2)));
            if f > 0 && rng.chance(0.5) {
                prerequisites.push(competence(&format!("f{}", rng.below(f)), 1));
            }
        } else {
            // A topic bite: one to three neighbouring targets.
            let first = rng.below(TARGETS);
            let n_outcomes = if dense {
                2 + rng.below(3)
            } else {
                1 + rng.below(3)
            };
            for k in 0..n_outcomes {
                let t = (first + k * (1 + rng.below(3))) % TARGETS;
                let name = if rng.chance(0.3) {
                    format!("t{t}-{}", rng.below(2))
                } else {
                    format!("t{t}")
                };
                let level = if dense {
                    2 + rng.below(2)
                } else {
                    1 + rng.below(3)
                };
                outcomes.push(competence(&name, level));
            }
            if rng.chance(0.4) {
                prerequisites.push(competence(&format!("f{}", rng.below(FOUNDATIONS)), 1));
            }
        }
        let hours = if dense && i % 5 != 0 {
            (10 * outcomes.len() as u64 + rng.below(8)) as f64
        } else {
            (4 + rng.below(57)) as f64
        };
        let mode = match rng.below(4) {
            0 => Mode::Onsite,
            1 => Mode::Blended,
            _ => Mode::Online,
        };
        let sessions = if rng.chance(0.3) {
            vec![Session {
                start: today() + chrono::Duration::days(rng.below(200) as i64),
                weeks: 1 + rng.below(8) as u16,
            }]
        } else {
            Vec::new()
        };
        bites.push(Bite {
            id: BiteId::new(format!("b{i}")).unwrap(),
            title: LocalizedText::from_pairs(&[("en", &format!("Course {i}"))]),
            description: LocalizedText::default(),
            provider: String::new(),
            outcomes,
            outcome_texts: Vec::new(),
            prerequisites,
            hours,
            ects: (hours / 26.0 * 2.0).round() / 2.0,
            eqf_level: EqfLevel::new(4).unwrap(),
            languages: if rng.chance(0.8) {
                vec![Lang::et()]
            } else {
                vec![Lang::ru()]
            },
            mode,
            region: mode
                .needs_region()
                .then(|| Region::new(if rng.chance(0.5) { "EE-37" } else { "EE-79" }).unwrap()),
            cost_eur: [0.0, 0.0, 40.0, 90.0, 150.0, 300.0][rng.below(6) as usize],
            funding: Vec::new(),
            sessions,
            assessment: None,
            credential: None,
            quality_assurance: None,
            field: None,
            learning_setting: None,
            entry_requirements: Default::default(),
            url: None,
        });
    }
    let goal = Goal::from_competences(
        (0..TARGETS)
            .map(|t| competence(&format!("t{t}"), 1 + rng.below(2)))
            .collect(),
        LocalizedText::from_pairs(&[("en", "bench goal")]),
        GoalKind::Skills,
    );
    let learner = Learner {
        competences: (0..3)
            .map(|k| HeldCompetence {
                skill: skill(&format!("f{k}")),
                level: Level::new(1).unwrap(),
                evidence: None,
            })
            .collect(),
        languages: vec![Lang::et()],
        region: Some(Region::new("EE-37").unwrap()),
        ..Learner::default()
    };
    Case {
        goal,
        bites,
        learner,
        hierarchy,
    }
}

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
        let best = report.best.unwrap();
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
