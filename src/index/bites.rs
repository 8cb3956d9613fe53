//! Which learning bites match a query, and how many of each kind are there?
//!
//! The bite index: one tantivy document per bite with per-language text
//! fields (title, description, outcome labels) for Estonian, Russian and
//! English (Estonian also with marked folded stems, ranked lower, so that
//! "oppimine" finds "õppimine"), skill URIs as raw terms,
//! numeric fast fields (hours, cost, EQF level, session starts) and one
//! facet field (mode, language, county, provider, funding, field).
//!
//! Queries are built here from analyzed words, never by tantivy's query
//! parser, so "C++", quotes, colons or `AND(` are plain text. Requests are
//! validated first: a filter value the index does not know is an error that
//! names it, not an empty answer.
//!
//! This module must never know of HTTP, the planner or the learner profile.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Bound;

use chrono::{Datelike, NaiveDate};
use fnv::FnvHashSet;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, FacetCollector, FacetCounts, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery,
    Occur, PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, Order, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use super::analysis::{self, ET_VARIANTS, FOLDED_MARK, TEXT_LANGS};
use super::highlight::{self, AnalyzerPool};
use super::occupations::Occupations;
use super::skills::SkillLabels;
use super::{IndexError, UnknownValue};
use crate::domain::{Bite, BiteId, Lang, Mode, SkillUri};

/// The longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 500;
/// The most hits on one page.
pub const MAX_PER_PAGE: usize = 100;
/// `page × per_page` may not exceed this: deep pages cost memory and nobody
/// reads them.
pub const MAX_RESULT_WINDOW: usize = 10_000;
const DEFAULT_PER_PAGE: usize = 20;
/// How many known values an error lists at most.
const MAX_KNOWN_LISTED: usize = 30;

/// The Estonian counties (ISO 3166-2:EE, both code sets of
/// `domain::county`), always accepted as county filters even when no bite
/// of the index is in them.
fn estonian_counties() -> Vec<&'static str> {
    crate::domain::county::COUNTIES
        .iter()
        .flat_map(|c| [c.code, c.alias])
        .collect()
}
/// Funding tags always accepted as filters.
const WELL_KNOWN_FUNDING: [&str; 3] = ["free", "unemployed", "training-credit"];

/// Facet roots: (the request's filter name, the facet root).
const FACET_ROOTS: [(&str, &str); 6] = [
    ("modes", "mode"),
    ("languages", "language"),
    ("counties", "county"),
    ("providers", "provider"),
    ("funding", "funding"),
    ("fields", "field"),
];

/// The order of hits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best text match first (all equal when there is no text).
    #[default]
    Relevance,
    /// Earliest first session first; self-paced bites (no sessions) last.
    Start,
    /// Fewest hours first.
    Hours,
}

impl std::str::FromStr for Sort {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, String> {
        match value {
            "relevance" | "" => Ok(Sort::Relevance),
            "start" => Ok(Sort::Start),
            "hours" => Ok(Sort::Hours),
            other => Err(format!(
                "{other:?} is not a sort order (expected relevance, start or hours)"
            )),
        }
    }
}

/// A search over bites. Filter values are plain strings so that the index
/// can name the ones it does not know; within one filter the values are
/// alternatives (any may match), different filters must all match.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Free text in any language; empty means every bite (filtered).
    pub q: String,
    /// The learner's language (ISO 639-1): matches in it rank higher. A
    /// language without its own fields (e.g. `uk`) boosts nothing.
    pub lang: Option<String>,
    /// ESCO skill URIs the bite must give (any of them). Narrower skills
    /// match through the [`SkillExpansion`] given to [`BiteIndex::search_with`].
    pub skills: Vec<String>,
    /// Teaching languages (any).
    pub languages: Vec<String>,
    /// Modes: `online`, `onsite`, `blended` (any).
    pub modes: Vec<String>,
    /// Counties (ISO 3166-2) of onsite and blended bites (any).
    pub counties: Vec<String>,
    /// Providers (any).
    pub providers: Vec<String>,
    /// Fields of education (any).
    pub fields: Vec<String>,
    /// Funding tags (any).
    pub funding: Vec<String>,
    /// Lowest EQF level, 1–8.
    pub eqf_min: Option<u8>,
    /// Highest EQF level, 1–8.
    pub eqf_max: Option<u8>,
    /// Most hours.
    pub max_hours: Option<f64>,
    /// Highest cost in EUR (the list price, before funding).
    pub max_cost: Option<f64>,
    /// A session starts on or after this day (self-paced bites always match).
    pub start_from: Option<NaiveDate>,
    /// A session starts on or before this day (self-paced bites always match).
    pub start_to: Option<NaiveDate>,
    /// `relevance` (default), `start` or `hours`.
    pub sort: Option<String>,
    /// 1-based page number; default 1.
    pub page: Option<usize>,
    /// Hits per page, 1–[`MAX_PER_PAGE`]; default 20.
    pub per_page: Option<usize>,
}

