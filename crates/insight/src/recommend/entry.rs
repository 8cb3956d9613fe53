//! Which first steps suit a low-qualified learner (ISCED 0–2)? Short, free
//! after funding, entry level, and startable with what they hold.

use oppepala_core::domain::{Bite, Learner, SkillUri};
use oppepala_core::planner::Hierarchy;
use oppepala_core::taxonomy::Taxonomy;

use super::prepared::LearnerView;

/// The longest first step offered to a learner with ISCED 0–2.
pub const ENTRY_MAX_HOURS: f64 = 40.0;

/// Whether a learner counts as low-qualified (ISCED 0–2).
pub fn is_low_qualified(learner: &Learner) -> bool {
    learner.education.is_some_and(|e| e.get() <= 2)
}

fn meets(learner: &Learner, taxonomy: &Taxonomy, skill: &SkillUri, level: u8) -> bool {
    learner
        .competences
        .iter()
        .any(|c| c.level.get() >= level && Hierarchy::covers(taxonomy, &c.skill, skill))
}

/// Whether `bite` is an entry step for a low-qualified learner: at most
/// 40 hours, free after the learner's funding, entry level (EQF ≤ 3), no
/// prerequisites the learner lacks (languages were filtered already).
pub fn is_entry_step(bite: &Bite, learner: &Learner, taxonomy: &Taxonomy) -> bool {
    entry_level_and_free(bite, learner)
        && bite
            .prerequisites
            .iter()
            .all(|p| meets(learner, taxonomy, &p.skill, p.level.get()))
}

/// [`is_entry_step`] through a prepared learner view.
pub(super) fn entry_step(bite: &Bite, learner: &Learner, view: &LearnerView<'_>) -> bool {
    entry_level_and_free(bite, learner)
        && bite
            .prerequisites
            .iter()
            .all(|p| view.meets(p.skill.as_str(), p.level.get()))
}

fn entry_level_and_free(bite: &Bite, learner: &Learner) -> bool {
    bite.hours <= ENTRY_MAX_HOURS
        && bite.cost_for(&learner.constraints.funding) <= 0.0
        && bite.eqf_level.get() <= 3
}
