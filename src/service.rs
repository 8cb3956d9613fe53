//! What does the running service hold? Loading the data folder (and, once
//! built, the index and models) into one [`crate::api::Served`] value.
//!
//! This is IO at start and on reload only; requests never read files.

use std::sync::Arc;

use anyhow::Context;

use crate::api::Served;
use crate::catalogue;
use crate::config::Config;
use crate::taxonomy::Taxonomy;

/// Loads everything the service serves from `config`'s folders.
pub fn load(config: &Config) -> anyhow::Result<Served> {
    let taxonomy_path = config.data_dir.join("taxonomy.bin");
    let taxonomy = Taxonomy::load(&taxonomy_path)
        .with_context(|| format!("cannot load the taxonomy {}", taxonomy_path.display()))?;
    let (catalogue, _) =
        catalogue::load_dir(&config.data_dir, &|uri| taxonomy.contains_skill(uri), false)
            .with_context(|| {
                format!("cannot load the catalogue in {}", config.data_dir.display())
            })?;
    Ok(Served {
        generation: 0,
        catalogue: Arc::new(catalogue),
        taxonomy: Arc::new(taxonomy),
    })
}