/// One value of a facet and how many matching bites have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// The value (`online`, `EE-37`, …).
    pub value: String,
    /// The number of matching bites with it.
    pub count: u64,
}

/// Facet counts over all matching bites (not only the page), each sorted by
/// count, then value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Facets {
    /// By mode.
    pub mode: Vec<FacetValue>,
    /// By teaching language.
    pub language: Vec<FacetValue>,
    /// By county.
    pub county: Vec<FacetValue>,
    /// By provider.
    pub provider: Vec<FacetValue>,
    /// By funding tag.
    pub funding: Vec<FacetValue>,
    /// By field of education.
    pub field: Vec<FacetValue>,
}

/// One matching bite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The bite.
    pub id: BiteId,
    /// The relevance score; `None` when sorted by something else.
    pub score: Option<f32>,
    /// Highlighted fragments (HTML-escaped, matches in `<b>…</b>`) by
    /// field and language: `title.et`, `description.ru`, `outcomes.en`.
    pub snippets: BTreeMap<String, String>,
}

/// The answer to a [`SearchRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResponse {
    /// How many bites match in all.
    pub total: usize,
    /// The page returned.
    pub page: usize,
    /// The page size used.
    pub per_page: usize,
    /// The hits of this page; empty past the last page.
    pub hits: Vec<SearchHit>,
    /// Counts per facet value over all matching bites.
    pub facets: Facets,
    /// No bite had every word of the query, so bites with some of them,
    /// or (when none had any) with words one edit away from them, are
    /// shown (a UI may say "showing results for some of your words").
    pub relaxed: bool,
}

/// Widens a requested skill to the skills that count for it: itself and
/// its narrower skills (DESIGN.md §2, coverage rule 1). The taxonomy
/// implements this; the index only asks.
pub trait SkillExpansion {
    /// `skill` and every skill narrower than it.
    fn expand(&self, skill: &SkillUri) -> Vec<SkillUri>;
}

/// No expansion: a skill matches only itself.
pub struct NoExpansion;

impl SkillExpansion for NoExpansion {
    fn expand(&self, skill: &SkillUri) -> Vec<SkillUri> {
        vec![skill.clone()]
    }
}

impl<F: Fn(&SkillUri) -> Vec<SkillUri>> SkillExpansion for F {
    fn expand(&self, skill: &SkillUri) -> Vec<SkillUri> {
        let mut skills = self(skill);
        if !skills.contains(skill) {
            skills.push(skill.clone());
        }
        skills
    }
}

/// Cuts `q` to [`MAX_QUERY_CHARS`] characters; returns whether it was cut
/// (the CLI warns, the API answers 4xx instead).
pub fn truncate_query(q: &str) -> (String, bool) {
    match q.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => (q[..at].to_string(), true),
        None => (q.to_string(), false),
    }
}

/// The text fields of one language.
#[derive(Clone, Copy, Debug)]
struct TextFields {
    title: Field,
    description: Field,
    outcomes: Field,
}

