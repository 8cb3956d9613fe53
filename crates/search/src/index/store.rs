//! Where on disk is the index, and how is a new one put in place safely?
//!
//! An index root (default `index/`) holds generations `gen-000001/`, … each
//! with a bite index (`bites/`), a skill index (`skills/`) and a
//! `manifest.json` whose `complete: true` is written last. The `CURRENT`
//! file names the generation in use and is replaced atomically (write a
//! temporary file, fsync, rename, fsync the folder), so a build that fails,
//! panics or is killed leaves the previous generation in use. Readers open
//! the generation `CURRENT` names if it is complete, else the newest
//! complete one; incomplete generations are never opened.
//!
//! Snapshots for other machines (DESIGN.md §7) are one tar archive: a
//! `snapshot.json` listing every file with its size and SHA-256, then the
//! files. Import verifies everything into a scratch folder before the new
//! generation becomes current, so a corrupt or truncated archive changes
//! nothing.
//!
//! This module must never know of HTTP or the planner; it moves files.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::ops::ControlFlow;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tantivy::Index;

use super::IndexError;
use super::bites::{self, BiteIndex};
use super::skills::{self, SkillIndex, SkillLabel, SkillLabels};
use oppepala_core::domain::Bite;

/// The index root when none is configured (DESIGN.md §6: `index/`).
pub const DEFAULT_ROOT: &str = "index";
/// The on-disk format of a generation; a reader refuses other versions.
pub const FORMAT_VERSION: u32 = 1;
const CURRENT_FILE: &str = "CURRENT";
const MANIFEST_FILE: &str = "manifest.json";
const SNAPSHOT_FILE: &str = "snapshot.json";
const GENERATION_PREFIX: &str = "gen-";
/// Complete generations kept by [`IndexDir::clean`], besides the current one.
const KEEP_COMPLETE: usize = 2;
/// How often (in documents) the build reports progress.
const PROGRESS_EVERY: usize = 1_000;
/// The indexing memory budget per writer thread.
const MEMORY_PER_THREAD: usize = 128 * 1024 * 1024;

/// What a generation holds, written into its `manifest.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT_VERSION`] of the writer.
    pub format_version: u32,
    /// The generation number.
    pub generation: u64,
    /// Bites indexed.
    pub n_bites: u64,
    /// Skill labels indexed.
    pub n_skill_labels: u64,
    /// Distinct skills among the labels.
    pub n_skills: u64,
    /// SHA-256 (hex) of the inputs: every bite and label as a line of JSON,
    /// in order.
    pub inputs_sha256: String,
    /// When the build finished, seconds since 1970 (UTC).
    pub created_unix: u64,
    /// Written `true` only after both indexes are committed and synced.
    pub complete: bool,
}

/// How far a build has come, passed to the progress callback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildProgress {
    /// Bites added to the writer so far, of `total`.
    Bites {
        /// Done.
        done: usize,
        /// All.
        total: usize,
    },
    /// Skill labels added so far, of `total`.
    SkillLabels {
        /// Done.
        done: usize,
        /// All.
        total: usize,
    },
    /// Committing the bite index to disk (the skill index follows).
    Committing,
    /// The new generation is complete and about to become current.
    Switching {
        /// Its number.
        generation: u64,
    },
}

/// What a build or import produced.
#[derive(Clone, Debug)]
pub struct BuildReport {
    /// The new current generation.
    pub generation: u64,
    /// Its folder.
    pub path: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// How long it took.
    pub elapsed: Duration,
}

