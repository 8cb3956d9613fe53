//! The planner on the default data: every micro-qualification from an empty
//! profile, and the committed example learners towards their targets, get
//! proven-optimal, explained, valid paths.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::NaiveDate;
use oppepala::catalogue::Catalogue;
use oppepala::domain::{Learner, QualificationId, Target, from_json_str};
use oppepala::goal;
use oppepala::planner::{self, OpenModule, PlanAnswer, PlanOptions};
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

/// With 20 hours a week (at the default 10, the fixed runs of seven
/// qualifications' courses overlap too much: see
/// `hours_per_week_bind_on_the_default_data`).
#[test]
fn every_qualification_from_an_empty_profile() {
    let (_, catalogue) = data();
    let mut learner = Learner::default();
    learner.constraints.max_hours_per_week = Some(20.0);
    for qualification in catalogue.qualifications() {
        let answer = plan(&learner, qualification.id.as_str(), "et");
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

fn example(file: &str) -> Learner {
    let text = std::fs::read_to_string(support::root().join("data/examples").join(file)).unwrap();
    from_json_str(&text).unwrap()
}

/// A shop assistant from Harju within 100 EUR: no skill is missing, only
/// module rules, three of which run in other counties. Every count the
/// answer says is of what there is: no "0 of the 0 missing skills" in the
/// summary, a path's explanation or the command line's text (the page
/// showed "täidab 0-st puuduvast oskusest 0").
#[test]
fn only_module_rules_open_are_counted_as_module_rules() {
    let learner: Learner = from_json_str(
        r#"{"languages": ["et"], "region": "EE-37", "constraints": {"budget_eur": 100}}"#,
    )
    .unwrap();
    for (lang, zero) in [("en", "of the 0 "), ("et", " 0-st "), ("ru", " из 0 ")] {
        let answer = plan(&learner, "mq-retail-shop", lang);
        assert!(answer.gap.is_empty(), "{:?}", answer.gap);
        assert!(!answer.paths.is_empty(), "{lang}: {}", answer.summary);
        let cli = oppepala::cli::plan::render_answer(&answer, lang, None);
        for text in std::iter::once(&answer.summary)
            .chain(answer.paths.iter().map(|p| &p.explanation))
            .chain(std::iter::once(&cli))
        {
            assert!(!text.contains(zero), "{lang}: {text}");
        }
        let modules = &answer.paths[0].meets.modules;
        assert!(modules.of > 0, "{lang}: {modules:?}");
        let counted = match lang {
            "en" => format!("{} of the {} open module rule", modules.met, modules.of),
            "et" => format!("{}-st avatud moodulinõudest {}", modules.of, modules.met),
            _ => format!("{} из {} открыт", modules.met, modules.of),
        };
        assert!(
            answer.summary.contains(&counted),
            "{lang}: {}",
            answer.summary
        );
        // A required module out of reach is named by its title in the
        // asked language, as everywhere else, not by its catalogue id.
        let shelf = answer
            .uncoverable
            .iter()
            .find(|u| {
                matches!(&u.module, Some(OpenModule::AllOf { bite }) if bite.as_str() == "ret-shelf-1")
            })
            .expect("the shelf module runs only in Ida-Viru");
        let title = match lang {
            "en" => "Shelf stocking and product display: basics",
            "et" => "Kaubapaigutus ja väljapanek – algkursus",
            _ => "Выкладка и мерчандайзинг: начальный курс",
        };
        assert!(shelf.reason.contains(title), "{lang}: {}", shelf.reason);
        assert!(
            !shelf.reason.contains("ret-shelf-1"),
            "{lang}: {}",
            shelf.reason
        );
    }
}

/// Issue 16: the cashier of the example, online only, 300 EUR, no
/// funding. No course within that teaches a missing skill of IT support
/// (one does, but only with a course before it: 350 EUR), so no filler
/// path is offered, and the answer says what budget would reach it.
#[test]
fn the_cashier_online_within_300_eur_gets_no_filler_path() {
    use oppepala::domain::Mode;
    use oppepala::planner::{PathKind, PlanOutcome};
    let mut learner = example("cashier-to-it-support.json");
    learner.constraints.modes = vec![Mode::Online];
    learner.constraints.budget_eur = Some(300.0);
    learner.constraints.funding.clear();
    for lang in ["et", "ru", "en"] {
        let answer = plan(&learner, "mq-it-support", lang);
        assert_eq!(answer.outcome, PlanOutcome::NothingReachable, "{lang}");
        assert!(answer.paths.is_empty(), "{lang}: no filler path");
        let customers = answer
            .left
            .iter()
            .find(|l| {
                l.skill
                    .as_ref()
                    .is_some_and(|s| s.as_str().ends_with("0da516ee-e70e-4384-be13-f5ff80be8127"))
            })
            .expect("communicating with customers is left, with its budget");
        assert_eq!(customers.budget_needed_eur, Some(350.0));
        assert_eq!(customers.extra_cost_eur, Some(50.0));
        assert!(
            customers.reason.contains("350"),
            "{lang}: {}",
            customers.reason
        );
        assert!(!answer.summary.is_empty());
        for path in &answer.paths {
            assert!(!path.kinds.contains(&PathKind::FewestHours));
        }
    }
    let et = plan(&learner, "mq-it-support", "et");
    assert!(et.summary.contains("kursusi ei pakuta"), "{}", et.summary);
}

/// Issue 16 item 3: over the budget, the most within it. The cashier with
/// 300 EUR (training credit): no complete path (460 EUR at the cheapest
/// within 8 hours a week), the best within meets 3 of 4 missing skills,
/// and the fourth says it needs 460 EUR.
#[test]
fn over_the_budget_the_most_within_it_is_planned() {
    use oppepala::planner::{PathKind, PlanOutcome};
    let mut learner = example("cashier-to-it-support.json");
    learner.constraints.budget_eur = Some(300.0);
    let answer = plan(&learner, "mq-it-support", "en");
    assert_eq!(answer.outcome, PlanOutcome::Partial);
    assert_eq!(answer.paths.len(), 1);
    let path = &answer.paths[0];
    assert_eq!(path.kinds, [PathKind::Partial]);
    assert!(path.total_cost_eur <= 300.0);
    assert_eq!((path.meets.skills.met, path.meets.skills.of), (3, 4));
    assert!(path.optimal, "the most items, proven");
    assert_eq!(answer.left.len(), 1);
    // Within 8 hours a week, the cheapest complete path costs 460 EUR.
    assert_eq!(answer.left[0].budget_needed_eur, Some(460.0));
    assert_eq!(answer.left[0].extra_cost_eur, Some(160.0));
    assert!(
        answer
            .summary
            .contains("A complete path costs 460 EUR, 160 EUR over your budget."),
        "{}",
        answer.summary
    );
    // With that budget, it plans complete.
    learner.constraints.budget_eur = Some(460.0);
    let answer = plan(&learner, "mq-it-support", "en");
    assert_eq!(answer.outcome, PlanOutcome::Complete);
    assert!(answer.paths[0].total_cost_eur <= 460.0);
    assert_weeks_within(&answer, &learner);
}

/// The most hours any week of a path carries (weeks of 7 days from the
/// start day; a step of `h` hours over `w` weeks loads `h / w` in each).
fn assert_weeks_within(answer: &PlanAnswer, learner: &Learner) {
    let start = learner
        .constraints
        .start_after
        .map_or(options("en").today, |d| d.max(options("en").today));
    let limit = learner.constraints.max_hours_per_week.unwrap_or(10.0);
    for path in &answer.paths {
        let mut load: Vec<f64> = Vec::new();
        for step in &path.steps {
            let first = (step.start - start).num_days().div_euclid(7) as usize;
            let weeks = ((step.end - step.start).num_days() as f64 / 7.0)
                .ceil()
                .max(1.0) as usize;
            if load.len() < first + weeks {
                load.resize(first + weeks, 0.0);
            }
            for w in &mut load[first..first + weeks] {
                *w += step.hours / weeks as f64;
            }
            assert!(step.calendar_note.is_none(), "{}: {step:?}", path.label);
        }
        assert!(
            load.iter().all(|&h| h <= limit + 1e-6),
            "{}: a week over {limit} hours: {load:?}",
            path.label
        );
    }
}

/// Issue 16 item 4 on the default data, without a finish date: no path
/// runs a week over the hours per week (10 by default). Customer service
/// still has a proven path within them; IT support's fixed runs do not fit
/// 10 hours a week, so the plan is partial, and what it leaves says that
/// 15 hours a week would fit, which planning again confirms.
#[test]
fn hours_per_week_bind_on_the_default_data() {
    use oppepala::planner::{CauseCode, PlanOutcome};
    let learner = Learner::default();
    let answer = plan(&learner, "mq-retail-service", "en");
    assert_eq!(answer.outcome, PlanOutcome::Complete);
    assert!(answer.paths[0].optimal);
    assert_weeks_within(&answer, &learner);

    let answer = plan(&learner, "mq-it-support", "en");
    assert_eq!(answer.outcome, PlanOutcome::Partial, "{}", answer.summary);
    assert_weeks_within(&answer, &learner);
    assert!(!answer.left.is_empty());
    assert!(
        answer.summary.contains(
            "No schedule keeps to your hours per week: a complete path fits with 15 hours per week."
        ),
        "{}",
        answer.summary
    );
    for left in &answer.left {
        assert_eq!(left.hours_per_week_needed, Some(15.0), "{left:?}");
        assert_eq!(left.cause, Some(CauseCode::Pace), "{left:?}");
        assert!(left.reason.contains("15 hours per week"), "{}", left.reason);
    }
    let mut more = learner.clone();
    more.constraints.max_hours_per_week = Some(15.0);
    let answer = plan(&more, "mq-it-support", "en");
    assert_eq!(answer.outcome, PlanOutcome::Complete);
    assert_weeks_within(&answer, &more);
}

/// Every path of the default data says what it meets, and a complete path
/// meets every coverable skill.
#[test]
fn every_path_says_what_it_meets() {
    let (_, catalogue) = data();
    for qualification in catalogue.qualifications().iter().take(8) {
        let answer = plan(&Learner::default(), qualification.id.as_str(), "ru");
        for path in &answer.paths {
            assert_eq!(path.meets.skills.of as usize, answer.gap.len());
            assert_eq!(
                path.meets.skills.met, path.meets.skills.of,
                "{}",
                qualification.id
            );
            assert_eq!(path.meets.modules.of as usize, answer.open_modules.len());
            assert!(!path.label.is_empty() && !path.kinds.is_empty());
            assert!(
                path.label.chars().any(|c| ('а'..='я').contains(&c)),
                "{}",
                path.label
            );
        }
    }
}

/// Unlocks are found by planning again within a budget of search states,
/// not of time (issue 16): with a time budget of 1 ms they are the same as
/// with 5 s. The case is the issue's cashier (online only, 300 EUR, no
/// funding, computer literacy rated level 1), which has several.
#[test]
fn unlocks_do_not_depend_on_the_clock() {
    use oppepala::domain::Mode;
    let (taxonomy, catalogue) = data();
    let mut learner = example("cashier-to-it-support.json");
    for held in &mut learner.competences {
        if held
            .skill
            .as_str()
            .ends_with("d15ce60f-ddab-41ce-ba56-398451b77b60")
        {
            held.level = oppepala::domain::Level::new(1).unwrap();
        }
    }
    learner.constraints.modes = vec![Mode::Online];
    learner.constraints.budget_eur = Some(300.0);
    learner.constraints.funding.clear();
    let target = Target::Qualification(QualificationId::new("mq-it-support").unwrap());
    let goal = goal::resolve(&target, catalogue, taxonomy).unwrap();
    let cache = planner::PrepCache::default();
    let with_time = |time_budget: Duration| {
        let o = PlanOptions {
            time_budget,
            ..options("en")
        };
        let mut answer = plan(&learner, "mq-it-support", "en");
        planner::unlocks(
            &cache,
            &goal,
            catalogue.bites(),
            &learner,
            taxonomy,
            &o,
            &mut answer,
        );
        answer.uncoverable
    };
    let slow = with_time(Duration::from_secs(5));
    assert!(
        slow.iter().filter(|u| !u.unlocks.is_empty()).count() >= 2,
        "{slow:#?}"
    );
    assert_eq!(with_time(Duration::from_millis(1)), slow);
}