impl TextFields {
    fn all(self) -> [(&'static str, Field); 3] {
        [
            ("title", self.title),
            ("description", self.description),
            ("outcomes", self.outcomes),
        ]
    }
}

/// The fields of the bite schema.
#[derive(Clone, Debug)]
pub(crate) struct BiteFields {
    id: Field,
    /// In the order of [`TEXT_LANGS`].
    text: [TextFields; 3],
    skill_outcome: Field,
    skill_prerequisite: Field,
    facet: Field,
    hours: Field,
    cost: Field,
    eqf: Field,
    first_start: Field,
    starts: Field,
    self_paced: Field,
}

/// Only titles keep word positions (for the phrase bonus): positions in
/// the longer fields would cost indexing time and space for no query.
fn text_options(analyzer: &str, stored: bool, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(record);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

fn text_fields(
    builder: &mut tantivy::schema::SchemaBuilder,
    suffix: &str,
    analyzer: &str,
    stored: bool,
) -> TextFields {
    TextFields {
        title: builder.add_text_field(
            &format!("title_{suffix}"),
            text_options(analyzer, stored, true),
        ),
        description: builder.add_text_field(
            &format!("description_{suffix}"),
            text_options(analyzer, stored, false),
        ),
        outcomes: builder.add_text_field(
            &format!("outcomes_{suffix}"),
            text_options(analyzer, stored, false),
        ),
    }
}

pub(crate) fn schema() -> (Schema, BiteFields) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    // Estonian fields also hold the marked folded stems of words with
    // diacritics (see `analysis::et_with_variants_analyzer`).
    let text = TEXT_LANGS.map(|lang| {
        let analyzer = if lang == "et" {
            ET_VARIANTS
        } else {
            analysis::stemmed_analyzer_name(lang)
        };
        text_fields(&mut builder, lang, analyzer, true)
    });
    let skill_outcome = builder.add_text_field("skill_outcome", STRING);
    let skill_prerequisite = builder.add_text_field("skill_prerequisite", STRING);
    let facet = builder.add_facet_field("facet", FacetOptions::default());
    let hours = builder.add_f64_field("hours", INDEXED | FAST | STORED);
    let cost = builder.add_f64_field("cost_eur", INDEXED | FAST | STORED);
    let eqf = builder.add_u64_field("eqf_level", INDEXED | FAST | STORED);
    let first_start = builder.add_u64_field("first_start", FAST);
    let starts = builder.add_i64_field("starts", INDEXED | FAST);
    let self_paced = builder.add_u64_field("self_paced", INDEXED);
    let fields = BiteFields {
        id,
        text,
        skill_outcome,
        skill_prerequisite,
        facet,
        hours,
        cost,
        eqf,
        first_start,
        starts,
        self_paced,
    };
    (builder.build(), fields)
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// Which text language a free outcome text is in, by script: Cyrillic is
/// Russian; Latin text goes to both Estonian and English.
fn outcome_text_langs(text: &str) -> &'static [usize] {
    let cyrillic = text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    if cyrillic { &[1] } else { &[0, 2] }
}

/// The index position of a language's text fields; other languages are
/// indexed with the English analyzer (the mildest stemmer).
fn lang_slot(lang: &str) -> usize {
    TEXT_LANGS.iter().position(|l| *l == lang).unwrap_or(2)
}

/// Turns a bite into a tantivy document; outcome skills are indexed as
/// text through their preferred labels in each language.
pub(crate) fn bite_document(
    fields: &BiteFields,
    bite: &Bite,
    labels: &SkillLabels,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.id, bite.id.as_str());
    for (lang, text) in &bite.title.0 {
        let slot = lang_slot(lang.as_str());
        doc.add_text(fields.text[slot].title, text);
    }
    for (lang, text) in &bite.description.0 {
        let slot = lang_slot(lang.as_str());
        doc.add_text(fields.text[slot].description, text);
    }
    for competence in &bite.outcomes {
        doc.add_text(fields.skill_outcome, competence.skill.as_str());
        for (slot, lang) in TEXT_LANGS.iter().enumerate() {
            if let Some(label) = labels.preferred(&competence.skill, lang) {
                doc.add_text(fields.text[slot].outcomes, label);
            }
        }
    }
    for text in &bite.outcome_texts {
        for &slot in outcome_text_langs(text) {
            doc.add_text(fields.text[slot].outcomes, text);
        }
    }
    for competence in &bite.prerequisites {
        doc.add_text(fields.skill_prerequisite, competence.skill.as_str());
    }
    doc.add_facet(fields.facet, Facet::from_path(["mode", bite.mode.as_str()]));
    for lang in &bite.languages {
        doc.add_facet(fields.facet, Facet::from_path(["language", lang.as_str()]));
    }
    if let Some(region) = &bite.region {
        doc.add_facet(fields.facet, Facet::from_path(["county", region.as_str()]));
    }
    if !bite.provider.trim().is_empty() {
        doc.add_facet(
            fields.facet,
            Facet::from_path(["provider", bite.provider.trim()]),
        );
    }
    for tag in &bite.funding {
        doc.add_facet(fields.facet, Facet::from_path(["funding", tag.as_str()]));
    }
    if let Some(field) = bite
        .field
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        doc.add_facet(fields.facet, Facet::from_path(["field", field]));
    }
    doc.add_f64(fields.hours, bite.hours);
    doc.add_f64(fields.cost, bite.cost_eur);
    doc.add_u64(fields.eqf, u64::from(bite.eqf_level.get()));
    let first_start = bite
        .first_start()
        .map_or(u64::MAX, |d| day_number(d).max(0) as u64);
    doc.add_u64(fields.first_start, first_start);
    for session in &bite.sessions {
        doc.add_i64(fields.starts, day_number(session.start));
    }
    doc.add_u64(fields.self_paced, u64::from(bite.sessions.is_empty()));
    doc
}

/// Creates an empty bite index in `directory` (or in RAM).
pub(crate) fn create_index(directory: Option<&std::path::Path>) -> Result<Index, IndexError> {
    analysis::create_index(directory, schema().0)
}

