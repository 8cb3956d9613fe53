//! How do published micro-credentials get in? Mapping European Learning
//! Model (ELM v3) JSON-LD credentials and learning opportunities, and Open
//! Badges 3.0 achievements, to bites and micro-qualifications.
//!
//! Mapped: titles and descriptions (language maps), learning outcomes with
//! their ESCO skills (`relatedESCOSkill`, Open Badges `alignment`), volume
//! of learning (ISO 8601 duration), EQF level, ECTS credit points, mode,
//! teaching language, learning setting, entry requirements, awarding body,
//! and the dates of a learning opportunity. Everything that cannot be
//! mapped is reported in [`ElmImport::notes`] or as a
//! [`Problem`](super::Problem), never dropped silently.
//!
//! This module must never fetch the JSON-LD contexts it names: a document
//! is read as plain JSON.
//!
//! The files, one question each:
//! - `document`: which specifications a document holds, and under which
//!   ids ([`map_document`]);
//! - `spec`: how one specification becomes a bite (and a micro-credential
//!   also a micro-qualification), one function per field;
//! - `values`: how one JSON-LD value is read (language maps, labels,
//!   language codes, durations, modes, dates);
//! - `import`: what an import takes and gives ([`ElmOptions`],
//!   [`ElmImport`]).

mod document;
mod import;
mod spec;
mod values;

pub use document::map_document;
pub use import::{ElmImport, ElmOptions};
pub use spec::HOURS_PER_ECTS;
