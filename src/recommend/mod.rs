//! What next? Recommendations for a learner with no fixed goal: candidate
//! targets (every micro-qualification, and the occupations in demand in
//! the learner's county), a cheap first ranking, a diverse shortlist (MMR
//! over skill-space centroids and fields), the best path of each through
//! the planner, the final ranking by the ranker, and the next bites.
//!
//! Pure: takes the catalogue, taxonomy, models and a demand lookup, and
//! returns data; no IO, no HTTP. The skill space gives transfer credit and
//! diversity only; coverage is the planner's rule.

pub mod cohort;

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::catalogue::Catalogue;
use crate::domain::{Bite, Learner, OccupationUri, Region, SkillUri, Target};
use crate::ml::Models;
use crate::ml::ranker::{Features, Ranker};
use crate::planner::{self, Gap, Hierarchy, Objective, Path, PlanOptions};
use crate::taxonomy::Taxonomy;

/// A demand figure (mirrors the demand module's `SkillDemand` and
/// `OccupationDemand`, field for field).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DemandFigure {
    /// 0–1.
    pub score: f64,
    /// Postings or jobs expected over the horizon.
    pub expected: f64,
    /// The horizon in months.
    pub horizon_months: u32,
    /// What `expected` counts.
    pub unit: String,
    /// The region, if regional.
    pub region: Option<Region>,
    /// Where the figure comes from.
    pub source: String,
    /// The month of the last observation (YYYY-MM).
    pub as_of: String,
}

/// What recommendations need to know of labour-market demand. The demand
/// module's `Demand` implements it (below); [`NoDemand`] knows nothing (tests).
pub trait DemandLookup: Send + Sync {
    /// Demand for a skill in a region.
    fn skill(&self, skill: &SkillUri, region: Option<&Region>) -> Option<DemandFigure>;
    /// Demand for an occupation in a region.
    fn occupation(
        &self,
        occupation: &OccupationUri,
        region: Option<&Region>,
    ) -> Option<DemandFigure>;
    /// Occupations by expected postings in the region, best first.
    fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
    ) -> Vec<(OccupationUri, DemandFigure)>;
}

/// No demand data: every lookup is empty (ranking then rests on the other features).
pub struct NoDemand;

impl DemandLookup for NoDemand {
    fn skill(&self, _: &SkillUri, _: Option<&Region>) -> Option<DemandFigure> {
        None
    }
    fn occupation(&self, _: &OccupationUri, _: Option<&Region>) -> Option<DemandFigure> {
        None
    }
    fn top_occupations(&self, _: Option<&Region>, _: usize) -> Vec<(OccupationUri, DemandFigure)> {
        Vec::new()
    }
}

/// One recommended target.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TargetRecommendation {
    /// `{"qualification": ID}` or `{"occupation": URI}`.
    pub target: Target,
    /// Its title in the asked language.
    pub title: String,
    /// The ranker's score, 0–1.
    pub score: f64,
    /// Why, in plain words.
    pub reason: String,
    /// The demand behind it, when known.
    pub demand: Option<DemandFigure>,
    /// The best path there (as in `POST /v1/paths`), if one exists.
    pub best_path: Option<Path>,
    /// The ranker's features, by name (echo them in `POST /v1/feedback`).
    pub features: BTreeMap<String, f64>,
}

/// One recommended next bite.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BiteRecommendation {
    /// The bite id.
    pub bite: String,
    /// Its title in the asked language.
    pub title: String,
    /// Workload.
    pub hours: f64,
    /// Cost for this learner after funding.
    pub cost: f64,
    /// The ranker's score, 0–1.
    pub score: f64,
    /// Why, in plain words.
    pub reason: String,
    /// The ranker's features, by name.
    pub features: BTreeMap<String, f64>,
}

/// Which ranker ranked.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ModelInfo {
    /// `fallback` or `logistic`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// The answer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Recommendations {
    /// Ranked targets, diverse.
    pub targets: Vec<TargetRecommendation>,
    /// Ranked bites the learner can start now.
    pub next_bites: Vec<BiteRecommendation>,
    /// The ranker used.
    pub model: ModelInfo,
}

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