/// A searchable bite index.
pub struct BiteIndex {
    reader: IndexReader,
    fields: BiteFields,
    /// Facet values present in the index, by facet root.
    known: BTreeMap<&'static str, BTreeSet<String>>,
    /// Analyzers for snippets by language slot, kept with their stem memory.
    snippet_analyzers: [AnalyzerPool; 3],
}

/// The analyzer pools for snippets, in the order of [`TEXT_LANGS`] (the
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

    fn facet_collector(&self) -> FacetCollector {
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
    /// most specific to the occupation (see [`OCCUPATION_WEIGHT`]). A query
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

    /// Checks every parameter; collects all unknown filter values at once.
    fn validate(&self, request: &SearchRequest) -> Result<Valid, IndexError> {
        let chars = request.q.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(IndexError::QueryTooLong {
                chars,
                max: MAX_QUERY_CHARS,
            });
        }
        let invalid = |parameter: &'static str, message: String| IndexError::InvalidParameter {
            parameter,
            message,
        };
        let sort: Sort = request
            .sort
            .as_deref()
            .unwrap_or("relevance")
            .parse()
            .map_err(|m| invalid("sort", m))?;
        let page = request.page.unwrap_or(1);
        if page == 0 {
            return Err(invalid("page", "pages are numbered from 1".into()));
        }
        let per_page = request.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(invalid(
                "per_page",
                format!("{per_page} is outside 1–{MAX_PER_PAGE}"),
            ));
        }
        if page.saturating_mul(per_page) > MAX_RESULT_WINDOW {
            return Err(invalid(
                "page",
                format!(
                    "page × per_page may not exceed {MAX_RESULT_WINDOW}; narrow the search instead"
                ),
            ));
        }
        let boost_lang = match request.lang.as_deref() {
            None | Some("") => None,
            Some(lang) => {
                Lang::new(lang).map_err(|m| invalid("lang", m))?;
                TEXT_LANGS.iter().position(|l| *l == lang)
            }
        };
        for (parameter, value) in [("eqf_min", request.eqf_min), ("eqf_max", request.eqf_max)] {
            if let Some(level) = value
                && !(1..=8).contains(&level)
            {
                return Err(invalid(
                    parameter,
                    format!("EQF level {level} is outside 1–8"),
                ));
            }
        }
        if let (Some(min), Some(max)) = (request.eqf_min, request.eqf_max)
            && min > max
        {
            return Err(invalid("eqf_min", format!("{min} is above eqf_max {max}")));
        }
        for (parameter, value) in [
            ("max_hours", request.max_hours),
            ("max_cost", request.max_cost),
        ] {
            if let Some(value) = value
                && !(value.is_finite() && value >= 0.0)
            {
                return Err(invalid(parameter, format!("{value} is not a number ≥ 0")));
            }
        }
        if let (Some(from), Some(to)) = (request.start_from, request.start_to)
            && from > to
        {
            return Err(invalid(
                "start_from",
                format!("{from} is after start_to {to}"),
            ));
        }
        let mut skills = Vec::with_capacity(request.skills.len());
        for skill in &request.skills {
            skills.push(SkillUri::new(skill.as_str()).map_err(|m| invalid("skills", m))?);
        }

        // Values are checked against the index's sets in place; the list of
        // known values is only made for an error.
        let mut unknown = Vec::new();
        let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.as_str()).collect();
        let mut check = |filter: &'static str, values: &[String], root: &str, extra: &[&str]| {
            let present = self.known.get(root);
            for value in values {
                let known = extra.contains(&value.as_str())
                    || present.is_some_and(|set| set.contains(value));
                if !known {
                    let mut listed: BTreeSet<String> = present.cloned().unwrap_or_default();
                    listed.extend(extra.iter().map(|s| s.to_string()));
                    unknown.push(UnknownValue {
                        filter,
                        value: value.clone(),
                        known: listed.into_iter().take(MAX_KNOWN_LISTED).collect(),
                    });
                }
            }
        };
        check("modes", &request.modes, "", &modes);
        check("languages", &request.languages, "language", &TEXT_LANGS);
        check(
            "counties",
            &request.counties,
            "county",
            &estonian_counties(),
        );
        check("providers", &request.providers, "provider", &[]);
        check("fields", &request.fields, "field", &[]);
        check("funding", &request.funding, "funding", &WELL_KNOWN_FUNDING);
        if !unknown.is_empty() {
            return Err(IndexError::UnknownFilterValues(unknown));
        }
        Ok(Valid {
            sort,
            page,
            per_page,
            boost_lang,
            skills,
        })
    }

    /// The filter queries of a validated request.
    fn filters(
        &self,
        request: &SearchRequest,
        valid: &Valid,
        expansion: &dyn SkillExpansion,
    ) -> Vec<Box<dyn Query>> {
        let f = &self.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if !valid.skills.is_empty() {
            let mut terms = HashSet::new();
            for skill in &valid.skills {
                for uri in expansion.expand(skill) {
                    terms.insert(Term::from_field_text(f.skill_outcome, uri.as_str()));
                }
            }
            filters.push(any_term(terms.into_iter().collect()));
        }
        let facet_filters: [(&str, &[String]); 6] = [
            ("mode", &request.modes),
            ("language", &request.languages),
            ("county", &request.counties),
            ("provider", &request.providers),
            ("funding", &request.funding),
            ("field", &request.fields),
        ];
        for (root, values) in facet_filters {
            if !values.is_empty() {
                let terms = values
                    .iter()
                    .map(|v| Term::from_facet(f.facet, &Facet::from_path([root, v.as_str()])))
                    .collect();
                filters.push(any_term(terms));
            }
        }
        if request.eqf_min.is_some() || request.eqf_max.is_some() {
            let low = u64::from(request.eqf_min.unwrap_or(1));
            let high = u64::from(request.eqf_max.unwrap_or(8));
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.eqf, low)),
                Bound::Included(Term::from_field_u64(f.eqf, high)),
            )));
        }
        if let Some(max) = request.max_hours {
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_f64(f.hours, 0.0)),
                Bound::Included(Term::from_field_f64(f.hours, max)),
            )));
        }
        if let Some(max) = request.max_cost {
            filters.push(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_f64(f.cost, 0.0)),
                Bound::Included(Term::from_field_f64(f.cost, max)),
            )));
        }
        if request.start_from.is_some() || request.start_to.is_some() {
            let low = request.start_from.map_or(i64::MIN, day_number);
            let high = request.start_to.map_or(i64::MAX, day_number);
            let dated = RangeQuery::new(
                Bound::Included(Term::from_field_i64(f.starts, low)),
                Bound::Included(Term::from_field_i64(f.starts, high)),
            );
            let self_paced = TermQuery::new(
                Term::from_field_u64(f.self_paced, 1),
                IndexRecordOption::Basic,
            );
            filters.push(Box::new(BooleanQuery::union(vec![
                Box::new(dated),
                Box::new(self_paced),
            ])));
        }
        filters
    }

    /// The scoring query for free text, or `None` when the text has no
    /// words.
    ///
    /// Every word is looked up, as each analyzer makes it, in every text
    /// field; field weights favour titles, then outcomes, then descriptions,
    /// the learner's language, and exact Estonian over folded. Up to three
    /// words must all match; of longer queries three in four must
    /// (`relaxed`: any one). A phrase match in a title adds a bonus.
    ///
    /// Terms that no document has are left out (a term dictionary lookup
    /// is cheaper than the scorer tantivy would build for each, once per
    /// segment); the answer is the same, and the query says whether
    /// enough words are left for any document to match.
    #[cfg(test)]
    fn text_query(
        &self,
        searcher: &Searcher,
        q: &str,
        boost_lang: Option<usize>,
        relaxed: bool,
    ) -> Result<Option<TextQuery>, IndexError> {
        self.text_query_with(searcher, q, boost_lang, relaxed, false, None)
    }

    /// [`Self::text_query`]; with `fuzzy`, every term of
    /// [`FUZZY_MIN_CHARS`] characters or more also matches index terms one
    /// edit away (an inflection the stemmer leaves unlike the indexed one),
    /// every word of as many letters also matches through the words one
    /// edit away whose terms the index has (a typo before stemming:
    /// "klienditeenindsu" is one edit from "klienditeenindus", but their
    /// stems are three apart), and there is no phrase bonus. With
    /// `occupations`, the words of an occupation's name also match its
    /// skills (see [`Self::occupation_clause`]).
    fn text_query_with(
        &self,
        searcher: &Searcher,
        q: &str,
        boost_lang: Option<usize>,
        relaxed: bool,
        fuzzy: bool,
        occupations: Option<&Occupations>,
    ) -> Result<Option<TextQuery>, IndexError> {
        let f = &self.fields;
        let live = |term: &Term| -> Result<bool, IndexError> { Ok(searcher.doc_freq(term)? > 0) };
        // The words as typed (lowercased), for the one-edit corrections.
        let typed = if fuzzy { typed_words(q) } else { Vec::new() };
        // position → clauses for that word
        let mut per_word: BTreeMap<usize, Vec<Box<dyn Query>>> = BTreeMap::new();
        let mut seen: FnvHashSet<(Field, String)> = FnvHashSet::default();
        let mut phrases: Vec<Box<dyn Query>> = Vec::new();
        // Occupation names found, by the positions they span: the heaviest
        // weight of each skill over every language's analysis.
        let mut named: BTreeMap<Vec<usize>, BTreeMap<String, f32>> = BTreeMap::new();
        for (slot, lang) in TEXT_LANGS.iter().enumerate() {
            let boost = if boost_lang == Some(slot) { 1.5 } else { 1.0 };
            let t = f.text[slot];
            let fields = [
                (t.title, 3.0 * boost),
                (t.outcomes, 2.0 * boost),
                (t.description, boost),
            ];
            let estonian = *lang == "et";
            let pool = &self.snippet_analyzers[slot];
            let words = pool.with(|analyzer| analysis::words(analyzer, q));
            if let Some(occupations) = occupations {
                for found in occupations.recognise(slot, &words) {
                    let skills = named.entry(found.positions).or_default();
                    for (skill, weight) in found.skills {
                        let kept = skills.entry(skill).or_default();
                        *kept = kept.max(weight);
                    }
                }
            }
            // The terms of the corrections of each typed word, by position.
            // A word in Cyrillic is corrected in the Russian fields only, a
            // word in Latin letters in the Estonian and English ones: the
            // other fields hold few words of that script, and each field
            // costs a term lookup per variant.
            let corrections: Vec<(usize, Vec<String>)> = typed
                .iter()
                .filter(|(_, word)| is_cyrillic(word) == (*lang == "ru"))
                .map(|(position, word)| {
                    let mut terms = BTreeSet::new();
                    pool.with(|analyzer| {
                        for variant in one_edit_variants(word) {
                            for w in analysis::words(analyzer, &variant) {
                                terms.insert(w.term);
                            }
                        }
                    });
                    (*position, terms.into_iter().collect())
                })
                .collect();
            for (field, weight) in fields {
                for word in &words {
                    let clauses = per_word.entry(word.position).or_default();
                    for (text, factor) in term_variants(&word.term, estonian) {
                        if !seen.insert((field, text.clone())) {
                            continue;
                        }
                        let term = Term::from_field_text(field, &text);
                        let long =
                            text.trim_start_matches(FOLDED_MARK).chars().count() >= FUZZY_MIN_CHARS;
                        if fuzzy && long {
                            clauses.push(Box::new(BoostQuery::new(
                                Box::new(FuzzyTermQuery::new(term, 1, true)),
                                weight * factor,
                            )));
                        } else if live(&term)? {
                            clauses.push(term_clause(term, weight * factor));
                        } else if estonian {
                            // An Estonian noun's nominative ("tõstuk") may
                            // be stemmed unlike its other cases, which keep
                            // the genitive's vowel ("tõstuki", "tõstukit").
                            for extended in analysis::genitive_stems(&text) {
                                let term = Term::from_field_text(field, &extended);
                                if seen.insert((field, extended)) && live(&term)? {
                                    clauses
                                        .push(term_clause(term, weight * factor * GENITIVE_WEIGHT));
                                }
                            }
                        }
                    }
                }
                for (position, terms) in &corrections {
                    let clauses = per_word.entry(*position).or_default();
                    for text in terms {
                        if !seen.insert((field, text.clone())) {
                            continue;
                        }
                        let term = Term::from_field_text(field, text);
                        if live(&term)? {
                            let factor = if text.starts_with(FOLDED_MARK) {
                                FOLDED_WEIGHT
                            } else {
                                1.0
                            };
                            clauses.push(term_clause(term, weight * factor * CORRECTION_WEIGHT));
                        }
                    }
                }
            }
            let words: Vec<_> = words
                .into_iter()
                .filter(|w| !w.term.starts_with(FOLDED_MARK))
                .collect();
            if words.len() >= 2 && !fuzzy {
                let first = words[0].position;
                let (title, weight) = fields[0];
                let mut terms = Vec::with_capacity(words.len());
                let mut all_live = true;
                for w in &words {
                    let term = Term::from_field_text(title, &w.term);
                    all_live = all_live && live(&term)?;
                    terms.push((w.position - first, term));
                }
                // A phrase with a word no title has matches nothing.
                if all_live {
                    phrases.push(Box::new(BoostQuery::new(
                        Box::new(PhraseQuery::new_with_offset(terms)),
                        weight,
                    )));
                }
            }
        }
        for (positions, skills) in named {
            if let Some(clause) = self.occupation_clause(searcher, &skills, positions.len())? {
                for position in positions {
                    per_word
                        .entry(position)
                        .or_default()
                        .push(clause.box_clone());
                }
            }
        }
        let n_words = per_word.len();
        if n_words == 0 {
            return Ok(None);
        }
        let word_queries: Vec<Box<dyn Query>> = per_word
            .into_values()
            .filter(|clauses| !clauses.is_empty())
            .map(|clauses| Box::new(BooleanQuery::union(clauses)) as Box<dyn Query>)
            .collect();
        let required = if relaxed { 1 } else { n_words - n_words / 4 };
        let can_match = word_queries.len() >= required;
        let words_query = BooleanQuery::union_with_minimum_required_clauses(word_queries, required);
        let query: Box<dyn Query> = if phrases.is_empty() {
            Box::new(words_query)
        } else {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                vec![(Occur::Must, Box::new(words_query))];
            clauses.extend(phrases.into_iter().map(|p| (Occur::Should, p)));
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(Some(TextQuery {
            query,
            n_words,
            can_match,
        }))
    }
}

