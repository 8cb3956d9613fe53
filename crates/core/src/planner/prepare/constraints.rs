//! Which bites do the learner's constraints exclude, and why?
//!
//! Language, mode, region (for onsite and blended bites), dates, hours per
//! week (sessions heavier than the learner's week) and a cost over the
//! whole budget, checked in that order, so that a bite's
//! [`Exclusion`] is the constraint it is furthest from meeting.

use crate::domain::{Bite, Lang, Learner};

/// Why the learner's constraints exclude a bite, from the furthest from
/// meeting them to the closest (used to pick the most telling reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Exclusion {
    Language,
    Mode,
    Region,
    Dates,
    /// Every session within the dates needs more hours a week than the
    /// learner has.
    Pace,
    Budget,
    /// Left out by an alternative (e.g. "online only").
    Alternative,
}

/// Whether a bite's sessions fit the learner's dates and hours per week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SessionFit {
    /// Some session fits both (or the bite is self-paced).
    Fits,
    /// None fits the dates.
    OutsideDates,
    /// Some fit the dates, but each needs more hours a week.
    TooHeavy,
}

/// Why the learner's constraints exclude `bite`, if they do; `sessions`
/// says whether its sessions fit the learner's dates and hours per week.
pub(super) fn exclusion(
    bite: &Bite,
    cost: f64,
    learner: &Learner,
    languages: &[Lang],
    sessions: SessionFit,
) -> Option<Exclusion> {
    let constraints = &learner.constraints;
    if !languages.is_empty() && !bite.languages.iter().any(|l| languages.contains(l)) {
        return Some(Exclusion::Language);
    }
    if !constraints.modes.is_empty() && !constraints.modes.contains(&bite.mode) {
        return Some(Exclusion::Mode);
    }
    if bite.mode.needs_region()
        && let (Some(home), Some(there)) = (&learner.region, &bite.region)
        && home != there
        && !constraints.regions.contains(there)
    {
        return Some(Exclusion::Region);
    }
    if !bite.sessions.is_empty() {
        match sessions {
            SessionFit::Fits => {}
            SessionFit::OutsideDates => return Some(Exclusion::Dates),
            SessionFit::TooHeavy => return Some(Exclusion::Pace),
        }
    }
    if constraints
        .budget_eur
        .is_some_and(|budget| cost > budget + 1e-9)
    {
        return Some(Exclusion::Budget);
    }
    None
}
