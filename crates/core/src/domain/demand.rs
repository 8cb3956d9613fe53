//! How much do employers want something, as one figure?
//!
//! [`DemandFigure`] is the one shape of a demand figure in every answer:
//! a gap item's demand for its skill, a recommended occupation's demand,
//! `GET /v1/demand`'s figure. The demand module computes them; the
//! planner's answer types and recommendations carry them without knowing
//! how they are made, so neither depends on the other. [`DemandMissing`]
//! says why there is no figure.
//!
//! A figure is dated (the months it counts, the month its data end, their
//! age on the planning day), says what it counts in a machine code and in
//! words, and is rounded where people read it: `text` and `clause` quote
//! `count`, never `expected`.
//!
//! Pure data; it must never do IO.

use serde::{Deserialize, Serialize};

use super::Region;

/// Demand for a skill or an occupation in a region over six months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DemandFigure {
    /// 0–1: ln(1 + postings) against the skill (or occupation) most in
    /// demand in the region, over the six months after the data end.
    pub score: f64,
    /// The estimate over `from`–`to`, to two decimals, for computing and
    /// summing; people are told `count`.
    pub expected: f64,
    /// The estimate as it is quoted: rounded to what the data support (two
    /// significant digits at most; fewer than 5 when `fewer_than`).
    pub count: u32,
    /// The count is "fewer than `count`" (5) rather than "about `count`".
    pub fewer_than: bool,
    /// The lower end of the likely range (the months' 80 % bounds summed), rounded like `count`.
    pub lower: u32,
    /// The upper end of the likely range, rounded like `count`.
    pub upper: u32,
    /// The first month counted (YYYY-MM).
    pub from: String,
    /// The last month counted (YYYY-MM).
    pub to: String,
    /// Months counted (`from`–`to`).
    pub horizon_months: u32,
    /// `forecast` (some months are forecast), `observed` (all months are
    /// data) or `last-known` (the data are older than six months on the
    /// planning day: the last six months of data, nothing forecast).
    pub kind: FigureKind,
    /// The last month of data (YYYY-MM).
    pub as_of: String,
    /// Months from `as_of` to the planning day's month (0 when the planning day is earlier).
    pub age_months: u32,
    /// The data are older than six months on the planning day.
    pub stale: bool,
    /// What is counted: `occupation` (postings for the occupation),
    /// `isco-group-share` (its equal share of its ISCO group's postings),
    /// `skill` (postings of the occupations that need the skill: essential
    /// links fully, optional ones at `optional_weight`) or `skill-series`
    /// (a series of postings asking for the skill itself).
    pub counts: Counts,
    /// The ISCO-08 group whose series is shared (`isco-group-share`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub isco_group: Option<String>,
    /// How many ESCO occupations share the group's postings (`isco-group-share`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_occupations: Option<u32>,
    /// The group's own estimate, rounded like `count` (`isco-group-share`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_count: Option<u32>,
    /// How many occupations needing the skill add postings (`skill`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupations: Option<u32>,
    /// What an optional occupation–skill link counts (`skill`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional_weight: Option<f64>,
    /// What `expected` counts (`postings`, …).
    pub unit: String,
    /// The region; null for the whole country.
    pub region: Option<Region>,
    /// The source is illustrative (made up to look like real data).
    pub illustrative: bool,
    /// The source's name, for people, in the answer's language.
    pub source: String,
    /// Where the source is described: its entry in the repository's `data/SOURCES.md`.
    pub source_url: String,
    /// The sources as the series name them (machine field).
    pub source_detail: Vec<String>,
    /// The series counted, `SUBJECT@REGION` (machine field).
    pub series: Vec<String>,
    /// The figure in words, in the answer's language: what it counts,
    /// where, in which months, the likely range, the data's end month, and
    /// whether it is illustrative or old.
    pub text: String,
    /// A short clause on the figure for a recommendation's reason.
    pub clause: String,
}

/// Which months a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FigureKind {
    /// Six months from the planning day's month, some forecast.
    Forecast,
    /// Six months from the planning day's month, all observed.
    Observed,
    /// The last six months of data: the data are too old to forecast from.
    LastKnown,
}

/// What a figure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Counts {
    /// Postings for the occupation (its own series).
    Occupation,
    /// The occupation's equal share of its ISCO group's postings.
    IscoGroupShare,
    /// Postings of the occupations that need the skill.
    Skill,
    /// Postings asking for the skill (a series of the skill itself).
    SkillSeries,
}

/// Why an occupation or a skill has no demand figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DemandMissing {
    /// `no-data` (no series loaded), `region-not-covered` (no series for
    /// the county), `no-isco-group` (the occupation has no ISCO code),
    /// `no-series-for-group` (no series for the occupation or its ISCO
    /// groups in the region), `skill-not-needed` (no occupation needs the
    /// skill), `no-series-for-skill` (none of the occupations needing it
    /// has a series in the region), `before-data` (the series start after
    /// the months the planning day asks for).
    pub code: String,
    /// The reason in words, in the answer's language.
    pub text: String,
}
