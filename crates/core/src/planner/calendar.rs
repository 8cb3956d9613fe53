//! When does each step of a path run?
//!
//! Places the steps of a path, in path order, on the calendar:
//! - a step starts on or after the end of the earlier steps that meet its
//!   prerequisites (the earliest-ending one for each prerequisite), and on
//!   or after the start day (`start_after`, at least today);
//! - a bite with sessions takes the earliest-ending session that starts then,
//!   ends by `finish_by` and keeps the weekly load within the learner's
//!   hours per week; a bite of `h` hours over `w` weeks loads `h / w` hours
//!   in each of its weeks;
//! - a self-paced bite takes `ceil(h / hours per week)` weeks, starting as
//!   soon as it is ready, or on the first later week boundary (counted from
//!   the start day) where it fits;
//! - steps are placed in path order; when that leaves a step without a
//!   place, the steps with sessions are placed first and the self-paced
//!   ones around them, if every prerequisite still ends before its step;
//! - steps may run in parallel only while the weekly total stays within the
//!   limit; otherwise they run one after the other. A session heavier than
//!   the limit is never taken (`prepare` leaves it out). When neither
//!   placement keeps every week within the limit, or a self-paced step is
//!   pushed past the finish date, a step is `missed`: the order is no path
//!   (the search tries other courses, and the answer says which hours per
//!   week or finish date would fit). The search prunes sets whose sessions
//!   alone cannot keep to the limit ([`sessions_fit`]).
//!
//! Weeks are 7-day blocks counted from the start day. It must never look
//! at the clock: the start day comes in with the request.

use super::prepare::Prepared;

const EPS: f64 = 1e-9;

/// Where one step lands; days are counted from the start day.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Placement {
    pub start_days: i64,
    pub end_days: i64,
    pub session: bool,
    /// No session starts after the prerequisites within the learner's
    /// dates; the dates are then only a guess and the path is not valid.
    pub missed: bool,
    pub note: Option<Note>,
}

/// What a step's dates need said (`explain` words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Note {
    /// No session starts after its prerequisites within the learner's dates.
    NoSession,
    /// It fits no week within the hours per week before the finish date.
    OverLimit,
}

/// A path's calendar.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Calendar {
    pub steps: Vec<Placement>,
    /// The day after the last step ends (0 for an empty path).
    pub finish_days: i64,
}

struct Load {
    hours: Vec<f64>,
    limit: f64,
}

impl Load {
    fn fits(&self, first_week: i64, weeks: i64, per_week: f64) -> bool {
        let range = first_week.max(0)..(first_week + weeks).max(0);
        let at = |w: i64| self.hours.get(w as usize).copied().unwrap_or(0.0);
        range.clone().all(|w| at(w) + per_week <= self.limit + EPS)
    }

    fn add(&mut self, first_week: i64, weeks: i64, per_week: f64) {
        let end = (first_week + weeks).max(0) as usize;
        if self.hours.len() < end {
            self.hours.resize(end, 0.0);
        }
        for w in first_week.max(0) as usize..end {
            self.hours[w] += per_week;
        }
    }
}

/// Places `order` (global bite indices, prerequisites first) on the
/// calendar, keeping every week within the learner's hours per week and
/// every step within the learner's dates; a step that cannot be placed so
/// is `missed` (the order is then no path).
pub(crate) fn schedule(prepared: &Prepared, order: &[usize]) -> Calendar {
    let missed = |c: &Calendar| c.steps.iter().any(|s| s.missed);
    let in_order = place(prepared, order, false);
    if !missed(&in_order) {
        return in_order;
    }
    let sessions_first = place(prepared, order, true);
    if !missed(&sessions_first) {
        return sessions_first;
    }
    // The greedy placements failed: try other runs of the steps, in path
    // order, earliest end first (a small search over the choices).
    if let Some(found) = place_searching(prepared, order) {
        return found;
    }
    // No placement keeps every week within the limit (or, with a finish
    // date, ends by it): the order is no path. The search tries other
    // courses, and the answer says which hours per week or finish date
    // would fit.
    in_order
}

/// At most this many session choices are tried by [`sessions_fit`] before
/// it gives up and answers "may fit".
const FIT_STEPS: usize = 512;

