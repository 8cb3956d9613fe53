//! How are the models made and judged? Training rows from the feedback log,
//! the time split, training of the skill space and the ranker into model
//! files, and the evaluation of a ranker against the fallback.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::feedback::LoggedEvent;
use super::model_file::{self, ModelFileError, ModelHeader};
use super::ranker::{self, Features, Logistic};
use super::space::{self, SkillSpace};
use oppepala_core::catalogue::Catalogue;
use oppepala_core::domain::FeedbackKind;
use oppepala_core::taxonomy::Taxonomy;

/// One training row: a shown item, its features, whether it led to a
/// good outcome (completed or employed), the learner (the NDCG list) and
/// when it was shown (the time split).
#[derive(Clone, Debug)]
pub struct Row {
    /// The pseudonymous learner.
    pub learner: String,
    /// When the item was shown.
    pub time: chrono::DateTime<chrono::Utc>,
    /// Its features.
    pub features: Features,
    /// A good outcome followed.
    pub good: bool,
}

/// Whether training learns from `event`: every event but an outcome
/// (`completed`, `dropped`, `employed`) sent without an API key, which
/// anyone who reaches the service could make up (docs/hardening.md).
pub fn trusted(event: &LoggedEvent) -> bool {
    !(event.unauthenticated
        && matches!(
            event.event.event,
            FeedbackKind::Completed | FeedbackKind::Dropped | FeedbackKind::Employed
        ))
}

/// How many events training used and ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EventCounts {
    /// Events read.
    pub events: usize,
    /// Outcome events sent without an API key, ignored ([`trusted`]).
    pub ignored_unauthenticated_outcomes: usize,
    /// Events sent without an API key that were used (`shown`, `chosen`, `enrolled`).
    pub unauthenticated_used: usize,
}

impl EventCounts {
    /// Counts `events`.
    pub fn of(events: &[LoggedEvent]) -> Self {
        let mut counts = Self {
            events: events.len(),
            ..Self::default()
        };
        for event in events.iter().filter(|e| e.unauthenticated) {
            if trusted(event) {
                counts.unauthenticated_used += 1;
            } else {
                counts.ignored_unauthenticated_outcomes += 1;
            }
        }
        counts
    }
}

/// Rows from events: each `shown` event with all features, labelled good
/// when the same learner later completed or got employed through the same
/// target or bite (outcomes sent without an API key do not count:
/// [`trusted`]). Sorted by time.
pub fn rows(events: &[LoggedEvent]) -> Vec<Row> {
    let key = |e: &LoggedEvent| {
        (
            e.event.learner.clone(),
            e.target
                .clone()
                .or_else(|| e.event.bite.as_ref().map(|b| b.to_string()))
                .unwrap_or_default(),
        )
    };
    let good: HashSet<(String, String)> = events
        .iter()
        .filter(|e| trusted(e))
        .filter(|e| {
            matches!(
                e.event.event,
                FeedbackKind::Completed | FeedbackKind::Employed
            )
        })
        .map(key)
        .collect();
    let mut rows: Vec<Row> = events
        .iter()
        .filter(|e| e.event.event == FeedbackKind::Shown)
        .filter_map(|e| {
            Some(Row {
                learner: e.event.learner.clone(),
                time: e.event.time,
                features: Features::from_named(&e.features)?,
                good: good.contains(&key(e)),
            })
        })
        .collect();
    rows.sort_by_key(|r| r.time);
    rows
}

/// Splits time-sorted rows: the earliest `1 - holdout` for training.
pub fn time_split(rows: &[Row], holdout: f64) -> (&[Row], &[Row]) {
    let cut = ((rows.len() as f64) * (1.0 - holdout)).round() as usize;
    rows.split_at(cut.min(rows.len()))
}

