//! Which bites does the query text match, and how well?
//!
//! The scoring query is built from the words the analyzers make of the
//! text, never by tantivy's query parser, so any text is a valid query:
//! every word in every text field with field and language weights, folded
//! Estonian forms, genitive stems, one-edit corrections and fuzzy terms,
//! the title phrase bonus, and the skills of an occupation the text names.
//!
//! It must never filter, page or collect hits.

use std::collections::{BTreeMap, BTreeSet};

use fnv::FnvHashSet;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::open::BiteIndex;
use super::variants::{
    FOLDED_WEIGHT, FUZZY_MIN_CHARS, is_cyrillic, one_edit_variants, term_variants, typed_words,
};
use crate::index::IndexError;
use crate::index::analysis::{self, FOLDED_MARK, TEXT_LANGS};
use crate::index::occupations::Occupations;

impl BiteIndex {
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
    pub(super) fn text_query_with(
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
pub(super) struct TextQuery {
    pub(super) query: Box<dyn Query>,
    /// The number of words in the text.
    pub(super) n_words: usize,
    /// Whether enough words have a term in the index for any bite to match.
    pub(super) can_match: bool,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::skills::SkillLabels;

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
