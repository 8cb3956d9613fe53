//! Which ESCO skills does a piece of free text name?
//!
//! The skill-label index: one document per label (preferred, alternative,
//! hidden) in every loaded language. A lookup turns "kassatöö", "Excel" or
//! "уход за пожилыми" into ranked skills: an exact label first, preferred
//! labels above alternative and hidden ones, one typo forgiven in words of
//! five letters or more. The same lookup tags free-text bite outcomes.
//!
//! Labels come from the taxonomy module as [`SkillLabel`]s; this module must
//! never load ESCO files itself, know of HTTP, or of the planner.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, PhraseQuery, Query, RegexQuery, TermQuery,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::analysis::{self, ET_FOLDED, PLAIN_FOLDED, TEXT_LANGS};
use super::{IndexError, MAX_QUERY_CHARS};
use oppepala_core::domain::SkillUri;

/// The score a tagged outcome needs by default: the share of the skill
/// label's words that the outcome text contains.
pub const DEFAULT_TAG_THRESHOLD: f32 = 0.75;

/// Words with at least this many characters tolerate one typo.
const FUZZY_MIN_CHARS: usize = 5;

/// What kind of label a label is (ESCO `preferredLabel`, `altLabels`,
/// `hiddenLabels`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LabelKind {
    /// The preferred label.
    Preferred,
    /// An alternative label.
    Alt,
    /// A hidden label: a misspelling or old term, never shown but matched.
    Hidden,
}

impl LabelKind {
    fn code(self) -> u64 {
        match self {
            LabelKind::Preferred => 0,
            LabelKind::Alt => 1,
            LabelKind::Hidden => 2,
        }
    }

    fn from_code(code: u64) -> Self {
        match code {
            0 => LabelKind::Preferred,
            1 => LabelKind::Alt,
            _ => LabelKind::Hidden,
        }
    }

    /// How much a match on this kind of label is worth against a preferred one.
    fn weight(self) -> f32 {
        match self {
            LabelKind::Preferred => 1.0,
            LabelKind::Alt => 0.85,
            LabelKind::Hidden => 0.7,
        }
    }
}

/// One label of a skill in one language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SkillLabel {
    /// The skill.
    pub uri: SkillUri,
    /// The label's language (ISO 639-1).
    pub lang: String,
    /// The label.
    pub label: String,
    /// Preferred, alternative or hidden.
    pub kind: LabelKind,
}

/// Skill labels held in memory, with the preferred label per skill and
/// language at hand (bite outcomes are indexed through them).
#[derive(Clone, Debug, Default)]
pub struct SkillLabels {
    labels: Vec<SkillLabel>,
    preferred: HashMap<(SkillUri, String), usize>,
}

impl SkillLabels {
    /// Collects labels.
    pub fn new(labels: impl IntoIterator<Item = SkillLabel>) -> Self {
        let labels: Vec<SkillLabel> = labels
            .into_iter()
            .filter(|l| !l.label.trim().is_empty())
            .collect();
        let mut preferred = HashMap::new();
        for (i, label) in labels.iter().enumerate() {
            if label.kind == LabelKind::Preferred {
                preferred
                    .entry((label.uri.clone(), label.lang.clone()))
                    .or_insert(i);
            }
        }
        Self { labels, preferred }
    }

    /// The preferred label of `uri` in `lang`.
    pub fn preferred(&self, uri: &SkillUri, lang: &str) -> Option<&str> {
        // The map is keyed by owned values; a lookup clones two short strings,
        // which is cheap next to indexing the label.
        self.preferred
            .get(&(uri.clone(), lang.to_string()))
            .map(|&i| self.labels[i].label.as_str())
    }

    /// All labels.
    pub fn labels(&self) -> &[SkillLabel] {
        &self.labels
    }

    /// The number of labels.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The number of distinct skills.
    pub fn n_skills(&self) -> usize {
        self.labels
            .iter()
            .map(|l| l.uri.as_str())
            .collect::<HashSet<_>>()
            .len()
    }
}

