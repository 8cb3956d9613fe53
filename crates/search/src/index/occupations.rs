//! Which occupation does a bite query name, and which skills are specific
//! to it?
//!
//! A query such as "кассир" or "kassapidajale" names an occupation, not a
//! topic: the cashier courses never contain the word, while every retail
//! course mentions the cashier among its related occupations, so the text
//! alone cannot rank them. [`Occupations`] recognises occupation names in
//! the query's analyzed words — the occupations' labels in Estonian,
//! Russian and English (preferred and alternative; offline the Russian
//! ones are the hand-written names of common occupations), and the names of
//! their ISCO-08 unit groups in each language (AK2008 names the groups in
//! Russian), split at "ja" / "и" / "and" and
//! commas into the occupations they list — with the same analyzers the
//! bite index uses, so inflected forms meet ("kassapidajale" and
//! "kassapidaja" have one stem). Each recognised occupation brings its
//! essential skills, weighted by how specific they are to it: one over the
//! number of occupations the skill is essential to (the chance that a
//! course teaching it is for this occupation: "process payments", essential
//! to 40 occupations, says more than "customer service", essential to 60),
//! scaled so that the occupation's most specific skill weighs 1. The bite
//! search raises each bite by its most specific outcome skill.
//!
//! The same value searches the names by words for the occupation list
//! ([`super::occupation_search`]).
//!
//! Recognition is a hash lookup per query word and analyzer, so a query
//! that names no occupation costs a few lookups. The value is built once
//! per taxonomy (the service keeps it beside the served data) from plain
//! data: this module never sees the taxonomy itself, and never a learner.

use std::collections::{BTreeMap, BTreeSet};

use fnv::{FnvHashMap, FnvHashSet};

use super::analysis::{self, FOLDED_MARK, TEXT_LANGS, Word};
use super::occupation_names::group_name_parts;
pub use super::occupation_names::{GroupNames, OccupationNames};
use super::occupation_search::{OccupationMatch, OccupationSearch};

/// The most skills one recognised name brings into a query: a name that
/// stands for a whole group brings the most specific of its members'.
pub const MAX_SKILLS_PER_NAME: usize = 24;

/// Labels longer than this (in words) are not looked for in queries.
const MAX_NAME_WORDS: usize = 6;

/// Occupation names and skill specificity, built once per taxonomy.
#[derive(Debug, Default)]
pub struct Occupations {
    /// Skill URIs, interned.
    skills: Vec<String>,
    /// Per occupation: (skill, specificity 0–1), most specific first.
    profiles: Vec<Vec<(u32, f32)>>,
    /// Occupation URIs, by occupation number.
    uris: Vec<String>,
    /// Per language slot (the order of [`TEXT_LANGS`]): a name's analyzed
    /// words joined by spaces → the occupations it names.
    names: [FnvHashMap<String, Vec<u32>>; 3],
    /// Per language slot: every first word of a name (a query word not
    /// here starts no name: the common case costs one lookup).
    first_words: [FnvHashSet<String>; 3],
    /// The same names searchable by words (`GET /v1/occupations?q=`),
    /// made on the first occupation search, so that the first bite search
    /// does not wait for it.
    search: std::sync::OnceLock<OccupationSearch>,
    /// What the search is made from: the occupations' names (without
    /// their skills) and the groups' names.
    search_names: (Vec<OccupationNames>, Vec<GroupNames>),
}

/// An occupation name found in a query.
#[derive(Clone, Debug, PartialEq)]
pub struct Recognised {
    /// The positions of the query words it spans.
    pub positions: Vec<usize>,
    /// The skills it brings: (skill URI, weight 0–1), heaviest first.
    pub skills: Vec<(String, f32)>,
    /// The occupations named (URIs), for explanations and tests.
    pub occupations: Vec<String>,
}

