//! What does the running service hold? Loading the data folder and the
//! index into one [`crate::api::Served`] value, and building the index
//! when there is none (a fresh clone) or it is stale (the catalogue or the
//! taxonomy changed since it was built).
//!
//! This is IO at start and on reload only; requests never read files.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;

use crate::api::Served;
use crate::catalogue::{self, Catalogue};
use crate::config::Config;
use crate::domain::SkillUri;
use crate::index::{self, BuildProgress, BuildReport, IndexDir, LabelKind, OpenIndex, SkillLabel};
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

/// Loads the taxonomy and catalogue of `data_dir`, validated.
pub fn load_data(data_dir: &Path) -> anyhow::Result<(Taxonomy, Catalogue)> {
    let taxonomy_path = data_dir.join("taxonomy.bin");
    let taxonomy = Taxonomy::load(&taxonomy_path)
        .with_context(|| format!("cannot load the taxonomy {}", taxonomy_path.display()))?;
    let (catalogue, _) = catalogue::load_dir(data_dir, &|uri| taxonomy.contains_skill(uri), false)
        .with_context(|| format!("cannot load the catalogue in {}", data_dir.display()))?;
    Ok((taxonomy, catalogue))
}

/// Builds a new index generation from the catalogue and taxonomy.
pub fn build_index(
    index_dir: &Path,
    catalogue: &Catalogue,
    taxonomy: &Taxonomy,
    progress: impl FnMut(&BuildProgress) -> ControlFlow<()>,
) -> anyhow::Result<BuildReport> {
    build_index_with(index_dir, catalogue, skill_labels(taxonomy), progress)
}

/// Builds a new index generation from the catalogue and skill labels made already.
fn build_index_with(
    index_dir: &Path,
    catalogue: &Catalogue,
    labels: Vec<SkillLabel>,
    progress: impl FnMut(&BuildProgress) -> ControlFlow<()>,
) -> anyhow::Result<BuildReport> {
    index::build(index_dir, catalogue.bites(), labels, progress)
        .with_context(|| format!("cannot build the index in {}", index_dir.display()))
}

/// Whether `open` was built from this catalogue and taxonomy (by counts:
/// an import changes the number of bites, a new taxonomy its labels).
fn is_current(open: &OpenIndex, catalogue: &Catalogue, n_labels: usize) -> bool {
    open.manifest.n_bites == catalogue.bites().len() as u64
        && open.manifest.n_skill_labels == n_labels as u64
}

/// Loads everything the service serves from `config`'s folders, building
/// the index first when there is none or it does not match the data.
pub fn load(config: &Config) -> anyhow::Result<Served> {
    let (taxonomy, catalogue) = load_data(&config.data_dir)?;
    let dir = IndexDir::new(&config.index_dir);
    // The labels are made once: counted to tell whether the index is
    // current, and indexed when it is not.
    let labels = skill_labels(&taxonomy);
    let open = match dir.open() {
        Ok(open) if is_current(&open, &catalogue, labels.len()) => open,
        Ok(_) | Err(index::IndexError::NoIndex { .. }) => {
            tracing::info!(index.dir = %config.index_dir.display(), "building the index (none yet, or the data changed)");
            let report = build_index_with(&config.index_dir, &catalogue, labels, |_| {
                ControlFlow::Continue(())
            })?;
            tracing::info!(
                index.generation = report.generation,
                duration_ms = report.elapsed.as_millis() as u64,
                "index built"
            );
            dir.open().context("cannot open the index just built")?
        }
        Err(error) => {
            return Err(error).with_context(|| {
                format!("cannot open the index in {}", config.index_dir.display())
            });
        }
    };
    let demand = crate::demand::feed::load_demand(
        &config.data_dir,
        &config.models_dir,
        &config.demand,
        &taxonomy,
    )
    .context("cannot load the demand signals and forecasts")?;
    let models = crate::ml::Models::load(&config.models_dir)
        .with_context(|| format!("cannot load the models in {}", config.models_dir.display()))?;
    Ok(Served {
        demand: Arc::new(demand),
        models,
        generation: open.manifest.generation,
        catalogue: Arc::new(catalogue),
        taxonomy: Arc::new(taxonomy),
        index: Arc::new(open),
        preparations: Arc::default(),
    })
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
