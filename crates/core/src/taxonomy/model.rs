//! What is a taxonomy made of, as stored and as loaded?
//!
//! The stored form (concepts, occupations, ISCO groups with their labels
//! per language, URIs interned as ids), the loaded [`Taxonomy`] with the
//! lookup tables built and every id checked on load, its counts, and the
//! labels with their fallback from one language to the next.
//!
//! It must never walk the hierarchy nor answer questions about particular
//! skills or occupations, and never touch a file: that is `store`'s.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::error::TaxonomyError;
use crate::domain::{Lang, LocalizedText, ReuseLevel, SkillType};

/// The labels of one concept in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Labels {
    /// The preferred label.
    pub preferred: String,
    /// Alternative labels (synonyms).
    pub alt: Vec<String>,
    /// Hidden labels (misspellings, old names: searchable, never shown).
    pub hidden: Vec<String>,
}

impl Labels {
    /// Adds `text` as the preferred label when there is none yet, else as an
    /// alternative label unless it is already there (case-insensitively).
    pub(crate) fn add(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if self.preferred.is_empty() {
            self.preferred = text.to_string();
        } else if !self.has(text) {
            self.alt.push(text.to_string());
        }
    }

    fn has(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        std::iter::once(&self.preferred)
            .chain(&self.alt)
            .chain(&self.hidden)
            .any(|l| l.to_lowercase() == lower)
    }
}

/// Whether a concept of the skills pillar is a skill or a skill group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConceptKind {
    /// A knowledge / skill / competence concept.
    Skill,
    /// A skill group (including ISCED-F fields used as knowledge groups).
    SkillGroup,
}

/// How two skills, or an occupation and a skill, are related in ESCO.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relation {
    /// Essential.
    Essential,
    /// Optional.
    Optional,
}

/// A link from an ESCO occupation to the Estonian Unemployment Insurance
/// Fund's occupation classification (the EE crosswalk).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EeMapping {
    /// The Estonian occupation's URI.
    pub uri: String,
    /// Its Estonian label.
    pub label_et: String,
    /// The SKOS relation (`exactMatch`, `closeMatch`, `broadMatch`, `narrowMatch`).
    pub relation: String,
}

/// Labels per language, as stored: `(index into languages, labels)`.
pub(super) type LabelsByLang = Vec<(u8, Labels)>;
/// Texts per language, as stored.
pub(super) type TextByLang = Vec<(u8, String)>;

/// A skill or skill group as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Concept {
    pub(super) uri: String,
    pub(super) kind: ConceptKind,
    pub(super) skill_type: SkillType,
    pub(super) reuse_level: ReuseLevel,
    pub(super) code: String,
    pub(super) labels: LabelsByLang,
    pub(super) descriptions: TextByLang,
    /// Ids of broader concepts (skills or groups).
    pub(super) broader: Vec<u32>,
    /// Related skills from skillSkillRelations, this concept being the original.
    pub(super) related: Vec<(u32, Relation)>,
}

/// An occupation as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct OccupationRecord {
    pub(super) uri: String,
    pub(super) code: String,
    pub(super) isco_code: String,
    pub(super) labels: LabelsByLang,
    pub(super) descriptions: TextByLang,
    pub(super) essential: Vec<u32>,
    pub(super) optional: Vec<u32>,
    pub(super) ee_mappings: Vec<EeMapping>,
}

/// An ISCO-08 group as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct IscoGroupRecord {
    pub(super) code: String,
    pub(super) uri: String,
    pub(super) labels: LabelsByLang,
}

/// The serialized form of a taxonomy: plain vectors, URIs interned as ids
/// (indexes into `concepts` and `occupations`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(super) struct TaxonomyData {
    pub(super) languages: Vec<String>,
    pub(super) concepts: Vec<Concept>,
    pub(super) occupations: Vec<OccupationRecord>,
    pub(super) isco_groups: Vec<IscoGroupRecord>,
    /// Where the data came from, one line each (file names and versions).
    pub(super) sources: Vec<String>,
}

/// How big a taxonomy is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TaxonomyCounts {
    /// Skills (knowledge, skill/competence).
    pub skills: usize,
    /// Skill groups.
    pub skill_groups: usize,
    /// Occupations.
    pub occupations: usize,
    /// ISCO-08 groups (1–4 digits).
    pub isco_groups: usize,
    /// Broader links in the skills pillar.
    pub broader_relations: usize,
    /// Occupation–skill links (essential + optional).
    pub occupation_skill_relations: usize,
    /// Skill–skill links.
    pub skill_skill_relations: usize,
    /// Languages with labels.
    pub languages: usize,
}

impl fmt::Display for TaxonomyCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} skills, {} skill groups, {} occupations, {} ISCO groups, {} broader, {} occupation–skill, {} skill–skill relations, {} languages",
            self.skills,
            self.skill_groups,
            self.occupations,
            self.isco_groups,
            self.broader_relations,
            self.occupation_skill_relations,
            self.skill_skill_relations,
            self.languages
        )
    }
}

