//! What do the parsers do with hostile input? One function per fuzz
//! target, each feeding arbitrary bytes to the same library function that
//! reads that input in the service, and failing (panicking) only when the
//! library misbehaves: a panic inside it, a 5xx answer, or an answer that
//! is not a problem document.
//!
//! The fuzz targets in `fuzz_targets/` call these under libFuzzer; the
//! normal test binary includes this file (`tests/it/fuzz_replay.rs`) and
//! replays every file of `fuzz/corpus/<target>/` through the same
//! functions, so the corpus guards against regressions without nightly
//! Rust or a sanitizer build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use oppepala::catalogue::{self, Sourced, elm};
use oppepala::domain::{Bite, Qualification};

/// The names of the fuzz targets, also the corpus folder names.
pub const TARGETS: &[&str] = &[
    "esco_csv",
    "catalogue_jsonl",
    "provider_csv",
    "elm_json",
    "config_toml",
    "api_request",
    "demand_signals",
    "feedback_log",
    "api_body",
];

/// Runs the target named `name` on `data`; false if there is none.
pub fn run(name: &str, data: &[u8]) -> bool {
    match name {
        "esco_csv" => esco_csv(data),
        "catalogue_jsonl" => catalogue_jsonl(data),
        "provider_csv" => provider_csv(data),
        "elm_json" => elm_json(data),
        "config_toml" => config_toml(data),
        "api_request" => api_request(data),
        "demand_signals" => demand_signals(data),
        "feedback_log" => feedback_log(data),
        "api_body" => api_body(data),
        _ => return false,
    }
    true
}

/// The repository root, whether this file is compiled in the fuzz crate
/// (`fuzz/`) or in the main crate's tests.
pub fn repo_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if here.join("data/taxonomy.bin").is_file() {
        here
    } else {
        here.parent().map(Path::to_path_buf).unwrap_or(here)
    }
}

/// The byte that separates the files of one ESCO input (ASCII record
/// separator, which no ESCO CSV contains).
pub const FILE_SEPARATOR: u8 = 0x1e;

/// The files an ESCO input is split into, in order.
pub const ESCO_FILES: &[&str] = &[
    "skills_en.csv",
    "occupations_en.csv",
    "occupationSkillRelations.csv",
    "broaderRelationsSkillPillar_en.csv",
    "skillSkillRelations.csv",
    "skillGroups_en.csv",
    "ISCOGroups_en.csv",
    "ak2008.csv",
    "et_labels.csv",
    "skill_labels.csv",
];

/// ESCO CSV import: the input is up to ten files separated by
/// [`FILE_SEPARATOR`] (see [`ESCO_FILES`]); missing ones are left out.
/// Any `Err` is fine; a panic is not.
pub fn esco_csv(data: &[u8]) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut parts = data.split(|b| *b == FILE_SEPARATOR);
    let mut present = Vec::new();
    for name in ESCO_FILES {
        let Some(part) = parts.next() else { break };
        std::fs::write(dir.path().join(name), part).expect("write a fuzz file");
        present.push(*name);
    }
    let source = |name: &str| present.contains(&name).then(|| dir.path().join(name));
    let sources = oppepala::taxonomy::import::EscoSources {
        esco_dir: dir.path().to_path_buf(),
        languages: vec![oppepala::domain::Lang::en()],
        ak2008: source("ak2008.csv"),
        et_labels: source("et_labels.csv"),
        ee_mapping: None,
        skill_labels: source("skill_labels.csv").into_iter().collect(),
        occupation_labels: None,
    };
    if let Ok(taxonomy) = oppepala::taxonomy::import::import_esco(&sources, &mut |_| {}) {
        // A taxonomy that imports must also store and load again.
        let path = dir.path().join("taxonomy.bin");
        oppepala::taxonomy::store::save(&taxonomy, &path).expect("an imported taxonomy saves");
        oppepala::taxonomy::store::load(&path).expect("a saved taxonomy loads");
    }
}

/// Catalogue JSON Lines: bites and qualifications, parsed and validated as
/// `import catalogue` and `serve` do (every skill counts as known, so the
/// validation gets past the skill check).
pub fn catalogue_jsonl(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (bites, _) = catalogue::parse_jsonl::<Bite>("fuzz.jsonl", &text);
    let (qualifications, _) = catalogue::parse_jsonl::<Qualification>("fuzz.jsonl", &text);
    build(bites, qualifications);
}

/// Provider CSV, parsed and validated as `import catalogue` does.
pub fn provider_csv(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (bites, _) = catalogue::csv_import::parse_csv("fuzz.csv", &text);
    build(bites, Vec::new());
}

/// ELM v3 / Open Badges 3.0 JSON, mapped and validated as `import elm` does.
pub fn elm_json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mapped = elm::map_document("fuzz.json", &text, &elm::ElmOptions::default());
    build(mapped.bites, mapped.qualifications);
}

