//! How much do employers want a skill or an occupation in a region, in
//! which months, and which occupations do they want most? Dated figures
//! read from a built [`Demand`] (no IO), why there is none when there is
//! none, and what a `Demand` holds: its version, the series, their
//! forecasts, the regions, occupations and skills it knows.
//!
//! Which months a figure counts depends on the planning month `P` and the
//! month the data end `A`: six months from `P` when `P` is at most six
//! months after `A` (forecast where past `A`), else the last six months of
//! data, marked `last-known` and `stale`: figures are never forecast from
//! data older than the horizon.

use oppepala_core::domain::county::canonical_region;
use oppepala_core::domain::{
    Counts, DemandFigure, DemandMissing, FigureKind, OccupationUri, Region, SkillUri,
};
use oppepala_core::text::Lang;

use super::build::{Demand, OPTIONAL_WEIGHT};
use super::contributions::Contribution;
use super::forecast::{self, SeriesForecast, Summary};
use super::signals::{Series, Subject, YearMonth};

/// How many series a figure names in its `series` field at most (the
/// biggest contributions first); `GET /v1/demand` lists them all.
const NAMED_SERIES: usize = 10;

/// The entry of the illustrative series in `data/SOURCES.md`.
pub const ILLUSTRATIVE_SOURCE_URL: &str =
    "data/SOURCES.md#demandsignalsjson--illustrative-labour-market-demand-series";
/// The sources file, for series of other sources (an operator lists them there).
pub const SOURCES_URL: &str = "data/SOURCES.md";

/// The months a figure counts for planning month `month` and data ending
/// `as_of`: (first, last, kind).
pub fn window(month: YearMonth, as_of: YearMonth) -> (YearMonth, YearMonth, FigureKind) {
    let span = forecast::HORIZON as u32 - 1;
    if month.since(as_of) > forecast::HORIZON as u32 {
        (
            YearMonth(as_of.0.saturating_sub(span)),
            as_of,
            FigureKind::LastKnown,
        )
    } else {
        let last = month.plus(span);
        let kind = if last > as_of {
            FigureKind::Forecast
        } else {
            FigureKind::Observed
        };
        (month, last, kind)
    }
}

/// A count as people are told it: fewer than 5; whole numbers under 20;
/// steps of 5 under 100; two significant digits above. Returns (count,
/// fewer than, the step it is rounded to).
pub fn quote(x: f64) -> (u32, bool, f64) {
    let x = x.max(0.0);
    if x < 5.0 {
        return (5, true, 1.0);
    }
    let step = if x < 20.0 {
        1.0
    } else if x < 100.0 {
        5.0
    } else {
        10f64.powi(x.log10().floor() as i32 - 1)
    };
    (((x / step).round() * step) as u32, false, step)
}

/// A range's ends rounded outwards to `step`.
fn quote_range(lower: f64, upper: f64, step: f64) -> (u32, u32) {
    (
        ((lower.max(0.0) / step).floor() * step) as u32,
        ((upper.max(0.0) / step).ceil() * step) as u32,
    )
}

