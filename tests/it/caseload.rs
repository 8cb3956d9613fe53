//! Caseloads from the outside: the cohort answer as CSV and as a summary
//! (HTTP and command line), and seats shared across a caseload
//! (`POST /v1/cohorts/allocate`, `oppepala allocate`).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use oppepala::api::{AppState, app};
use oppepala::config::Config;
use oppepala::recommend::caseload;
use serde_json::{Value, json};
use tower::ServiceExt;

fn state() -> AppState {
    super::support::TestApp::state(Config::default())
}

fn learner() -> Value {
    json!({"languages": ["et"], "region": "EE-37", "education": 2,
           "constraints": {"funding": ["unemployed"]}})
}

/// Two good learners (one with an id a spreadsheet would run as a
/// formula), a bad line and a line that is not JSON.
fn cohort_text() -> String {
    [
        json!({"id": "=HYPERLINK(\"http://evil.example\")", "learner": learner()}).to_string(),
        json!({"id": 7, "learner": {"languages": ["ru"], "region": "EE-44"}}).to_string(),
        r#"{"id": "c", "learner": {"education": 12}}"#.to_string(),
        "not json".to_string(),
    ]
    .join("\n")
}

async fn post_cohort(
    uri: &str,
    accept: Option<&str>,
    body: String,
) -> (StatusCode, String, String) {
    let mut request = Request::post(uri).header("content-type", "application/x-ndjson");
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let response = app(state())
        .oneshot(request.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

fn parse_csv(text: &str, separator: u8) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn a_cohort_as_csv_opens_as_columns_with_formulas_neutralised() {
    let (status, content_type, text) = post_cohort(
        "/v1/cohorts/recommendations?format=csv&lang=et",
        None,
        cohort_text(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark first");
    let records = parse_csv(text, b';');
    let n_columns = caseload::column_keys().count();
    assert!(records.iter().all(|r| r.len() == n_columns));
    assert_eq!(&records[0][0], "rida");
    assert_eq!(&records[0][5], "siht");
    let rows = &records[1..];
    // Learner 1: three targets; learner 2: its targets (or one row saying
    // why none); two bad lines: one row each.
    let by_line = |n: &str| rows.iter().filter(|r| &r[0] == n).count();
    assert_eq!(by_line("1"), 3, "{text}");
    assert!(by_line("2") >= 1);
    assert_eq!(by_line("3"), 1);
    assert_eq!(by_line("4"), 1);
    let first = &rows[0];
    assert_eq!(&first[1], "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(&first[2], "1");
    assert!(["jah", "ei"].contains(&&first[7]));
    let bad = rows.iter().find(|r| &r[0] == "3").unwrap();
    assert_eq!(&bad[7], "ei");
    assert!(bad[8].starts_with("rida ei saanud lugeda"), "{:?}", bad);
    // A real path's row carries its bites with registration links,
    // funding and counties, as many as its steps.
    let real = rows.iter().find(|r| &r[7] == "jah").expect("a real path");
    let n_steps: usize = real[16].parse().unwrap();
    for column in 17..=25 {
        assert_eq!(
            real[column].split(caseload::LIST_SEPARATOR).count(),
            n_steps,
            "column {column}: {:?}",
            real
        );
    }
    assert!(real[21].contains("https://"), "{:?}", real);
    // No text cell starts a formula.
    for record in rows {
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[tokio::test]
async fn csv_is_negotiated_and_takes_a_comma_and_no_bom() {
    let body = json!({"id": "a", "learner": learner()}).to_string();
    let (status, content_type, text) = post_cohort(
        "/v1/cohorts/recommendations?separator=comma&bom=false",
        Some("text/csv"),
        body.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert!(text.starts_with("line,learner,rank,"), "{text}");
    let records = parse_csv(&text, b',');
    assert_eq!(records.len(), 4);
    for (query, field) in [
        ("format=xml", "format"),
        ("format=csv&separator=tab", "separator"),
        ("separator=comma", "separator"),
    ] {
        let (status, _, text) = post_cohort(
            &format!("/v1/cohorts/recommendations?{query}"),
            None,
            body.clone(),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {text}");
        let problem: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
}

#[tokio::test]
async fn a_caseload_summary_counts_learners_targets_counties_and_funders() {
    let (status, content_type, text) = post_cohort(
        "/v1/cohorts/recommendations?format=summary&lang=ru",
        None,
        cohort_text(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(content_type, "application/json");
    let summary: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(summary["learners"], 4);
    assert_eq!(summary["bad_lines"], 2);
    let with_path = summary["with_real_path"].as_u64().unwrap();
    assert!(with_path >= 1, "{summary}");
    let by_why: u64 = summary["without_real_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["learners"].as_u64().unwrap())
        .sum();
    assert_eq!(with_path + by_why, 4, "{summary}");
    let counties: Vec<&str> = summary["by_county"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(counties.contains(&"Харьюмаа"), "{counties:?}");
    assert!(!summary["by_funder"].as_array().unwrap().is_empty());
    assert!(
        summary["without_real_path"][0]["label"]
            .as_str()
            .unwrap()
            .contains("строку")
    );
}

/// `oppepala recommend --cohort --format csv` writes the bytes the HTTP
/// route sends, and prints the summary table when asked.
#[tokio::test]
async fn the_cli_writes_the_same_csv_and_a_summary_table() {
    let run = super::support::cohort_cli(
        &[
            "recommend",
            "--format",
            "csv",
            "--lang",
            "ru",
            "--summary",
            "text",
        ],
        &cohort_text(),
        true,
    );
    let stderr = run.stderr;
    assert!(stderr.contains("учащихся: 4"), "{stderr}");
    assert!(stderr.contains("Кто платит"), "{stderr}");
    let cli = run.out.unwrap();
    let (_, _, http) = post_cohort(
        "/v1/cohorts/recommendations?format=csv&lang=ru&k=3",
        None,
        cohort_text(),
    )
    .await;
    assert_eq!(cli, http);
}

/// Thirty job-seekers in Ida-Viru county, all after the forklift
/// micro-qualification (its first run there has 16 seats), and a bad line.
fn forklift_caseload() -> String {
    let learner: Value = serde_json::from_str(
        &std::fs::read_to_string(
            super::support::root().join("data/examples/unemployed-warehouse-worker.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut lines: Vec<String> = (0..30)
        .map(|i| {
            json!({"id": format!("n{i:02}"), "learner": learner,
                   "target": {"qualification": "mq-log-forklift"}})
            .to_string()
        })
        .collect();
    lines.insert(
        5,
        r#"{"id": "bad", "learner": {"languages": ["xx1"]}}"#.into(),
    );
    lines.join("\n")
}

async fn post_allocate(uri: &str, body: String) -> (StatusCode, Value) {
    let request = Request::post(uri)
        .header("content-type", "application/x-ndjson")
        .body(Body::from(body))
        .unwrap();
    let response = app(state()).oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn seats_are_shared_and_displaced_learners_get_a_reason_and_an_alternative() {
    let (status, answer) = post_allocate(
        "/v1/cohorts/allocate?lang=ru&today=2027-01-01",
        forklift_caseload(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let learners = answer["learners"].as_array().unwrap();
    assert_eq!(learners.len(), 31);
    assert_eq!(learners[5]["placement"], "bad_line");
    assert_eq!(learners[5]["id"], "bad");
    // No run is over its seats.
    let mut used: std::collections::BTreeMap<(String, String), (u64, u64)> = Default::default();
    for learner in learners {
        for step in learner["path"]["steps"].as_array().into_iter().flatten() {
            if let Some(seats) = step["seats"].as_u64() {
                let key = (
                    step["bite"].as_str().unwrap().to_string(),
                    step["start"].as_str().unwrap().to_string(),
                );
                let entry = used.entry(key).or_insert((0, seats));
                entry.0 += 1;
            }
        }
    }
    assert!(!used.is_empty());
    for ((bite, start), (n, seats)) in &used {
        assert!(n <= seats, "{bite} {start}: {n} learners, {seats} seats");
    }
    // The first run was not enough: some learners were displaced, each
    // with the full run, a reason in Russian and an alternative.
    let displaced: Vec<&Value> = learners
        .iter()
        .filter(|l| {
            ["later_run", "other_path", "no_seat"].contains(&l["placement"].as_str().unwrap())
        })
        .collect();
    assert!(!displaced.is_empty(), "{answer}");
    for learner in &displaced {
        assert!(
            !learner["full_runs"].as_array().unwrap().is_empty(),
            "{learner}"
        );
        let reason = learner["reason"].as_str().unwrap();
        assert!(reason.contains("заполнена"), "{reason}");
        assert!(!reason.contains(" the "), "{reason}");
        assert!(
            learner["path"].is_object() || learner["next_run"].is_object(),
            "{learner}"
        );
    }
    // More than the first run's 16 seats are used: later runs take the rest.
    let placed = learners.iter().filter(|l| l["path"].is_object()).count();
    assert!(placed > 16, "{answer}");
    let summary = &answer["summary"];
    assert_eq!(summary["optimal"], true, "{summary}");
    assert_eq!(summary["learners"], 31);
    assert_eq!(summary["bad_lines"], 1);
    assert!(
        summary["gap"]["relative"].as_f64().unwrap() <= 0.01,
        "{summary}"
    );
}

#[tokio::test]
async fn allocate_refuses_a_bad_option_and_the_cli_gives_the_same_answer() {
    let (status, problem) =
        post_allocate("/v1/cohorts/allocate?lang=EST", forklift_caseload()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "lang", "{problem}");

    let run = super::support::cohort_cli(
        &["allocate", "--lang", "et", "--today", "2027-01-01"],
        &forklift_caseload(),
        false,
    );
    let stderr = run.stderr;
    assert!(stderr.contains("31 learners"), "{stderr}");
    let mut cli: Value = serde_json::from_slice(&run.stdout).unwrap();
    let (_, mut http) = post_allocate(
        "/v1/cohorts/allocate?lang=et&today=2027-01-01",
        forklift_caseload(),
    )
    .await;
    for answer in [&mut cli, &mut http] {
        let summary = answer["summary"].as_object_mut().unwrap();
        summary.remove("planning_ms");
        summary.remove("solve_ms");
    }
    assert_eq!(cli, http);
}

#[tokio::test]
async fn hostile_allocation_lines_are_bad_lines_and_too_many_learners_is_a_422() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let body = [
        deep.as_str(),
        "{\"id\": \"\\u0000\", \"learner\": {\"constraints\": {\"max_hours_per_week\": 1e308}}}",
        "{\"id\": 1, \"learner\": {}, \"target\": {\"qualification\": \"../../etc/passwd\"}}",
        "{\"id\": 2, \"learner\": {}, \"extra\": 1}",
        "\u{feff}not json at all",
    ]
    .join("\n");
    let (status, answer) = post_allocate("/v1/cohorts/allocate?today=2027-01-01", body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let placements: Vec<&str> = answer["learners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["placement"].as_str().unwrap())
        .collect();
    assert_eq!(placements.len(), 5);
    assert!(
        placements
            .iter()
            .all(|p| ["bad_line", "no_path"].contains(p)),
        "{answer}"
    );
    let (status, problem) = post_allocate("/v1/cohorts/allocate", "{}\n".repeat(20_001)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["errors"][0]["field"], "body", "{problem}");
}
