//! How do skills relate? The ESCO skills pillar (skills, skill groups, the
//! broader/narrower hierarchy, skill–skill relations), the occupations with
//! their essential and optional skills, ISCO-08 groups, and labels in every
//! loaded language (en, et, ru, …).
//!
//! This module exists so that every other module asks one place whether a
//! skill exists, what it is called and what it covers (coverage rule 1 of
//! DESIGN.md §2: a held narrower skill meets a broader requirement).
//!
//! It must never do network IO, know of HTTP or tantivy. Reading and writing
//! files is allowed only in the [`import`] (ESCO CSV) and [`store`]
//! (`data/taxonomy.bin`) submodules; the queries here are pure.

pub mod import;
pub mod store;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{Lang, LocalizedText, OccupationUri, ReuseLevel, SkillType, SkillUri};

/// Everything that can go wrong while importing, saving or loading a taxonomy.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyError {
    /// A file could not be opened or read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A required input file is not in the folder.
    #[error("{dir}: no {what} file (looked for {looked_for})")]
    MissingFile {
        /// The folder searched.
        dir: PathBuf,
        /// What the file holds.
        what: String,
        /// The file names tried.
        looked_for: String,
    },
    /// A CSV file lacks a column the importer needs.
    #[error("{path}, line {line}: no column {column:?} in the header (found: {found})")]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The header's line number.
        line: u64,
        /// The missing column.
        column: String,
        /// The columns that are there.
        found: String,
    },
    /// A CSV file is malformed (wrong number of fields, bad UTF-8, …).
    #[error("{path}, line {line}: broken CSV: {message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// The line where the bad record starts.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A field has a value the importer cannot use.
    #[error("{path}, line {line}, column {column:?}: {message}")]
    BadField {
        /// The file.
        path: PathBuf,
        /// The line of the record.
        line: u64,
        /// The column.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// Several rows of one file have bad values; each is listed.
    #[error("{path}: {count} bad rows:{rows}")]
    BadRows {
        /// The file.
        path: PathBuf,
        /// How many rows are bad.
        count: usize,
        /// The first of them, one per line, each naming line and column.
        rows: String,
    },
    /// The taxonomy file does not start with the expected magic bytes.
    #[error("{path}: not an õppepala taxonomy file (bad magic bytes)")]
    BadMagic {
        /// The file.
        path: PathBuf,
    },
    /// The taxonomy file was written by another format version.
    #[error(
        "{path}: taxonomy format version {found}, this build reads version {expected}; re-run `oppepala import esco`"
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The taxonomy file is truncated or its checksum does not match.
    #[error("{path}: taxonomy file is corrupt: {message}")]
    Corrupt {
        /// The file (or `<memory>`).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

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
type LabelsByLang = Vec<(u8, Labels)>;
/// Texts per language, as stored.
type TextByLang = Vec<(u8, String)>;

/// A skill or skill group as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Concept {
    uri: String,
    kind: ConceptKind,
    skill_type: SkillType,
    reuse_level: ReuseLevel,
    code: String,
    labels: LabelsByLang,
    descriptions: TextByLang,
    /// Ids of broader concepts (skills or groups).
    broader: Vec<u32>,
    /// Related skills from skillSkillRelations, this concept being the original.
    related: Vec<(u32, Relation)>,
}

/// An occupation as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct OccupationRecord {
    uri: String,
    code: String,
    isco_code: String,
    labels: LabelsByLang,
    descriptions: TextByLang,
    essential: Vec<u32>,
    optional: Vec<u32>,
    ee_mappings: Vec<EeMapping>,
}

/// An ISCO-08 group as stored.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct IscoGroupRecord {
    code: String,
    uri: String,
    labels: LabelsByLang,
}

/// The serialized form of a taxonomy: plain vectors, URIs interned as ids
/// (indexes into `concepts` and `occupations`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct TaxonomyData {
    languages: Vec<String>,
    concepts: Vec<Concept>,
    occupations: Vec<OccupationRecord>,
    isco_groups: Vec<IscoGroupRecord>,
    /// Where the data came from, one line each (file names and versions).
    sources: Vec<String>,
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
    data: TaxonomyData,
    languages: Vec<Lang>,
    concept_ids: HashMap<Box<str>, u32>,
    occupation_ids: HashMap<Box<str>, u32>,
    isco_ids: HashMap<Box<str>, u32>,
    narrower: Vec<Vec<u32>>,
    counts: TaxonomyCounts,
}

