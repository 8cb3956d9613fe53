//! Which goal does a request name? Resolving a [`Target`] into a planner
//! [`Goal`] against the catalogue and the taxonomy, and checking that every
//! id a request names exists, so an unknown one is reported with all the
//! others, never silently ignored.
//!
//! Pure: takes loaded data, returns data.

use chrono::NaiveDate;

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
    /// A value is out of its range (negative hours, reversed dates).
    #[error("{field}: {message}")]
    Invalid {
        /// The field, as a path in the learner profile.
        field: &'static str,
        /// What is wrong.
        message: String,
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
    check_spoken_languages(learner)?;
    check_constraints(&learner.constraints)?;
    check_skills(
        learner.competences.iter().map(|c| c.skill.as_str()),
        taxonomy,
    )
}

/// The most languages a learner may say they speak.
pub const MAX_SPOKEN_LANGUAGES: usize = 20;

/// The English names ESCO's language skills use, by ISO 639-1 code: the
/// languages of Estonia's learners and its neighbours, and the EU's
/// largest. ESCO names each language's skills "{name}" (the knowledge),
/// "understand spoken {name}", "understand written {name}", "interact
/// verbally in {name}" and "write {name}".
const LANGUAGE_NAMES: [(&str, &str); 20] = [
    ("et", "Estonian"),
    ("ru", "Russian"),
    ("en", "English"),
    ("fi", "Finnish"),
    ("uk", "Ukrainian"),
    ("lv", "Latvian"),
    ("lt", "Lithuanian"),
    ("be", "Belarusian"),
    ("pl", "Polish"),
    ("de", "German"),
    ("sv", "Swedish"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
    ("da", "Danish"),
    ("no", "Norwegian"),
    ("cs", "Czech"),
    ("hu", "Hungarian"),
];

/// The ESCO skills a spoken language meets, found by their English labels
/// (none for a language not in the table, or a taxonomy without them).
pub fn language_skills<'a>(code: &str, taxonomy: &'a Taxonomy) -> Vec<&'a str> {
    let Some((_, name)) = LANGUAGE_NAMES.iter().find(|(c, _)| *c == code) else {
        return Vec::new();
    };
    let names = [
        name.to_string(),
        format!("understand spoken {name}"),
        format!("understand written {name}"),
        format!("interact verbally in {name}"),
        format!("write {name}"),
    ];
    taxonomy
        .skills()
        .filter(|skill| {
            skill
                .labels("en")
                .is_some_and(|labels| names.contains(&labels.preferred))
        })
        .map(|skill| skill.uri())
        .collect()
}

/// The learner with each spoken language's ESCO skills added as held
/// competences at the level its CEFR level meets (DESIGN.md §2: a spoken
/// language meets the matching language-skill requirements), so the gap,
/// the planner and the recommendations need not know of spoken languages.
pub fn with_spoken_languages<'a>(
    learner: &'a Learner,
    taxonomy: &Taxonomy,
) -> std::borrow::Cow<'a, Learner> {
    if learner.spoken_languages.is_empty() {
        return std::borrow::Cow::Borrowed(learner);
    }
    let mut speaking = learner.clone();
    for spoken in &learner.spoken_languages {
        for uri in language_skills(spoken.language.as_str(), taxonomy) {
            if let Ok(skill) = crate::domain::SkillUri::new(uri) {
                speaking.competences.push(crate::domain::HeldCompetence {
                    skill,
                    level: spoken.level.proficiency(),
                    evidence: None,
                });
            }
        }
    }
    std::borrow::Cow::Owned(speaking)
}

fn check_spoken_languages(learner: &Learner) -> Result<(), GoalError> {
    let spoken = &learner.spoken_languages;
    if spoken.len() > MAX_SPOKEN_LANGUAGES {
        return Err(GoalError::TooMany {
            field: "learner.spoken_languages",
            count: spoken.len(),
            max: MAX_SPOKEN_LANGUAGES,
        });
    }
    for (i, language) in spoken.iter().enumerate() {
        if spoken[..i].iter().any(|l| l.language == language.language) {
            return Err(GoalError::Invalid {
                field: "learner.spoken_languages",
                message: format!("{} is listed twice", language.language),
            });
        }
    }
    Ok(())
}

/// The most hours in a week.
const HOURS_IN_A_WEEK: f64 = 168.0;

/// The fewest study hours per week a learner may ask for: half an hour.
/// Fewer would make a course last centuries (and overflow date arithmetic).
pub const MIN_HOURS_PER_WEEK: f64 = 0.5;

