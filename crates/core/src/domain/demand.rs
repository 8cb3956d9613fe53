//! How much do employers want something, as one figure?
//!
//! [`DemandFigure`] is the one shape of a demand figure in every answer:
//! a gap item's demand for its skill, a recommended occupation's demand,
//! `GET /v1/demand`'s score. The demand module computes them; the planner's
//! answer types and recommendations carry them without knowing how they are
//! made, so neither depends on the other.
//!
//! Pure data; it must never do IO.

use serde::{Deserialize, Serialize};

use super::Region;

/// Demand for a skill or an occupation in a region over a forecast horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DemandFigure {
    /// 0–1: ln(1 + expected) against the skill (or occupation) with the
    /// most expected postings in the region.
    pub score: f64,
    /// Postings (jobs) expected over the horizon.
    pub expected: f64,
    /// The horizon in months.
    pub horizon_months: u32,
    /// What `expected` counts (`postings`, …).
    pub unit: String,
    /// The region; null for the whole country.
    pub region: Option<Region>,
    /// Where the numbers come from.
    pub source: String,
    /// The last observed month (YYYY-MM).
    pub as_of: String,
}
