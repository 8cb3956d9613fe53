//! The planner's preparation cache (`planner::PrepCache`) on the default
//! data: cached preparations plan exactly as fresh ones, and a new
//! catalogue generation plans from new preparations, never from old ones.

use std::time::Duration;

use axum::http::StatusCode;
use chrono::NaiveDate;
use oppepala::api::AppState;
use oppepala::config::Config;
use oppepala::domain::{Learner, QualificationId, Target, from_json_str};
use oppepala::planner::{self, PlanOptions, PrepCache};
use serde_json::json;

use super::support::{self, call_json as call};

const KEY: &str = "test-key";

fn options(lang: &str) -> PlanOptions {
    PlanOptions {
        // Generous (alternatives get a tenth), so that no search is cut
        // short even in a debug build on a busy machine: a search stopped
        // by the clock could differ between two runs.
        time_budget: Duration::from_secs(60),
        lang: lang.into(),
        ..PlanOptions::new(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    }
}

fn example(name: &str) -> Learner {
    let path = support::root().join("data/examples").join(name);
    from_json_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn cached_preparations_plan_as_fresh_ones_on_the_default_data() {
    let (taxonomy, catalogue) =
        oppepala::service::load_data(&support::root().join("data")).unwrap();
    let cache = PrepCache::default();
    // Nobody with 20 hours a week: at the default 10, some goals' runs do
    // not fit the week and the search runs to its time limit (no proof to
    // compare; see planning::hours_per_week_bind_on_the_default_data).
    let mut nobody = Learner::default();
    nobody.constraints.max_hours_per_week = Some(20.0);
    let learners = [
        ("nobody", nobody),
        ("ru-care-worker", example("ru-care-worker.json")),
        (
            "unemployed-warehouse-worker",
            example("unemployed-warehouse-worker.json"),
        ),
    ];
    // A debug build plans some goals slowly: by default four goals of
    // different shapes (competences only, module rules, a minimum of ECTS),
    // with SLOW_TESTS=1 every qualification.
    let every = std::env::var_os("SLOW_TESTS").is_some();
    let chosen: Vec<_> = catalogue
        .qualifications()
        .iter()
        .filter(|q| {
            every
                || [
                    "mq-care-elderly",
                    "mq-retail-cashier",
                    "mq-it-support",
                    "mq-log-warehouse",
                ]
                .contains(&q.id.as_str())
        })
        .collect();
    assert!(chosen.len() >= 2, "the chosen qualifications exist");
    // Twice over every goal, so the second round reuses every preparation
    // with every learner.
    for round in 0..2 {
        for qualification in &chosen {
            let target =
                Target::Qualification(QualificationId::new(qualification.id.as_str()).unwrap());
            let goal = oppepala::goal::resolve(&target, &catalogue, &taxonomy).unwrap();
            for (name, learner) in &learners {
                let o = options("et");
                let cached =
                    planner::plan_cached(&cache, &goal, catalogue.bites(), learner, &taxonomy, &o);
                let fresh = planner::plan(&goal, catalogue.bites(), learner, &taxonomy, &o);
                assert_eq!(
                    cached, fresh,
                    "{} for {name} (round {round})",
                    qualification.id
                );
            }
        }
    }
    assert_eq!(cache.len(), chosen.len() as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_generation_plans_from_new_preparations() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = support::copy_default_data(dir.path());
    let config = Config {
        api_key_sha256: vec![oppepala::api::auth::hash_key(KEY)],
        data_dir,
        index_dir: dir.path().join("index"),
        request_timeout_ms: 120_000,
        planner_budget_ms: 5_000,
        ..Config::default()
    };
    let state = AppState::new(config.clone(), oppepala::service::load(&config).unwrap());
    let request = json!({
        "learner": serde_json::to_value(example("ru-care-worker.json")).unwrap(),
        "target": {"qualification": "mq-care-elderly"},
        "today": "2026-12-01"
    });
    let (status, before) = call(
        &state,
        support::request("POST", "/v1/paths", None, Some(&request)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{before}");
    let old = state.served.load_full();
    assert_eq!(old.plans().len(), 1, "the goal's preparation is kept");

    // Make the best path's longest step much longer in a new generation.
    let steps = before["paths"][0]["steps"].as_array().unwrap();
    let longest = steps
        .iter()
        .max_by(|a, b| {
            a["hours"]
                .as_f64()
                .unwrap()
                .total_cmp(&b["hours"].as_f64().unwrap())
        })
        .unwrap()["bite"]
        .as_str()
        .unwrap()
        .to_string();
    let mut bite = serde_json::to_value(old.catalogue.bite(&longest).unwrap()).unwrap();
    bite["hours"] = json!(400);
    let (status, written) = call(
        &state,
        support::request(
            "PUT",
            &format!("/v1/bites/{longest}"),
            Some(KEY),
            Some(&bite),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{written}");
    let generation = written["generation"].as_u64().unwrap();
    support::wait_for_generation(&state, generation, Duration::from_secs(120)).await;
    let new = state.served.load_full();
    assert!(
        new.plans().is_empty(),
        "a new generation starts with no preparation"
    );
    assert_eq!(old.plans().len(), 1);

    let (status, after) = call(
        &state,
        support::request("POST", "/v1/paths", None, Some(&request)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_ne!(after, before, "the answer follows the new data");
    assert_eq!(new.plans().len(), 1);
    // Exactly what a fresh preparation over the new catalogue gives.
    let learner = example("ru-care-worker.json");
    let target = Target::Qualification(QualificationId::new("mq-care-elderly").unwrap());
    let goal = oppepala::goal::resolve(&target, &new.catalogue, &new.taxonomy).unwrap();
    let o = PlanOptions {
        time_budget: Duration::from_millis(config.planner_budget_ms),
        ..options("en")
    };
    let mut fresh = planner::plan(
        &goal,
        new.catalogue.bites(),
        &learner,
        new.taxonomy.as_ref(),
        &o,
    )
    .unwrap();
    new.demand.annotate_answer(
        &mut fresh,
        learner.region.as_ref(),
        oppepala::demand::YearMonth::of(o.today),
        oppepala::text::Lang::En,
    );
    // Unlocks are the service's addition, found by planning again with a
    // budget of search states (not of time), so the same on a busy machine.
    planner::unlocks(
        &PrepCache::default(),
        &goal,
        new.catalogue.bites(),
        &learner,
        new.taxonomy.as_ref(),
        &o,
        &mut fresh,
    );
    assert_eq!(after, serde_json::to_value(&fresh).unwrap());
}
