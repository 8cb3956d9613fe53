//! What does a paths request get back?
//!
//! The [`PlanAnswer`] (DESIGN.md §5): the gap, the items no allowed bite can
//! meet ([`Uncoverable`]) and the paths ([`Path`], made of [`Step`]s), or
//! why no plan could be made ([`PlanError`]). Field order is the order of
//! the serialized answer.
//!
//! It must never compute anything: these are the answer's types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::gap::{GapItem, OpenModule};
use super::options::Objective;
use crate::domain::{BiteId, Lang, Mode, Region, SkillUri};

/// A gap item (or module rule) that no allowed, reachable bite can meet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Uncoverable {
    /// The skill, for a competence item; null for a module rule.
    pub skill: Option<SkillUri>,
    /// The module rule, for a module item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<OpenModule>,
    /// Why, in plain words (the `cause` as a sentence in the asked language).
    pub reason: String,
    /// The first thing that blocks, found down the prerequisite chains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// The smallest changes of the profile that make this item coverable,
    /// each checked by planning again (at most a few; see `planner::unlocks`).
    #[serde(default)]
    pub unlocks: Vec<Unlock>,
}

/// What blocks an uncoverable item, as a code with the facts it names.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CauseCode {
    /// No bite in the catalogue teaches the skill.
    NotTaught,
    /// The catalogue teaches the skill only below the level asked for.
    LevelNotReached,
    /// The bites teaching it are in languages the learner does not study in.
    Language,
    /// The bites teaching it are in modes the learner did not allow.
    Mode,
    /// The bites teaching it run on site or blended in another county.
    Region,
    /// No session of the bites teaching it fits the learner's dates.
    Dates,
    /// The bites teaching it cost more than the whole budget.
    Budget,
    /// The sessions of the bites teaching it need more hours a week than
    /// the learner has.
    Pace,
    /// Its prerequisites can only be met by itself (a prerequisite cycle).
    PrerequisiteCycle,
    /// No session is left once its prerequisites are done.
    NoSessionAfterPrerequisites,
    /// Left out of this alternative (e.g. online only).
    Alternative,
    /// Only some of the listed modules fit (an `n_of` rule).
    TooFewModules,
    /// The bites that fit give fewer ECTS than the minimum.
    TooFewCredits,
}

/// The first thing that blocks an uncoverable item (coverage rule 4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Cause {
    /// What blocks.
    pub code: CauseCode,
    /// The skill the block is on: the item's own skill, or the prerequisite
    /// the chain led to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<SkillUri>,
    /// The level of `skill` asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// The skill's label in the asked language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The prerequisite chain from the item down to `skill` (skills only;
    /// empty when the block is on the item itself).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<SkillUri>,
    /// The bite that came closest to fitting, which the block is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bite: Option<BiteId>,
    /// Its mode (for `mode` and `region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// Its county (for `region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Its teaching languages (for `language`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Lang>,
    /// Its cost for this learner (for `budget`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_eur: Option<f64>,
    /// The level the catalogue reaches (for `level_not_reached`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached_level: Option<u8>,
}

impl Cause {
    /// A cause with only its code.
    pub fn new(code: CauseCode) -> Self {
        Self {
            code,
            skill: None,
            level: None,
            label: None,
            via: Vec::new(),
            bite: None,
            mode: None,
            region: None,
            languages: Vec::new(),
            cost_eur: None,
            reached_level: None,
        }
    }
}

/// One change of a learner profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ProfileChange {
    /// Allow a mode (`constraints.modes`).
    AddMode {
        /// The mode to allow.
        mode: Mode,
    },
    /// Attend on site or blended courses in another county too
    /// (`constraints.regions`).
    AddRegion {
        /// The county.
        region: Region,
    },
    /// Study in another language too (`languages`, and
    /// `constraints.languages` when that is set).
    AddLanguage {
        /// The language.
        language: Lang,
    },
    /// Raise (or set) the budget (`constraints.budget_eur`).
    RaiseBudget {
        /// The new budget in EUR.
        budget_eur: f64,
    },
    /// Finish later (`constraints.finish_by`).
    FinishLater {
        /// The new last day.
        finish_by: NaiveDate,
    },
    /// The learner may already hold a prerequisite: add it to `competences`
    /// if so.
    HoldSkill {
        /// The skill.
        skill: SkillUri,
        /// At least this level.
        level: u8,
    },
}

