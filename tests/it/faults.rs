//! Crashes: the real `oppepala` binary is killed with SIGKILL in the
//! middle of work that writes to disk, restarted, and must find the
//! previous state intact and serving, with nothing it had accepted lost.
//!
//! Each scenario is a [`Fault`]: start work, kill the process at one of
//! several points, then check what a restart finds. Feedback appends, model
//! writes and feed snapshots (other issues) slot in as more scenarios with
//! the same shape: run the writing command or request, kill it at
//! [`kill_points`], restart with [`support::Server::start`] and check that
//! every acknowledged write is there and every file still loads.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use oppepala::index::IndexDir;
use serde_json::Value;

use super::support::{self, Server};

/// When to kill, after the work has visibly started: at once, and at a few
/// delays that land in different stages of an index build of the default
/// catalogue (bites, skill labels, commit, switch) on a debug build.
/// With `SLOW_TESTS=1` every point is tried; by default a few, to keep
/// the suite fast (each restart of a debug server costs seconds).
const KILL_POINTS: &[Duration] = &[
    Duration::from_millis(0),
    Duration::from_millis(40),
    Duration::from_millis(150),
    Duration::from_millis(400),
    Duration::from_millis(900),
];

/// The kill points to try: all with `SLOW_TESTS=1`, else those at `fast`.
fn kill_points(fast: &[usize]) -> Vec<Duration> {
    if std::env::var_os("SLOW_TESTS").is_some_and(|v| v == "1") {
        KILL_POINTS.to_vec()
    } else {
        fast.iter().map(|&i| KILL_POINTS[i]).collect()
    }
}

struct Dirs {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    index: PathBuf,
}

fn dirs() -> Dirs {
    let tmp = tempfile::tempdir().unwrap();
    let data = support::copy_default_data(tmp.path());
    let index = tmp.path().join("index");
    Dirs {
        _tmp: tmp,
        data,
        index,
    }
}

