//! What is in the forecast model file, and how is it trained from the
//! signals? The forecasts of every series with their backtest
//! ([`ForecastModel`]), tied to the signals by their SHA-256.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::forecast::{self, SeriesForecast, Summary};
use super::signals::Store;

/// The model file's format version.
pub const MODEL_FORMAT_VERSION: u32 = 2;

/// The forecast model file: forecasts of every series with their backtest.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ForecastModel {
    /// [`MODEL_FORMAT_VERSION`].
    pub format_version: u32,
    /// SHA-256 of the signals store it was trained on.
    pub training_data_sha256: String,
    /// How it was made.
    pub method: String,
    /// Months held out in the backtest.
    pub holdout_months: u32,
    /// Months forecast.
    pub horizon_months: u32,
    /// Counts and median MAPEs.
    pub summary: Summary,
    /// One entry per forecast series.
    pub series: Vec<SeriesForecast>,
}

/// The SHA-256 (hex) of a store's canonical bytes.
pub fn store_hash(store: &Store) -> String {
    hex::encode(Sha256::digest(store.to_json()))
}

/// Trains the forecasts of `store`.
pub fn train(store: &Store) -> ForecastModel {
    let forecasts = forecast::forecast_all(&store.series);
    ForecastModel {
        format_version: MODEL_FORMAT_VERSION,
        training_data_sha256: store_hash(store),
        method: format!(
            "linfa-linear OLS of ln(1+value) on trend and month of year, last {} months (pooled seasonal shape under {} months); used where its {}-month backtest MAPE beat seasonal-naive and naive",
            forecast::WINDOW,
            forecast::MIN_OWN,
            forecast::HOLDOUT
        ),
        holdout_months: forecast::HOLDOUT as u32,
        horizon_months: forecast::HORIZON as u32,
        summary: forecast::summarize(forecasts.values()),
        series: forecasts.into_values().collect(),
    }
}