impl BiteIndex {
    /// The clause a word of an occupation's name adds: bites with any of
    /// its `skills` (URI → specificity 0–1) among their outcomes, scored by
    /// the most specific one times [`OCCUPATION_WEIGHT`] (the most specific
    /// skill that any bite teaches weighs 1), shared among the `n_words`
    /// words of the name. `None` when no bite has any.
    fn occupation_clause(
        &self,
        searcher: &Searcher,
        skills: &BTreeMap<String, f32>,
        n_words: usize,
    ) -> Result<Option<Box<dyn Query>>, IndexError> {
        let mut taught = Vec::new();
        for (skill, weight) in skills {
            let term = Term::from_field_text(self.fields.skill_outcome, skill);
            if searcher.doc_freq(&term)? > 0 {
                taught.push((term, *weight));
            }
        }
        // Relative to the most specific skill some bite teaches: the
        // occupation's rarest skills may be taught nowhere.
        let top = taught.iter().map(|(_, w)| *w).fold(0.0f32, f32::max);
        let mut disjuncts: Vec<Box<dyn Query>> = Vec::with_capacity(taught.len());
        for (term, weight) in taught {
            disjuncts.push(Box::new(ConstScoreQuery::new(
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                OCCUPATION_WEIGHT * weight / top / n_words as f32,
            )));
        }
        Ok(match disjuncts.len() {
            0 => None,
            _ => Some(Box::new(DisjunctionMaxQuery::new(disjuncts))),
        })
    }
}

