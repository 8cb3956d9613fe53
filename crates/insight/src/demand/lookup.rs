//! How much do employers want a skill or an occupation in a region, and
//! which occupations do they want most? Scores and expected postings read
//! from a built [`Demand`] (no IO), and what it holds: its version, the
//! series, their forecasts, the regions, occupations and skills it knows.

use oppepala_core::domain::county::canonical_region;
use oppepala_core::domain::{DemandFigure, OccupationUri, Region, SkillUri};

use super::build::Demand;
use super::forecast::{self, SeriesForecast, Summary};
use super::signals::Series;

impl Demand {
    /// The version shown in /metrics (format and data hash), empty when no data.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The SHA-256 of the signals.
    pub fn data_sha256(&self) -> &str {
        &self.data_sha256
    }

    /// The backtest summary of the forecasts.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// How many series are loaded.
    pub fn n_series(&self) -> usize {
        self.series.len()
    }

    /// Whether the region has data (after mapping county aliases), or is none.
    pub fn knows_region(&self, region: Option<&Region>) -> bool {
        let region = region.map(canonical_region);
        self.regions.contains(&region)
    }

    /// The series.
    pub fn series(&self, index: usize) -> Option<&Series> {
        self.series.get(index)
    }

    /// The forecast of a series.
    pub fn forecast(&self, index: usize) -> Option<&SeriesForecast> {
        self.forecasts.get(&index)
    }

    /// Whether `uri` is an occupation demand knows.
    pub fn knows_occupation(&self, uri: &str) -> bool {
        self.occupation_index.contains_key(uri)
    }

    /// Whether `uri` is a skill some occupation needs.
    pub fn knows_skill(&self, uri: &str) -> bool {
        self.skill_links.contains_key(uri)
    }

    fn score(expected: f64, max: f64) -> f64 {
        if max <= 0.0 {
            0.0
        } else {
            (expected.ln_1p() / max.ln_1p()).clamp(0.0, 1.0)
        }
    }

    /// Demand for a skill in a region (None: the whole country).
    pub fn skill(&self, skill: &SkillUri, region: Option<&Region>) -> Option<DemandFigure> {
        let region = region.map(canonical_region);
        let table = self.skill_expected.get(&region)?;
        let expected = *table.get(skill.as_str())?;
        let max = self.max_expected.get(&region).map_or(0.0, |m| m.0);
        let contributions = self.skill_contributions(skill, region.as_ref());
        let (source, unit, as_of) = self.provenance(&contributions)?;
        Some(DemandFigure {
            score: Self::score(expected, max),
            expected,
            horizon_months: forecast::HORIZON as u32,
            unit,
            region,
            source,
            as_of,
        })
    }

    /// Demand for an occupation in a region (None: the whole country).
    pub fn occupation(&self, occ: &OccupationUri, region: Option<&Region>) -> Option<DemandFigure> {
        let region = region.map(canonical_region);
        let &o = self.occupation_index.get(occ.as_str())?;
        let table = self.occupation_expected.get(&region)?;
        self.occupation_at(o, table, region)
    }

    fn occupation_at(
        &self,
        o: usize,
        table: &[f64],
        region: Option<Region>,
    ) -> Option<DemandFigure> {
        let expected = table[o];
        if expected <= 0.0 {
            return None;
        }
        let max = self.max_expected.get(&region).map_or(0.0, |m| m.1);
        let contributions = self.occupation_contributions(o, region.as_ref());
        let (source, unit, as_of) = self.provenance(&contributions)?;
        Some(DemandFigure {
            score: Self::score(expected, max),
            expected,
            horizon_months: forecast::HORIZON as u32,
            unit,
            region,
            source,
            as_of,
        })
    }

    /// Occupations ranked by expected postings in the region over the horizon, best first.
    pub fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
    ) -> Vec<(OccupationUri, DemandFigure)> {
        let region = region.map(canonical_region);
        let Some(table) = self.occupation_expected.get(&region) else {
            return Vec::new();
        };
        let mut order: Vec<usize> = (0..table.len()).filter(|&o| table[o] > 0.0).collect();
        order.sort_by(|a, b| {
            table[*b]
                .total_cmp(&table[*a])
                .then_with(|| self.occupations[*a].0.cmp(&self.occupations[*b].0))
        });
        order
            .into_iter()
            .take(n)
            .filter_map(|o| {
                self.occupation_at(o, table, region.clone())
                    .map(|d| (self.occupations[o].0.clone(), d))
            })
            .collect()
    }
}