/// One skill found by a lookup.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SkillHit {
    /// The skill.
    pub uri: SkillUri,
    /// The label that matched best.
    pub label: String,
    /// The language of that label.
    pub lang: String,
    /// Its kind.
    pub kind: LabelKind,
    /// Whether the whole query equals the label (case, punctuation and
    /// diacritics aside).
    pub exact: bool,
    /// The ranking score, 0–1: how well the words match the label (1 for
    /// an exact label), weighed by the label's kind and whether it is in
    /// the asked language (higher is better).
    pub score: f32,
}

#[derive(Clone, Debug)]
pub(crate) struct SkillFields {
    uri: Field,
    lang: Field,
    label: Field,
    kind: Field,
    /// In the order of [`TEXT_LANGS`].
    stemmed: [Field; 3],
    et_folded: Field,
    plain: Field,
    exact: Field,
}

fn text_options(analyzer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

pub(crate) fn schema() -> (Schema, SkillFields) {
    let mut builder = Schema::builder();
    let uri = builder.add_text_field("uri", STRING | STORED);
    let lang = builder.add_text_field("lang", STRING | STORED);
    let label = builder.add_text_field("label", STORED);
    let kind = builder.add_u64_field("kind", STORED | FAST);
    let stemmed = TEXT_LANGS.map(|l| {
        builder.add_text_field(
            &format!("label_{l}"),
            text_options(analysis::stemmed_analyzer_name(l)),
        )
    });
    let et_folded = builder.add_text_field("label_et_folded", text_options(ET_FOLDED));
    let plain = builder.add_text_field("label_plain", text_options(PLAIN_FOLDED));
    let exact = builder.add_text_field("label_exact", STRING);
    let fields = SkillFields {
        uri,
        lang,
        label,
        kind,
        stemmed,
        et_folded,
        plain,
        exact,
    };
    (builder.build(), fields)
}

pub(crate) fn label_document(fields: &SkillFields, label: &SkillLabel) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.uri, label.uri.as_str());
    doc.add_text(fields.lang, &label.lang);
    doc.add_text(fields.label, &label.label);
    doc.add_u64(fields.kind, label.kind.code());
    let slot = TEXT_LANGS
        .iter()
        .position(|l| *l == label.lang)
        .unwrap_or(2);
    doc.add_text(fields.stemmed[slot], &label.label);
    if slot == 0 {
        doc.add_text(fields.et_folded, &label.label);
    }
    doc.add_text(fields.plain, &label.label);
    doc.add_text(fields.exact, analysis::normalize_phrase(&label.label));
    doc
}

/// Creates an empty skill index in `directory` (or in RAM).
pub(crate) fn create_index(directory: Option<&std::path::Path>) -> Result<Index, IndexError> {
    analysis::create_index(directory, schema().0)
}

/// A searchable skill-label index.
pub struct SkillIndex {
    reader: IndexReader,
    fields: SkillFields,
}

impl std::fmt::Debug for SkillIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SkillIndex")
            .field("n_labels", &self.reader.searcher().num_docs())
            .finish()
    }
}

impl SkillIndex {
    /// Indexes `labels` in memory.
    pub fn create_in_ram(labels: impl IntoIterator<Item = SkillLabel>) -> Result<Self, IndexError> {
        let index = create_index(None)?;
        let (_, fields) = schema();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
        for label in labels {
            if !label.label.trim().is_empty() {
                writer.add_document(label_document(&fields, &label))?;
            }
        }
        writer.commit()?;
        writer.wait_merging_threads()?;
        Self::open(index)
    }

