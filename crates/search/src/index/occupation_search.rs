//! Which occupations do a person's words name? (`GET /v1/occupations?q=`)
//!
//! People type the job they did or want in their own words and forms:
//! "грузчика", "кладовщиком", "tõstukijuhiks", "склад", "кассир". The
//! search matches the query's words against every occupation's labels
//! (preferred and alternative, in Estonian, Russian and English, including
//! the hand-written names and synonyms) and the names of its ISCO-08 unit
//! group, each analyzed by the same Snowball analyzers as the bite search,
//! so inflected forms meet. A query word also meets a label word it begins
//! (a compound or derived word: "склад" → "складской", "kassa" →
//! "kassapidaja"), or a label word that begins it and is at least three
//! quarters of it (a form the stemmer cut elsewhere: "laotöölisena" →
//! "laotööline"); an Estonian nominative meets the genitive stem of the
//! label ("tõstukijuht" → "tõstukijuhi"), a word typed without õ, ä, ö, ü
//! meets the word with them, a Russian "-ец" noun its forms without the
//! vowel ("продавца" → "продавец"), and a word of five letters or more
//! that matches nothing else meets a label word one edit away.
//!
//! Score of a label: the share of the query's words it matches (each
//! weighed by how it matched) × (½ + ½ × the share of the label's words
//! matched) × the kind of name (preferred 1, alternative 0.95, the group's
//! name 0.85) × 0.9 when the label is not in the asked language. An
//! occupation scores its best label. A group's name stands for its members
//! only when none of them is found by a name of its own. A label must
//! match at least half of the query's words and score [`MIN_SCORE`], so a
//! query that names nothing finds nothing rather than noise.
//!
//! Built once per taxonomy with [`super::Occupations`], from plain data;
//! this module never sees the taxonomy itself, and never a learner.

use fnv::{FnvHashMap, FnvHashSet};
use tantivy::tokenizer::TextAnalyzer;

use super::analysis::{self, TEXT_LANGS};
use super::occupation_names::{GroupNames, OccupationNames, group_name_parts};

/// The lowest score an occupation is offered with.
pub const MIN_SCORE: f32 = 0.4;

/// The least share of a query's words that a label must match.
const MIN_QUERY_SHARE: f32 = 0.5;

/// How much each way of matching a query word is worth.
const EXACT: f32 = 1.0;
const FOLDED: f32 = 0.95;
const PREFIX: f32 = 0.75;
const TYPO: f32 = 0.7;

/// Query words shorter than this (in characters) do not match by prefix.
const PREFIX_MIN_CHARS: usize = 4;
/// Query words shorter than this do not match with a typo.
const TYPO_MIN_CHARS: usize = 5;

/// One occupation found.
#[derive(Clone, Debug, PartialEq)]
pub struct OccupationMatch {
    /// The occupation's URI.
    pub uri: String,
    /// Its score, 0–1 (higher is better).
    pub score: f32,
    /// The name that matched best (a label, or its group's name).
    pub matched: String,
    /// The language of that name.
    pub lang: String,
}

/// One searchable name: an occupation's label or a part of a group's name.
#[derive(Debug)]
struct Name {
    /// Its words' terms (content words only), each once.
    terms: Vec<String>,
    text: String,
    slot: usize,
    weight: f32,
    /// The occupation it names, or (for a group's name) the group.
    owner: Owner,
}

#[derive(Debug, Clone, Copy)]
enum Owner {
    Occupation(u32),
    Group(u32),
}

/// Occupation names, searchable by words.
#[derive(Debug, Default)]
pub struct OccupationSearch {
    uris: Vec<String>,
    names: Vec<Name>,
    /// Members of each group (occupation numbers).
    groups: Vec<Vec<u32>>,
    /// Per language slot: term → (name, word index), for exact terms and,
    /// in Estonian, their folded forms.
    postings: [FnvHashMap<String, Vec<(u32, u16)>>; 3],
    /// Per language slot: every term, sorted (prefix and typo matching).
    vocabulary: [Vec<String>; 3],
}

