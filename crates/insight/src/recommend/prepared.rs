//! What recommendations work out once per served data set instead of once
//! per learner: which bites meet which skill (through the ESCO hierarchy),
//! the micro-qualifications as planner goals, occupations as goals (on
//! first use), and demand figures per region (on first use).
//!
//! A [`Prepared`] belongs to one catalogue, taxonomy and demand: the
//! served data (`service::Data::recommendations`) makes it once and drops
//! it with them. Pure: no IO.
//! Coverage stays the taxonomy's rule: [`LearnerView`] answers
//! `Hierarchy::covers` from broader-skill closures computed by the
//! taxonomy itself, so gap and planner see exactly what they would see
//! asking the taxonomy pair by pair.

use std::sync::{Arc, RwLock};

use fnv::{FnvHashMap, FnvHashSet};

use super::DemandLookup;
use oppepala_core::catalogue::Catalogue;
use oppepala_core::domain::DemandFigure;
use oppepala_core::domain::{Learner, OccupationUri, Region, SkillUri, Target};
use oppepala_core::planner::{self, Hierarchy};
use oppepala_core::taxonomy::Taxonomy;
use oppepala_core::text::Lang;

use crate::demand::YearMonth;

/// What demand figures depend on besides the subject: the region (None:
/// the whole country), the planning month and the language they are told in.
type DemandKey = (Option<Region>, YearMonth, Lang);

/// How many occupations in demand in the learner's county are candidates.
pub const OCCUPATIONS_IN_DEMAND: usize = 30;

/// The most (region, planning month, language) whose demand is
/// remembered; a request naming another past this is answered without the
/// memo (all three come from requests, so the memo must not grow with them).
const MAX_REGIONS: usize = 256;

/// A candidate target as far as it does not depend on the learner.
#[derive(Debug)]
pub(crate) struct TargetPrep {
    pub target: Target,
    pub eqf: u8,
    pub field: Option<String>,
    pub goal: planner::Goal,
    /// Competences, `all_of` bites and `n_of` rules of the goal.
    pub n_required: usize,
}

/// Demand in one region for one planning month and language, remembered
/// as it is asked for.
struct RegionDemand {
    /// The occupations in demand here, best first.
    top: Arc<Vec<(OccupationUri, Arc<DemandFigure>)>>,
    /// Skill demand by skill URI.
    skills: RwLock<FnvHashMap<Box<str>, Option<Arc<DemandFigure>>>>,
}

/// See the module comment.
pub struct Prepared {
    catalogue: Arc<Catalogue>,
    taxonomy: Arc<Taxonomy>,
    demand: Arc<dyn DemandLookup>,
    /// For every skill some bite outcome meets (the outcome's own skill
    /// and every broader concept): the bites meeting it, in catalogue
    /// order, each with the highest level at which one of its outcomes
    /// meets it.
    coverers: FnvHashMap<Box<str>, Vec<(u32, u8)>>,
    /// The broader closure (without the skill itself) of every skill a
    /// bite names, as the taxonomy gives it.
    closures: FnvHashMap<Box<str>, Closure>,
    /// Every micro-qualification, in catalogue order.
    qualifications: Vec<Arc<TargetPrep>>,
    /// Occupations resolved so far (None: not in the taxonomy).
    occupations: RwLock<FnvHashMap<Box<str>, Option<Arc<TargetPrep>>>>,
    /// Demand per region (None: the whole country), planning month and language.
    regions: RwLock<FnvHashMap<DemandKey, Arc<RegionDemand>>>,
    /// The planner's learner-independent preparation per goal, for this
    /// catalogue and taxonomy: the served data's, so `POST /v1/paths` and
    /// recommendations prepare a goal once between them.
    plans: Arc<planner::PrepCache>,
}

struct Closure {
    uris: Vec<SkillUri>,
    set: FnvHashSet<Box<str>>,
}