/// A skill (or skill group) of a [`Taxonomy`].
#[derive(Clone, Copy)]
pub struct SkillRef<'a> {
    taxonomy: &'a Taxonomy,
    id: u32,
}

/// An occupation of a [`Taxonomy`].
#[derive(Clone, Copy)]
pub struct OccupationRef<'a> {
    taxonomy: &'a Taxonomy,
    id: u32,
}

/// An ISCO-08 group of a [`Taxonomy`].
#[derive(Clone, Copy)]
pub struct IscoGroupRef<'a> {
    taxonomy: &'a Taxonomy,
    id: u32,
}

/// A skill related to another through skillSkillRelations.
#[derive(Clone, Copy, Debug)]
pub struct RelatedSkill<'a> {
    /// The related skill.
    pub skill: SkillRef<'a>,
    /// Essential or optional.
    pub relation: Relation,
}

impl fmt::Debug for SkillRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SkillRef").field(&self.uri()).finish()
    }
}

impl fmt::Debug for OccupationRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("OccupationRef").field(&self.uri()).finish()
    }
}

impl fmt::Debug for IscoGroupRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IscoGroupRef").field(&self.code()).finish()
    }
}

/// The labels of `lang` exactly.
fn labels_in<'a>(taxonomy: &Taxonomy, labels: &'a LabelsByLang, lang: &str) -> Option<&'a Labels> {
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

fn preferred_with_fallback<'a>(
    taxonomy: &Taxonomy,
    labels: &'a LabelsByLang,
    lang: &str,
) -> Option<&'a str> {
    with_fallback(taxonomy, labels, lang, |l| !l.preferred.is_empty()).map(|l| l.preferred.as_str())
}

fn text_with_fallback<'a>(
    taxonomy: &Taxonomy,
    texts: &'a TextByLang,
    lang: &str,
) -> Option<&'a str> {
    with_fallback(taxonomy, texts, lang, |t| !t.is_empty()).map(String::as_str)
}

fn labels_iter<'a>(
    taxonomy: &'a Taxonomy,
    labels: &'a LabelsByLang,
) -> impl Iterator<Item = (&'a Lang, &'a Labels)> + 'a {
    labels
        .iter()
        .map(move |(l, x)| (&taxonomy.languages[usize::from(*l)], x))
}

impl<'a> SkillRef<'a> {
    fn record(self) -> &'a Concept {
        &self.taxonomy.data.concepts[self.id as usize]
    }

    /// The interned id (stable within one loaded taxonomy only).
    pub fn id(self) -> u32 {
        self.id
    }

    /// The ESCO URI.
    pub fn uri(self) -> &'a str {
        &self.record().uri
    }

    /// The URI as a domain type.
    pub fn skill_uri(self) -> SkillUri {
        SkillUri::new(self.uri()).expect("URIs are checked on import")
    }

    /// Skill or skill group.
    pub fn kind(self) -> ConceptKind {
        self.record().kind
    }

    /// Knowledge or skill/competence.
    pub fn skill_type(self) -> SkillType {
        self.record().skill_type
    }

    /// The ESCO reuse level.
    pub fn reuse_level(self) -> ReuseLevel {
        self.record().reuse_level
    }

    /// The code of a skill group (e.g. `S1.2`); empty for skills.
    pub fn code(self) -> &'a str {
        &self.record().code
    }

    /// The labels in exactly `lang`.
    pub fn labels(self, lang: &str) -> Option<&'a Labels> {
        labels_in(self.taxonomy, &self.record().labels, lang)
    }

    /// The labels in every language that has some.
    pub fn all_labels(self) -> impl Iterator<Item = (&'a Lang, &'a Labels)> + 'a {
        labels_iter(self.taxonomy, &self.record().labels)
    }

    /// The preferred label in `lang`, else en, et, ru, else any.
    pub fn label(self, lang: &str) -> Option<&'a str> {
        preferred_with_fallback(self.taxonomy, &self.record().labels, lang)
    }

    /// The description in `lang`, else en, et, ru, else any.
    pub fn description(self, lang: &str) -> Option<&'a str> {
        text_with_fallback(self.taxonomy, &self.record().descriptions, lang)
    }

    /// The descriptions in every language that has one.
    pub fn all_descriptions(self) -> impl Iterator<Item = (&'a Lang, &'a str)> + 'a {
        let taxonomy = self.taxonomy;
        self.record()
            .descriptions
            .iter()
            .map(move |(l, t)| (&taxonomy.languages[usize::from(*l)], t.as_str()))
    }
}

