//! What does the running service hold? Loading the data folder (and, once
//! built, the index and models) into one [`crate::api::Served`] value.
//!
//! This is IO at start and on reload only; requests never read files.

use std::sync::Arc;

use anyhow::Context;

use crate::api::Served;
use crate::catalogue;
use crate::config::Config;

/// Loads everything the service serves from `config`'s folders.
pub fn load(config: &Config) -> anyhow::Result<Served> {
    let (catalogue, problems) = catalogue::load_dir(&config.data_dir, &|_| true, false)
        .with_context(|| format!("cannot load the catalogue in {}", config.data_dir.display()))?;
    debug_assert!(problems.is_empty());
    Ok(Served {
        generation: 0,
        catalogue: Arc::new(catalogue),
    })
}
