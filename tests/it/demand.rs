//! Labour-market demand from the outside: importing real and broken
//! files on the command line, forecasts, the demand lookups, the API and
//! the HTTP feeds.

use super::support;
use support::oppepala;

#[test]
fn a_real_eurostat_table_imports_as_a_yearly_series() {
    let dir = tempfile::tempdir().unwrap();
    let table = support::fixture("demand/eurostat_panel_annual_2014_2024.csv");
    let table = table.to_str().unwrap();
    let (ok, stdout, stderr) = oppepala(
        &[
            "import",
            "demand",
            table,
            "--format",
            "eurostat-panel",
            "--geo",
            "EE",
            "--variable",
            "ict_employed_ths",
            "--subject",
            "isco:25",
            "--unit",
            "employed-thousands",
        ],
        dir.path(),
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 series added"), "{stdout}");
    let store = oppepala::demand::signals::load_store(&dir.path().join("data/demand/signals.json"))
        .unwrap();
    let series = &store.series[0];
    // Estonia's employed ICT specialists (thousands), Eurostat isoc_sks_itspt.
    assert_eq!(
        series.values,
        [
            24.0, 26.0, 33.0, 34.0, 36.0, 38.0, 40.0, 40.0, 44.0, 46.0, 51.0
        ]
    );
    assert_eq!(series.start.to_string(), "2014-01");
    assert_eq!(series.step_months, 12);
    assert!(series.source.starts_with("Eurostat, ict_employed_ths (EE)"));

    // An unknown column is named, and nothing is written.
    let (ok, _, stderr) = oppepala(
        &[
            "import",
            "demand",
            table,
            "--format",
            "eurostat-panel",
            "--geo",
            "EE",
            "--variable",
            "vacancies",
            "--subject",
            "isco:25",
            "--data-dir",
            "other",
        ],
        dir.path(),
    );
    assert!(!ok);
    assert!(stderr.contains("no column \"vacancies\""), "{stderr}");
    assert!(!dir.path().join("other").exists());
}

#[test]
fn bad_rows_are_all_named_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let good = "subject,region,period,value,unit,source\n\
                isco:5131,EE-37,2024-01,10,vacancies,EUIF\n\
                isco:5131,EE-37,2024-02,12,vacancies,EUIF\n";
    std::fs::write(dir.path().join("good.csv"), good).unwrap();
    let (ok, stdout, stderr) = oppepala(&["import", "demand", "good.csv"], dir.path());
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 series added"), "{stdout}");
    let store_path = dir.path().join("data/demand/signals.json");
    let before = std::fs::read(&store_path).unwrap();

    let bad = "subject,region,period,value,unit,source\n\
               isco:5131,EE-37,2024-03,11,vacancies,EUIF\n\
               isco:51x,EE-37,2024-01,10,vacancies,EUIF\n\
               isco:5131,Harjumaa,2024-01,10,vacancies,EUIF\n\
               isco:5131,EE-37,2024-04,many,vacancies,EUIF\n";
    std::fs::write(dir.path().join("bad.csv"), bad).unwrap();
    let (ok, _, stderr) = oppepala(&["import", "demand", "bad.csv"], dir.path());
    assert!(!ok);
    for needle in [
        "bad.csv:3: subject:",
        "bad.csv:4: region:",
        "bad.csv:5: value: \"many\" is not a count",
    ] {
        assert!(stderr.contains(needle), "{needle} in {stderr}");
    }
    assert_eq!(
        std::fs::read(&store_path).unwrap(),
        before,
        "store unchanged"
    );

    // --lenient keeps the good row (and still names the bad ones).
    let (ok, stdout, stderr) = oppepala(&["import", "demand", "bad.csv", "--lenient"], dir.path());
    assert!(ok, "{stderr}");
    assert!(stdout.contains("3 bad rows skipped"), "{stdout}");
}

mod api {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt;
    use oppepala::api::{AppState, app};
    use oppepala::config::Config;
    use tower::ServiceExt;

    use super::super::api::served;

