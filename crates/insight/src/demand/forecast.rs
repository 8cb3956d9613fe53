//! Forecasts of monthly demand series, and their backtest.
//!
//! The model is an ordinary least-squares regression (linfa-linear) of
//! ln(1 + value) on a linear trend (in years) and eleven month-of-year
//! indicators, fitted on the last [`WINDOW`] months. A series shorter than
//! [`MIN_OWN`] months borrows its seasonal shape from a pooled fit over the
//! series of the same kind (the same ISCO major group, or all occupations,
//! or all skills) in which each series is centred on its own mean.
//!
//! Backtest: the last [`HOLDOUT`] months of each series are held out, the
//! model and the two baselines (naive: the last value; seasonal-naive: the
//! value twelve months before) forecast them, and each gets its MAPE. A
//! series uses the model only where the model beat the best baseline in its
//! own backtest; otherwise it uses that baseline. The interval is the 80 %
//! band of the chosen method's backtest errors (log scale, their root mean
//! square `sigma` over the six held-out months), widened with distance: `h`
//! months ahead it is `sigma * sqrt(h / 3.5)` (3.5 is the mean distance of
//! the held-out months), so the first month is narrower than the backtest
//! and the twelfth wider. [`SeriesForecast::ahead`] carries a forecast any
//! number of months on, up to [`MAX_AHEAD`].
//!
//! Pure: data in, data out; the model file is read and written by
//! [`super::load_model`] / [`super::save_model`].

use std::collections::BTreeMap;

use linfa::prelude::{Fit as _, *};
use linfa_linear::LinearRegression;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

use super::signals::{Series, Subject, YearMonth};

/// Months held out in the backtest.
pub const HOLDOUT: usize = 6;
/// Months forecast in the model file, and the months a figure counts.
pub const HORIZON: usize = 6;
/// The furthest month after the data's end that is forecast at all.
pub const MAX_AHEAD: usize = 36;
/// The mean distance (months) of the held-out months, where the backtest's spread holds.
const MEAN_HOLDOUT_DISTANCE: f64 = (HOLDOUT as f64 + 1.0) / 2.0;
/// Months of history the regression is fitted on at most.
pub const WINDOW: usize = 48;
/// Months whose mean residual sets the forecast's level.
pub const LEVEL_MONTHS: usize = 3;
/// A series shorter than this is fitted with a pooled seasonal shape.
pub const MIN_OWN: usize = 36;
/// The shortest series that is forecast at all (one year plus the holdout).
pub const MIN_LEN: usize = 12 + HOLDOUT;
/// z for the 80 % interval.
const Z80: f64 = 1.2816;
const N_FEATURES: usize = 12;

/// How a series is forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The regression (trend + month of year).
    Model,
    /// The value twelve months before.
    SeasonalNaive,
    /// The last value.
    Naive,
}

/// MAPE (%) of each method on the held-out months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Backtest {
    /// The regression; none when it could not be fitted.
    pub model: Option<f64>,
    /// The seasonal-naive baseline.
    pub seasonal_naive: f64,
    /// The naive baseline.
    pub naive: f64,
}

/// The forecast of one series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesForecast {
    /// The series' subject.
    pub subject: Subject,
    /// Its region.
    pub region: Option<oppepala_core::domain::Region>,
    /// Its unit.
    pub unit: String,
    /// Its source.
    pub source: String,
    /// The method used for the forecast.
    pub method: Method,
    /// Whether the regression used a pooled seasonal shape.
    pub pooled: bool,
    /// Backtest MAPE per method.
    pub backtest: Backtest,
    /// The regression's intercept, trend (per year) and month effects
    /// (Feb…Dec against Jan), on ln(1 + value); empty for a baseline.
    pub coefficients: Vec<f64>,
    /// The root mean square of the chosen method's backtest errors on ln(1 + value).
    pub sigma: f64,
    /// The first forecast month.
    pub start: YearMonth,
    /// The forecast, one value a month.
    pub forecast: Vec<f64>,
    /// The lower end of the 80 % interval.
    pub lower: Vec<f64>,
    /// The upper end of the 80 % interval.
    pub upper: Vec<f64>,
}

