//! Which goal does a request name? Resolving a [`Target`] into a planner
//! [`Goal`] against the catalogue and the taxonomy, and checking that every
//! id a request names exists, so an unknown one is reported with all the
//! others, never silently ignored.
//!
//! Pure: takes loaded data, returns data.

use crate::catalogue::Catalogue;
use crate::domain::{Competence, Learner, LocalizedText, Target};
use crate::planner::{Goal, GoalKind};
use crate::taxonomy::Taxonomy;

/// The most competences a learner or a skills target may list.
pub const MAX_COMPETENCES: usize = 500;

/// Why a target or profile cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GoalError {
    /// Ids that name nothing known.
    #[error("unknown {what}: {}", ids.join(", "))]
    Unknown {
        /// `skill`, `qualification` or `occupation`.
        what: &'static str,
        /// The ids.
        ids: Vec<String>,
    },
    /// A list is longer than allowed.
    #[error("{field} has {count} entries; at most {max} are allowed")]
    TooMany {
        /// The field.
        field: &'static str,
        /// How many were given.
        count: usize,
        /// The limit.
        max: usize,
    },
}

/// Resolves `target` into a goal. An occupation's essential skills become
/// requirements at level 1.
pub fn resolve(
    target: &Target,
    catalogue: &Catalogue,
    taxonomy: &Taxonomy,
) -> Result<Goal, GoalError> {
    match target {
        Target::Qualification(id) => catalogue
            .qualification(id.as_str())
            .map(Goal::from_qualification)
            .ok_or_else(|| GoalError::Unknown {
                what: "qualification",
                ids: vec![id.to_string()],
            }),
        Target::Occupation(uri) => {
            let occupation =
                taxonomy
                    .occupation(uri.as_str())
                    .ok_or_else(|| GoalError::Unknown {
                        what: "occupation",
                        ids: vec![uri.to_string()],
                    })?;
            let competences = occupation
                .essential_skills()
                .into_iter()
                .map(|skill| Competence {
                    skill: skill.skill_uri(),
                    level: Default::default(),
                })
                .collect();
            let label = LocalizedText(
                occupation
                    .all_labels()
                    .map(|(lang, labels)| (lang.clone(), labels.preferred.clone()))
                    .collect(),
            );
            Ok(Goal::from_competences(
                competences,
                label,
                GoalKind::Occupation,
            ))
        }
        Target::Skills(competences) => {
            check_count("target.skills", competences.len())?;
            check_skills(competences.iter().map(|c| c.skill.as_str()), taxonomy)?;
            Ok(Goal::from_competences(
                competences.clone(),
                LocalizedText::from_pairs(&[
                    ("en", "the chosen skills"),
                    ("et", "valitud oskused"),
                    ("ru", "выбранные навыки"),
                ]),
                GoalKind::Skills,
            ))
        }
    }
}

/// Checks that every skill the learner holds exists and the list is not too long.
pub fn check_learner(learner: &Learner, taxonomy: &Taxonomy) -> Result<(), GoalError> {
    check_count("learner.competences", learner.competences.len())?;
    check_skills(
        learner.competences.iter().map(|c| c.skill.as_str()),
        taxonomy,
    )
}

fn check_count(field: &'static str, count: usize) -> Result<(), GoalError> {
    if count > MAX_COMPETENCES {
        Err(GoalError::TooMany {
            field,
            count,
            max: MAX_COMPETENCES,
        })
    } else {
        Ok(())
    }
}

fn check_skills<'a>(
    skills: impl Iterator<Item = &'a str>,
    taxonomy: &Taxonomy,
) -> Result<(), GoalError> {
    let mut unknown: Vec<String> = skills
        .filter(|uri| !taxonomy.contains_skill(uri))
        .map(str::to_string)
        .collect();
    unknown.sort();
    unknown.dedup();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(GoalError::Unknown {
            what: "skill",
            ids: unknown,
        })
    }
}
