//! Where is it? Full-text search over learning bites and ESCO skill labels.
//!
//! The only module that knows tantivy. It owns:
//! - [`analysis`]: the Estonian, Russian and English analyzers (Snowball
//!   stemmers, lowercase, a folded Estonian variant);
//! - [`bites`]: the bite index, [`SearchRequest`] → [`SearchResponse`] with
//!   filters, facets, sorting, pagination and highlighting;
//! - [`occupations`]: occupation names in a query and the skills
//!   specific to each occupation, for ranking bites;
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
pub(crate) mod highlight;
pub mod occupations;
pub mod skills;
pub mod store;

use std::path::PathBuf;

pub use bites::{
    BiteIndex, FacetValue, Facets, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_RESULT_WINDOW, NoExpansion,
    SearchHit, SearchRequest, SearchResponse, SkillExpansion, Sort, truncate_query,
};
pub use occupations::{GroupNames, OccupationNames, Occupations, Recognised};
pub use skills::{DEFAULT_TAG_THRESHOLD, LabelKind, SkillHit, SkillIndex, SkillLabel, SkillLabels};
pub use store::{
    BuildProgress, BuildReport, DEFAULT_ROOT, FORMAT_VERSION, Generation, IndexDir, Manifest,
    OpenIndex, build, export, import,
};

/// Everything that can go wrong in this module.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The query text is longer than [`MAX_QUERY_CHARS`].
    #[error("query is {chars} characters long; at most {max} are allowed")]
    QueryTooLong {
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// Filter values that the index does not know.
    #[error("unknown filter values: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    UnknownFilterValues(Vec<UnknownValue>),
    /// A parameter outside its allowed range or form.
    #[error("parameter `{parameter}`: {message}")]
    InvalidParameter {
        /// The parameter's name, as in [`SearchRequest`].
        parameter: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// No complete index generation exists under the root.
    #[error("no complete index under {root}; build or import one first")]
    NoIndex {
        /// The index root.
        root: PathBuf,
    },
    /// A manifest could not be read or is not of this format.
    #[error("manifest {path}: {message}")]
    BadManifest {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A snapshot archive is corrupt, truncated or of another format.
    #[error("snapshot refused: {0}")]
    BadSnapshot(String),
    /// The progress callback asked to stop the build.
    #[error("index build cancelled")]
    Cancelled,
    /// A file operation failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done ("write", "rename", …).
        action: &'static str,
        /// On which path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// tantivy failed.
    #[error("search engine: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl IndexError {
    fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| IndexError::Io {
            action,
            path,
            source,
        }
    }

    /// Whether the error is the caller's fault (a bad request), as opposed
    /// to a fault of the index or the machine.
    pub fn is_bad_request(&self) -> bool {
        matches!(
            self,
            IndexError::QueryTooLong { .. }
                | IndexError::UnknownFilterValues(_)
                | IndexError::InvalidParameter { .. }
        )
    }
}

impl From<tantivy::directory::error::OpenDirectoryError> for IndexError {
    fn from(error: tantivy::directory::error::OpenDirectoryError) -> Self {
        IndexError::Tantivy(error.into())
    }
}

/// A filter value that is not known to the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownValue {
    /// The filter's name, as in [`SearchRequest`] (`modes`, `counties`, …).
    pub filter: &'static str,
    /// The value given.
    pub value: String,
    /// The values the index knows for this filter (may be cut short).
    pub known: Vec<String>,
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?} is not known", self.filter, self.value)?;
        if !self.known.is_empty() {
            write!(f, " (known: {})", self.known.join(", "))?;
        }
        Ok(())
    }
}

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