/// The loaded taxonomy: the stored data plus lookup tables built on load.
#[derive(Debug)]
pub struct Taxonomy {
    pub(super) data: TaxonomyData,
    pub(super) languages: Vec<Lang>,
    pub(super) concept_ids: HashMap<Box<str>, u32>,
    pub(super) occupation_ids: HashMap<Box<str>, u32>,
    pub(super) isco_ids: HashMap<Box<str>, u32>,
    pub(super) narrower: Vec<Vec<u32>>,
    pub(super) counts: TaxonomyCounts,
}

/// The labels of `lang` exactly.
pub(super) fn labels_in<'a>(
    taxonomy: &Taxonomy,
    labels: &'a LabelsByLang,
    lang: &str,
) -> Option<&'a Labels> {
    let index = taxonomy.lang_index(lang)?;
    labels.iter().find(|(l, _)| *l == index).map(|(_, x)| x)
}

/// The first language with a value in the order `lang`, en, et, ru, any.
fn with_fallback<'a, T>(
    taxonomy: &Taxonomy,
    values: &'a [(u8, T)],
    lang: &str,
    usable: impl Fn(&T) -> bool,
) -> Option<&'a T> {
    std::iter::once(lang)
        .chain(LocalizedText::FALLBACK)
        .filter_map(|l| taxonomy.lang_index(l))
        .find_map(|index| {
            values
                .iter()
                .find(|(l, v)| *l == index && usable(v))
                .map(|(_, v)| v)
        })
        .or_else(|| values.iter().find(|(_, v)| usable(v)).map(|(_, v)| v))
}

pub(super) fn preferred_with_fallback<'a>(
    taxonomy: &Taxonomy,
    labels: &'a LabelsByLang,
    lang: &str,
) -> Option<&'a str> {
    with_fallback(taxonomy, labels, lang, |l| !l.preferred.is_empty()).map(|l| l.preferred.as_str())
}

/// The preferred label in `lang`, else en, et, ru, else any, with the
/// code of the language it is in.
pub(super) fn preferred_with_fallback_lang<'a>(
    taxonomy: &'a Taxonomy,
    labels: &'a LabelsByLang,
    lang: &str,
) -> Option<(&'a str, &'a str)> {
    let found = with_fallback(taxonomy, labels, lang, |l| !l.preferred.is_empty())?;
    let index = labels
        .iter()
        .find(|(_, l)| std::ptr::eq(l, found))
        .map(|(index, _)| *index)?;
    Some((
        found.preferred.as_str(),
        taxonomy.languages[usize::from(index)].as_str(),
    ))
}

/// The text in `lang`, else en, et, ru, else any, with the code of the
/// language it is in.
pub(super) fn text_with_fallback_lang<'a>(
    taxonomy: &'a Taxonomy,
    texts: &'a TextByLang,
    lang: &str,
) -> Option<(&'a str, &'a str)> {
    let found = with_fallback(taxonomy, texts, lang, |t| !t.is_empty())?;
    let index = texts
        .iter()
        .find(|(_, t)| std::ptr::eq(t, found))
        .map(|(index, _)| *index)?;
    Some((
        found.as_str(),
        taxonomy.languages[usize::from(index)].as_str(),
    ))
}

pub(super) fn text_with_fallback<'a>(
    taxonomy: &Taxonomy,
    texts: &'a TextByLang,
    lang: &str,
) -> Option<&'a str> {
    with_fallback(taxonomy, texts, lang, |t| !t.is_empty()).map(String::as_str)
}

pub(super) fn labels_iter<'a>(
    taxonomy: &'a Taxonomy,
    labels: &'a LabelsByLang,
) -> impl Iterator<Item = (&'a Lang, &'a Labels)> + 'a {
    labels
        .iter()
        .map(move |(l, x)| (&taxonomy.languages[usize::from(*l)], x))
}

