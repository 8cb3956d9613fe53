//! What can be learned? The catalogue of learning bites and
//! micro-qualifications: reading it (JSON Lines, provider spreadsheets,
//! European Learning Model credentials), validating it, writing it back.
//!
//! Validation reports every problem with file, line and field, and by
//! default a catalogue with problems is refused whole; `lenient` keeps the
//! valid rows. Writing is atomic per file (temporary file, fsync, rename),
//! so a failed import never leaves a half-written catalogue.
//!
//! This module must never know HTTP or tantivy; whether a skill exists is
//! asked of the caller (the taxonomy), so it can be tested without one.
//!
//! The files, one question each:
//! - `model`: what a catalogue is and what is in it ([`Catalogue`], its
//!   lookups, building and upserting);
//! - `problems`: where a row came from and what is wrong with it
//!   ([`Problem`], [`Sourced`], [`CatalogueError`]);
//! - `jsonl`: how JSON Lines text is read ([`parse_jsonl`]);
//! - `validate`: whether rows make a valid catalogue ([`ValidationReport`]);
//! - `folder`: how a catalogue folder is read and written ([`load_dir`],
//!   [`write_dir`]);
//! - `csv_import` and `elm`: how provider spreadsheets and published
//!   credentials get in.

pub mod csv_import;
pub mod elm;

mod folder;
mod jsonl;
mod model;
mod problems;
mod validate;

pub use folder::{BITES_FILE, QUALIFICATIONS_FILE, load_dir, write_dir};
pub use jsonl::parse_jsonl;
pub use model::Catalogue;
pub use problems::{CatalogueError, Problem, Sourced};
pub use validate::{MAX_BITE_HOURS, MAX_TITLE_CHARS, ValidationReport, validate};