impl<'a> OccupationRef<'a> {
    fn record(self) -> &'a OccupationRecord {
        &self.taxonomy.data.occupations[self.id as usize]
    }

    /// The interned id (stable within one loaded taxonomy only).
    pub fn id(self) -> u32 {
        self.id
    }

    /// The ESCO URI.
    pub fn uri(self) -> &'a str {
        &self.record().uri
    }

    /// The ESCO occupation code (e.g. `2654.1.7`), empty when not given.
    pub fn code(self) -> &'a str {
        &self.record().code
    }

    /// The ISCO-08 unit group code (4 digits), empty when not given.
    pub fn isco_code(self) -> &'a str {
        &self.record().isco_code
    }

    /// The labels in exactly `lang`.
    pub fn labels(self, lang: &str) -> Option<&'a Labels> {
        labels_in(self.taxonomy, &self.record().labels, lang)
    }

    /// The labels in every language that has some.
    pub fn all_labels(self) -> impl Iterator<Item = (&'a Lang, &'a Labels)> + 'a {
        labels_iter(self.taxonomy, &self.record().labels)
    }

    /// The occupation's own preferred label in `lang`, else en, et, ru, any.
    /// Russian occupation labels do not exist in ESCO: for Russian, show
    /// [`Self::isco_group_label`] next to this (it is the group's name).
    pub fn label(self, lang: &str) -> Option<&'a str> {
        preferred_with_fallback(self.taxonomy, &self.record().labels, lang)
    }

    /// The description in `lang`, else en, et, ru, else any.
    pub fn description(self, lang: &str) -> Option<&'a str> {
        text_with_fallback(self.taxonomy, &self.record().descriptions, lang)
    }

    /// The ISCO-08 unit group (4 digits) the occupation belongs to.
    pub fn isco_group(self) -> Option<IscoGroupRef<'a>> {
        self.taxonomy.isco_group(self.isco_code())
    }

    /// The ISCO-08 groups from the unit group (4 digits) up to the major
    /// group (1 digit), those that are known.
    pub fn isco_groups(self) -> Vec<IscoGroupRef<'a>> {
        let code = self.isco_code();
        (1..=code.len())
            .rev()
            .filter_map(|n| code.get(..n))
            .filter_map(|prefix| self.taxonomy.isco_group(prefix))
            .collect()
    }

    /// The name of the occupation's ISCO-08 unit group in `lang` (with the
    /// usual fallback). This is the group's name, not the occupation's:
    /// AK2008 gives Russian names to groups only.
    pub fn isco_group_label(self, lang: &str) -> Option<&'a str> {
        self.isco_group().and_then(|g| g.label(lang))
    }

    /// Essential skills.
    pub fn essential_skills(self) -> Vec<SkillRef<'a>> {
        self.taxonomy.refs(&self.record().essential)
    }

    /// Optional skills.
    pub fn optional_skills(self) -> Vec<SkillRef<'a>> {
        self.taxonomy.refs(&self.record().optional)
    }

    /// Links to the Estonian occupation classification (EE crosswalk).
    pub fn ee_mappings(self) -> &'a [EeMapping] {
        &self.record().ee_mappings
    }

    /// The occupation as a domain value (preferred labels per language).
    pub fn to_domain(self) -> crate::domain::Occupation {
        let uris =
            |skills: Vec<SkillRef<'_>>| skills.into_iter().map(SkillRef::skill_uri).collect();
        crate::domain::Occupation {
            uri: OccupationUri::new(self.uri()).expect("URIs are checked on import"),
            isco_code: self.isco_code().to_string(),
            labels: LocalizedText(
                self.all_labels()
                    .filter(|(_, l)| !l.preferred.is_empty())
                    .map(|(lang, l)| (lang.clone(), l.preferred.clone()))
                    .collect(),
            ),
            essential_skills: uris(self.essential_skills()),
            optional_skills: uris(self.optional_skills()),
        }
    }
}