fn two_decimals(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What a figure is about.
enum About<'a> {
    Occupation,
    Skill(&'a SkillUri),
}

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

    /// A series' value in month `m` with the lower and upper end of its
    /// 80 % interval (the value itself for a month of data); None before
    /// the series starts, past the forecast, or for a series that is not
    /// monthly or not forecast.
    pub fn month_value(&self, index: usize, m: YearMonth) -> Option<(f64, f64, f64)> {
        let series = self.series.get(index)?;
        let forecast = self.forecasts.get(&index)?;
        if series.step_months != 1 || m < series.start {
            return None;
        }
        let last = series.last();
        if m <= last {
            let v = *series.values.get((m.0 - series.start.0) as usize)?;
            return Some((v, v, v));
        }
        forecast.ahead(series, m.since(last) as usize)
    }

    fn score(expected: f64, max: f64) -> f64 {
        if max <= 0.0 {
            0.0
        } else {
            (expected.ln_1p() / max.ln_1p()).clamp(0.0, 1.0)
        }
    }

    /// Demand for a skill in a region (None: the whole country) for the
    /// planning month `month`, told in `lang`.
    pub fn skill(
        &self,
        skill: &SkillUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure> {
        let region = region.map(canonical_region);
        let table = self.skill_expected.get(&region)?;
        let expected = *table.get(skill.as_str())?;
        let max = self.max_expected.get(&region).map_or(0.0, |m| m.0);
        let contributions = self.skill_contributions(skill, region.as_ref());
        self.figure(
            &contributions,
            Self::score(expected, max),
            About::Skill(skill),
            region,
            month,
            lang,
        )
    }

    /// Demand for an occupation in a region (None: the whole country) for
    /// the planning month `month`, told in `lang`.
    pub fn occupation(
        &self,
        occ: &OccupationUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure> {
        let region = region.map(canonical_region);
        let &o = self.occupation_index.get(occ.as_str())?;
        let table = self.occupation_expected.get(&region)?;
        self.occupation_at(o, table, region, month, lang)
    }

    fn occupation_at(
        &self,
        o: usize,
        table: &[f64],
        region: Option<Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure> {
        let expected = table[o];
        if expected <= 0.0 {
            return None;
        }
        let max = self.max_expected.get(&region).map_or(0.0, |m| m.1);
        let contributions = self.occupation_contributions(o, region.as_ref());
        self.figure(
            &contributions,
            Self::score(expected, max),
            About::Occupation,
            region,
            month,
            lang,
        )
    }

    /// Occupations ranked by expected postings in the region over the six
    /// months after the data end, best first, with their figures for `month`.
    pub fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
        month: YearMonth,
        lang: Lang,
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
                self.occupation_at(o, table, region.clone(), month, lang)
                    .map(|d| (self.occupations[o].0.clone(), d))
            })
            .collect()
    }

    /// Why there is no figure for planning month `month` although there
    /// are series: they start after the months it would count.
    fn before_data(
        &self,
        contributions: &[Contribution],
        month: YearMonth,
        region: &str,
        lang: Lang,
    ) -> Option<DemandMissing> {
        let start = contributions
            .iter()
            .filter(|(i, _)| self.forecasts.contains_key(i))
            .map(|(i, _)| self.series[*i].start)
            .min()?;
        (month < start).then(|| DemandMissing {
            code: "before-data".into(),
            text: oppepala_core::tr!(
                lang,
                "demand-missing-before-data",
                region = region,
                start = super::month_name(&start.to_string(), lang)
            ),
        })
    }

    /// Why there is no figure whatever the subject: the planning month is
    /// before the data of `contributions`, there are no data, or the region
    /// is not covered. `None` when the reason is the subject's own.
    fn missing_anywhere(
        &self,
        contributions: &[Contribution],
        region: &Option<Region>,
        name: &str,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandMissing> {
        if let Some(missing) = self.before_data(contributions, month, name, lang) {
            return Some(missing);
        }
        let (code, text) = if self.series.is_empty() {
            (
                "no-data",
                oppepala_core::tr!(lang, "demand-missing-no-data"),
            )
        } else if !self.regions.contains(region) {
            (
                "region-not-covered",
                oppepala_core::tr!(lang, "demand-missing-region", region = name),
            )
        } else {
            return None;
        };
        Some(DemandMissing {
            code: code.into(),
            text,
        })
    }

    /// Why a skill has no figure in a region for planning month `month`.
    pub fn skill_missing(
        &self,
        skill: &SkillUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> DemandMissing {
        let region = region.map(canonical_region);
        let name = super::region_name_in(region.as_ref(), lang.code());
        let contributions = self.skill_contributions(skill, region.as_ref());
        if let Some(missing) = self.missing_anywhere(&contributions, &region, &name, month, lang) {
            return missing;
        }
        let (code, text) = match self.skill_links.get(skill.as_str()) {
            None => (
                "skill-not-needed",
                oppepala_core::tr!(lang, "demand-missing-skill-not-needed"),
            ),
            Some(links) => (
                "no-series-for-skill",
                oppepala_core::tr!(
                    lang,
                    "demand-missing-skill-series",
                    occupations = links.len(),
                    region = name
                ),
            ),
        };
        DemandMissing {
            code: code.into(),
            text,
        }
    }

    /// Why an occupation has no figure in a region for planning month `month`.
    pub fn occupation_missing(
        &self,
        occ: &OccupationUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> DemandMissing {
        let region = region.map(canonical_region);
        let name = super::region_name_in(region.as_ref(), lang.code());
        let series = self.occupation_series(occ, region.as_ref());
        if let Some(missing) = self.missing_anywhere(&series, &region, &name, month, lang) {
            return missing;
        }
        let code_of = self
            .occupation_index
            .get(occ.as_str())
            .map(|&o| self.occupations[o].1.as_str())
            .unwrap_or("");
        let (code, text) = if code_of.is_empty() {
            (
                "no-isco-group",
                oppepala_core::tr!(lang, "demand-missing-no-isco"),
            )
        } else {
            (
                "no-series-for-group",
                oppepala_core::tr!(lang, "demand-missing-group", group = code_of, region = name),
            )
        };
        DemandMissing {
            code: code.into(),
            text,
        }
    }

    /// The figure made of `contributions` for planning month `month`.
    fn figure(
        &self,
        contributions: &[Contribution],
        score: f64,
        about: About<'_>,
        region: Option<Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<DemandFigure> {
        let monthly: Vec<Contribution> = contributions
            .iter()
            .copied()
            .filter(|(i, _)| self.forecasts.contains_key(i) && self.series[*i].step_months == 1)
            .collect();
        let as_of = monthly.iter().map(|(i, _)| self.series[*i].last()).max()?;
        let (from, to, kind) = window(month, as_of);
        // Each contribution over the window: (series, factor, value, lower, upper).
        let mut parts: Vec<(usize, f64, f64, f64, f64)> = Vec::with_capacity(monthly.len());
        for &(i, factor) in &monthly {
            let mut sum = (0.0, 0.0, 0.0);
            let mut complete = true;
            for m in from.0..=to.0 {
                match self.month_value(i, YearMonth(m)) {
                    Some((v, lo, hi)) => {
                        sum.0 += v;
                        sum.1 += lo;
                        sum.2 += hi;
                    }
                    None => complete = false,
                }
            }
            // A series that does not reach the window (it ends long
            // before the others, or starts after) adds nothing.
            if complete {
                parts.push((i, factor, sum.0, sum.1, sum.2));
            }
        }
        if parts.is_empty() {
            return None;
        }
        let expected: f64 = parts.iter().map(|p| p.1 * p.2).sum();
        let lower: f64 = parts.iter().map(|p| p.1 * p.3).sum();
        let upper: f64 = parts.iter().map(|p| p.1 * p.4).sum();
        let (count, fewer_than, step) = quote(expected);
        let (lower, upper) = quote_range(lower, upper, step);
        parts.sort_by(|a, b| (b.1 * b.2).total_cmp(&(a.1 * a.2)));
        let series: Vec<&Series> = parts.iter().map(|p| &self.series[p.0]).collect();
        let mut source_detail: Vec<String> = series.iter().map(|s| s.source.clone()).collect();
        source_detail.sort();
        source_detail.dedup();
        let illustrative = source_detail.iter().any(|s| s.starts_with("illustrative"));
        let unit = series[0].unit.clone();
        let (mut counts, mut isco_group, mut group_occupations, mut group_count) =
            (Counts::Occupation, None, None, None);
        let mut occupations = None;
        let mut optional_weight = None;
        match about {
            About::Occupation => {
                let isco = parts.iter().find_map(|p| match &self.series[p.0].subject {
                    Subject::Isco(code) => Some(code.clone()),
                    _ => None,
                });
                if let Some(code) = isco {
                    counts = Counts::IscoGroupShare;
                    group_occupations = self.prefix_count.get(&code).map(|&n| n as u32);
                    let group_total: f64 = parts
                        .iter()
                        .filter(
                            |p| matches!(&self.series[p.0].subject, Subject::Isco(c) if *c == code),
                        )
                        .map(|p| p.2)
                        .sum();
                    group_count = Some(quote(group_total).0);
                    isco_group = Some(code);
                }
            }
            About::Skill(skill) => {
                if parts
                    .iter()
                    .any(|p| matches!(&self.series[p.0].subject, Subject::Skill(_)))
                {
                    counts = Counts::SkillSeries;
                } else {
                    counts = Counts::Skill;
                    optional_weight = Some(OPTIONAL_WEIGHT);
                    let table = self.occupation_expected.get(&region);
                    occupations = Some(
                        self.skill_links
                            .get(skill.as_str())
                            .into_iter()
                            .flatten()
                            .filter(|(o, _)| table.is_some_and(|t| t[*o] > 0.0))
                            .count() as u32,
                    );
                }
            }
        }
        let mut figure = DemandFigure {
            score,
            expected: two_decimals(expected),
            count,
            fewer_than,
            lower,
            upper,
            from: from.to_string(),
            to: to.to_string(),
            horizon_months: to.since(from) + 1,
            kind,
            as_of: as_of.to_string(),
            age_months: month.since(as_of),
            stale: kind == FigureKind::LastKnown,
            counts,
            isco_group,
            group_occupations,
            group_count,
            occupations,
            optional_weight,
            unit,
            region,
            illustrative,
            source: String::new(),
            source_url: if illustrative {
                ILLUSTRATIVE_SOURCE_URL
            } else {
                SOURCES_URL
            }
            .into(),
            source_detail,
            series: series
                .iter()
                .take(NAMED_SERIES)
                .map(|s| {
                    format!(
                        "{}@{}",
                        s.subject,
                        s.region.as_ref().map_or("EE", |r| r.as_str())
                    )
                })
                .collect(),
            text: String::new(),
            clause: String::new(),
        };
        super::annotate::tell(&mut figure, lang);
        Some(figure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_rounded_to_what_the_data_support() {
        let said = |x: f64| {
            let (n, fewer, _) = quote(x);
            if fewer {
                format!("<{n}")
            } else {
                format!("{n}")
            }
        };
        for (x, want) in [
            (0.0, "<5"),
            (1.6, "<5"),
            (4.99, "<5"),
            (5.2, "5"),
            (12.4, "12"),
            (19.4, "19"),
            (31.0, "30"),
            (33.0, "35"),
            (98.0, "100"),
            (118.0, "120"),
            (338.2, "340"),
            (1234.0, "1200"),
            (15_490.0, "15000"),
        ] {
            assert_eq!(said(x), want, "{x}");
        }
        assert_eq!(quote_range(21.0, 46.0, 5.0), (20, 50));
    }

    #[test]
    fn old_data_give_their_last_months_never_a_forecast() {
        let as_of = YearMonth::new(2024, 12);
        let at = |y, m| window(YearMonth::new(y, m), as_of);
        let show = |(a, b, k): (YearMonth, YearMonth, FigureKind)| format!("{a} {b} {k:?}");
        assert_eq!(show(at(2025, 1)), "2025-01 2025-06 Forecast");
        assert_eq!(show(at(2025, 6)), "2025-06 2025-11 Forecast");
        assert_eq!(show(at(2024, 3)), "2024-03 2024-08 Observed");
        assert_eq!(show(at(2024, 9)), "2024-09 2025-02 Forecast");
        assert_eq!(show(at(2025, 7)), "2024-07 2024-12 LastKnown");
        assert_eq!(show(at(2026, 12)), "2024-07 2024-12 LastKnown");
    }
}
