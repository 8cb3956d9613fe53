//! What can go wrong while importing, saving or loading a taxonomy?
//!
//! One error type for the whole module, naming the file, line and column
//! where it can.
//!
//! It must never do anything but describe: no IO, no recovery.

use std::path::PathBuf;

/// Everything that can go wrong while importing, saving or loading a taxonomy.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// A file could not be opened or read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A required input file is not in the folder.
    #[error("{dir}: no {what} file (looked for {looked_for})")]
    MissingFile {
        /// The folder searched.
        dir: PathBuf,
        /// What the file holds.
        what: String,
        /// The file names tried.
        looked_for: String,
    },
    /// A CSV file lacks a column the importer needs.
    #[error("{path}, line {line}: no column {column:?} in the header (found: {found})")]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The header's line number.
        line: u64,
        /// The missing column.
        column: String,
        /// The columns that are there.
        found: String,
    },
    /// A CSV file is malformed (wrong number of fields, bad UTF-8, …).
    #[error("{path}, line {line}: broken CSV: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The line where the bad record starts.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A field has a value the importer cannot use.
    #[error("{path}, line {line}, column {column:?}: {message}")]
    BadField {
        /// The file.
        path: PathBuf,
        /// The line of the record.
        line: u64,
        /// The column.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// Several rows of one file have bad values; each is listed.
    #[error("{path}: {count} bad rows:{rows}")]
    BadRows {
        /// The file.
        path: PathBuf,
        /// How many rows are bad.
        count: usize,
        /// The first of them, one per line, each naming line and column.
        rows: String,
    },
    /// The taxonomy file does not start with the expected magic bytes.
    #[error("{path}: not an õppepala taxonomy file (bad magic bytes)")]
    BadMagic {
        /// The file.
        path: PathBuf,
    },
    /// The taxonomy file was written by another format version.
    #[error(
        "{path}: taxonomy format version {found}, this build reads version {expected}; re-run `oppepala import esco`"
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The taxonomy file is truncated or its checksum does not match.
    #[error("{path}: taxonomy file is corrupt: {message}")]
    Corrupt {
        /// The file (or `<memory>`).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}
