//! Where is it? Full-text search over learning bites and ESCO skill labels.
//!
//! The only module that knows tantivy. It owns:
//! - [`analysis`]: the Estonian, Russian and English analyzers (Snowball
//!   stemmers, lowercase, a folded Estonian variant);
//! - [`bites`]: the bite index, [`SearchRequest`] → [`SearchResponse`] with
//!   filters, facets, sorting, pagination and highlighting;
//! - [`occupations`]: occupation names in a query and the skills
//!   specific to each occupation, for ranking bites;
//! - [`occupation_search`]: occupations found by a person's words, for the
//!   occupation list;
//! - [`skills`]: the skill-label index, free text → ranked ESCO skills, and
//!   tagging of free-text outcomes;
//! - [`store`]: index generations on disk (`index/gen-NNNNNN/` plus an
//!   atomically switched `CURRENT`), build, open, export and import.
//!
//! User text never reaches tantivy's query parser: queries are built from
//! the words the analyzers make of it, so any text is a valid query.
//!
//! This module must never know of HTTP, the planner or the ranker, and never
//! log a learner's data; it answers "which documents match, in what order".

pub mod analysis;
pub mod bites;
mod error;
pub(crate) mod highlight;
mod occupation_names;
pub mod occupation_search;
pub mod occupations;
pub mod skills;
pub mod store;

pub use bites::{
    BiteIndex, FacetValue, Facets, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, NoExpansion,
    SearchHit, SearchRequest, SearchResponse, SkillExpansion, Sort, truncate_query,
};
pub use error::{IndexError, UnknownValue};
pub use occupation_search::{OccupationMatch, OccupationSearch};
pub use occupations::{GroupNames, OccupationNames, Occupations, Recognised};
pub use skills::{DEFAULT_TAG_THRESHOLD, LabelKind, SkillHit, SkillIndex, SkillLabel, SkillLabels};
pub use store::{
    BuildProgress, BuildReport, DEFAULT_ROOT, FORMAT_VERSION, Generation, IndexDir, Manifest,
    OpenIndex, build, export, import,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<OpenIndex>();
        shareable::<BiteIndex>();
        shareable::<SkillIndex>();
    }

    #[test]
    fn caller_faults_are_told_apart() {
        assert!(
            IndexError::QueryTooLong {
                chars: 501,
                max: 500
            }
            .is_bad_request()
        );
        assert!(!IndexError::Cancelled.is_bad_request());
        let unknown = IndexError::UnknownFilterValues(vec![UnknownValue {
            filter: "counties",
            value: "EE-99".into(),
            known: vec!["EE-37".into()],
        }]);
        assert_eq!(
            unknown.to_string(),
            "unknown filter values: counties \"EE-99\" is not known (known: EE-37)"
        );
    }
}
