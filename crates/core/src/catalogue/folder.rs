//! How is a catalogue folder read and written?
//!
//! A catalogue folder holds `bites.jsonl` and `qualifications.jsonl` (the
//! second may be missing). Loading reports parse and validation problems
//! together; writing is atomic per file (temporary file, fsync, rename),
//! so a failed import never leaves a half-written catalogue.
//!
//! It must never know what makes a row valid (that is `validate`'s) nor
//! how JSON Lines are parsed (`jsonl`'s).

use std::path::Path;

use super::jsonl::parse_jsonl;
use super::model::Catalogue;
use super::problems::{CatalogueError, Problem, Sourced};
use super::validate::validate;
use crate::domain::{Bite, Qualification};

/// The file name of the bites in a catalogue folder.
pub const BITES_FILE: &str = "bites.jsonl";
/// The file name of the micro-qualifications in a catalogue folder.
pub const QUALIFICATIONS_FILE: &str = "qualifications.jsonl";

impl Catalogue {
    /// The catalogue's rows as sourced values, to validate again after a change.
    pub fn sourced(&self, dir: &str) -> (Vec<Sourced<Bite>>, Vec<Sourced<Qualification>>) {
        let bites = self
            .bites
            .iter()
            .enumerate()
            .map(|(i, b)| Sourced {
                file: format!("{dir}/{BITES_FILE}"),
                line: i + 1,
                value: b.clone(),
            })
            .collect();
        let qualifications = self
            .qualifications
            .iter()
            .enumerate()
            .map(|(i, q)| Sourced {
                file: format!("{dir}/{QUALIFICATIONS_FILE}"),
                line: i + 1,
                value: q.clone(),
            })
            .collect();
        (bites, qualifications)
    }
}

/// Reads a file into a string, naming the file on error.
pub(crate) fn read_file(path: &Path) -> Result<String, CatalogueError> {
    std::fs::read_to_string(path).map_err(|source| CatalogueError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads and validates the catalogue folder `dir` (`bites.jsonl` and
/// `qualifications.jsonl`). Parse problems and validation problems are
/// reported together; with `lenient` the valid rows are kept.
pub fn load_dir(
    dir: &Path,
    known_skill: &dyn Fn(&str) -> bool,
    lenient: bool,
) -> Result<(Catalogue, Vec<Problem>), CatalogueError> {
    let bites_path = dir.join(BITES_FILE);
    let qualifications_path = dir.join(QUALIFICATIONS_FILE);
    let (bites, mut problems) =
        parse_jsonl::<Bite>(&bites_path.display().to_string(), &read_file(&bites_path)?);
    let qualifications_text = match std::fs::read_to_string(&qualifications_path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(CatalogueError::Io {
                path: qualifications_path,
                source,
            });
        }
    };
    let (qualifications, more) = parse_jsonl::<Qualification>(
        &qualifications_path.display().to_string(),
        &qualifications_text,
    );
    problems.extend(more);
    if !problems.is_empty() && !lenient {
        // Report validation problems of the rows that did parse as well, so
        // one run shows everything that needs fixing.
        let report = validate(&bites, &qualifications, known_skill);
        problems.extend(report.problems);
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(CatalogueError::Invalid { problems });
    }
    let (catalogue, more) = Catalogue::build(bites, qualifications, known_skill, lenient)?;
    problems.extend(more);
    Ok((catalogue, problems))
}

/// Writes `catalogue` into `dir` as JSON Lines. Each file is written to a
/// temporary file beside it, synced and renamed over the old one, so a
/// reader sees either the old file or the new one, never a part.
pub fn write_dir(dir: &Path, catalogue: &Catalogue) -> Result<(), CatalogueError> {
    let to_lines = |lines: Vec<String>| {
        let mut text = lines.join("\n");
        text.push('\n');
        text
    };
    let bites = to_lines(
        catalogue
            .bites
            .iter()
            .map(|b| serde_json::to_string(b).expect("a bite serializes"))
            .collect(),
    );
    let qualifications = to_lines(
        catalogue
            .qualifications
            .iter()
            .map(|q| serde_json::to_string(q).expect("a qualification serializes"))
            .collect(),
    );
    std::fs::create_dir_all(dir).map_err(|source| CatalogueError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    write_atomic(&dir.join(BITES_FILE), bites.as_bytes())?;
    write_atomic(&dir.join(QUALIFICATIONS_FILE), qualifications.as_bytes())
}

/// Writes `bytes` to `path` whole or not at all (`atomic::write`).
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CatalogueError> {
    crate::atomic::write(path, bytes).map_err(|source| CatalogueError::Io {
        path: path.to_path_buf(),
        source,
    })
}