impl BuildReport {
    /// Bites indexed per second of the whole build.
    pub fn bites_per_second(&self) -> f64 {
        self.manifest.n_bites as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// An opened generation: both indexes and the manifest.
#[derive(Debug)]
pub struct OpenIndex {
    /// The bite index.
    pub bites: BiteIndex,
    /// The skill-label index.
    pub skills: SkillIndex,
    /// The generation's manifest.
    pub manifest: Manifest,
    /// The generation's folder.
    pub path: PathBuf,
}

impl OpenIndex {
    /// Opens the generation in `path`; refuses an incomplete one.
    pub fn open(path: &Path) -> Result<Self, IndexError> {
        let manifest = read_manifest(path)?;
        if !manifest.complete {
            return Err(IndexError::BadManifest {
                path: path.join(MANIFEST_FILE),
                message: "generation is incomplete".into(),
            });
        }
        let bites = BiteIndex::open(Index::open_in_dir(path.join("bites"))?)?;
        let skills = SkillIndex::open(Index::open_in_dir(path.join("skills"))?)?;
        Ok(OpenIndex {
            bites,
            skills,
            manifest,
            path: path.to_path_buf(),
        })
    }
}

/// A generation folder found under the root.
#[derive(Clone, Debug)]
pub struct Generation {
    /// Its number.
    pub number: u64,
    /// Its folder.
    pub path: PathBuf,
    /// Its manifest, when it is complete and of this format.
    pub manifest: Option<Manifest>,
}

impl Generation {
    /// Whether it may be opened.
    pub fn is_complete(&self) -> bool {
        self.manifest.is_some()
    }
}

/// The index root folder and its generations.
#[derive(Clone, Debug)]
pub struct IndexDir {
    root: PathBuf,
}

impl IndexDir {
    /// The index root at `root` (need not exist yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn generation_path(&self, number: u64) -> PathBuf {
        self.root.join(format!("{GENERATION_PREFIX}{number:06}"))
    }

    /// Every generation folder, oldest first.
    pub fn generations(&self) -> Result<Vec<Generation>, IndexError> {
        let entries = match fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(IndexError::io("read folder", &self.root)(e)),
        };
        let mut generations = Vec::new();
        for entry in entries {
            let entry = entry.map_err(IndexError::io("read folder", &self.root))?;
            let name = entry.file_name();
            let Some(number) = name
                .to_str()
                .and_then(|n| n.strip_prefix(GENERATION_PREFIX))
                .and_then(|n| n.parse::<u64>().ok())
            else {
                continue;
            };
            let path = entry.path();
            let manifest = read_manifest(&path)
                .ok()
                .filter(|m| m.complete && m.format_version == FORMAT_VERSION);
            generations.push(Generation {
                number,
                path,
                manifest,
            });
        }
        generations.sort_by_key(|g| g.number);
        Ok(generations)
    }

    /// The generation named by `CURRENT`, if the file exists and parses.
    fn current_pointer(&self) -> Option<u64> {
        let text = fs::read_to_string(self.root.join(CURRENT_FILE)).ok()?;
        text.trim().strip_prefix(GENERATION_PREFIX)?.parse().ok()
    }

    /// The generation in use: the one `CURRENT` names when it is complete,
    /// else the newest complete one.
    pub fn current(&self) -> Result<Option<Generation>, IndexError> {
        let generations = self.generations()?;
        let pointer = self.current_pointer();
        let named = generations
            .iter()
            .find(|g| Some(g.number) == pointer && g.is_complete());
        Ok(named
            .or_else(|| generations.iter().rev().find(|g| g.is_complete()))
            .cloned())
    }

    /// Opens the generation in use.
    pub fn open(&self) -> Result<OpenIndex, IndexError> {
        let generation = self.current()?.ok_or_else(|| IndexError::NoIndex {
            root: self.root.clone(),
        })?;
        OpenIndex::open(&generation.path)
    }

    /// Makes a complete generation current (a swap, or a rollback).
    pub fn switch_to(&self, number: u64) -> Result<(), IndexError> {
        let path = self.generation_path(number);
        let manifest = read_manifest(&path)?;
        if !manifest.complete || manifest.format_version != FORMAT_VERSION {
            return Err(IndexError::BadManifest {
                path: path.join(MANIFEST_FILE),
                message: "generation is incomplete or of another format".into(),
            });
        }
        write_atomically(
            &self.root.join(CURRENT_FILE),
            format!("{GENERATION_PREFIX}{number:06}\n").as_bytes(),
        )
    }

    /// Removes old generations: keeps the current one and the newest
    /// `KEEP_COMPLETE` complete ones, incomplete ones newer than the
    /// current (they may be builds in progress), and complete ones of
    /// another format version (another program's). Returns the removed
    /// numbers.
    pub fn clean(&self) -> Result<Vec<u64>, IndexError> {
        let Some(current) = self.current()? else {
            return Ok(Vec::new());
        };
        let generations = self.generations()?;
        let newest_complete: Vec<u64> = generations
            .iter()
            .rev()
            .filter(|g| g.is_complete())
            .take(KEEP_COMPLETE)
            .map(|g| g.number)
            .collect();
        let mut removed = Vec::new();
        for generation in generations {
            let keep = generation.number == current.number
                || newest_complete.contains(&generation.number)
                || (!generation.is_complete() && generation.number > current.number)
                || is_foreign(&generation.path);
            if !keep {
                fs::remove_dir_all(&generation.path)
                    .map_err(IndexError::io("remove", &generation.path))?;
                removed.push(generation.number);
            }
        }
        Ok(removed)
    }

