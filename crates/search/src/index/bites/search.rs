//! Which bites match a request, in what order, on which page, with what
//! snippets and facet counts?
//!
//! A request is checked, then run: the strict text query first; when
//! nothing has every word, the relaxed one; when some word is in no bite,
//! its one-edit corrections. Hits are sorted and paged, facets counted
//! over all matches, and snippets highlighted in the fields where a hit
//! has the query's terms. With [`Occupations`], a query naming an
//! occupation also finds the bites teaching its skills.
//!
//! It must never check parameters or build queries itself: it asks
//! `validate`, `filters` and `query`.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::collector::{Count, FacetCounts, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Order, Searcher, TantivyDocument, Term};

use super::open::BiteIndex;
use super::request::{
    FacetValue, Facets, NoExpansion, SearchHit, SearchRequest, SearchResponse, SkillExpansion, Sort,
};
use super::validate::Valid;
use crate::index::IndexError;
use crate::index::analysis::TEXT_LANGS;
use crate::index::highlight;
use crate::index::occupations::Occupations;
use oppepala_core::domain::BiteId;

impl SearchResponse {
    /// The answer when no bite can match.
    fn empty(valid: &Valid) -> Self {
        SearchResponse {
            total: 0,
            page: valid.page,
            per_page: valid.per_page,
            hits: Vec::new(),
            facets: Facets::default(),
            relaxed: false,
        }
    }
}