fn index_command(dirs: &Dirs, what: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_oppepala"));
    command
        .args(["index", what])
        .arg("--data-dir")
        .arg(&dirs.data)
        .arg("--index-dir")
        .arg(&dirs.index)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// The generation in use, which must be complete.
fn current_generation(index: &Path) -> u64 {
    let current = IndexDir::new(index)
        .current()
        .expect("the index folder reads")
        .expect("a generation is current");
    assert!(
        current.is_complete(),
        "generation {} is in use but incomplete",
        current.number
    );
    current.number
}

fn newest_generation_dir(index: &Path) -> u64 {
    IndexDir::new(index)
        .generations()
        .unwrap_or_default()
        .iter()
        .map(|g| g.number)
        .max()
        .unwrap_or(0)
}

/// A search and a plan whose answers must not change across the crashes.
fn probe(server: &Server) -> (Value, Value) {
    let (status, body) = server.call("GET", "/v1/bites?q=klienditeenindus&per_page=5", &[], b"");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let search: Value = serde_json::from_slice(&body).unwrap();
    let learner =
        std::fs::read_to_string(support::root().join("data/examples/ru-care-worker.json")).unwrap();
    let request = format!(
        "{{\"learner\": {learner}, \"target\": {{\"qualification\": \"mq-care-elderly\"}}, \"today\": \"2027-01-01\"}}"
    );
    let (status, body) = server.call(
        "POST",
        "/v1/paths",
        &[("content-type", "application/json")],
        request.as_bytes(),
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let mut search = search;
    // Scores are equal across generations built from the same data; the
    // generation number itself is not part of the comparison.
    if let Some(object) = search.as_object_mut() {
        object.remove("generation");
    }
    (search, serde_json::from_slice(&body).unwrap())
}

#[test]
fn sigkill_during_a_reindex_keeps_the_previous_generation_serving() {
    let dirs = dirs();
    assert!(index_command(&dirs, "build").status().unwrap().success());
    let first = current_generation(&dirs.index);
    let before = {
        let server = Server::start(&dirs.data, &dirs.index, &[]);
        probe(&server)
    };
    let mut killed_mid_build = 0;
    let points = kill_points(&[0, 2, 4]);
    for point in &points {
        let previous = current_generation(&dirs.index);
        let newest_before = newest_generation_dir(&dirs.index);
        let mut child = index_command(&dirs, "build").spawn().unwrap();
        // Wait until the build has visibly started (its generation folder
        // exists) or ended, then until the kill point.
        let started = Instant::now();
        while newest_generation_dir(&dirs.index) == newest_before
            && child.try_wait().unwrap().is_none()
            && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(*point);
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        let now = current_generation(&dirs.index);
        if finished {
            assert!(
                now > previous,
                "a finished build switched to its generation"
            );
        } else if now == previous {
            killed_mid_build += 1;
        } else {
            // Killed after the switch, while cleaning up: the new
            // generation must be complete (checked above).
            assert!(now > previous);
        }
    }
    assert!(
        killed_mid_build >= 2,
        "only {killed_mid_build} of {} kills landed in the middle of a build",
        points.len()
    );
    // Restart: the generation in use serves the same answers.
    let server = Server::start(&dirs.data, &dirs.index, &[]);
    assert_eq!(probe(&server), before, "answers changed after the crashes");
    server.kill();
    // And a later build is not blocked by what the killed ones left.
    assert!(index_command(&dirs, "build").status().unwrap().success());
    assert!(current_generation(&dirs.index) > first);
}

const KEY: &str = "fault-key";

fn key_env() -> Vec<(&'static str, String)> {
    vec![(
        "OPPEPALA_API_KEY_SHA256",
        oppepala::api::auth::hash_key(KEY),
    )]
}

fn start_with_key(dirs: &Dirs) -> Server {
    let env = key_env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Server::start(&dirs.data, &dirs.index, &env)
}

fn new_bite(id: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(support::root().join("data/bites.jsonl")).unwrap();
    let mut bite: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    bite["id"] = Value::String(id.into());
    serde_json::to_vec(&bite).unwrap()
}

fn put_bite(server: &Server, id: &str) -> u16 {
    let authorization = format!("Bearer {KEY}");
    let (status, body) = server.call(
        "PUT",
        &format!("/v1/bites/{id}"),
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
        ],
        &new_bite(id),
    );
    assert!(
        status == 201 || status == 200,
        "PUT {id}: {status} {}",
        String::from_utf8_lossy(&body)
    );
    status
}

#[test]
fn sigkill_after_an_accepted_bite_write_loses_nothing() {
    let dirs = dirs();
    let mut accepted = Vec::new();
    for (n, point) in kill_points(&[0, 3]).iter().enumerate() {
        let server = start_with_key(&dirs);
        let id = format!("fault-bite-{n}");
        put_bite(&server, &id);
        accepted.push(id);
        // The answer came; the index rebuild runs in the background. Kill
        // at a point in it.
        std::thread::sleep(*point);
        server.kill();
        // The generation in use after the crash is complete.
        current_generation(&dirs.index);
    }
    // A restart serves every accepted bite (a stale index is rebuilt at
    // start), by id and in search.
    let server = start_with_key(&dirs);
    for id in &accepted {
        let (status, body) = server.call("GET", &format!("/v1/bites/{id}"), &[], b"");
        assert_eq!(
            status,
            200,
            "{id} lost after SIGKILL: {}",
            String::from_utf8_lossy(&body)
        );
    }
    let (status, body) = server.call("GET", "/v1/bites?per_page=100&q=", &[], b"");
    assert_eq!(status, 200);
    let total = serde_json::from_slice::<Value>(&body).unwrap()["total"]
        .as_u64()
        .unwrap();
    let in_file = std::fs::read_to_string(dirs.data.join("bites.jsonl"))
        .unwrap()
        .lines()
        .count() as u64;
    assert_eq!(total, in_file, "search serves every bite in the file");
}

#[test]
fn sigkill_while_a_bite_write_is_in_flight_leaves_a_loadable_catalogue() {
    let dirs = dirs();
    for (n, point) in kill_points(&[1, 2]).iter().enumerate() {
        let server = start_with_key(&dirs);
        let port = server.port;
        let id = format!("inflight-bite-{n}");
        let body = new_bite(&id);
        // Send the write from another thread and kill without waiting for
        // the answer: the write may or may not have happened, but the
        // files are whole either way.
        let writer = std::thread::spawn(move || {
            let authorization = format!("Bearer {KEY}");
            support::http(
                port,
                "PUT",
                &format!("/v1/bites/{id}"),
                &[
                    ("content-type", "application/json"),
                    ("authorization", &authorization),
                ],
                &body,
            )
        });
        std::thread::sleep(*point);
        server.kill();
        let answer = writer.join().unwrap();
        let restarted = start_with_key(&dirs);
        // Acknowledged means durable.
        if let Some((status, _)) = answer
            && (status == 200 || status == 201)
        {
            let (status, _) =
                restarted.call("GET", &format!("/v1/bites/inflight-bite-{n}"), &[], b"");
            assert_eq!(status, 200, "an acknowledged write was lost");
        }
        restarted.kill();
        current_generation(&dirs.index);
    }
}
