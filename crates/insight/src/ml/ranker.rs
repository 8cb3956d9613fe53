//! How good a step is a candidate for a learner? Features per (learner,
//! candidate target or bite), a transparent fallback with documented
//! weights, and a logistic regression (linfa-logistic) of the chance of a
//! good outcome trained on feedback events by `oppepala train`.
//!
//! Features, each scaled to 0–1 (higher is better for the learner):
//!
//! | name | what |
//! | --- | --- |
//! | `progress` | share of the target's requirements the learner meets already (for a bite: share of the learner's open gap it covers) |
//! | `demand` | labour-market demand score in the learner's county (0 when unknown) |
//! | `short` | 40 / (40 + hours of the best path or bite) |
//! | `affordable` | 100 / (100 + cost in EUR after the learner's funding) |
//! | `level_fit` | 1 − \|EQF − (education's EQF + 1)\| / 4, clipped at 0: one step up is best |
//! | `language` | share of steps taught in one of the learner's languages |
//! | `local` | share of steps online or in the learner's county |
//! | `completion` | the provider's completion rate from feedback (0.7 before any) |
//! | `transfer` | skill-space similarity of held skills to the missing ones (never coverage) |

use std::collections::BTreeMap;

use linfa::Dataset;
use linfa::traits::Fit;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

/// The feature names, in vector order.
pub const FEATURES: [&str; 9] = [
    "progress",
    "demand",
    "short",
    "affordable",
    "level_fit",
    "language",
    "local",
    "completion",
    "transfer",
];

/// The fallback's weights, in [`FEATURES`] order; they sum to 1 so the
/// score stays in 0–1. Chosen by hand: closeness to the goal and demand
/// first, then a short and cheap path, then fit.
pub const FALLBACK_WEIGHTS: [f64; 9] = [0.25, 0.20, 0.15, 0.10, 0.10, 0.05, 0.05, 0.05, 0.05];

/// The payload format of the ranker file.
pub const FORMAT_VERSION: u32 = 1;
/// The model kind in its file header.
pub const KIND: &str = "ranker";
/// The file name under `models/`.
pub const FILE: &str = "ranker.bin";

/// One candidate's features, in [`FEATURES`] order.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features(pub [f64; 9]);

impl Features {
    /// The features by name, for responses and feedback.
    pub fn named(&self) -> BTreeMap<String, f64> {
        FEATURES
            .iter()
            .zip(self.0)
            .map(|(n, v)| (n.to_string(), (v * 1000.0).round() / 1000.0))
            .collect()
    }

    /// Reads features by name; a missing one is `None`.
    pub fn from_named(named: &BTreeMap<String, f64>) -> Option<Self> {
        let mut values = [0.0; 9];
        for (slot, name) in values.iter_mut().zip(FEATURES) {
            *slot = *named.get(name)?;
        }
        Some(Self(values))
    }
}

/// A trained logistic model: P(good outcome) = σ(intercept + w·x).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Logistic {
    /// The weights, in [`FEATURES`] order.
    pub weights: Vec<f64>,
    /// The intercept.
    pub intercept: f64,
    /// Completion rate per provider measured in the feedback.
    pub provider_completion: BTreeMap<String, f64>,
}

/// The ranker in service.
#[derive(Clone, Debug, PartialEq)]
pub enum Ranker {
    /// Fixed weights ([`FALLBACK_WEIGHTS`]).
    Fallback,
    /// A trained model, with its version.
    Logistic {
        /// The model.
        model: Logistic,
        /// Its version (`format-N-data-…`).
        version: String,
    },
}

impl Ranker {
    /// The model's name: `fallback` or `logistic`.
    pub fn name(&self) -> &'static str {
        match self {
            Ranker::Fallback => "fallback",
            Ranker::Logistic { .. } => "logistic",
        }
    }

    /// The model's version.
    pub fn version(&self) -> String {
        match self {
            Ranker::Fallback => "weights-1".into(),
            Ranker::Logistic { version, .. } => version.clone(),
        }
    }

    /// The score of a candidate, 0–1.
    pub fn score(&self, features: &Features) -> f64 {
        match self {
            Ranker::Fallback => fallback_score(features),
            Ranker::Logistic { model, .. } => model.probability(features),
        }
    }

    /// A provider's completion rate (0.7 before any feedback).
    pub fn completion(&self, provider: &str) -> f64 {
        match self {
            Ranker::Logistic { model, .. } => model
                .provider_completion
                .get(provider)
                .copied()
                .unwrap_or(DEFAULT_COMPLETION),
            Ranker::Fallback => DEFAULT_COMPLETION,
        }
    }
}

