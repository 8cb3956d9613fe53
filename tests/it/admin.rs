//! The write operations through `app(state).oneshot(…)`: each test works on
//! its own copy of `data/` and its own index folder, so the repository's
//! data is never changed.

use std::path::Path;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use oppepala::api::AppState;
use serde_json::{Value, json};

use super::support::{self, TestApp, call_json as call, request};

const KEY: &str = "test-key";

/// A scratch service: a copy of the default data and an empty index
/// folder; reload builds the index in the request, and a debug build on
/// shared cores may take longer than the default 10 s.
fn scratch() -> TestApp {
    TestApp::writable(KEY)
}

fn get(uri: &str) -> Request<Body> {
    request("GET", uri, None, None)
}

/// The first bite of the default catalogue, as JSON.
fn first_bite(data_dir: &Path) -> Value {
    let text = std::fs::read_to_string(data_dir.join("bites.jsonl")).unwrap();
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

/// Waits (bounded) until the served generation reaches `generation`.
async fn wait_for_generation(state: &AppState, generation: u64) {
    support::wait_for_generation(state, generation, Duration::from_secs(60)).await;
}

/// Waits (bounded) until no write is being committed and no background
/// build runs or waits.
async fn wait_idle(state: &AppState) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while state.writes.try_lock().is_err() || state.build_status.lock().unwrap().building.is_some()
    {
        assert!(
            Instant::now() < deadline,
            "the writes and builds did not end"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Index builds finished so far (`oppepala_write_operations_total` with
/// `operation="index_build"`, any outcome).
fn index_builds(state: &AppState) -> u64 {
    state
        .metrics
        .render()
        .lines()
        .filter(|l| {
            l.starts_with("oppepala_write_operations_total")
                && l.contains("operation=\"index_build\"")
        })
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum::<f64>() as u64
}

/// 16 distinct bites written at once, under the default 10 s request
/// timeout: each is answered (201) with its own bite, all 16 are on disk
/// and in search after the generations answered, and the index was built
/// fewer than 16 times (writes committed together, builds coalesced).
/// Before, every write held the lock through its own build: 8 of 16 timed
/// out in the outside test.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_concurrent_writes_are_all_answered_and_built_together() {
    let scratch = TestApp::builder()
        .api_key(KEY)
        .config(oppepala::config::Config {
            request_timeout_ms: 10_000,
            rate_limit_write_per_minute: 0,
            ..oppepala::config::Config::default()
        })
        .scratch()
        .build();
    let state = &scratch.state;
    let builds_before = index_builds(state);
    let template = first_bite(&scratch.data_dir);
    let started = Instant::now();
    let writes: Vec<_> = (0..16)
        .map(|i| {
            let mut bite = template.clone();
            let id = format!("con-write-{i:02}");
            bite["id"] = json!(id);
            bite["title"] = json!({"en": format!("Concurrentwrite{i:02} basics")});
            let state = state.clone();
            tokio::spawn(async move {
                let sent = Instant::now();
                let answer = call(
                    &state,
                    request("PUT", &format!("/v1/bites/{id}"), Some(KEY), Some(&bite)),
                )
                .await;
                (id, answer, sent.elapsed())
            })
        })
        .collect();
    let mut generations = Vec::new();
    let mut slowest = Duration::ZERO;
    for write in writes {
        let (id, (status, answer), took) = write.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{id}: {answer}");
        assert_eq!(answer["bite"]["id"], id.as_str());
        generations.push(answer["generation"].as_u64().unwrap());
        slowest = slowest.max(took);
    }
    let answered = started.elapsed();
    let on_disk = std::fs::read_to_string(scratch.data_dir.join("bites.jsonl")).unwrap();
    for i in 0..16 {
        assert!(
            on_disk.contains(&format!("\"con-write-{i:02}\"")),
            "{i} not on disk"
        );
    }
    wait_for_generation(state, *generations.iter().max().unwrap()).await;
    wait_idle(state).await;
    for i in 0..16 {
        let (status, page) = call(state, get(&format!("/v1/bites?q=Concurrentwrite{i:02}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            page["hits"][0]["bite"]["id"],
            format!("con-write-{i:02}").as_str(),
            "{page}"
        );
    }
    let builds = index_builds(state) - builds_before;
    eprintln!(
        "16 concurrent writes: all answered in {answered:?} (slowest {slowest:?}); {builds} index builds; generations {generations:?}"
    );
    assert!((1..16).contains(&builds), "{builds} index builds");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_route_needs_the_key() {
    let scratch = scratch();
    let state = &scratch.state;
    let bite = first_bite(&scratch.data_dir);
    let id = bite["id"].as_str().unwrap().to_string();
    let routes: Vec<(&str, String, Option<Value>)> = vec![
        ("PUT", format!("/v1/bites/{id}"), Some(bite.clone())),
        ("DELETE", "/v1/bites/no-such-bite".into(), None),
        ("POST", "/v1/admin/reindex".into(), None),
        ("POST", "/v1/admin/reload".into(), None),
        ("GET", "/v1/admin/status".into(), None),
    ];
    for (method, uri, body) in &routes {
        let (status, problem) = call(state, request(method, uri, None, body.as_ref())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri}");
        assert_eq!(problem["code"], "unauthorized");
        let (status, problem) =
            call(state, request(method, uri, Some("wrong"), body.as_ref())).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {uri}");
        assert_eq!(problem["code"], "forbidden");
    }
    let expected = [
        StatusCode::OK,
        StatusCode::NOT_FOUND,
        StatusCode::ACCEPTED,
        StatusCode::OK,
        StatusCode::OK,
    ];
    for ((method, uri, body), expected) in routes.iter().zip(expected) {
        wait_idle(state).await;
        let (status, answer) = call(state, request(method, uri, Some(KEY), body.as_ref())).await;
        assert_eq!(status, expected, "{method} {uri}: {answer}");
    }
    wait_idle(state).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_creates_and_replaces_durably_and_search_finds_it() {
    let scratch = scratch();
    let state = &scratch.state;
    let before = state.served.load().generation;

    let mut bite = first_bite(&scratch.data_dir);
    bite["id"] = json!("adm-zebra-1");
    bite["title"] = json!({"et": "Sebrakasvatus", "en": "Zebrafarming basics"});
    let (status, answer) = call(
        state,
        request("PUT", "/v1/bites/adm-zebra-1", Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    assert_eq!(answer["bite"]["id"], "adm-zebra-1");
    assert_eq!(answer["status"], "/v1/admin/status");
    let generation = answer["generation"].as_u64().unwrap();
    assert!(generation > before);
    // Durable before the answer.
    let on_disk = std::fs::read_to_string(scratch.data_dir.join("bites.jsonl")).unwrap();
    assert!(on_disk.contains("Zebrafarming basics"));

    wait_for_generation(state, generation).await;
    let (status, found) = call(state, get("/v1/bites/adm-zebra-1")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["title"]["en"], "Zebrafarming basics");
    let (status, page) = call(state, get("/v1/bites?q=Zebrafarming")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["hits"][0]["bite"]["id"], "adm-zebra-1", "{page}");

    // Replace it: 200, and the new title is served after the next swap.
    bite["title"] = json!({"en": "Okapi keeping"});
    let (status, answer) = call(
        state,
        request("PUT", "/v1/bites/adm-zebra-1", Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let next = answer["generation"].as_u64().unwrap();
    assert!(next > generation);
    wait_for_generation(state, next).await;
    let (_, found) = call(state, get("/v1/bites/adm-zebra-1")).await;
    assert_eq!(found["title"]["en"], "Okapi keeping");
    // The same bite again (a retry) writes nothing and builds nothing.
    let modified = std::fs::metadata(scratch.data_dir.join("bites.jsonl"))
        .unwrap()
        .modified()
        .unwrap();
    let (status, again) = call(
        state,
        request("PUT", "/v1/bites/adm-zebra-1", Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["generation"].as_u64(), Some(next), "{again}");
    let (_, status_now) = call(state, request("GET", "/v1/admin/status", Some(KEY), None)).await;
    assert!(status_now.get("building").is_none(), "{status_now}");
    assert_eq!(state.served.load().generation, next);
    let unchanged = std::fs::metadata(scratch.data_dir.join("bites.jsonl"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(modified, unchanged, "the data folder was not written");
    let (_, page) = call(state, get("/v1/bites?q=Okapi")).await;
    assert_eq!(page["hits"][0]["bite"]["id"], "adm-zebra-1", "{page}");
    let (_, page) = call(state, get("/v1/bites?q=Zebrafarming")).await;
    assert_eq!(page["total"], 0, "{page}");
    let on_disk = std::fs::read_to_string(scratch.data_dir.join("bites.jsonl")).unwrap();
    assert!(on_disk.contains("Okapi keeping") && !on_disk.contains("Zebrafarming"));

    // The status route shows the generation serving and no build.
    wait_idle(state).await;
    let (status, serving) = call(state, request("GET", "/v1/admin/status", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serving["generation"].as_u64().unwrap(), next);
    assert!(serving.get("building").is_none() && serving.get("last_error").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_bites_are_422_and_change_nothing() {
    let scratch = scratch();
    let state = &scratch.state;
    let bites_path = scratch.data_dir.join("bites.jsonl");
    let bytes_before = std::fs::read(&bites_path).unwrap();
    let generation = state.served.load().generation;

    let mut bite = first_bite(&scratch.data_dir);
    let id = bite["id"].as_str().unwrap().to_string();
    // The body's id differs from the path's.
    let (status, problem) = call(
        state,
        request("PUT", "/v1/bites/other-id", Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["code"], "invalid_request");
    assert_eq!(problem["errors"][0]["field"], "id");

    // Validation problems, one entry each, named as the validator names them.
    bite["hours"] = json!(0);
    bite["outcomes"] =
        json!([{"skill": "http://data.europa.eu/esco/skill/no-such-skill", "level": 1}]);
    let (status, problem) = call(
        state,
        request("PUT", &format!("/v1/bites/{id}"), Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert_eq!(problem["code"], "invalid_request");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.contains(&"hours"), "{problem}");
    assert!(fields.contains(&"outcomes[0].skill"), "{problem}");

    // A wrong type is named by its path.
    bite["hours"] = json!("many");
    let (status, problem) = call(
        state,
        request("PUT", &format!("/v1/bites/{id}"), Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "hours");

    assert_eq!(std::fs::read(&bites_path).unwrap(), bytes_before);
    assert_eq!(state.served.load().generation, generation);
    assert!(state.writes.try_lock().is_ok(), "no build was started");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_refuses_bites_named_by_qualifications_and_removes_others() {
    let scratch = scratch();
    let state = &scratch.state;
    let catalogue = state.served.load().catalogue.clone();
    let named = catalogue
        .qualifications()
        .iter()
        .find_map(|q| q.requires.all_of.first().cloned())
        .expect("a qualification names a bite");
    let bites_path = scratch.data_dir.join("bites.jsonl");
    let bytes_before = std::fs::read(&bites_path).unwrap();
    let (status, problem) = call(
        state,
        request(
            "DELETE",
            &format!("/v1/bites/{}", named.as_str()),
            Some(KEY),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{problem}");
    assert_eq!(problem["code"], "conflict");
    assert!(!problem["conflicts"].as_array().unwrap().is_empty());
    assert_eq!(std::fs::read(&bites_path).unwrap(), bytes_before);

    let (status, problem) = call(
        state,
        request("DELETE", "/v1/bites/no-such-bite", Some(KEY), None),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(problem["code"], "not_found");

    // A bite no qualification names goes, from disk at once and from
    // search with the next generation.
    let free = catalogue
        .bites()
        .iter()
        .find(|b| {
            catalogue.qualifications().iter().all(|q| {
                !q.requires.all_of.contains(&b.id)
                    && q.requires.n_of.iter().all(|rule| !rule.of.contains(&b.id))
            })
        })
        .expect("a bite no qualification names")
        .id
        .clone();
    let generation = state.served.load().generation;
    let (status, _) = call(
        state,
        request(
            "DELETE",
            &format!("/v1/bites/{}", free.as_str()),
            Some(KEY),
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let on_disk = std::fs::read_to_string(&bites_path).unwrap();
    assert!(!on_disk.contains(&format!("\"id\":\"{}\"", free.as_str())));
    wait_for_generation(state, generation + 1).await;
    let (status, _) = call(state, get(&format!("/v1/bites/{}", free.as_str()))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    wait_idle(state).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reindex_runs_while_reads_go_on_and_a_second_is_queued() {
    let scratch = scratch();
    let state = &scratch.state;
    let before = state.served.load().generation;
    let (status, answer) = call(state, request("POST", "/v1/admin/reindex", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{answer}");
    let generation = answer["generation"].as_u64().unwrap();
    assert!(generation > before);
    // While the build runs (or right after), reads are answered.
    let (status, page) = call(state, get("/v1/bites?q=cashier")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page["total"].as_u64().unwrap() > 0, "{page}");
    // A second reindex while the first runs is queued behind it: served
    // from a later generation.
    let running = state.build_status.lock().unwrap().building.is_some();
    let (status, second) = call(state, request("POST", "/v1/admin/reindex", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{second}");
    if running {
        assert!(
            second["generation"].as_u64().unwrap() > generation,
            "{second}"
        );
    }
    wait_for_generation(state, second["generation"].as_u64().unwrap()).await;
    let (status, page) = call(state, get("/v1/bites?q=cashier")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page["total"].as_u64().unwrap() > 0, "{page}");
    wait_idle(state).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_picks_up_a_catalogue_changed_on_disk() {
    let scratch = scratch();
    let state = &scratch.state;
    let before = state.served.load().generation;
    // Change a title on disk, as `oppepala import` would.
    let bites_path = scratch.data_dir.join("bites.jsonl");
    let text = std::fs::read_to_string(&bites_path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut bite: Value = serde_json::from_str(&lines[0]).unwrap();
    let id = bite["id"].as_str().unwrap().to_string();
    bite["title"]["en"] = json!("Reloaded from disk");
    lines[0] = bite.to_string();
    std::fs::write(&bites_path, lines.join("\n") + "\n").unwrap();

    let (status, serving) = call(state, request("POST", "/v1/admin/reload", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::OK, "{serving}");
    assert!(serving["generation"].as_u64().unwrap() > before);
    assert_eq!(serving["n_bites"].as_u64().unwrap(), lines.len() as u64);
    assert!(serving["n_qualifications"].as_u64().unwrap() > 0);
    assert!(serving["index_generation"].as_u64().unwrap() > before);
    let (_, found) = call(state, get(&format!("/v1/bites/{id}"))).await;
    assert_eq!(found["title"]["en"], "Reloaded from disk");
    // The index was rebuilt too: search finds the new title.
    let (_, page) = call(state, get("/v1/bites?q=Reloaded")).await;
    assert_eq!(page["hits"][0]["bite"]["id"], id.as_str(), "{page}");
    // A later write builds on the reloaded catalogue.
    let bite = first_bite(&scratch.data_dir);
    let (status, answer) = call(
        state,
        request("PUT", &format!("/v1/bites/{id}"), Some(KEY), Some(&bite)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["bite"]["title"]["en"], "Reloaded from disk");
    wait_idle(state).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_background_build_leaves_the_previous_generation_serving() {
    let scratch = scratch();
    let state = &scratch.state;
    let before = state.served.load().generation;
    // The data folder can no longer be read, so the reindex fails.
    std::fs::remove_file(scratch.data_dir.join("taxonomy.bin")).unwrap();
    let (status, _) = call(state, request("POST", "/v1/admin/reindex", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    wait_idle(state).await;
    assert_eq!(state.served.load().generation, before);
    let (status, serving) = call(state, request("GET", "/v1/admin/status", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serving["generation"].as_u64().unwrap(), before);
    assert!(
        serving["last_error"]
            .as_str()
            .is_some_and(|e| e.starts_with("reindex: ") && e.contains("taxonomy")),
        "{serving}"
    );
    let (status, page) = call(state, get("/v1/bites?q=cashier")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page["total"].as_u64().unwrap() > 0);
    // A reload fails too, as a problem document, and changes nothing.
    let (status, problem) = call(state, request("POST", "/v1/admin/reload", Some(KEY), None)).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(problem["code"], "internal");
    assert_eq!(state.served.load().generation, before);
}

/// With `read_only` (the Kubernetes configuration: the data folder is in
/// the image) a bite write is a 409 that says how catalogue changes are
/// made there, and nothing is written; before, it was a 500 from the
/// failed file write.
#[tokio::test]
async fn a_read_only_service_refuses_bite_writes_with_a_409_saying_how() {
    let app = TestApp::builder()
        .api_key(KEY)
        .config(oppepala::config::Config {
            read_only: true,
            ..oppepala::config::Config::default()
        })
        .scratch_shared()
        .build();
    let before = std::fs::read(app.data_dir.join("bites.jsonl")).unwrap();
    let mut bite = first_bite(&app.data_dir);
    let id = bite["id"].as_str().unwrap().to_string();
    bite["title"]["en"] = Value::String("Changed".into());
    for request in [
        request("PUT", &format!("/v1/bites/{id}"), Some(KEY), Some(&bite)),
        request("DELETE", &format!("/v1/bites/{id}"), Some(KEY), None),
    ] {
        let (status, body) = call(&app.state, request).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["code"], "conflict");
        assert!(
            body["detail"].as_str().unwrap().contains("read-only"),
            "{body}"
        );
    }
    assert_eq!(
        std::fs::read(app.data_dir.join("bites.jsonl")).unwrap(),
        before
    );
}