impl Prepared {
    /// Prepares `catalogue` and `taxonomy` with `demand`, planning with
    /// `plans` (kept preparations over this catalogue and taxonomy, and no
    /// other; `Arc::default()` for a cache of its own).
    pub fn new(
        catalogue: Arc<Catalogue>,
        taxonomy: Arc<Taxonomy>,
        demand: Arc<dyn DemandLookup>,
        plans: Arc<planner::PrepCache>,
    ) -> Self {
        let mut closures: FnvHashMap<Box<str>, Closure> = FnvHashMap::default();
        let mut coverers: FnvHashMap<Box<str>, Vec<(u32, u8)>> = FnvHashMap::default();
        for (index, bite) in catalogue.bites().iter().enumerate() {
            let index = index as u32;
            let skills = bite.outcomes.iter().chain(&bite.prerequisites);
            for competence in skills {
                closures
                    .entry(competence.skill.as_str().into())
                    .or_insert_with(|| Closure::of(&taxonomy, &competence.skill));
            }
            for outcome in &bite.outcomes {
                let closure = &closures[outcome.skill.as_str()];
                let level = outcome.level.get();
                let met = std::iter::once(&outcome.skill).chain(&closure.uris);
                for skill in met {
                    let list = coverers.entry(skill.as_str().into()).or_default();
                    match list.last_mut() {
                        Some((b, l)) if *b == index => *l = (*l).max(level),
                        _ => list.push((index, level)),
                    }
                }
            }
        }
        let qualifications = catalogue
            .qualifications()
            .iter()
            .map(|q| {
                let goal = planner::Goal::from_qualification(q);
                Arc::new(TargetPrep {
                    target: Target::Qualification(q.id.clone()),
                    eqf: q.eqf_level.get(),
                    field: q.field.clone(),
                    n_required: goal.competences.len() + goal.all_of.len() + goal.n_of.len(),
                    goal,
                })
            })
            .collect();
        Self {
            catalogue,
            taxonomy,
            demand,
            coverers,
            closures,
            qualifications,
            occupations: RwLock::default(),
            regions: RwLock::default(),
            plans,
        }
    }

    /// The catalogue.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The taxonomy.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.taxonomy
    }

    /// The planner's kept preparations for this catalogue and taxonomy
    /// (`planner::plan_cached` with [`Self::taxonomy`] as the hierarchy).
    pub fn plans(&self) -> &planner::PrepCache {
        &self.plans
    }

    pub(crate) fn qualifications(&self) -> &[Arc<TargetPrep>] {
        &self.qualifications
    }

    /// The bites meeting `skill`, in catalogue order, with the level.
    pub(crate) fn coverers(&self, skill: &str) -> &[(u32, u8)] {
        self.coverers.get(skill).map_or(&[], Vec::as_slice)
    }

    /// The occupation `uri` as a target; None when the taxonomy does not know it.
    pub(crate) fn occupation(&self, uri: &OccupationUri) -> Option<Arc<TargetPrep>> {
        if let Some(known) = read(&self.occupations).get(uri.as_str()) {
            return known.clone();
        }
        let target = Target::Occupation(uri.clone());
        let prep = oppepala_core::goal::resolve(&target, &self.catalogue, &self.taxonomy)
            .ok()
            .map(|goal| {
                Arc::new(TargetPrep {
                    target,
                    eqf: 4,
                    field: None,
                    n_required: goal.competences.len() + goal.all_of.len() + goal.n_of.len(),
                    goal,
                })
            });
        write(&self.occupations).insert(uri.as_str().into(), prep.clone());
        prep
    }

    fn region(&self, region: Option<&Region>, month: YearMonth, lang: Lang) -> Arc<RegionDemand> {
        let key = (region.cloned(), month, lang);
        if let Some(r) = read(&self.regions).get(&key) {
            return r.clone();
        }
        let top = self
            .demand
            .top_occupations(region, OCCUPATIONS_IN_DEMAND, month, lang)
            .into_iter()
            .map(|(uri, figure)| (uri, Arc::new(figure)))
            .collect();
        let entry = Arc::new(RegionDemand {
            top: Arc::new(top),
            skills: RwLock::default(),
        });
        let mut regions = write(&self.regions);
        if regions.len() < MAX_REGIONS {
            regions.entry(key).or_insert_with(|| entry.clone());
        }
        entry
    }

    /// The occupations in demand in `region`, best first, with their
    /// figures for planning month `month` told in `lang`.
    pub(crate) fn top_occupations(
        &self,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Arc<Vec<(OccupationUri, Arc<DemandFigure>)>> {
        self.region(region, month, lang).top.clone()
    }

    /// Demand for `skill` in `region` for planning month `month`, told in `lang`.
    pub(crate) fn skill_demand(
        &self,
        skill: &SkillUri,
        region: Option<&Region>,
        month: YearMonth,
        lang: Lang,
    ) -> Option<Arc<DemandFigure>> {
        let memo = self.region(region, month, lang);
        if let Some(known) = read(&memo.skills).get(skill.as_str()) {
            return known.clone();
        }
        let figure = self.demand.skill(skill, region, month, lang).map(Arc::new);
        write(&memo.skills).insert(skill.as_str().into(), figure.clone());
        figure
    }

    /// A learner's view of the hierarchy: coverage questions answered from
    /// closures computed once.
    pub fn view<'a>(&'a self, learner: &'a Learner) -> LearnerView<'a> {
        let mut held_closures: FnvHashMap<&'a str, FnvHashSet<&'a str>> = FnvHashMap::default();
        let mut held_levels: FnvHashMap<&'a str, u8> = FnvHashMap::default();
        for c in &learner.competences {
            let level = c.level.get();
            let closure = held_closures.entry(c.skill.as_str()).or_insert_with(|| {
                self.taxonomy
                    .broader_closure(c.skill.as_str())
                    .into_iter()
                    .map(|s| s.uri())
                    .collect()
            });
            for skill in closure.iter().copied().chain([c.skill.as_str()]) {
                let held = held_levels.entry(skill).or_default();
                *held = (*held).max(level);
            }
        }
        LearnerView {
            prepared: self,
            held_closures,
            held_levels,
        }
    }
}