impl SeriesForecast {
    /// The forecast `h` months after the series' last month (1 = the
    /// first forecast month), with the lower and upper end of its 80 %
    /// interval; None past [`MAX_AHEAD`] or when `series` is not the one
    /// forecast.
    pub fn ahead(&self, series: &Series, h: usize) -> Option<(f64, f64, f64)> {
        let n = series.values.len();
        if h == 0 || h > MAX_AHEAD || n == 0 || self.start != series.last().plus(1) {
            return None;
        }
        let t = n + h - 1;
        let value = match self.method {
            Method::Naive => *series.values.last()?,
            Method::SeasonalNaive => *series.values.get((n - 12) + (h - 1) % 12)?,
            Method::Model => {
                let (intercept, weights) = self.coefficients.split_first()?;
                let x = features(t, series.start.plus(t as u32).month());
                (intercept + x.iter().zip(weights).map(|(a, b)| a * b).sum::<f64>())
                    .exp_m1()
                    .max(0.0)
            }
        };
        let spread = Z80 * self.sigma * (h as f64 / MEAN_HOLDOUT_DISTANCE).sqrt();
        let lower = (value.ln_1p() - spread).exp_m1().max(0.0);
        let upper = (value.ln_1p() + spread).exp_m1();
        Some((value, lower, upper))
    }
}

/// The features of month `t` (index from the series' start) at calendar month `month` (1–12).
fn features(t: usize, month: u32) -> [f64; N_FEATURES] {
    let mut row = [0.0; N_FEATURES];
    row[0] = t as f64 / 12.0;
    if month > 1 {
        row[month as usize - 1] = 1.0;
    }
    row
}

/// A fitted regression: intercept and the feature weights.
#[derive(Clone, Debug)]
struct Regression {
    intercept: f64,
    weights: Vec<f64>,
}

impl Regression {
    fn predict(&self, t: usize, month: u32) -> f64 {
        let x = features(t, month);
        self.intercept + x.iter().zip(&self.weights).map(|(a, b)| a * b).sum::<f64>()
    }
}

fn ols(rows: Vec<[f64; N_FEATURES]>, targets: Vec<f64>) -> Option<Regression> {
    let n = rows.len();
    // Every month indicator needs an observation, else the system is singular.
    let mut seen = [false; N_FEATURES];
    for row in &rows {
        for (i, v) in row.iter().enumerate().skip(1) {
            seen[i] |= *v != 0.0;
        }
    }
    if n < N_FEATURES + 2 || !seen[1..].iter().all(|s| *s) {
        return None;
    }
    let x = Array2::from_shape_vec((n, N_FEATURES), rows.into_iter().flatten().collect()).ok()?;
    let y = Array1::from(targets);
    let fitted = LinearRegression::new().fit(&Dataset::new(x, y)).ok()?;
    let weights = fitted.params().to_vec();
    if weights.iter().any(|w| !w.is_finite()) || !fitted.intercept().is_finite() {
        return None;
    }
    Some(Regression {
        intercept: fitted.intercept(),
        weights,
    })
}

/// Fits the regression on `values` (starting at `start`), the last WINDOW months.
fn fit_own(values: &[f64], start: YearMonth) -> Option<Regression> {
    let from = values.len().saturating_sub(WINDOW);
    let (rows, targets) = (from..values.len())
        .map(|t| (features(t, start.plus(t as u32).month()), values[t].ln_1p()))
        .unzip();
    ols(rows, targets)
}

/// The pooled seasonal shape: a fit on centred ln(1 + value) of many series.
/// Each series contributes its last WINDOW months before `until` (exclusive,
/// calendar), trend measured from `origin`.
fn fit_pooled(members: &[(&[f64], YearMonth)], until: YearMonth) -> Option<Regression> {
    let origin = members.iter().map(|m| m.1).min()?;
    let mut rows = Vec::new();
    let mut targets = Vec::new();
    for (values, start) in members {
        let end = (until.0.saturating_sub(start.0) as usize).min(values.len());
        let from = end.saturating_sub(WINDOW);
        if end <= from {
            continue;
        }
        let logs: Vec<f64> = values[from..end].iter().map(|v| v.ln_1p()).collect();
        let mean = logs.iter().sum::<f64>() / logs.len() as f64;
        for (i, log) in logs.iter().enumerate() {
            let month = start.plus((from + i) as u32);
            rows.push(features((month.0 - origin.0) as usize, month.month()));
            targets.push(log - mean);
        }
    }
    let mut fit = ols(rows, targets)?;
    // Re-express the trend from the origin; the caller adds its own level.
    fit.intercept = 0.0;
    Some(fit)
}