impl OccupationSearch {
    /// Builds the search from the occupations' labels and their groups' names.
    pub fn new(occupations: &[OccupationNames], groups: &[GroupNames]) -> Self {
        let mut analyzers = TEXT_LANGS.map(analysis::stemmed_analyzer);
        let mut names = Vec::new();
        for (number, occupation) in occupations.iter().enumerate() {
            // The first label in a language is the preferred one.
            let mut seen_langs: FnvHashSet<&str> = FnvHashSet::default();
            for (lang, label) in &occupation.labels {
                let Some(slot) = TEXT_LANGS.iter().position(|l| l == lang) else {
                    continue;
                };
                let weight = if seen_langs.insert(lang.as_str()) {
                    1.0
                } else {
                    0.95
                };
                let terms = content_terms(&mut analyzers[slot], label);
                if !terms.is_empty() {
                    names.push(Name {
                        terms,
                        text: label.clone(),
                        slot,
                        weight,
                        owner: Owner::Occupation(number as u32),
                    });
                }
            }
        }
        let mut members: FnvHashMap<&str, Vec<u32>> = FnvHashMap::default();
        for (number, occupation) in occupations.iter().enumerate() {
            if let Some(group) = occupation.group.as_deref() {
                members.entry(group).or_default().push(number as u32);
            }
        }
        let mut group_members = Vec::new();
        for group in groups {
            let Some(members) = members.get(group.code.as_str()) else {
                continue;
            };
            let id = group_members.len() as u32;
            group_members.push(members.clone());
            for (lang, label) in &group.labels {
                let Some(slot) = TEXT_LANGS.iter().position(|l| l == lang) else {
                    continue;
                };
                // "Kraana-, tõstuki- ja …juhid": a part ending in a hyphen
                // is the first half of a compound, no name of its own.
                for part in group_name_parts(label)
                    .into_iter()
                    .filter(|p| !p.ends_with('-'))
                {
                    let terms = content_terms(&mut analyzers[slot], part);
                    if !terms.is_empty() {
                        names.push(Name {
                            terms,
                            text: label.clone(),
                            slot,
                            weight: 0.85,
                            owner: Owner::Group(id),
                        });
                    }
                }
            }
        }
        let mut postings: [FnvHashMap<String, Vec<(u32, u16)>>; 3] = Default::default();
        for (id, name) in names.iter().enumerate() {
            for (index, term) in name.terms.iter().enumerate() {
                let entry = (id as u32, index as u16);
                postings[name.slot]
                    .entry(term.clone())
                    .or_default()
                    .push(entry);
                if TEXT_LANGS[name.slot] == "et" {
                    let folded = analysis::fold_diacritics(term);
                    if folded != *term {
                        postings[name.slot]
                            .entry(folded.into_owned())
                            .or_default()
                            .push(entry);
                    }
                }
                // Russian "-ец" loses its vowel in every other form
                // ("продавец", "продавца"): the stem without it too.
                if TEXT_LANGS[name.slot] == "ru"
                    && let Some(stem) = term.strip_suffix("ец")
                    && stem.chars().count() >= 3
                {
                    postings[name.slot]
                        .entry(format!("{stem}ц"))
                        .or_default()
                        .push(entry);
                }
            }
        }
        let vocabulary = std::array::from_fn(|slot| {
            let mut terms: Vec<String> = postings[slot].keys().cloned().collect();
            terms.sort_unstable();
            terms
        });
        OccupationSearch {
            uris: occupations.iter().map(|o| o.uri.clone()).collect(),
            names,
            groups: group_members,
            postings,
            vocabulary,
        }
    }

