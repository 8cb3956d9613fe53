//! `POST /v1/feedback` against abuse (issue 20, item 2): who may write
//! (an API key, or stored marked `unauthenticated`, or refused), quotas of
//! events per key or address, batch limits, retention of the log, and
//! training that does not learn outcomes sent without a key. Through the
//! real router.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use oppepala::api::{AppState, app, auth::hash_key};
use oppepala::config::Config;
use oppepala::ml::{feedback, training};
use serde_json::{Value, json};
use tower::ServiceExt;

use super::support::TestApp;

/// Posts `body` from `peer` (none: no address known) with `key`.
async fn post(
    state: &AppState,
    key: Option<&str>,
    peer: Option<&str>,
    body: &Value,
) -> (StatusCode, Option<String>, Value) {
    let mut request = Request::post("/v1/feedback").header("content-type", "application/json");
    if let Some(key) = key {
        request = request.header("authorization", format!("Bearer {key}"));
    }
    let mut request = request
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap();
    if let Some(peer) = peer {
        let addr: SocketAddr = peer.parse().unwrap();
        request.extensions_mut().insert(ConnectInfo(addr));
    }
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let status = response.status();
    let retry = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, retry, value)
}

fn event(learner: &str, kind: &str, second: u32) -> Value {
    let mut event = json!({"learner": learner, "target": "mq-retail-cashier", "event": kind,
        "time": format!("2027-01-10T09:00:{:02}Z", second % 60)});
    if kind == "shown" {
        event["features"] = oppepala::ml::ranker::FEATURES
            .iter()
            .map(|name| (name.to_string(), json!(0.5)))
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    event
}

fn batch(n: usize, prefix: &str) -> Value {
    json!({"events": (0..n).map(|i| event(&format!("{prefix}-{i:04}"), "shown", i as u32)).collect::<Vec<_>>()})
}

fn config(dir: &std::path::Path) -> Config {
    Config {
        feedback_dir: dir.to_path_buf(),
        feedback_key_sha256: vec![hash_key("portal-feedback-key")],
        api_key_sha256: vec![hash_key("writer-key")],
        rate_limit_write_per_minute: 0,
        ..Config::default()
    }
}

#[tokio::test]
async fn feedback_without_a_key_is_marked_and_its_outcomes_are_not_learned() {
    let dir = tempfile::tempdir().unwrap();
    let state = TestApp::state(config(dir.path()));
    // Without a key: stored, marked.
    let (status, _, body) = post(
        &state,
        None,
        Some("192.0.2.1:4000"),
        &json!({"events": [event("tk-anon-01", "shown", 0), event("tk-anon-01", "employed", 5)]}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["accepted"], 2);
    assert_eq!(body["unauthenticated"], true);
    // With the portal's feedback key, and with a write key: as sent.
    for key in ["portal-feedback-key", "writer-key"] {
        let (status, _, body) = post(
            &state,
            Some(key),
            None,
            &json!({"events": [event(&format!("tk-{key}"), "shown", 0), event(&format!("tk-{key}"), "employed", 5)]}),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["unauthenticated"], false);
    }
    // A key that is not allowed is refused, not taken as no key.
    let (status, _, body) = post(&state, Some("made-up"), None, &batch(1, "tk-forbidden")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "forbidden");

    let read = feedback::read_dir(dir.path()).unwrap();
    assert_eq!(read.events.len(), 6);
    let marked: Vec<(&str, bool)> = read
        .events
        .iter()
        .map(|e| (e.event.learner.as_str(), e.unauthenticated))
        .collect();
    assert!(marked.contains(&("tk-anon-01", true)), "{marked:?}");
    assert!(marked.contains(&("tk-portal-feedback-key", false)));
    assert!(!marked.iter().any(|(l, _)| l.starts_with("tk-forbidden")));
    // Training labels only the keyed learners' shown items good.
    let rows = training::rows(&read.events);
    let good: Vec<(&str, bool)> = rows.iter().map(|r| (r.learner.as_str(), r.good)).collect();
    assert_eq!(good.len(), 3);
    assert!(good.contains(&("tk-anon-01", false)), "{good:?}");
    assert!(good.contains(&("tk-portal-feedback-key", true)), "{good:?}");
    assert!(good.contains(&("tk-writer-key", true)), "{good:?}");
    let counts = training::EventCounts::of(&read.events);
    assert_eq!(counts.ignored_unauthenticated_outcomes, 1);
    assert_eq!(counts.unauthenticated_used, 1);
}

#[tokio::test]
async fn a_service_that_requires_a_key_refuses_feedback_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let state = TestApp::state(Config {
        feedback_require_key: true,
        ..config(dir.path())
    });
    let (status, _, body) = post(&state, None, Some("192.0.2.1:4000"), &batch(2, "tk-a")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert_eq!(body["code"], "unauthorized");
    assert!(body["request_id"].is_string(), "{body}");
    let (status, _, body) =
        post(&state, Some("portal-feedback-key"), None, &batch(2, "tk-b")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(feedback::read_dir(dir.path()).unwrap().events.len(), 2);
}

#[tokio::test]
async fn quotas_count_events_per_address_and_per_key_and_name_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let state = TestApp::state(Config {
        feedback_unauthenticated_events_per_hour: 50,
        feedback_unauthenticated_events_per_day: 70,
        feedback_key_events_per_hour: 120,
        ..config(dir.path())
    });
    let one = Some("198.51.100.7:1000");
    let (status, _, body) = post(&state, None, one, &batch(40, "tk-one")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // 40 + 20 is over 50 an hour: refused whole, naming the setting.
    let (status, retry, body) = post(&state, None, one, &batch(20, "tk-one-more")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["code"], "rate_limited");
    let detail = body["detail"].as_str().unwrap();
    assert!(
        detail.contains("feedback_unauthenticated_events_per_hour") && detail.contains("50"),
        "{detail}"
    );
    let retry: u64 = retry.expect("Retry-After").parse().unwrap();
    assert!((1..=3_600).contains(&retry), "{retry}");
    // Ten more fit in the hour; the day's 70 then stops the next ten.
    let (status, _, _) = post(&state, None, one, &batch(10, "tk-one-fits")).await;
    assert_eq!(status, StatusCode::OK);
    // Another address has its own quota.
    let (status, _, body) = post(
        &state,
        None,
        Some("198.51.100.8:1000"),
        &batch(50, "tk-two"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A key its own, larger one, whatever address it comes from.
    let (status, _, body) = post(
        &state,
        Some("portal-feedback-key"),
        one,
        &batch(100, "tk-key"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, body) = post(
        &state,
        Some("portal-feedback-key"),
        one,
        &batch(21, "tk-key-more"),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("feedback_key_events_per_hour"),
        "{body}"
    );
    // Refused batches stored nothing.
    let stored = feedback::read_dir(dir.path()).unwrap().events.len();
    assert_eq!(stored, 40 + 10 + 50 + 100);
}

#[tokio::test]
async fn batches_over_the_event_or_byte_limit_are_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = TestApp::state(Config {
        feedback_max_batch_events: 20,
        feedback_max_batch_bytes: 4 << 10,
        ..config(dir.path())
    });
    // 21 events without features: within the bytes, over the count.
    let plain = json!({"events": (0..21).map(|i| event(&format!("tk-many-{i:02}"), "chosen", i)).collect::<Vec<_>>()});
    let (status, _, body) = post(&state, Some("portal-feedback-key"), None, &plain).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["errors"][0]["field"], "events");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("feedback_max_batch_events"),
        "{body}"
    );
    // 20 events with features are about 7 KB: over 4 KiB, though within
    // the count and the global body limit.
    let big = batch(20, "tk-big");
    assert!(serde_json::to_vec(&big).unwrap().len() > 4 << 10);
    let (status, _, body) = post(&state, Some("portal-feedback-key"), None, &big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("feedback_max_batch_bytes"),
        "{body}"
    );
    let (status, _, body) = post(
        &state,
        Some("portal-feedback-key"),
        None,
        &batch(5, "tk-ok"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(feedback::read_dir(dir.path()).unwrap().events.len(), 5);
}

/// The bytes of every log file in `dir`.
fn log_sizes(dir: &std::path::Path) -> Vec<(u32, u64)> {
    feedback::log_files(dir)
        .unwrap()
        .into_iter()
        .map(|(n, path)| (n, std::fs::metadata(path).unwrap().len()))
        .collect()
}

#[tokio::test]
async fn the_log_keeps_to_its_size_deleting_the_oldest_files_whole() {
    let logs = super::support::captured_logs();
    let dir = tempfile::tempdir().unwrap();
    let state = TestApp::state(Config {
        feedback_rotate_bytes: 4_000,
        feedback_max_bytes: 12_000,
        ..config(dir.path())
    });
    // 30 batches of 5 events (about 2.3 KB each): 70 KB sent in all.
    for round in 0..30 {
        let (status, _, body) = post(
            &state,
            Some("portal-feedback-key"),
            None,
            &batch(5, &format!("tk-r{round:02}")),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let sizes = log_sizes(dir.path());
    let total: u64 = sizes.iter().map(|(_, len)| len).sum();
    let current = sizes.last().unwrap().1;
    // Within the limit, but for the batch that went into the current file
    // after the rotation's pass.
    assert!(total <= 12_000 + current, "{sizes:?}");
    assert!(
        sizes.first().unwrap().0 > 1,
        "the oldest files went: {sizes:?}"
    );
    // What is left reads whole and is the newest events, every one of them
    // from the first file kept on.
    let read = feedback::read_dir(dir.path()).unwrap();
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    let learners: Vec<&str> = read
        .events
        .iter()
        .map(|e| e.event.learner.as_str())
        .collect();
    assert_eq!(learners.last(), Some(&"tk-r29-0004"));
    let first_round: usize = learners[0][4..6].parse().unwrap();
    assert_eq!(
        learners.len(),
        (30 - first_round) * 5 - learners[0][7..].parse::<usize>().unwrap()
    );
    assert!(
        logs.text()
            .contains("feedback retention: oldest log files deleted"),
        "the deletion is logged"
    );
}

#[test]
fn retention_at_start_deletes_files_past_the_age_limit() {
    let dir = tempfile::tempdir().unwrap();
    let line = event("tk-old-0001", "shown", 0).to_string() + "\n";
    let now = std::time::SystemTime::now();
    for (n, days) in [(1, 400u64), (2, 200), (3, 10)] {
        let path = dir.path().join(format!("events-{n:06}.jsonl"));
        std::fs::write(&path, &line).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(now - std::time::Duration::from_secs(days * 86_400))
            .unwrap();
    }
    oppepala::api::feedback_retention_at_start(&Config {
        feedback_max_age_days: 365,
        ..config(dir.path())
    });
    let left: Vec<u32> = log_sizes(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(left, [2, 3]);
    // Age 0 keeps everything.
    oppepala::api::feedback_retention_at_start(&Config {
        feedback_max_age_days: 0,
        feedback_max_bytes: 0,
        ..config(dir.path())
    });
    assert_eq!(log_sizes(dir.path()).len(), 2);
}

/// `oppepala train` on the simulated log with made-up outcomes added
/// without a key: the ranker trains, and the report counts the outcomes
/// it ignored.
#[test]
fn train_reports_the_unauthenticated_outcomes_it_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("feedback");
    std::fs::create_dir_all(&log).unwrap();
    let simulated = super::support::root().join("data/feedback-simulated/events-000001.jsonl");
    let mut text = std::fs::read_to_string(simulated).unwrap();
    let shown: Vec<oppepala::ml::feedback::LoggedEvent> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<oppepala::ml::feedback::LoggedEvent>(l).ok())
        .filter(|e| e.event.event == oppepala::domain::FeedbackKind::Shown)
        .take(7)
        .collect();
    assert_eq!(shown.len(), 7);
    for mut event in shown {
        event.event.event = oppepala::domain::FeedbackKind::Employed;
        event.features.clear();
        event.unauthenticated = true;
        text.push_str(&serde_json::to_string(&event).unwrap());
        text.push('\n');
    }
    std::fs::write(log.join("events-000001.jsonl"), text).unwrap();
    let data = super::support::root().join("data");
    let models = dir.path().join("models");
    let (ok, stdout, stderr) = super::support::oppepala(
        &[
            "train",
            "--json",
            "--data-dir",
            data.to_str().unwrap(),
            "--models-dir",
            models.to_str().unwrap(),
            "--feedback-dir",
            log.to_str().unwrap(),
            "--dim",
            "8",
        ],
        dir.path(),
    );
    assert!(ok, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["ranker"]["ignored_unauthenticated_outcomes"], 7.0,
        "{report}"
    );
    assert_eq!(report["ranker"]["unauthenticated_used"], 0.0, "{report}");
}
