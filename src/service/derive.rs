//! What the search index and the bite search need from the taxonomy,
//! made from it as plain data: skill labels to index, the occupation names
//! a query may contain, and the narrower-skill expansion of skill filters.
//! Pure functions of the taxonomy; [`super::Data`] keeps what it makes.

use crate::domain::SkillUri;
use crate::index::{self, LabelKind, SkillLabel};
use crate::taxonomy::{ConceptKind, Taxonomy};

/// Every label of every skill, in every loaded language, for the skill
/// lookup index and the bites' outcome text.
pub fn skill_labels(taxonomy: &Taxonomy) -> Vec<SkillLabel> {
    let mut labels = Vec::new();
    for skill in taxonomy.skills() {
        if skill.kind() != ConceptKind::Skill {
            continue;
        }
        let uri = skill.skill_uri();
        for (lang, set) in skill.all_labels() {
            let mut push = |label: &str, kind: LabelKind| {
                if !label.trim().is_empty() {
                    labels.push(SkillLabel {
                        uri: uri.clone(),
                        lang: lang.to_string(),
                        label: label.to_string(),
                        kind,
                    });
                }
            };
            push(&set.preferred, LabelKind::Preferred);
            for alt in &set.alt {
                push(alt, LabelKind::Alt);
            }
            for hidden in &set.hidden {
                push(hidden, LabelKind::Hidden);
            }
        }
    }
    labels
}

/// The occupation names and essential skills the bite search recognises
/// occupations in queries with (`BiteIndex::search_recognising`): every
/// occupation's labels, and the names of the ISCO-08 unit groups in their
/// languages (the only Russian names ESCO occupations have).
pub fn occupations(taxonomy: &Taxonomy) -> index::Occupations {
    let mut groups: std::collections::BTreeMap<String, index::GroupNames> = Default::default();
    let occupations: Vec<index::OccupationNames> = taxonomy
        .occupations()
        .map(|occupation| {
            let mut labels = Vec::new();
            for (lang, set) in occupation.all_labels() {
                for label in std::iter::once(&set.preferred).chain(&set.alt) {
                    if !label.trim().is_empty() {
                        labels.push((lang.to_string(), label.clone()));
                    }
                }
            }
            let group = occupation.isco_group();
            if let Some(group) = group {
                groups
                    .entry(group.code().to_string())
                    .or_insert_with(|| index::GroupNames {
                        code: group.code().to_string(),
                        labels: group
                            .all_labels()
                            .flat_map(|(lang, set)| {
                                std::iter::once(&set.preferred)
                                    .chain(&set.alt)
                                    .filter(|l| !l.trim().is_empty())
                                    .map(move |l| (lang.to_string(), l.clone()))
                            })
                            .collect(),
                    });
            }
            index::OccupationNames {
                uri: occupation.uri().to_string(),
                labels,
                group: group.map(|g| g.code().to_string()),
                essential_skills: occupation
                    .essential_skills()
                    .into_iter()
                    .filter(|s| s.kind() == ConceptKind::Skill)
                    .map(|s| s.uri().to_string())
                    .collect(),
            }
        })
        .collect();
    let groups: Vec<index::GroupNames> = groups.into_values().collect();
    index::Occupations::new(&occupations, &groups)
}

/// The narrower-skill expansion the bite search uses for skill filters.
pub fn narrower_expansion(taxonomy: &Taxonomy) -> impl Fn(&SkillUri) -> Vec<SkillUri> + '_ {
    move |skill: &SkillUri| {
        std::iter::once(skill.clone())
            .chain(
                taxonomy
                    .narrower_closure(skill.as_str())
                    .into_iter()
                    .filter(|s| s.kind() == ConceptKind::Skill)
                    .map(|s| s.skill_uri()),
            )
            .collect()
    }
}