    /// Creates the folder of a new generation numbered above every existing
    /// one; `create_dir` fails on a folder that exists, so two builders
    /// never share one.
    fn new_generation(&self) -> Result<(u64, PathBuf), IndexError> {
        fs::create_dir_all(&self.root).map_err(IndexError::io("create folder", &self.root))?;
        let mut number = self.generations()?.last().map_or(1, |g| g.number + 1);
        loop {
            let path = self.generation_path(number);
            match fs::create_dir(&path) {
                Ok(()) => return Ok((number, path)),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => number += 1,
                Err(e) => return Err(IndexError::io("create folder", &path)(e)),
            }
        }
    }
}

/// Removes an unfinished generation folder when dropped (on error or
/// panic), unless disarmed.
struct RemoveOnDrop(Option<PathBuf>);

impl RemoveOnDrop {
    fn disarm(&mut self) {
        self.0 = None;
    }
}

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            // Best effort: a folder left behind is incomplete, never opened,
            // and removed by a later clean.
            let _ = fs::remove_dir_all(path);
        }
    }
}

/// Feeds JSON into a hash.
struct HashWriter<'a>(&'a mut Sha256);

impl Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Adds one input record to the inputs hash as a line of JSON. (A compact
/// binary form would be cheaper, but the domain types skip empty optional
/// fields, and without field names two different records could then
/// encode alike.)
fn hash_input(hasher: &mut Sha256, value: &impl Serialize, path: &Path) -> Result<(), IndexError> {
    serde_json::to_writer(HashWriter(hasher), value)
        .map_err(|e| IndexError::io("hash", path)(e.into()))?;
    hasher.update(b"\n");
    Ok(())
}

fn writer_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
}

/// Builds a new generation from `bites` and skill `labels` under `root` and
/// makes it current. `progress` is called every thousand documents and at
/// each stage; returning `ControlFlow::Break` cancels the build. On any
/// error, cancellation or panic, the previous generation stays current.
pub fn build(
    root: &Path,
    bites: &[Bite],
    labels: impl IntoIterator<Item = SkillLabel>,
    mut progress: impl FnMut(&BuildProgress) -> ControlFlow<()>,
) -> Result<BuildReport, IndexError> {
    let started = Instant::now();
    let dir = IndexDir::new(root);
    let labels = SkillLabels::new(labels);
    let (number, path) = dir.new_generation()?;
    let mut guard = RemoveOnDrop(Some(path.clone()));
    let mut manifest = Manifest {
        format_version: FORMAT_VERSION,
        generation: number,
        n_bites: bites.len() as u64,
        n_skill_labels: labels.len() as u64,
        n_skills: labels.n_skills() as u64,
        inputs_sha256: String::new(),
        created_unix: 0,
        complete: false,
    };
    write_manifest(&path, &manifest)?;
    let mut check = |event: BuildProgress| match progress(&event) {
        ControlFlow::Continue(()) => Ok(()),
        ControlFlow::Break(()) => Err(IndexError::Cancelled),
    };

    let mut hasher = Sha256::new();
    let threads = writer_threads();
    let bites_path = path.join("bites");
    fs::create_dir(&bites_path).map_err(IndexError::io("create folder", &bites_path))?;
    let index = bites::create_index(Some(&bites_path))?;
    let (_, fields) = bites::schema();
    let mut writer: tantivy::IndexWriter =
        index.writer_with_num_threads(threads, threads * MEMORY_PER_THREAD)?;
    // One segment per writer thread and memory budget is already few; a
    // merge would rewrite the whole index once more for little gain.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for (i, bite) in bites.iter().enumerate() {
        if i % PROGRESS_EVERY == 0 {
            check(BuildProgress::Bites {
                done: i,
                total: bites.len(),
            })?;
        }
        hash_input(&mut hasher, bite, &path)?;
        writer.add_document(bites::bite_document(&fields, bite, &labels))?;
    }
    check(BuildProgress::Bites {
        done: bites.len(),
        total: bites.len(),
    })?;
    // Commit before the skill writer starts so that the two writers'
    // memory budgets are never held at once.
    check(BuildProgress::Committing)?;
    writer.commit()?;
    writer.wait_merging_threads()?;

    let skills_path = path.join("skills");
    fs::create_dir(&skills_path).map_err(IndexError::io("create folder", &skills_path))?;
    let skill_index = skills::create_index(Some(&skills_path))?;
    let (_, skill_fields) = skills::schema();
    let mut skill_writer: tantivy::IndexWriter =
        skill_index.writer_with_num_threads(threads, threads * MEMORY_PER_THREAD)?;
    skill_writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let n_labels = labels.len();
    for (i, label) in labels.labels().iter().enumerate() {
        if i % PROGRESS_EVERY == 0 {
            check(BuildProgress::SkillLabels {
                done: i,
                total: n_labels,
            })?;
        }
        hash_input(&mut hasher, label, &path)?;
        skill_writer.add_document(skills::label_document(&skill_fields, label))?;
    }
    check(BuildProgress::SkillLabels {
        done: n_labels,
        total: n_labels,
    })?;

    skill_writer.commit()?;
    skill_writer.wait_merging_threads()?;
    sync_dir(&bites_path)?;
    sync_dir(&skills_path)?;

    manifest.inputs_sha256 = hex(&hasher.finalize());
    manifest.created_unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    check(BuildProgress::Switching { generation: number })?;
    // Open before switching: a generation that cannot be read never
    // becomes current.
    manifest.complete = true;
    write_manifest(&path, &manifest)?;
    OpenIndex::open(&path)?;
    dir.switch_to(number)?;
    guard.disarm();
    clean_after_switch(&dir);
    Ok(BuildReport {
        generation: number,
        path,
        manifest,
        elapsed: started.elapsed(),
    })
}