    /// The occupations `q` names, best first (ties by URI), every one that
    /// scores at least [`MIN_SCORE`]. `lang` ranks names in it a little
    /// higher.
    pub fn search(&self, q: &str, lang: Option<&str>) -> Vec<OccupationMatch> {
        // Per name: the best weight per query word, and the name's words matched.
        struct Hit {
            per_word: FnvHashMap<usize, f32>,
            covered: FnvHashSet<u16>,
        }
        let mut query_words: FnvHashSet<usize> = FnvHashSet::default();
        let mut hits: FnvHashMap<u32, Hit> = FnvHashMap::default();
        let mut analyzed: Vec<Vec<analysis::Word>> = Vec::with_capacity(3);
        for lang in TEXT_LANGS {
            let mut analyzer = analysis::stemmed_analyzer(lang);
            let words: Vec<analysis::Word> = analysis::words(&mut analyzer, q)
                .into_iter()
                .filter(|w| !analysis::is_function_word(&w.term))
                .collect();
            query_words.extend(words.iter().map(|w| w.position));
            analyzed.push(words);
        }
        if query_words.is_empty() {
            return Vec::new();
        }
        // A word that matches no term exactly or by its beginning anywhere
        // may match with a typo.
        let mut exact_anywhere: FnvHashSet<usize> = FnvHashSet::default();
        let mut candidates: Vec<(usize, usize, String, f32)> = Vec::new();
        for (slot, words) in analyzed.iter().enumerate() {
            for word in words {
                for (term, weight) in self.exact_terms(slot, &word.term) {
                    if self.postings[slot].contains_key(&term) {
                        exact_anywhere.insert(word.position);
                    }
                    candidates.push((slot, word.position, term, weight));
                }
                if word.chars >= PREFIX_MIN_CHARS {
                    let longer = self.with_prefix(slot, &word.term);
                    let shorter = self.prefixes_of(slot, &word.term);
                    if !longer.is_empty() || !shorter.is_empty() {
                        exact_anywhere.insert(word.position);
                    }
                    for term in longer.into_iter().chain(shorter) {
                        candidates.push((slot, word.position, term, PREFIX));
                    }
                }
            }
        }
        for (slot, words) in analyzed.iter().enumerate() {
            for word in words {
                if word.chars >= TYPO_MIN_CHARS && !exact_anywhere.contains(&word.position) {
                    for term in self.one_edit_away(slot, &word.term) {
                        candidates.push((slot, word.position, term, TYPO));
                    }
                }
            }
        }
        for (slot, position, term, weight) in candidates {
            let Some(list) = self.postings[slot].get(&term) else {
                continue;
            };
            for &(name, index) in list {
                let hit = hits.entry(name).or_insert_with(|| Hit {
                    per_word: FnvHashMap::default(),
                    covered: FnvHashSet::default(),
                });
                let best = hit.per_word.entry(position).or_insert(0.0);
                *best = best.max(weight);
                hit.covered.insert(index);
            }
        }
        let n_words = query_words.len() as f32;
        let mut best: FnvHashMap<u32, (f32, u32)> = FnvHashMap::default();
        let mut by_group: FnvHashMap<u32, (f32, u32)> = FnvHashMap::default();
        let keep = |map: &mut FnvHashMap<u32, (f32, u32)>, key: u32, score: f32, id: u32| {
            let entry = map.entry(key).or_insert((score, id));
            if score > entry.0 || (score == entry.0 && id < entry.1) {
                *entry = (score, id);
            }
        };
        for (id, hit) in hits {
            let name = &self.names[id as usize];
            let share = hit.per_word.values().sum::<f32>() / n_words;
            if (hit.per_word.len() as f32) < MIN_QUERY_SHARE * n_words {
                continue;
            }
            let coverage = hit.covered.len() as f32 / name.terms.len() as f32;
            let in_lang = lang.is_none_or(|l| TEXT_LANGS[name.slot] == l);
            let score =
                share * (0.5 + 0.5 * coverage) * name.weight * if in_lang { 1.0 } else { 0.9 };
            if score < MIN_SCORE {
                continue;
            }
            match name.owner {
                Owner::Occupation(o) => keep(&mut best, o, score, id),
                Owner::Group(g) => keep(&mut by_group, g, score, id),
            }
        }
        // A group's name stands for its members only where none of them
        // is found by a name of its own: "кассир" is the cashier (and the
        // ticket clerk, "билетный кассир"), not every member of "Кассиры и
        // билетные кассиры"; a group whose members have no names in the
        // asked language is still found by its name.
        for (group, (score, id)) in by_group {
            let members = &self.groups[group as usize];
            if members.iter().any(|m| best.contains_key(m)) {
                continue;
            }
            for &member in members {
                keep(&mut best, member, score, id);
            }
        }
        let mut found: Vec<OccupationMatch> = best
            .into_iter()
            .map(|(occupation, (score, id))| {
                let name = &self.names[id as usize];
                OccupationMatch {
                    uri: self.uris[occupation as usize].clone(),
                    score,
                    matched: name.text.clone(),
                    lang: TEXT_LANGS[name.slot].to_string(),
                }
            })
            .collect();
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.uri.cmp(&b.uri)));
        found
    }

    /// The terms a query term meets exactly: itself, and in Estonian its
    /// folded form and the stems with a genitive vowel.
    fn exact_terms(&self, slot: usize, term: &str) -> Vec<(String, f32)> {
        let mut terms = vec![(term.to_string(), EXACT)];
        if TEXT_LANGS[slot] == "et" {
            let folded = analysis::fold_diacritics(term);
            if folded != term {
                terms.push((folded.into_owned(), FOLDED));
            }
            for stem in analysis::genitive_stems(term) {
                terms.push((stem, EXACT));
            }
        }
        terms
    }

    /// The longer terms that begin with `term` (at most 64).
    fn with_prefix(&self, slot: usize, term: &str) -> Vec<String> {
        let vocabulary = &self.vocabulary[slot];
        let start = vocabulary.partition_point(|t| t.as_str() < term);
        vocabulary[start..]
            .iter()
            .take_while(|t| t.starts_with(term))
            .filter(|t| t.len() > term.len())
            .take(64)
            .cloned()
            .collect()
    }

    /// The terms of at least [`TYPO_MIN_CHARS`] characters and three
    /// quarters of its length that `term` begins with: a stem the query
    /// word's form extends ("laotöölis" of "laotöölisena" begins with
    /// "laotööli" of "laotööline"), not a compound's first part ("hoold"
    /// of "hooldus" in "hooldaja").
    fn prefixes_of(&self, slot: usize, term: &str) -> Vec<String> {
        let chars = term.chars().count();
        term.char_indices()
            .skip(TYPO_MIN_CHARS.max((chars * 3).div_ceil(4)))
            .map(|(at, _)| &term[..at])
            .filter(|prefix| self.postings[slot].contains_key(*prefix))
            .map(str::to_string)
            .collect()
    }

    /// The terms one edit (insertion, deletion, substitution or swap of
    /// neighbours) away from `term`.
    fn one_edit_away(&self, slot: usize, term: &str) -> Vec<String> {
        let chars: Vec<char> = term.chars().collect();
        self.vocabulary[slot]
            .iter()
            .filter(|t| {
                let other: Vec<char> = t.chars().collect();
                other.len().abs_diff(chars.len()) <= 1 && analysis::one_edit(&chars, &other)
            })
            .cloned()
            .collect()
    }
}