impl BiteIndex {
    /// Searches with no skill expansion: a skill filter matches that skill only.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, IndexError> {
        self.search_with(request, &NoExpansion)
    }

    /// Searches; each requested skill also matches the skills `expansion`
    /// gives for it (its narrower skills).
    pub fn search_with(
        &self,
        request: &SearchRequest,
        expansion: &dyn SkillExpansion,
    ) -> Result<SearchResponse, IndexError> {
        self.search_in(request, expansion, None)
    }

    /// [`Self::search_with`], and a query word that names an occupation
    /// ([`Occupations::recognise`]) also matches bites that teach the
    /// occupation's essential skills, each bite raised by its outcome skill
    /// most specific to the occupation (see
    /// [`OCCUPATION_WEIGHT`](super::OCCUPATION_WEIGHT)). A query
    /// naming no occupation gets the very answer of `search_with`.
    pub fn search_recognising(
        &self,
        request: &SearchRequest,
        expansion: &dyn SkillExpansion,
        occupations: &Occupations,
    ) -> Result<SearchResponse, IndexError> {
        self.search_in(request, expansion, Some(occupations))
    }

    fn search_in(
        &self,
        request: &SearchRequest,
        expansion: &dyn SkillExpansion,
        occupations: Option<&Occupations>,
    ) -> Result<SearchResponse, IndexError> {
        let valid = self.validate(request)?;
        let filters = self.filters(request, &valid, expansion);
        let searcher = self.reader.searcher();
        let text_query = |relaxed: bool, fuzzy: bool| {
            self.text_query_with(
                &searcher,
                &request.q,
                valid.boost_lang,
                relaxed,
                fuzzy,
                occupations,
            )
        };
        let strict = text_query(false, false)?;
        let response = match &strict {
            // A word that no bite has: nothing has every word.
            Some(text) if !text.can_match => SearchResponse::empty(&valid),
            _ => self.execute(
                &searcher,
                strict.as_ref().map(|t| t.query.as_ref()),
                &filters,
                &valid,
            )?,
        };
        // Nothing has every word: show what has most of them, and say so.
        if response.total == 0
            && let Some(n_words) = strict.as_ref().map(|t| t.n_words)
            && n_words >= 2
            && let Some(relaxed) = text_query(true, false)?
            && relaxed.can_match
        {
            let mut response =
                self.execute(&searcher, Some(relaxed.query.as_ref()), &filters, &valid)?;
            response.relaxed = true;
            if response.total > 0 {
                return Ok(response);
            }
        }
        // Still nothing, and some word is in no bite: a typo, or an
        // inflection whose stem differs from the indexed one by a letter.
        // Words match one edit away, and the answer says it is approximate.
        // (When every word is known and only the filters leave nothing, the
        // words are not what is wrong: no corrections are tried.)
        if response.total == 0
            && let Some(n_words) = strict.as_ref().filter(|t| !t.can_match).map(|t| t.n_words)
            && let Some(fuzzy) = text_query(n_words >= 2, true)?
            && fuzzy.can_match
        {
            let mut fuzzy_response =
                self.execute(&searcher, Some(fuzzy.query.as_ref()), &filters, &valid)?;
            if fuzzy_response.total > 0 {
                fuzzy_response.relaxed = true;
                return Ok(fuzzy_response);
            }
        }
        Ok(response)
    }

    /// Runs one query: the text query (scoring) and the filters (not scoring).
    fn execute(
        &self,
        searcher: &Searcher,
        text_query: Option<&dyn Query>,
        filters: &[Box<dyn Query>],
        valid: &Valid,
    ) -> Result<SearchResponse, IndexError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(query) = text_query {
            clauses.push((Occur::Must, query.box_clone()));
        }
        for filter in filters {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(filter.box_clone(), 0.0)),
            ));
        }
        let query: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };

        let offset = (valid.page - 1) * valid.per_page;
        let top = TopDocs::with_limit(valid.per_page).and_offset(offset);
        let facets_collector = self.facet_collector();
        let (total, facet_counts, docs): (usize, FacetCounts, Vec<(Option<f32>, DocAddress)>) =
            match valid.sort {
                Sort::Relevance => {
                    let (total, facets, docs) = searcher
                        .search(&query, &(Count, facets_collector, top.order_by_score()))?;
                    (
                        total,
                        facets,
                        docs.into_iter().map(|(s, d)| (Some(s), d)).collect(),
                    )
                }
                Sort::Start => {
                    let (total, facets, docs) = searcher.search(
                        &query,
                        &(
                            Count,
                            facets_collector,
                            top.order_by_fast_field::<u64>("first_start", Order::Asc),
                        ),
                    )?;
                    (
                        total,
                        facets,
                        docs.into_iter().map(|(_, d)| (None, d)).collect(),
                    )
                }
                Sort::Hours => {
                    let (total, facets, docs) = searcher.search(
                        &query,
                        &(
                            Count,
                            facets_collector,
                            top.order_by_fast_field::<f64>("hours", Order::Asc),
                        ),
                    )?;
                    (
                        total,
                        facets,
                        docs.into_iter().map(|(_, d)| (None, d)).collect(),
                    )
                }
            };

        let snippets = match text_query {
            Some(query) if !docs.is_empty() => self.snippet_generators(searcher, query)?,
            _ => Vec::new(),
        };
        let addresses: Vec<DocAddress> = docs.iter().map(|(_, address)| *address).collect();
        let has_terms = fields_with_terms(searcher, &snippets, &addresses)?;
        let mut hits = Vec::with_capacity(docs.len());
        for (hit, (score, address)) in docs.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .and_then(|v| BiteId::new(v).ok())
                .ok_or_else(|| {
                    IndexError::Tantivy(tantivy::TantivyError::InternalError(
                        "stored bite without a valid id".into(),
                    ))
                })?;
            let mut hit_snippets = BTreeMap::new();
            for (g, generator) in snippets.iter().enumerate() {
                // The hit has none of the query's terms in this field: its
                // snippet would be empty; its text is not analyzed.
                if !has_terms[hit][g] {
                    continue;
                }
                let text: Vec<&str> = doc
                    .get_all(generator.stored_field)
                    .filter_map(|v| v.as_str())
                    .collect();
                if text.is_empty() {
                    continue;
                }
                let text = text.join(" · ");
                let html = self.snippet_analyzers[generator.slot].with(|analyzer| {
                    highlight::snippet_html(analyzer, &text, &generator.terms, SNIPPET_CHARS)
                });
                if let Some(html) = html {
                    hit_snippets.insert(generator.name.clone(), html);
                }
            }
            hits.push(SearchHit {
                id,
                score,
                snippets: hit_snippets,
            });
        }
        Ok(SearchResponse {
            total,
            page: valid.page,
            per_page: valid.per_page,
            hits,
            facets: facets_from_counts(&facet_counts),
            relaxed: false,
        })
    }

    /// One snippet maker per text field that holds a term of the query
    /// (the terms and weights `SnippetGenerator::create` would use, from one
    /// pass over the query's terms). Fields without any are left out: their snippets
    /// would be empty, and making them would analyze every hit's stored
    /// text for nothing (most queries match in one language only).
    fn snippet_generators(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
    ) -> Result<Vec<Snippets>, IndexError> {
        let mut terms: BTreeMap<Field, BTreeSet<Term>> = BTreeMap::new();
        query.query_terms(&mut |term, _| {
            terms.entry(term.field()).or_default().insert(term.clone());
        });
        let mut generators = Vec::new();
        for (slot, lang) in TEXT_LANGS.iter().enumerate() {
            for (name, field) in self.fields.text[slot].all() {
                let mut terms_text: BTreeMap<String, f32> = BTreeMap::new();
                let mut field_terms = Vec::new();
                for term in terms.get(&field).into_iter().flatten() {
                    let value = term.value();
                    let Some(text) = value.as_str() else {
                        continue;
                    };
                    let doc_freq = searcher.doc_freq(term)?;
                    if doc_freq > 0 {
                        terms_text.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
                        field_terms.push(term.clone());
                    }
                }
                if terms_text.is_empty() {
                    continue;
                }
                generators.push(Snippets {
                    name: format!("{name}.{lang}"),
                    stored_field: field,
                    slot,
                    terms: terms_text,
                    index_terms: field_terms,
                });
            }
        }
        Ok(generators)
    }
}