/// A change (or two that only work together) that makes items coverable,
/// checked by planning again with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Unlock {
    /// The changes, applied together (usually one).
    pub changes: Vec<ProfileChange>,
    /// The change in plain words, in the asked language.
    pub text: String,
    /// How many more missing skills and module rules the best path meets
    /// with the change.
    pub adds_items: i64,
    /// Hours the best path gains (negative: loses) with the change.
    pub adds_hours: f64,
    /// Cost the best path gains (negative: loses) with the change, in EUR.
    pub adds_cost_eur: f64,
}

/// One bite in a path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Step {
    /// The bite.
    pub bite: BiteId,
    /// Its title in the requested language.
    pub title: String,
    /// The language `title` is in: another than the one asked marks a
    /// fallback (a provider that wrote no title in that language).
    #[serde(default)]
    pub title_lang: String,
    /// The gap items this step meets first.
    pub covers: Vec<SkillUri>,
    /// The day it starts (a session's start, or a planned start when self-paced).
    pub start: NaiveDate,
    /// The day after its last day.
    pub end: NaiveDate,
    /// Whether it runs in a fixed session (else self-paced).
    pub session: bool,
    /// Workload.
    pub hours: f64,
    /// Cost for this learner, after funding.
    pub cost_eur: f64,
    /// ECTS credits.
    pub ects: f64,
    /// Why it is in the path.
    pub why: String,
    /// Set when no session of this bite fits the calendar rules (hours per
    /// week or order); the dates are then the best effort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_note: Option<String>,
}

/// What sets a path apart: a code; `Path::label` says it in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PathKind {
    /// The fewest hours of study.
    FewestHours,
    /// The lowest cost for the learner.
    Cheapest,
    /// The earliest finish.
    QuickestToFinish,
    /// The best path without one of the best path's courses.
    DifferentCourses,
    /// Online courses only.
    OnlineOnly,
    /// The best path within the learner's limits (budget, finish date,
    /// hours per week) when no complete path fits them: it meets as many
    /// missing items as any path within them can.
    Partial,
    /// Only the minimum of credits is left: the path completes it.
    CreditMinimum,
    /// It meets none of the missing skills, only module rules: not progress
    /// on the skills, and never labelled the best.
    ModulesOnly,
}

impl PathKind {
    /// The code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            PathKind::FewestHours => "fewest-hours",
            PathKind::Cheapest => "cheapest",
            PathKind::QuickestToFinish => "quickest-to-finish",
            PathKind::DifferentCourses => "different-courses",
            PathKind::OnlineOnly => "online-only",
            PathKind::Partial => "partial",
            PathKind::CreditMinimum => "credit-minimum",
            PathKind::ModulesOnly => "modules-only",
        }
    }
}

/// How many of some missing items a path meets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Count {
    /// Met by the path.
    pub met: u32,
    /// Missing before it (coverable or not).
    pub of: u32,
}

/// What a path meets of what is missing: skills (the gap) and module rules
/// (required modules, choices and the credit minimum) counted apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Meets {
    /// Missing skills.
    pub skills: Count,
    /// Open module rules.
    pub modules: Count,
}

/// One path to the goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Path {
    /// What sets this path apart, as codes.
    pub kinds: Vec<PathKind>,
    /// The same in words, in the asked language.
    pub label: String,
    /// How many of the missing skills and module rules it meets.
    pub meets: Meets,
    /// The steps, in an order in which every prerequisite is met.
    pub steps: Vec<Step>,
    /// Total hours.
    pub total_hours: f64,
    /// Total cost for the learner.
    pub total_cost_eur: f64,
    /// Total ECTS.
    pub total_ects: f64,
    /// The day after the last step ends (the start day for an empty path).
    pub finish: NaiveDate,
    /// Weeks from the start day to `finish`, rounded up.
    pub total_weeks: u32,
    /// Whether this path is proven optimal for the requested objective
    /// among the paths meeting the same items; never for a path meeting
    /// none of the missing skills.
    pub optimal: bool,
    /// A proven lower bound on the hours of any path meeting all coverable items.
    pub lower_bound_hours: f64,
    /// The requested objective.
    pub objective: Objective,
    /// A proven lower bound in the objective's unit (hours, EUR or weeks).
    pub lower_bound: f64,
    /// A plain-language explanation.
    pub explanation: String,
}

