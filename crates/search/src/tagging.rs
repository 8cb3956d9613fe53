//! Which ESCO skill does a bite's outcome text name? Tagging of free-text
//! outcomes at import (`import catalogue --tag-outcomes`): each text of a
//! bite that has no ESCO outcome is looked up in the skill-label index, and
//! the best match at or above [`DEFAULT_TAG_THRESHOLD`] becomes a level-1
//! outcome. A bite left without any outcome gets a problem, so it fails
//! validation like any other bad row.
//!
//! No IO: the caller reads the files and prints the report.

use crate::index::{DEFAULT_TAG_THRESHOLD, IndexError, SkillIndex};
use oppepala_core::catalogue::{Problem, Sourced};
use oppepala_core::domain::{Bite, Competence, Level, SkillUri};
use oppepala_core::taxonomy::Taxonomy;

/// One outcome text that was tagged.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged {
    /// The file of the bite.
    pub file: String,
    /// The bite's line.
    pub line: usize,
    /// The outcome text.
    pub text: String,
    /// The skill it names.
    pub skill: SkillUri,
    /// The skill's English (else any) preferred label.
    pub label: String,
    /// The share of the label's words found in the text (0–1).
    pub score: f32,
}

impl std::fmt::Display for Tagged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {:?} → {} ({}), {:.2}",
            self.file,
            self.line,
            self.text,
            self.skill.as_str(),
            self.label,
            self.score
        )
    }
}

/// One outcome text that no skill matched well enough.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untagged {
    /// The file of the bite.
    pub file: String,
    /// The bite's line.
    pub line: usize,
    /// The outcome text.
    pub text: String,
}

impl std::fmt::Display for Untagged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {:?}", self.file, self.line, self.text)
    }
}

/// What [`tag_outcomes`] did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TagReport {
    /// Texts given a skill, in input order.
    pub tagged: Vec<Tagged>,
    /// Texts left without one, in input order.
    pub untagged: Vec<Untagged>,
    /// One `outcome_texts` problem per bite that still has no ESCO outcome.
    pub problems: Vec<Problem>,
    /// The positions (in the input) of those bites.
    pub bad_bites: Vec<usize>,
}

/// Tags the outcome texts of every bite whose `outcomes` are empty, adding
/// a level-1 outcome per distinct skill found; the texts stay as they are.
/// Bites that already have ESCO outcomes are not touched.
pub fn tag_outcomes(
    bites: &mut [Sourced<Bite>],
    skills: &SkillIndex,
    taxonomy: &Taxonomy,
) -> Result<TagReport, IndexError> {
    let mut report = TagReport::default();
    for (index, sourced) in bites.iter_mut().enumerate() {
        let bite = &mut sourced.value;
        if !bite.outcomes.is_empty() || bite.outcome_texts.is_empty() {
            continue;
        }
        for text in &bite.outcome_texts {
            match skills.tag_outcome(text)? {
                Some((skill, score)) if taxonomy.contains_skill(skill.as_str()) => {
                    let label = taxonomy
                        .skill(skill.as_str())
                        .and_then(|s| s.label("en"))
                        .unwrap_or("")
                        .to_string();
                    if !bite.outcomes.iter().any(|c| c.skill == skill) {
                        bite.outcomes.push(Competence {
                            skill: skill.clone(),
                            level: Level::MIN,
                        });
                    }
                    report.tagged.push(Tagged {
                        file: sourced.file.clone(),
                        line: sourced.line,
                        text: text.clone(),
                        skill,
                        label,
                        score,
                    });
                }
                _ => report.untagged.push(Untagged {
                    file: sourced.file.clone(),
                    line: sourced.line,
                    text: text.clone(),
                }),
            }
        }
        if bite.outcomes.is_empty() {
            report.bad_bites.push(index);
            report.problems.push(Problem {
                file: sourced.file.clone(),
                line: sourced.line,
                field: "outcome_texts".into(),
                message: format!(
                    "no ESCO skill matches any outcome text well enough (threshold {DEFAULT_TAG_THRESHOLD}); give `outcomes` as ESCO URIs"
                ),
            });
        }
    }
    Ok(report)
}
