//! Which occupations and ISCO-08 groups are there, what are they called,
//! and which skills does each occupation need?
//!
//! [`OccupationRef`] with its essential and optional skills, its ISCO-08
//! groups and its links to the Estonian classification; [`IscoGroupRef`]
//! with its labels and parent group; finding both by URI or code.
//!
//! It must never walk the skill hierarchy nor change a skill's meaning:
//! an occupation only lists skills.

use std::fmt;

use super::model::{
    EeMapping, IscoGroupRecord, Labels, OccupationRecord, Taxonomy, labels_in, labels_iter,
    preferred_with_fallback, preferred_with_fallback_lang, text_with_fallback,
    text_with_fallback_lang,
};
use super::skills::SkillRef;
use crate::domain::{Lang, LocalizedText, OccupationUri};

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

    /// [`Self::label`] with the code of the language it is in: another
    /// language than `lang` marks a fallback (an ESCO label that exists
    /// only in English).
    pub fn label_with_lang(self, lang: &str) -> Option<(&'a str, &'a str)> {
        preferred_with_fallback_lang(self.taxonomy, &self.record().labels, lang)
    }

    /// The description in `lang`, else en, et, ru, else any.
    pub fn description(self, lang: &str) -> Option<&'a str> {
        text_with_fallback(self.taxonomy, &self.record().descriptions, lang)
    }

    /// [`Self::description`] with the code of the language it is in.
    pub fn description_with_lang(self, lang: &str) -> Option<(&'a str, &'a str)> {
        text_with_fallback_lang(self.taxonomy, &self.record().descriptions, lang)
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

impl Taxonomy {
    /// Whether `uri` is an occupation.
    pub fn contains_occupation(&self, uri: &str) -> bool {
        self.occupation_ids.contains_key(uri)
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

    /// Every occupation, in stored order.
    pub fn occupations(&self) -> impl Iterator<Item = OccupationRef<'_>> + '_ {
        (0..self.data.occupations.len() as u32).map(|id| OccupationRef { taxonomy: self, id })
    }

    /// Every ISCO-08 group (1–4 digits).
    pub fn isco_groups(&self) -> impl Iterator<Item = IscoGroupRef<'_>> + '_ {
        (0..self.data.isco_groups.len() as u32).map(|id| IscoGroupRef { taxonomy: self, id })
    }
}
