//! What must the learner meet?
//!
//! A [`Goal`]: the competences, module rules and ECTS minimum a target
//! (a micro-qualification, an occupation's essential skills or a list of
//! competences) was resolved into, with its name and [`GoalKind`] for
//! explanations.
//!
//! It must never resolve a target itself (that is `crate::goal`'s) nor
//! look at a learner.

use serde::{Deserialize, Serialize};

use crate::domain::{BiteId, Competence, LocalizedText, NOf, Qualification};

/// What kind of target a goal was resolved from; used in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum GoalKind {
    /// A micro-qualification.
    Qualification,
    /// An occupation's essential skills.
    Occupation,
    /// A list of competences.
    Skills,
}

/// A resolved target: everything the learner must meet.
///
/// The caller resolves `Target::Qualification` from the catalogue
/// ([`Goal::from_qualification`]) and `Target::Occupation` into its essential
/// skills at level 1 ([`Goal::from_competences`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// Required competences, all of them.
    pub competences: Vec<Competence>,
    /// Bites that must all be in the path.
    pub all_of: Vec<BiteId>,
    /// Choice rules: at least `n` of each list.
    pub n_of: Vec<NOf>,
    /// Minimum total ECTS of the bites in the path (held competences do not
    /// count: a profile says what a person can do, not which credits they hold).
    pub min_ects: f64,
    /// The goal's name, for explanations.
    pub label: LocalizedText,
    /// What the goal was resolved from.
    pub kind: GoalKind,
}

impl Goal {
    /// The goal of earning `qualification`.
    pub fn from_qualification(qualification: &Qualification) -> Self {
        Self {
            competences: qualification.requires.competences.clone(),
            all_of: qualification.requires.all_of.clone(),
            n_of: qualification.requires.n_of.clone(),
            min_ects: qualification.min_ects.max(0.0),
            label: qualification.title.clone(),
            kind: GoalKind::Qualification,
        }
    }

    /// The goal of holding `competences` (an occupation's essential skills,
    /// or a list the learner gave).
    pub fn from_competences(
        competences: Vec<Competence>,
        label: LocalizedText,
        kind: GoalKind,
    ) -> Self {
        Self {
            competences,
            all_of: Vec::new(),
            n_of: Vec::new(),
            min_ects: 0.0,
            label,
            kind,
        }
    }
}