/// Whether the sessions of the bites `bites` (global indices) can be
/// chosen so that no week carries more than the hours per week: the
/// weekly-load relaxation the search prunes with. It leaves out
/// prerequisites and self-paced steps (which only add constraints and
/// load), so when it answers no, no calendar of any set holding these
/// bites exists. After `FIT_STEPS` tries it answers yes (unknown).
pub(crate) fn sessions_fit(prepared: &Prepared, bites: &[usize]) -> bool {
    // Per bite with sessions: its runs as (first week, weeks, hours a week).
    let mut runs: Vec<Vec<(i64, i64, f64)>> = Vec::new();
    for &b in bites {
        if prepared.bites[b].sessions.is_empty() {
            continue;
        }
        let mut own: Vec<(i64, i64, f64)> = Vec::new();
        for &(start, end) in &prepared.fitting_sessions[b] {
            let weeks = ((end - start) as f64 / 7.0).ceil().max(1.0) as i64;
            let run = (
                start.div_euclid(7),
                weeks,
                prepared.bites[b].hours / ((end - start) as f64 / 7.0).max(1.0),
            );
            if !own.iter().any(|o| o.0 == run.0 && o.1 == run.1) {
                own.push(run);
            }
        }
        if own.is_empty() {
            return false;
        }
        runs.push(own);
    }
    if runs.len() < 2 {
        return true;
    }
    // Fewest choices first: conflicts show early.
    runs.sort_by_key(Vec::len);
    let mut load = Load {
        hours: Vec::new(),
        limit: prepared.hours_per_week,
    };
    let mut steps = 0;
    fit_from(&runs, 0, &mut load, &mut steps)
}

fn fit_from(runs: &[Vec<(i64, i64, f64)>], k: usize, load: &mut Load, steps: &mut usize) -> bool {
    let Some(own) = runs.get(k) else {
        return true;
    };
    for &(week, weeks, per_week) in own {
        *steps += 1;
        if *steps > FIT_STEPS {
            return true;
        }
        if !load.fits(week, weeks, per_week) {
            continue;
        }
        load.add(week, weeks, per_week);
        let fits = fit_from(runs, k + 1, load, steps);
        load.add(week, weeks, -per_week);
        if fits {
            return true;
        }
    }
    false
}

/// The latest day (from the start day) bite `b` may start: its last run
/// within the learner's dates, or for a self-paced bite the finish date
/// less its weeks; None when there is no such day.
pub(crate) fn latest_start(prepared: &Prepared, b: usize) -> Option<i64> {
    if prepared.bites[b].sessions.is_empty() {
        prepared.finish_by.map(|last| {
            prepared.offset(last) + 1 - 7 * prepared.self_paced_weeks(prepared.bites[b].hours)
        })
    } else {
        prepared.fitting_sessions[b]
            .iter()
            .map(|&(start, _)| start)
            .max()
    }
}

/// One way to run a step: (first week, weeks, hours a week, start, end),
/// days from the start day.
type Run = (i64, i64, f64, i64, i64);

/// At most this many placements of steps are tried by `place_searching`.
const SEARCH_STEPS: usize = 2_048;