/// Removes old generations once a new one is current. A failure here
/// costs disk space only, so it is logged, not returned: the build or
/// import itself succeeded.
fn clean_after_switch(dir: &IndexDir) {
    if let Err(error) = dir.clean() {
        tracing::warn!(index.root = %dir.root().display(), %error, "could not remove old index generations");
    }
}

/// One file in a snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct SnapshotFile {
    path: String,
    size: u64,
    sha256: String,
}

/// The first entry of a snapshot archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Snapshot {
    format_version: u32,
    manifest: Manifest,
    files: Vec<SnapshotFile>,
    /// SHA-256 of the `files` list as JSON: one checksum for the whole.
    files_sha256: String,
}

/// Writes the current generation under `root` into one archive `file`
/// (written to a temporary name, then renamed). Returns its manifest.
pub fn export(root: &Path, file: &Path) -> Result<Manifest, IndexError> {
    let generation = IndexDir::new(root)
        .current()?
        .ok_or_else(|| IndexError::NoIndex {
            root: root.to_path_buf(),
        })?;
    let manifest = read_manifest(&generation.path)?;
    let mut files = Vec::new();
    collect_files(&generation.path, &generation.path, &mut files)?;
    files.sort();
    let mut listed = Vec::with_capacity(files.len());
    for relative in &files {
        let full = generation.path.join(relative);
        let (size, sha256) = hash_file(&full)?;
        listed.push(SnapshotFile {
            path: relative.clone(),
            size,
            sha256,
        });
    }
    let files_sha256 = hex(&Sha256::digest(
        serde_json::to_vec(&listed).expect("file list serializes"),
    ));
    let snapshot = Snapshot {
        format_version: FORMAT_VERSION,
        manifest: manifest.clone(),
        files: listed,
        files_sha256,
    };

    // A temporary file beside `file` (removed when dropped on an error).
    let folder = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = oppepala_core::atomic::temp_in(folder).map_err(IndexError::io("create", file))?;
    let write_err = || IndexError::io("write", file);
    let mut archive = tar::Builder::new(BufWriter::new(temp));
    let snapshot_json = serde_json::to_vec_pretty(&snapshot).expect("snapshot serializes");
    append(
        &mut archive,
        SNAPSHOT_FILE,
        snapshot_json.len() as u64,
        &snapshot_json[..],
    )
    .map_err(write_err())?;
    for entry in &snapshot.files {
        let full = generation.path.join(&entry.path);
        let source = File::open(&full).map_err(IndexError::io("read", &full))?;
        append(&mut archive, &entry.path, entry.size, source).map_err(write_err())?;
    }
    let temp = archive
        .into_inner()
        .and_then(|w| w.into_inner().map_err(|e| e.into_error()))
        .map_err(write_err())?;
    temp.as_file()
        .sync_all()
        .map_err(IndexError::io("sync", file))?;
    oppepala_core::atomic::persist(temp, file).map_err(IndexError::io("rename", file))?;
    Ok(manifest)
}

