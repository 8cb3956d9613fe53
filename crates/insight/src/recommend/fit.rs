//! How well does a target or a bite fit the learner? Which bites they may
//! take (their languages, modes and county), and the ranker's feature
//! values for level, place, hours and cost.

use oppepala_core::domain::{Bite, Learner};

/// The EQF level a learner's education corresponds to (ISCED 0–2 → 2,
/// 3 → 4, 4 → 4, 5 → 5, 6 → 6, 7 → 7, 8 → 8); 3 when unknown.
fn education_eqf(learner: &Learner) -> f64 {
    match learner.education.map(|e| e.get()) {
        None => 3.0,
        Some(0..=2) => 2.0,
        Some(3 | 4) => 4.0,
        Some(e) => f64::from(e),
    }
}

pub(super) fn level_fit(learner: &Learner, eqf: u8) -> f64 {
    (1.0 - (f64::from(eqf) - (education_eqf(learner) + 1.0)).abs() / 4.0).max(0.0)
}

pub(super) fn allowed(bite: &Bite, learner: &Learner) -> bool {
    let languages = learner.allowed_languages();
    if !languages.is_empty() && !bite.languages.iter().any(|l| languages.contains(l)) {
        return false;
    }
    let modes = &learner.constraints.modes;
    if !modes.is_empty() && !modes.contains(&bite.mode) {
        return false;
    }
    !(bite.mode.needs_region()
        && matches!((&learner.region, &bite.region), (Some(h), Some(t)) if h != t))
}

pub(super) fn local_share(bites: &[&Bite], learner: &Learner) -> f64 {
    if bites.is_empty() {
        return 1.0;
    }
    let local = bites
        .iter()
        .filter(|b| !b.mode.needs_region() || b.region.is_none() || b.region == learner.region)
        .count();
    local as f64 / bites.len() as f64
}

pub(super) fn short(hours: f64) -> f64 {
    40.0 / (40.0 + hours.max(0.0))
}

pub(super) fn affordable(cost: f64) -> f64 {
    100.0 / (100.0 + cost.max(0.0))
}
