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
//!   the limit is never taken (`prepare` leaves it out). A self-paced step
//!   pushed past the finish date is `missed`: the order is no path (the
//!   search tries other courses, and the answer says which hours per week
//!   or finish date would fit). When neither placement keeps every week
//!   within the limit, the steps are placed as early as the order and the
//!   dates allow, and each step over the limit gets a note (the exact
//!   search does not yet treat the weekly load as a hard constraint: on
//!   the default data that left some goals without any path in time).
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
    let in_order = place(prepared, order, false, true);
    if !missed(&in_order) {
        return in_order;
    }
    let sessions_first = place(prepared, order, true, true);
    if !missed(&sessions_first) {
        return sessions_first;
    }
    // No placement keeps every week within the limit. With a finish date
    // that is no path (the answer then says which hours per week or date
    // would fit); without one, the steps go as early as the order allows,
    // and each step over the limit gets a note.
    if prepared.finish_by.is_some() {
        return in_order;
    }
    place(prepared, order, false, false)
}

/// Places the steps one by one, in path order or with the steps that
/// have sessions first; `strict` keeps every week within the limit.
fn place(prepared: &Prepared, order: &[usize], sessions_first: bool, strict: bool) -> Calendar {
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
            let fits_at_once = load.fits(week, weeks, per_week);
            while strict && !load.fits(week, weeks, per_week) {
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
                note: (late || (!fits_at_once && !strict)).then_some(Note::OverLimit),
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
            let fitting = if strict {
                sessions.iter().find(fits)
            } else {
                sessions.first()
            };
            match (fitting, sessions.first()) {
                (Some(s), _) => {
                    let start = prepared.offset(s.start);
                    let over = !fits(&s);
                    load.add(start.div_euclid(7), i64::from(s.weeks), per_week(s.weeks));
                    Placement {
                        start_days: start,
                        end_days: prepared.offset(s.end()),
                        session: true,
                        missed: false,
                        note: over.then_some(Note::OverLimit),
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