fn append(
    archive: &mut tar::Builder<impl Write>,
    name: &str,
    size: u64,
    data: impl Read,
) -> io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o644);
    header.set_mtime(0);
    header.set_entry_type(tar::EntryType::Regular);
    header.set_cksum();
    archive.append_data(&mut header, name, data)
}

/// Reads a snapshot archive `file`, verifies every file against its listed
/// size and SHA-256, installs it as a new generation under `root` and makes
/// it current. A corrupt, truncated or foreign archive is refused and
/// changes nothing.
pub fn import(root: &Path, file: &Path) -> Result<BuildReport, IndexError> {
    let started = Instant::now();
    let dir = IndexDir::new(root);
    fs::create_dir_all(root).map_err(IndexError::io("create folder", root))?;
    let scratch = tempfile::Builder::new()
        .prefix(".import-")
        .tempdir_in(root)
        .map_err(IndexError::io("create folder", root))?;
    let input = File::open(file).map_err(IndexError::io("open", file))?;
    let mut archive = tar::Archive::new(io::BufReader::new(input));
    let bad = |message: String| IndexError::BadSnapshot(message);
    let mut entries = archive
        .entries()
        .map_err(|e| bad(format!("not a tar archive: {e}")))?;

    let snapshot: Snapshot = {
        let mut first = entries
            .next()
            .ok_or_else(|| bad("the archive is empty".into()))?
            .map_err(|e| bad(format!("unreadable entry: {e}")))?;
        let name = first.path().map(|p| p.to_path_buf()).unwrap_or_default();
        if name != Path::new(SNAPSHOT_FILE) {
            return Err(bad(format!("the first entry is not {SNAPSHOT_FILE}")));
        }
        let mut text = Vec::new();
        first
            .read_to_end(&mut text)
            .map_err(|e| bad(format!("{SNAPSHOT_FILE}: {e}")))?;
        serde_json::from_slice(&text).map_err(|e| bad(format!("{SNAPSHOT_FILE}: {e}")))?
    };
    if snapshot.format_version != FORMAT_VERSION {
        return Err(bad(format!(
            "format version {} (this program reads {FORMAT_VERSION})",
            snapshot.format_version
        )));
    }
    let listed_sha = hex(&Sha256::digest(
        serde_json::to_vec(&snapshot.files).expect("file list serializes"),
    ));
    if listed_sha != snapshot.files_sha256 {
        return Err(bad("the file list does not match its checksum".into()));
    }
    let mut expected: std::collections::BTreeMap<&str, &SnapshotFile> = snapshot
        .files
        .iter()
        .map(|f| (f.path.as_str(), f))
        .collect();

    for entry in entries {
        let mut entry = entry.map_err(|e| bad(format!("unreadable entry: {e}")))?;
        let name = entry
            .path()
            .map_err(|e| bad(format!("bad entry name: {e}")))?
            .to_string_lossy()
            .into_owned();
        let listed = expected
            .remove(name.as_str())
            .ok_or_else(|| bad(format!("unexpected or repeated entry {name:?}")))?;
        let relative = Path::new(&name);
        if !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(bad(format!("entry {name:?} leaves the snapshot folder")));
        }
        let target = scratch.path().join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(IndexError::io("create folder", parent))?;
        }
        let mut out = File::create(&target).map_err(IndexError::io("create", &target))?;
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 64 * 1024];
        let mut size = 0u64;
        loop {
            let n = entry
                .read(&mut buffer)
                .map_err(|e| bad(format!("{name}: {e}")))?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
            out.write_all(&buffer[..n])
                .map_err(IndexError::io("write", &target))?;
            size += n as u64;
        }
        if size != listed.size || hex(&hasher.finalize()) != listed.sha256 {
            return Err(bad(format!(
                "{name}: size or checksum differs from the list"
            )));
        }
        out.sync_all().map_err(IndexError::io("sync", &target))?;
    }
    if let Some(missing) = expected.keys().next() {
        return Err(bad(format!(
            "the archive is truncated: {missing:?} is missing"
        )));
    }
    let manifest = read_manifest(scratch.path())?;
    if !manifest.complete || manifest != snapshot.manifest {
        return Err(bad(
            "its manifest is incomplete or disagrees with the list".into()
        ));
    }
    // Can tantivy read it? Checked before it can become current.
    OpenIndex::open(scratch.path())?;

    let (number, path) = dir.new_generation()?;
    // The empty folder made to reserve the number is replaced by the scratch one.
    fs::remove_dir(&path).map_err(IndexError::io("remove", &path))?;
    let scratch_path = scratch.keep();
    let mut scratch_guard = RemoveOnDrop(Some(scratch_path.clone()));
    fs::rename(&scratch_path, &path).map_err(IndexError::io("rename", &path))?;
    scratch_guard.disarm();
    let mut guard = RemoveOnDrop(Some(path.clone()));
    let mut manifest = manifest;
    manifest.generation = number;
    write_manifest(&path, &manifest)?;
    sync_dir(root)?;
    dir.switch_to(number)?;
    guard.disarm();
    clean_after_switch(&dir);
    Ok(BuildReport {
        generation: number,
        path,
        manifest,
        elapsed: started.elapsed(),
    })
}

