//! How do skills relate, as far as gap and planning need to know?
//!
//! The gap and the planner only ask two questions of the taxonomy: does
//! holding one skill meet a requirement for another (DESIGN.md §2 coverage
//! rule 1), and what is a skill called. This file defines that contract as
//! the [`Hierarchy`] trait, which the ESCO taxonomy implements, plus a small
//! in-memory implementation for tests and benches. It lives in `domain` so
//! that the taxonomy (which implements it) and the planner (which asks it)
//! both depend downwards on it, never on each other.
//!
//! It must never do IO or know where the taxonomy comes from.

use std::collections::{HashMap, HashSet};

use super::{LocalizedText, SkillUri};

/// The planner's view of the skills taxonomy.
pub trait Hierarchy {
    /// True when holding `held` meets a requirement for `required`: the same skill,
    /// or `held` is narrower than `required` in the ESCO hierarchy (transitively). Never the other way round.
    fn covers(&self, held: &SkillUri, required: &SkillUri) -> bool;
    /// A label of the skill in `lang`, with fallback; None if unknown.
    fn label(&self, skill: &SkillUri, lang: &str) -> Option<String>;
    /// [`Hierarchy::label`] with the code of the language the label is in
    /// (another than `lang` when it is a fallback). By default the label
    /// is taken to be in `lang`.
    fn label_with_lang(&self, skill: &SkillUri, lang: &str) -> Option<(String, String)> {
        self.label(skill, lang)
            .map(|label| (label, lang.to_owned()))
    }
    /// Every skill other than `skill` that holding `skill` covers (its
    /// broader skills, transitively), in any order, when the hierarchy can
    /// list them: then `covers(skill, r)` is `r == skill` or `r` is in the
    /// list, and the planner asks once per skill instead of once per pair.
    /// `None` (the default) makes the planner ask [`Hierarchy::covers`].
    fn broader_closure(&self, _skill: &SkillUri) -> Option<Vec<SkillUri>> {
        None
    }
}

/// A hierarchy held as a map from a skill to its broader skills.
#[derive(Clone, Debug, Default)]
pub struct MemoryHierarchy {
    broader: HashMap<SkillUri, Vec<SkillUri>>,
    labels: HashMap<SkillUri, LocalizedText>,
}

impl MemoryHierarchy {
    /// An empty hierarchy: every skill covers only itself.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `narrower` is a narrower skill of `broader`.
    pub fn add_broader(&mut self, narrower: &SkillUri, broader: &SkillUri) {
        self.broader
            .entry(narrower.clone())
            .or_default()
            .push(broader.clone());
    }

    /// Sets the labels of `skill`.
    pub fn set_label(&mut self, skill: &SkillUri, label: LocalizedText) {
        self.labels.insert(skill.clone(), label);
    }
}

impl Hierarchy for MemoryHierarchy {
    fn covers(&self, held: &SkillUri, required: &SkillUri) -> bool {
        if held == required {
            return true;
        }
        // Walk up the broader links; the visited set keeps a (malformed)
        // cyclic hierarchy from looping.
        let mut seen: HashSet<&SkillUri> = HashSet::new();
        let mut stack = vec![held];
        while let Some(skill) = stack.pop() {
            for up in self.broader.get(skill).into_iter().flatten() {
                if up == required {
                    return true;
                }
                if seen.insert(up) {
                    stack.push(up);
                }
            }
        }
        false
    }

    fn broader_closure(&self, skill: &SkillUri) -> Option<Vec<SkillUri>> {
        let mut seen: HashSet<&SkillUri> = HashSet::new();
        let mut stack = vec![skill];
        let mut out = Vec::new();
        while let Some(at) = stack.pop() {
            for up in self.broader.get(at).into_iter().flatten() {
                if seen.insert(up) {
                    out.push(up.clone());
                    stack.push(up);
                }
            }
        }
        Some(out)
    }

    fn label(&self, skill: &SkillUri, lang: &str) -> Option<String> {
        self.labels
            .get(skill)
            .and_then(|l| l.get(lang))
            .map(str::to_string)
    }
}
