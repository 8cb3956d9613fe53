//! How do skills relate? The ESCO skills pillar (skills, skill groups, the
//! broader/narrower hierarchy, skill–skill relations), the occupations with
//! their essential and optional skills, ISCO-08 groups, and labels in every
//! loaded language (en, et, ru, …).
//!
//! This module exists so that every other module asks one place whether a
//! skill exists, what it is called and what it covers (coverage rule 1 of
//! DESIGN.md §2: a held narrower skill meets a broader requirement).
//!
//! It must never do network IO, know of HTTP or tantivy. Reading and writing
//! files is allowed only in the [`import`] (ESCO CSV) and [`store`]
//! (`data/taxonomy.bin`) submodules; the queries here are pure.
//!
//! The files, one question each: `model` (the stored and loaded taxonomy,
//! labels), `skills` (skills and skill groups, their names and relations),
//! `hierarchy` (closures and `covers`), `occupations` (occupations and
//! ISCO-08 groups) and `error`.

pub mod import;
pub mod store;

mod error;
mod hierarchy;
mod model;
mod occupations;
mod skills;

pub use error::TaxonomyError;
pub use model::{ConceptKind, EeMapping, Labels, Relation, Taxonomy, TaxonomyCounts};
pub use occupations::{IscoGroupRef, OccupationRef};
pub use skills::{RelatedSkill, SkillRef};

// The stored form, for `import` and `store`.
use model::{Concept, IscoGroupRecord, LabelsByLang, OccupationRecord, TaxonomyData, TextByLang};
