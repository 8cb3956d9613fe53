//! Hostile requests against every route through `app(state).oneshot(…)`:
//! malformed and deeply nested JSON, huge numbers, NaN and negative values,
//! unicode oddities, very long strings, path traversal and odd escapes in
//! ids, query-string junk, duplicate keys, wrong content types. Every one
//! must get a clear 4xx problem document, never a 5xx, and within a time
//! limit (a hang fails the test). Also the security headers, and the rate
//! limits' 429.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use oppepala::api::{AppState, app};
use oppepala::config::Config;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::support::{self, TestApp};

const KEY: &str = "hostile-key";

/// Longer than any request may take here (debug build, shared cores).
const PER_REQUEST: Duration = Duration::from_secs(30);

/// Serves the default data (no index writes), with an API key, so the
/// write routes get past authentication to their body and id checks; the
/// data folder is a copy, so an accidental accept would not touch `data/`.
fn scratch(config: Config) -> TestApp {
    TestApp::builder()
        .api_key(KEY)
        .config(config)
        .scratch_shared()
        .build()
}

fn learner() -> Value {
    serde_json::from_slice(
        &std::fs::read(support::root().join("data/examples/ru-care-worker.json")).unwrap(),
    )
    .unwrap()
}

fn first_bite() -> Value {
    let text = std::fs::read_to_string(support::root().join("data/bites.jsonl")).unwrap();
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

/// One hostile request, described for the failure message.
struct Case {
    what: String,
    request: Request<Body>,
}

fn case(what: impl Into<String>, request: Request<Body>) -> Case {
    Case {
        what: what.into(),
        request,
    }
}

fn with_body(method: &str, uri: &str, content_type: Option<&str>, body: Vec<u8>) -> Request<Body> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {KEY}"));
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    builder.body(Body::from(body)).unwrap()
}