    /// Opens an index made by [`create_index`].
    pub(crate) fn open(index: Index) -> Result<Self, IndexError> {
        analysis::register(index.tokenizers());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SkillIndex {
            reader,
            fields: schema().1,
        })
    }

    /// The number of labels indexed.
    pub fn n_labels(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Skills whose labels match `q`, best first, one hit per skill, each
    /// scoring at least [`MIN_LOOKUP_SCORE`]: ranked by how well the
    /// query's words match the label (`label_match`), labels in `lang`
    /// (the learner's language) first, then by the index's relevance.
    pub fn lookup(
        &self,
        q: &str,
        lang: Option<&str>,
        limit: usize,
    ) -> Result<Vec<SkillHit>, IndexError> {
        check_length(q)?;
        if limit == 0 {
            return Ok(Vec::new());
        }
        // Labels of one skill compete for its place, and candidates that
        // match too little are dropped: read more than asked.
        let candidates = self.candidates(q, lang, limit * 6 + 20)?;
        let mut query = QueryWords::new(q);
        let matches: Vec<LabelMatch> = candidates
            .iter()
            .map(|hit| label_match(&mut query, &hit.label, &hit.lang))
            .collect();
        // A capitalised word some label has as it is typed is a name
        // ("Excel", "Word"): labels with the word only in lower case
        // ("… performers excel", "identify new words") mean something else.
        let a_name_meant = matches.iter().any(|m| m.names);
        let mut best: HashMap<String, (f32, f32, SkillHit)> = HashMap::new();
        for (hit, matched) in candidates.into_iter().zip(matches) {
            let quality = if hit.exact {
                1.0
            } else if a_name_meant && !matched.names {
                matched.score * 0.5
            } else {
                matched.score
            };
            if quality < MIN_LOOKUP_SCORE {
                continue;
            }
            let in_lang = lang.is_none_or(|l| l == hit.lang);
            let rank = quality * hit.kind.weight() * if in_lang { 1.0 } else { 0.85 };
            let relevance = hit.score;
            let hit = SkillHit {
                score: (rank * 1000.0).round() / 1000.0,
                ..hit
            };
            let better = |old: &(f32, f32, SkillHit)| {
                (hit.exact, rank, relevance) > (old.2.exact, old.0, old.1)
            };
            match best.get(hit.uri.as_str()) {
                Some(old) if !better(old) => {}
                _ => {
                    best.insert(hit.uri.as_str().to_string(), (rank, relevance, hit));
                }
            }
        }
        let mut hits: Vec<(f32, f32, SkillHit)> = best.into_values().collect();
        hits.sort_by(|a, b| {
            (b.2.exact, b.0)
                .partial_cmp(&(a.2.exact, a.0))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| a.2.uri.cmp(&b.2.uri))
        });
        Ok(hits
            .into_iter()
            .take(limit)
            .map(|(_, _, hit)| hit)
            .collect())
    }

    /// The labels among the `docs` most relevant to `q` by the index
    /// (BM25 over the label fields), each a hit, with no minimum.
    fn candidates(
        &self,
        q: &str,
        lang: Option<&str>,
        docs: usize,
    ) -> Result<Vec<SkillHit>, IndexError> {
        check_length(q)?;
        if docs == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let Some(query) = self.query(&searcher, q, lang)? else {
            return Ok(Vec::new());
        };
        let top = TopDocs::with_limit(docs).order_by_score();
        let docs = searcher.search(&query, &top)?;
        let normalized_query = analysis::normalize_phrase(q);
        let mut hits = Vec::with_capacity(docs.len());
        for (score, address) in docs {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let Ok(uri) = SkillUri::new(text(self.fields.uri)) else {
                continue;
            };
            let label = text(self.fields.label);
            let kind = LabelKind::from_code(
                doc.get_first(self.fields.kind)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(2),
            );
            let exact = analysis::normalize_phrase(&label) == normalized_query;
            let hit = SkillHit {
                uri,
                label,
                lang: text(self.fields.lang),
                kind,
                exact,
                score: score * kind.weight(),
            };
            hits.push(hit);
        }
        Ok(hits)
    }

    /// The best label per skill by the index's relevance alone (exact
    /// labels first), at most `limit` skills, no minimum: what tagging
    /// free-text outcomes reads, where the text is longer than any label.
    fn best_labels(&self, q: &str, limit: usize) -> Result<Vec<SkillHit>, IndexError> {
        let mut best: HashMap<String, SkillHit> = HashMap::new();
        for hit in self.candidates(q, None, limit * 3 + 10)? {
            match best.get(hit.uri.as_str()) {
                Some(old) if rank_key(old) >= rank_key(&hit) => {}
                _ => {
                    best.insert(hit.uri.as_str().to_string(), hit);
                }
            }
        }
        let mut hits: Vec<SkillHit> = best.into_values().collect();
        hits.sort_by(|a, b| {
            rank_key(b)
                .partial_cmp(&rank_key(a))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.uri.cmp(&b.uri))
        });
        hits.truncate(limit);
        Ok(hits)
    }

    /// The skill that a free-text outcome names, with the share of the
    /// skill label's words found in the text, if at least
    /// [`DEFAULT_TAG_THRESHOLD`].
    pub fn tag_outcome(&self, text: &str) -> Result<Option<(SkillUri, f32)>, IndexError> {
        self.tag_outcome_with(text, DEFAULT_TAG_THRESHOLD)
    }

    /// Like [`SkillIndex::tag_outcome`] with another threshold (0–1).
    pub fn tag_outcome_with(
        &self,
        text: &str,
        threshold: f32,
    ) -> Result<Option<(SkillUri, f32)>, IndexError> {
        let (text, _) = super::truncate_query(text);
        let hits = self.best_labels(&text, 10)?;
        let mut best: Option<(SkillUri, f32)> = None;
        for hit in hits {
            let coverage = label_coverage(&hit.label, &hit.lang, &text);
            if coverage >= threshold && best.as_ref().is_none_or(|(_, b)| coverage > *b) {
                best = Some((hit.uri, coverage));
            }
        }
        Ok(best)
    }

    /// The lookup query. Each word is matched, as each analyzer makes it,
    /// in every label field. A word of [`FUZZY_MIN_CHARS`] or more that
    /// matches no term anywhere is also looked up with one typo allowed:
    /// fuzzy queries walk the term dictionary, so they are kept for the
    /// words that need them, and sent only to fields whose script can match
    /// (Cyrillic to the Russian field, Latin to the Estonian and English
    /// ones, every word to the unstemmed folded field).
    fn query(
        &self,
        searcher: &Searcher,
        q: &str,
        lang: Option<&str>,
    ) -> Result<Option<Box<dyn Query>>, IndexError> {
        let f = &self.fields;
        let mut per_word: HashMap<usize, Vec<Box<dyn Query>>> = HashMap::new();
        let mut fields: Vec<(Field, &str, f32)> = TEXT_LANGS
            .iter()
            .enumerate()
            .map(|(slot, l)| {
                let weight = if lang == Some(*l) { 2.5 } else { 2.0 };
                (f.stemmed[slot], analysis::stemmed_analyzer_name(l), weight)
            })
            .collect();
        fields.push((f.et_folded, ET_FOLDED, 1.2));
        fields.push((f.plain, PLAIN_FOLDED, 1.0));
        let mut plain_words = Vec::new();
        let mut matched: HashSet<usize> = HashSet::new();
        let mut fuzzy_candidates: Vec<(usize, Term, f32)> = Vec::new();
        for (field, analyzer_name, weight) in fields {
            let mut analyzer = analysis::analyzer_by_name(analyzer_name);
            let words = analysis::words(&mut analyzer, q);
            for word in &words {
                let term = Term::from_field_text(field, &word.term);
                if searcher.doc_freq(&term)? > 0 {
                    matched.insert(word.position);
                }
                per_word
                    .entry(word.position)
                    .or_default()
                    .push(Box::new(BoostQuery::new(
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                        weight,
                    )));
                let cyrillic = is_cyrillic(&word.term);
                let fuzzy_here = field == f.plain
                    || (field == f.stemmed[1] && cyrillic)
                    || ((field == f.stemmed[0] || field == f.stemmed[2]) && !cyrillic);
                if word.chars >= FUZZY_MIN_CHARS && fuzzy_here {
                    fuzzy_candidates.push((word.position, term, weight * 0.4));
                }
            }
            if field == f.plain {
                plain_words = words;
            }
        }
        // Estonian and Russian words begin longer ones (compounds and
        // derivations: "kassa" → "kassaaparaadi", "склад" → "складской"),
        // and a form may extend a label's stem ("laotöölisena").
        for slot in [0, 1] {
            let field = f.stemmed[slot];
            let weight = if lang == Some(TEXT_LANGS[slot]) {
                1.2
            } else {
                1.0
            };
            let mut analyzer = analysis::stemmed_analyzer(TEXT_LANGS[slot]);
            for word in analysis::words(&mut analyzer, q) {
                let stem = &word.term;
                if stem.chars().count() < PREFIX_MIN_CHARS
                    || !stem.chars().all(char::is_alphanumeric)
                    || (slot == 1) != is_cyrillic(stem)
                {
                    continue;
                }
                let clauses = per_word.entry(word.position).or_default();
                if let Ok(prefix) = RegexQuery::from_pattern(&format!("{stem}.+"), field) {
                    clauses.push(Box::new(BoostQuery::new(Box::new(prefix), weight)));
                }
                for (at, _) in stem.char_indices().skip(5) {
                    let term = Term::from_field_text(field, &stem[..at]);
                    if searcher.doc_freq(&term)? > 0 {
                        clauses.push(Box::new(BoostQuery::new(
                            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                            weight,
                        )));
                    }
                }
            }
        }
        for (position, term, weight) in fuzzy_candidates {
            if !matched.contains(&position) {
                per_word
                    .entry(position)
                    .or_default()
                    .push(Box::new(BoostQuery::new(
                        Box::new(FuzzyTermQuery::new(term, 1, true)),
                        weight,
                    )));
            }
        }
        if per_word.is_empty() {
            return Ok(None);
        }
        let mut clauses: Vec<Box<dyn Query>> = per_word
            .into_values()
            .map(|c| Box::new(BooleanQuery::union(c)) as Box<dyn Query>)
            .collect();
        let normalized = analysis::normalize_phrase(q);
        clauses.push(Box::new(BoostQuery::new(
            Box::new(TermQuery::new(
                Term::from_field_text(f.exact, &normalized),
                IndexRecordOption::Basic,
            )),
            10.0,
        )));
        if plain_words.len() >= 2 {
            let first = plain_words[0].position;
            let terms = plain_words
                .iter()
                .map(|w| (w.position - first, Term::from_field_text(f.plain, &w.term)))
                .collect();
            clauses.push(Box::new(BoostQuery::new(
                Box::new(PhraseQuery::new_with_offset(terms)),
                3.0,
            )));
        }
        Ok(Some(Box::new(BooleanQuery::union(clauses))))
    }
}