/// A calendar for `order` in path order that keeps every week within the
/// limit and every step within the learner's dates; None when there is
/// none or after `SEARCH_STEPS` tries. It narrows each step's runs first:
/// none may start before its prerequisites can end, nor end after the
/// latest start of a later step it alone serves; then it tries for each
/// step, in path order, each run left that starts after its prerequisites
/// and fits the week (earliest end first; a self-paced step takes its
/// first week that fits), and backs up as soon as some later step has no
/// run left that fits the week.
fn place_searching(prepared: &Prepared, order: &[usize]) -> Option<Calendar> {
    let n = order.len();
    let sessions = |k: usize| !prepared.bites[order[k]].sessions.is_empty();
    let paced = |k: usize| 7 * prepared.self_paced_weeks(prepared.bites[order[k]].hours);
    // For each step and prerequisite, the earlier steps meeting it.
    let providers: Vec<Vec<Vec<usize>>> = (0..n)
        .map(|k| {
            prepared.prereqs[order[k]]
                .iter()
                .map(|p| {
                    (0..k)
                        .filter(|&q| prepared.meets[order[q]].binary_search(p).is_ok())
                        .collect()
                })
                .collect()
        })
        .collect();
    let last_end = prepared
        .finish_by
        .map_or(i64::MAX, |last| prepared.offset(last) + 1);
    // Forward: the earliest each step can end.
    let mut earliest_end = vec![0i64; n];
    let mut earliest_start = vec![0i64; n];
    for k in 0..n {
        let mut ready = 0;
        for serving in &providers[k] {
            ready = ready.max(serving.iter().map(|&q| earliest_end[q]).min()?);
        }
        earliest_start[k] = ready;
        earliest_end[k] = if sessions(k) {
            prepared.fitting_sessions[order[k]]
                .iter()
                .filter(|(start, _)| *start >= ready)
                .map(|&(_, end)| end)
                .min()?
        } else {
            ready + paced(k)
        };
    }
    // Backward: the latest each step may end.
    let mut latest_end = vec![last_end; n];
    for k in (0..n).rev() {
        let latest_start = if sessions(k) {
            prepared.fitting_sessions[order[k]]
                .iter()
                .filter(|(start, end)| *start >= earliest_start[k] && *end <= latest_end[k])
                .map(|&(start, _)| start)
                .max()?
        } else if latest_end[k] == i64::MAX {
            i64::MAX
        } else {
            latest_end[k] - paced(k)
        };
        for serving in &providers[k] {
            if let [only] = serving[..] {
                latest_end[only] = latest_end[only].min(latest_start);
            }
        }
    }
    // Each step's runs within those days, as (first week, weeks, hours a
    // week, start, end), earliest end first.
    let runs: Vec<Vec<Run>> = (0..n)
        .map(|k| {
            let hours = prepared.bites[order[k]].hours;
            let mut own: Vec<_> = prepared.fitting_sessions[order[k]]
                .iter()
                .filter(|(start, end)| *start >= earliest_start[k] && *end <= latest_end[k])
                .map(|&(start, end)| {
                    let span = ((end - start) as f64 / 7.0).max(1.0);
                    (
                        start.div_euclid(7),
                        span.ceil() as i64,
                        hours / span,
                        start,
                        end,
                    )
                })
                .collect();
            own.sort_by_key(|r| (r.4, r.3));
            own.dedup_by_key(|r| r.3);
            own
        })
        .collect();
    let mut search = Placing {
        prepared,
        order,
        providers,
        runs,
        latest_end,
        load: Load {
            hours: Vec::new(),
            limit: prepared.hours_per_week,
        },
        steps: Vec::with_capacity(n),
        tries: 0,
    };
    if !search.from() {
        return None;
    }
    let finish_days = search.steps.iter().map(|s| s.end_days).max().unwrap_or(0);
    Some(Calendar {
        steps: search.steps,
        finish_days,
    })
}

/// The state of `place_searching`.
struct Placing<'a> {
    prepared: &'a Prepared<'a>,
    order: &'a [usize],
    providers: Vec<Vec<Vec<usize>>>,
    runs: Vec<Vec<Run>>,
    latest_end: Vec<i64>,
    load: Load,
    steps: Vec<Placement>,
    tries: usize,
}

impl Placing<'_> {
    fn from(&mut self) -> bool {
        let k = self.steps.len();
        if k == self.order.len() {
            return true;
        }
        let bite = &self.prepared.bites[self.order[k]];
        let mut ready = 0i64;
        for serving in &self.providers[k] {
            let Some(end) = serving.iter().map(|&q| self.steps[q].end_days).min() else {
                return false;
            };
            ready = ready.max(end);
        }
        let choices: Vec<Run> = if bite.sessions.is_empty() {
            let weeks = self.prepared.self_paced_weeks(bite.hours);
            let per_week = bite.hours / weeks as f64;
            let mut week = ready.div_euclid(7);
            while !self.load.fits(week, weeks, per_week) {
                week += 1;
            }
            let start = ready.max(week * 7);
            let end = start + 7 * weeks;
            if end > self.latest_end[k] {
                return false;
            }
            vec![(week, weeks, per_week, start, end)]
        } else {
            self.runs[k]
                .iter()
                .copied()
                .filter(|r| r.3 >= ready && self.load.fits(r.0, r.1, r.2))
                .collect()
        };
        for (week, weeks, per_week, start, end) in choices {
            self.tries += 1;
            if self.tries > SEARCH_STEPS {
                return false;
            }
            self.load.add(week, weeks, per_week);
            // Every later step with runs still has one that fits the week.
            let open = (k + 1..self.order.len()).all(|m| {
                self.runs[m].is_empty() && self.prepared.bites[self.order[m]].sessions.is_empty()
                    || self.runs[m].iter().any(|r| self.load.fits(r.0, r.1, r.2))
            });
            if open {
                self.steps.push(Placement {
                    start_days: start,
                    end_days: end,
                    session: !bite.sessions.is_empty(),
                    missed: false,
                    note: None,
                });
                if self.from() {
                    return true;
                }
                self.steps.pop();
            }
            self.load.add(week, weeks, -per_week);
            if self.tries > SEARCH_STEPS {
                return false;
            }
        }
        false
    }
}