fn build(bites: Vec<Sourced<Bite>>, qualifications: Vec<Sourced<Qualification>>) {
    let known = |_: &str| true;
    // Lenient keeps the valid rows; what is kept must serialize again.
    if let Ok((catalogue, _)) = catalogue::Catalogue::build(bites, qualifications, &known, true) {
        for bite in catalogue.bites() {
            let line = serde_json::to_string(bite).expect("a valid bite serializes");
            oppepala::domain::from_json_str::<Bite>(&line)
                .expect("a serialized valid bite reads back");
        }
    }
}

/// Server configuration: TOML text, then after the first NUL byte
/// `NAME=value` lines as the environment.
pub fn config_toml(data: &[u8]) {
    let (file, env) = match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let file = String::from_utf8_lossy(file);
    let env: BTreeMap<String, String> = String::from_utf8_lossy(env)
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let _ = oppepala::config::Config::load(&file, &env);
}

/// The routes [`api_request`] sends to, chosen by the input's first byte.
/// Bodies go as they are; query strings and path ids are percent-encoded
/// only where a URI cannot carry the byte, so odd escapes reach the server.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("POST", "/v1/gap"),
    ("POST", "/v1/paths"),
    ("GET", "/v1/bites?"),
    ("GET", "/v1/skills?"),
    ("GET", "/v1/occupations?"),
    ("GET", "/v1/qualifications?"),
    ("GET", "/v1/bites/"),
    ("GET", "/v1/skills/"),
    ("GET", "/v1/occupations/"),
    ("GET", "/v1/qualifications/"),
    ("PUT", "/v1/bites/fuzz-bite"),
];

struct ApiFixture {
    state: oppepala::api::AppState,
    runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

fn api_fixture() -> &'static ApiFixture {
    static FIXTURE: OnceLock<ApiFixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let config = oppepala::config::Config {
            data_dir: repo_root().join("data"),
            index_dir: dir.path().join("index"),
            // Short enough to keep executions fast; long enough that a
            // hang shows as a 503 `timeout`, which fails the target.
            planner_budget_ms: 20,
            request_timeout_ms: 20_000,
            // Accepted feedback goes to the temporary folder, and no
            // answer is a 429 because the fuzzer is fast.
            feedback_dir: dir.path().join("feedback"),
            rate_limit_heavy_per_minute: 0,
            rate_limit_write_per_minute: 0,
            ..Default::default()
        };
        let served = oppepala::service::load(&config).expect("the default data loads");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        ApiFixture {
            state: oppepala::api::AppState::new(config, served),
            runtime,
            _dir: dir,
        }
    })
}