/// What a bite's outcome skill most specific to an occupation named in the
/// query adds to its score (times the specificity, 0–1): enough that bites
/// teaching the occupation's most specific skills come first, while the
/// text's score orders bites with the same skills.
pub const OCCUPATION_WEIGHT: f32 = 30.0;

/// A text query and what the search needs to know of it.
struct TextQuery {
    query: Box<dyn Query>,
    /// The number of words in the text.
    n_words: usize,
    /// Whether enough words have a term in the index for any bite to match.
    can_match: bool,
}

fn term_clause(term: Term, weight: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(
        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
        weight,
    ))
}

/// How much a match through a genitive stem is worth against the stem
/// itself.
const GENITIVE_WEIGHT: f32 = 0.9;

/// How much a match through a word one edit away is worth against the
/// word as typed.
const CORRECTION_WEIGHT: f32 = 0.8;

/// The words of `q` as typed, lowercased, with their positions (the same
/// positions the analyzers give), of [`FUZZY_MIN_CHARS`] letters or more.
fn typed_words(q: &str) -> Vec<(usize, String)> {
    let mut analyzer = analysis::plain_analyzer();
    analysis::words(&mut analyzer, q)
        .into_iter()
        .filter(|w| {
            w.term.chars().count() >= FUZZY_MIN_CHARS && !w.term.chars().any(|c| c.is_ascii_digit())
        })
        .map(|w| (w.position, w.term))
        .collect()
}

