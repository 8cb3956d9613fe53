//! What is known of a candidate target, and why is it recommended? Its
//! preparation, demand and gap, the cheap estimate of hours and cost, its
//! place in the skill space, the ranker's features and score, and the
//! reason written from them.

use std::sync::Arc;

use crate::ml::ranker::Features;
use oppepala_core::domain::DemandFigure;
use oppepala_core::planner::{Gap, Path};

use super::prepared::TargetPrep;
use super::reasons::{self, ReasonLang};

pub(super) struct Candidate {
    pub(super) prep: Arc<TargetPrep>,
    pub(super) demand: Option<Arc<DemandFigure>>,
    pub(super) gap: Gap,
    pub(super) estimate_hours: f64,
    pub(super) estimate_cost: f64,
    pub(super) centroid: Option<Vec<f32>>,
    pub(super) features: Features,
    pub(super) score: f64,
}

/// The reason a target is recommended; its EQF level is said to suit the
/// learner's education only when the learner gave one (`has_education`).
pub(super) fn target_reason(
    c: &Candidate,
    path: Option<&Path>,
    lang: ReasonLang,
    has_education: bool,
) -> String {
    let met = c
        .prep
        .n_required
        .saturating_sub(c.gap.items.len() + c.gap.open_modules.len());
    reasons::target_reason(
        lang,
        &reasons::TargetFacts {
            met,
            n_required: c.prep.n_required,
            path: path.map(|p| (p.total_hours, p.total_cost_eur)),
            path_meets: path.map(|p| (p.meets.skills.met, p.meets.skills.of)),
            estimate: (c.estimate_hours, c.estimate_cost),
            demand: c.demand.as_ref().map(|d| d.clause.as_str()),
            transfers: c.features.0[8] >= 0.5,
            suits_education: (has_education && c.features.0[4] >= 0.75).then_some(c.prep.eqf),
        },
    )
}
