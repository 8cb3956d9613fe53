//! What a write does to cached answers and to the metrics: a cached
//! `POST /v1/paths` answer is replaced once a `PUT /v1/bites/{id}` is
//! served, and every write operation is counted with its outcome and
//! latency. Each test works on its own copy of `data/`.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use oppepala::api::{AppState, app};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::support::{self, TestApp, request};

const KEY: &str = "write-effects-key";

fn scratch() -> TestApp {
    TestApp::writable(KEY)
}

async fn call(state: &AppState, request: Request<Body>) -> (StatusCode, String) {
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

async fn wait_for_generation(state: &AppState, generation: u64) {
    support::wait_for_generation(state, generation, Duration::from_secs(120)).await;
}

/// The value of one sample line of `/metrics`, e.g.
/// `oppepala_cache_lookups_total{cache="paths",result="hit"}`.
fn sample(metrics: &str, name_and_labels: &str) -> Option<f64> {
    metrics.lines().find_map(|line| {
        line.strip_prefix(name_and_labels)
            .and_then(|rest| rest.trim().parse().ok())
    })
}

fn paths_body() -> Value {
    let learner: Value = serde_json::from_str(
        &std::fs::read_to_string(support::root().join("data/examples/ru-care-worker.json"))
            .unwrap(),
    )
    .unwrap();
    json!({"learner": learner, "target": {"qualification": "mq-care-elderly"},
           "today": "2026-12-01", "lang": "en"})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_paths_answer_changes_after_a_bite_is_written() {
    let scratch = scratch();
    let state = &scratch.state;
    let body = paths_body();

    let (status, first) = call(state, request("POST", "/v1/paths", None, Some(&body))).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let (status, again) = call(state, request("POST", "/v1/paths", None, Some(&body))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first, again, "the second answer comes from the cache");
    let metrics = state.metrics.render();
    assert_eq!(
        sample(
            &metrics,
            r#"oppepala_cache_lookups_total{cache="paths",result="hit"}"#
        ),
        Some(1.0),
        "{metrics}"
    );

    // Retitle the first step's bite: the same plan, a different answer.
    let answer: Value = serde_json::from_str(&first).unwrap();
    let id = answer["paths"][0]["steps"][0]["bite"]
        .as_str()
        .expect("the plan has a step")
        .to_string();
    let (status, bite) = call(
        state,
        request("GET", &format!("/v1/bites/{id}"), None, None),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let mut bite: Value = serde_json::from_str(&bite).unwrap();
    let new_title = "Caring for older people at home (revised edition)";
    assert!(!first.contains(new_title));
    bite["title"]["en"] = json!(new_title);
    let (status, written) = call(
        state,
        request("PUT", &format!("/v1/bites/{id}"), Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{written}");
    let written: Value = serde_json::from_str(&written).unwrap();
    wait_for_generation(state, written["generation"].as_u64().unwrap()).await;

    let (status, after) = call(state, request("POST", "/v1/paths", None, Some(&body))).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(after, first, "a new generation never serves the old answer");
    let after: Value = serde_json::from_str(&after).unwrap();
    let step = after["paths"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["steps"].as_array().unwrap())
        .find(|s| s["bite"] == id.as_str())
        .expect("the retitled bite is still planned");
    assert_eq!(step["title"], new_title);
    let metrics = state.metrics.render();
    assert_eq!(
        sample(
            &metrics,
            r#"oppepala_cache_lookups_total{cache="paths",result="miss"}"#
        ),
        Some(2.0),
        "{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn write_operations_are_counted_by_outcome() {
    let scratch = scratch();
    let state = &scratch.state;

    // Refused: a bite whose id differs from the path's, and an unknown bite.
    let (status, bite) = call(state, request("GET", "/v1/bites/ret-cash-1", None, None)).await;
    assert_eq!(status, StatusCode::OK);
    let bite: Value = serde_json::from_str(&bite).unwrap();
    let (status, _) = call(
        state,
        request("PUT", "/v1/bites/some-other-id", Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = call(
        state,
        request("DELETE", "/v1/bites/no-such-bite", Some(KEY), None),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Accepted: a reindex, whose background build is counted when it ends.
    let (status, started) =
        call(state, request("POST", "/v1/admin/reindex", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    let started: Value = serde_json::from_str(&started).unwrap();
    wait_for_generation(state, started["generation"].as_u64().unwrap()).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    let metrics = loop {
        let metrics = state.metrics.render();
        if sample(
            &metrics,
            r#"oppepala_write_operations_total{operation="index_build",outcome="ok"}"#,
        )
        .is_some()
            || Instant::now() > deadline
        {
            break metrics;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };

    for (labels, count) in [
        (r#"operation="put_bite",outcome="invalid_request""#, 1.0),
        (r#"operation="delete_bite",outcome="not_found""#, 1.0),
        (r#"operation="reindex",outcome="ok""#, 1.0),
        (r#"operation="index_build",outcome="ok""#, 1.0),
    ] {
        assert_eq!(
            sample(
                &metrics,
                &format!("oppepala_write_operations_total{{{labels}}}")
            ),
            Some(count),
            "{labels}: {metrics}"
        );
        assert_eq!(
            sample(
                &metrics,
                &format!("oppepala_write_operation_duration_seconds_count{{{labels}}}")
            ),
            Some(count),
            "{labels}: {metrics}"
        );
    }
}