/// Latin letters of Estonian and English, for one-edit variants.
const LATIN_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzõäöüšž";
/// Russian letters, for one-edit variants.
const CYRILLIC_LETTERS: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";

/// Whether `word` has Cyrillic letters.
fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Every word one edit from `word` (a letter deleted, two neighbours
/// swapped, a letter changed or inserted), over the alphabet of its script.
fn one_edit_variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let alphabet: Vec<char> = if is_cyrillic(word) {
        CYRILLIC_LETTERS.chars().collect()
    } else {
        LATIN_LETTERS.chars().collect()
    };
    let n = chars.len();
    let make = |parts: &[&[char]]| -> String { parts.iter().flat_map(|p| p.iter()).collect() };
    let mut variants = Vec::with_capacity(n * (2 * alphabet.len() + 2) + alphabet.len());
    for i in 0..n {
        variants.push(make(&[&chars[..i], &chars[i + 1..]]));
        if i + 1 < n && chars[i] != chars[i + 1] {
            variants.push(make(&[
                &chars[..i],
                &[chars[i + 1], chars[i]],
                &chars[i + 2..],
            ]));
        }
        for &letter in &alphabet {
            if letter != chars[i] {
                variants.push(make(&[&chars[..i], &[letter], &chars[i + 1..]]));
            }
        }
    }
    for i in 0..=n {
        for &letter in &alphabet {
            variants.push(make(&[&chars[..i], &[letter], &chars[i..]]));
        }
    }
    variants
}

