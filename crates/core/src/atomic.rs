//! How is a file replaced so that neither a reader nor a crash ever sees
//! part of it? Every file the program writes whole (taxonomy, catalogue,
//! index manifests and snapshots, models, demand store and feed snapshots)
//! goes through [`write()`]: a temporary file in the same folder, synced,
//! renamed over the target, and the folder synced.
//!
//! A writer killed inside a write leaves its temporary file behind. Nothing
//! reads it (files are opened by name), and the next write into the same
//! folder removes temporary files older than [`STALE_AFTER`]: older than any
//! write takes, so a file another process is writing right now (replicas
//! share folders) is never touched.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How every temporary file of [`write()`] and [`temp_in`] is named:
/// `.oppepala-<random>.tmp`.
pub const TEMP_PREFIX: &str = ".oppepala-";
/// See [`TEMP_PREFIX`].
pub const TEMP_SUFFIX: &str = ".tmp";

/// A temporary file older than this is a killed writer's, never a live one.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// Writes `bytes` to `path` so that readers see the old file or the new
/// one, never a mix, and a crash leaves one of the two. Creates the folder
/// if needed. The file is readable by all (`0644`): what is written this
/// way is public data or models, never a learner's profile.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    fs::create_dir_all(&dir)?;
    sweep(&dir, STALE_AFTER);
    let mut file = temp_in(&dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    persist(file, path)
}

/// A new temporary file in `dir`, named as [`write()`] names them (so a
/// later [`sweep`] finds it if its writer dies), readable by all; for
/// writers that stream and then [`persist`].
pub fn temp_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let file = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    // tempfile creates files readable by the owner only; the service often
    // runs as another user than the command that wrote the file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    Ok(file)
}

/// Renames a synced temporary file over `path` and syncs the folder, so
/// the rename itself survives a crash.
pub fn persist(file: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    file.persist(path).map_err(|e| e.error)?;
    // Not every platform can open a folder; that costs durability only.
    if let Ok(dir) = File::open(folder_of(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes the temporary files in `dir` last changed more than
/// `older_than` ago: this program's (`.oppepala-*.tmp`) and those of
/// versions before it (`.tmpXXXXXX`, `.taxonomy-*.tmp`, `NAME.<pid>.tmp`).
/// Returns how many were removed; errors only mean fewer are.
pub fn sweep(dir: &Path, older_than: Duration) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !is_temp(name) {
            continue;
        }
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > older_than);
        if meta.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether `name` is a temporary file name of [`write()`] or of an earlier
/// version's writers.
pub fn is_temp(name: &str) -> bool {
    // tempfile's default: ".tmp" and six random letters or digits.
    let tempfile_default = name.len() == 10
        && name.starts_with(".tmp")
        && name[4..].bytes().all(|b| b.is_ascii_alphanumeric());
    // The index's old `NAME.<pid>.tmp`.
    let with_pid = name
        .strip_suffix(TEMP_SUFFIX)
        .and_then(|rest| rest.rsplit_once('.'))
        .is_some_and(|(stem, pid)| {
            !stem.is_empty() && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
        });
    let ours = (name.starts_with(TEMP_PREFIX) || name.starts_with(".taxonomy-"))
        && name.ends_with(TEMP_SUFFIX);
    ours || tempfile_default || with_pid
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(path: &Path, by: Duration) {
        let file = File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - by).unwrap();
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/models.bin");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["models.bin"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn a_write_removes_stale_temporary_files_and_keeps_fresh_ones() {
        let dir = tempfile::tempdir().unwrap();
        let stale = temp_in(dir.path()).unwrap().keep().unwrap().1;
        let fresh = temp_in(dir.path()).unwrap().keep().unwrap().1;
        let old_kinds = [".tmpAb12Cd", ".taxonomy-x1y2.tmp", "CURRENT.4242.tmp"];
        for name in old_kinds {
            fs::write(dir.path().join(name), b"left").unwrap();
            age(&dir.path().join(name), STALE_AFTER * 2);
        }
        // Old, but not temporary files: never touched.
        for name in ["bites.jsonl", ".hidden", "notes.tmp", "a.b.tmp"] {
            fs::write(dir.path().join(name), b"keep").unwrap();
            age(&dir.path().join(name), STALE_AFTER * 2);
        }
        age(&stale, STALE_AFTER + Duration::from_secs(60));
        write(&dir.path().join("target.json"), b"{}").unwrap();
        assert!(!stale.exists());
        assert!(fresh.exists(), "a file being written now stays");
        for name in old_kinds {
            assert!(!dir.path().join(name).exists(), "{name}");
        }
        for name in ["bites.jsonl", ".hidden", "notes.tmp", "a.b.tmp"] {
            assert!(dir.path().join(name).exists(), "{name}");
        }
    }

    #[test]
    fn temporary_names() {
        assert!(is_temp(".oppepala-Xy12ab.tmp"));
        assert!(is_temp(".tmpAB12cd"));
        assert!(is_temp("manifest.json.123.tmp"));
        assert!(!is_temp(".tmpAB12c"));
        assert!(!is_temp("skill_space.bin"));
        assert!(!is_temp("x.tmp"));
        assert!(!is_temp(".oppepala-x.json"));
    }
}
