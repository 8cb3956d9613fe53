//! Where do outcomes go? The feedback log: JSON Lines files in one folder,
//! appended a batch at a time and synced before the batch is acknowledged,
//! rotated by size (`events-000001.jsonl`, `events-000002.jsonl`, …).
//!
//! A crash while appending can leave at most a torn last line (part of the
//! batch being written, never acknowledged): the next writer starts a fresh
//! line after it, and the reader skips lines that do not parse, counting
//! them. Earlier lines are never rewritten.
//!
//! Retention ([`Retention`]): when the log is opened and at each rotation,
//! closed files older than the age limit, and the oldest closed files while
//! the folder holds more than the size limit, are deleted whole (an unlink
//! is atomic; the file being appended to is never deleted), so nothing
//! within both limits is lost and no file is ever left half written.
//!
//! Events carry a pseudonymous learner id only. [`check_learner_id`] refuses
//! ids that look like personal data (e-mail addresses, phone numbers,
//! Estonian personal identification codes, names with spaces); the event
//! type itself has no room for a profile.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use oppepala_core::domain::FeedbackEvent;

/// One line of the log: the event, and the ranker features of the item
/// when the client echoed them from the recommendation that showed it
/// (numbers about the item and its fit, not the profile).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedEvent {
    /// The event.
    #[serde(flatten)]
    pub event: FeedbackEvent,
    /// What was recommended (`mq-…` or an occupation URI) when the event is about a target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The ranker features of the item when it was shown, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub features: BTreeMap<String, f64>,
    /// Sent to `POST /v1/feedback` without an API key: kept, but training
    /// does not learn outcomes (`completed`, `dropped`, `employed`) from
    /// it. Absent (false) on events sent with a key and on events an
    /// operator appended (`oppepala feedback append`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unauthenticated: bool,
}

/// What can go wrong with the log.
#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    /// Reading or writing failed.
    #[error("feedback log {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> FeedbackError + '_ {
    move |source| FeedbackError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Why a learner id is refused, or `None` when it is acceptable: 4–128
/// characters of letters, digits and `-_.:`, not an e-mail address, not a
/// phone number or personal code (seven or more digits and nothing else).
pub fn check_learner_id(id: &str) -> Option<&'static str> {
    if id.contains('@') {
        return Some("looks like an e-mail address; send a pseudonymous id");
    }
    if id.chars().any(char::is_whitespace) {
        return Some("contains spaces (a name?); send a pseudonymous id");
    }
    if !(4..=128).contains(&id.chars().count()) {
        return Some("must be 4 to 128 characters");
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
    {
        return Some("may hold only letters, digits and - _ . :");
    }
    let digits = id.chars().filter(char::is_ascii_digit).count();
    let stripped: String = id
        .chars()
        .filter(|c| !matches!(c, '-' | '.' | ':'))
        .collect();
    if digits >= 7 && stripped.chars().all(|c| c.is_ascii_digit() || c == '+') {
        return Some("looks like a phone number or personal code; send a pseudonymous id");
    }
    None
}

/// The name of the `n`th log file.
fn file_name(n: u32) -> String {
    format!("events-{n:06}.jsonl")
}

/// The log files in `dir`, oldest first, with their numbers.
pub fn log_files(dir: &Path) -> Result<Vec<(u32, PathBuf)>, FeedbackError> {
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(io(dir)(e)),
    };
    for entry in entries {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if let Some(n) = name
            .strip_prefix("events-")
            .and_then(|r| r.strip_suffix(".jsonl"))
            .and_then(|n| n.parse::<u32>().ok())
        {
            files.push((n, entry.path()));
        }
    }
    files.sort();
    Ok(files)
}

/// How much of the log is kept: closed files are deleted, oldest first,
/// past either limit. `None` is no limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    /// The most bytes of log files in the folder (the file being appended
    /// to counts, but is never deleted).
    pub max_bytes: Option<u64>,
    /// A closed file last written longer ago than this is deleted (its
    /// newest event is at most that old).
    pub max_age: Option<std::time::Duration>,
}

/// What a retention pass deleted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    /// The files deleted, oldest first.
    pub files: Vec<PathBuf>,
    /// Their bytes.
    pub bytes: u64,
    /// Bytes of log files left in the folder.
    pub kept_bytes: u64,
}

impl Pruned {
    /// Logs what retention deleted (nothing when it deleted nothing).
    pub fn log(&self) {
        if !self.files.is_empty() {
            tracing::info!(
                files = self.files.len(),
                bytes = self.bytes,
                kept_bytes = self.kept_bytes,
                "feedback retention: oldest log files deleted (feedback_max_bytes, feedback_max_age_days)"
            );
        }
    }
}