fn mape(actual: &[f64], forecast: &[f64]) -> f64 {
    let n = actual.len().max(1) as f64;
    100.0
        * actual
            .iter()
            .zip(forecast)
            .map(|(a, f)| (a - f).abs() / a.max(1.0))
            .sum::<f64>()
        / n
}

/// The pool a series belongs to for its seasonal shape.
fn pool_of(subject: &Subject) -> String {
    match subject {
        Subject::Isco(code) => format!("isco:{}", &code[..1]),
        Subject::Occupation(_) => "occupation".into(),
        Subject::Skill(_) => "skill".into(),
    }
}

/// Forecasts `values` from `history` months with `method`; `pooled` is the
/// pooled shape for short series. Returns None when the method cannot run.
fn predict(
    values: &[f64],
    start: YearMonth,
    method: Method,
    pooled: Option<&Regression>,
    steps: usize,
) -> Option<(Vec<f64>, Vec<f64>)> {
    let n = values.len();
    match method {
        Method::Naive => Some((vec![*values.last()?; steps], Vec::new())),
        Method::SeasonalNaive => {
            if n < 12 {
                return None;
            }
            Some((
                (0..steps).map(|h| values[n - 12 + h % 12]).collect(),
                Vec::new(),
            ))
        }
        Method::Model => {
            let fit = if n >= MIN_OWN {
                fit_own(values, start)?
            } else {
                // Level from the series, shape from the pool.
                let shape = pooled?;
                let from = n.saturating_sub(WINDOW);
                let level = (from..n)
                    .map(|t| values[t].ln_1p() - shape.predict(t, start.plus(t as u32).month()))
                    .sum::<f64>()
                    / (n - from) as f64;
                Regression {
                    intercept: level,
                    weights: shape.weights.clone(),
                }
            };
            // Level correction: the regression's season and trend, moved to
            // the level of the last LEVEL_MONTHS (the mean log residual
            // there), so a recent shift in the business cycle is not averaged
            // away over the whole window.
            let recent = n.saturating_sub(LEVEL_MONTHS)..n;
            let shift = recent
                .clone()
                .map(|t| values[t].ln_1p() - fit.predict(t, start.plus(t as u32).month()))
                .sum::<f64>()
                / recent.len().max(1) as f64;
            let fit = Regression {
                intercept: fit.intercept + shift,
                weights: fit.weights,
            };
            let mut coefficients = vec![fit.intercept];
            coefficients.extend(&fit.weights);
            let forecast = (n..n + steps)
                .map(|t| {
                    fit.predict(t, start.plus(t as u32).month())
                        .exp_m1()
                        .max(0.0)
                })
                .collect();
            Some((forecast, coefficients))
        }
    }
}

