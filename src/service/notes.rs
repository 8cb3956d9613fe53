//! The demand part of paths answers, kept per gap: what
//! `Demand::annotate_answer` adds depends only on the gap's skills and
//! labels, the learner's region and the language, so answers with the same
//! gap reuse it.

use std::sync::Arc;
use std::time::Duration;

use crate::demand::{Demand, DemandFigure, DemandMissing, YearMonth};
use crate::domain::{Region, SkillUri};
use crate::planner::PlanAnswer;
use crate::text::Lang;

/// What `Demand::annotate_answer` adds to a paths answer (each gap item's
/// demand and a sentence on the item most in demand), by what it depends
/// on: the gap's skills and labels, the learner's region and the language.
/// Looking a skill's demand up adds its contributions from every linked
/// occupation anew, the same for every learner with the same gap and
/// region, so cold answers reuse it. It belongs to one [`super::Data`] (so to
/// one demand); kept in memory only, bounded, and dropped after ten
/// minutes unused; it holds no profile, only the demand of skills.
pub(super) struct DemandNotes(moka::sync::Cache<NotesKey, Arc<Notes>>);

/// (region, planning month, language, gap skills and labels).
type NotesKey = (Option<Region>, YearMonth, Lang, Vec<(SkillUri, String)>);

struct Notes {
    items: Vec<(Option<DemandFigure>, Option<DemandMissing>)>,
    note: String,
}

impl Default for DemandNotes {
    fn default() -> Self {
        Self(
            moka::sync::Cache::builder()
                .max_capacity(4096)
                .time_to_idle(Duration::from_secs(600))
                .build(),
        )
    }
}

/// `demand.annotate_answer(answer, region, month, lang)`, from `notes`
/// when the same gap was annotated before.
pub(super) fn annotate(
    notes: &DemandNotes,
    demand: &Demand,
    answer: &mut PlanAnswer,
    region: Option<&Region>,
    month: YearMonth,
    lang: Lang,
) {
    let Some(first) = answer.paths.first() else {
        demand.annotate_answer(answer, region, month, lang);
        return;
    };
    let key: NotesKey = (
        region.cloned(),
        month,
        lang,
        answer
            .gap
            .iter()
            .map(|item| (item.skill.clone(), item.label.clone()))
            .collect(),
    );
    let found = match notes.0.get(&key) {
        Some(found) => found,
        None => {
            // The same annotation of an answer with this gap and one path
            // with an empty explanation: what is appended is the note.
            let mut path = first.clone();
            path.explanation.clear();
            let mut probe = PlanAnswer {
                outcome: answer.outcome,
                summary: String::new(),
                left: Vec::new(),
                gap: answer.gap.clone(),
                open_modules: Vec::new(),
                uncoverable: Vec::new(),
                paths: vec![path],
            };
            demand.annotate_answer(&mut probe, region, month, lang);
            let made = Arc::new(Notes {
                items: probe
                    .gap
                    .into_iter()
                    .map(|item| (item.demand, item.demand_missing))
                    .collect(),
                note: std::mem::take(&mut probe.paths[0].explanation),
            });
            notes.0.insert(key, made.clone());
            made
        }
    };
    for (item, (demand, missing)) in answer.gap.iter_mut().zip(&found.items) {
        item.demand = demand.clone();
        item.demand_missing = missing.clone();
    }
    for path in &mut answer.paths {
        path.explanation.push_str(&found.note);
    }
}