/// Deletes the closed log files of `dir` that `retention` no longer keeps:
/// every file but the newest (the one appended to) last modified before
/// `now - max_age`, then the oldest ones while the files hold more than
/// `max_bytes`. Whole files only, oldest first; the folder is synced after.
pub fn prune(
    dir: &Path,
    retention: Retention,
    now: std::time::SystemTime,
) -> Result<Pruned, FeedbackError> {
    let files = log_files(dir)?;
    let mut sized = Vec::with_capacity(files.len());
    for (_, path) in files {
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            // Deleted meanwhile (another pass): nothing to do for it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(&path)(e)),
        };
        sized.push((path, meta.len(), meta.modified().ok()));
    }
    let mut total: u64 = sized.iter().map(|(_, len, _)| len).sum();
    let mut pruned = Pruned::default();
    let closed = sized.len().saturating_sub(1);
    for (path, len, modified) in sized.into_iter().take(closed) {
        let too_old = match (retention.max_age, modified) {
            (Some(age), Some(modified)) => now
                .duration_since(modified)
                .is_ok_and(|elapsed| elapsed > age),
            _ => false,
        };
        let too_much = retention.max_bytes.is_some_and(|max| total > max);
        if !(too_old || too_much) {
            continue;
        }
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path)(e)),
        }
        total -= len;
        pruned.bytes += len;
        pruned.files.push(path);
    }
    if !pruned.files.is_empty() {
        sync_dir(dir);
    }
    pruned.kept_bytes = total;
    Ok(pruned)
}

/// An open feedback log: appends to the newest file, rotating by size.
#[derive(Debug)]
pub struct FeedbackLog {
    dir: PathBuf,
    rotate_bytes: u64,
    retention: Retention,
    number: u32,
    file: File,
    size: u64,
}

impl FeedbackLog {
    /// Opens (creating the folder if needed) the log in `dir`; a file
    /// reaching `rotate_bytes` is closed and the next batch starts a new
    /// one. Keeps every file (see [`FeedbackLog::open_with_retention`]).
    pub fn open(dir: &Path, rotate_bytes: u64) -> Result<Self, FeedbackError> {
        Self::open_with_retention(dir, rotate_bytes, Retention::default()).map(|(log, _)| log)
    }

    /// Opens the log as [`FeedbackLog::open`] does, applies `retention`
    /// at once and again after each rotation, and says what the first
    /// pass deleted.
    pub fn open_with_retention(
        dir: &Path,
        rotate_bytes: u64,
        retention: Retention,
    ) -> Result<(Self, Pruned), FeedbackError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let number = log_files(dir)?.last().map_or(1, |(n, _)| *n);
        let (file, size) = open_file(dir, number)?;
        // The first file may have just been created: make its name durable
        // before events go into it, as a rotation does.
        sync_dir(dir);
        let pruned = prune(dir, retention, std::time::SystemTime::now())?;
        Ok((
            Self {
                dir: dir.to_path_buf(),
                rotate_bytes: rotate_bytes.max(1),
                retention,
                number,
                file,
                size,
            },
            pruned,
        ))
    }

    /// The file being appended to.
    pub fn current_path(&self) -> PathBuf {
        self.dir.join(file_name(self.number))
    }

    /// Appends `events` as one write and syncs it: when this returns `Ok`,
    /// every event is on disk. Says what retention deleted when the batch
    /// started a new file (else nothing).
    pub fn append(&mut self, events: &[LoggedEvent]) -> Result<Pruned, FeedbackError> {
        let mut pruned = Pruned::default();
        if events.is_empty() {
            return Ok(pruned);
        }
        let mut buffer = Vec::new();
        for event in events {
            serde_json::to_writer(&mut buffer, event).expect("an event serializes");
            buffer.push(b'\n');
        }
        if self.size > 0 && self.size + buffer.len() as u64 > self.rotate_bytes {
            self.number += 1;
            let (file, size) = open_file(&self.dir, self.number)?;
            self.file = file;
            self.size = size;
            // Make the new file's name durable before events go into it.
            sync_dir(&self.dir);
            if self.retention != Retention::default() {
                pruned = prune(&self.dir, self.retention, std::time::SystemTime::now())?;
            }
        }
        let path = self.current_path();
        self.file.write_all(&buffer).map_err(io(&path))?;
        self.file.sync_data().map_err(io(&path))?;
        self.size += buffer.len() as u64;
        Ok(pruned)
    }
}