/// The longest first step offered to a learner with ISCED 0–2.
pub const ENTRY_MAX_HOURS: f64 = 40.0;

/// Whether a learner counts as low-qualified (ISCED 0–2).
pub fn is_low_qualified(learner: &Learner) -> bool {
    learner.education.is_some_and(|e| e.get() <= 2)
}

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

fn level_fit(learner: &Learner, eqf: u8) -> f64 {
    (1.0 - (f64::from(eqf) - (education_eqf(learner) + 1.0)).abs() / 4.0).max(0.0)
}

fn allowed(bite: &Bite, learner: &Learner) -> bool {
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

fn meets(learner: &Learner, taxonomy: &Taxonomy, skill: &SkillUri, level: u8) -> bool {
    learner
        .competences
        .iter()
        .any(|c| c.level.get() >= level && Hierarchy::covers(taxonomy, &c.skill, skill))
}

fn local_share(bites: &[&Bite], learner: &Learner) -> f64 {
    if bites.is_empty() {
        return 1.0;
    }
    let local = bites
        .iter()
        .filter(|b| !b.mode.needs_region() || b.region.is_none() || b.region == learner.region)
        .count();
    local as f64 / bites.len() as f64
}

fn short(hours: f64) -> f64 {
    40.0 / (40.0 + hours.max(0.0))
}

fn affordable(cost: f64) -> f64 {
    100.0 / (100.0 + cost.max(0.0))
}

/// A target before ranking: what, title, EQF level, field, demand.
type RawTarget = (Target, String, u8, Option<String>, Option<DemandFigure>);

struct Candidate {
    target: Target,
    title: String,
    eqf: u8,
    field: Option<String>,
    demand: Option<DemandFigure>,
    goal: planner::Goal,
    gap: Gap,
    n_required: usize,
    estimate_hours: f64,
    estimate_cost: f64,
    centroid: Option<Vec<f32>>,
    features: Features,
    score: f64,
}

/// Recommends targets and next bites for `learner`.
pub fn recommend(
    learner: &Learner,
    catalogue: &Catalogue,
    taxonomy: &Taxonomy,
    models: &Models,
    demand: &dyn DemandLookup,
    options: &Options,
) -> Recommendations {
    let ranker: &Ranker = &models.ranker;
    let lang = options.lang.as_str();
    let region = learner.region.as_ref();
    let funding = &learner.constraints.funding;
    let held: Vec<&str> = learner
        .competences
        .iter()
        .map(|c| c.skill.as_str())
        .collect();
    let usable: Vec<&Bite> = catalogue
        .bites()
        .iter()
        .filter(|b| allowed(b, learner))
        .collect();

    // Candidates: every qualification, and occupations in demand here.
    let mut targets: Vec<RawTarget> = catalogue
        .qualifications()
        .iter()
        .map(|q| {
            (
                Target::Qualification(q.id.clone()),
                q.title.get(lang).unwrap_or(q.id.as_str()).to_string(),
                q.eqf_level.get(),
                q.field.clone(),
                None,
            )
        })
        .collect();
    for (occupation, figure) in demand.top_occupations(region, 30) {
        let title = taxonomy
            .occupation_label(occupation.as_str(), lang)
            .unwrap_or(occupation.as_str())
            .to_string();
        targets.push((Target::Occupation(occupation), title, 4, None, Some(figure)));
    }

    let mut candidates: Vec<Candidate> = Vec::new();
    for (target, title, eqf, field, figure) in targets {
        let Ok(goal) = crate::goal::resolve(&target, catalogue, taxonomy) else {
            continue;
        };
        let gap = planner::gap_in(&goal, learner, taxonomy, lang);
        let n_required = goal.competences.len() + goal.all_of.len() + goal.n_of.len();
        if gap.is_empty() || n_required == 0 {
            continue; // met already: nothing to recommend towards
        }
        // A cheap estimate: the cheapest usable bite per gap item.
        let (mut hours, mut cost) = (0.0, 0.0);
        let mut seen = HashSet::new();
        let mut coverable = 0usize;
        for item in &gap.items {
            let best = usable
                .iter()
                .filter(|b| {
                    b.outcomes.iter().any(|o| {
                        o.level.get() >= item.required_level
                            && Hierarchy::covers(taxonomy, &o.skill, &item.skill)
                    })
                })
                .min_by(|a, b| a.hours.total_cmp(&b.hours));
            coverable += usize::from(best.is_some());
            if let Some(b) = best
                && seen.insert(b.id.as_str())
            {
                hours += b.hours;
                cost += b.cost_for(funding);
            }
        }
        // An occupation in demand is offered only when the catalogue can
        // teach most of what is missing for it: demand for doctors is no
        // reason to send someone on short courses that cannot get them there.
        if matches!(target, Target::Occupation(_)) && coverable * 2 < gap.items.len() {
            continue;
        }
        let demand_figure = figure.or_else(|| {
            // A qualification's demand: the best demand of the skills it needs.
            gap.items
                .iter()
                .filter_map(|i| demand.skill(&i.skill, region))
                .max_by(|a, b| a.score.total_cmp(&b.score))
        });
        let missing: Vec<&str> = gap.items.iter().map(|i| i.skill.as_str()).collect();
        let open = gap.items.len() + gap.open_modules.len();
        let features = Features([
            1.0 - open as f64 / n_required.max(open) as f64,
            demand_figure.as_ref().map_or(0.0, |d| d.score),
            short(hours),
            affordable(cost),
            level_fit(learner, eqf),
            1.0,
            local_share(&usable, learner),
            crate::ml::ranker::DEFAULT_COMPLETION,
            models.space.transfer(&held, &missing),
        ]);
        let centroid = models
            .space
            .centroid(goal.competences.iter().map(|c| c.skill.as_str()));
        candidates.push(Candidate {
            score: ranker.score(&features),
            target,
            title,
            eqf,
            field,
            demand: demand_figure,
            goal,
            gap,
            n_required,
            estimate_hours: hours,
            estimate_cost: cost,
            centroid,
            features,
        });
    }

    let chosen = diverse(candidates, options.k);
    let plan_options = PlanOptions {
        objective: Objective::Hours,
        k: 1,
        time_budget: options.plan_budget,
        today: options.today,
        lang: options.lang.clone(),
    };
    let mut out_targets: Vec<TargetRecommendation> = Vec::new();
    let mut open_skills: Vec<(SkillUri, u8)> = Vec::new();
    for mut c in chosen {
        let best_path = planner::plan(&c.goal, catalogue.bites(), learner, taxonomy, &plan_options)
            .ok()
            .and_then(|a| a.paths.into_iter().next());
        if let Some(path) = &best_path {
            c.features.0[2] = short(path.total_hours);
            c.features.0[3] = affordable(path.total_cost_eur);
            let steps: Vec<&Bite> = path
                .steps
                .iter()
                .filter_map(|s| catalogue.bite(s.bite.as_str()))
                .collect();
            c.features.0[6] = local_share(&steps, learner);
            if !steps.is_empty() {
                c.features.0[7] = steps
                    .iter()
                    .map(|b| ranker.completion(&b.provider))
                    .sum::<f64>()
                    / steps.len() as f64;
            }
            c.score = ranker.score(&c.features);
        }
        open_skills.extend(
            c.gap
                .items
                .iter()
                .map(|i| (i.skill.clone(), i.required_level)),
        );
        let reason = target_reason(&c, best_path.as_ref());
        out_targets.push(TargetRecommendation {
            target: c.target,
            title: c.title,
            score: round3(c.score),
            reason,
            demand: c.demand,
            best_path,
            features: c.features.named(),
        });
    }
    out_targets.sort_by(|a, b| b.score.total_cmp(&a.score));

    let next_bites = next_bites(
        learner,
        taxonomy,
        models,
        demand,
        &usable,
        &open_skills,
        options,
    );
    Recommendations {
        targets: out_targets,
        next_bites,
        model: ModelInfo {
            name: ranker.name().into(),
            version: ranker.version(),
        },
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Maximal marginal relevance: each pick maximises 0.7 × score − 0.3 ×
/// the highest similarity to a pick so far (skill-space cosine of the
/// targets' required skills, or 1 for the same field without vectors).
fn diverse(mut candidates: Vec<Candidate>, k: usize) -> Vec<Candidate> {
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut chosen: Vec<Candidate> = Vec::new();
    while chosen.len() < k && !candidates.is_empty() {
        let mut best = (0, f64::NEG_INFINITY);
        for (i, c) in candidates.iter().enumerate() {
            let redundancy = chosen
                .iter()
                .map(|p| match (&c.centroid, &p.centroid) {
                    (Some(a), Some(b)) => crate::ml::space::dot(a, b).max(0.0),
                    _ => f64::from(u8::from(c.field.is_some() && c.field == p.field)),
                })
                .fold(0.0, f64::max);
            let value = 0.7 * c.score - 0.3 * redundancy;
            if value > best.1 {
                best = (i, value);
            }
        }
        chosen.push(candidates.remove(best.0));
    }
    chosen
}

fn target_reason(c: &Candidate, path: Option<&Path>) -> String {
    let mut parts = Vec::new();
    let met = c
        .n_required
        .saturating_sub(c.gap.items.len() + c.gap.open_modules.len());
    if met > 0 {
        parts.push(format!(
            "you already meet {met} of its {} requirements",
            c.n_required
        ));
    } else {
        parts.push(format!("{} requirements to learn", c.n_required));
    }
    match path {
        Some(p) => parts.push(format!(
            "the shortest path takes {} hours{}",
            p.total_hours.round(),
            if p.total_cost_eur <= 0.0 {
                " and is free for you".to_string()
            } else {
                format!(" and costs you {:.0} EUR", p.total_cost_eur)
            }
        )),
        None => parts.push(format!(
            "no complete path fits your constraints (about {} hours, {:.0} EUR estimated)",
            c.estimate_hours.round(),
            c.estimate_cost
        )),
    }
    if let Some(d) = &c.demand {
        parts.push(format!(
            "about {:.0} {} expected in {} months",
            d.expected, d.unit, d.horizon_months
        ));
    }
    if c.features.0[8] >= 0.5 {
        parts.push("your skills carry over well".into());
    }
    if c.features.0[4] >= 0.75 {
        parts.push(format!("EQF level {} suits your education", c.eqf));
    }
    let mut sentence = parts.join("; ");
    if let Some(first) = sentence.get(..1) {
        sentence = first.to_uppercase() + &sentence[1..];
    }
    sentence + "."
}

/// Whether `bite` is an entry step for a low-qualified learner: at most
/// 40 hours, free after the learner's funding, entry level (EQF ≤ 3), no
/// prerequisites the learner lacks (languages were filtered already).
pub fn is_entry_step(bite: &Bite, learner: &Learner, taxonomy: &Taxonomy) -> bool {
    bite.hours <= ENTRY_MAX_HOURS
        && bite.cost_for(&learner.constraints.funding) <= 0.0
        && bite.eqf_level.get() <= 3
        && bite
            .prerequisites
            .iter()
            .all(|p| meets(learner, taxonomy, &p.skill, p.level.get()))
}

fn next_bites(
    learner: &Learner,
    taxonomy: &Taxonomy,
    models: &Models,
    demand: &dyn DemandLookup,
    usable: &[&Bite],
    open_skills: &[(SkillUri, u8)],
    options: &Options,
) -> Vec<BiteRecommendation> {
    let ranker = &models.ranker;
    let lang = options.lang.as_str();
    let held: Vec<&str> = learner
        .competences
        .iter()
        .map(|c| c.skill.as_str())
        .collect();
    let low = is_low_qualified(learner);
    let mut scored: Vec<(bool, f64, BiteRecommendation)> = Vec::new();
    for bite in usable {
        let startable = bite
            .prerequisites
            .iter()
            .all(|p| meets(learner, taxonomy, &p.skill, p.level.get()));
        if !startable {
            continue;
        }
        let new_outcomes: Vec<&str> = bite
            .outcomes
            .iter()
            .filter(|o| !meets(learner, taxonomy, &o.skill, o.level.get()))
            .map(|o| o.skill.as_str())
            .collect();
        if new_outcomes.is_empty() {
            continue;
        }
        let covered = open_skills
            .iter()
            .filter(|(s, level)| {
                bite.outcomes
                    .iter()
                    .any(|o| o.level.get() >= *level && Hierarchy::covers(taxonomy, &o.skill, s))
            })
            .count();
        let cost = bite.cost_for(&learner.constraints.funding);
        let demand_score = bite
            .outcomes
            .iter()
            .filter_map(|o| demand.skill(&o.skill, learner.region.as_ref()))
            .map(|d| d.score)
            .fold(0.0, f64::max);
        let features = Features([
            if open_skills.is_empty() {
                0.0
            } else {
                covered as f64 / open_skills.len() as f64
            },
            demand_score,
            short(bite.hours),
            affordable(cost),
            level_fit(learner, bite.eqf_level.get()),
            1.0,
            local_share(&[bite], learner),
            ranker.completion(&bite.provider),
            models.space.transfer(&held, &new_outcomes),
        ]);
        let score = ranker.score(&features);
        let entry = low && is_entry_step(bite, learner, taxonomy);
        let mut reason = Vec::new();
        if covered > 0 {
            reason.push(format!(
                "it meets {covered} requirement{} of the goals above",
                if covered == 1 { "" } else { "s" }
            ));
        }
        reason.push(format!("{} hours", bite.hours.round()));
        reason.push(if cost <= 0.0 {
            "free for you".to_string()
        } else {
            format!("{cost:.0} EUR")
        });
        if entry {
            reason.push("a short, free entry step you can start now".into());
        } else {
            reason.push("you can start it now".into());
        }
        let mut sentence = reason.join("; ");
        if let Some(first) = sentence.get(..1) {
            sentence = first.to_uppercase() + &sentence[1..];
        }
        scored.push((
            entry,
            score,
            BiteRecommendation {
                bite: bite.id.to_string(),
                title: bite.title.get(lang).unwrap_or(bite.id.as_str()).to_string(),
                hours: bite.hours,
                cost,
                score: round3(score),
                reason: sentence + ".",
                features: features.named(),
            },
        ));
    }
    // A low-qualified learner's first step is an entry step whenever one
    // exists; otherwise by score.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    if low && let Some(i) = scored.iter().position(|s| s.0) {
        let entry = scored.remove(i);
        scored.insert(0, entry);
    }
    scored
        .into_iter()
        .take(options.k.max(5))
        .map(|s| s.2)
        .collect()
}

macro_rules! figure {
    ($d:expr) => {
        DemandFigure {
            score: $d.score,
            expected: $d.expected,
            horizon_months: $d.horizon_months,
            unit: $d.unit,
            region: $d.region,
            source: $d.source,
            as_of: $d.as_of,
        }
    };
}

impl DemandLookup for crate::demand::Demand {
    fn skill(&self, skill: &SkillUri, region: Option<&Region>) -> Option<DemandFigure> {
        crate::demand::Demand::skill(self, skill, region).map(|d| figure!(d))
    }
    fn occupation(
        &self,
        occupation: &OccupationUri,
        region: Option<&Region>,
    ) -> Option<DemandFigure> {
        crate::demand::Demand::occupation(self, occupation, region).map(|d| figure!(d))
    }
    fn top_occupations(
        &self,
        region: Option<&Region>,
        n: usize,
    ) -> Vec<(OccupationUri, DemandFigure)> {
        crate::demand::Demand::top_occupations(self, region, n)
            .into_iter()
            .map(|(uri, d)| (uri, figure!(d)))
            .collect()
    }
}
