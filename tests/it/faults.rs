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

// ---------------------------------------------------------------------
// Feedback appends, model writes and feed snapshots (issues #7 and #9).
// ---------------------------------------------------------------------

/// True when `SLOW_TESTS=1`: more kill points.
fn slow_tests() -> bool {
    std::env::var_os("SLOW_TESTS").is_some_and(|v| v == "1")
}

/// Waits until `ready()` holds (or `child` ended, or 120 s passed), then
/// `delay` more, then SIGKILLs `child`. Returns whether the process was
/// still running when it was killed (the kill interrupted it).
fn kill_after(child: &mut std::process::Child, ready: impl Fn() -> bool, delay: Duration) -> bool {
    let started = Instant::now();
    while !ready()
        && child.try_wait().unwrap().is_none()
        && started.elapsed() < Duration::from_secs(120)
    {
        std::thread::sleep(Duration::from_micros(200));
    }
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    child.kill().ok();
    child.wait().unwrap();
    running
}

/// Names in `dir` that are not in `known` (temporary files a killed
/// writer left, for instance).
fn other_files(dir: &Path, known: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| !known.contains(&name.as_str()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn first_bite_id() -> String {
    let text = std::fs::read_to_string(support::root().join("data/bites.jsonl")).unwrap();
    let bite: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    bite["id"].as_str().unwrap().to_string()
}

/// One feedback event for learner `id`, with features so lines are a few
/// hundred bytes and a batch spans several pages.
fn feedback_event(id: &str, bite: &str) -> Value {
    let features: serde_json::Map<String, Value> = (0..12)
        .map(|f| {
            (
                format!("feature_{f:02}"),
                Value::from(0.123_456_789 * f as f64),
            )
        })
        .collect();
    serde_json::json!({
        "learner": id, "bite": bite, "event": "shown",
        "time": "2027-01-04T09:30:00Z", "features": features,
    })
}

/// The learner ids in the feedback log, in order, and the skipped lines.
fn logged_ids(dir: &Path) -> (Vec<String>, Vec<String>) {
    let read = oppepala::ml::feedback::read_dir(dir).expect("the feedback log reads");
    (
        read.events.into_iter().map(|e| e.event.learner).collect(),
        read.skipped,
    )
}

/// The bytes of every file of the feedback log.
fn log_bytes(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    oppepala::ml::feedback::log_files(dir)
        .unwrap()
        .into_iter()
        .map(|(_, path)| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Earlier lines are never rewritten: every file that existed before is a
/// prefix of itself now.
fn assert_append_only(before: &[(PathBuf, Vec<u8>)]) {
    for (path, old) in before {
        let now = std::fs::read(path).unwrap_or_default();
        assert!(
            now.len() >= old.len() && now[..old.len()] == old[..],
            "{} was rewritten, not appended to",
            path.display()
        );
    }
}

#[test]
fn sigkill_during_feedback_posts_loses_no_acknowledged_event() {
    let dirs = dirs();
    let feedback = dirs._tmp.path().join("feedback");
    let feedback_env = feedback.display().to_string();
    // Small files, so rotations happen under the stream too.
    let env = [
        ("OPPEPALA_FEEDBACK_DIR", feedback_env.as_str()),
        ("OPPEPALA_FEEDBACK_ROTATE_BYTES", "200000"),
        ("OPPEPALA_RATE_LIMIT_WRITE_PER_MINUTE", "0"),
        ("OPPEPALA_FEEDBACK_UNAUTHENTICATED_EVENTS_PER_HOUR", "0"),
        ("OPPEPALA_FEEDBACK_UNAUTHENTICATED_EVENTS_PER_DAY", "0"),
    ];
    let bite = first_bite_id();
    let delays: Vec<Duration> = if slow_tests() {
        [0, 30, 120, 350, 800, 1500]
            .map(Duration::from_millis)
            .to_vec()
    } else {
        [60, 400].map(Duration::from_millis).to_vec()
    };
    let mut acknowledged: Vec<String> = Vec::new();
    let mut sent: std::collections::HashSet<String> = Default::default();
    let mut in_flight_at_kill = 0;
    for (round, delay) in delays.iter().enumerate() {
        let server = Server::start(&dirs.data, &dirs.index, &env);
        let before = log_bytes(&feedback);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let posted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        // Two clients post batches of 40 events back to back until the
        // server is gone; each returns the ids acknowledged and the ids of
        // the batch without an answer.
        let clients: Vec<_> = (0..2)
            .map(|client| {
                let (port, bite, stop, posted) =
                    (server.port, bite.clone(), stop.clone(), posted.clone());
                std::thread::spawn(move || {
                    let mut acked = Vec::new();
                    let mut sent = Vec::new();
                    let mut unanswered = Vec::new();
                    for batch in 0.. {
                        if stop.load(std::sync::atomic::Ordering::SeqCst) {
                            break;
                        }
                        let ids: Vec<String> = (0..40)
                            .map(|i| format!("fault-r{round}-c{client}-b{batch}-e{i}"))
                            .collect();
                        let events: Vec<Value> =
                            ids.iter().map(|id| feedback_event(id, &bite)).collect();
                        let body =
                            serde_json::to_vec(&serde_json::json!({"events": events})).unwrap();
                        sent.extend(ids.iter().cloned());
                        match support::http(
                            port,
                            "POST",
                            "/v1/feedback",
                            &[("content-type", "application/json")],
                            &body,
                        ) {
                            Some((200, answer)) => {
                                let answer: Value = serde_json::from_slice(&answer).unwrap();
                                assert_eq!(answer["accepted"], 40);
                                acked.extend(ids);
                                posted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                            }
                            Some((status, answer)) => panic!(
                                "POST /v1/feedback: {status} {}",
                                String::from_utf8_lossy(&answer)
                            ),
                            None => {
                                unanswered = ids;
                                break;
                            }
                        }
                    }
                    (acked, sent, unanswered)
                })
            })
            .collect();
        // Kill once the stream runs (a few batches acknowledged), after
        // the round's delay.
        let started = Instant::now();
        while posted.load(std::sync::atomic::Ordering::SeqCst) < 3
            && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(*delay);
        server.kill();
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        for client in clients {
            let (acked, client_sent, unanswered) = client.join().unwrap();
            acknowledged.extend(acked);
            sent.extend(client_sent);
            if !unanswered.is_empty() {
                in_flight_at_kill += 1;
            }
        }
        assert_append_only(&before);
        let (ids, skipped) = logged_ids(&feedback);
        let logged: std::collections::HashSet<&String> = ids.iter().collect();
        let lost: Vec<&String> = acknowledged
            .iter()
            .filter(|id| !logged.contains(id))
            .collect();
        assert!(
            lost.is_empty(),
            "round {round}: {} acknowledged events lost, e.g. {:?}",
            lost.len(),
            lost.first()
        );
        assert!(
            ids.iter().all(|id| sent.contains(id)),
            "an event nobody sent is in the log"
        );
        assert_eq!(
            ids.len(),
            logged.len(),
            "round {round}: an event is in the log twice"
        );
        eprintln!(
            "feedback round {round}: killed {delay:?} into the stream; {} acknowledged, {} logged, {} skipped",
            acknowledged.len(),
            ids.len(),
            skipped.len()
        );
        // One crash can tear at most the line being written.
        assert!(
            skipped.len() <= round + 1,
            "round {round}: {} lines skipped: {skipped:?}",
            skipped.len()
        );
    }
    assert!(
        in_flight_at_kill >= 1,
        "no kill landed while a batch was in flight"
    );

    // A kill inside one write() can also cut a line short (a fatal signal
    // stops a large write at a page boundary). Make that torn tail by hand
    // and restart: the server writes on after it, the reader skips only it.
    let (_, newest) = oppepala::ml::feedback::log_files(&feedback)
        .unwrap()
        .pop()
        .unwrap();
    let (_, skipped_before) = logged_ids(&feedback);
    let mut bytes = std::fs::read(&newest).unwrap();
    let torn = serde_json::to_vec(&feedback_event("fault-torn-event", &bite)).unwrap();
    bytes.extend_from_slice(&torn[..torn.len() / 2]);
    std::fs::write(&newest, &bytes).unwrap();
    let server = Server::start(&dirs.data, &dirs.index, &env);
    let events: Vec<Value> = (0..3)
        .map(|i| feedback_event(&format!("fault-after-{i}"), &bite))
        .collect();
    let (status, answer) = server.call(
        "POST",
        "/v1/feedback",
        &[("content-type", "application/json")],
        &serde_json::to_vec(&serde_json::json!({ "events": events })).unwrap(),
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&answer));
    server.kill();
    let (ids, skipped) = logged_ids(&feedback);
    assert_eq!(skipped.len(), skipped_before.len() + 1, "{skipped:?}");
    assert!(!ids.iter().any(|id| id == "fault-torn-event"));
    for id in acknowledged.iter().map(String::as_str).chain([
        "fault-after-0",
        "fault-after-1",
        "fault-after-2",
    ]) {
        assert!(ids.iter().any(|logged| logged == id), "{id} lost");
    }
    // `feedback stats` reads the whole log and names the torn lines.
    let output = Command::new(env!("CARGO_BIN_EXE_oppepala"))
        .args(["feedback", "stats", "--dir"])
        .arg(&feedback)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.starts_with(&format!(
            "{} events, {} lines skipped",
            ids.len(),
            skipped.len()
        )),
        "{stdout}"
    );
}

#[test]
fn sigkill_during_feedback_append_on_the_command_line_keeps_a_prefix() {
    let tmp = tempfile::tempdir().unwrap();
    let feedback = tmp.path().join("feedback");
    let bite = first_bite_id();
    let input: Vec<String> = (0..30_000)
        .map(|i| feedback_event(&format!("cli-event-{i:06}"), &bite).to_string())
        .collect();
    let delays: Vec<Duration> = if slow_tests() {
        [0, 5, 20, 60, 150, 400].map(Duration::from_millis).to_vec()
    } else {
        [10, 100].map(Duration::from_millis).to_vec()
    };
    let append = |from: usize| {
        let file = tmp.path().join("events.jsonl");
        std::fs::write(&file, input[from..].join("\n")).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_oppepala"));
        command
            .args(["feedback", "append", "--batch", "200", "--dir"])
            .arg(&feedback)
            .arg(&file)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    let mut interrupted = 0;
    let mut done = 0;
    for delay in &delays {
        let before = log_bytes(&feedback);
        let (ids, _) = logged_ids(&feedback);
        let mut child = append(ids.len()).spawn().unwrap();
        let size = log_size(&feedback);
        let grew = || log_size(&feedback) > size;
        if kill_after(&mut child, grew, *delay) {
            interrupted += 1;
        }
        assert_append_only(&before);
        // What the log holds is the input's first events, in order, each
        // once; a torn last line is skipped.
        let (ids, skipped) = logged_ids(&feedback);
        assert_eq!(ids[..], input_ids(&input)[..ids.len()], "not a prefix");
        assert!(skipped.len() <= interrupted, "{skipped:?}");
        done = ids.len();
    }
    assert!(interrupted >= 1, "no kill landed while appending");
    // Appending the rest afterwards completes the log.
    assert!(append(done).status().unwrap().success());
    let (ids, skipped) = logged_ids(&feedback);
    assert_eq!(ids, input_ids(&input));
    assert!(skipped.len() <= interrupted);
}

fn log_size(dir: &Path) -> u64 {
    oppepala::ml::feedback::log_files(dir)
        .unwrap()
        .iter()
        .map(|(_, path)| std::fs::metadata(path).map_or(0, |m| m.len()))
        .sum()
}

fn input_ids(input: &[String]) -> Vec<String> {
    input
        .iter()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["learner"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

const SPACE_FILE: &str = "skill_space.bin";
const RANKER_FILE: &str = "ranker.bin";
const DEMAND_MODEL_FILE: &str = "demand-forecast.json";

fn model_file(models: &Path, name: &str) -> Option<Vec<u8>> {
    std::fs::read(models.join(name)).ok()
}

/// Checks the model files in `models` after a kill: each is byte for byte
/// the file from before, or a whole new model whose header is the one a
/// run without a kill wrote; and all of them load as the service loads
/// them. Returns which files were replaced.
fn check_models(models: &Path, before: &[(&str, Vec<u8>)], reference: &Path) -> Vec<String> {
    use oppepala::ml::{model_file, ranker, space};
    let mut replaced = Vec::new();
    for (name, old) in before {
        let now = model_file(models, name).unwrap_or_else(|| panic!("{name} is gone"));
        if now == *old {
            continue;
        }
        replaced.push(name.to_string());
        match *name {
            SPACE_FILE | RANKER_FILE => {
                let header = |path: &Path| {
                    if *name == SPACE_FILE {
                        model_file::read::<space::SkillSpace>(
                            path,
                            space::KIND,
                            space::FORMAT_VERSION,
                        )
                        .map(|(header, _)| header)
                    } else {
                        model_file::read::<ranker::Logistic>(
                            path,
                            ranker::KIND,
                            ranker::FORMAT_VERSION,
                        )
                        .map(|(header, _)| header)
                    }
                    .unwrap_or_else(|e| panic!("{name} does not load: {e}"))
                };
                let (got, want) = (header(&models.join(name)), header(&reference.join(name)));
                assert_eq!(got.training_sha256, want.training_sha256, "{name}");
                assert_eq!(got.metrics.get("dim"), want.metrics.get("dim"), "{name}");
            }
            _ => {
                let got = oppepala::demand::load_model(&models.join(name))
                    .unwrap_or_else(|e| panic!("{name} does not load: {e}"))
                    .expect("present");
                let want = oppepala::demand::load_model(&reference.join(name))
                    .unwrap()
                    .unwrap();
                assert_eq!(
                    serde_json::to_value(&got).unwrap(),
                    serde_json::to_value(&want).unwrap(),
                    "{name} is neither the old nor the new model"
                );
            }
        }
    }
    oppepala::ml::Models::load(models).expect("the models load");
    replaced
}

#[test]
fn sigkill_during_model_training_keeps_loadable_models_that_serve() {
    let tmp = tempfile::tempdir().unwrap();
    let data = support::copy_default_data(tmp.path());
    let index = tmp.path().join("index");
    // Train on other data than the shipped models were (8 dimensions, half
    // of the feedback log, half of the demand series), so a replaced file
    // can be told from the old one.
    let feedback = tmp.path().join("feedback");
    std::fs::create_dir_all(&feedback).unwrap();
    let log = std::fs::read_to_string(
        support::root().join("data/feedback-simulated/events-000001.jsonl"),
    )
    .unwrap();
    let lines: Vec<&str> = log.lines().collect();
    std::fs::write(
        feedback.join("events-000001.jsonl"),
        lines[..lines.len() / 2].join("\n"),
    )
    .unwrap();
    let mut store =
        oppepala::demand::signals::load_store(&support::root().join("data/demand/signals.json"))
            .unwrap();
    store.series.truncate(store.series.len() / 2);
    std::fs::create_dir_all(data.join("demand")).unwrap();
    std::fs::write(data.join("demand/signals.json"), store.to_json()).unwrap();
    let models = tmp.path().join("models");
    let reference = tmp.path().join("reference");
    std::fs::create_dir_all(&models).unwrap();
    for name in [SPACE_FILE, RANKER_FILE, DEMAND_MODEL_FILE] {
        std::fs::copy(support::root().join("models").join(name), models.join(name)).unwrap();
    }
    let train = |models: &Path, demand: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_oppepala"));
        command.arg("train");
        if demand {
            command.arg("demand");
        }
        command
            .arg("--data-dir")
            .arg(&data)
            .arg("--models-dir")
            .arg(models)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if !demand {
            command
                .arg("--feedback-dir")
                .arg(&feedback)
                .args(["--dim", "8"]);
        }
        command
    };
    // A run without a kill gives the new models and the durations.
    let mut took = Vec::new();
    for demand in [false, true] {
        let started = Instant::now();
        assert!(train(&reference, demand).status().unwrap().success());
        took.push(started.elapsed());
    }
    // Kill points: right after the first file was replaced (between the
    // skill space and the ranker), when a temporary file shows up (inside
    // a write), and at shares of a full run.
    let inode = |path: &Path| {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).map_or(0, |m| m.ino())
    };
    let known = [SPACE_FILE, RANKER_FILE, DEMAND_MODEL_FILE];
    let mut points: Vec<(bool, &str, f64)> = vec![
        (false, "first file replaced", 0.0),
        (true, "temporary file", 0.0),
    ];
    if slow_tests() {
        // Shares of the reference run's duration land less surely (the
        // machine's load changes), so only the slow run has them.
        points.extend([
            (false, "temporary file", 0.0),
            (false, "time", 0.2),
            (false, "time", 0.6),
            (true, "time", 0.3),
        ]);
    }
    let mut replaced_any = Vec::new();
    for (demand, when, share) in points {
        let before: Vec<(&str, Vec<u8>)> = known
            .iter()
            .map(|name| (*name, model_file(&models, name).unwrap()))
            .collect();
        let space_inode = inode(&models.join(SPACE_FILE));
        // Files an earlier kill left behind are not a sign of this run.
        let left_before = other_files(&models, &known);
        let mut child = train(&models, demand).spawn().unwrap();
        let started = Instant::now();
        let full = took[usize::from(demand)];
        let ready = || match when {
            "first file replaced" => inode(&models.join(SPACE_FILE)) != space_inode,
            "temporary file" => other_files(&models, &known)
                .iter()
                .any(|name| !left_before.contains(name)),
            _ => started.elapsed() >= full.mul_f64(share),
        };
        let interrupted = kill_after(&mut child, ready, Duration::ZERO);
        let replaced = check_models(&models, &before, &reference);
        eprintln!(
            "train{}: killed at {when} {share}: interrupted {interrupted}, replaced {replaced:?}, left {:?}",
            if demand { " demand" } else { "" },
            other_files(&models, &known)
        );
        replaced_any.extend(replaced);
    }
    // A server on these files serves, with the ranker that is on disk;
    // temporary files a killed writer left are not taken for models.
    let models_env = models.display().to_string();
    let server = Server::start(
        &data,
        &index,
        &[("OPPEPALA_MODELS_DIR", models_env.as_str())],
    );
    let learner =
        std::fs::read_to_string(support::root().join("data/examples/ru-care-worker.json")).unwrap();
    let (status, body) = server.call(
        "POST",
        "/v1/recommendations",
        &[("content-type", "application/json")],
        format!("{{\"learner\": {learner}, \"k\": 2, \"today\": \"2027-01-01\"}}").as_bytes(),
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let answer: Value = serde_json::from_slice(&body).unwrap();
    let models_loaded = oppepala::ml::Models::load(&models).unwrap();
    assert_eq!(answer["model"]["version"], models_loaded.ranker.version());
    server.kill();

    // What the kills left (and one more, planted as a killed writer of an
    // older version leaves it) is removed by the next write into the folder
    // once it is older than any write takes; a fresh one stays, as it may
    // be another process's write in progress.
    let planted = models.join(".tmpKi11ed");
    std::fs::write(&planted, b"half a model").unwrap();
    let left = other_files(&models, &known);
    eprintln!("left by the kills and planted: {left:?}");
    for name in &left {
        let file = std::fs::File::options()
            .write(true)
            .open(models.join(name))
            .unwrap();
        file.set_modified(std::time::SystemTime::now() - oppepala::atomic::STALE_AFTER * 2)
            .unwrap();
    }
    let fresh = oppepala::atomic::temp_in(&models)
        .unwrap()
        .keep()
        .unwrap()
        .1;
    assert!(train(&models, false).status().unwrap().success());
    let fresh_name = fresh.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(other_files(&models, &known), [fresh_name]);
}

/// A feed server on 127.0.0.1 (plain threads): serves a large valid long
/// CSV slowly, each version with other values, or answers 503 when down.
struct FeedServer {
    port: u16,
    version: std::sync::Arc<std::sync::atomic::AtomicU64>,
    down: std::sync::Arc<std::sync::atomic::AtomicBool>,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

const FEED_REGIONS: &[&str] = &[
    "EE-37", "EE-39", "EE-44", "EE-49", "EE-51", "EE-57", "EE-59", "EE-65", "EE-67", "EE-70",
    "EE-74", "EE-78", "EE-82", "EE-84", "EE-86",
];
const FEED_MONTHS: u64 = 48;

/// The feed's body for `version`: every occupation × county × month, the
/// value `1000 · version + month`, so a snapshot tells its version.
fn feed_csv(occupations: &[String], version: u64) -> Vec<u8> {
    let mut csv = String::from("subject,region,period,value,unit,source\n");
    for occupation in occupations {
        for region in FEED_REGIONS {
            for m in 0..FEED_MONTHS {
                csv.push_str(&format!(
                    "{occupation},{region},{}-{:02},{},vacancies,fault test feed\n",
                    2022 + m / 12,
                    m % 12 + 1,
                    1000 * version + m
                ));
            }
        }
    }
    csv.into_bytes()
}

fn feed_server(occupations: Vec<String>) -> FeedServer {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let server = FeedServer {
        port: listener.local_addr().unwrap().port(),
        version: Default::default(),
        down: Default::default(),
        requests: Default::default(),
    };
    let (version, down, requests) = (
        server.version.clone(),
        server.down.clone(),
        server.requests.clone(),
    );
    let occupations = std::sync::Arc::new(occupations);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let (version, down, requests, occupations) = (
                version.clone(),
                down.clone(),
                requests.clone(),
                occupations.clone(),
            );
            std::thread::spawn(move || {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if stream.read(&mut byte).unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                requests.fetch_add(1, Ordering::SeqCst);
                if down.load(Ordering::SeqCst) {
                    let _ = stream.write_all(
                        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                    return;
                }
                let version = version.load(Ordering::SeqCst);
                let body = feed_csv(&occupations, version);
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {}\r\nETag: \"v{version}\"\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                if stream.write_all(head.as_bytes()).is_err() {
                    return;
                }
                // About a second for the whole body.
                for chunk in body.chunks(16 << 10) {
                    if stream.write_all(chunk).is_err() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            });
        }
    });
    server
}

/// The version of the feed snapshot in `data`, checking that it loads as
/// the service loads it.
fn snapshot_version(data: &Path, occupations: usize) -> u64 {
    let store = oppepala::demand::signals::load_store(&data.join("demand/feeds/fault.json"))
        .expect("the snapshot loads");
    assert_eq!(
        store.series.len(),
        occupations * FEED_REGIONS.len(),
        "the snapshot is whole"
    );
    let last = *store.series[0].values.last().unwrap();
    let version = (last as u64 - (FEED_MONTHS - 1)) / 1000;
    for series in &store.series {
        assert_eq!(series.values.len() as u64, FEED_MONTHS);
        assert_eq!(
            *series.values.last().unwrap(),
            last,
            "one version throughout"
        );
    }
    version
}

#[test]
fn sigkill_during_a_feed_snapshot_write_keeps_the_previous_snapshot_in_use() {
    use std::sync::atomic::Ordering;
    let tmp = tempfile::tempdir().unwrap();
    let data = support::copy_default_data(tmp.path());
    let index = tmp.path().join("index");
    let empty_models = tmp.path().join("models");
    std::fs::create_dir_all(&empty_models).unwrap();
    let taxonomy = oppepala::taxonomy::Taxonomy::load(data.join("taxonomy.bin")).unwrap();
    let occupations: Vec<String> = taxonomy
        .occupations()
        .take(8)
        .map(|o| o.uri().to_string())
        .collect();
    let feed = feed_server(occupations.clone());
    let config = tmp.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[demand]\ntimeout_ms = 60000\nretries = 0\nbackoff_ms = 10\n\n\
             [[demand.feeds]]\nname = \"fault\"\nurl = \"http://127.0.0.1:{}/feed.csv\"\nformat = \"csv\"\n",
            feed.port
        ),
    )
    .unwrap();
    let pull = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_oppepala"));
        command
            .args(["demand", "pull", "--config"])
            .arg(&config)
            .arg("--data-dir")
            .arg(&data)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    feed.version.store(1, Ordering::SeqCst);
    assert!(pull().status().unwrap().success());
    assert_eq!(snapshot_version(&data, occupations.len()), 1);
    let feeds = data.join("demand/feeds");
    let known = ["fault.json", "fault.meta.json"];
    // Kill while the body streams in (by time after the request came) and
    // while the snapshot is written (a temporary file in the folder).
    let points: Vec<(&str, Duration)> = if slow_tests() {
        vec![
            ("request", Duration::ZERO),
            ("request", Duration::from_millis(300)),
            ("request", Duration::from_millis(700)),
            ("temporary file", Duration::ZERO),
            ("temporary file", Duration::from_micros(500)),
        ]
    } else {
        vec![
            ("request", Duration::from_millis(300)),
            ("temporary file", Duration::ZERO),
        ]
    };
    let mut kept = 0;
    for (round, (when, delay)) in points.into_iter().enumerate() {
        let previous = snapshot_version(&data, occupations.len());
        let previous_bytes = std::fs::read(feeds.join("fault.json")).unwrap();
        let new = round as u64 + 2;
        feed.version.store(new, Ordering::SeqCst);
        let requests = feed.requests.load(Ordering::SeqCst);
        // Files an earlier kill left behind are not a sign of this pull.
        let left_before = other_files(&feeds, &known);
        let mut child = pull().spawn().unwrap();
        let ready = || match when {
            "request" => feed.requests.load(Ordering::SeqCst) > requests,
            _ => other_files(&feeds, &known)
                .iter()
                .any(|name| !left_before.contains(name)),
        };
        let interrupted = kill_after(&mut child, ready, delay);
        let now = snapshot_version(&data, occupations.len());
        eprintln!(
            "demand pull killed at {when} + {delay:?}: interrupted {interrupted}, snapshot v{previous} -> v{now}, left {:?}",
            other_files(&feeds, &known)
        );
        if now == previous {
            assert_eq!(
                std::fs::read(feeds.join("fault.json")).unwrap(),
                previous_bytes,
                "the previous snapshot is intact"
            );
            kept += 1;
        } else {
            assert_eq!(now, new, "a replaced snapshot is the new one, whole");
        }
        // The validators file is whole too.
        let meta: Value =
            serde_json::from_slice(&std::fs::read(feeds.join("fault.meta.json")).unwrap())
                .expect("the meta file is whole");
        assert!(meta["fetched_at"].is_u64());
    }
    assert!(kept >= 1, "no kill landed before the snapshot was replaced");
    // Restart with the feed down: the snapshot on disk is what is served;
    // temporary files a killed pull left are not read.
    feed.down.store(true, Ordering::SeqCst);
    let on_disk = snapshot_version(&data, occupations.len());
    let (config_env, models_env) = (
        config.display().to_string(),
        empty_models.display().to_string(),
    );
    let server = Server::start(
        &data,
        &index,
        &[
            ("OPPEPALA_CONFIG", config_env.as_str()),
            ("OPPEPALA_MODELS_DIR", models_env.as_str()),
        ],
    );
    let uri: String = form_urlencoded::byte_serialize(occupations[0].as_bytes()).collect();
    let (status, body) = server.call(
        "GET",
        &format!("/v1/demand?occupation={uri}&region=EE-37"),
        &[],
        b"",
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let answer: Value = serde_json::from_slice(&body).unwrap();
    let history = answer["history"].as_array().unwrap();
    assert_eq!(history.len() as u64, FEED_MONTHS, "{answer}");
    assert_eq!(
        history.last().unwrap()["value"].as_f64().unwrap(),
        (1000 * on_disk + FEED_MONTHS - 1) as f64,
        "the server serves the snapshot on disk"
    );
    server.kill();
}

/// SIGTERM lets requests in flight finish, but not forever: with a client
/// that started a cohort and never ends its body, the service still exits
/// within `shutdown_timeout_ms` (it waited for that request for good).
#[test]
fn sigterm_ends_the_service_within_the_shutdown_deadline() {
    use std::io::Write;
    let dirs = dirs();
    let mut server = Server::start(
        &dirs.data,
        &dirs.index,
        &[("OPPEPALA_SHUTDOWN_TIMEOUT_MS", "1000")],
    );
    let mut client = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let line = format!(
        "{{\"id\": 1, \"learner\": {}}}\n",
        std::fs::read_to_string(support::root().join("data/examples/ru-care-worker.json"))
            .unwrap()
            .replace('\n', " ")
    );
    write!(
        client,
        "POST /v1/cohorts/recommendations HTTP/1.1\r\nHost: test\r\n\
         Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n\
         {:x}\r\n{line}\r\n",
        line.len()
    )
    .unwrap();
    client.flush().unwrap();
    // The request is in flight; its body never ends.
    std::thread::sleep(Duration::from_millis(500));
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let signalled = Instant::now();
    let exited = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break Some(status);
        }
        if signalled.elapsed() > Duration::from_secs(20) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let waited = signalled.elapsed();
    assert!(exited.is_some(), "still running {waited:?} after SIGTERM");
    assert!(waited < Duration::from_secs(10), "exited after {waited:?}");
    drop(client);
}