/// How much a match on a folded form is worth against an exact match.
const FOLDED_WEIGHT: f32 = 0.35;

/// Terms this long or longer (in characters) match one edit away when
/// nothing matches exactly: shorter ones would match too many words.
const FUZZY_MIN_CHARS: usize = 5;

/// The terms to look up for one analyzed query word, with weight factors.
/// In Estonian fields a word is matched exactly, and through its folded
/// form at a lower weight both ways: "oppimine" finds the marked folded
/// stem of "õppimine", and "õppimine" (whose analyzer output includes the
/// marked folded stem) also finds the plain stem of "oppimine".
fn term_variants(term: &str, estonian: bool) -> Vec<(String, f32)> {
    match term.strip_prefix(FOLDED_MARK) {
        Some(plain) => vec![
            (term.to_string(), FOLDED_WEIGHT),
            (plain.to_string(), FOLDED_WEIGHT),
        ],
        None if estonian => vec![
            (term.to_string(), 1.0),
            (format!("{FOLDED_MARK}{term}"), FOLDED_WEIGHT),
        ],
        None => vec![(term.to_string(), 1.0)],
    }
}

/// A filter matching documents with any of `terms`: a few term queries
/// are cheaper than building the automaton of a term-set query, which pays
/// off for long lists only (e.g. a skill with many narrower skills).
fn any_term(terms: Vec<Term>) -> Box<dyn Query> {
    const TERM_SET_FROM: usize = 16;
    if terms.len() >= TERM_SET_FROM {
        return Box::new(TermSetQuery::new(terms));
    }
    let mut queries: Vec<Box<dyn Query>> = terms
        .into_iter()
        .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
        .collect();
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(BooleanQuery::union(queries))
}

struct Valid {
    sort: Sort,
    page: usize,
    per_page: usize,
    boost_lang: Option<usize>,
    skills: Vec<SkillUri>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_characters() {
        let long = "õ".repeat(MAX_QUERY_CHARS + 3);
        let (cut, was_cut) = truncate_query(&long);
        assert!(was_cut);
        assert_eq!(cut.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(truncate_query("kassatöö"), ("kassatöö".to_string(), false));
    }

    #[test]
    fn sort_names() {
        assert_eq!("".parse::<Sort>(), Ok(Sort::Relevance));
        assert_eq!("start".parse::<Sort>(), Ok(Sort::Start));
        assert!(
            "popularity"
                .parse::<Sort>()
                .unwrap_err()
                .contains("popularity")
        );
    }

    #[test]
    fn free_outcome_text_language_by_script() {
        assert_eq!(outcome_text_langs("уход за пожилыми"), &[1]);
        assert_eq!(outcome_text_langs("kassatöö"), &[0, 2]);
    }

    #[test]
    fn one_edit_variants_hold_every_kind_of_typo() {
        let variants = one_edit_variants("klienditeenindsu");
        // A swap, a deletion, a substitution and an insertion.
        for fixed in ["klienditeenindus", "klienditeenindu", "klienditeenindsa"] {
            assert!(variants.iter().any(|v| v == fixed), "{fixed}");
        }
        assert!(one_edit_variants("forklit").iter().any(|v| v == "forklift"));
        // Cyrillic words are edited with Cyrillic letters.
        assert!(
            one_edit_variants("погрузчк")
                .iter()
                .any(|v| v == "погрузчик")
        );
        assert!(
            one_edit_variants("погрузчк")
                .iter()
                .all(|v| !v.chars().any(|c| c.is_ascii_alphabetic()))
        );
    }

    #[test]
    fn text_without_words_is_no_query() {
        let index = BiteIndex::create_in_ram(&[], &SkillLabels::default()).unwrap();
        let searcher = index.reader.searcher();
        assert!(
            index
                .text_query(&searcher, "!!! ( ) :", None, false)
                .unwrap()
                .is_none()
        );
        assert!(
            index
                .text_query(&searcher, "C++", None, false)
                .unwrap()
                .is_some()
        );
        assert!(index.is_empty());
    }
}