/// The backtest and the forecast of every monthly series long enough; the
/// others are skipped (their indexes are not in the map).
pub fn forecast_all(series: &[Series]) -> BTreeMap<usize, SeriesForecast> {
    // Pools of the series that may need a pooled shape.
    let mut pools: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in series.iter().enumerate() {
        if s.step_months == 1 && s.values.len() >= MIN_LEN {
            pools.entry(pool_of(&s.subject)).or_default().push(i);
        }
    }
    let pooled_fit = |i: usize, until: YearMonth| -> Option<Regression> {
        let members: Vec<(&[f64], YearMonth)> = pools
            .get(&pool_of(&series[i].subject))?
            .iter()
            .filter(|&&j| series[j].values.len() >= MIN_OWN)
            .map(|&j| (series[j].values.as_slice(), series[j].start))
            .collect();
        if members.is_empty() {
            return None;
        }
        let origin = members.iter().map(|m| m.1).min()?;
        let mut fit = fit_pooled(&members, until)?;
        // Shift the pooled trend to this series' own time index.
        let offset = (series[i].start.0 as f64 - origin.0 as f64) / 12.0;
        fit.intercept += fit.weights[0] * offset;
        Some(fit)
    };
    let mut out = BTreeMap::new();
    for (i, s) in series.iter().enumerate() {
        if s.step_months != 1 || s.values.len() < MIN_LEN {
            continue;
        }
        let n = s.values.len();
        let short = n < MIN_OWN;
        let (train, test) = s.values.split_at(n - HOLDOUT);
        let pooled_train = if short {
            pooled_fit(i, s.start.plus(train.len() as u32))
        } else {
            None
        };
        let run = |method, values: &[f64], pooled: Option<&Regression>| {
            predict(values, s.start, method, pooled, HOLDOUT).map(|p| p.0)
        };
        let model_bt = run(Method::Model, train, pooled_train.as_ref());
        let seasonal_bt = run(Method::SeasonalNaive, train, None).expect("n ≥ 12 + holdout");
        let naive_bt = run(Method::Naive, train, None).expect("non-empty");
        let backtest = Backtest {
            model: model_bt.as_ref().map(|f| mape(test, f)),
            seasonal_naive: mape(test, &seasonal_bt),
            naive: mape(test, &naive_bt),
        };
        let (best_baseline, baseline_mape, baseline_bt) =
            if backtest.seasonal_naive <= backtest.naive {
                (Method::SeasonalNaive, backtest.seasonal_naive, &seasonal_bt)
            } else {
                (Method::Naive, backtest.naive, &naive_bt)
            };
        let (method, chosen_bt) = match (&model_bt, backtest.model) {
            (Some(f), Some(m)) if m < baseline_mape => (Method::Model, f),
            _ => (best_baseline, baseline_bt),
        };
        // Spread of the chosen method's backtest errors on the log scale.
        let sigma = (test
            .iter()
            .zip(chosen_bt)
            .map(|(a, f)| (a.ln_1p() - f.ln_1p()).powi(2))
            .sum::<f64>()
            / HOLDOUT as f64)
            .sqrt()
            .max(0.05);
        let pooled_full = if short && method == Method::Model {
            pooled_fit(i, s.start.plus(n as u32))
        } else {
            None
        };
        let Some((_, coefficients)) =
            predict(&s.values, s.start, method, pooled_full.as_ref(), HORIZON)
        else {
            continue;
        };
        let mut forecast = SeriesForecast {
            subject: s.subject.clone(),
            region: s.region.clone(),
            unit: s.unit.clone(),
            source: s.source.clone(),
            method,
            pooled: short && method == Method::Model,
            backtest,
            coefficients,
            sigma,
            start: s.last().plus(1),
            forecast: Vec::with_capacity(HORIZON),
            lower: Vec::with_capacity(HORIZON),
            upper: Vec::with_capacity(HORIZON),
        };
        // The stored months are the ones `ahead` gives, so the file and a
        // figure never disagree.
        for h in 1..=HORIZON {
            let Some((value, lower, upper)) = forecast.ahead(s, h) else {
                break;
            };
            forecast.forecast.push(value);
            forecast.lower.push(lower);
            forecast.upper.push(upper);
        }
        if forecast.forecast.len() < HORIZON {
            continue;
        }
        out.insert(i, forecast);
    }
    out
}

/// Counts over a set of forecasts, for the eval table and the model file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Series forecast.
    pub series: usize,
    /// Series where the model's backtest MAPE beat seasonal-naive.
    pub model_beats_seasonal_naive: usize,
    /// Series where the model's backtest MAPE beat naive.
    pub model_beats_naive: usize,
    /// Series that use the model.
    pub uses_model: usize,
    /// Median backtest MAPE of the model, seasonal-naive, naive and the chosen method.
    pub median_mape_model: f64,
    /// Median MAPE of seasonal-naive.
    pub median_mape_seasonal_naive: f64,
    /// Median MAPE of naive.
    pub median_mape_naive: f64,
    /// Median MAPE of the method each series uses.
    pub median_mape_chosen: f64,
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    }
}

