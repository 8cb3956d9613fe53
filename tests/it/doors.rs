//! One use case, every door: the command line and the HTTP API call the
//! same `service` function on the same data (demand with the feeds'
//! snapshots included), so the same request gets the same bytes.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use oppepala::api::{AppState, app};
use oppepala::config::Config;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::api::served;
use super::support;

/// Long enough that every plan here is proven optimal, so neither door's
/// answer depends on how busy the machine is.
const BUDGET_MS: u64 = 8_000;
const TODAY: &str = "2026-12-01";
const EXAMPLES: [(&str, &str); 4] = [
    ("cashier-to-it-support.json", "qualification:mq-it-support"),
    ("ru-care-worker.json", "qualification:mq-care-elderly"),
    (
        "unemployed-warehouse-worker.json",
        "qualification:mq-log-forklift",
    ),
    ("ru-cnc-operator.json", "qualification:mq-man-cnc-operator"),
];

fn state() -> AppState {
    let config = Config {
        planner_budget_ms: BUDGET_MS,
        request_timeout_ms: 120_000,
        ..Config::default()
    };
    super::support::TestApp::state(config)
}

async fn post(state: &AppState, uri: &str, body: &Value) -> Vec<u8> {
    let request = Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(
        status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&bytes)
    );
    bytes.to_vec()
}

/// The binary's stdout for `args` on the default data, planning within
/// [`BUDGET_MS`]; fails the test when it fails.
fn cli(args: &[&str]) -> Vec<u8> {
    let root = support::root();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_oppepala"))
        .args(args)
        .arg("--data-dir")
        .arg(root.join("data"))
        .arg("--models-dir")
        .arg(root.join("models"))
        .current_dir(&root)
        .env("OPPEPALA_PLANNER_BUDGET_MS", BUDGET_MS.to_string())
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn example(name: &str) -> (String, Value) {
    let path = support::root().join("data/examples").join(name);
    let learner = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    (path.display().to_string(), learner)
}

/// `qualification:ID` / `occupation:URI` as the API's target object.
fn target_json(target: &str) -> Value {
    let (kind, id) = target.split_once(':').unwrap();
    json!({ kind: id })
}

/// Without its final newline.
fn line(mut bytes: Vec<u8>) -> Vec<u8> {
    assert_eq!(bytes.pop(), Some(b'\n'));
    bytes
}

/// Every example learner to its own target, and to an occupation in
/// demand in its county, in each language: `oppepala plan --json` and
/// `POST /v1/paths` give the same bytes, demand included; the same for
/// `oppepala gap --json` and `POST /v1/gap`.
#[tokio::test]
async fn plan_and_gap_are_the_same_bytes_through_the_cli_and_the_api() {
    let state = state();
    let data = served();
    let langs = ["en", "et", "ru"];
    let mut checked = 0;
    for (i, (file, own_target)) in EXAMPLES.iter().enumerate() {
        let (path, learner) = example(file);
        let region: oppepala::domain::Region =
            serde_json::from_value(learner["region"].clone()).unwrap();
        let (occupation, _) = data
            .demand
            .top_occupations(
                Some(&region),
                1,
                oppepala::demand::YearMonth::new(2025, 1),
                oppepala::text::Lang::En,
            )
            .into_iter()
            .next()
            .expect("an occupation in demand");
        let occupation = format!("occupation:{occupation}");
        // Each learner in one language to both targets, the languages in turn.
        let lang = langs[i % langs.len()];
        for target in [own_target.to_string(), occupation] {
            let body = json!({"learner": learner, "target": target_json(&target),
                              "lang": lang, "today": TODAY, "k": 3, "objective": "hours"});
            let api = post(&state, "/v1/paths", &body).await;
            let answer: Value = serde_json::from_slice(&api).unwrap();
            assert!(
                answer["gap"].as_array().is_some_and(|g| !g.is_empty()),
                "{file} → {target}: a gap to plan for"
            );
            let from_cli = line(cli(&[
                "plan",
                "--json",
                "--learner",
                &path,
                "--target",
                &target,
                "--lang",
                lang,
                "--today",
                TODAY,
                "--k",
                "3",
            ]));
            assert!(
                api == from_cli,
                "{file} → {target} ({lang}): plan differs\nAPI: {}\nCLI: {}",
                String::from_utf8_lossy(&api),
                String::from_utf8_lossy(&from_cli)
            );
            let body = json!({"learner": learner, "target": target_json(&target), "lang": lang,
                              "today": TODAY});
            let api = post(&state, "/v1/gap", &body).await;
            let from_cli = line(cli(&[
                "gap",
                "--json",
                "--learner",
                &path,
                "--target",
                &target,
                "--lang",
                lang,
                "--today",
                TODAY,
            ]));
            assert!(
                api == from_cli,
                "{file} → {target} ({lang}): gap differs\nAPI: {}\nCLI: {}",
                String::from_utf8_lossy(&api),
                String::from_utf8_lossy(&from_cli)
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 8);
}

/// One learner's recommendations are the same bytes through
/// `POST /v1/recommendations`, a one-line `POST /v1/cohorts/recommendations`
/// and a one-line `oppepala recommend --cohort`.
#[tokio::test]
async fn recommendations_are_the_same_bytes_alone_and_as_a_cohort() {
    let state = state();
    let dir = tempfile::tempdir().unwrap();
    for (file, _) in EXAMPLES {
        let (_, learner) = example(file);
        let body = json!({"learner": learner, "k": 3, "lang": "ru", "today": TODAY});
        let alone = post(&state, "/v1/recommendations", &body).await;
        let expected = format!(
            r#"{{"id":"{file}","recommendations":{}}}"#,
            String::from_utf8_lossy(&alone)
        );
        let cohort_line = json!({"id": file, "learner": learner}).to_string();
        let cohort_file = dir.path().join("cohort.jsonl");
        std::fs::write(&cohort_file, format!("{cohort_line}\n")).unwrap();
        let from_cli = line(cli(&[
            "recommend",
            "--cohort",
            cohort_file.to_str().unwrap(),
            "--k",
            "3",
            "--lang",
            "ru",
            "--today",
            TODAY,
        ]));
        assert!(
            expected.as_bytes() == from_cli,
            "{file}: CLI cohort differs\nalone:  {expected}\ncohort: {}",
            String::from_utf8_lossy(&from_cli)
        );
        // The HTTP cohort plans on the server's today; the same day is
        // asked for alone (a cohort query has no `today`).
        let today = chrono::Local::now().date_naive().to_string();
        let body = json!({"learner": learner, "k": 3, "lang": "ru", "today": today});
        let alone = post(&state, "/v1/recommendations", &body).await;
        let request = Request::post("/v1/cohorts/recommendations?k=3&lang=ru")
            .header("content-type", "application/x-ndjson")
            .body(Body::from(format!("{cohort_line}\n")))
            .unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let http = response.into_body().collect().await.unwrap().to_bytes();
        let expected = format!(
            r#"{{"id":"{file}","recommendations":{}}}"#,
            String::from_utf8_lossy(&alone)
        );
        assert!(
            expected.as_bytes() == line(http.to_vec()),
            "{file}: HTTP cohort differs"
        );
    }
}