    async fn call(state: &AppState, uri: &str) -> (StatusCode, serde_json::Value) {
        let request = Request::get(uri).body(Body::empty()).unwrap();
        let response = app(state.clone()).oneshot(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::String(
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
        (status, value)
    }

    fn encode(uri: &str) -> String {
        form_urlencoded::byte_serialize(uri.as_bytes()).collect()
    }

    // "apply person-centred care": needed by many care occupations.
    const SKILL: &str = "http://data.europa.eu/esco/skill/7a63f944-6948-4ae4-9c1f-d08e492535c9";

    #[test]
    fn default_demand_is_loaded_and_ranks_occupations() {
        let served = served();
        let demand = &served.demand;
        assert!(demand.n_series() >= 500, "{}", demand.n_series());
        let summary = demand.summary();
        assert!(
            summary.model_beats_seasonal_naive * 2 > summary.series,
            "the model should beat seasonal-naive on most series: {summary:?}"
        );
        let harju = oppepala::domain::Region::new("EE-37").unwrap();
        let top = demand.top_occupations(Some(&harju), 5);
        assert_eq!(top.len(), 5);
        assert!(top.windows(2).all(|w| w[0].1.expected >= w[1].1.expected));
        assert!((top[0].1.score - 1.0).abs() < 1e-9);
        assert_eq!(top[0].1.region.as_ref(), Some(&harju));
        let (uri, _) = &top[0];
        let national = demand.occupation(uri, None).unwrap();
        assert!(national.expected > top[0].1.expected);
        // The other county code set maps to the same county.
        let tartu_new = oppepala::domain::Region::new("EE-79").unwrap();
        let tartu_old = oppepala::domain::Region::new("EE-78").unwrap();
        assert_eq!(
            demand.occupation(uri, Some(&tartu_new)).map(|d| d.expected),
            demand.occupation(uri, Some(&tartu_old)).map(|d| d.expected)
        );
        assert!(
            oppepala::demand::Demand::empty()
                .occupation(uri, None)
                .is_none()
        );
    }

    #[tokio::test]
    async fn demand_endpoint_answers_and_refuses_bad_queries() {
        let state = super::super::support::TestApp::state(Config::default());
        let (status, body) = call(
            &state,
            &format!("/v1/demand?skill={}&region=EE-44", encode(SKILL)),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["region_name"], "Ida-Viru county");
        let score = body["demand"]["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert_eq!(body["demand"]["horizon_months"], 6);
        assert_eq!(body["history"].as_array().unwrap().len(), 96);
        let forecast = body["forecast"].as_array().unwrap();
        assert_eq!(forecast.len(), 6);
        assert_eq!(forecast[0]["month"], "2025-01");
        for point in forecast {
            let (lo, v, hi) = (
                point["lower"].as_f64().unwrap(),
                point["value"].as_f64().unwrap(),
                point["upper"].as_f64().unwrap(),
            );
            assert!(lo <= v && v <= hi, "{point}");
        }
        let expected = body["demand"]["expected"].as_f64().unwrap();
        let summed: f64 = forecast.iter().map(|p| p["value"].as_f64().unwrap()).sum();
        assert!(
            (expected - summed).abs() < 0.1 * expected.max(1.0),
            "{expected} vs {summed}"
        );
        assert!(
            body["explanation"]
                .as_str()
                .unwrap()
                .contains("Ida-Viru county")
        );
        assert_eq!(body["freshness"]["as_of"], "2024-12");
        assert!(body["source"].as_str().unwrap().starts_with("illustrative"));

        for (query, want) in [
            (
                format!("skill={}&region=Harjumaa", encode(SKILL)),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                format!("skill={}&region=FI-18", encode(SKILL)),
                StatusCode::NOT_FOUND,
            ),
            (
                "skill=http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2Fnope".into(),
                StatusCode::NOT_FOUND,
            ),
            (
                "occupation=http%3A%2F%2Fdata.europa.eu%2Fesco%2Foccupation%2Fnope".into(),
                StatusCode::NOT_FOUND,
            ),
            (String::new(), StatusCode::UNPROCESSABLE_ENTITY),
            (
                format!("skill={}&occupation=x", encode(SKILL)),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            ("skil=x".into(), StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let (status, body) = call(&state, &format!("/v1/demand?{query}")).await;
            assert_eq!(status, want, "{query}: {body}");
        }
    }

    #[tokio::test]
    async fn gap_items_carry_demand() {
        let state = super::super::support::TestApp::state(Config::default());
        let learner = std::fs::read_to_string(
            super::support::root().join("data/examples/ru-care-worker.json"),
        )
        .unwrap();
        let body = format!(
            r#"{{"learner": {learner}, "target": {{"qualification": "mq-care-elderly"}}}}"#
        );
        let request = Request::post("/v1/gap")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        let response = app(state).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let gap: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let items = gap["items"].as_array().unwrap();
        assert!(!items.is_empty());
        let with_demand: Vec<&serde_json::Value> =
            items.iter().filter(|i| i["demand"].is_object()).collect();
        assert!(!with_demand.is_empty(), "{gap}");
        for item in with_demand {
            let d = &item["demand"];
            assert!(d["score"].as_f64().unwrap() <= 1.0);
            assert!(d["region"] == "EE-44" || d["region"].is_null(), "{d}");
        }

        // Paths carry the same demand and say which missing skill is most wanted.
        let body = format!(
            r#"{{"learner": {learner}, "target": {{"qualification": "mq-care-elderly"}}, "today": "2027-01-04"}}"#
        );
        let request = Request::post("/v1/paths")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        let state = super::super::support::TestApp::state(Config::default());
        let response = app(state).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(
            answer["gap"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["demand"].is_object())
        );
        let explanation = answer["paths"][0]["explanation"].as_str().unwrap();
        assert!(
            explanation.contains("is the most in demand. Employers in Ida-Viru county"),
            "{explanation}"
        );
    }
}

mod feeds {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU8, Ordering};
    use std::time::Duration;

    use axum::http::{HeaderMap, StatusCode, header};
    use axum::response::IntoResponse;
    use oppepala::api::AppState;
    use oppepala::config::{Config, DemandConfig, FeedConfig};
    use oppepala::demand::feed::PullOutcome;
    use oppepala::demand::signals::Format;

    use super::super::api::served;

    const GOOD: u8 = 0;
    const FAIL: u8 = 1;
    const SLOW: u8 = 2;
    const GARBAGE: u8 = 3;
    const BIG: u8 = 4;

    fn good_csv() -> String {
        let mut csv = String::from("subject,region,period,value,unit,source\n");
        for m in 0..24 {
            csv.push_str(&format!(
                "isco:5131,EE-37,{}-{:02},{},vacancies,test feed\n",
                2023 + m / 12,
                m % 12 + 1,
                20 + m % 5
            ));
        }
        csv
    }

    /// A real HTTP server on 127.0.0.1 whose answer the test switches.
    async fn server(mode: Arc<AtomicU8>) -> String {
        let handler = move |headers: HeaderMap| {
            let mode = mode.clone();
            async move {
                match mode.load(Ordering::SeqCst) {
                    GOOD => {
                        if headers
                            .get(header::IF_NONE_MATCH)
                            .and_then(|v| v.to_str().ok())
                            == Some("\"v1\"")
                        {
                            return StatusCode::NOT_MODIFIED.into_response();
                        }
                        ([(header::ETAG, "\"v1\"")], good_csv()).into_response()
                    }
                    FAIL => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                    SLOW => {
                        tokio::time::sleep(Duration::from_secs(3)).await;
                        good_csv().into_response()
                    }
                    GARBAGE => "<html>maintenance</html>".into_response(),
                    _ => "x".repeat(200_000).into_response(),
                }
            }
        };
        let router = axum::Router::new().route("/feed.csv", axum::routing::get(handler));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        format!("http://{addr}/feed.csv")
    }

    async fn metrics(state: &AppState) -> String {
        state.metrics.render()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_feed_keeps_the_last_good_signals_through_every_fault() {
        let mode = Arc::new(AtomicU8::new(GOOD));
        let url = server(mode.clone()).await;
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            data_dir: dir.path().to_path_buf(),
            models_dir: dir.path().join("models"),
            demand: DemandConfig {
                feeds: vec![FeedConfig {
                    name: "euif".into(),
                    url,
                    format: Format::Csv,
                    interval_s: 3600,
                }],
                timeout_ms: 500,
                max_bytes: 100_000,
                retries: 1,
                backoff_ms: 10,
            },
            ..Config::default()
        };
        let state = super::super::support::TestApp::state(config);
        let snapshot = dir.path().join("demand/feeds/euif.json");

        let outcomes = oppepala::api::demand::pull_all(&state).await;
        assert_eq!(outcomes[0].1, PullOutcome::Updated { series: 1 });
        let good = std::fs::read(&snapshot).unwrap();
        // The served demand is rebuilt from the imported signals (none in
        // this folder) plus the snapshot.
        assert_eq!(state.served.load().demand.n_series(), 1);
        let text = metrics(&state).await;
        assert!(
            text.contains("demand_feed_pulls_total{feed=\"euif\",outcome=\"updated\"} 1"),
            "{text}"
        );
        assert!(text.contains("demand_feed_last_success_timestamp_seconds{feed=\"euif\"}"));

        // Same ETag → 304, nothing rewritten.
        let outcomes = oppepala::api::demand::pull_all(&state).await;
        assert_eq!(outcomes[0].1, PullOutcome::NotModified);

        for (m, reason) in [
            (FAIL, "http_5xx"),
            (SLOW, "timeout"),
            (GARBAGE, "invalid"),
            (BIG, "too_large"),
        ] {
            mode.store(m, Ordering::SeqCst);
            let outcomes = oppepala::api::demand::pull_all(&state).await;
            match &outcomes[0].1 {
                PullOutcome::Failed { reason: got, .. } => assert_eq!(*got, reason),
                other => panic!("{reason}: {other:?}"),
            }
            assert_eq!(
                std::fs::read(&snapshot).unwrap(),
                good,
                "{reason}: snapshot kept"
            );
            assert_eq!(
                state.served.load().demand.n_series(),
                1,
                "{reason}: signals kept"
            );
            let text = metrics(&state).await;
            assert!(
                text.contains(&format!(
                    "demand_feed_last_error{{feed=\"euif\",outcome=\"{reason}\"}} 1"
                )),
                "{reason}: {text}"
            );
            assert_eq!(text.matches("demand_feed_last_error{").count(), 1, "{text}");
            let states = state.feeds.snapshot();
            assert_eq!(states["euif"].last_error.as_ref().unwrap().0, reason);
            let detail =
                oppepala::api::demand::readiness_detail(&state, &state.served.load().demand);
            assert!(detail.contains(&format!("last error {reason}")), "{detail}");
        }

        // A restart uses the last good snapshot.
        let reloaded = oppepala::demand::feed::load_demand(
            &state.config.data_dir,
            &state.config.models_dir,
            &state.config.demand,
            &served().taxonomy,
        )
        .unwrap();
        assert_eq!(reloaded.n_series(), 1);
    }
}

#[test]
fn eval_demand_prints_the_backtest_table() {
    let root = support::root();
    let (ok, stdout, stderr) = oppepala(&["eval", "demand"], &root);
    assert!(ok, "{stderr}");
    let rows = stdout.lines().filter(|l| l.starts_with("isco:")).count();
    let summary = stdout.lines().find(|l| l.starts_with("MAPE %")).unwrap();
    assert!(summary.contains(&format!("{rows} series")), "{summary}");
    assert!(summary.contains("beats seasonal-naive on"), "{summary}");

    // Training writes the model atomically where asked, and it is reproducible.
    let dir = tempfile::tempdir().unwrap();
    let models = dir.path().to_str().unwrap();
    let (ok, _, stderr) = oppepala(&["train", "demand", "--models-dir", models], &root);
    assert!(ok, "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("demand-forecast.json")).unwrap(),
        std::fs::read(root.join("models/demand-forecast.json")).unwrap(),
        "models/demand-forecast.json is what `oppepala train demand` makes"
    );

    let (ok, _, stderr) = oppepala(&["demand", "pull"], dir.path());
    assert!(!ok);
    assert!(stderr.contains("no feeds configured"), "{stderr}");
}