fn collect_files(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), IndexError> {
    for entry in fs::read_dir(dir).map_err(IndexError::io("read folder", dir))? {
        let entry = entry.map_err(IndexError::io("read folder", dir))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(IndexError::io("read", &path))?;
        if kind.is_dir() {
            collect_files(base, &path, out)?;
        } else if kind.is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // tantivy's lock files are empty and belong to the writer.
            if name.ends_with(".lock") {
                continue;
            }
            let relative = path.strip_prefix(base).expect("inside base");
            out.push(
                relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    Ok(())
}

fn hash_file(path: &Path) -> Result<(u64, String), IndexError> {
    let mut file = File::open(path).map_err(IndexError::io("read", path))?;
    let mut hasher = Sha256::new();
    let size =
        io::copy(&mut file, &mut HashWriter(&mut hasher)).map_err(IndexError::io("read", path))?;
    Ok((size, hex(&hasher.finalize())))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a generation is complete but of another format version: written
/// by another version of this program, so not this one's to remove.
fn is_foreign(generation: &Path) -> bool {
    let Ok(text) = fs::read(generation.join(MANIFEST_FILE)) else {
        return false;
    };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&text) else {
        return false;
    };
    value["complete"] == serde_json::Value::Bool(true)
        && value["format_version"].as_u64() != Some(u64::from(FORMAT_VERSION))
}

fn read_manifest(generation: &Path) -> Result<Manifest, IndexError> {
    let path = generation.join(MANIFEST_FILE);
    let text = fs::read(&path).map_err(IndexError::io("read", &path))?;
    let manifest: Manifest =
        serde_json::from_slice(&text).map_err(|e| IndexError::BadManifest {
            path: path.clone(),
            message: e.to_string(),
        })?;
    if manifest.format_version != FORMAT_VERSION {
        return Err(IndexError::BadManifest {
            path,
            message: format!(
                "format version {} (this program reads {FORMAT_VERSION})",
                manifest.format_version
            ),
        });
    }
    Ok(manifest)
}

fn write_manifest(generation: &Path, manifest: &Manifest) -> Result<(), IndexError> {
    let json = serde_json::to_vec_pretty(manifest).expect("manifest serializes");
    write_atomically(&generation.join(MANIFEST_FILE), &json)
}

/// Writes `bytes` to `path` whole or not at all (`atomic::write`).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), IndexError> {
    oppepala_core::atomic::write(path, bytes).map_err(IndexError::io("write", path))
}

fn sync_dir(dir: &Path) -> Result<(), IndexError> {
    // Opening a folder read-only and syncing it makes a rename in it durable
    // on Linux; other systems may refuse, which costs durability only.
    match File::open(dir) {
        Ok(handle) => {
            let _ = handle.sync_all();
            Ok(())
        }
        Err(e) => Err(IndexError::io("open folder", dir)(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_digits() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }

    #[test]
    fn generation_folders_are_zero_padded() {
        let dir = IndexDir::new("/srv/index");
        assert_eq!(dir.generation_path(12), Path::new("/srv/index/gen-000012"));
    }
}