impl Taxonomy {
    /// Builds the lookup tables over stored data and checks that every id is
    /// in range.
    pub(super) fn from_data(data: TaxonomyData) -> Result<Taxonomy, TaxonomyError> {
        let corrupt = |message: String| TaxonomyError::Corrupt {
            path: PathBuf::from("<memory>"),
            message,
        };
        let languages = data
            .languages
            .iter()
            .map(|l| Lang::new(l.as_str()).map_err(corrupt))
            .collect::<Result<Vec<_>, _>>()?;
        let n_concepts = data.concepts.len();
        let n_langs = languages.len();
        let mut counts = TaxonomyCounts {
            languages: n_langs,
            occupations: data.occupations.len(),
            isco_groups: data.isco_groups.len(),
            ..TaxonomyCounts::default()
        };
        let mut concept_ids = HashMap::with_capacity(n_concepts);
        let mut narrower = vec![Vec::new(); n_concepts];
        let check_id = |id: u32| {
            if (id as usize) < n_concepts {
                Ok(())
            } else {
                Err(corrupt(format!("concept id {id} out of range")))
            }
        };
        let check_langs = |langs: &mut dyn Iterator<Item = u8>| {
            for l in langs {
                if usize::from(l) >= n_langs {
                    return Err(corrupt("language index out of range".into()));
                }
            }
            Ok(())
        };
        for (id, concept) in data.concepts.iter().enumerate() {
            let id = id as u32;
            match concept.kind {
                ConceptKind::Skill => counts.skills += 1,
                ConceptKind::SkillGroup => counts.skill_groups += 1,
            }
            check_langs(&mut concept.labels.iter().map(|(l, _)| *l))?;
            check_langs(&mut concept.descriptions.iter().map(|(l, _)| *l))?;
            for &broader in &concept.broader {
                check_id(broader)?;
                narrower[broader as usize].push(id);
            }
            for &(related, _) in &concept.related {
                check_id(related)?;
            }
            counts.broader_relations += concept.broader.len();
            counts.skill_skill_relations += concept.related.len();
            if concept_ids
                .insert(concept.uri.as_str().into(), id)
                .is_some()
            {
                return Err(corrupt(format!("duplicate concept {}", concept.uri)));
            }
        }
        let mut occupation_ids = HashMap::with_capacity(data.occupations.len());
        for (id, occupation) in data.occupations.iter().enumerate() {
            check_langs(&mut occupation.labels.iter().map(|(l, _)| *l))?;
            check_langs(&mut occupation.descriptions.iter().map(|(l, _)| *l))?;
            for &skill in occupation.essential.iter().chain(&occupation.optional) {
                check_id(skill)?;
            }
            counts.occupation_skill_relations +=
                occupation.essential.len() + occupation.optional.len();
            if occupation_ids
                .insert(occupation.uri.as_str().into(), id as u32)
                .is_some()
            {
                return Err(corrupt(format!("duplicate occupation {}", occupation.uri)));
            }
        }
        let mut isco_ids = HashMap::with_capacity(data.isco_groups.len());
        for (id, group) in data.isco_groups.iter().enumerate() {
            check_langs(&mut group.labels.iter().map(|(l, _)| *l))?;
            isco_ids.insert(group.code.as_str().into(), id as u32);
        }
        Ok(Taxonomy {
            data,
            languages,
            concept_ids,
            occupation_ids,
            isco_ids,
            narrower,
            counts,
        })
    }

    fn lang_index(&self, lang: &str) -> Option<u8> {
        self.languages
            .iter()
            .position(|l| l.as_str() == lang)
            .map(|i| i as u8)
    }

    /// The languages that have labels, English first.
    pub fn languages(&self) -> &[Lang] {
        &self.languages
    }

    /// How many of each thing there are.
    pub fn counts(&self) -> TaxonomyCounts {
        self.counts
    }

    /// Number of skills.
    pub fn n_skills(&self) -> usize {
        self.counts.skills
    }

    /// Number of occupations.
    pub fn n_occupations(&self) -> usize {
        self.counts.occupations
    }

    /// Where the data came from (file names, one line each).
    pub fn sources(&self) -> &[String] {
        &self.data.sources
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn labels(preferred: &str) -> LabelsByLang {
        vec![(
            0,
            Labels {
                preferred: preferred.into(),
                ..Labels::default()
            },
        )]
    }

    pub(crate) fn concept(uri: &str, kind: ConceptKind, broader: Vec<u32>) -> Concept {
        Concept {
            uri: format!("http://x/{uri}"),
            kind,
            skill_type: SkillType::Unknown,
            reuse_level: ReuseLevel::Unknown,
            code: String::new(),
            labels: labels(uri),
            descriptions: Vec::new(),
            broader,
            related: Vec::new(),
        }
    }

    /// g (group) ← a ← b ← c, and a cycle x ↔ y.
    pub(crate) fn sample() -> Taxonomy {
        let mut data = TaxonomyData {
            languages: vec!["en".into(), "et".into()],
            ..TaxonomyData::default()
        };
        data.concepts = vec![
            concept("g", ConceptKind::SkillGroup, vec![]),
            concept("a", ConceptKind::Skill, vec![0]),
            concept("b", ConceptKind::Skill, vec![1]),
            concept("c", ConceptKind::Skill, vec![2]),
            concept("x", ConceptKind::Skill, vec![5]),
            concept("y", ConceptKind::Skill, vec![4]),
        ];
        data.concepts[1].labels.push((
            1,
            Labels {
                preferred: "a-et".into(),
                ..Labels::default()
            },
        ));
        data.concepts[1].related = vec![(2, Relation::Essential)];
        Taxonomy::from_data(data).unwrap()
    }

    #[test]
    fn bad_ids_are_rejected() {
        let mut data = TaxonomyData {
            languages: vec!["en".into()],
            ..TaxonomyData::default()
        };
        data.concepts = vec![concept("a", ConceptKind::Skill, vec![7])];
        assert!(matches!(
            Taxonomy::from_data(data),
            Err(TaxonomyError::Corrupt { .. })
        ));
    }

    #[test]
    fn labels_add_keeps_first_as_preferred() {
        let mut l = Labels::default();
        l.add("Kassapidaja");
        l.add("kassapidaja");
        l.add("müüja");
        assert_eq!(l.preferred, "Kassapidaja");
        assert_eq!(l.alt, ["müüja"]);
    }
}