fn json_body(method: &str, uri: &str, body: impl Into<Vec<u8>>) -> Request<Body> {
    with_body(method, uri, Some("application/json"), body.into())
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

/// Sends every case; collects each one that is not a 4xx problem document
/// in time, and fails listing them all.
async fn expect_client_errors(state: &AppState, cases: Vec<Case>) {
    let router = app(state.clone());
    let mut failures = Vec::new();
    let n_cases = cases.len();
    for Case { what, request } in cases {
        let response =
            match tokio::time::timeout(PER_REQUEST, router.clone().oneshot(request)).await {
                Ok(response) => response.unwrap(),
                Err(_) => {
                    failures.push(format!("{what}: no answer within {PER_REQUEST:?}"));
                    continue;
                }
            };
        let status = response.status();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        if !status.is_client_error() {
            failures.push(format!(
                "{what}: {status} {}",
                String::from_utf8_lossy(&bytes[..bytes.len().min(300)])
            ));
        } else if content_type != "application/problem+json"
            || body["code"].as_str().is_none_or(str::is_empty)
            || body["status"] != status.as_u16()
            || body["request_id"].as_str().is_none()
        {
            failures.push(format!("{what}: {status} without a full problem document"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n_cases} hostile requests failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Bodies that are hostile as JSON, for any JSON route.
fn hostile_json() -> Vec<(String, Vec<u8>)> {
    let mut bodies: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), vec![]),
        ("100 000 [".into(), "[".repeat(100_000).into()),
        ("100 000 {\"a\":".into(), "{\"a\":".repeat(100_000).into()),
        (
            "nested arrays closed".into(),
            format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into(),
        ),
        (
            "truncated".into(),
            b"{\"learner\": {\"competences\": [".to_vec(),
        ),
        ("null".into(), b"null".to_vec()),
        ("array".into(), b"[]".to_vec()),
        ("number".into(), b"1e999999".to_vec()),
        ("string".into(), b"\"x\"".to_vec()),
        ("NaN".into(), b"{\"k\": NaN}".to_vec()),
        ("Infinity".into(), b"{\"k\": Infinity}".to_vec()),
        (
            "invalid UTF-8".into(),
            b"{\"learner\": \"\xff\xfe\xc0\xaf\"}".to_vec(),
        ),
        (
            "lone surrogate".into(),
            b"{\"learner\": \"\\ud800\"}".to_vec(),
        ),
        ("NUL byte".into(), b"{\"learner\": \"\0\"}".to_vec()),
        ("trailing garbage".into(), b"{} {}".to_vec()),
        ("BOM".into(), "\u{feff}{}".into()),
        ("comment".into(), b"// hi\n{}".to_vec()),
    ];
    // Just under the 1 MiB body limit: one very long string.
    bodies.push((
        "very long string".into(),
        format!("{{\"learner\": \"{}\"}}", "a".repeat(1_000_000)).into(),
    ));
    bodies
}

/// Learner and request variants with bad values, for gap and paths.
fn hostile_plans() -> Vec<(String, Value)> {
    let target = json!({"qualification": "mq-care-elderly"});
    let learner = learner();
    let skill = learner["competences"][0]["skill"].clone();
    let with_learner = |path: &[&str], value: Value| {
        let mut learner = learner.clone();
        let mut at = &mut learner;
        for key in &path[..path.len() - 1] {
            at = &mut at[*key];
        }
        at[path[path.len() - 1]] = value;
        json!({"learner": learner, "target": target})
    };
    let long = "ä\u{301}".repeat(100_000);
    vec![
        (
            "level 1e308".into(),
            with_learner(&["competences"], json!([{"skill": skill, "level": 1e308}])),
        ),
        (
            "level 2^64".into(),
            json!({"learner": {"competences": [{"skill": skill, "level": 18446744073709551616u128 as f64}], "languages": ["et"]}, "target": target}),
        ),
        (
            "level -1".into(),
            with_learner(&["competences"], json!([{"skill": skill, "level": -1}])),
        ),
        (
            "level 0".into(),
            with_learner(&["competences"], json!([{"skill": skill, "level": 0}])),
        ),
        (
            "level 2.5".into(),
            with_learner(&["competences"], json!([{"skill": skill, "level": 2.5}])),
        ),
        (
            "hours -5".into(),
            with_learner(&["constraints", "max_hours_per_week"], json!(-5)),
        ),
        (
            "hours 0".into(),
            with_learner(&["constraints", "max_hours_per_week"], json!(0)),
        ),
        (
            "budget -1".into(),
            with_learner(&["constraints", "budget_eur"], json!(-1)),
        ),
        (
            "budget -1e308".into(),
            with_learner(&["constraints", "budget_eur"], json!(-1e308)),
        ),
        (
            "education 99".into(),
            with_learner(&["education"], json!(99)),
        ),
        (
            "region ../etc".into(),
            with_learner(&["region"], json!("../etc/passwd")),
        ),
        (
            "region RTL".into(),
            with_learner(&["region"], json!("\u{202e}EE-37")),
        ),
        (
            "language NUL".into(),
            with_learner(&["languages"], json!(["\u{0}"])),
        ),
        (
            "skill NUL".into(),
            with_learner(
                &["competences"],
                json!([{"skill": "http://data.europa.eu/esco/skill/\u{0}", "level": 1}]),
            ),
        ),
        (
            "skill combining, long".into(),
            with_learner(&["competences"], json!([{"skill": long, "level": 1}])),
        ),
        (
            "skill unknown".into(),
            with_learner(
                &["competences"],
                json!([{"skill": "http://data.europa.eu/esco/skill/nope", "level": 1}]),
            ),
        ),
        (
            "dates reversed".into(),
            with_learner(
                &["constraints"],
                json!({"start_after": "2027-12-31", "finish_by": "2027-01-01"}),
            ),
        ),
        (
            "date 2027-02-30".into(),
            with_learner(&["constraints", "start_after"], json!("2027-02-30")),
        ),
        (
            "date year 99999".into(),
            with_learner(&["constraints", "finish_by"], json!("99999-01-01")),
        ),
        (
            "10 000 competences".into(),
            with_learner(
                &["competences"],
                json!(vec![json!({"skill": skill, "level": 1}); 10_000]),
            ),
        ),
        (
            "target empty".into(),
            json!({"learner": learner, "target": {}}),
        ),
        (
            "target two kinds".into(),
            json!({"learner": learner, "target": {"qualification": "mq-care-elderly", "occupation": "x"}}),
        ),
        (
            "target unknown".into(),
            json!({"learner": learner, "target": {"qualification": "../../etc/passwd"}}),
        ),
        (
            "target occupation junk".into(),
            json!({"learner": learner, "target": {"occupation": "\u{202e}\u{0}"}}),
        ),
        ("learner missing".into(), json!({"target": target})),
        (
            "learner null".into(),
            json!({"learner": null, "target": target}),
        ),
    ]
}

/// Extra variants only paths takes.
fn hostile_paths_only() -> Vec<(String, Value)> {
    let target = json!({"qualification": "mq-care-elderly"});
    let learner = learner();
    vec![
        (
            "k 0".into(),
            json!({"learner": learner, "target": target, "k": 0}),
        ),
        (
            "k -1".into(),
            json!({"learner": learner, "target": target, "k": -1}),
        ),
        (
            "k 1e308".into(),
            json!({"learner": learner, "target": target, "k": 1e308}),
        ),
        (
            "k huge".into(),
            json!({"learner": learner, "target": target, "k": u64::MAX}),
        ),
        (
            "k 11".into(),
            json!({"learner": learner, "target": target, "k": 11}),
        ),
        (
            "objective".into(),
            json!({"learner": learner, "target": target, "objective": "fastest"}),
        ),
    ]
}

#[tokio::test]
async fn hostile_bodies_on_gap_and_paths_are_client_errors() {
    let scratch = scratch(Config::default());
    let mut cases = Vec::new();
    for route in ["/v1/gap", "/v1/paths"] {
        for (what, body) in hostile_json() {
            cases.push(case(
                format!("POST {route} {what}"),
                json_body("POST", route, body),
            ));
        }
        let mut plans = hostile_plans();
        if route == "/v1/paths" {
            plans.extend(hostile_paths_only());
        }
        for (what, body) in plans {
            cases.push(case(
                format!("POST {route} {what}"),
                json_body("POST", route, serde_json::to_vec(&body).unwrap()),
            ));
        }
        // Duplicate keys: serde refuses a field given twice.
        let learner = serde_json::to_string(&learner()).unwrap();
        cases.push(case(
            format!("POST {route} duplicate learner"),
            json_body(
                "POST",
                route,
                format!("{{\"learner\": {learner}, \"learner\": {learner}, \"target\": {{\"qualification\": \"mq-care-elderly\"}}}}"),
            ),
        ));
    }
    expect_client_errors(&scratch.state, cases).await;
}

#[tokio::test]
async fn wrong_content_types_and_sizes_are_client_errors() {
    let scratch = scratch(Config::default());
    let body = serde_json::to_vec(
        &json!({"learner": learner(), "target": {"qualification": "mq-care-elderly"}}),
    )
    .unwrap();
    let mut cases = Vec::new();
    for (method, route) in [
        ("POST", "/v1/gap"),
        ("POST", "/v1/paths"),
        ("PUT", "/v1/bites/x"),
    ] {
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/jsonx"),
            Some("json"),
            Some(""),
        ] {
            cases.push(case(
                format!("{method} {route} content-type {content_type:?}"),
                with_body(method, route, content_type, body.clone()),
            ));
        }
        cases.push(case(
            format!("{method} {route} 2 MiB"),
            json_body(method, route, vec![b' '; 2 << 20]),
        ));
        cases.push(case(
            format!("{method} {route} UTF-16"),
            with_body(
                method,
                route,
                Some("application/json; charset=utf-16"),
                "{}".encode_utf16().flat_map(u16::to_le_bytes).collect(),
            ),
        ));
    }
    for (method, route) in [
        ("PATCH", "/v1/paths"),
        ("DELETE", "/v1/gap"),
        ("TRACE", "/v1/bites"),
        ("POST", "/healthz"),
        ("PUT", "/v1/qualifications/mq-care-elderly"),
        ("GET", "/v1/admin/reindex"),
    ] {
        cases.push(case(
            format!("{method} {route}"),
            json_body(method, route, "{}"),
        ));
    }
    expect_client_errors(&scratch.state, cases).await;
}

/// Ids with traversal, odd escapes, control characters and great length.
fn hostile_ids() -> Vec<String> {
    let mut ids: Vec<String> = [
        "..%2F..%2Fetc%2Fpasswd",
        "..%2f..%2f..%2fdata%2ftaxonomy.bin",
        "%2e%2e%2f%2e%2e%2f",
        "....%2F%2F",
        "%00",
        "a%00b",
        "%",
        "%G1",
        "%zz",
        "%C0%AF",
        "%ED%A0%80",
        "%FF%FE",
        "%E2%80%AE%E2%80%AD",
        "a%CC%81%CC%81%CC%81",
        "%F0%9F%92%A9",
        "%20",
        "%0D%0ASet-Cookie:x",
        "CON",
        "%252e%252e%252f",
        "http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2F..%2F..",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    ids.push("a".repeat(20_000));
    ids.push("%41".repeat(5_000));
    ids
}

#[tokio::test]
async fn hostile_ids_are_client_errors() {
    let scratch = scratch(Config::default());
    let bite = serde_json::to_vec(&first_bite()).unwrap();
    let mut cases = Vec::new();
    for id in hostile_ids() {
        let short = &id[..id.len().min(40)];
        for route in [
            "/v1/bites/",
            "/v1/qualifications/",
            "/v1/skills/",
            "/v1/occupations/",
        ] {
            cases.push(case(
                format!("GET {route}{short}"),
                get(&format!("{route}{id}")),
            ));
        }
        cases.push(case(
            format!("PUT /v1/bites/{short}"),
            json_body("PUT", &format!("/v1/bites/{id}"), bite.clone()),
        ));
        cases.push(case(
            format!("DELETE /v1/bites/{short}"),
            with_body("DELETE", &format!("/v1/bites/{id}"), None, vec![]),
        ));
    }
    expect_client_errors(&scratch.state, cases).await;
}

#[tokio::test]
async fn hostile_bite_bodies_are_client_errors_and_write_nothing() {
    let scratch = scratch(Config::default());
    let before = std::fs::read(scratch.state.config.data_dir.join("bites.jsonl")).unwrap();
    let bite = first_bite();
    let id = bite["id"].as_str().unwrap().to_string();
    let uri = format!("/v1/bites/{id}");
    let mut cases = Vec::new();
    for (what, body) in hostile_json() {
        cases.push(case(
            format!("PUT bite {what}"),
            json_body("PUT", &uri, body),
        ));
    }
    let with = |key: &str, value: Value| {
        let mut bite = bite.clone();
        bite[key] = value;
        serde_json::to_vec(&bite).unwrap()
    };
    for (what, body) in [
        ("hours -1", with("hours", json!(-1))),
        ("hours 0", with("hours", json!(0))),
        ("hours 1e308", with("hours", json!(1e308))),
        ("eqf 9", with("eqf_level", json!(9))),
        ("eqf 2^64", with("eqf_level", json!(u64::MAX))),
        ("cost -5", with("cost_eur", json!(-5))),
        ("id differs", with("id", json!("other-id"))),
        ("id NUL", with("id", json!("\u{0}"))),
        ("title RTL only", with("title", json!({"et": "\u{202e}"}))),
        ("title empty", with("title", json!({}))),
        (
            "title very long",
            with("title", json!({"et": "õ".repeat(400_000)})),
        ),
        ("region traversal", with("region", json!("../../x"))),
        (
            "outcome unknown skill",
            with(
                "outcomes",
                json!([{"skill": "http://data.europa.eu/esco/skill/nope", "level": 1}]),
            ),
        ),
        (
            "outcome level 7",
            with(
                "outcomes",
                json!([{"skill": bite["outcomes"][0]["skill"], "level": 7}]),
            ),
        ),
        (
            "sessions bad date",
            with("sessions", json!([{"start": "2027-13-01", "weeks": 2}])),
        ),
        ("languages junk", with("languages", json!(["\u{301}"]))),
    ] {
        cases.push(case(
            format!("PUT bite {what}"),
            json_body("PUT", &uri, body),
        ));
    }
    let text = serde_json::to_string(&bite).unwrap();
    cases.push(case(
        "PUT bite duplicate keys",
        json_body("PUT", &uri, format!("{{\"id\": \"x\", {}", &text[1..])),
    ));
    expect_client_errors(&scratch.state, cases).await;
    let after = std::fs::read(scratch.state.config.data_dir.join("bites.jsonl")).unwrap();
    assert!(before == after, "a refused write changed bites.jsonl");
}

#[tokio::test]
async fn query_string_junk_is_a_client_error_or_ignored_safely() {
    let scratch = scratch(Config::default());
    let router = app(scratch.state.clone());
    let long = "x".repeat(20_000);
    let junk = [
        "q=a&q=b".to_string(),
        "per_page=-1".into(),
        "per_page=0".into(),
        "per_page=1e9".into(),
        "per_page=99999999999999999999999".into(),
        "page=0".into(),
        "page=18446744073709551615&per_page=100".into(),
        "q=%FF%FE".into(),
        "q=%".into(),
        "q=%G1".into(),
        "q=%00".into(),
        "q=%ED%A0%80".into(),
        "=&&&=&".into(),
        "q%5B%5D=x&q%5B0%5D=y".into(),
        "eqf_min=NaN".into(),
        "max_hours=NaN".into(),
        "max_hours=-inf".into(),
        "max_cost=1e999".into(),
        "start_from=2027-02-30".into(),
        "sort=%27%3B--".into(),
        "lang=..%2F..".into(),
        "limit=-5".into(),
        "limit=1000000000".into(),
        format!("q={long}"),
        format!("q={}", "%CC%81".repeat(3000)),
        format!("q={}", "(%22*:".repeat(2000)),
        "skill=http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2F%00".into(),
        "county=EE-37,,,,EE-99,%E2%80%AE".into(),
        "field=care&field=retail".into(),
    ];
    let mut failures = Vec::new();
    for route in [
        "/v1/bites",
        "/v1/skills",
        "/v1/occupations",
        "/v1/qualifications",
    ] {
        for query in &junk {
            let uri = format!("{route}?{query}");
            let request = get(&uri);
            let response = tokio::time::timeout(PER_REQUEST, router.clone().oneshot(request))
                .await
                .unwrap_or_else(|_| panic!("GET {uri:.80}: no answer in time"))
                .unwrap();
            let status = response.status();
            // Junk a parameter may tolerate (a repeated key, an empty
            // pair) may be answered; nothing may be a server error, and
            // an error must be a problem document.
            if status.is_server_error() {
                failures.push(format!("GET {uri:.80}: {status}"));
            } else if status.is_client_error() {
                let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
                if content_type.as_ref().and_then(|v| v.to_str().ok())
                    != Some("application/problem+json")
                {
                    failures.push(format!(
                        "GET {uri:.80}: {status} without a problem document"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn write_routes_refuse_odd_keys() {
    let scratch = scratch(Config::default());
    let mut cases = Vec::new();
    for authorization in [
        "",
        "Bearer",
        "Bearer ",
        "Basic aG9zdGlsZS1rZXk6",
        // (`bearer hostile-key` is a valid key: the scheme is case-insensitive.)
        "bearer other-key",
        "Bearer hostile-key\u{7f}",
        "Bearer  x",
    ] {
        for (method, route) in [
            ("POST", "/v1/admin/reindex"),
            ("POST", "/v1/admin/reload"),
            ("DELETE", "/v1/bites/x"),
        ] {
            let mut builder = Request::builder().method(method).uri(route);
            if let Ok(value) = header::HeaderValue::from_str(authorization) {
                builder = builder.header(header::AUTHORIZATION, value);
            }
            cases.push(case(
                format!("{method} {route} with {authorization:?}"),
                builder.body(Body::empty()).unwrap(),
            ));
        }
    }
    expect_client_errors(&scratch.state, cases).await;
}

#[tokio::test]
async fn pages_carry_security_headers() {
    let scratch = scratch(Config::default());
    // Pages, a problem from a handler, one from the router and one from the
    // body limit (answered before any handler runs).
    let too_large = || {
        Request::post("/v1/gap")
            .header("content-type", "application/json")
            .header("content-length", "999999999")
            .body(Body::empty())
            .unwrap()
    };
    for uri in [
        "/",
        "/docs",
        "/openapi.json",
        "/v1/bites/nope",
        "/no/such/route",
        "413",
    ] {
        let request = if uri == "413" { too_large() } else { get(uri) };
        let response = app(scratch.state.clone()).oneshot(request).await.unwrap();
        if uri == "413" {
            assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        }
        let headers = response.headers();
        for (name, value) in [
            ("x-content-type-options", Some("nosniff")),
            ("x-frame-options", Some("DENY")),
            ("referrer-policy", Some("no-referrer")),
            ("content-security-policy", None),
        ] {
            let got = headers.get(name).and_then(|v| v.to_str().ok());
            assert!(got.is_some(), "{uri}: no {name}");
            if let Some(value) = value {
                assert_eq!(got, Some(value), "{uri}: {name}");
            }
        }
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'self'"), "{uri}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{uri}: {csp}");
    }
}

#[tokio::test]
async fn rate_limits_answer_429_with_retry_after() {
    let scratch = scratch(Config {
        rate_limit_heavy_per_minute: 1,
        rate_limit_heavy_burst: 3,
        rate_limit_write_per_minute: 1,
        rate_limit_write_burst: 2,
        ..Config::default()
    });
    let router = app(scratch.state.clone());
    let send = |request: Request<Body>| {
        let router = router.clone();
        async move { router.oneshot(request).await.unwrap() }
    };
    // Heavy reads: three pass, the fourth is limited; cheap reads are not.
    for _ in 0..3 {
        assert_eq!(
            send(get("/v1/bites?q=excel")).await.status(),
            StatusCode::OK
        );
    }
    let limited = send(get("/v1/bites?q=excel")).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = limited.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(
        limited.headers()[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let body: Value =
        serde_json::from_slice(&limited.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(body["code"], "rate_limited");
    assert_eq!(
        send(get("/v1/qualifications/mq-care-elderly"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(send(get("/healthz")).await.status(), StatusCode::OK);
    // Writes have their own bucket: a wrong key still spends it (so keys
    // cannot be guessed at speed), then 429.
    let delete = || {
        Request::delete("/v1/bites/x")
            .header(header::AUTHORIZATION, "Bearer wrong")
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(send(delete()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(send(delete()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(send(delete()).await.status(), StatusCode::TOO_MANY_REQUESTS);
}

/// Odd but meaningful input a route may answer: an empty language list
/// (any language), an unknown learner field (ignored), an unknown label
/// language (falls back), a far past or future planning day, an empty
/// skills target (nothing to learn). Answered or refused, never a 5xx or a
/// hang.
#[tokio::test]
async fn odd_but_meaningful_plans_are_never_server_errors() {
    let scratch = scratch(Config::default());
    let router = app(scratch.state.clone());
    let mut learner = learner();
    let target = json!({"qualification": "mq-care-elderly"});
    let mut bodies = vec![
        json!({"learner": learner, "target": target, "lang": "xx"}),
        json!({"learner": learner, "target": target, "today": "-0001-01-01"}),
        json!({"learner": learner, "target": target, "today": "9999-12-31"}),
        json!({"learner": learner, "target": {"skills": []}}),
    ];
    learner["languages"] = json!([]);
    bodies.push(json!({"learner": learner, "target": target}));
    learner["evil"] = json!(true);
    bodies.push(json!({"learner": learner, "target": target}));
    for route in ["/v1/gap", "/v1/paths"] {
        for body in &bodies {
            let request = json_body("POST", route, serde_json::to_vec(body).unwrap());
            let response = tokio::time::timeout(PER_REQUEST, router.clone().oneshot(request))
                .await
                .expect("an answer in time")
                .unwrap();
            assert!(
                !response.status().is_server_error(),
                "POST {route} {body:.200}: {}",
                response.status()
            );
        }
    }
}

/// The routes added after the suite above: recommendations, feedback,
/// cohorts and demand get the same hostile bodies and queries.
#[tokio::test]
async fn hostile_requests_on_recommendations_feedback_cohorts_and_demand() {
    let feedback = tempfile::tempdir().unwrap();
    let scratch = scratch(Config {
        feedback_dir: feedback.path().join("feedback"),
        ..Config::default()
    });
    let mut cases = Vec::new();
    for route in ["/v1/recommendations", "/v1/feedback"] {
        for (what, body) in hostile_json() {
            cases.push(case(
                format!("POST {route} {what}"),
                json_body("POST", route, body),
            ));
        }
    }
    // The learner variants of gap and paths, without a target.
    for (what, mut body) in hostile_plans() {
        if what.starts_with("target") {
            continue;
        }
        body.as_object_mut().unwrap().remove("target");
        cases.push(case(
            format!("POST /v1/recommendations {what}"),
            json_body(
                "POST",
                "/v1/recommendations",
                serde_json::to_vec(&body).unwrap(),
            ),
        ));
    }
    for (what, extra) in [
        ("k 0", json!({"k": 0})),
        ("k -1", json!({"k": -1})),
        ("k huge", json!({"k": u64::MAX})),
        ("lang junk", json!({"lang": "../x"})),
        ("today junk", json!({"today": "2027-13-45"})),
        ("profile field", json!({"profile": {"name": "Mari"}})),
    ] {
        let mut body = json!({"learner": learner()});
        for (key, value) in extra.as_object().unwrap() {
            body[key] = value.clone();
        }
        cases.push(case(
            format!("POST /v1/recommendations {what}"),
            json_body(
                "POST",
                "/v1/recommendations",
                serde_json::to_vec(&body).unwrap(),
            ),
        ));
    }
    // Feedback events with bad values; none may be stored.
    let bite = first_bite()["id"].clone();
    let event = json!({"learner": "learner-0001", "bite": bite, "event": "shown", "time": "2027-01-04T09:30:00Z"});
    let with = |key: &str, value: Value| {
        let mut event = event.clone();
        event[key] = value;
        json!({ "events": [event] })
    };
    let feedback_cases = vec![
        ("e-mail learner", with("learner", json!("mari@example.ee"))),
        ("personal code", with("learner", json!("38001010000"))),
        ("name", with("learner", json!("Mari Maasikas"))),
        ("learner NUL", with("learner", json!("ab\u{0}cd"))),
        (
            "learner 1 MB",
            with("learner", json!("a".repeat(1_000_000 - 200))),
        ),
        ("event unknown", with("event", json!("hired"))),
        ("time junk", with("time", json!("yesterday"))),
        (
            "time year 99999",
            with("time", json!("99999-01-01T00:00:00Z")),
        ),
        ("bite traversal", with("bite", json!("../../etc/passwd"))),
        ("bite unknown", with("bite", json!("no-such-bite"))),
        ("target unknown", with("target", json!("\u{202e}mq"))),
        ("feature name", with("features", json!({"Bad Name": 1.0}))),
        (
            "feature 1e999",
            with("features", json!({"demand": "1e999"})),
        ),
        ("profile field", with("profile", json!({"education": 2}))),
        ("no events", json!({"events": []})),
        (
            "1001 events",
            json!({ "events": vec![event.clone(); 1001] }),
        ),
        ("events not a list", json!({"events": event})),
    ];
    for (what, body) in feedback_cases {
        cases.push(case(
            format!("POST /v1/feedback {what}"),
            json_body("POST", "/v1/feedback", serde_json::to_vec(&body).unwrap()),
        ));
    }
    // Content types and sizes.
    for route in ["/v1/recommendations", "/v1/feedback"] {
        for content_type in [None, Some("text/plain"), Some("application/x-ndjson")] {
            cases.push(case(
                format!("POST {route} content-type {content_type:?}"),
                with_body("POST", route, content_type, b"{}".to_vec()),
            ));
        }
        cases.push(case(
            format!("POST {route} 2 MiB"),
            json_body("POST", route, vec![b' '; 2 << 20]),
        ));
    }
    // Demand queries.
    let occupation =
        "http%3A%2F%2Fdata.europa.eu%2Fesco%2Foccupation%2F000e93a3-d956-4e45-aacb-f12c83fedf84";
    for query in [
        String::new(),
        format!("occupation={occupation}&skill={occupation}"),
        format!("occupation={occupation}&region=..%2Fetc"),
        format!("occupation={occupation}&region=EE-99"),
        format!("occupation={occupation}&occupation={occupation}"),
        "occupation=%FF%FE".into(),
        "occupation=%".into(),
        format!("occupation={}", "a".repeat(20_000)),
        "skill=http%3A%2F%2Fdata.europa.eu%2Fesco%2Fskill%2F..%2F..".into(),
        format!("occupation={occupation}&page=1"),
    ] {
        cases.push(case(
            format!("GET /v1/demand?{}", &query[..query.len().min(80)]),
            get(&format!("/v1/demand?{query}")),
        ));
    }
    expect_client_errors(&scratch.state, cases).await;
    let stored = oppepala::ml::feedback::read_dir(&feedback.path().join("feedback")).unwrap();
    assert!(stored.events.is_empty(), "a hostile event was stored");
}

/// A cohort answers every line, in order: hostile lines get an error
/// object and the batch goes on; never a 5xx or a broken stream.
#[tokio::test]
async fn hostile_cohort_lines_get_error_lines() {
    let scratch = scratch(Config::default());
    let good = json!({"id": "good", "learner": learner()}).to_string();
    let mut lines: Vec<String> = vec![good.clone()];
    // Lines of up to 100 kB, so the whole cohort stays under the 1 MiB
    // body limit (over it, see below).
    for (_, body) in hostile_json() {
        if body.len() <= 100_000 {
            // One line each: newlines inside would split them.
            lines.push(String::from_utf8_lossy(&body).replace('\n', " "));
        }
    }
    for (what, body) in hostile_plans() {
        if what.starts_with("target") {
            continue;
        }
        let mut body = body;
        body.as_object_mut().unwrap().remove("target");
        body["id"] = json!("hostile");
        let line = body.to_string();
        if line.len() <= 100_000 {
            lines.push(line);
        }
    }
    lines.push(json!({"id": "x".repeat(10_000), "learner": learner()}).to_string());
    lines.push(json!({"id": "\u{0}", "learner": learner(), "extra": 1}).to_string());
    lines.push(good);
    let body = lines.join("\n");
    let response = app(scratch.state.clone())
        .oneshot(with_body(
            "POST",
            "/v1/cohorts/recommendations",
            Some("application/x-ndjson"),
            body.into_bytes(),
        ))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = tokio::time::timeout(Duration::from_secs(300), response.into_body().collect())
        .await
        .expect("the cohort answers in time")
        .expect("the stream does not break off")
        .to_bytes();
    let out: Vec<Value> = String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("every output line is JSON"))
        .collect();
    let non_blank = lines.iter().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(
        out.len(),
        non_blank,
        "one output line per input line: {}",
        serde_json::to_string(&out)
            .unwrap()
            .chars()
            .take(2000)
            .collect::<String>()
    );
    assert!(out[0].get("error").is_none(), "{}", out[0]);
    assert!(out.last().unwrap().get("error").is_none());
    let errors = out
        .iter()
        .filter(|line| line.get("error").is_some())
        .count();
    assert!(
        errors >= non_blank - 3,
        "{errors} of {non_blank} lines refused"
    );
}

/// A cohort over the body limit: the answer has started streaming when
/// the limit is reached, so it is a 200 whose last line is an error
/// naming the limit (or a 413 when refused before), never a 5xx.
#[tokio::test]
async fn a_cohort_over_the_body_limit_ends_with_an_error_line() {
    // The cohort route has its own limit (`cohort_body_limit_bytes`, 256 MiB
    // by default): 1 MiB here, passed by a 2 MiB body.
    let scratch = scratch(Config {
        cohort_body_limit_bytes: 1 << 20,
        ..Config::default()
    });
    let response = app(scratch.state.clone())
        .oneshot(with_body(
            "POST",
            "/v1/cohorts/recommendations",
            Some("application/x-ndjson"),
            vec![b'\n'; 2 << 20],
        ))
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes);
    if status != StatusCode::PAYLOAD_TOO_LARGE {
        assert_eq!(status, StatusCode::OK, "{text}");
        let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
        assert!(
            last["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("limit")),
            "{text}"
        );
    }
}

/// Values that passed validation once and then panicked the planner (a
/// vanishing weekly-hours limit, a planning day or finish in year 262142)
/// are 422s naming their field.
#[tokio::test]
async fn planner_breaking_values_are_422_naming_the_field() {
    let state = super::support::TestApp::state(Config::default());
    let router = app(state);
    let paths = |learner: Value, today: Option<&str>| {
        let mut body = json!({"learner": learner, "target": {"qualification": "mq-care-elderly"}});
        if let Some(today) = today {
            body["today"] = json!(today);
        }
        Request::post("/v1/paths")
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let mut tiny = learner();
    tiny["constraints"]["max_hours_per_week"] = json!(1e-300);
    let mut far = learner();
    far["constraints"]["finish_by"] = json!("+262142-12-31");
    for (what, request, field) in [
        (
            "1e-300 hours a week",
            paths(tiny, None),
            "learner.constraints.max_hours_per_week",
        ),
        (
            "finish in year 262142",
            paths(far, None),
            "learner.constraints.finish_by",
        ),
        (
            "today in year 262142",
            paths(learner(), Some("+262142-12-31")),
            "today",
        ),
    ] {
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        let problem: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}: {problem}"
        );
        assert_eq!(problem["errors"][0]["field"], field, "{what}: {problem}");
    }
}
