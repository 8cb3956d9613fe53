//! `GET /v1/demand`: the dated, rounded demand figure of an occupation or
//! a skill in a region for a planning day (or why there is none), with the
//! history and the forecast with a widening interval behind it, its
//! sources and freshness; and the background pulls of the HTTP demand feeds.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use super::error::{ApiError, BusyProblems, Problem};
use super::extract::ApiQuery;
use super::metrics::{FeedLabels, FeedOutcomeLabels};
use crate::demand::feed::{self, PullOutcome};
use crate::demand::{self, Backtest, Demand, DemandFigure, DemandMissing, Method, YearMonth};
use crate::domain::{OccupationUri, Region, SkillUri};
use crate::service::{Change, Served};
use crate::text::Lang;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_demand))
}

/// What to look up: exactly one of `occupation` and `skill`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DemandQuery {
    /// An ESCO occupation URI.
    occupation: Option<String>,
    /// An ESCO skill URI.
    skill: Option<String>,
    /// An ISO 3166-2 county code (e.g. `EE-37`); none for the whole country.
    region: Option<String>,
    /// The planning day (YYYY-MM-DD, 2000-01-01–2100-12-31) the figure is
    /// dated against; default: the server's today.
    today: Option<NaiveDate>,
    /// The language of the texts (`et`, `ru`, `en`); default `en`.
    lang: Option<String>,
}

/// One month of history.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryPoint {
    /// YYYY-MM.
    month: String,
    /// The observed value (the share of the series that is this subject's).
    value: f64,
}

/// One month of forecast.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForecastPoint {
    /// YYYY-MM.
    month: String,
    /// Months after the data's last month (1 = the first forecast month).
    ahead: u32,
    /// The forecast.
    value: f64,
    /// The lower end of the 80 % interval (it widens with `ahead`).
    lower: f64,
    /// The upper end of the 80 % interval.
    upper: f64,
}

/// A series that feeds the answer, with its share (machine fields).
#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesShare {
    /// `isco:CODE` or an ESCO URI.
    subject: String,
    /// Its region; null for the whole country.
    region: Option<Region>,
    /// The part of the series counted for this subject.
    factor: f64,
    /// The source as the series names it.
    source: String,
    /// Its last month of data (YYYY-MM).
    last: String,
    /// How it is forecast: `model`, `seasonal-naive` or `naive`.
    method: Option<Method>,
    /// MAPE (%) of each method on the series' last 6 months.
    backtest: Option<Backtest>,
}

/// How fresh the numbers are.
#[derive(Debug, Serialize, ToSchema)]
pub struct Freshness {
    /// The last observed month (YYYY-MM); empty when no series covers the subject.
    as_of: String,
    /// The planning day's month (YYYY-MM).
    planning_month: String,
    /// Months from `as_of` to `planning_month`.
    age_months: u32,
    /// The data end more than six months before the planning month: the
    /// figure is the last known one, not a forecast.
    stale: bool,
    /// Unix time of the last good pull of each configured feed (null: never).
    feeds: BTreeMap<String, Option<u64>>,
}

/// The answer of `GET /v1/demand`.
#[derive(Debug, Serialize, ToSchema)]
pub struct DemandAnswer {
    /// The occupation or skill URI asked about.
    subject: String,
    /// The region asked about (county codes of the other code set are mapped); null for the country.
    region: Option<Region>,
    /// "Harju county", or "Estonia", in the asked language.
    region_name: String,
    /// The figure (dated, rounded, said in words); null when no series covers the subject.
    demand: Option<DemandFigure>,
    /// Why `demand` is null.
    missing: Option<DemandMissing>,
    /// The figure's text, or the reason there is none, in the asked language.
    explanation: String,
    /// Monthly history (sum of the series' shares).
    history: Vec<HistoryPoint>,
    /// Monthly forecast from the month after `freshness.as_of` to six
    /// months after the planning month (at most 36 months after the
    /// data), with its interval.
    forecast: Vec<ForecastPoint>,
    /// The series the numbers come from (machine fields).
    series: Vec<SeriesShare>,
    /// How fresh the numbers are.
    freshness: Freshness,
}

/// Demand for an occupation or a skill: a dated, rounded figure with its text, history, forecast with a widening interval, sources and freshness; the reason when there is none.
#[utoipa::path(get, path = "/v1/demand", tag = "demand",
    params(DemandQuery),
    responses(
        (status = 200, body = DemandAnswer),
        (status = 422, description = "Neither or both of occupation and skill, an unknown parameter, or a malformed value", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown occupation, skill or region", body = Problem, content_type = "application/problem+json"),
        BusyProblems))]
async fn get_demand(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<DemandQuery>,
) -> Result<axum::Json<DemandAnswer>, ApiError> {
    let served = state.served.load_full();
    let feeds = state
        .feeds
        .snapshot()
        .into_iter()
        .map(|(name, s)| (name, s.last_success))
        .collect();
    // A whole-country skill query sums hundreds of series (about 1 ms):
    // off the async threads, like the other heavy requests.
    super::heavy(&state, move || answer(&served, query, feeds))
        .await
        .map(axum::Json)
}