/// Summarises `forecasts`.
pub fn summarize<'a>(forecasts: impl IntoIterator<Item = &'a SeriesForecast>) -> Summary {
    let all: Vec<&SeriesForecast> = forecasts.into_iter().collect();
    let model = |f: &SeriesForecast| f.backtest.model.unwrap_or(f64::INFINITY);
    Summary {
        series: all.len(),
        model_beats_seasonal_naive: all
            .iter()
            .filter(|f| model(f) < f.backtest.seasonal_naive)
            .count(),
        model_beats_naive: all.iter().filter(|f| model(f) < f.backtest.naive).count(),
        uses_model: all.iter().filter(|f| f.method == Method::Model).count(),
        median_mape_model: median(all.iter().filter_map(|f| f.backtest.model).collect()),
        median_mape_seasonal_naive: median(all.iter().map(|f| f.backtest.seasonal_naive).collect()),
        median_mape_naive: median(all.iter().map(|f| f.backtest.naive).collect()),
        median_mape_chosen: median(
            all.iter()
                .map(|f| match f.method {
                    Method::Model => model(f),
                    Method::SeasonalNaive => f.backtest.seasonal_naive,
                    Method::Naive => f.backtest.naive,
                })
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seasonal(n: usize, level: f64, trend: f64, noise_seed: u64) -> Vec<f64> {
        // A deterministic pseudo-noise (xorshift) so the test needs no RNG crate.
        let mut x = noise_seed.max(1);
        (0..n)
            .map(|t| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let noise = ((x % 1000) as f64 / 1000.0 - 0.5) * 0.1;
                let season = 1.0 + 0.3 * (std::f64::consts::TAU * t as f64 / 12.0).cos();
                (level * (1.0 + trend).powf(t as f64 / 12.0) * season * (1.0 + noise)).round()
            })
            .collect()
    }

    fn series(subject: &str, values: Vec<f64>) -> Series {
        Series {
            subject: Subject::parse(subject).unwrap(),
            region: None,
            unit: "postings".into(),
            source: "test".into(),
            start: YearMonth::new(2018, 1),
            step_months: 1,
            values,
        }
    }

    #[test]
    fn the_model_learns_season_and_beats_the_naive_baseline() {
        let s = series("isco:513", seasonal(72, 200.0, 0.05, 7));
        let forecasts = forecast_all(std::slice::from_ref(&s));
        let f = &forecasts[&0];
        let model = f.backtest.model.unwrap();
        assert!(model < f.backtest.naive, "{:?}", f.backtest);
        assert!(model < 10.0, "{:?}", f.backtest);
        assert_eq!(f.method, Method::Model);
        assert_eq!(f.forecast.len(), HORIZON);
        assert_eq!(f.start, YearMonth::new(2024, 1));
        // January is the seasonal peak (cos 0): the forecast's first month is
        // above its fourth (April, the trough side).
        assert!(f.forecast[0] > f.forecast[3]);
        for i in 0..HORIZON {
            assert!(f.lower[i] <= f.forecast[i] && f.forecast[i] <= f.upper[i]);
        }
        // Further on, the forecast goes on and its interval widens.
        assert_eq!(f.ahead(&s, 1).unwrap().0, f.forecast[0]);
        let width = |h: usize| {
            let (v, lo, hi) = f.ahead(&s, h).unwrap();
            (hi.ln_1p() - v.ln_1p()) + (v.ln_1p() - lo.ln_1p())
        };
        assert!(
            width(1) < width(6) && width(6) < width(24),
            "{} {} {}",
            width(1),
            width(6),
            width(24)
        );
        assert!(f.ahead(&s, MAX_AHEAD).is_some());
        assert!(f.ahead(&s, MAX_AHEAD + 1).is_none());
        assert!(f.ahead(&s, 0).is_none());
    }

    #[test]
    fn a_series_without_season_keeps_a_baseline_when_the_model_loses() {
        // A random walk with level shifts: the regression cannot beat "last value".
        let mut values = vec![100.0; 46];
        values.extend(vec![300.0; 14]);
        let s = series("isco:2", values);
        let f = &forecast_all(std::slice::from_ref(&s))[&0];
        assert_eq!(f.backtest.naive, 0.0);
        assert_eq!(f.method, Method::Naive);
        assert!(f.forecast.iter().all(|v| *v == 300.0));
    }

    #[test]
    fn short_series_use_the_pooled_shape() {
        let long = series("isco:511", seasonal(72, 300.0, 0.0, 3));
        let mut short = series("isco:512", seasonal(24, 50.0, 0.0, 5));
        short.start = YearMonth::new(2022, 1);
        let forecasts = forecast_all(&[long, short]);
        let f = &forecasts[&1];
        assert!(f.backtest.model.is_some());
        if f.method == Method::Model {
            assert!(f.pooled);
        }
        assert!(forecast_all(&[series("isco:5", vec![1.0; 10])]).is_empty());
    }
}