/// The content terms of a name, each once, in order.
fn content_terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in analysis::words(analyzer, text) {
        if !analysis::is_function_word(&word.term) && !terms.contains(&word.term) {
            terms.push(word.term);
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect()
    }

    fn occupation(uri: &str, l: &[(&str, &str)], group: &str) -> OccupationNames {
        OccupationNames {
            uri: uri.into(),
            labels: labels(l),
            group: Some(group.into()),
            essential_skills: Vec::new(),
        }
    }

    fn sample() -> OccupationSearch {
        OccupationSearch::new(
            &[
                occupation(
                    "cashier",
                    &[
                        ("en", "cashier"),
                        ("et", "kassapidaja"),
                        ("et", "kassiir"),
                        ("ru", "кассир"),
                        ("ru", "кассир магазина"),
                    ],
                    "5230",
                ),
                occupation(
                    "ticket-clerk",
                    &[("en", "ticket issuing clerk"), ("ru", "билетный кассир")],
                    "5230",
                ),
                occupation(
                    "warehouse-worker",
                    &[
                        ("en", "warehouse worker"),
                        ("et", "laotööline"),
                        ("ru", "работник склада"),
                        ("ru", "кладовщик"),
                        ("ru", "складской рабочий"),
                    ],
                    "9333",
                ),
                occupation(
                    "materials-handler",
                    &[("en", "materials handler"), ("ru", "грузчик")],
                    "9333",
                ),
                occupation(
                    "forklift-operator",
                    &[
                        ("en", "forklift operator"),
                        ("et", "kahveltõstukijuht"),
                        ("et", "tõstukijuht"),
                        ("ru", "водитель погрузчика"),
                    ],
                    "8344",
                ),
                occupation(
                    "bus-driver",
                    &[("en", "bus driver"), ("ru", "водитель автобуса")],
                    "8331",
                ),
                occupation(
                    "shop-assistant",
                    &[("en", "shop assistant"), ("ru", "продавец")],
                    "5223",
                ),
                occupation("crane-operator", &[("en", "crane operator")], "8343"),
            ],
            &[
                GroupNames {
                    code: "9333".into(),
                    labels: labels(&[("ru", "Грузчики"), ("et", "Laadijad")]),
                },
                GroupNames {
                    code: "5230".into(),
                    labels: labels(&[("ru", "Кассиры и билетные кассиры")]),
                },
                GroupNames {
                    code: "8343".into(),
                    labels: labels(&[("et", "Kraana-, tõstuki- ja vintsijuhid")]),
                },
            ],
        )
    }

    fn uris(search: &OccupationSearch, q: &str, lang: &str) -> Vec<String> {
        search
            .search(q, Some(lang))
            .into_iter()
            .map(|m| m.uri)
            .collect()
    }

    #[test]
    fn inflected_and_colloquial_words_find_the_occupation_first() {
        let search = sample();
        for (q, lang, first) in [
            ("кассир", "ru", "cashier"),
            ("кассиром", "ru", "cashier"),
            ("грузчика", "ru", "materials-handler"),
            ("кладовщиком", "ru", "warehouse-worker"),
            ("склад", "ru", "warehouse-worker"),
            ("водитель погрузчика", "ru", "forklift-operator"),
            ("tõstukijuhiks", "et", "forklift-operator"),
            ("tostukijuht", "et", "forklift-operator"),
            ("tõstuk", "et", "forklift-operator"),
            ("kassiir", "et", "cashier"),
            ("kassa", "et", "cashier"),
            ("laotöölisena", "et", "warehouse-worker"),
            ("forklift operators", "en", "forklift-operator"),
            ("продавца", "ru", "shop-assistant"),
            ("продавцом", "ru", "shop-assistant"),
            ("cashir", "en", "cashier"),
        ] {
            let found = uris(&search, q, lang);
            assert_eq!(
                found.first().map(String::as_str),
                Some(first),
                "{q}: {found:?}"
            );
        }
    }

    #[test]
    fn a_group_name_stands_for_its_members_only_when_none_has_the_name() {
        let search = sample();
        // The materials handler is called "грузчик": the group's name
        // "Грузчики" adds no one.
        assert_eq!(uris_of(&search, "грузчики"), ["materials-handler"]);
        // No member has an Estonian name "laadija": the group's name finds
        // them all, as the group's name.
        let found = search.search("laadijad", Some("et"));
        let uris: Vec<&str> = found.iter().map(|m| m.uri.as_str()).collect();
        assert_eq!(uris, ["materials-handler", "warehouse-worker"]);
        assert_eq!(found[0].matched, "Laadijad");
        assert!(found[0].score < 1.0);
        // "кассир" names the cashier best, the ticket clerk too.
        let found = uris_of(&search, "кассир");
        assert_eq!(found, ["cashier", "ticket-clerk"]);
    }

    fn uris_of(search: &OccupationSearch, q: &str) -> Vec<String> {
        uris(search, q, "ru")
    }

    #[test]
    fn words_that_name_nothing_find_nothing() {
        let search = sample();
        for q in [
            "",
            "   ",
            "и",
            "водитель трамвая метро",
            "xyzzy",
            "склад кухня офис",
        ] {
            assert!(search.search(q, Some("ru")).is_empty(), "{q}");
        }
        // "tõstuki-" in a group's name is half a compound, no name: the
        // crane operators are not forklift drivers.
        assert_eq!(uris(&search, "tõstukijuht", "et"), ["forklift-operator"]);
        assert_eq!(uris(&search, "vintsijuhid", "et"), ["crane-operator"]);
        // One of two words on a two-word name is too little: the bus
        // driver, not the forklift driver ("водитель погрузчика").
        assert_eq!(uris(&search, "водитель автобуса", "ru"), ["bus-driver"]);
    }

    #[test]
    fn the_asked_language_ranks_higher_and_scores_are_bounded() {
        let search = sample();
        let found = search.search("cashier", Some("ru"));
        assert_eq!(found[0].uri, "cashier");
        assert!(found[0].score < 1.0 && found[0].score >= MIN_SCORE);
        let found = search.search("cashier", Some("en"));
        assert_eq!(found[0].score, 1.0);
    }
}
