//! How is [`Demand`] built at load? From the signals, a model trained on
//! them (or trained again in memory) and the taxonomy's occupations and
//! their skills: the expected postings per occupation and per skill in
//! every region with series, and the largest of each kind.

use std::collections::HashMap;

use oppepala_core::domain::{OccupationUri, Region};
use oppepala_core::taxonomy::Taxonomy;

use super::forecast::{SeriesForecast, Summary};
use super::model::{ForecastModel, store_hash, train};
use super::signals::{Series, Store, Subject};

/// How much an optional occupation–skill link counts against an essential one.
pub const OPTIONAL_WEIGHT: f64 = 0.3;

/// Signals, forecasts and scores: everything demand lookups need.
#[derive(Debug, Default)]
pub struct Demand {
    pub(super) series: Vec<Series>,
    /// Forecast per series index (absent for series too short or not monthly).
    pub(super) forecasts: HashMap<usize, SeriesForecast>,
    /// Series index by (subject, region).
    pub(super) by_subject: HashMap<(Subject, Option<Region>), usize>,
    /// Occupations: uri, ISCO code.
    pub(super) occupations: Vec<(OccupationUri, String)>,
    pub(super) occupation_index: HashMap<String, usize>,
    /// How many occupations each ISCO prefix (1–4 digits) holds.
    pub(super) prefix_count: HashMap<String, usize>,
    /// Occupations needing each skill, with the link's weight.
    pub(super) skill_links: HashMap<String, Vec<(usize, f64)>>,
    /// Regions that have series (canonical codes), plus None.
    pub(super) regions: Vec<Option<Region>>,
    /// Expected postings per occupation index, per region.
    pub(super) occupation_expected: HashMap<Option<Region>, Vec<f64>>,
    /// Expected postings per skill, per region.
    pub(super) skill_expected: HashMap<Option<Region>, HashMap<String, f64>>,
    /// The largest expected postings of a skill and of an occupation, per region.
    pub(super) max_expected: HashMap<Option<Region>, (f64, f64)>,
    /// The model's version for /metrics.
    pub(super) version: String,
    /// The model's backtest summary.
    pub(super) summary: Summary,
    /// Hash of the signals.
    pub(super) data_sha256: String,
}

impl Demand {
    /// No data: every lookup is None.
    pub fn empty() -> Demand {
        Demand::default()
    }

    /// Builds demand from signals and a trained model (trained here when
    /// `model` is None or was trained on other signals).
    pub fn build(store: Store, model: Option<ForecastModel>, taxonomy: &Taxonomy) -> Demand {
        let hash = store_hash(&store);
        let model = match model {
            Some(m) if m.training_data_sha256 == hash => m,
            other => {
                if other.is_some() {
                    tracing::warn!(
                        "the demand model was trained on other signals; forecasting again in memory"
                    );
                }
                train(&store)
            }
        };
        let mut demand = Demand {
            version: if store.series.is_empty() {
                String::new()
            } else {
                format!(
                    "format-{}-data-{}",
                    model.format_version,
                    hash.get(..12).unwrap_or("")
                )
            },
            summary: model.summary.clone(),
            data_sha256: hash,
            ..Demand::default()
        };
        for (i, s) in store.series.iter().enumerate() {
            demand
                .by_subject
                .insert((s.subject.clone(), s.region.clone()), i);
        }
        let by_key: HashMap<(Subject, Option<Region>, String, String), SeriesForecast> = model
            .series
            .into_iter()
            .map(|f| {
                (
                    (
                        f.subject.clone(),
                        f.region.clone(),
                        f.unit.clone(),
                        f.source.clone(),
                    ),
                    f,
                )
            })
            .collect();
        for (i, s) in store.series.iter().enumerate() {
            if let Some(f) = by_key.get(&s.key()) {
                demand.forecasts.insert(i, f.clone());
            }
        }
        demand.series = store.series;
        for occupation in taxonomy.occupations() {
            let Ok(uri) = OccupationUri::new(occupation.uri()) else {
                continue;
            };
            let code: String = occupation
                .isco_code()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let index = demand.occupations.len();
            for len in 1..=code.len().min(4) {
                *demand
                    .prefix_count
                    .entry(code[..len].to_string())
                    .or_default() += 1;
            }
            for skill in occupation.essential_skills() {
                demand
                    .skill_links
                    .entry(skill.uri().to_string())
                    .or_default()
                    .push((index, 1.0));
            }
            for skill in occupation.optional_skills() {
                demand
                    .skill_links
                    .entry(skill.uri().to_string())
                    .or_default()
                    .push((index, OPTIONAL_WEIGHT));
            }
            demand
                .occupation_index
                .insert(uri.as_str().to_string(), index);
            demand.occupations.push((uri, code));
        }
        let mut regions: Vec<Option<Region>> = demand
            .series
            .iter()
            .map(|s| s.region.clone())
            .filter(Option::is_some)
            .collect();
        regions.sort();
        regions.dedup();
        regions.insert(0, None);
        demand.regions = regions;
        for region in demand.regions.clone() {
            let expected: Vec<f64> = (0..demand.occupations.len())
                .map(|o| demand.expected_of(&demand.occupation_contributions(o, region.as_ref())))
                .collect();
            let mut skills: HashMap<String, f64> = HashMap::new();
            for (skill, links) in &demand.skill_links {
                let total: f64 = links.iter().map(|(o, w)| expected[*o] * w).sum();
                if total > 0.0 {
                    skills.insert(skill.clone(), total);
                }
            }
            // Series about skills themselves count as they are.
            for (i, s) in demand.series.iter().enumerate() {
                if let Subject::Skill(uri) = &s.subject
                    && s.region == region
                {
                    skills.insert(uri.to_string(), demand.expected_of(&[(i, 1.0)]));
                }
            }
            let max_skill = skills.values().copied().fold(0.0, f64::max);
            let max_occupation = expected.iter().copied().fold(0.0, f64::max);
            demand
                .max_expected
                .insert(region.clone(), (max_skill, max_occupation));
            demand.occupation_expected.insert(region.clone(), expected);
            demand.skill_expected.insert(region, skills);
        }
        demand
    }
}
