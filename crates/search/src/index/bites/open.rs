//! What is a bite index, and what does it know of itself?
//!
//! [`BiteIndex`]: a reader over a tantivy index of bites, the schema's
//! fields, the facet values the index holds (so that an unknown filter
//! value can be named) and the analyzers for snippets; made in RAM from
//! bites, or opened over an index that `store` built.
//!
//! It must never check a request, build its queries or run it.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::collector::{FacetCollector, FacetCounts};
use tantivy::query::{AllQuery, Query};
use tantivy::schema::Facet;
use tantivy::{Index, IndexReader, ReloadPolicy};

use super::document::bite_document;
use super::schema::{BiteFields, create_index, schema};
use crate::index::IndexError;
use crate::index::analysis;
use crate::index::highlight::AnalyzerPool;
use crate::index::skills::SkillLabels;
use oppepala_core::domain::Bite;

/// Facet roots: (the request's filter name, the facet root).
const FACET_ROOTS: [(&str, &str); 6] = [
    ("modes", "mode"),
    ("languages", "language"),
    ("counties", "county"),
    ("providers", "provider"),
    ("funding", "funding"),
    ("fields", "field"),
];

/// A searchable bite index.
pub struct BiteIndex {
    pub(super) reader: IndexReader,
    pub(super) fields: BiteFields,
    /// Facet values present in the index, by facet root.
    pub(super) known: BTreeMap<&'static str, BTreeSet<String>>,
    /// Analyzers for snippets by language slot, kept with their stem memory.
    pub(super) snippet_analyzers: [AnalyzerPool; 3],
}

/// The analyzer pools for snippets, in the order of
/// [`TEXT_LANGS`](crate::index::analysis::TEXT_LANGS) (the
/// analyzers of the text fields).
fn snippet_analyzer_pools() -> [AnalyzerPool; 3] {
    [
        AnalyzerPool::new(analysis::et_with_variants_analyzer),
        AnalyzerPool::new(|| analysis::stemmed_analyzer("ru")),
        AnalyzerPool::new(|| analysis::stemmed_analyzer("en")),
    ]
}

impl std::fmt::Debug for BiteIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BiteIndex")
            .field("n_bites", &self.len())
            .finish()
    }
}

impl BiteIndex {
    /// Indexes `bites` in memory (for tests and small catalogues).
    pub fn create_in_ram(bites: &[Bite], labels: &SkillLabels) -> Result<Self, IndexError> {
        let index = create_index(None)?;
        let (_, fields) = schema();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
        for bite in bites {
            writer.add_document(bite_document(&fields, bite, labels))?;
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Self::open(index)
    }

    /// Opens an index made by [`create_index`].
    pub(crate) fn open(index: Index) -> Result<Self, IndexError> {
        analysis::register(index.tokenizers());
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut bite_index = BiteIndex {
            reader,
            fields,
            known: BTreeMap::new(),
            snippet_analyzers: snippet_analyzer_pools(),
        };
        let counts = bite_index.facet_counts(&AllQuery)?;
        for (_, root) in FACET_ROOTS {
            let values = counts
                .get(Facet::from_path([root]))
                .filter_map(|(facet, _)| facet.to_path().last().map(|v| v.to_string()))
                .collect();
            bite_index.known.insert(root, values);
        }
        Ok(bite_index)
    }

    /// The number of bites.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether there are no bites.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values present in the index for a facet root (`mode`, `language`,
    /// `county`, `provider`, `funding`, `field`).
    pub fn known_values(&self, root: &str) -> Vec<String> {
        self.known
            .get(root)
            .map(|v| v.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub(super) fn facet_collector(&self) -> FacetCollector {
        let mut collector = FacetCollector::for_field("facet");
        for (_, root) in FACET_ROOTS {
            collector.add_facet(Facet::from_path([root]));
        }
        collector
    }

    fn facet_counts(&self, query: &dyn Query) -> Result<FacetCounts, IndexError> {
        Ok(self
            .reader
            .searcher()
            .search(query, &self.facet_collector())?)
    }
}
