//! What is asked of a recommendation? How many targets, in which language,
//! for which planning day, and how long the planner may take per target.

use std::time::Duration;

use chrono::NaiveDate;

/// What to compute.
#[derive(Clone, Debug)]
pub struct Options {
    /// Targets to return.
    pub k: usize,
    /// Language of titles and reasons.
    pub lang: String,
    /// The planning day.
    pub today: NaiveDate,
    /// The planner's budget per target.
    pub plan_budget: Duration,
}

impl Options {
    /// The planning month demand figures are made for.
    pub fn month(&self) -> crate::demand::YearMonth {
        crate::demand::YearMonth::of(self.today)
    }

    /// The language texts are written in.
    pub fn text_lang(&self) -> oppepala_core::text::Lang {
        oppepala_core::text::Lang::of(&self.lang)
    }
}