/// AUC over all rows and mean NDCG@5 over learners, for a scoring function.
pub fn evaluate(rows: &[Row], score: impl Fn(&Features) -> f64) -> BTreeMap<String, f64> {
    let scored: Vec<(f64, bool)> = rows.iter().map(|r| (score(&r.features), r.good)).collect();
    let mut by_learner: HashMap<&str, Vec<(f64, bool)>> = HashMap::new();
    for (row, s) in rows.iter().zip(&scored) {
        by_learner.entry(&row.learner).or_default().push(*s);
    }
    let ndcgs: Vec<f64> = by_learner
        .values()
        .filter_map(|list| ranker::ndcg_at(list, 5))
        .collect();
    let mut metrics = BTreeMap::new();
    metrics.insert("auc".into(), ranker::auc(&scored).unwrap_or(f64::NAN));
    metrics.insert(
        "ndcg_at_5".into(),
        if ndcgs.is_empty() {
            f64::NAN
        } else {
            ndcgs.iter().sum::<f64>() / ndcgs.len() as f64
        },
    );
    metrics.insert("rows".into(), rows.len() as f64);
    metrics
}

/// What training produced.
#[derive(Debug)]
pub struct TrainReport {
    /// Skills in the space, its dimensions and the variance kept.
    pub space: Option<(usize, usize, f64)>,
    /// Metrics of the trained ranker and the fallback on the holdout
    /// (`logistic_auc`, `fallback_auc`, …).
    pub ranker: Option<BTreeMap<String, f64>>,
}

/// The share of rows held out for evaluation.
pub const HOLDOUT: f64 = 0.2;
/// The L2 penalty of the logistic regression.
pub const ALPHA: f64 = 0.01;

/// SHA-256 of the events a ranker was trained on.
pub fn events_sha256(events: &[LoggedEvent]) -> String {
    let mut bytes = Vec::new();
    for event in events {
        serde_json::to_writer(&mut bytes, event).expect("an event serializes");
        bytes.push(b'\n');
    }
    model_file::sha256_hex(&bytes)
}

/// Learns the skill space and writes it to `models_dir`.
pub fn train_space(
    models_dir: &Path,
    taxonomy: &Taxonomy,
    catalogue: &Catalogue,
    dim: usize,
) -> Result<(usize, usize, f64), TrainError> {
    let occurrences = space::occurrences(taxonomy, catalogue);
    let (learned, kept) =
        SkillSpace::learn(&occurrences, dim).map_err(|e| TrainError::Space(e.to_string()))?;
    let header = ModelHeader {
        kind: space::KIND.into(),
        format_version: space::FORMAT_VERSION,
        training_sha256: occurrences.sha256(),
        metrics: BTreeMap::from([
            ("skills".into(), learned.len() as f64),
            ("contexts".into(), occurrences.n_contexts as f64),
            ("dim".into(), dim as f64),
            ("variance_kept".into(), kept),
        ]),
    };
    model_file::write(&models_dir.join(space::FILE), header, &learned)?;
    Ok((learned.len(), dim, kept))
}

/// Trains the ranker on `events` (time split; outcomes sent without an API
/// key ignored, [`trusted`]), writes it to `models_dir` and returns the
/// holdout metrics of it and of the fallback, with the counts of
/// [`EventCounts`] (`events`, `ignored_unauthenticated_outcomes`,
/// `unauthenticated_used`).
pub fn train_ranker(
    models_dir: &Path,
    events: &[LoggedEvent],
    catalogue: &Catalogue,
) -> Result<BTreeMap<String, f64>, TrainError> {
    let all = rows(events);
    let (train, holdout) = time_split(&all, HOLDOUT);
    if train.len() < 50 || holdout.len() < 10 {
        return Err(TrainError::TooFewRows { rows: all.len() });
    }
    let pairs: Vec<(Features, bool)> = train.iter().map(|r| (r.features, r.good)).collect();
    let mut model = Logistic::fit(&pairs, ALPHA).map_err(TrainError::Fit)?;
    model.provider_completion = provider_completion(events, catalogue);
    let mut metrics = compare(&model, holdout);
    let counts = EventCounts::of(events);
    metrics.insert("events".into(), counts.events as f64);
    metrics.insert(
        "ignored_unauthenticated_outcomes".into(),
        counts.ignored_unauthenticated_outcomes as f64,
    );
    metrics.insert(
        "unauthenticated_used".into(),
        counts.unauthenticated_used as f64,
    );
    let header = ModelHeader {
        kind: ranker::KIND.into(),
        format_version: ranker::FORMAT_VERSION,
        training_sha256: events_sha256(events),
        metrics: metrics.clone(),
    };
    model_file::write(&models_dir.join(ranker::FILE), header, &model)?;
    Ok(metrics)
}

