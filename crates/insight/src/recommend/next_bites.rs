//! Which bites can the learner start now, and which first? Bites they may
//! take and can start, that teach something new, ranked by the ranker (an
//! entry step first for a low-qualified learner), with their reasons.

use crate::ml::Models;
use crate::ml::ranker::Features;
use oppepala_core::domain::{Learner, SkillUri};

use super::answer::{BiteRecommendation, round3};
use super::entry::{entry_step, is_low_qualified};
use super::fit::{affordable, level_fit, local_share, short};
use super::options::Options;
use super::prepared::{LearnerView, Prepared};
use super::reasons::{self, ReasonLang};

pub(super) fn next_bites(
    learner: &Learner,
    prepared: &Prepared,
    view: &LearnerView<'_>,
    models: &Models,
    usable_mask: &[bool],
    open_skills: &[(&SkillUri, u8)],
    options: &Options,
) -> Vec<BiteRecommendation> {
    let ranker = &models.ranker;
    let bites = prepared.catalogue().bites();
    let lang = options.lang.as_str();
    let held: Vec<&str> = learner
        .competences
        .iter()
        .map(|c| c.skill.as_str())
        .collect();
    let low = is_low_qualified(learner);
    // How many open requirements of the targets above each bite meets.
    let mut covered = vec![0usize; bites.len()];
    for (skill, level) in open_skills {
        for &(index, l) in prepared.coverers(skill.as_str()) {
            if l >= *level {
                covered[index as usize] += 1;
            }
        }
    }
    struct Scored {
        entry: bool,
        score: f64,
        index: usize,
        cost: f64,
        features: Features,
    }
    let mut scored: Vec<Scored> = Vec::new();
    for (index, bite) in bites.iter().enumerate() {
        if !usable_mask[index] {
            continue;
        }
        let startable = bite
            .prerequisites
            .iter()
            .all(|p| view.meets(p.skill.as_str(), p.level.get()));
        if !startable {
            continue;
        }
        let new_outcomes: Vec<&str> = bite
            .outcomes
            .iter()
            .filter(|o| !view.meets(o.skill.as_str(), o.level.get()))
            .map(|o| o.skill.as_str())
            .collect();
        if new_outcomes.is_empty() {
            continue;
        }
        let cost = bite.cost_for(&learner.constraints.funding);
        let demand_score = bite
            .outcomes
            .iter()
            .filter_map(|o| {
                prepared.skill_demand(
                    &o.skill,
                    learner.region.as_ref(),
                    options.month(),
                    options.text_lang(),
                )
            })
            .map(|d| d.score)
            .fold(0.0, f64::max);
        let features = Features([
            if open_skills.is_empty() {
                0.0
            } else {
                covered[index] as f64 / open_skills.len() as f64
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
        scored.push(Scored {
            entry: low && entry_step(bite, learner, view),
            score: ranker.score(&features),
            index,
            cost,
            features,
        });
    }
    // A low-qualified learner's first step is an entry step whenever one
    // exists; otherwise by score.
    scored.sort_by(|a, b| b.score.total_cmp(&a.score));
    if low && let Some(i) = scored.iter().position(|s| s.entry) {
        let entry = scored.remove(i);
        scored.insert(0, entry);
    }
    let reason_lang = ReasonLang::of(lang);
    scored
        .into_iter()
        .take(options.k.max(5))
        .map(|s| {
            let bite = &bites[s.index];
            let (title, title_lang) = bite
                .title
                .get_with_lang(lang)
                .unwrap_or((bite.id.as_str(), ""));
            BiteRecommendation {
                bite: bite.id.to_string(),
                title: title.to_string(),
                title_lang: title_lang.to_string(),
                hours: bite.hours,
                cost: s.cost,
                score: round3(s.score),
                reason: reasons::bite_reason(
                    reason_lang,
                    &reasons::BiteFacts {
                        covered: covered[s.index],
                        hours: bite.hours,
                        cost: s.cost,
                        entry: s.entry,
                    },
                ),
                features: s.features.named(),
            }
        })
        .collect()
}
