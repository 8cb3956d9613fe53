//! Loading a data folder: the catalogue, the taxonomy, the demand (with
//! the feeds' last snapshots, as the server uses them) and the models into
//! one [`Data`] ([`load_without_index`], for the command line's use cases),
//! and with the index into one [`Served`] ([`load`]), building the index
//! when there is none (a fresh clone) or it is stale (the catalogue or the
//! taxonomy changed since it was built).
//!
//! This is IO at start and on reload only; requests never read files.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;

use super::derive::skill_labels;
use super::served::{Data, Served};
use crate::catalogue::{self, Catalogue};
use crate::config::Config;
use crate::index::{self, BuildProgress, BuildReport, IndexDir, OpenIndex, SkillLabel};
use crate::taxonomy::Taxonomy;

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

/// Loads the catalogue, taxonomy, demand and models of `config`'s
/// folders: what every use case but search reads.
pub fn load_without_index(config: &Config) -> anyhow::Result<Data> {
    let (taxonomy, catalogue) = load_data(&config.data_dir)?;
    data_with(config, taxonomy, catalogue)
}

fn data_with(config: &Config, taxonomy: Taxonomy, catalogue: Catalogue) -> anyhow::Result<Data> {
    let demand = crate::demand::feed::load_demand(
        &config.data_dir,
        &config.models_dir,
        &config.demand,
        &taxonomy,
    )
    .context("cannot load the demand signals and forecasts")?;
    let models = crate::ml::Models::load(&config.models_dir)
        .with_context(|| format!("cannot load the models in {}", config.models_dir.display()))?;
    Ok(Data::new(
        Arc::new(catalogue),
        Arc::new(taxonomy),
        Arc::new(demand),
        models,
    ))
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
    let data = data_with(config, taxonomy, catalogue)?;
    Ok(Served::new(data, Arc::new(open), config.cache_entries))
}