impl Closure {
    fn of(taxonomy: &Taxonomy, skill: &SkillUri) -> Self {
        let uris: Vec<SkillUri> = taxonomy
            .broader_closure(skill.as_str())
            .into_iter()
            .map(|s| s.skill_uri())
            .collect();
        let set = uris.iter().map(|s| s.as_str().into()).collect();
        Self { uris, set }
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    // A memo holds only finished entries, so one left by a panicking
    // thread is still whole.
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}

/// One learner against one [`Prepared`]: the hierarchy the gap and the
/// planner ask, and what the learner meets already.
pub struct LearnerView<'a> {
    prepared: &'a Prepared,
    /// Each held skill's broader closure.
    held_closures: FnvHashMap<&'a str, FnvHashSet<&'a str>>,
    /// For every skill the learner meets: the best level held on it or a
    /// narrower skill.
    held_levels: FnvHashMap<&'a str, u8>,
}

impl LearnerView<'_> {
    /// Whether the learner meets `{skill, level}` (coverage rule 1).
    pub fn meets(&self, skill: &str, level: u8) -> bool {
        self.held_levels.get(skill).is_some_and(|&l| l >= level)
    }
}

impl Hierarchy for LearnerView<'_> {
    fn covers(&self, held: &SkillUri, required: &SkillUri) -> bool {
        if held == required {
            return true;
        }
        if let Some(closure) = self.prepared.closures.get(held.as_str()) {
            return closure.set.contains(required.as_str());
        }
        if let Some(closure) = self.held_closures.get(held.as_str()) {
            return closure.contains(required.as_str());
        }
        Hierarchy::covers(self.prepared.taxonomy.as_ref(), held, required)
    }

    fn label(&self, skill: &SkillUri, lang: &str) -> Option<String> {
        Hierarchy::label(self.prepared.taxonomy.as_ref(), skill, lang)
    }

    fn broader_closure(&self, skill: &SkillUri) -> Option<Vec<SkillUri>> {
        match self.prepared.closures.get(skill.as_str()) {
            Some(closure) => Some(closure.uris.clone()),
            None => Hierarchy::broader_closure(self.prepared.taxonomy.as_ref(), skill),
        }
    }
}

/// A [`LearnerView`] for gaps that are counted, never shown (the cheap
/// estimate of every candidate): labels are left empty, which saves a
/// label lookup and a string per gap item.
pub(crate) struct Unlabelled<'a, 'b>(pub &'b LearnerView<'a>);

impl Hierarchy for Unlabelled<'_, '_> {
    fn covers(&self, held: &SkillUri, required: &SkillUri) -> bool {
        self.0.covers(held, required)
    }

    fn label(&self, _skill: &SkillUri, _lang: &str) -> Option<String> {
        Some(String::new())
    }

    fn broader_closure(&self, skill: &SkillUri) -> Option<Vec<SkillUri>> {
        self.0.broader_closure(skill)
    }
}
