//! The fuzz corpus, replayed: every file under `fuzz/corpus/<target>/`
//! goes through the same harness function the cargo-fuzz target calls
//! (`fuzz/src/lib.rs`, included here), so a crash fuzzing once found stays
//! fixed, without nightly Rust or a sanitizer build.

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use super::support;

fn replay(target: &str) {
    let folder = support::root().join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus for {target}");
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| harness::run(target, &data));
        match outcome {
            Ok(known) => assert!(known, "no fuzz target {target}"),
            Err(_) => panic!("{target}: {} fails", file.display()),
        }
    }
}

#[test]
fn every_target_has_a_corpus() {
    for target in harness::TARGETS {
        let fuzz_target = support::root()
            .join("fuzz/fuzz_targets")
            .join(format!("{target}.rs"));
        assert!(
            fuzz_target.is_file(),
            "{} is missing",
            fuzz_target.display()
        );
    }
}

#[test]
fn esco_csv() {
    replay("esco_csv");
}

#[test]
fn catalogue_jsonl() {
    replay("catalogue_jsonl");
}

#[test]
fn provider_csv() {
    replay("provider_csv");
}

#[test]
fn elm_json() {
    replay("elm_json");
}

#[test]
fn config_toml() {
    replay("config_toml");
}

#[test]
fn api_request() {
    replay("api_request");
}

#[test]
fn demand_signals() {
    replay("demand_signals");
}

#[test]
fn feedback_log() {
    replay("feedback_log");
}

#[test]
fn api_body() {
    replay("api_body");
}