/// Syncs `dir` itself, so a file just created in it survives a crash
/// (best effort: some file systems cannot sync a folder).
fn sync_dir(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// Opens file `number` for appending; if a crash left it ending in a torn
/// line, ends that line first so the next event starts on its own.
fn open_file(dir: &Path, number: u32) -> Result<(File, u64), FeedbackError> {
    let path = dir.join(file_name(number));
    let mut file = OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(&path)
        .map_err(io(&path))?;
    let mut size = file.metadata().map_err(io(&path))?.len();
    if size > 0 {
        let mut last = [0u8; 1];
        file.seek(SeekFrom::Start(size - 1)).map_err(io(&path))?;
        file.read_exact(&mut last).map_err(io(&path))?;
        if last[0] != b'\n' {
            file.write_all(b"\n").map_err(io(&path))?;
            file.sync_data().map_err(io(&path))?;
            size += 1;
        }
    }
    Ok((file, size))
}

/// What reading the log found.
#[derive(Debug, Default)]
pub struct ReadLog {
    /// The events, in file order.
    pub events: Vec<LoggedEvent>,
    /// Lines that did not parse (torn by a crash, or edited by hand), as `file:line`.
    pub skipped: Vec<String>,
}

/// Reads every event in `dir`, and in each folder directly inside it
/// (one folder per writer: replicas each append to their own, see
/// deploy/deployment.yaml), skipping lines that do not parse. Training
/// sorts the events by time, so the order of folders does not matter.
pub fn read_dir(dir: &Path) -> Result<ReadLog, FeedbackError> {
    let mut log = ReadLog::default();
    for (_, path) in log_files(dir)? {
        read_file_into(&path, &mut log)?;
    }
    let mut writers = Vec::new();
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry.map_err(io(dir))?;
                if entry.file_type().map_err(io(dir))?.is_dir() {
                    writers.push(entry.path());
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(dir)(e)),
    }
    writers.sort();
    for writer in writers {
        for (_, path) in log_files(&writer)? {
            read_file_into(&path, &mut log)?;
        }
    }
    Ok(log)
}