/// Percent-encodes what a URI cannot carry (controls, space, non-ASCII and
/// a few delimiters); `%` stays, so broken escapes reach the server.
pub fn uri_safe(bytes: &[u8], keep_query_delimiters: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        let keep = b.is_ascii_alphanumeric()
            || b"-._~%!$'()*+,;:@/".contains(&b)
            || (keep_query_delimiters && b"&=?".contains(&b));
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One API request: the first byte picks a route of [`API_ROUTES`], the
/// rest is the JSON body, query string or path id. The answer must not be
/// a 5xx, and an error must be a problem document.
///
/// The bite PUT body goes through the extractor and validation the handler
/// uses, not the router: an accepted write rebuilds the index, which would
/// make each execution take seconds.
pub fn api_request(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let fixture = api_fixture();
    let (method, route) = API_ROUTES[selector as usize % API_ROUTES.len()];
    if method == "PUT" {
        if let Ok(bite) = oppepala::api::extract::parse_json::<Bite>(rest) {
            let taxonomy = fixture.state.served.load().taxonomy.clone();
            let known = |uri: &str| taxonomy.skill(uri).is_some();
            let sourced = Sourced {
                file: "body".into(),
                line: 1,
                value: bite,
            };
            let _ = catalogue::validate(&[sourced], &[], &known);
        }
        return;
    }
    let (uri, body) = if method == "POST" {
        (route.to_string(), rest.to_vec())
    } else if route.ends_with('?') {
        (format!("{route}{}", uri_safe(rest, true)), Vec::new())
    } else {
        (format!("{route}{}", uri_safe(rest, false)), Vec::new())
    };
    send_checked(method, &uri, "application/json", body);
}

/// Sends one request through the real router; the answer must not be a
/// 5xx, and an error must be a problem document.
fn send_checked(method: &str, uri: &str, content_type: &str, body: Vec<u8>) {
    let fixture = api_fixture();
    let Ok(request) = axum::http::Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", content_type)
        .body(axum::body::Body::from(body))
    else {
        // Not a URI a client could send; hyper refuses it before the app.
        return;
    };
    let (status, headers, answer) = fixture.runtime.block_on(async {
        use tower::ServiceExt;
        let response = oppepala::api::app(fixture.state.clone())
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let (parts, body) = response.into_parts();
        // Read the whole body: a streamed answer (cohorts) does its work
        // while it is read.
        let answer = axum::body::to_bytes(body, usize::MAX).await;
        (parts.status, parts.headers, answer)
    });
    assert!(
        !status.is_server_error(),
        "{method} {uri} answered {status}"
    );
    assert!(answer.is_ok(), "{method} {uri}: the answer broke off");
    if status.is_client_error() {
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert_eq!(
            content_type, "application/problem+json",
            "{method} {uri} answered {status} without a problem document"
        );
    }
}

/// The routes of [`api_body`]: request bodies and queries of the routes
/// added after [`API_ROUTES`] was fixed (its selector bytes are in the
/// committed corpus, so it is not extended).
pub const API_BODY_ROUTES: &[(&str, &str, &str)] = &[
    ("POST", "/v1/recommendations", "application/json"),
    (
        "POST",
        "/v1/cohorts/recommendations",
        "application/x-ndjson",
    ),
    ("POST", "/v1/feedback", "application/json"),
    ("GET", "/v1/demand?", ""),
];

/// One request to a route of [`API_BODY_ROUTES`]: the first byte picks the
/// route, the rest is the body or query string. Same checks as
/// [`api_request`]. A cohort answers 200 with an error line per bad input
/// line, so only its status is checked.
pub fn api_body(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (method, route, content_type) = API_BODY_ROUTES[selector as usize % API_BODY_ROUTES.len()];
    if method == "GET" {
        send_checked(
            method,
            &format!("{route}{}", uri_safe(rest, true)),
            content_type,
            Vec::new(),
        );
    } else {
        send_checked(method, route, content_type, rest.to_vec());
    }
}

/// Demand signals, parsed (long CSV, the JSON store format and a Eurostat
/// panel) and checked as `import demand` and the feeds do before anything
/// is used; what parses is written as a store and must read back the same
/// (the feeds' snapshot round trip).
pub fn demand_signals(data: &[u8]) {
    use oppepala::demand::signals::{self, Format, PanelSelection, Store, Subject};
    let panel = PanelSelection {
        geo: "EE".into(),
        variable: "ict_employed_ths".into(),
        subject: Subject::parse("isco:25").expect("a valid subject"),
        unit: "thousands".into(),
    };
    for format in [Format::Csv, Format::Json, Format::EurostatPanel] {
        let Ok(parsed) = signals::parse(data, "fuzz", format, Some(&panel)) else {
            continue;
        };
        for series in &parsed.series {
            let _ = series.check();
        }
        if parsed.errors.is_empty() && !parsed.series.is_empty() {
            let store = Store {
                format_version: signals::STORE_FORMAT_VERSION,
                series: parsed.series,
            };
            let json = store.to_json();
            let again = signals::parse_strict(&json, "store", Format::Json, None, false)
                .unwrap_or_else(|e| panic!("a written store does not read back: {e}"));
            assert_eq!(
                again.series.len(),
                store.series.len(),
                "the store round trip lost series"
            );
        }
    }
}

/// Feedback log lines, read by the real reader (`ml::feedback`, from a
/// file, as `train`, `eval ranking` and `feedback stats` read them), then
/// turned into training rows (features may be anything a file holds).
/// Every non-blank line is an event or a skipped line, never an error for
/// the whole file; an event read is written back as the log writes it and
/// reads back the same.
pub fn feedback_log(data: &[u8]) {
    use oppepala::ml::feedback::{LoggedEvent, ReadLog, check_learner_id, read_file_into};
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"));
    let path = dir.path().join("events-000001.jsonl");
    std::fs::write(&path, data).expect("the input is written");
    let mut log = ReadLog::default();
    read_file_into(&path, &mut log).expect("a log file reads whatever it holds");
    let lines = data
        .split(|&b| b == b'\n')
        .filter(|line| !line.iter().all(u8::is_ascii_whitespace))
        .count();
    assert_eq!(
        log.events.len() + log.skipped.len(),
        lines,
        "every line is an event or skipped"
    );
    for event in &log.events {
        let _ = check_learner_id(&event.event.learner);
        let line = serde_json::to_vec(event).expect("an event serializes");
        let again: LoggedEvent = serde_json::from_slice(&line).expect("a written event reads back");
        // serde_json (without its `float_roundtrip` feature) may read a
        // decimal one unit in the last place off: features are compared
        // with that tolerance, everything else exactly.
        assert_eq!(
            again.event, event.event,
            "an event changes when written and read again"
        );
        assert_eq!(again.target, event.target);
        assert_eq!(
            again.features.keys().collect::<Vec<_>>(),
            event.features.keys().collect::<Vec<_>>()
        );
        for (name, value) in &event.features {
            let got = again.features[name];
            assert!(
                got == *value || (got - value).abs() <= 1e-12 * value.abs().max(f64::MIN_POSITIVE),
                "feature {name}: {value} reads back as {got}"
            );
        }
    }
    let _ = oppepala::ml::training::rows(&log.events);
}
