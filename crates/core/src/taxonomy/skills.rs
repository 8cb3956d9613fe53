//! Which skills are there, what are they called, and which does ESCO
//! relate to each?
//!
//! [`SkillRef`], a skill or skill group of a taxonomy with its codes,
//! labels and descriptions; finding concepts by URI or id; every skill,
//! skill group and concept; and the skill–skill relations.
//!
//! It must never walk the broader/narrower hierarchy (that is
//! `hierarchy`'s) nor know occupations.

use std::fmt;

use super::model::{
    Concept, ConceptKind, Labels, Relation, Taxonomy, labels_in, labels_iter,
    preferred_with_fallback, preferred_with_fallback_lang, text_with_fallback,
    text_with_fallback_lang,
};
use crate::domain::{Lang, ReuseLevel, SkillType, SkillUri};

/// A skill (or skill group) of a [`Taxonomy`].
#[derive(Clone, Copy)]
pub struct SkillRef<'a> {
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

    /// The descriptions in every language that has one.
    pub fn all_descriptions(self) -> impl Iterator<Item = (&'a Lang, &'a str)> + 'a {
        let taxonomy = self.taxonomy;
        self.record()
            .descriptions
            .iter()
            .map(move |(l, t)| (&taxonomy.languages[usize::from(*l)], t.as_str()))
    }
}

impl Taxonomy {
    pub(super) fn refs(&self, ids: &[u32]) -> Vec<SkillRef<'_>> {
        ids.iter()
            .map(|&id| SkillRef { taxonomy: self, id })
            .collect()
    }

    pub(super) fn concept_id(&self, uri: &str) -> Option<u32> {
        self.concept_ids.get(uri).copied()
    }

    /// Whether `uri` is a skill (not a skill group).
    pub fn contains_skill(&self, uri: &str) -> bool {
        self.skill(uri).is_some()
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
}

#[cfg(test)]
mod tests {
    use crate::taxonomy::model::tests::sample;

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
}