/// The completion rate assumed for a provider without feedback.
pub const DEFAULT_COMPLETION: f64 = 0.7;

/// The fallback score: the weighted sum of the features.
pub fn fallback_score(features: &Features) -> f64 {
    features
        .0
        .iter()
        .zip(FALLBACK_WEIGHTS)
        .map(|(x, w)| x * w)
        .sum()
}

impl Logistic {
    /// P(good outcome | features).
    pub fn probability(&self, features: &Features) -> f64 {
        let z: f64 = self.intercept
            + self
                .weights
                .iter()
                .zip(features.0)
                .map(|(w, x)| w * x)
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits the model on `rows` (features, good outcome) with L2 penalty `alpha`.
    pub fn fit(rows: &[(Features, bool)], alpha: f64) -> Result<Self, String> {
        if rows.iter().all(|r| r.1) || rows.iter().all(|r| !r.1) {
            return Err("the training rows need both good and bad outcomes".into());
        }
        let x = Array2::from_shape_fn((rows.len(), FEATURES.len()), |(i, j)| rows[i].0.0[j]);
        let y: Array1<bool> = rows.iter().map(|r| r.1).collect();
        let fitted = linfa_logistic::LogisticRegression::default()
            .alpha(alpha)
            .max_iterations(200)
            .fit(&Dataset::new(x, y))
            .map_err(|e| e.to_string())?;
        // linfa picks which class is "positive" by order of appearance.
        let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
        Ok(Self {
            weights: fitted.params().iter().map(|w| sign * w).collect(),
            intercept: sign * fitted.intercept(),
            provider_completion: BTreeMap::new(),
        })
    }
}

/// Area under the ROC curve of `scores` against `labels` (ties count half);
/// `None` without both classes.
pub fn auc(scored: &[(f64, bool)]) -> Option<f64> {
    let mut sorted: Vec<(f64, bool)> = scored.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n_pos = sorted.iter().filter(|r| r.1).count() as f64;
    let n_neg = sorted.len() as f64 - n_pos;
    if n_pos == 0.0 || n_neg == 0.0 {
        return None;
    }
    // Rank sum of the positives, average ranks for ties.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].0 == sorted[i].0 {
            j += 1;
        }
        let average_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += average_rank * sorted[i..=j].iter().filter(|r| r.1).count() as f64;
        i = j + 1;
    }
    Some((rank_sum - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg))
}

/// NDCG@k of one list ranked by score, with binary relevance; `None` when
/// nothing in it is relevant.
pub fn ndcg_at(scored: &[(f64, bool)], k: usize) -> Option<f64> {
    let mut ranked = scored.to_vec();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let gain = |list: &[(f64, bool)]| -> f64 {
        list.iter()
            .take(k)
            .enumerate()
            .filter(|(_, r)| r.1)
            .map(|(i, _)| 1.0 / (i as f64 + 2.0).log2())
            .sum()
    };
    let n_relevant = ranked.iter().filter(|r| r.1).count();
    if n_relevant == 0 {
        return None;
    }
    let ideal: Vec<(f64, bool)> = (0..n_relevant).map(|_| (1.0, true)).collect();
    Some(gain(&ranked) / gain(&ideal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_weights_sum_to_one() {
        assert!((FALLBACK_WEIGHTS.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((fallback_score(&Features([1.0; 9])) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn auc_and_ndcg_on_known_cases() {
        assert_eq!(auc(&[(0.9, true), (0.1, false)]), Some(1.0));
        assert_eq!(auc(&[(0.1, true), (0.9, false)]), Some(0.0));
        assert_eq!(auc(&[(0.5, true), (0.5, false)]), Some(0.5));
        assert_eq!(ndcg_at(&[(0.9, true), (0.1, false)], 5), Some(1.0));
        let worse = ndcg_at(&[(0.1, true), (0.9, false)], 5).unwrap();
        assert!((worse - 1.0 / 3f64.log2()).abs() < 1e-12);
    }

    #[test]
    fn logistic_learns_the_direction_of_a_feature() {
        let rows: Vec<(Features, bool)> = (0..200)
            .map(|i| {
                let x = (i % 20) as f64 / 20.0;
                let mut f = [0.5; 9];
                f[2] = x;
                (Features(f), (i * 7919) % 20 < (i % 20))
            })
            .collect();
        let model = Logistic::fit(&rows, 0.01).unwrap();
        assert!(model.weights[2] > 0.0, "{model:?}");
        let low = model.probability(&Features([0.5, 0.5, 0.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]));
        let high = model.probability(&Features([0.5, 0.5, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]));
        assert!(high > low);
    }
}
