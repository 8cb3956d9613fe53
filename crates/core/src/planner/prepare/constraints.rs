//! Which bites do the learner's constraints exclude, and why?
//!
//! Language, mode, region (for onsite and blended bites), dates and a cost
//! over the whole budget, checked in that order, so that a bite's
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
    Budget,
    /// Left out by an alternative (e.g. "online only").
    Alternative,
}

/// Why the learner's constraints exclude `bite`, if they do; `no_session`
/// says that none of its sessions fits the learner's dates.
pub(super) fn exclusion(
    bite: &Bite,
    cost: f64,
    learner: &Learner,
    languages: &[Lang],
    no_session: bool,
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
    if !bite.sessions.is_empty() && no_session {
        return Some(Exclusion::Dates);
    }
    if constraints
        .budget_eur
        .is_some_and(|budget| cost > budget + 1e-9)
    {
        return Some(Exclusion::Budget);
    }
    None
}