impl<'a> IscoGroupRef<'a> {
    fn record(self) -> &'a IscoGroupRecord {
        &self.taxonomy.data.isco_groups[self.id as usize]
    }

    /// The ISCO-08 code, 1–4 digits (e.g. `5230`, `0110`).
    pub fn code(self) -> &'a str {
        &self.record().code
    }

    /// The ESCO URI of the group (`http://data.europa.eu/esco/isco/C5230`).
    pub fn uri(self) -> &'a str {
        &self.record().uri
    }

    /// The labels in exactly `lang`.
    pub fn labels(self, lang: &str) -> Option<&'a Labels> {
        labels_in(self.taxonomy, &self.record().labels, lang)
    }

    /// The labels in every language that has some.
    pub fn all_labels(self) -> impl Iterator<Item = (&'a Lang, &'a Labels)> + 'a {
        labels_iter(self.taxonomy, &self.record().labels)
    }

    /// The preferred label in `lang`, else en, et, ru, else any.
    pub fn label(self, lang: &str) -> Option<&'a str> {
        preferred_with_fallback(self.taxonomy, &self.record().labels, lang)
    }

    /// The enclosing group (one digit shorter), if known.
    pub fn parent(self) -> Option<IscoGroupRef<'a>> {
        let code = self.code();
        if code.len() <= 1 {
            return None;
        }
        self.taxonomy.isco_group(&code[..code.len() - 1])
    }
}

/// A bit set over concept ids for hierarchy walks: 14.5k concepts take
/// 1.8 kB, cheap enough to allocate per query (`covers` runs often).
struct Visited(Vec<u64>);

impl Visited {
    fn new(n: usize) -> Visited {
        Visited(vec![0; n.div_ceil(64)])
    }

    /// Marks `id`; true when it was not marked before.
    fn insert(&mut self, id: u32) -> bool {
        let (word, bit) = ((id / 64) as usize, 1u64 << (id % 64));
        let fresh = self.0[word] & bit == 0;
        self.0[word] |= bit;
        fresh
    }
}

impl Taxonomy {
    /// Builds the lookup tables over stored data and checks that every id is
    /// in range.
    fn from_data(data: TaxonomyData) -> Result<Taxonomy, TaxonomyError> {
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

    /// Loads `data/taxonomy.bin` (or another file written by
    /// `oppepala import esco`).
    pub fn load(path: impl AsRef<Path>) -> Result<Taxonomy, TaxonomyError> {
        store::load(path.as_ref())
    }

    /// Writes the taxonomy to `path` atomically.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), TaxonomyError> {
        store::save(self, path.as_ref())
    }

    fn lang_index(&self, lang: &str) -> Option<u8> {
        self.languages
            .iter()
            .position(|l| l.as_str() == lang)
            .map(|i| i as u8)
    }