/// What kind of answer a paths request got: a code; `PlanAnswer::summary`
/// says it in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlanOutcome {
    /// The learner meets everything already.
    NothingMissing,
    /// The paths meet every item some allowed bite can meet.
    Complete,
    /// No complete path fits the learner's limits (budget, finish date,
    /// hours per week): the path is the best within them, and `left` says
    /// what it leaves out and what would reach it.
    Partial,
    /// Only the minimum of credits is left: any course adding credits
    /// completes it.
    CreditMinimum,
    /// Nothing of what is missing can be met within the learner's
    /// constraints: no path is offered.
    NothingReachable,
}

impl PlanOutcome {
    /// The code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            PlanOutcome::NothingMissing => "nothing-missing",
            PlanOutcome::Complete => "complete",
            PlanOutcome::Partial => "partial",
            PlanOutcome::CreditMinimum => "credit-minimum",
            PlanOutcome::NothingReachable => "nothing-reachable",
        }
    }
}

/// A missing item some allowed bite can meet, but no path within the
/// learner's limits together with the rest of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LeftItem {
    /// The skill, for a competence item; null for a module rule.
    pub skill: Option<SkillUri>,
    /// The module rule, for a module item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module: Option<OpenModule>,
    /// The budget (EUR) a path meeting it and what the plan meets would
    /// need, when the budget is what leaves it out; null when it is the
    /// dates or the hours per week.
    pub budget_needed_eur: Option<f64>,
    /// The extra cost over the budget (EUR), when the budget is what
    /// leaves it out.
    pub extra_cost_eur: Option<f64>,
    /// When the hours per week or the finish date leave it out: the hours
    /// per week with which a complete path fits (null when no tried value
    /// of up to 40 does).
    #[serde(default)]
    pub hours_per_week_needed: Option<f64>,
    /// When the hours per week or the finish date leave it out: the finish
    /// date with which a complete path fits (null when none does).
    #[serde(default)]
    pub finish_by_needed: Option<NaiveDate>,
    /// What would reach it, in the asked language.
    pub reason: String,
    /// What leaves it out, as a code: `budget`, `pace` (no schedule keeps
    /// to the hours per week) or `dates` (none ends by the finish date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<CauseCode>,
}

/// The answer to a paths request (DESIGN.md §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanAnswer {
    /// What kind of answer this is.
    pub outcome: PlanOutcome,
    /// The same in words, in the asked language.
    pub summary: String,
    /// Competences not yet met.
    pub gap: Vec<GapItem>,
    /// Module rules still open.
    pub open_modules: Vec<OpenModule>,
    /// Items no allowed bite can meet, with the reason.
    pub uncoverable: Vec<Uncoverable>,
    /// Items allowed bites can meet, but no path within the learner's
    /// limits (budget, finish date, hours per week) together with the rest
    /// of the plan: with what would reach them. Empty unless `outcome` is
    /// `partial` or `nothing-reachable`.
    #[serde(default)]
    pub left: Vec<LeftItem>,
    /// The paths, best first.
    pub paths: Vec<Path>,
}

/// Why no plan could be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlanError {
    /// The goal names bites that are not in the catalogue.
    #[error("the goal names bites that are not in the catalogue: {}", ids.iter().map(BiteId::as_str).collect::<Vec<_>>().join(", "))]
    UnknownBite {
        /// The unknown ids.
        ids: Vec<BiteId>,
    },
    /// The search ran out of time before finding any path.
    #[error("no path was found within the time budget")]
    NoPathFound,
}