/// Reads one log file into `log`.
pub fn read_file_into(path: &Path, log: &mut ReadLog) -> Result<(), FeedbackError> {
    let file = File::open(path).map_err(io(path))?;
    for (i, line) in BufReader::new(file).split(b'\n').enumerate() {
        let line = line.map_err(io(path))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<LoggedEvent>(&line) {
            Ok(event) => log.events.push(event),
            Err(_) => log.skipped.push(format!("{}:{}", path.display(), i + 1)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_of_every_writer_folder_are_read() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let line = |id: &str| {
            format!(
                "{{\"learner\":\"{id}\",\"target\":\"mq-care-home\",\"event\":\"shown\",\"time\":\"2026-01-01T00:00:00Z\"}}\n"
            )
        };
        std::fs::write(dir.path().join(file_name(1)), line("top-0001")).expect("write");
        for pod in ["oppepala-a", "oppepala-b"] {
            std::fs::create_dir(dir.path().join(pod)).expect("mkdir");
            std::fs::write(dir.path().join(pod).join(file_name(1)), line(pod)).expect("write");
        }
        std::fs::create_dir(dir.path().join("oppepala-a").join("deeper")).expect("mkdir");
        let log = read_dir(dir.path()).expect("read");
        assert!(log.skipped.is_empty(), "{:?}", log.skipped);
        assert_eq!(log.events.len(), 3);
    }

    fn shown(learner: &str) -> LoggedEvent {
        LoggedEvent {
            event: FeedbackEvent {
                learner: learner.into(),
                bite: None,
                path: vec![],
                event: oppepala_core::domain::FeedbackKind::Shown,
                time: chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a time"),
            },
            target: Some("mq-care-home".into()),
            features: BTreeMap::new(),
            unauthenticated: false,
        }
    }

    #[test]
    fn the_unauthenticated_mark_is_written_only_when_set_and_read_back() {
        let mut event = shown("tk-0001");
        let line = serde_json::to_string(&event).expect("json");
        assert!(!line.contains("unauthenticated"), "{line}");
        event.unauthenticated = true;
        let line = serde_json::to_string(&event).expect("json");
        assert!(line.contains("\"unauthenticated\":true"), "{line}");
        let back: LoggedEvent = serde_json::from_str(&line).expect("read back");
        assert!(back.unauthenticated);
    }

    /// Files 1..=n of `size` bytes each, file k last modified `ages[k-1]`
    /// days ago.
    fn files(dir: &Path, ages_days: &[u64], size: usize) {
        let now = std::time::SystemTime::now();
        for (k, age) in ages_days.iter().enumerate() {
            let path = dir.join(file_name(k as u32 + 1));
            std::fs::write(&path, vec![b'\n'; size]).expect("write");
            let file = File::options().write(true).open(&path).expect("open");
            file.set_modified(now - std::time::Duration::from_secs(age * 86_400))
                .expect("set mtime");
        }
    }

    fn names(dir: &Path) -> Vec<u32> {
        log_files(dir)
            .expect("list")
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn retention_deletes_old_files_and_the_oldest_past_the_size_but_never_the_current() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let day = std::time::Duration::from_secs(86_400);
        // Ages: 1 and 2 are 40 and 35 days old, 3–5 recent.
        files(dir.path(), &[40, 35, 3, 2, 1], 100);
        let none = prune(
            dir.path(),
            Retention::default(),
            std::time::SystemTime::now(),
        )
        .expect("prune");
        assert!(none.files.is_empty());
        assert_eq!(names(dir.path()), [1, 2, 3, 4, 5]);
        let by_age = Retention {
            max_bytes: None,
            max_age: Some(30 * day),
        };
        let pruned = prune(dir.path(), by_age, std::time::SystemTime::now()).expect("prune");
        assert_eq!(pruned.bytes, 200);
        assert_eq!(pruned.kept_bytes, 300);
        assert_eq!(names(dir.path()), [3, 4, 5]);
        // 300 bytes kept within 250: the oldest goes (3), 200 is within.
        let by_size = Retention {
            max_bytes: Some(250),
            max_age: None,
        };
        let pruned = prune(dir.path(), by_size, std::time::SystemTime::now()).expect("prune");
        assert_eq!(pruned.files, [dir.path().join(file_name(3))]);
        assert_eq!(names(dir.path()), [4, 5]);
        // Even past both limits the file being appended to stays.
        let tight = Retention {
            max_bytes: Some(1),
            max_age: Some(day / 2),
        };
        prune(dir.path(), tight, std::time::SystemTime::now()).expect("prune");
        assert_eq!(names(dir.path()), [5]);
        assert_eq!(
            std::fs::read(dir.path().join(file_name(5)))
                .expect("read")
                .len(),
            100
        );
    }

    #[test]
    fn retention_runs_at_open_and_at_each_rotation() {
        let dir = tempfile::tempdir().expect("a temp dir");
        files(dir.path(), &[100, 1], 300);
        let retention = Retention {
            max_bytes: Some(1_000),
            max_age: Some(std::time::Duration::from_secs(30 * 86_400)),
        };
        let (mut log, pruned) =
            FeedbackLog::open_with_retention(dir.path(), 400, retention).expect("open");
        assert_eq!(pruned.files, [dir.path().join(file_name(1))]);
        assert_eq!(names(dir.path()), [2]);
        // Each batch of 3 events (> 100 bytes each) fills a file past 400
        // bytes; rotating keeps the newest files within 1 000 bytes.
        let mut deleted = 0;
        for i in 0..12 {
            let batch: Vec<LoggedEvent> =
                (0..3).map(|j| shown(&format!("tk-{i:02}-{j}"))).collect();
            deleted += log.append(&batch).expect("append").files.len();
        }
        let kept: u64 = log_files(dir.path())
            .expect("list")
            .iter()
            .map(|(_, p)| std::fs::metadata(p).expect("meta").len())
            .sum();
        let current = std::fs::metadata(log.current_path()).expect("meta").len();
        assert!(deleted > 0);
        assert!(kept <= 1_000 + current, "{kept}");
        // What is left is the newest events, whole.
        let read = read_dir(dir.path()).expect("read");
        assert!(read.skipped.is_empty());
        let last = read.events.last().expect("events");
        assert_eq!(last.event.learner, "tk-11-2");
        let first = read.events.first().expect("events").event.learner.clone();
        let firsts: Vec<String> = (0..12).map(|i| format!("tk-{i:02}-0")).collect();
        assert!(firsts.contains(&first), "{first}: files start with a batch");
    }

    #[test]
    fn learner_ids_that_look_personal_are_refused() {
        for ok in ["a1b2c3d4", "learner-42", "tk:2027:00017", "7f3a9c1e-1b2c"] {
            assert_eq!(check_learner_id(ok), None, "{ok}");
        }
        for bad in [
            "mari@example.ee",
            "Mari Maasikas",
            "38001010000",
            "+372 5555 1234",
            "+37255551234",
            "555-12-345",
            "ab",
            "õpilane",
        ] {
            assert!(check_learner_id(bad).is_some(), "{bad}");
        }
    }
}
