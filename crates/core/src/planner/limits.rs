//! Which change of the hours per week or the finish date would make a
//! complete path fit?
//!
//! When items are left out of a plan by the calendar (no schedule keeps
//! every week within the hours per week and ends by the finish date), the
//! answer says what would fix it (issue 16 item 4): the fewest hours per
//! week among a few values tried (one and a half, two and three times the
//! learner's, and 40), and the finish date of the best complete path
//! without a finish date. Each is checked by planning again.
//!
//! It must never do IO.

use chrono::Duration;

use super::answer::{CauseCode, PlanAnswer, PlanOutcome};
use super::prepare::DEFAULT_HOURS_PER_WEEK;
use crate::domain::Learner;
use crate::text::{self, Lang};
use crate::tr;

/// The most hours per week suggested.
const MAX_HOURS_PER_WEEK: f64 = 40.0;

/// Fills in, on the items `answer` leaves for the calendar's sake, the
/// hours per week and the finish date with which a complete path fits;
/// `replan` plans for a changed learner.
pub(crate) fn suggest(
    answer: &mut PlanAnswer,
    learner: &Learner,
    lang: &str,
    replan: impl Fn(&Learner) -> Option<PlanAnswer>,
) {
    let lang = Lang::of(lang);
    let complete = |a: &PlanAnswer| {
        matches!(
            a.outcome,
            PlanOutcome::Complete | PlanOutcome::CreditMinimum
        )
    };
    let now = learner
        .constraints
        .max_hours_per_week
        .filter(|h| *h > 0.0)
        .unwrap_or(DEFAULT_HOURS_PER_WEEK);
    let mut tried: Vec<f64> = [1.5, 2.0, 3.0]
        .iter()
        .map(|x| (now * x).ceil())
        .chain([MAX_HOURS_PER_WEEK])
        .filter(|h| *h > now && *h <= MAX_HOURS_PER_WEEK)
        .collect();
    tried.dedup();
    let mut hours = None;
    for h in tried {
        let mut changed = learner.clone();
        changed.constraints.max_hours_per_week = Some(h);
        if replan(&changed).is_some_and(|a| complete(&a)) {
            hours = Some(h);
            break;
        }
    }
    let mut finish = None;
    if learner.constraints.finish_by.is_some() {
        let mut changed = learner.clone();
        changed.constraints.finish_by = None;
        finish = replan(&changed)
            .filter(complete)
            .and_then(|a| a.paths.first().map(|p| p.finish - Duration::days(1)));
    }
    let reason = match (hours, finish) {
        (Some(h), Some(d)) => tr!(
            lang,
            "plan-left-fix-both",
            hours = text::number(lang, h, 1),
            date = d.to_string()
        ),
        (Some(h), None) => tr!(
            lang,
            "plan-left-fix-hours",
            hours = text::number(lang, h, 1)
        ),
        (None, Some(d)) => tr!(lang, "plan-left-fix-finish", date = d.to_string()),
        (None, None) => return,
    };
    for item in answer
        .left
        .iter_mut()
        .filter(|l| l.budget_needed_eur.is_none())
    {
        item.hours_per_week_needed = hours;
        item.finish_by_needed = finish;
        item.reason = reason.clone();
        if hours.is_some() && finish.is_none() {
            item.cause = Some(CauseCode::Pace);
        }
    }
    answer.summary.push(' ');
    answer
        .summary
        .push_str(&if learner.constraints.finish_by.is_none() {
            tr!(lang, "plan-summary-fix-pace", fix = reason.as_str())
        } else {
            tr!(lang, "plan-summary-fix", fix = reason.as_str())
        });
}
