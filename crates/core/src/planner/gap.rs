//! What is missing?
//!
//! The [`Gap`] between a learner and a goal: the competences not yet met
//! ([`GapItem`], coverage rule 1: a held narrower skill meets a broader
//! requirement, asked through the [`Hierarchy`] trait) and the goal's module
//! rules, all open ([`OpenModule`]). Preparing and explaining a plan reuse
//! its parts (`dedupe_requirements`, `open_modules`, `label_of`).
//!
//! It must never search for paths.

use serde::{Deserialize, Serialize};

use super::goal::Goal;
use crate::domain::{BiteId, Competence, Hierarchy, Learner, SkillUri};

/// One requirement the learner does not meet yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct GapItem {
    /// The required skill.
    pub skill: SkillUri,
    /// Its label in the requested language (the URI when unknown).
    pub label: String,
    /// The language `label` is in: another than the one asked marks a
    /// fallback (an ESCO skill with only an English name); empty for a URI.
    #[serde(default)]
    pub label_lang: String,
    /// The level required.
    pub required_level: u8,
    /// The best level the learner holds on the skill or a narrower one; 0 if none.
    pub held_level: u8,
    /// Labour-market demand for the skill in the learner's region, filled
    /// in after planning by whoever knows the labour market (the demand
    /// module); the planner leaves it empty.
    pub demand: Option<crate::domain::DemandFigure>,
    /// Why `demand` is null, when the demand module was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand_missing: Option<crate::domain::DemandMissing>,
}

/// A module rule of the goal that is still open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum OpenModule {
    /// A bite that must be taken.
    AllOf {
        /// The bite.
        bite: BiteId,
    },
    /// At least `n` of `of`.
    NOf {
        /// How many.
        n: u32,
        /// Of which bites.
        of: Vec<BiteId>,
    },
    /// At least this many ECTS credits from the bites taken.
    MinEcts {
        /// The minimum.
        min_ects: f64,
    },
}

impl OpenModule {
    /// Whether bites taken meet this rule: `has` says whether a bite is
    /// among them, `ects` is their credits.
    pub fn met_by(&self, has: impl Fn(&BiteId) -> bool, ects: f64) -> bool {
        match self {
            Self::AllOf { bite } => has(bite),
            Self::NOf { n, of } => {
                let mut distinct: Vec<&BiteId> = of.iter().collect();
                distinct.sort();
                distinct.dedup();
                distinct.into_iter().filter(|id| has(id)).count() as u32 >= *n
            }
            Self::MinEcts { min_ects } => ects + 1e-9 >= *min_ects,
        }
    }
}

/// The gap between a learner and a goal.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Gap {
    /// Competences not yet met.
    pub items: Vec<GapItem>,
    /// Module rules still open.
    pub open_modules: Vec<OpenModule>,
}

impl Gap {
    /// Whether the learner meets everything.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.open_modules.is_empty()
    }
}

/// The gap between `learner` and `goal` (coverage rule 1).
pub fn gap(goal: &Goal, learner: &Learner, hierarchy: &dyn Hierarchy) -> Gap {
    gap_in(goal, learner, hierarchy, "en")
}

/// The gap, with labels in `lang`.
pub fn gap_in(goal: &Goal, learner: &Learner, hierarchy: &dyn Hierarchy, lang: &str) -> Gap {
    let mut items: Vec<GapItem> = Vec::new();
    for required in dedupe_requirements(&goal.competences) {
        let held = held_level(learner, hierarchy, &required.skill);
        if held >= required.level.get() {
            continue;
        }
        let (label, label_lang) = label_with_lang(hierarchy, &required.skill, lang);
        items.push(GapItem {
            label,
            label_lang,
            skill: required.skill.clone(),
            required_level: required.level.get(),
            held_level: held,
            demand: None,
            demand_missing: None,
        });
    }
    Gap {
        items,
        open_modules: open_modules(goal),
    }
}

/// The goal's module rules, all open: a profile holds no bites.
pub(super) fn open_modules(goal: &Goal) -> Vec<OpenModule> {
    let mut open_modules: Vec<OpenModule> = goal
        .all_of
        .iter()
        .map(|bite| OpenModule::AllOf { bite: bite.clone() })
        .collect();
    open_modules.extend(
        goal.n_of
            .iter()
            .filter(|rule| rule.n > 0)
            .map(|rule| OpenModule::NOf {
                n: rule.n,
                of: rule.of.clone(),
            }),
    );
    if goal.min_ects > 0.0 {
        open_modules.push(OpenModule::MinEcts {
            min_ects: goal.min_ects,
        });
    }
    open_modules
}

/// The requirements with one entry per skill, at the highest level asked.
pub(super) fn dedupe_requirements(competences: &[Competence]) -> Vec<Competence> {
    let mut out: Vec<Competence> = Vec::new();
    for c in competences {
        match out.iter_mut().find(|o| o.skill == c.skill) {
            Some(o) => o.level = o.level.max(c.level),
            None => out.push(c.clone()),
        }
    }
    out
}

/// The best level the learner holds on `skill` or a narrower skill; 0 if none.
fn held_level(learner: &Learner, hierarchy: &dyn Hierarchy, skill: &SkillUri) -> u8 {
    learner
        .competences
        .iter()
        .filter(|held| hierarchy.covers(&held.skill, skill))
        .map(|held| held.level.get())
        .max()
        .unwrap_or(0)
}

/// A skill's label in `lang` (or a fallback) with the language it is in;
/// the URI and no language when the skill is unknown.
pub(super) fn label_with_lang(
    hierarchy: &dyn Hierarchy,
    skill: &SkillUri,
    lang: &str,
) -> (String, String) {
    hierarchy
        .label_with_lang(skill, lang)
        .unwrap_or_else(|| (skill.to_string(), String::new()))
}

pub(super) fn label_of(hierarchy: &dyn Hierarchy, skill: &SkillUri, lang: &str) -> String {
    hierarchy
        .label(skill, lang)
        .unwrap_or_else(|| skill.to_string())
}
