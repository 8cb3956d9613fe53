//! What can go wrong in the index: [`IndexError`], and which of its
//! variants are the caller's fault.

use std::path::PathBuf;

/// Everything that can go wrong in this module.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The query text is longer than [`MAX_QUERY_CHARS`](super::MAX_QUERY_CHARS).
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
        /// The parameter's name, as in [`SearchRequest`](super::SearchRequest).
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
    pub(super) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
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
    /// The filter's name, as in [`SearchRequest`](super::SearchRequest) (`modes`, `counties`, …).
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