struct Snippets {
    name: String,
    stored_field: Field,
    /// The language slot, which picks the analyzer pool.
    slot: usize,
    /// Analyzed query terms in this field and their weights.
    terms: BTreeMap<String, f32>,
    /// The same terms as index terms, to look up in postings.
    index_terms: Vec<Term>,
}

/// For each hit (in the order of `hits`) and each snippet maker, whether
/// the hit has one of the maker's terms in its field: from the postings
/// (a seek per hit and term), cheaper than analyzing the hit's text.
fn fields_with_terms(
    searcher: &Searcher,
    snippets: &[Snippets],
    hits: &[DocAddress],
) -> Result<Vec<Vec<bool>>, IndexError> {
    let mut has = vec![vec![false; snippets.len()]; hits.len()];
    if snippets.is_empty() {
        return Ok(has);
    }
    // The hits of each segment in document order, for forward seeks.
    let mut by_segment: BTreeMap<u32, Vec<(u32, usize)>> = BTreeMap::new();
    for (hit, address) in hits.iter().enumerate() {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push((address.doc_id, hit));
    }
    for (segment_ord, mut docs) in by_segment {
        docs.sort_unstable();
        let reader = searcher.segment_reader(segment_ord);
        for (g, generator) in snippets.iter().enumerate() {
            let inverted = reader.inverted_index(generator.stored_field)?;
            for term in &generator.index_terms {
                let Some(mut postings) = inverted
                    .read_postings(term, IndexRecordOption::Basic)
                    .map_err(tantivy::TantivyError::from)?
                else {
                    continue;
                };
                for &(doc, hit) in &docs {
                    if has[hit][g] {
                        continue;
                    }
                    if postings.doc() < doc {
                        postings.seek(doc);
                    }
                    if postings.doc() == doc {
                        has[hit][g] = true;
                    }
                }
            }
        }
    }
    Ok(has)
}

/// The most bytes of a snippet's fragment.
const SNIPPET_CHARS: usize = 200;

fn facets_from_counts(counts: &FacetCounts) -> Facets {
    let values = |root: &str| {
        let mut values: Vec<FacetValue> = counts
            .get(Facet::from_path([root]))
            .filter_map(|(facet, count)| {
                facet.to_path().last().map(|v| FacetValue {
                    value: v.to_string(),
                    count,
                })
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        values
    };
    Facets {
        mode: values("mode"),
        language: values("language"),
        county: values("county"),
        provider: values("provider"),
        funding: values("funding"),
        field: values("field"),
    }
}
