//! What does a recommendation answer hold? The targets and next bites
//! recommended, each with its title, score, reason and features, and the
//! ranker used; scores are shown to three decimals.

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use oppepala_core::domain::{DemandFigure, Target};
use oppepala_core::planner::Path;

/// One recommended target.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TargetRecommendation {
    /// `{"qualification": ID}` or `{"occupation": URI}`.
    pub target: Target,
    /// Its title in the asked language.
    pub title: String,
    /// The language of the title's name: another than the one asked marks
    /// a fallback (an occupation ESCO names only in English; its ISCO
    /// group's name in the asked language follows in brackets).
    pub title_lang: String,
    /// The ranker's score, 0–1.
    pub score: f64,
    /// Why, in plain words.
    pub reason: String,
    /// The demand behind it, when known.
    pub demand: Option<DemandFigure>,
    /// The best path there (as in `POST /v1/paths`), if one exists.
    pub best_path: Option<Path>,
    /// The ranker's features, by name (echo them in `POST /v1/feedback`).
    pub features: BTreeMap<String, f64>,
}

/// One recommended next bite.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BiteRecommendation {
    /// The bite id.
    pub bite: String,
    /// Its title in the asked language.
    pub title: String,
    /// The language `title` is in: another than the one asked marks a
    /// fallback (a provider that wrote no title in that language).
    pub title_lang: String,
    /// Workload.
    pub hours: f64,
    /// Cost for this learner after funding.
    pub cost: f64,
    /// The ranker's score, 0–1.
    pub score: f64,
    /// Why, in plain words.
    pub reason: String,
    /// The ranker's features, by name.
    pub features: BTreeMap<String, f64>,
}

/// Which ranker ranked.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ModelInfo {
    /// `fallback` or `logistic`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// The answer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Recommendations {
    /// Ranked targets, diverse.
    pub targets: Vec<TargetRecommendation>,
    /// Ranked bites the learner can start now.
    pub next_bites: Vec<BiteRecommendation>,
    /// The ranker used.
    pub model: ModelInfo,
}

pub(super) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
