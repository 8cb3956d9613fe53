//! The planner on the default data: every micro-qualification from an empty
//! profile, and the committed example learners towards their targets, get
//! proven-optimal, explained, valid paths.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::NaiveDate;
use oppepala::catalogue::Catalogue;
use oppepala::domain::{Learner, QualificationId, Target, from_json_str};
use oppepala::goal;
use oppepala::planner::{self, PlanAnswer, PlanOptions};
use oppepala::taxonomy::Taxonomy;

use super::support;

fn data() -> &'static (Taxonomy, Catalogue) {
    static DATA: OnceLock<(Taxonomy, Catalogue)> = OnceLock::new();
    DATA.get_or_init(|| oppepala::service::load_data(&support::root().join("data")).unwrap())
}

fn options(lang: &str) -> PlanOptions {
    PlanOptions {
        // Generous, so a slow debug build on a busy machine still proves optimality.
        time_budget: Duration::from_secs(5),
        lang: lang.into(),
        ..PlanOptions::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    }
}

fn plan(learner: &Learner, qualification: &str, lang: &str) -> PlanAnswer {
    let (taxonomy, catalogue) = data();
    let target = Target::Qualification(QualificationId::new(qualification).unwrap());
    let goal = goal::resolve(&target, catalogue, taxonomy).unwrap();
    planner::plan(&goal, catalogue.bites(), learner, taxonomy, &options(lang))
        .unwrap_or_else(|e| panic!("{qualification}: {e}"))
}

/// Checks what every answer must satisfy and returns the best path's hours.
fn check(answer: &PlanAnswer, what: &str) {
    let (_, catalogue) = data();
    assert!(!answer.paths.is_empty(), "{what}: no path");
    let best = &answer.paths[0];
    assert!(best.optimal, "{what}: the best path is not proven optimal");
    assert_eq!(best.lower_bound_hours, best.total_hours, "{what}");
    assert!(
        answer.uncoverable.is_empty(),
        "{what}: {:?}",
        answer.uncoverable
    );
    assert!(!best.explanation.is_empty(), "{what}");
    for step in &best.steps {
        assert!(
            !step.why.is_empty(),
            "{what}: step {} has no reason",
            step.bite
        );
        assert!(catalogue.bite(step.bite.as_str()).is_some());
        assert!(step.end > step.start);
    }
    // Dated steps are listed in date order.
    assert!(
        best.steps.windows(2).all(|w| w[0].start <= w[1].start),
        "{what}"
    );
}

#[test]
fn every_qualification_from_an_empty_profile() {
    let (_, catalogue) = data();
    for qualification in catalogue.qualifications() {
        let answer = plan(&Learner::default(), qualification.id.as_str(), "et");
        check(&answer, qualification.id.as_str());
        assert!(!answer.paths[0].steps.is_empty());
    }
}

#[test]
fn the_example_learners_reach_their_targets() {
    for (file, target, lang) in [
        ("cashier-to-it-support.json", "mq-it-support", "et"),
        ("ru-care-worker.json", "mq-care-elderly", "ru"),
        ("unemployed-warehouse-worker.json", "mq-log-forklift", "et"),
        ("ru-cnc-operator.json", "mq-man-cnc-operator", "ru"),
    ] {
        let text =
            std::fs::read_to_string(support::root().join("data/examples").join(file)).unwrap();
        let learner: Learner = from_json_str(&text).unwrap();
        let answer = plan(&learner, target, lang);
        check(&answer, file);
        let best = &answer.paths[0];
        // Every step is in one of the learner's languages and within the budget.
        let (_, catalogue) = data();
        for step in &best.steps {
            let bite = catalogue.bite(step.bite.as_str()).unwrap();
            assert!(
                bite.languages
                    .iter()
                    .any(|l| learner.allowed_languages().contains(l)),
                "{file}: {}",
                bite.id
            );
        }
        if let Some(budget) = learner.constraints.budget_eur {
            assert!(best.total_cost_eur <= budget, "{file}");
        }
        if lang == "ru" {
            // The hand-written Russian skill names reach the gap.
            assert!(
                answer
                    .gap
                    .iter()
                    .any(|g| g.label.chars().any(|c| ('а'..='я').contains(&c))),
                "{file}"
            );
        }
    }
}