/// Places the steps one by one, in path order or with the steps that
/// have sessions first, keeping every week within the limit.
fn place(prepared: &Prepared, order: &[usize], sessions_first: bool) -> Calendar {
    let mut load = Load {
        hours: Vec::new(),
        limit: prepared.hours_per_week,
    };
    let mut steps: Vec<Option<Placement>> = vec![None; order.len()];
    // Path order; or the steps with sessions first, so that self-paced
    // steps fit around the fixed dates.
    let mut turns: Vec<usize> = (0..order.len()).collect();
    if sessions_first {
        turns.sort_by_key(|&k| prepared.bites[order[k]].sessions.is_empty());
    }
    for &k in &turns {
        let b = order[k];
        let bite = &prepared.bites[b];
        let mut ready = 0i64;
        for p in &prepared.prereqs[b] {
            let provided = order
                .iter()
                .zip(&steps)
                .filter(|(q, placed)| {
                    **q != b && placed.is_some() && prepared.meets[**q].binary_search(p).is_ok()
                })
                .filter_map(|(_, placed)| placed.as_ref().map(|p| p.end_days))
                .min();
            if let Some(end) = provided {
                ready = ready.max(end);
            }
        }
        let placement = if bite.sessions.is_empty() {
            let weeks = prepared.self_paced_weeks(bite.hours);
            let per_week = bite.hours / weeks as f64;
            let mut week = ready.div_euclid(7);
            while !load.fits(week, weeks, per_week) {
                week += 1;
            }
            load.add(week, weeks, per_week);
            let start_days = ready.max(week * 7);
            let end_days = start_days + 7 * weeks;
            // Pushed past the finish date by the hours per week: no place.
            let late = prepared
                .finish_by
                .is_some_and(|last| end_days > prepared.offset(last) + 1);
            Placement {
                start_days,
                end_days,
                session: false,
                missed: late,
                note: late.then_some(Note::OverLimit),
            }
        } else {
            let mut sessions: Vec<_> = bite
                .sessions
                .iter()
                .filter(|s| {
                    prepared.session_fits(s.start, s.end())
                        && prepared.offset(s.start) >= ready
                        && bite.hours / f64::from(s.weeks.max(1)) <= load.limit + EPS
                })
                .collect();
            // The earliest end first: what follows can start soonest.
            sessions.sort_by_key(|s| (s.end(), s.start));
            let per_week = |weeks: u16| bite.hours / f64::from(weeks.max(1));
            let fits = |s: &&&crate::domain::Session| {
                load.fits(
                    prepared.offset(s.start).div_euclid(7),
                    i64::from(s.weeks),
                    per_week(s.weeks),
                )
            };
            match (sessions.iter().find(fits), sessions.first()) {
                (Some(s), _) => {
                    let start = prepared.offset(s.start);
                    load.add(start.div_euclid(7), i64::from(s.weeks), per_week(s.weeks));
                    Placement {
                        start_days: start,
                        end_days: prepared.offset(s.end()),
                        session: true,
                        missed: false,
                        note: None,
                    }
                }
                // Sessions after its prerequisites, none within the hours
                // per week next to the other steps.
                (None, Some(s)) => Placement {
                    start_days: prepared.offset(s.start),
                    end_days: prepared.offset(s.end()),
                    session: true,
                    missed: true,
                    note: Some(Note::OverLimit),
                },
                (None, None) => {
                    let weeks = bite.sessions.iter().map(|s| s.weeks).min().unwrap_or(1);
                    Placement {
                        start_days: ready,
                        end_days: ready + 7 * i64::from(weeks),
                        session: true,
                        missed: true,
                        note: Some(Note::NoSession),
                    }
                }
            }
        };
        steps[k] = Some(placement);
    }
    let mut steps: Vec<Placement> = steps.into_iter().flatten().collect();
    // Every prerequisite met by a step that ends before (placing steps
    // with sessions first may have started one too early).
    for (k, &b) in order.iter().enumerate() {
        let start = steps[k].start_days;
        let met = prepared.prereqs[b].iter().all(|p| {
            order.iter().zip(&steps).any(|(&q, placed)| {
                q != b && prepared.meets[q].binary_search(p).is_ok() && placed.end_days <= start
            })
        });
        if !met && !steps[k].missed {
            steps[k].missed = true;
            steps[k].note = Some(Note::NoSession);
        }
    }
    let finish_days = steps.iter().map(|s| s.end_days).max().unwrap_or(0);
    Calendar { steps, finish_days }
}