fn answer(
    served: &Served,
    query: DemandQuery,
    feeds: BTreeMap<String, Option<u64>>,
) -> Result<DemandAnswer, ApiError> {
    let demand: &Demand = &served.demand;
    let lang = crate::service::plans::check_lang(query.lang.as_deref())?;
    let lang = Lang::of(&lang);
    let month = YearMonth::of(crate::service::plans::planning_day(query.today)?);
    let region = match query.region.as_deref() {
        None | Some("") => None,
        Some(r) => {
            let region = Region::new(r).map_err(|m| ApiError::field("region", m))?;
            let known = crate::domain::county::is_county(r) || demand.knows_region(Some(&region));
            if !known {
                return Err(ApiError::NotFound {
                    what: "region",
                    id: r.to_string(),
                });
            }
            Some(demand::canonical_region(&region))
        }
    };
    let (subject, figure, missing, contributions) = match (query.occupation, query.skill) {
        (Some(occ), None) => {
            let uri =
                OccupationUri::new(occ.clone()).map_err(|m| ApiError::field("occupation", m))?;
            if !served.taxonomy.contains_occupation(uri.as_str()) {
                return Err(ApiError::NotFound {
                    what: "occupation",
                    id: occ,
                });
            }
            let figure = demand.occupation(&uri, region.as_ref(), month, lang);
            let missing = figure
                .is_none()
                .then(|| demand.occupation_missing(&uri, region.as_ref(), month, lang));
            let contributions = demand.occupation_series(&uri, region.as_ref());
            (occ, figure, missing, contributions)
        }
        (None, Some(skill)) => {
            let uri = SkillUri::new(skill.clone()).map_err(|m| ApiError::field("skill", m))?;
            if !served.taxonomy.contains_skill(uri.as_str()) {
                return Err(ApiError::NotFound {
                    what: "skill",
                    id: skill,
                });
            }
            let figure = demand.skill(&uri, region.as_ref(), month, lang);
            let missing = figure
                .is_none()
                .then(|| demand.skill_missing(&uri, region.as_ref(), month, lang));
            let contributions = demand.skill_contributions(&uri, region.as_ref());
            (skill, figure, missing, contributions)
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::field(
                "occupation",
                "give either occupation or skill, not both",
            ));
        }
        (None, None) => {
            return Err(ApiError::field(
                "occupation",
                "give an occupation or a skill (an ESCO URI)",
            ));
        }
    };
    let mut history: BTreeMap<YearMonth, f64> = BTreeMap::new();
    let mut series = Vec::new();
    let mut as_of: Option<YearMonth> = None;
    for &(i, factor) in &contributions {
        let Some(s) = demand.series(i) else { continue };
        let f = demand.forecast(i);
        if s.step_months == 1 {
            for (t, v) in s.values.iter().enumerate() {
                *history.entry(s.start.plus(t as u32)).or_default() += v * factor;
            }
            if f.is_some() {
                as_of = as_of.max(Some(s.last()));
            }
        }
        series.push(SeriesShare {
            subject: s.subject.to_string(),
            region: s.region.clone(),
            factor,
            source: s.source.clone(),
            last: s.last().to_string(),
            method: f.map(|f| f.method),
            backtest: f.map(|f| f.backtest.clone()),
        });
    }
    // The forecast from the month after the data to at least six months
    // after the planning month, as far as it goes; a month some series
    // cannot forecast ends it, so no month is claimed that is not whole.
    let mut forecast = Vec::new();
    if let Some(as_of) = as_of {
        let until = as_of
            .plus(demand::forecast::HORIZON as u32)
            .max(month.plus(demand::forecast::HORIZON as u32))
            .min(as_of.plus(demand::MAX_AHEAD as u32));
        'months: for m in as_of.0 + 1..=until.0 {
            let m = YearMonth(m);
            let mut sum = (0.0, 0.0, 0.0);
            for &(i, factor) in &contributions {
                let Some(s) = demand.series(i) else { continue };
                if s.step_months != 1 || demand.forecast(i).is_none() {
                    continue;
                }
                let Some((v, lo, hi)) = demand.month_value(i, m) else {
                    break 'months;
                };
                sum.0 += v * factor;
                sum.1 += lo * factor;
                sum.2 += hi * factor;
            }
            forecast.push(ForecastPoint {
                month: m.to_string(),
                ahead: m.since(as_of),
                value: round(sum.0),
                lower: round(sum.1),
                upper: round(sum.2),
            });
        }
    }
    let explanation = match (&figure, &missing) {
        (Some(f), _) => f.text.clone(),
        (None, Some(m)) => m.text.clone(),
        (None, None) => String::new(),
    };
    let age_months = as_of.map_or(0, |a| month.since(a));
    Ok(DemandAnswer {
        subject,
        region_name: demand::region_name_in(region.as_ref(), lang.code()),
        region,
        demand: figure,
        missing,
        explanation,
        history: history
            .into_iter()
            .map(|(m, v)| HistoryPoint {
                month: m.to_string(),
                value: round(v),
            })
            .collect(),
        forecast,
        series,
        freshness: Freshness {
            as_of: as_of.map(|a| a.to_string()).unwrap_or_default(),
            planning_month: month.to_string(),
            age_months,
            stale: age_months > demand::forecast::HORIZON as u32,
            feeds,
        },
    })
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The `/readyz` detail of demand: series, backtest summary and feeds.
pub fn readiness_detail(state: &AppState, demand: &Demand) -> String {
    let s = demand.summary();
    let mut text = format!(
        "{} series, {} forecast ({} by the model; it beats seasonal-naive on {})",
        demand.n_series(),
        s.series,
        s.uses_model,
        s.model_beats_seasonal_naive
    );
    let now = feed::unix_now();
    for (name, f) in state.feeds.snapshot() {
        let age = f.last_success.map_or_else(
            || "never pulled".to_string(),
            |t| format!("last good {} s ago", now.saturating_sub(t)),
        );
        let error = f.last_error.map_or_else(String::new, |(reason, detail)| {
            format!(", last error {reason}: {detail}")
        });
        text.push_str(&format!("; feed {name}: {} series, {age}{error}", f.series));
    }
    text
}

