//! Where every command finds its folders and settings: one way for all of
//! them, so `oppepala plan` reads the same data, demand and models as
//! `oppepala serve`. The configuration file (`--config`) < `OPPEPALA_*`
//! environment variables < flags, resolved into one [`Config`] whose
//! defaults are the only defaults.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use crate::config::Config;

/// The configuration file and the folders, flattened into each command.
#[derive(Debug, Clone, Default, Args)]
pub struct Folders {
    /// A TOML configuration file (keys as in README; unknown keys are refused).
    #[arg(long, env = "OPPEPALA_CONFIG")]
    pub config: Option<PathBuf>,
    /// The data folder: taxonomy.bin, bites.jsonl, qualifications.jsonl,
    /// demand/ [default: data, or data_dir / OPPEPALA_DATA_DIR].
    #[arg(long, alias = "catalogue")]
    pub data_dir: Option<PathBuf>,
    /// Where index generations live [default: index, or index_dir /
    /// OPPEPALA_INDEX_DIR].
    #[arg(long)]
    pub index_dir: Option<PathBuf>,
    /// Where model files live [default: models, or models_dir /
    /// OPPEPALA_MODELS_DIR].
    #[arg(long)]
    pub models_dir: Option<PathBuf>,
}

impl Folders {
    /// The configuration: file < environment < these flags.
    pub fn resolve(&self) -> anyhow::Result<Config> {
        let env: BTreeMap<String, String> = std::env::vars().collect();
        self.resolve_with(&env)
    }

    /// [`Folders::resolve`] with `env` for the process environment.
    pub fn resolve_with(&self, env: &BTreeMap<String, String>) -> anyhow::Result<Config> {
        let text = match &self.config {
            Some(path) => std::fs::read_to_string(path).with_context(|| {
                format!("cannot read the configuration file {}", path.display())
            })?,
            None => String::new(),
        };
        let mut config = Config::load(&text, env)?;
        if let Some(dir) = &self.data_dir {
            config.data_dir.clone_from(dir);
        }
        if let Some(dir) = &self.index_dir {
            config.index_dir.clone_from(dir);
        }
        if let Some(dir) = &self.models_dir {
            config.models_dir.clone_from(dir);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_the_environment_which_beats_the_defaults() {
        let env = BTreeMap::from([
            ("OPPEPALA_DATA_DIR".to_string(), "/env/data".to_string()),
            ("OPPEPALA_MODELS_DIR".to_string(), "/env/models".to_string()),
        ]);
        let folders = Folders {
            data_dir: Some("/flag/data".into()),
            ..Folders::default()
        };
        let config = folders.resolve_with(&env).unwrap();
        assert_eq!(config.data_dir, PathBuf::from("/flag/data"));
        assert_eq!(config.models_dir, PathBuf::from("/env/models"));
        assert_eq!(config.index_dir, Config::default().index_dir);
    }

    #[test]
    fn an_unknown_variable_is_refused_by_every_command() {
        let env = BTreeMap::from([("OPPEPALA_DATA_DOR".to_string(), "x".to_string())]);
        let error = Folders::default().resolve_with(&env).unwrap_err();
        assert!(
            format!("{error:#}").contains("OPPEPALA_DATA_DOR"),
            "{error:#}"
        );
    }
}
