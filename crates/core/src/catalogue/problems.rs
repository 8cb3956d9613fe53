//! Where did a row come from, and what is wrong with it?
//!
//! A [`Problem`] names the file, line and field at fault; a [`Sourced`]
//! value carries the file and line it was read from, so validation can name
//! them; [`CatalogueError`] is the one error of the module, listing every
//! problem when an input is refused.
//!
//! It must never do anything but describe: no IO, no checks.

use std::fmt;
use std::path::PathBuf;

/// One problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file (as given) or the source name.
    pub file: String,
    /// The 1-based line (for CSV: the record's first line).
    pub line: usize,
    /// The field or column at fault; empty when the whole row is.
    pub field: String,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if !self.field.is_empty() {
            write!(f, ": field `{}`", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Errors of the catalogue module.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The input has problems and nothing was changed.
    #[error("{} problem(s) found; nothing was changed:\n{}", problems.len(), list_problems(problems))]
    Invalid {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// The input is not in a format this module reads.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

fn list_problems(problems: &[Problem]) -> String {
    const SHOWN: usize = 200;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n");
    if problems.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
    }
    text
}

/// A bite or qualification with where it came from.
#[derive(Clone, Debug)]
pub struct Sourced<T> {
    /// The file it was read from.
    pub file: String,
    /// Its 1-based line.
    pub line: usize,
    /// The value.
    pub value: T,
}