/// Records a pull's outcome in the feed states and `/metrics`.
fn record(state: &AppState, name: &str, outcome: &PullOutcome) {
    let now = feed::unix_now();
    state.feeds.record(name, outcome, now);
    let metrics = &state.metrics;
    let label = match outcome {
        PullOutcome::Updated { .. } => "updated",
        PullOutcome::NotModified => "not_modified",
        PullOutcome::Failed { reason, .. } => reason,
    };
    metrics
        .demand_feed_pulls
        .get_or_create(&FeedOutcomeLabels {
            feed: name.into(),
            outcome: label.into(),
        })
        .inc();
    for reason in [
        "timeout",
        "connect",
        "http_5xx",
        "http_4xx",
        "too_large",
        "invalid",
        "io",
    ] {
        metrics.demand_feed_last_error.remove(&FeedOutcomeLabels {
            feed: name.into(),
            outcome: reason.into(),
        });
    }
    match outcome {
        PullOutcome::Failed { reason, detail } => {
            tracing::warn!(
                demand.feed = name,
                reason,
                "demand feed pull failed; the last good snapshot stays in use: {detail}"
            );
            metrics
                .demand_feed_last_error
                .get_or_create(&FeedOutcomeLabels {
                    feed: name.into(),
                    outcome: reason.to_string(),
                })
                .set(1);
        }
        _ => {
            metrics
                .demand_feed_last_success
                .get_or_create(&FeedLabels { feed: name.into() })
                .set(now as i64);
        }
    }
}

/// Pulls every configured feed once; when any brought new data, rebuilds
/// the demand (signals + snapshots + forecasts) and swaps it in. Returns
/// each feed's outcome.
pub async fn pull_all(state: &AppState) -> Vec<(String, PullOutcome)> {
    let config = &state.config;
    let client = feed::client(&config.demand);
    let mut outcomes = Vec::new();
    for f in &config.demand.feeds {
        let outcome = feed::pull(&client, &config.demand, f, &config.data_dir).await;
        record(state, &f.name, &outcome);
        outcomes.push((f.name.clone(), outcome));
    }
    if outcomes
        .iter()
        .any(|(_, o)| matches!(o, PullOutcome::Updated { .. }))
    {
        refresh(state).await;
    }
    outcomes
}

/// Rebuilds the demand from disk and swaps it into the served set.
async fn refresh(state: &AppState) {
    let config = state.config.clone();
    let taxonomy = state.served.load().taxonomy.clone();
    let built = tokio::task::spawn_blocking(move || {
        feed::load_demand(
            &config.data_dir,
            &config.models_dir,
            &config.demand,
            &taxonomy,
        )
    })
    .await;
    match built {
        Ok(Ok(demand)) => {
            let demand = Arc::new(demand);
            state.served.rcu(|served| {
                served.next(Change {
                    demand: Some(demand.clone()),
                    ..Change::default()
                })
            });
            state.record_versions();
        }
        Ok(Err(error)) => {
            tracing::error!(
                "demand not refreshed after a feed pull; the previous demand stays in use: {error}"
            )
        }
        Err(error) => tracing::error!("demand refresh failed: {error}"),
    }
}

/// Starts the background pulls: one task per feed, each on its interval
/// (the first pull at start).
pub fn spawn_feeds(state: AppState) {
    for f in state.config.demand.feeds.clone() {
        let state = state.clone();
        tokio::spawn(async move {
            let client = feed::client(&state.config.demand);
            let mut interval = tokio::time::interval(Duration::from_secs(f.interval_s));
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                let outcome =
                    feed::pull(&client, &state.config.demand, &f, &state.config.data_dir).await;
                record(&state, &f.name, &outcome);
                if matches!(outcome, PullOutcome::Updated { .. }) {
                    refresh(&state).await;
                }
            }
        });
    }
}
