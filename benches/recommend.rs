//! `recommend::recommend` on the default data with the shipped models and
//! the default (illustrative) demand:
//! one low-qualified learner, and one with some retail skills.

use criterion::{Criterion, criterion_group, criterion_main};
use oppepala::config::Config;

use oppepala::recommend::{Options, recommend};

fn bench(c: &mut Criterion) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Loaded and prepared once, as the service does per served data set.
    let data = oppepala::service::load_without_index(&Config {
        data_dir: root.join("data"),
        models_dir: root.join("models"),
        ..Config::default()
    })
    .unwrap();
    let prepared = data.recommendations();
    let models = data.models.clone();
    let budget = Config::default().planner_budget_ms / 8;
    let options = Options {
        k: 5,
        lang: "et".into(),
        today: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        plan_budget: std::time::Duration::from_millis(budget),
    };
    let learners: Vec<(&str, oppepala::domain::Learner)> = vec![
        (
            "low_qualified",
            serde_json::from_str(
                r#"{"languages": ["et"], "region": "EE-37", "education": 2, "constraints": {"funding": ["unemployed"]}}"#,
            )
            .unwrap(),
        ),
        (
            "retail_skills",
            serde_json::from_str(
                r#"{"languages": ["et", "ru"], "region": "EE-44", "education": 3,
                    "competences": [{"skill": "http://data.europa.eu/esco/skill/7e9daad3-8604-4839-af9b-dc6f8db3ef68", "level": 2},
                                    {"skill": "http://data.europa.eu/esco/skill/5dd01a1e-7ba0-4b7f-a76c-ed811c12bfde", "level": 1}]}"#,
            )
            .unwrap(),
        ),
    ];
    let mut group = c.benchmark_group("recommend");
    for (name, learner) in &learners {
        group.bench_function(*name, |b| {
            b.iter(|| recommend(learner, &prepared, &models, &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