/// Holdout metrics of `model` and of the fallback, prefixed by name.
pub fn compare(model: &Logistic, holdout: &[Row]) -> BTreeMap<String, f64> {
    let mut metrics = BTreeMap::new();
    for (name, values) in [
        ("logistic", evaluate(holdout, |f| model.probability(f))),
        ("fallback", evaluate(holdout, ranker::fallback_score)),
    ] {
        for (k, v) in values {
            metrics.insert(format!("{name}_{k}"), v);
        }
    }
    metrics
}

/// Completion rate per provider: completed / (completed + dropped) over
/// events naming a bite ([`trusted`] ones), with two pseudo-events at the
/// default rate.
pub fn provider_completion(events: &[LoggedEvent], catalogue: &Catalogue) -> BTreeMap<String, f64> {
    let mut counts: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for event in events.iter().filter(|e| trusted(e)) {
        let Some(bite) = event
            .event
            .bite
            .as_ref()
            .and_then(|b| catalogue.bite(b.as_str()))
        else {
            continue;
        };
        let entry = counts.entry(bite.provider.clone()).or_default();
        match event.event.event {
            FeedbackKind::Completed => entry.0 += 1.0,
            FeedbackKind::Dropped => entry.1 += 1.0,
            _ => {}
        }
    }
    counts
        .into_iter()
        .filter(|(_, (done, dropped))| done + dropped > 0.0)
        .map(|(provider, (done, dropped))| {
            let prior = 2.0;
            (
                provider,
                (done + prior * ranker::DEFAULT_COMPLETION) / (done + dropped + prior),
            )
        })
        .collect()
}

/// What went wrong training.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The skill space could not be learned.
    #[error("skill space: {0}")]
    Space(String),
    /// Too few feedback rows with features.
    #[error("only {rows} shown events with features; the ranker needs at least 60")]
    TooFewRows {
        /// Rows found.
        rows: usize,
    },
    /// The regression failed.
    #[error("logistic regression: {0}")]
    Fit(String),
    /// The model file could not be written.
    #[error(transparent)]
    File(#[from] ModelFileError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use oppepala_core::domain::FeedbackEvent;

    fn event(learner: &str, kind: FeedbackKind, t: i64, unauthenticated: bool) -> LoggedEvent {
        let features = if kind == FeedbackKind::Shown {
            ranker::FEATURES
                .iter()
                .map(|name| (name.to_string(), 0.5))
                .collect()
        } else {
            BTreeMap::new()
        };
        LoggedEvent {
            event: FeedbackEvent {
                learner: learner.into(),
                bite: None,
                path: vec![],
                event: kind,
                time: chrono::DateTime::from_timestamp(1_800_000_000 + t, 0).expect("a time"),
            },
            target: Some("mq-care-home".into()),
            features,
            unauthenticated,
        }
    }

    #[test]
    fn outcomes_sent_without_a_key_label_nothing() {
        let shown = |l: &str| event(l, FeedbackKind::Shown, 0, true);
        let events = vec![
            shown("tk-0001"),
            shown("tk-0002"),
            shown("tk-0003"),
            event("tk-0001", FeedbackKind::Employed, 10, false),
            event("tk-0002", FeedbackKind::Employed, 10, true),
            event("tk-0003", FeedbackKind::Completed, 10, true),
            event("tk-0003", FeedbackKind::Chosen, 5, true),
        ];
        let rows = rows(&events);
        assert_eq!(rows.len(), 3, "shown events count whoever sent them");
        let good: Vec<(&str, bool)> = rows.iter().map(|r| (r.learner.as_str(), r.good)).collect();
        assert!(good.contains(&("tk-0001", true)));
        assert!(good.contains(&("tk-0002", false)), "{good:?}");
        assert!(good.contains(&("tk-0003", false)), "{good:?}");
        assert_eq!(
            EventCounts::of(&events),
            EventCounts {
                events: 7,
                ignored_unauthenticated_outcomes: 2,
                unauthenticated_used: 4,
            }
        );
    }
}
