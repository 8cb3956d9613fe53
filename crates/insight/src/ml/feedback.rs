//! Where do outcomes go? The feedback log: JSON Lines files in one folder,
//! appended a batch at a time and synced before the batch is acknowledged,
//! rotated by size (`events-000001.jsonl`, `events-000002.jsonl`, …).
//!
//! A crash while appending can leave at most a torn last line (part of the
//! batch being written, never acknowledged): the next writer starts a fresh
//! line after it, and the reader skips lines that do not parse, counting
//! them. Earlier lines are never rewritten.
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

/// An open feedback log: appends to the newest file, rotating by size.
#[derive(Debug)]
pub struct FeedbackLog {
    dir: PathBuf,
    rotate_bytes: u64,
    number: u32,
    file: File,
    size: u64,
}

impl FeedbackLog {
    /// Opens (creating the folder if needed) the log in `dir`; a file
    /// reaching `rotate_bytes` is closed and the next batch starts a new one.
    pub fn open(dir: &Path, rotate_bytes: u64) -> Result<Self, FeedbackError> {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let number = log_files(dir)?.last().map_or(1, |(n, _)| *n);
        let (file, size) = open_file(dir, number)?;
        // The first file may have just been created: make its name durable
        // before events go into it, as a rotation does.
        sync_dir(dir);
        Ok(Self {
            dir: dir.to_path_buf(),
            rotate_bytes: rotate_bytes.max(1),
            number,
            file,
            size,
        })
    }

    /// The file being appended to.
    pub fn current_path(&self) -> PathBuf {
        self.dir.join(file_name(self.number))
    }

    /// Appends `events` as one write and syncs it: when this returns `Ok`,
    /// every event is on disk.
    pub fn append(&mut self, events: &[LoggedEvent]) -> Result<(), FeedbackError> {
        if events.is_empty() {
            return Ok(());
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
        }
        let path = self.current_path();
        self.file.write_all(&buffer).map_err(io(&path))?;
        self.file.sync_data().map_err(io(&path))?;
        self.size += buffer.len() as u64;
        Ok(())
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