fn check_length(q: &str) -> Result<(), IndexError> {
    let chars = q.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(IndexError::QueryTooLong {
            chars,
            max: MAX_QUERY_CHARS,
        });
    }
    Ok(())
}

/// The least `label_match` a label needs to be offered by a lookup: a
/// word one typo away from one word of a long label is not enough
/// ("masin" is not "prepare main engines for navigation operations"), nor
/// one of two query words in a two-word label.
pub const MIN_LOOKUP_SCORE: f32 = 0.4;

/// How much each way of matching a query word is worth in [`label_match`].
const MATCH_EXACT: f32 = 1.0;
const MATCH_PREFIX: f32 = 0.75;
const MATCH_TYPO: f32 = 0.6;
/// Query words shorter than this do not match by prefix.
const PREFIX_MIN_CHARS: usize = 4;

/// A lookup query's content words, as typed and as each analyzer makes them.
struct QueryWords {
    /// Per content word: its characters as typed (case kept), lowercased
    /// and folded, and its stem per language slot.
    words: Vec<QueryWord>,
    /// The analyzers labels are read with, made once per lookup.
    plain: tantivy::tokenizer::TextAnalyzer,
    stemmed: [tantivy::tokenizer::TextAnalyzer; 3],
}

struct QueryWord {
    typed: String,
    plain: Vec<char>,
    stems: [String; 3],
}

