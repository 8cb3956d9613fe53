//! How is demand read from the data and models folders? The signals store
//! and the forecast model file (read and written), what can go wrong
//! ([`DemandError`]), and [`Demand::load`].

use std::path::Path;

use oppepala_core::taxonomy::Taxonomy;

use super::build::Demand;
use super::model::{ForecastModel, MODEL_FORMAT_VERSION};
use super::signals::{self, Series};

/// The store of signals inside the data folder.
pub const SIGNALS_FILE: &str = "demand/signals.json";
/// The forecast model inside the models folder.
pub const MODEL_FILE: &str = "demand-forecast.json";

/// What went wrong loading demand.
#[derive(Debug, thiserror::Error)]
pub enum DemandError {
    /// The signals could not be read.
    #[error(transparent)]
    Signals(#[from] signals::SignalsError),
    /// The model file is unreadable or of another format.
    #[error("{path}: {message}")]
    Model {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Reads a model file; None when absent.
pub fn load_model(path: &Path) -> Result<Option<ForecastModel>, DemandError> {
    let bad = |message: String| DemandError::Model {
        path: path.display().to_string(),
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(bad(e.to_string())),
    };
    let model: ForecastModel = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    if model.format_version != MODEL_FORMAT_VERSION {
        return Err(bad(format!(
            "format_version {} (this build reads {MODEL_FORMAT_VERSION}); run `oppepala train demand`",
            model.format_version
        )));
    }
    Ok(Some(model))
}

/// Writes a model file atomically.
pub fn save_model(path: &Path, model: &ForecastModel) -> Result<(), DemandError> {
    let mut bytes = serde_json::to_vec_pretty(model).expect("a model serializes");
    bytes.push(b'\n');
    signals::write_atomic(path, &bytes).map_err(DemandError::from)
}

impl Demand {
    /// Loads the signals of `data_dir` and the model of `models_dir`.
    pub fn load(
        data_dir: &Path,
        models_dir: &Path,
        taxonomy: &Taxonomy,
    ) -> Result<Demand, DemandError> {
        Self::load_with(data_dir, models_dir, taxonomy, Vec::new())
    }

    /// Like [`Demand::load`], with extra series (from feeds) merged on top.
    pub fn load_with(
        data_dir: &Path,
        models_dir: &Path,
        taxonomy: &Taxonomy,
        extra: Vec<Series>,
    ) -> Result<Demand, DemandError> {
        let mut store = signals::load_store(&data_dir.join(SIGNALS_FILE))?;
        store.merge(extra);
        let model = load_model(&models_dir.join(MODEL_FILE))?;
        Ok(Demand::build(store, model, taxonomy))
    }
}
