//! How to plan?
//!
//! What "shortest" means ([`Objective`]) and the options of one planning
//! call ([`PlanOptions`]: how many paths, the time budget, today, the
//! language).
//!
//! It must never read the clock: "today" is an option.

use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What "shortest" means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    /// Fewest total hours of study (the default).
    #[default]
    Hours,
    /// Lowest total cost for the learner (after funding).
    Cost,
    /// Earliest finish on the calendar.
    Weeks,
}

impl Objective {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Hours => "hours",
            Objective::Cost => "cost",
            Objective::Weeks => "weeks",
        }
    }
}

/// How to plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanOptions {
    /// What to minimise.
    pub objective: Objective,
    /// How many paths to return (at least 1).
    pub k: usize,
    /// When to stop searching and return the best path found so far.
    pub time_budget: Duration,
    /// Today; sessions that start before it are over.
    pub today: NaiveDate,
    /// Language of labels, titles and explanations.
    pub lang: String,
    /// When set, every search of the plan stops after this many search
    /// states instead of at the time budget (and the large-instance phases,
    /// which are timed, are left out): the same request then gets the same
    /// answer however busy the machine is. Unlocks plan again so.
    pub node_budget: Option<u64>,
}

impl PlanOptions {
    /// The defaults: fewest hours, 3 paths, 200 ms, English, no node budget.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            objective: Objective::Hours,
            k: 3,
            time_budget: Duration::from_millis(200),
            today,
            lang: "en".into(),
            node_budget: None,
        }
    }
}