    fn refs(&self, ids: &[u32]) -> Vec<SkillRef<'_>> {
        ids.iter()
            .map(|&id| SkillRef { taxonomy: self, id })
            .collect()
    }

    fn concept_id(&self, uri: &str) -> Option<u32> {
        self.concept_ids.get(uri).copied()
    }

    /// Whether `uri` is a skill (not a skill group).
    pub fn contains_skill(&self, uri: &str) -> bool {
        self.skill(uri).is_some()
    }

    /// Whether `uri` is an occupation.
    pub fn contains_occupation(&self, uri: &str) -> bool {
        self.occupation_ids.contains_key(uri)
    }

    /// The skill `uri` (skill groups are not skills: see [`Self::skill_group`]).
    pub fn skill(&self, uri: &str) -> Option<SkillRef<'_>> {
        self.concept(uri).filter(|s| s.kind() == ConceptKind::Skill)
    }

    /// The skill group `uri`.
    pub fn skill_group(&self, uri: &str) -> Option<SkillRef<'_>> {
        self.concept(uri)
            .filter(|s| s.kind() == ConceptKind::SkillGroup)
    }

    /// The skill or skill group `uri`.
    pub fn concept(&self, uri: &str) -> Option<SkillRef<'_>> {
        self.concept_id(uri)
            .map(|id| SkillRef { taxonomy: self, id })
    }

    /// The concept with interned id `id` (see [`SkillRef::id`]); ids run
    /// from 0 to [`Self::n_concepts`], so other modules can keep dense
    /// per-skill arrays.
    pub fn concept_by_id(&self, id: u32) -> Option<SkillRef<'_>> {
        ((id as usize) < self.data.concepts.len()).then_some(SkillRef { taxonomy: self, id })
    }

    /// Number of concepts in the skills pillar (skills and skill groups).
    pub fn n_concepts(&self) -> usize {
        self.data.concepts.len()
    }

    /// The preferred label of skill (or skill group) `uri` in `lang`, else
    /// in en, et, ru, else in any language.
    pub fn skill_label(&self, uri: &str, lang: &str) -> Option<&str> {
        self.concept(uri).and_then(|s| s.label(lang))
    }

    /// The occupation `uri`.
    pub fn occupation(&self, uri: &str) -> Option<OccupationRef<'_>> {
        self.occupation_ids
            .get(uri)
            .map(|&id| OccupationRef { taxonomy: self, id })
    }

    /// The preferred label of occupation `uri` in `lang`, else in en, et, ru,
    /// else in any language.
    pub fn occupation_label(&self, uri: &str, lang: &str) -> Option<&str> {
        self.occupation(uri).and_then(|o| o.label(lang))
    }

    /// The ISCO-08 group with `code` (1–4 digits).
    pub fn isco_group(&self, code: &str) -> Option<IscoGroupRef<'_>> {
        self.isco_ids
            .get(code)
            .map(|&id| IscoGroupRef { taxonomy: self, id })
    }

    /// Walks the hierarchy from `start` (excluded) along `next`, each concept
    /// once, so cycles in the data end the walk instead of looping.
    fn closure<'s>(&'s self, start: u32, next: impl Fn(u32) -> &'s [u32]) -> Vec<u32> {
        let mut seen = Visited::new(self.data.concepts.len());
        seen.insert(start);
        let mut stack = vec![start];
        let mut out = Vec::new();
        while let Some(id) = stack.pop() {
            for &other in next(id) {
                if seen.insert(other) {
                    out.push(other);
                    stack.push(other);
                }
            }
        }
        out
    }

    fn broader_ids(&self, id: u32) -> &[u32] {
        &self.data.concepts[id as usize].broader
    }

    fn narrower_ids(&self, id: u32) -> &[u32] {
        &self.narrower[id as usize]
    }

    /// Every concept (skills and skill groups) broader than `uri`,
    /// transitively, excluding `uri` itself; empty for an unknown URI.
    pub fn broader_closure(&self, uri: &str) -> Vec<SkillRef<'_>> {
        match self.concept_id(uri) {
            Some(id) => self.refs(&self.closure(id, |i| self.broader_ids(i))),
            None => Vec::new(),
        }
    }

    /// Every concept (skills and skill groups) narrower than `uri`,
    /// transitively, excluding `uri` itself; empty for an unknown URI.
    pub fn narrower_closure(&self, uri: &str) -> Vec<SkillRef<'_>> {
        match self.concept_id(uri) {
            Some(id) => self.refs(&self.closure(id, |i| self.narrower_ids(i))),
            None => Vec::new(),
        }
    }

    /// Whether holding `held` meets a requirement for `required`: they are
    /// the same skill, or `held` is narrower than `required`, transitively
    /// (coverage rule 1). Unknown URIs cover only themselves.
    pub fn covers(&self, held: &str, required: &str) -> bool {
        if held == required {
            return true;
        }
        let (Some(held), Some(required)) = (self.concept_id(held), self.concept_id(required))
        else {
            return false;
        };
        let mut seen = Visited::new(self.data.concepts.len());
        let mut stack = vec![held];
        seen.insert(held);
        while let Some(id) = stack.pop() {
            for &broader in self.broader_ids(id) {
                if broader == required {
                    return true;
                }
                if seen.insert(broader) {
                    stack.push(broader);
                }
            }
        }
        false
    }

    /// The essential skills of occupation `occupation`; empty when unknown.
    pub fn essential_skills(&self, occupation: &str) -> Vec<SkillRef<'_>> {
        self.occupation(occupation)
            .map(OccupationRef::essential_skills)
            .unwrap_or_default()
    }

    /// The optional skills of occupation `occupation`; empty when unknown.
    pub fn optional_skills(&self, occupation: &str) -> Vec<SkillRef<'_>> {
        self.occupation(occupation)
            .map(OccupationRef::optional_skills)
            .unwrap_or_default()
    }

    /// The skills ESCO relates to `skill` (skillSkillRelations, `skill`
    /// being the original), with the relation type.
    pub fn related_skills(&self, skill: &str) -> Vec<RelatedSkill<'_>> {
        match self.concept_id(skill) {
            Some(id) => self.data.concepts[id as usize]
                .related
                .iter()
                .map(|&(other, relation)| RelatedSkill {
                    skill: SkillRef {
                        taxonomy: self,
                        id: other,
                    },
                    relation,
                })
                .collect(),
            None => Vec::new(),
        }
    }

    /// The skill groups above `skill`, transitively (direct groups first,
    /// then the rest in walk order); empty when unknown.
    pub fn skill_groups(&self, skill: &str) -> Vec<SkillRef<'_>> {
        self.broader_closure(skill)
            .into_iter()
            .filter(|c| c.kind() == ConceptKind::SkillGroup)
            .collect()
    }

    /// Every skill (not skill groups), in stored order.
    pub fn skills(&self) -> impl Iterator<Item = SkillRef<'_>> + '_ {
        self.all_concepts()
            .filter(|s| s.kind() == ConceptKind::Skill)
    }

    /// Every skill group.
    pub fn all_skill_groups(&self) -> impl Iterator<Item = SkillRef<'_>> + '_ {
        self.all_concepts()
            .filter(|s| s.kind() == ConceptKind::SkillGroup)
    }

    /// Every concept of the skills pillar: skills and skill groups.
    pub fn all_concepts(&self) -> impl Iterator<Item = SkillRef<'_>> + '_ {
        (0..self.data.concepts.len() as u32).map(|id| SkillRef { taxonomy: self, id })
    }

    /// Every occupation, in stored order.
    pub fn occupations(&self) -> impl Iterator<Item = OccupationRef<'_>> + '_ {
        (0..self.data.occupations.len() as u32).map(|id| OccupationRef { taxonomy: self, id })
    }

    /// Every ISCO-08 group (1–4 digits).
    pub fn isco_groups(&self) -> impl Iterator<Item = IscoGroupRef<'_>> + '_ {
        (0..self.data.isco_groups.len() as u32).map(|id| IscoGroupRef { taxonomy: self, id })
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

/// The planner asks the taxonomy whether one skill meets a requirement for
/// another, and what a skill is called.
impl crate::domain::Hierarchy for Taxonomy {
    fn covers(&self, held: &SkillUri, required: &SkillUri) -> bool {
        Taxonomy::covers(self, held.as_str(), required.as_str())
    }

    fn label(&self, skill: &SkillUri, lang: &str) -> Option<String> {
        self.skill_label(skill.as_str(), lang).map(str::to_string)
    }

    fn broader_closure(&self, skill: &SkillUri) -> Option<Vec<SkillUri>> {
        Some(
            Taxonomy::broader_closure(self, skill.as_str())
                .into_iter()
                .map(SkillRef::skill_uri)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
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

    fn concept(uri: &str, kind: ConceptKind, broader: Vec<u32>) -> Concept {
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
    fn sample() -> Taxonomy {
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

    fn uris(refs: Vec<SkillRef<'_>>) -> Vec<&str> {
        let mut out: Vec<&str> = refs.into_iter().map(SkillRef::uri).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn closures_are_transitive_and_exclude_self() {
        let t = sample();
        assert_eq!(
            uris(t.broader_closure("http://x/c")),
            ["http://x/a", "http://x/b", "http://x/g"]
        );
        assert_eq!(
            uris(t.narrower_closure("http://x/a")),
            ["http://x/b", "http://x/c"]
        );
        assert_eq!(uris(t.skill_groups("http://x/c")), ["http://x/g"]);
        assert!(t.broader_closure("http://x/unknown").is_empty());
    }

    #[test]
    fn cycles_end() {
        let t = sample();
        assert_eq!(uris(t.broader_closure("http://x/x")), ["http://x/y"]);
        assert!(t.covers("http://x/x", "http://x/y"));
        assert!(t.covers("http://x/y", "http://x/x"));
    }

    #[test]
    fn covers_follows_narrower_to_broader_only() {
        let t = sample();
        assert!(t.covers("http://x/c", "http://x/a"));
        assert!(t.covers("http://x/c", "http://x/c"));
        assert!(!t.covers("http://x/a", "http://x/c"));
        assert!(!t.covers("http://x/a", "http://x/x"));
        assert!(t.covers("http://x/unknown", "http://x/unknown"));
        assert!(!t.covers("http://x/unknown", "http://x/a"));
    }

    #[test]
    fn labels_fall_back() {
        let t = sample();
        assert_eq!(t.skill_label("http://x/a", "et"), Some("a-et"));
        assert_eq!(t.skill_label("http://x/b", "et"), Some("b"));
        assert_eq!(t.skill_label("http://x/a", "ru"), Some("a"));
        assert!(t.contains_skill("http://x/a"));
        assert!(!t.contains_skill("http://x/g"));
        assert_eq!(t.related_skills("http://x/a")[0].skill.uri(), "http://x/b");
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

    fn random_graph(n: usize, edges: &[(usize, usize)]) -> Taxonomy {
        let mut data = TaxonomyData {
            languages: vec!["en".into()],
            ..TaxonomyData::default()
        };
        data.concepts = (0..n)
            .map(|i| concept(&i.to_string(), ConceptKind::Skill, Vec::new()))
            .collect();
        for &(from, to) in edges {
            let (from, to) = (from % n, to % n);
            if from != to && !data.concepts[from].broader.contains(&(to as u32)) {
                data.concepts[from].broader.push(to as u32);
            }
        }
        Taxonomy::from_data(data).unwrap()
    }

    proptest::proptest! {
        /// On any graph, cycles included: closures exclude the start and
        /// repeat nothing, broader and narrower mirror each other, and
        /// `covers` is "same, or the requirement is in the held skill's
        /// broader closure".
        #[test]
        fn closures_and_covers_agree(
            n in 1usize..24,
            edges in proptest::collection::vec((0usize..24, 0usize..24), 0..60),
        ) {
            let t = random_graph(n, &edges);
            let uri = |i: usize| format!("http://x/{i}");
            for x in 0..n {
                let up: Vec<&str> = t.broader_closure(&uri(x)).into_iter().map(SkillRef::uri).collect();
                let mut unique = up.clone();
                unique.sort_unstable();
                unique.dedup();
                proptest::prop_assert_eq!(unique.len(), up.len());
                proptest::prop_assert!(!up.contains(&uri(x).as_str()));
                for y in 0..n {
                    let in_up = up.contains(&uri(y).as_str());
                    let down: Vec<&str> = t.narrower_closure(&uri(y)).into_iter().map(SkillRef::uri).collect();
                    proptest::prop_assert_eq!(in_up, down.contains(&uri(x).as_str()));
                    proptest::prop_assert_eq!(t.covers(&uri(x), &uri(y)), x == y || in_up);
                }
            }
        }
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
