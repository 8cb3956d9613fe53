//! Which models are in service: [`Models`], loaded from `models/` at
//! start and on reload (a missing file means that model's fallback).

use std::path::Path;
use std::sync::Arc;

/// The models in service: loaded at start and on reload, swapped with the
/// rest of the served data (`service::Served` in the server).
#[derive(Clone, Debug)]
pub struct Models {
    /// The skill space (empty when no file: related skills and transfer
    /// credit are then absent, nothing fails).
    pub space: Arc<super::space::SkillSpace>,
    /// The skill space file's header, when loaded.
    pub space_header: Option<super::model_file::ModelHeader>,
    /// The ranker: the trained model when its file is present, else the fallback.
    pub ranker: Arc<super::ranker::Ranker>,
}

impl Default for Models {
    fn default() -> Self {
        Self {
            space: Arc::default(),
            space_header: None,
            ranker: Arc::new(super::ranker::Ranker::Fallback),
        }
    }
}

impl Models {
    /// `name-version` of the ranker, for `/metrics`.
    pub fn ranker_label(&self) -> String {
        format!("{}-{}", self.ranker.name(), self.ranker.version())
    }

    /// Loads the model files in `dir`. A missing file means that model's
    /// fallback; a present but unreadable one is an error (a bad deploy
    /// must not silently serve worse rankings).
    pub fn load(dir: &Path) -> Result<Self, super::model_file::ModelFileError> {
        let mut models = Models::default();
        let space_path = dir.join(super::space::FILE);
        if space_path.exists() {
            let (header, mut space): (_, super::space::SkillSpace) = super::model_file::read(
                &space_path,
                super::space::KIND,
                super::space::FORMAT_VERSION,
            )?;
            space.index();
            models.space = Arc::new(space);
            models.space_header = Some(header);
        }
        let ranker_path = dir.join(super::ranker::FILE);
        if ranker_path.exists() {
            let (header, model): (_, super::ranker::Logistic) = super::model_file::read(
                &ranker_path,
                super::ranker::KIND,
                super::ranker::FORMAT_VERSION,
            )?;
            models.ranker = Arc::new(super::ranker::Ranker::Logistic {
                model,
                version: header.version(),
            });
        }
        Ok(models)
    }
}
