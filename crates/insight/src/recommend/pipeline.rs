//! What should this learner aim for next, end to end? Candidate targets
//! (every micro-qualification and the occupations in demand in their
//! county) with a cheap estimate, a first ranking, the diverse shortlist,
//! the best path of each through the planner (a target with no missing
//! skill, or whose best path meets none of them, is not shown), the final
//! ranking by what each path achieves, and the next bites: [`recommend`].

use crate::ml::Models;
use crate::ml::ranker::{Features, Ranker};
use oppepala_core::domain::{Bite, Learner, SkillUri};
use oppepala_core::planner::{self, Objective, OpenModule, Path, PlanOptions};

use super::answer::{ModelInfo, Recommendations, TargetRecommendation, round3};
use super::candidate::{Candidate, target_reason};
use super::diverse::diverse;
use super::fit::{affordable, allowed, level_fit, local_share, short};
use super::next_bites::next_bites;
use super::options::Options;
use super::prepared::{Prepared, Unlabelled};
use super::reasons::ReasonLang;
use super::title::target_title;

/// Recommends targets and next bites for `learner` against data prepared
/// once per served set ([`Prepared`]).
///
/// Every micro-qualification and the occupations in demand in the
/// learner's county get a cheap estimate (the gap, and the shortest usable
/// bite per gap item); ranking and the diverse shortlist rest on it, and
/// only the `k` targets shown are planned exactly.
pub fn recommend(
    learner: &Learner,
    prepared: &Prepared,
    models: &Models,
    options: &Options,
) -> Recommendations {
    // A spoken language meets its ESCO language skills from here on.
    let speaking = oppepala_core::goal::with_spoken_languages(learner, prepared.taxonomy());
    let learner: &Learner = &speaking;
    let ranker: &Ranker = &models.ranker;
    let catalogue = prepared.catalogue();
    let lang = options.lang.as_str();
    let region = learner.region.as_ref();
    let funding = &learner.constraints.funding;
    let view = prepared.view(learner);
    let held: Vec<&str> = learner
        .competences
        .iter()
        .map(|c| c.skill.as_str())
        .collect();
    let usable_mask: Vec<bool> = catalogue
        .bites()
        .iter()
        .map(|b| allowed(b, learner))
        .collect();
    let usable: Vec<&Bite> = catalogue
        .bites()
        .iter()
        .zip(&usable_mask)
        .filter_map(|(b, &ok)| ok.then_some(b))
        .collect();
    let usable_local = local_share(&usable, learner);

    // Candidates: every qualification, and occupations in demand here.
    let (month, text_lang) = (options.month(), options.text_lang());
    let in_demand = prepared.top_occupations(region, month, text_lang);
    let targets = prepared
        .qualifications()
        .iter()
        .map(|q| (q.clone(), None))
        .chain(in_demand.iter().filter_map(|(occupation, figure)| {
            prepared
                .occupation(occupation)
                .map(|prep| (prep, Some(figure.clone())))
        }));

    let usable_id = |id: &oppepala_core::domain::BiteId| {
        catalogue
            .position(id.as_str())
            .is_some_and(|i| usable_mask[i])
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    for (prep, figure) in targets {
        let gap = planner::gap_in(&prep.goal, learner, &Unlabelled(&view), lang);
        let n_required = prep.n_required;
        if gap.is_empty() || n_required == 0 {
            continue; // met already: nothing to recommend towards
        }
        // Nothing to learn: the learner holds every skill it names (a
        // spoken language meets its language skills), so what is open is a
        // formality, a named course or a credit minimum that any unrelated
        // course would fill: an Estonian speaker is not sent to "Estonian
        // A2". Planning that target still names what is left.
        if gap.items.is_empty() {
            continue;
        }
        // A cheap estimate: the shortest usable bite per gap item (the
        // first in catalogue order among equals), each bite counted once.
        let (mut hours, mut cost) = (0.0, 0.0);
        let mut coverable = 0usize;
        taken.clear();
        for item in &gap.items {
            let mut best: Option<(usize, &Bite)> = None;
            for &(index, level) in prepared.coverers(item.skill.as_str()) {
                let index = index as usize;
                if !usable_mask[index] || level < item.required_level {
                    continue;
                }
                let bite = &catalogue.bites()[index];
                if best.is_none_or(|(_, b)| bite.hours < b.hours) {
                    best = Some((index, bite));
                }
            }
            coverable += usize::from(best.is_some());
            if let Some((index, b)) = best
                && !taken.contains(&index)
            {
                taken.push(index);
                hours += b.hours;
                cost += b.cost_for(funding);
            }
        }
        // A target is offered only when the catalogue can teach this
        // learner (in their languages, modes and county) most of what is
        // missing for it: demand for doctors is no reason to send someone
        // on short courses that cannot get them there, and a qualification
        // whose required modules are taught only in other languages is no
        // goal for them either (its best path would be ECTS filler).
        let (mut teachable, mut open_rules) = (coverable, gap.items.len());
        for module in &gap.open_modules {
            let ok = match module {
                OpenModule::AllOf { bite } => usable_id(bite),
                OpenModule::NOf { n, of } => {
                    of.iter().filter(|b| usable_id(b)).count() >= *n as usize
                }
                OpenModule::MinEcts { .. } => continue,
            };
            open_rules += 1;
            teachable += usize::from(ok);
        }
        if teachable * 2 < open_rules {
            continue;
        }
        let demand_figure = figure.or_else(|| {
            // A qualification's demand: the best demand of the skills it needs.
            gap.items
                .iter()
                .filter_map(|i| prepared.skill_demand(&i.skill, region, month, text_lang))
                .max_by(|a, b| a.score.total_cmp(&b.score))
        });
        let missing: Vec<&str> = gap.items.iter().map(|i| i.skill.as_str()).collect();
        let open = gap.items.len() + gap.open_modules.len();
        let features = Features([
            1.0 - open as f64 / n_required.max(open) as f64,
            demand_figure.as_ref().map_or(0.0, |d| d.score),
            short(hours),
            affordable(cost),
            level_fit(learner, prep.eqf),
            1.0,
            usable_local,
            crate::ml::ranker::DEFAULT_COMPLETION,
            models.space.transfer(&held, &missing),
        ]);
        let centroid = models
            .space
            .centroid(prep.goal.competences.iter().map(|c| c.skill.as_str()));
        candidates.push(Candidate {
            score: ranker.score(&features),
            demand: demand_figure,
            gap,
            estimate_hours: hours,
            estimate_cost: cost,
            centroid,
            features,
            prep,
        });
    }

    // Twice as many as asked, in order: a target whose best path meets
    // none of its missing skills is not shown, and the next one takes its
    // place.
    let chosen = diverse(candidates, options.k * 2);
    let plan_options = PlanOptions {
        objective: Objective::Hours,
        k: 1,
        time_budget: options.plan_budget,
        today: options.today,
        lang: options.lang.clone(),
        node_budget: None,
    };
    let reason_lang = ReasonLang::of(lang);
    let mut out_targets: Vec<TargetRecommendation> = Vec::new();
    let mut open_skills: Vec<(&SkillUri, u8)> = Vec::new();
    let mut planned: Vec<(Candidate, Option<Path>)> = Vec::with_capacity(chosen.len());
    for mut c in chosen {
        if planned.len() >= options.k {
            break;
        }
        // The taxonomy, not the learner's view, is the hierarchy here: the
        // kept preparation is tied to the hierarchy it was made with, and
        // the view answers exactly as the taxonomy does.
        let best_path = planner::plan_cached(
            prepared.plans(),
            &c.prep.goal,
            catalogue.bites(),
            learner,
            prepared.taxonomy(),
            &plan_options,
        )
        .ok()
        .and_then(|a| a.paths.into_iter().next());
        // Progress or nothing: a path meeting none of the missing skills
        // is filler.
        let Some(path) = best_path.as_ref().filter(|p| p.meets.skills.met > 0) else {
            continue;
        };
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
        // Ranked by what the path achieves: the ranker's score times
        // the share of the missing items the path meets.
        c.score = ranker.score(&c.features) * achieved_share(path);
        planned.push((c, best_path));
    }
    for (c, best_path) in &planned {
        open_skills.extend(c.gap.items.iter().map(|i| (&i.skill, i.required_level)));
        let reason = target_reason(
            c,
            best_path.as_ref(),
            reason_lang,
            learner.education.is_some(),
        );
        let (title, title_lang) = target_title(&c.prep.target, prepared, lang);
        out_targets.push(TargetRecommendation {
            title,
            title_lang,
            target: c.prep.target.clone(),
            score: round3(c.score),
            reason,
            demand: c.demand.as_deref().cloned(),
            best_path: best_path.clone(),
            features: c.features.named(),
        });
    }
    out_targets.sort_by(|a, b| b.score.total_cmp(&a.score));

    let next_bites = next_bites(
        learner,
        prepared,
        &view,
        models,
        &usable_mask,
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

/// The share of the missing skills and module rules `path` meets (1 when
/// nothing is missing).
fn achieved_share(path: &Path) -> f64 {
    let meets = &path.meets;
    let of = meets.skills.of + meets.modules.of;
    if of == 0 {
        1.0
    } else {
        f64::from(meets.skills.met + meets.modules.met) / f64::from(of)
    }
}