impl Occupations {
    /// Builds the recogniser from the occupations and their groups' names.
    pub fn new(occupations: &[OccupationNames], groups: &[GroupNames]) -> Self {
        let mut skill_ids: FnvHashMap<&str, u32> = FnvHashMap::default();
        let mut skills: Vec<String> = Vec::new();
        let mut essential: Vec<Vec<u32>> = Vec::with_capacity(occupations.len());
        for occupation in occupations {
            let mut ids: Vec<u32> = occupation
                .essential_skills
                .iter()
                .map(|uri| {
                    *skill_ids.entry(uri.as_str()).or_insert_with(|| {
                        skills.push(uri.clone());
                        (skills.len() - 1) as u32
                    })
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            essential.push(ids);
        }
        // In how many occupations each skill is essential.
        let mut frequency = vec![0u32; skills.len()];
        for ids in &essential {
            for &id in ids {
                frequency[id as usize] += 1;
            }
        }
        let profiles = essential
            .iter()
            .map(|ids| {
                // How likely a bite teaching the skill is to be for this
                // occupation: 1 / (occupations with it essential), relative
                // to the occupation's most specific skill.
                let rarest = ids
                    .iter()
                    .map(|&id| frequency[id as usize])
                    .min()
                    .unwrap_or(1) as f32;
                let mut weighted: Vec<(u32, f32)> = ids
                    .iter()
                    .map(|&id| (id, rarest / frequency[id as usize] as f32))
                    .collect();
                weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                weighted
            })
            .collect();

        let mut analyzers = TEXT_LANGS.map(analysis::stemmed_analyzer);
        // Names from the occupations' own labels, and from group names.
        let mut own: [BTreeMap<String, BTreeSet<u32>>; 3] = Default::default();
        let mut from_groups: [BTreeMap<String, BTreeSet<u32>>; 3] = Default::default();
        for (number, occupation) in occupations.iter().enumerate() {
            for (lang, label) in &occupation.labels {
                let Some(slot) = TEXT_LANGS.iter().position(|l| l == lang) else {
                    continue;
                };
                for key in name_keys(&mut analyzers[slot], slot, label) {
                    own[slot].entry(key).or_default().insert(number as u32);
                }
            }
        }
        let mut members: FnvHashMap<&str, Vec<u32>> = FnvHashMap::default();
        for (number, occupation) in occupations.iter().enumerate() {
            if let Some(group) = occupation.group.as_deref() {
                members.entry(group).or_default().push(number as u32);
            }
        }
        for group in groups {
            let Some(members) = members.get(group.code.as_str()) else {
                continue;
            };
            for (lang, label) in &group.labels {
                let Some(slot) = TEXT_LANGS.iter().position(|l| l == lang) else {
                    continue;
                };
                // The first occupation a group's name lists is the group's
                // own kind ("Кассиры, включая кассиров билетных касс");
                // what follows a conjunction is often a qualifier, not an
                // occupation ("… гигиены и охраны труда").
                for part in group_name_parts(label).into_iter().take(1) {
                    for key in name_keys(&mut analyzers[slot], slot, part) {
                        from_groups[slot]
                            .entry(key)
                            .or_default()
                            .extend(members.iter().copied());
                    }
                }
            }
        }
        let mut names: [FnvHashMap<String, Vec<u32>>; 3] = Default::default();
        let mut first_words: [FnvHashSet<String>; 3] = Default::default();
        for slot in 0..TEXT_LANGS.len() {
            // A name that is some occupation's own label names those
            // occupations only; a part of a group's name that is no
            // occupation's label names every member of the group.
            let mut merged: BTreeMap<String, BTreeSet<u32>> =
                std::mem::take(&mut from_groups[slot]);
            for (key, set) in std::mem::take(&mut own[slot]) {
                merged.insert(key, set);
            }
            for (key, set) in merged {
                if let Some(first) = key.split(' ').next() {
                    first_words[slot].insert(first.to_string());
                }
                names[slot].insert(key, set.into_iter().collect());
            }
        }
        Occupations {
            skills,
            profiles,
            uris: occupations.iter().map(|o| o.uri.clone()).collect(),
            names,
            first_words,
            search: std::sync::OnceLock::new(),
            search_names: (
                occupations
                    .iter()
                    .map(|o| OccupationNames {
                        essential_skills: Vec::new(),
                        ..o.clone()
                    })
                    .collect(),
                groups.to_vec(),
            ),
        }
    }

    /// The occupations a person's words name, best first
    /// ([`OccupationSearch::search`]).
    pub fn search(&self, q: &str, lang: Option<&str>) -> Vec<OccupationMatch> {
        let (occupations, groups) = &self.search_names;
        self.search
            .get_or_init(|| OccupationSearch::new(occupations, groups))
            .search(q, lang)
    }

    /// The number of occupations known.
    pub fn len(&self) -> usize {
        self.uris.len()
    }

    /// Whether no occupation is known.
    pub fn is_empty(&self) -> bool {
        self.uris.is_empty()
    }

    /// The occupation names in a query's words as the analyzer of language
    /// slot `slot` made them (marked folded variants are skipped): the
    /// longest name starting at each word, left to right, not overlapping.
    pub fn recognise(&self, slot: usize, words: &[Word]) -> Vec<Recognised> {
        let Some(first_words) = self.first_words.get(slot) else {
            return Vec::new();
        };
        let words: Vec<&Word> = words
            .iter()
            .filter(|w| !w.term.starts_with(FOLDED_MARK))
            .collect();
        let mut found = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let estonian = TEXT_LANGS[slot] == "et";
            let starts_a_name = first_words.contains(&words[start].term)
                || (estonian
                    && super::analysis::genitive_stems(&words[start].term)
                        .iter()
                        .any(|g| first_words.contains(g)));
            if !starts_a_name {
                start += 1;
                continue;
            }
            let mut best: Option<(usize, &Vec<u32>)> = None;
            let mut key = String::new();
            for end in start..words.len().min(start + MAX_NAME_WORDS) {
                if end > start {
                    // Names are runs of neighbouring words.
                    if words[end].position != words[end - 1].position + 1 {
                        break;
                    }
                    key.push(' ');
                }
                key.push_str(&words[end].term);
                if let Some(named) = self.names[slot].get(&key) {
                    best = Some((end, named));
                } else if estonian {
                    // An Estonian nominative stemmed unlike the name's other
                    // forms ("tõstukijuht" vs "tõstukijuhid"): the stem with
                    // a genitive vowel, as the text search tries it.
                    let stem_start = key.len() - words[end].term.len();
                    for extended in super::analysis::genitive_stems(&words[end].term) {
                        let candidate = format!("{}{extended}", &key[..stem_start]);
                        if let Some(named) = self.names[slot].get(&candidate) {
                            best = Some((end, named));
                            break;
                        }
                    }
                }
            }
            match best {
                Some((end, named)) => {
                    found.push(Recognised {
                        positions: words[start..=end].iter().map(|w| w.position).collect(),
                        skills: self.skills_of(named),
                        occupations: named
                            .iter()
                            .map(|&o| self.uris[o as usize].clone())
                            .collect(),
                    });
                    start = end + 1;
                }
                None => start += 1,
            }
        }
        found
    }

    /// The skills of a set of occupations: each skill's mean specificity
    /// over the set, the [`MAX_SKILLS_PER_NAME`] heaviest.
    fn skills_of(&self, occupations: &[u32]) -> Vec<(String, f32)> {
        let mut sums: FnvHashMap<u32, f32> = FnvHashMap::default();
        for &occupation in occupations {
            for &(skill, weight) in &self.profiles[occupation as usize] {
                *sums.entry(skill).or_default() += weight;
            }
        }
        let n = occupations.len().max(1) as f32;
        let mut skills: Vec<(u32, f32)> = sums.into_iter().map(|(s, w)| (s, w / n)).collect();
        skills.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        skills.truncate(MAX_SKILLS_PER_NAME);
        skills
            .into_iter()
            .map(|(s, w)| (self.skills[s as usize].clone(), w))
            .collect()
    }
}

/// The keys under which a label is looked for: its analyzed words joined
/// by spaces, and for Estonian also with diacritics folded ("tostukijuht"
/// typed without õ). Labels of more than [`MAX_NAME_WORDS`] words give none.
fn name_keys(
    analyzer: &mut tantivy::tokenizer::TextAnalyzer,
    slot: usize,
    label: &str,
) -> Vec<String> {
    let terms: Vec<String> = analysis::words(analyzer, label)
        .into_iter()
        .map(|w| w.term)
        .collect();
    if terms.is_empty() || terms.len() > MAX_NAME_WORDS {
        return Vec::new();
    }
    let key = terms.join(" ");
    let mut keys = vec![key.clone()];
    if TEXT_LANGS[slot] == "et" {
        let folded = analysis::fold_diacritics(&key).into_owned();
        if folded != key {
            keys.push(folded);
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skill(name: &str) -> String {
        format!("http://data.europa.eu/esco/skill/{name}")
    }

    fn labels(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect()
    }

    /// A small taxonomy: a cashier and a ticket clerk in group 5230, a shop
    /// assistant in 5223 and a warehouse worker in 9333; "customer
    /// service" is essential to three of them, "operate cash register" to
    /// the cashier only.
    fn sample() -> Occupations {
        let occupation =
            |uri: &str, l: &[(&str, &str)], group: &str, skills: &[&str]| OccupationNames {
                uri: uri.into(),
                labels: labels(l),
                group: Some(group.into()),
                essential_skills: skills.iter().map(|s| skill(s)).collect(),
            };
        Occupations::new(
            &[
                occupation(
                    "cashier",
                    &[
                        ("en", "cashier"),
                        ("en", "checkout operator"),
                        ("et", "kassapidaja"),
                    ],
                    "5230",
                    &["cash-register", "payments", "customer-service"],
                ),
                occupation(
                    "ticket-clerk",
                    &[("en", "ticket issuing clerk"), ("et", "piletimüüja")],
                    "5230",
                    &["tickets", "payments", "customer-service"],
                ),
                occupation(
                    "shop-assistant",
                    &[("en", "shop assistant"), ("et", "müüja")],
                    "5223",
                    &["customer-service", "stock-shelves"],
                ),
                occupation(
                    "warehouse-worker",
                    &[("en", "warehouse worker"), ("et", "laotöötaja")],
                    "9333",
                    &["stock-shelves", "forklift"],
                ),
            ],
            &[
                GroupNames {
                    code: "5230".into(),
                    labels: labels(&[
                        ("et", "Kassapidajad ja piletimüüjad"),
                        ("ru", "Кассиры и билетные кассиры"),
                        ("en", "Cashiers and ticket clerks"),
                    ]),
                },
                GroupNames {
                    code: "5223".into(),
                    labels: labels(&[("ru", "Продавцы магазинов")]),
                },
            ],
        )
    }

    fn recognise(occupations: &Occupations, lang: &str, q: &str) -> Vec<Recognised> {
        let slot = TEXT_LANGS.iter().position(|l| *l == lang).unwrap();
        let mut analyzer = if lang == "et" {
            analysis::et_with_variants_analyzer()
        } else {
            analysis::stemmed_analyzer(lang)
        };
        occupations.recognise(slot, &analysis::words(&mut analyzer, q))
    }

    #[test]
    fn estonian_inflected_forms_are_recognised() {
        let occupations = sample();
        for q in [
            "kassapidajale",
            "kassapidajaks",
            "kassapidaja",
            "Kassapidajate koolitus",
        ] {
            let found = recognise(&occupations, "et", q);
            assert_eq!(found.len(), 1, "{q}: {found:?}");
            assert_eq!(found[0].occupations, ["cashier"], "{q}");
            assert_eq!(found[0].positions, [0], "{q}");
        }
        // Without diacritics.
        let found = recognise(&occupations, "et", "laotootajale");
        assert_eq!(found[0].occupations, ["warehouse-worker"]);
        // A nominative whose stem lacks the vowel of the name's other forms.
        let forklift = Occupations::new(
            &[OccupationNames {
                uri: "forklift-operator".into(),
                labels: labels(&[("et", "tõstukijuhid")]),
                group: None,
                essential_skills: vec![skill("forklift")],
            }],
            &[],
        );
        for q in ["tõstukijuht", "tõstukijuhi", "tõstukijuhiks", "tostukijuht"] {
            let found = recognise(&forklift, "et", q);
            assert_eq!(found.len(), 1, "{q}");
        }
    }

    #[test]
    fn russian_is_recognised_through_the_group_name() {
        let occupations = sample();
        // "кассир" is the first occupation the group's name lists: it names
        // the group's members, the cashier and the ticket clerk.
        let found = recognise(&occupations, "ru", "кассир");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].occupations, ["cashier", "ticket-clerk"]);
        let found = recognise(&occupations, "ru", "курсы для кассиров");
        assert_eq!(found[0].positions, [2]);
        let found = recognise(&occupations, "ru", "продавец магазина");
        assert!(
            found.is_empty(),
            "a singular the stemmer keeps apart: {found:?}"
        );
        let found = recognise(&occupations, "ru", "продавцы магазинов");
        assert_eq!(found[0].occupations, ["shop-assistant"]);
        assert_eq!(found[0].positions, [0, 1]);
    }

    #[test]
    fn english_labels_of_several_words_are_recognised_whole() {
        let occupations = sample();
        let found = recognise(&occupations, "en", "courses for checkout operators");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].occupations, ["cashier"]);
        assert_eq!(found[0].positions, [2, 3]);
        // A part of a name is not the name.
        assert!(recognise(&occupations, "en", "checkout").is_empty());
        assert!(recognise(&occupations, "en", "operator").is_empty());
        // An own label wins over the group's name: "cashier" is the
        // cashier, not the whole group.
        let found = recognise(&occupations, "en", "cashier");
        assert_eq!(found[0].occupations, ["cashier"]);
    }

    #[test]
    fn skills_specific_to_the_occupation_weigh_more() {
        let occupations = sample();
        let found = recognise(&occupations, "en", "cashier");
        let weights: BTreeMap<&str, f32> = found[0]
            .skills
            .iter()
            .map(|(s, w)| (s.rsplit('/').next().unwrap(), *w))
            .collect();
        // Essential to one, two and three occupations.
        assert_eq!(weights["cash-register"], 1.0);
        assert_eq!(weights["payments"], 0.5);
        assert!((weights["customer-service"] - 1.0 / 3.0).abs() < 1e-6);
        // A name for a whole group: the mean over its members.
        let group = recognise(&occupations, "ru", "кассиры");
        let weights: BTreeMap<&str, f32> = group[0]
            .skills
            .iter()
            .map(|(s, w)| (s.rsplit('/').next().unwrap(), *w))
            .collect();
        assert_eq!(weights["payments"], 0.5);
        assert_eq!(weights["cash-register"], 0.5);
        assert_eq!(weights["tickets"], 0.5);
        assert!((weights["customer-service"] - 1.0 / 3.0).abs() < 1e-6);
    }

    #[test]
    fn a_query_naming_no_occupation_finds_nothing() {
        let occupations = sample();
        for (lang, q) in [
            ("et", "kassatöö algkursus"),
            ("et", "klienditeenindus"),
            ("ru", "уход за пожилыми"),
            ("en", "customer service"),
            ("en", "ticket"),
            ("en", ""),
        ] {
            assert!(recognise(&occupations, lang, q).is_empty(), "{q}");
        }
        assert!(Occupations::default().recognise(0, &[]).is_empty());
    }
}
