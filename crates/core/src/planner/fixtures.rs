//! Generated planning instances, seeded and made in memory (no files, no
//! random-number crate), shared by the planner's benches
//! (`benches/planner.rs`) and its tests: [`TARGETS`] gap items over a small
//! skill hierarchy, bites teaching one to three of them at levels 1–3,
//! prerequisite chains through foundation skills, several alternatives per
//! skill; the *dense* variant has fewer dominated bites and many near ties.
//! [`scale`] makes the national-catalogue family of issue 21 (deep
//! prerequisite tiers, 1 000–2 000 bites).

pub mod scale;

use chrono::NaiveDate;

use super::{Goal, GoalKind, MemoryHierarchy};
use crate::domain::{
    Bite, BiteId, Competence, Constraints, EqfLevel, HeldCompetence, Lang, Learner, Level,
    LocalizedText, Mode, Region, Session, SkillUri,
};

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

/// Gap items of a generated goal.
pub const TARGETS: u64 = 40;
/// Foundation skills that prerequisite chains run through.
pub const FOUNDATIONS: u64 = 20;

/// One generated instance: a goal, the candidate bites, a learner holding
/// three foundations, and the skill hierarchy.
pub struct Case {
    /// The goal: every target skill at level 1 or 2.
    pub goal: Goal,
    /// The candidate bites.
    pub bites: Vec<Bite>,
    /// The learner.
    pub learner: Learner,
    /// Each target skill has two narrower skills bites may teach instead.
    pub hierarchy: MemoryHierarchy,
}

/// The planning day of every generated instance.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
}

/// An instance of `n_bites` candidates from `seed`. `dense`: topic bites meet two to four items at nearly the same hours per
/// item, so few bites dominate others and many combinations tie closely.
pub fn generate(n_bites: usize, seed: u64, dense: bool) -> Case {
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
                registration_deadline: None,
                seats: None,
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
            registration_url: None,
            contact: Default::default(),
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
        // Full time: the benches measure the search, not the pace. At the
        // default 10 hours a week the 300-bite instance's fixed runs
        // overlap so much that no complete calendar exists (since the
        // hours per week became a hard limit), and it measured a partial
        // plan's 1.1 million states instead.
        constraints: Constraints {
            max_hours_per_week: Some(40.0),
            ..Constraints::default()
        },
        ..Learner::default()
    };
    Case {
        goal,
        bites,
        learner,
        hierarchy,
    }
}
