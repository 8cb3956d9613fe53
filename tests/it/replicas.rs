//! Scale-out: replicas share nothing but the exported snapshot (and the
//! data and model files in the image). One indexing run exports a
//! snapshot, two replicas each import it into their own index folder, two
//! `oppepala serve` processes start on 127.0.0.1, and they must answer a
//! set of requests identically (apart from the request id).

use std::path::Path;
use std::process::{Command, Stdio};

use oppepala::index::IndexDir;
use serde_json::Value;

use super::support::{self, Server};

fn oppepala(args: &[&str], data: &Path, index: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_oppepala"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .arg("--index-dir")
        .arg(index)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "oppepala {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The requests both replicas answer: reads, planning and errors.
fn requests() -> Vec<(&'static str, String, Vec<u8>)> {
    let learner = |name: &str| {
        std::fs::read_to_string(support::root().join("data/examples").join(name)).unwrap()
    };
    let plan = |file: &str, target: &str| {
        format!(
            "{{\"learner\": {}, \"target\": {target}, \"today\": \"2027-01-01\", \"k\": 3}}",
            learner(file)
        )
        .into_bytes()
    };
    vec![
        (
            "GET",
            "/v1/bites?q=klienditeenindusele&lang=et&county=EE-37&per_page=5".into(),
            vec![],
        ),
        (
            "GET",
            "/v1/bites?q=%D1%83%D1%85%D0%BE%D0%B4&lang=ru".into(),
            vec![],
        ),
        (
            "GET",
            "/v1/bites?q=excel&mode=online&sort=hours".into(),
            vec![],
        ),
        ("GET", "/v1/skills?q=Excel&limit=3".into(), vec![]),
        (
            "GET",
            "/v1/occupations?q=kassapidaja&lang=ru".into(),
            vec![],
        ),
        ("GET", "/v1/qualifications?field=care".into(), vec![]),
        ("GET", "/v1/qualifications/mq-it-support".into(), vec![]),
        ("GET", "/v1/bites/nope".into(), vec![]),
        (
            "POST",
            "/v1/gap".into(),
            plan(
                "cashier-to-it-support.json",
                "{\"qualification\": \"mq-it-support\"}",
            ),
        ),
        (
            "POST",
            "/v1/paths".into(),
            plan(
                "ru-care-worker.json",
                "{\"qualification\": \"mq-care-elderly\"}",
            ),
        ),
        (
            "POST",
            "/v1/paths".into(),
            plan(
                "unemployed-warehouse-worker.json",
                "{\"qualification\": \"mq-log-forklift\"}",
            ),
        ),
        ("POST", "/v1/paths".into(), b"{\"learner\": 1}".to_vec()),
    ]
}

fn comparable(body: &[u8]) -> Value {
    let mut value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.remove("request_id");
    }
    value
}

#[test]
fn two_replicas_on_one_snapshot_answer_identically() {
    let tmp = tempfile::tempdir().unwrap();
    let data = support::copy_default_data(tmp.path());
    // The indexing job: build and export.
    let build_index = tmp.path().join("build-index");
    let snapshot = tmp.path().join("snapshot.tar");
    oppepala(&["index", "build"], &data, &build_index);
    oppepala(
        &["index", "export", snapshot.to_str().unwrap()],
        &data,
        &build_index,
    );
    // Each replica imports it into its own folder (the initContainer).
    let replicas: Vec<_> = ["a", "b"]
        .iter()
        .map(|name| {
            let index = tmp.path().join(format!("index-{name}"));
            oppepala(
                &["index", "import", snapshot.to_str().unwrap()],
                &data,
                &index,
            );
            index
        })
        .collect();
    let servers: Vec<Server> = replicas
        .iter()
        .map(|index| Server::start(&data, index, &[]))
        .collect();
    assert_ne!(servers[0].port, servers[1].port);
    for (method, path, body) in requests() {
        let headers = [("content-type", "application/json")];
        let (status_a, body_a) = servers[0].call(method, &path, &headers, &body);
        let (status_b, body_b) = servers[1].call(method, &path, &headers, &body);
        assert_eq!(status_a, status_b, "{method} {path}");
        assert!(status_a < 500, "{method} {path}: {status_a}");
        assert_eq!(
            comparable(&body_a),
            comparable(&body_b),
            "{method} {path} differs between replicas"
        );
    }
    // They served the imported snapshot: neither built a generation of its own.
    for index in &replicas {
        assert_eq!(IndexDir::new(index).generations().unwrap().len(), 1);
    }
}

/// The Kubernetes manifests: `deploy/validate.py` checks their structure
/// (needs Python with PyYAML; skipped with a note without it); here the
/// ConfigMap's config.toml must load as the server's configuration and
/// every container's arguments must parse as an `oppepala` command line.
#[test]
fn deploy_manifests_are_consistent_with_the_binary() {
    let has_yaml = Command::new("python3")
        .args(["-c", "import yaml"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_yaml {
        eprintln!("deploy manifests not checked: python3 with PyYAML is not installed");
        return;
    }
    let output = Command::new("python3")
        .arg(support::root().join("deploy/validate.py"))
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let docs: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let config_map = docs.iter().find(|d| d["kind"] == "ConfigMap").unwrap();
    let text = config_map["data"]["config.toml"].as_str().unwrap();
    oppepala::config::Config::load(text, &Default::default())
        .unwrap_or_else(|e| panic!("deploy/configmap.yaml config.toml: {e}"));
    let mut n_commands = 0;
    for doc in &docs {
        let spec = match doc["kind"].as_str() {
            Some("Deployment") | Some("Job") => &doc["spec"]["template"]["spec"],
            _ => continue,
        };
        let containers = spec["initContainers"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(spec["containers"].as_array().into_iter().flatten());
        for container in containers {
            let args: Vec<&str> = container["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            let output = Command::new(env!("CARGO_BIN_EXE_oppepala"))
                .args(&args)
                .arg("--help")
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{}: oppepala {args:?}: {}",
                doc["__file"],
                String::from_utf8_lossy(&output.stderr)
            );
            n_commands += 1;
        }
    }
    assert_eq!(n_commands, 4, "build, export, import and serve");
}
