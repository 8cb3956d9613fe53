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
    pub(super) const SKILL: &str =
        "http://data.europa.eu/esco/skill/7a63f944-6948-4ae4-9c1f-d08e492535c9";

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
        let (month, en) = (
            oppepala::demand::YearMonth::new(2025, 1),
            oppepala::text::Lang::En,
        );
        let top = demand.top_occupations(Some(&harju), 5, month, en);
        assert_eq!(top.len(), 5);
        assert!(top.windows(2).all(|w| w[0].1.score >= w[1].1.score));
        assert!((top[0].1.score - 1.0).abs() < 1e-9);
        assert_eq!(top[0].1.region.as_ref(), Some(&harju));
        let (uri, _) = &top[0];
        let national = demand.occupation(uri, None, month, en).unwrap();
        assert!(national.expected > top[0].1.expected);
        // The other county code set maps to the same county.
        let tartu_new = oppepala::domain::Region::new("EE-79").unwrap();
        let tartu_old = oppepala::domain::Region::new("EE-78").unwrap();
        assert_eq!(
            demand
                .occupation(uri, Some(&tartu_new), month, en)
                .map(|d| d.expected),
            demand
                .occupation(uri, Some(&tartu_old), month, en)
                .map(|d| d.expected)
        );
        assert!(
            oppepala::demand::Demand::empty()
                .occupation(uri, None, month, en)
                .is_none()
        );
    }

    #[tokio::test]
    async fn demand_endpoint_answers_and_refuses_bad_queries() {
        let state = super::super::support::TestApp::state(Config::default());
        let (status, body) = call(
            &state,
            &format!(
                "/v1/demand?skill={}&region=EE-44&today=2025-01-15",
                encode(SKILL)
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["region_name"], "Ida-Viru county");
        let score = body["demand"]["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert_eq!(body["demand"]["horizon_months"], 6);
        assert_eq!(body["history"].as_array().unwrap().len(), 96);
        let forecast = body["forecast"].as_array().unwrap();
        // To six months after the planning month (2025-01 + 6).
        assert_eq!(forecast.len(), 7);
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
        let summed: f64 = forecast[..6]
            .iter()
            .map(|p| p["value"].as_f64().unwrap())
            .sum();
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
        assert_eq!(body["demand"]["illustrative"], true);
        assert!(
            body["series"][0]["source"]
                .as_str()
                .unwrap()
                .starts_with("illustrative")
        );

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
            (
                format!("skill={}&today=2026-13-01", encode(SKILL)),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                format!("skill={}&today=1999-12-31", encode(SKILL)),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
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
            explanation.contains(
                "is the most in demand. No recent data: the data end Dec 2024, 25 months before"
            ),
            "{explanation}"
        );
    }
}

/// The skill the API tests ask about.
fn api_skill() -> &'static str {
    api::SKILL
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

/// Demand figures as a counsellor quotes them (issue 19): dated against
/// the planning day, old data said to be old, occupation and skill figures
/// that add up, counts without fractions, and a reason when there is none.
mod figures {
    use std::collections::BTreeMap;

    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use oppepala::api::AppState;
    use oppepala::config::Config;
    use oppepala::demand::YearMonth;
    use oppepala::domain::{OccupationUri, Region, SkillUri};
    use oppepala::text::Lang;
    use serde_json::{Value, json};

    use super::super::api::served;
    use super::support::{self, call_json as send};

    /// The default series end 2024-12; this planning day is two years on.
    const OLD: &str = "2026-12-06";
    /// A planning day within the horizon of the default series.
    const FRESH: &str = "2025-02-10";
    const EXAMPLES: [(&str, &str); 4] = [
        ("cashier-to-it-support.json", "mq-it-support"),
        ("ru-care-worker.json", "mq-care-elderly"),
        ("unemployed-warehouse-worker.json", "mq-log-forklift"),
        ("ru-cnc-operator.json", "mq-man-cnc-operator"),
    ];
    const COUNTIES: [&str; 15] = [
        "EE-37", "EE-39", "EE-44", "EE-49", "EE-51", "EE-57", "EE-59", "EE-65", "EE-67", "EE-70",
        "EE-74", "EE-78", "EE-82", "EE-84", "EE-86",
    ];

    /// (no recent data, the end month) as each language says them.
    fn old_words(lang: &str) -> (&'static str, &'static str) {
        match lang {
            "et" => ("Värskeid andmeid pole", "dets 2024"),
            "ru" => ("Нет свежих данных", "дек. 2024"),
            _ => ("No recent data", "Dec 2024"),
        }
    }

    async fn get(state: &AppState, uri: &str) -> Value {
        let (status, body) = send(state, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        body
    }

    async fn post(state: &AppState, uri: &str, body: &Value) -> Value {
        let request = Request::post(uri)
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        let (status, answer) = send(state, request).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {answer}");
        answer
    }

    fn learner(file: &str) -> Value {
        let path = support::root().join("data/examples").join(file);
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn encode(uri: &str) -> String {
        form_urlencoded::byte_serialize(uri.as_bytes()).collect()
    }

    /// Every demand figure in an answer (an object with `as_of` and `clause`).
    fn figures<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
        match value {
            Value::Object(map) => {
                if map.contains_key("as_of") && map.contains_key("clause") {
                    out.push(value);
                }
                map.values().for_each(|v| figures(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| figures(v, out)),
            _ => {}
        }
    }

    /// Every string in an answer.
    fn strings<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
        match value {
            Value::String(s) => out.push(s),
            Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            _ => {}
        }
    }

    /// The gap, paths and recommendation answers of every example learner
    /// in `lang` for planning day `today`.
    async fn answers(state: &AppState, lang: &str, today: &str) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        for (file, qualification) in EXAMPLES {
            let learner = learner(file);
            let target = json!({"qualification": qualification});
            let body = json!({"learner": learner, "target": target, "lang": lang, "today": today});
            out.push((
                format!("gap {file} {lang}"),
                post(state, "/v1/gap", &body).await,
            ));
            out.push((
                format!("paths {file} {lang}"),
                post(state, "/v1/paths", &body).await,
            ));
            let body = json!({"learner": learner, "lang": lang, "today": today});
            out.push((
                format!("recommendations {file} {lang}"),
                post(state, "/v1/recommendations", &body).await,
            ));
        }
        out
    }

    fn occupation_named(label: &str) -> String {
        let served = served();
        served
            .taxonomy
            .occupations()
            .find(|o| o.label("en") == Some(label))
            .unwrap_or_else(|| panic!("no occupation {label:?}"))
            .uri()
            .to_string()
    }

    #[tokio::test]
    async fn with_data_two_years_old_every_figure_says_so_and_nothing_is_forecast() {
        let state = support::TestApp::state(Config::default());
        let mut checked = 0;
        for lang in ["et", "ru", "en"] {
            let (old, end) = old_words(lang);
            for (what, answer) in answers(&state, lang, OLD).await {
                let mut found = Vec::new();
                figures(&answer, &mut found);
                for figure in found {
                    checked += 1;
                    assert_eq!(figure["stale"], true, "{what}: {figure}");
                    assert_eq!(figure["kind"], "last-known", "{what}: {figure}");
                    assert_eq!(figure["as_of"], "2024-12", "{what}: {figure}");
                    assert_eq!(figure["age_months"], 24, "{what}: {figure}");
                    assert_eq!(figure["from"], "2024-07", "{what}: {figure}");
                    assert_eq!(figure["to"], "2024-12", "{what}: {figure}");
                    let text = figure["text"].as_str().unwrap();
                    assert!(
                        text.starts_with(old) && text.contains(end),
                        "{what}: {text}"
                    );
                    let clause = figure["clause"].as_str().unwrap();
                    assert!(
                        clause.to_lowercase().starts_with(&old.to_lowercase())
                            && clause.contains(end),
                        "{what}: {clause}"
                    );
                }
                // What is told beside the figures says it too.
                for path in answer["paths"].as_array().into_iter().flatten() {
                    let explanation = path["explanation"].as_str().unwrap();
                    assert!(
                        !explanation.contains(&lang_forecast_word(lang)),
                        "{what}: {explanation}"
                    );
                    if answer["gap"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|g| g["demand"].is_object())
                    {
                        assert!(explanation.contains(old), "{what}: {explanation}");
                    }
                }
                for target in answer["targets"].as_array().into_iter().flatten() {
                    if let Some(clause) = target["demand"]["clause"].as_str() {
                        assert!(
                            target["reason"].as_str().unwrap().contains(clause),
                            "{what}: {target}"
                        );
                    }
                }
            }
            // GET /v1/demand for an occupation and a skill.
            let forklift = occupation_named("forklift operator");
            for query in [
                format!("occupation={}&region=EE-44", encode(&forklift)),
                format!("skill={}&region=EE-44", encode(super::api_skill())),
            ] {
                let body = get(
                    &state,
                    &format!("/v1/demand?{query}&today={OLD}&lang={lang}"),
                )
                .await;
                checked += 1;
                assert_eq!(body["freshness"]["stale"], true, "{body}");
                assert_eq!(body["freshness"]["as_of"], "2024-12", "{body}");
                assert_eq!(body["freshness"]["age_months"], 24, "{body}");
                assert_eq!(body["demand"]["stale"], true, "{body}");
                assert_eq!(body["demand"]["to"], "2024-12", "{body}");
                let explanation = body["explanation"].as_str().unwrap();
                assert!(
                    explanation.starts_with(old) && explanation.contains(end),
                    "{explanation}"
                );
                // The forecast runs from the month after the data to six
                // months after the planning month, every month whole.
                let forecast = body["forecast"].as_array().unwrap();
                assert_eq!(forecast.first().unwrap()["month"], "2025-01");
                assert_eq!(forecast.last().unwrap()["month"], "2027-06");
                assert_eq!(forecast.len(), 30);
            }
        }
        eprintln!("{checked} figures checked");
        assert!(checked > 100, "{checked} figures checked");
    }

    /// The word a forecast is told with, in the stale text's absence.
    fn lang_forecast_word(lang: &str) -> String {
        match lang {
            "et" => "oodatakse".into(),
            "ru" => "ожидается".into(),
            _ => "are expected".into(),
        }
    }

    #[tokio::test]
    async fn fresh_figures_count_six_months_from_the_planning_month_with_widening_intervals() {
        let state = support::TestApp::state(Config::default());
        let forklift = occupation_named("forklift operator");
        let body = get(
            &state,
            &format!(
                "/v1/demand?occupation={}&region=EE-44&today={FRESH}",
                encode(&forklift)
            ),
        )
        .await;
        let d = &body["demand"];
        assert_eq!(
            (d["from"].as_str(), d["to"].as_str()),
            (Some("2025-02"), Some("2025-07"))
        );
        assert_eq!(d["kind"], "forecast");
        assert_eq!(d["stale"], false);
        assert_eq!(d["age_months"], 2);
        // An ISCO group's share, said so, with the group and its size.
        assert_eq!(d["counts"], "isco-group-share", "{d}");
        assert!(d["group_occupations"].as_u64().unwrap() >= 1);
        let text = d["text"].as_str().unwrap();
        assert!(
            text.contains("Jun 2025") || text.contains("Jul 2025"),
            "{text}"
        );
        assert!(text.contains("ISCO group"), "{text}");
        assert!(text.contains("Illustrative figures"), "{text}");
        assert!(
            !text.contains("gen_demand") && !text.contains("isco:"),
            "{text}"
        );
        assert!(d["illustrative"] == true && !d["source"].as_str().unwrap().contains("gen_demand"));
        assert!(
            d["source_url"]
                .as_str()
                .unwrap()
                .starts_with("data/SOURCES.md#")
        );
        assert!(d["series"][0].as_str().unwrap().starts_with("isco:"), "{d}");
        // The figure is the forecast of its months, summed.
        let forecast = body["forecast"].as_array().unwrap();
        assert_eq!(forecast[0]["month"], "2025-01");
        assert_eq!(forecast.last().unwrap()["month"], "2025-08");
        let summed: f64 = forecast[1..7]
            .iter()
            .map(|p| p["value"].as_f64().unwrap())
            .sum();
        let expected = d["expected"].as_f64().unwrap();
        assert!(
            (expected - summed).abs() <= 0.05 + 0.01 * expected,
            "{expected} vs {summed}"
        );
        // Intervals widen with distance (on the log scale the forecast uses).
        let width = |p: &Value| {
            let (lo, v, hi) = (
                p["lower"].as_f64().unwrap(),
                p["value"].as_f64().unwrap(),
                p["upper"].as_f64().unwrap(),
            );
            assert!(lo <= v && v <= hi, "{p}");
            hi.ln_1p() - lo.ln_1p()
        };
        let widths: Vec<f64> = forecast.iter().map(width).collect();
        assert!(widths.windows(2).all(|w| w[0] <= w[1] + 1e-9), "{widths:?}");
        assert!(widths[0] < *widths.last().unwrap(), "{widths:?}");
    }

    #[test]
    fn occupation_and_skill_figures_reconcile_in_every_county() {
        let served = served();
        let demand = &served.demand;
        // Occupations needing each skill the catalogue teaches or asks for, with the link's weight.
        let mut wanted: Vec<String> = Vec::new();
        for bite in served.catalogue.bites() {
            wanted.extend(bite.outcomes.iter().map(|o| o.skill.to_string()));
        }
        for q in served.catalogue.qualifications() {
            wanted.extend(q.requires.competences.iter().map(|c| c.skill.to_string()));
        }
        wanted.sort();
        wanted.dedup();
        let mut links: BTreeMap<String, Vec<(String, f64)>> = BTreeMap::new();
        for occupation in served.taxonomy.occupations() {
            for skill in occupation.essential_skills() {
                links
                    .entry(skill.uri().to_string())
                    .or_default()
                    .push((occupation.uri().to_string(), 1.0));
            }
            for skill in occupation.optional_skills() {
                links.entry(skill.uri().to_string()).or_default().push((
                    occupation.uri().to_string(),
                    oppepala::demand::OPTIONAL_WEIGHT,
                ));
            }
        }
        let (mut sums, mut counties) = (0, 0);
        for month in [YearMonth::new(2025, 2), YearMonth::new(2026, 12)] {
            for county in COUNTIES {
                let region = Region::new(county).unwrap();
                let mut any = false;
                for skill in &wanted {
                    let uri = SkillUri::new(skill.clone()).unwrap();
                    let Some(figure) = demand.skill(&uri, Some(&region), month, Lang::En) else {
                        continue;
                    };
                    let mut total = 0.0;
                    let mut n = 0;
                    for (occupation, weight) in links.get(skill).into_iter().flatten() {
                        let occupation = OccupationUri::new(occupation.clone()).unwrap();
                        if let Some(o) =
                            demand.occupation(&occupation, Some(&region), month, Lang::En)
                        {
                            assert_eq!((&o.from, &o.to), (&figure.from, &figure.to));
                            total += weight * o.expected;
                            n += 1;
                        }
                    }
                    assert!(
                        (figure.expected - total).abs() <= 0.01 * (n as f64 + 1.0),
                        "{county} {month}: {skill}: skill {} vs its occupations {total}",
                        figure.expected
                    );
                    assert_eq!(figure.occupations, Some(n), "{county} {skill}");
                    sums += 1;
                    any = true;
                }
                counties += usize::from(any);
            }
        }
        eprintln!("{sums} skill figures summed from their occupations");
        // Hiiumaa (EE-39) has no series: 14 counties, twice.
        assert_eq!(counties, 28);
        assert!(sums > 1000, "{sums} sums");
    }

    #[tokio::test]
    async fn no_text_of_gap_or_recommendation_answers_has_a_fraction_of_a_job() {
        let state = support::TestApp::state(Config::default());
        let mut n = 0;
        for today in [FRESH, OLD] {
            for lang in ["et", "ru", "en"] {
                for (what, answer) in answers(&state, lang, today).await {
                    let mut texts = Vec::new();
                    strings(&answer, &mut texts);
                    for text in texts {
                        n += 1;
                        assert!(!fraction_of_a_job(text), "{what}: {text}");
                    }
                    let mut found = Vec::new();
                    figures(&answer, &mut found);
                    for figure in found {
                        // A figure's words quote whole counts only (the
                        // optional links' weight is the one decimal).
                        let weight = if lang == "en" { "0.3" } else { "0,3" };
                        for field in ["text", "clause"] {
                            let text = figure[field].as_str().unwrap().replace(weight, "");
                            assert!(!has_decimal(&text), "{what}: {text}");
                        }
                    }
                }
            }
        }
        eprintln!("{n} texts checked");
        assert!(n > 1000, "{n} texts");
    }

    fn has_decimal(text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        chars
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && (w[1] == '.' || w[1] == ',') && w[2].is_ascii_digit())
    }

    /// A number with a decimal part followed by a word for jobs.
    fn fraction_of_a_job(text: &str) -> bool {
        let lower = text.to_lowercase();
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        for (k, w) in chars.windows(3).enumerate() {
            if !(w[0].1.is_ascii_digit()
                && (w[1].1 == '.' || w[1].1 == ',')
                && w[2].1.is_ascii_digit())
            {
                continue;
            }
            let mut j = k + 2;
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                j += 1;
            }
            let rest = lower[chars.get(j).map_or(lower.len(), |c| c.0)..].trim_start();
            if [
                "job",
                "posting",
                "vacanc",
                "töökuulut",
                "töökoh",
                "ваканс",
                "рабоч",
            ]
            .iter()
            .any(|word| rest.starts_with(word))
            {
                return true;
            }
        }
        false
    }

    #[test]
    fn the_job_fraction_check_can_fail() {
        assert!(fraction_of_a_job("about 1.6 jobs"));
        assert!(fraction_of_a_job("около 2,5 вакансий"));
        assert!(!fraction_of_a_job("12.5 hours; about 30 job postings"));
        assert!(has_decimal("1,6") && !has_decimal("30–45"));
    }

    #[tokio::test]
    async fn a_subject_without_series_answers_with_the_reason() {
        let state = support::TestApp::state(Config::default());
        let cashier = occupation_named("cashier");
        let mut reasons = BTreeMap::new();
        for region in COUNTIES {
            for lang in ["et", "ru", "en"] {
                let body = get(
                    &state,
                    &format!(
                        "/v1/demand?occupation={}&region={region}&today={FRESH}&lang={lang}",
                        encode(&cashier)
                    ),
                )
                .await;
                if body["demand"].is_null() {
                    let code = body["missing"]["code"].as_str().unwrap().to_string();
                    let text = body["missing"]["text"].as_str().unwrap();
                    assert!(!text.is_empty() && body["explanation"] == text, "{body}");
                    reasons.insert((region, code), text.to_string());
                } else {
                    assert!(body["missing"].is_null());
                }
            }
        }
        eprintln!("{reasons:#?}");
        // Hiiumaa has no series at all.
        assert!(
            reasons.contains_key(&("EE-39", "region-not-covered".to_string())),
            "{reasons:?}"
        );
        // A skill no occupation needs, and one the gap shows without a figure, say why too.
        let body = get(
            &state,
            &format!(
                "/v1/demand?skill={}&region=EE-39&today={FRESH}",
                encode(super::api_skill())
            ),
        )
        .await;
        assert_eq!(body["missing"]["code"], "region-not-covered", "{body}");
        assert!(
            body["explanation"].as_str().unwrap().contains("Hiiu"),
            "{body}"
        );
        let mut learner = learner("ru-care-worker.json");
        learner["region"] = json!("EE-39");
        let gap = post(
            &state,
            "/v1/gap",
            &json!({"learner": learner, "target": {"qualification": "mq-care-elderly"}, "today": FRESH}),
        )
        .await;
        for item in gap["items"].as_array().unwrap() {
            assert!(
                item["demand"].is_object() || item["demand_missing"]["text"].is_string(),
                "{item}"
            );
        }
    }
}