impl QueryWords {
    fn new(q: &str) -> Self {
        let mut plain = analysis::plain_folded_analyzer();
        let typed: Vec<&str> = q
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut stemmed = TEXT_LANGS.map(analysis::stemmed_analyzer);
        let mut stems: [HashMap<usize, String>; 3] = Default::default();
        for (slot, analyzer) in stemmed.iter_mut().enumerate() {
            for word in analysis::words(analyzer, q) {
                stems[slot].insert(word.position, word.term);
            }
        }
        let words = analysis::words(&mut plain, q)
            .into_iter()
            .filter(|w| !analysis::is_function_word(&w.term))
            .map(|w| QueryWord {
                typed: typed
                    .get(w.position)
                    .copied()
                    .unwrap_or_default()
                    .to_string(),
                stems: std::array::from_fn(|slot| {
                    stems[slot].get(&w.position).cloned().unwrap_or_default()
                }),
                plain: w.term.chars().collect(),
            })
            .collect();
        QueryWords {
            words,
            plain,
            stemmed,
        }
    }
}

/// How well a label matches a lookup query ([`label_match`]).
struct LabelMatch {
    /// 0–1.
    score: f32,
    /// Whether a capitalised query word is in the label as typed.
    names: bool,
}

/// How well a label matches a lookup query, 0–1 (1 also for exact labels,
/// which the caller tells apart): the query's content words matched (each
/// 1 as a stem or word; 0.75 in Estonian and Russian labels as the
/// beginning of a label word, "kassa" of "kassaaparaadi", "склад" of
/// "складской", or as a word whose stem extends the label's by at most a
/// third; 0.6 one typo
/// away in words of five letters or more), over the number of query
/// words, × (0.4 + 0.6 × the share of the label's content words matched).
fn label_match(query: &mut QueryWords, label: &str, lang: &str) -> LabelMatch {
    let nothing = LabelMatch {
        score: 0.0,
        names: false,
    };
    if query.words.is_empty() {
        return nothing;
    }
    let slot = TEXT_LANGS.iter().position(|l| *l == lang).unwrap_or(2);
    let compounding = slot < 2;
    let QueryWords {
        words: query_words,
        plain,
        stemmed,
    } = query;
    let stems: HashMap<usize, String> = analysis::words(&mut stemmed[slot], label)
        .into_iter()
        .map(|w| (w.position, w.term))
        .collect();
    let typed: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // The label's content words: (position, plain characters, stem).
    let words: Vec<(usize, Vec<char>, &str)> = analysis::words(plain, label)
        .into_iter()
        .filter(|w| !analysis::is_function_word(&w.term))
        .map(|w| {
            let stem = stems.get(&w.position).map(String::as_str).unwrap_or("");
            (w.position, w.term.chars().collect(), stem)
        })
        .collect();
    if words.is_empty() {
        return nothing;
    }
    let mut matched_label: HashSet<usize> = HashSet::new();
    let mut total = 0.0;
    let mut names = false;
    for word in query_words.iter() {
        let stem = word.stems[slot].as_str();
        let mut best = 0.0f32;
        for (position, label_plain, label_stem) in &words {
            let weight = if *label_plain == word.plain || (!stem.is_empty() && *label_stem == stem)
            {
                MATCH_EXACT
            } else if compounding
                && ((word.plain.len() >= PREFIX_MIN_CHARS && label_plain.starts_with(&word.plain))
                    || (stem.chars().count() >= PREFIX_MIN_CHARS && label_stem.starts_with(stem))
                    || (label_stem.chars().count() >= 5
                        && label_stem.chars().count() * 4 >= stem.chars().count() * 3
                        && stem.starts_with(label_stem)))
            {
                MATCH_PREFIX
            } else if word.plain.len() >= FUZZY_MIN_CHARS
                && label_plain.len().abs_diff(word.plain.len()) <= 1
                && analysis::one_edit(&word.plain, label_plain)
            {
                MATCH_TYPO
            } else {
                continue;
            };
            matched_label.insert(*position);
            if weight == MATCH_EXACT
                && word.typed.chars().next().is_some_and(char::is_uppercase)
                && typed.get(*position) == Some(&word.typed.as_str())
            {
                names = true;
            }
            best = best.max(weight);
        }
        total += best;
    }
    let share = total / query_words.len() as f32;
    let coverage = matched_label.len() as f32 / words.len() as f32;
    LabelMatch {
        score: share * (0.4 + 0.6 * coverage),
        names,
    }
}

fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

fn rank_key(hit: &SkillHit) -> (bool, f32) {
    (hit.exact, hit.score)
}

/// The share of the label's words (as its language's analyzer, or the
/// folded one, makes them) that occur in `text`.
fn label_coverage(label: &str, lang: &str, text: &str) -> f32 {
    let mut best: f32 = 0.0;
    let stemmed = analysis::stemmed_analyzer_name(if TEXT_LANGS.contains(&lang) {
        lang
    } else {
        "en"
    });
    for name in [stemmed, PLAIN_FOLDED] {
        let mut analyzer = analysis::analyzer_by_name(name);
        let label_terms: HashSet<String> = analysis::words(&mut analyzer, label)
            .into_iter()
            .map(|w| w.term)
            .collect();
        if label_terms.is_empty() {
            continue;
        }
        let text_terms: HashSet<String> = analysis::words(&mut analyzer, text)
            .into_iter()
            .map(|w| w.term)
            .collect();
        let found = label_terms.intersection(&text_terms).count();
        best = best.max(found as f32 / label_terms.len() as f32);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_the_share_of_label_words_found() {
        assert_eq!(
            label_coverage("eakate hooldus", "et", "Eakate hooldusele"),
            1.0
        );
        assert_eq!(
            label_coverage("уход за пожилыми людьми", "ru", "уход за пожилыми"),
            0.75
        );
        assert_eq!(label_coverage("SQL", "en", "bread"), 0.0);
    }

    #[test]
    fn preferred_label_per_language() {
        let uri = SkillUri::new("http://data.europa.eu/esco/skill/x").unwrap();
        let label = |lang: &str, text: &str, kind| SkillLabel {
            uri: uri.clone(),
            lang: lang.into(),
            label: text.into(),
            kind,
        };
        let labels = SkillLabels::new([
            label("en", "spreadsheets", LabelKind::Alt),
            label("en", "use spreadsheets", LabelKind::Preferred),
            label("et", " ", LabelKind::Preferred),
        ]);
        assert_eq!(labels.preferred(&uri, "en"), Some("use spreadsheets"));
        assert_eq!(labels.preferred(&uri, "et"), None);
        assert_eq!((labels.len(), labels.n_skills()), (2, 1));
    }

    fn index(labels: &[(&str, &str, &str, LabelKind)]) -> SkillIndex {
        SkillIndex::create_in_ram(labels.iter().map(|(id, lang, label, kind)| SkillLabel {
            uri: SkillUri::new(format!("http://data.europa.eu/esco/skill/{id}")).unwrap(),
            lang: lang.to_string(),
            label: label.to_string(),
            kind: *kind,
        }))
        .unwrap()
    }

    fn ids(index: &SkillIndex, q: &str, lang: &str) -> Vec<String> {
        index
            .lookup(q, Some(lang), 10)
            .unwrap()
            .into_iter()
            .map(|h| h.uri.as_str().rsplit('/').next().unwrap().to_string())
            .collect()
    }

    fn sample() -> SkillIndex {
        use LabelKind::{Alt, Preferred};
        index(&[
            ("spreadsheets", "en", "use spreadsheets software", Preferred),
            ("spreadsheets", "en", "Microsoft Office Excel", Alt),
            ("spreadsheets", "et", "tabelarvutus (Excel)", Preferred),
            (
                "performers",
                "en",
                "demand excellence from performers",
                Preferred,
            ),
            ("performers", "en", "demand performers excel", Alt),
            (
                "engines",
                "en",
                "prepare main engines for navigation operations",
                Preferred,
            ),
            ("machines", "en", "perform machine maintenance", Preferred),
            ("machines", "et", "masinate hooldus", Preferred),
            ("cash-register", "en", "operate cash register", Preferred),
            ("cash-register", "et", "kassaaparaadi kasutamine", Preferred),
            (
                "cash-register",
                "ru",
                "работа с кассовым аппаратом",
                Preferred,
            ),
            ("sewing", "en", "sew pieces of fabric", Preferred),
            ("sewing", "et", "õmblemine", Preferred),
            ("sewing", "ru", "шитьё", Preferred),
            ("customers", "et", "suhtlemine klientidega", Preferred),
            ("suppliers", "et", "suhtlemine tarnijatega", Preferred),
            ("warehouse", "ru", "размещение товаров на складе", Preferred),
            (
                "warehouse-tools",
                "ru",
                "работа со складским оборудованием",
                Preferred,
            ),
        ])
    }

    #[test]
    fn a_name_ranks_above_the_same_word_in_lower_case() {
        let index = sample();
        for lang in ["en", "et", "ru"] {
            let found = ids(&index, "Excel", lang);
            assert_eq!(
                found.first().map(String::as_str),
                Some("spreadsheets"),
                "{lang}"
            );
            assert!(
                !found.contains(&"performers".to_string()),
                "{lang}: {found:?}"
            );
        }
        // Typed in lower case, the word is no name: both labels have it.
        let found = ids(&index, "excel", "en");
        assert!(found.contains(&"spreadsheets".to_string()), "{found:?}");
    }

    #[test]
    fn a_typo_on_one_word_of_a_long_label_is_not_offered() {
        let index = sample();
        assert_eq!(ids(&index, "masin", "et"), ["machines"]);
        // Without the Estonian label, "masin" is one typo from "main":
        // too little of "prepare main engines …" to offer.
        let alone = self::index(&[(
            "engines",
            "en",
            "prepare main engines for navigation operations",
            LabelKind::Preferred,
        )]);
        assert!(ids(&alone, "masin", "et").is_empty());
        assert!(ids(&alone, "mian", "en").is_empty());
        // Half of a two-word query on a two-word label is not enough.
        assert_eq!(ids(&index, "suhtlemine klientidega", "et"), ["customers"]);
    }

    #[test]
    fn word_forms_beginnings_and_typos_are_found() {
        let index = sample();
        for (q, lang, first) in [
            ("õmblemine", "et", "sewing"),
            ("omblemine", "et", "sewing"),
            ("õmblemime", "et", "sewing"),
            ("шить", "ru", "sewing"),
            ("kassa", "et", "cash-register"),
            ("касса", "ru", "cash-register"),
            ("кассовый аппарат", "ru", "cash-register"),
            ("склад", "ru", "warehouse"),
            ("masinad", "et", "machines"),
        ] {
            let found = ids(&index, q, lang);
            assert_eq!(
                found.first().map(String::as_str),
                Some(first),
                "{q}: {found:?}"
            );
        }
        // An exact label is first and says so.
        let hits = index.lookup("õmblemine", Some("et"), 5).unwrap();
        assert!(hits[0].exact && hits[0].score == 1.0);
        // "склад" begins "складским": both warehouse skills.
        assert_eq!(ids(&index, "склад", "ru").len(), 2);
    }
}