/// The first day a request may name (planning day, start, finish).
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(2000, 1, 1).expect("a day");

/// The last day a request may name: far beyond any plan, near enough that
/// adding a path's weeks to it never overflows a date.
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(2100, 12, 31).expect("a day");

/// Checks that `day` (the request field `field`) lies between
/// [`FIRST_DAY`] and [`LAST_DAY`].
pub fn check_day(field: &'static str, day: NaiveDate) -> Result<(), GoalError> {
    if (FIRST_DAY..=LAST_DAY).contains(&day) {
        Ok(())
    } else {
        Err(GoalError::Invalid {
            field,
            message: format!("{day} is outside {FIRST_DAY}–{LAST_DAY}"),
        })
    }
}

fn check_constraints(constraints: &crate::domain::Constraints) -> Result<(), GoalError> {
    let invalid = |field, message: String| Err(GoalError::Invalid { field, message });
    if let Some(hours) = constraints.max_hours_per_week
        && !((MIN_HOURS_PER_WEEK..=HOURS_IN_A_WEEK).contains(&hours))
    {
        return invalid(
            "learner.constraints.max_hours_per_week",
            format!("must be {MIN_HOURS_PER_WEEK}–{HOURS_IN_A_WEEK}, got {hours}"),
        );
    }
    if let Some(start) = constraints.start_after {
        check_day("learner.constraints.start_after", start)?;
    }
    if let Some(finish) = constraints.finish_by {
        check_day("learner.constraints.finish_by", finish)?;
    }
    if let Some(budget) = constraints.budget_eur
        && !(budget.is_finite() && budget >= 0.0)
    {
        return invalid(
            "learner.constraints.budget_eur",
            format!("must be 0 or more, got {budget}"),
        );
    }
    if let (Some(start), Some(finish)) = (constraints.start_after, constraints.finish_by)
        && start > finish
    {
        return invalid(
            "learner.constraints.finish_by",
            format!("{finish} is before start_after {start}"),
        );
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Constraints;

    fn field_of(constraints: Constraints) -> Option<&'static str> {
        match check_constraints(&constraints) {
            Ok(()) => None,
            Err(GoalError::Invalid { field, .. }) => Some(field),
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn constraints_out_of_range_name_their_field() {
        let hours = |h: f64| Constraints {
            max_hours_per_week: Some(h),
            ..Constraints::default()
        };
        assert_eq!(field_of(hours(10.0)), None);
        assert_eq!(field_of(hours(168.0)), None);
        assert_eq!(field_of(hours(0.5)), None);
        for bad in [0.0, 1e-300, 0.49, -5.0, 169.0, f64::INFINITY, f64::NAN] {
            assert_eq!(
                field_of(hours(bad)),
                Some("learner.constraints.max_hours_per_week"),
                "{bad}"
            );
        }
        let budget = |b: f64| Constraints {
            budget_eur: Some(b),
            ..Constraints::default()
        };
        assert_eq!(field_of(budget(0.0)), None);
        assert_eq!(
            field_of(budget(-1.0)),
            Some("learner.constraints.budget_eur")
        );
        let day = |s: &str| s.parse().unwrap();
        let dates = Constraints {
            start_after: Some(day("2027-12-31")),
            finish_by: Some(day("2027-01-01")),
            ..Constraints::default()
        };
        assert_eq!(field_of(dates), Some("learner.constraints.finish_by"));
        let far = Constraints {
            finish_by: Some(NaiveDate::MAX),
            ..Constraints::default()
        };
        assert_eq!(field_of(far), Some("learner.constraints.finish_by"));
        let early = Constraints {
            start_after: Some(day("1999-12-31")),
            ..Constraints::default()
        };
        assert_eq!(field_of(early), Some("learner.constraints.start_after"));
    }

    #[test]
    fn cefr_levels_meet_proficiency_levels() {
        use crate::domain::Cefr;
        let levels: Vec<u8> = [Cefr::A1, Cefr::A2, Cefr::B1, Cefr::B2, Cefr::C1, Cefr::C2]
            .iter()
            .map(|c| c.proficiency().get())
            .collect();
        assert_eq!(levels, [1, 1, 2, 2, 3, 4]);
        let parsed: crate::domain::SpokenLanguage =
            serde_json::from_str(r#"{"language": "et", "level": "B2"}"#).unwrap();
        assert_eq!(parsed.level, Cefr::B2);
        assert!(
            serde_json::from_str::<crate::domain::SpokenLanguage>(
                r#"{"language": "et", "level": "b2"}"#
            )
            .is_err()
        );
    }
}
