//! How does a caseload read in a spreadsheet, and in a few numbers? The
//! cohort answer as CSV, one row per learner × recommended target (a line
//! without a target still gets one row, saying why), and a caseload
//! summary: learners with a real path by target and county, why the others
//! have none, and the hours and list prices each funder carries.
//!
//! A *real path* meets at least one missing item of its target: a step
//! covers a missing skill, or is a module the qualification names. A path
//! of ECTS filler alone is no progress and is not counted.
//!
//! The CSV is for Estonian spreadsheets first: `;` between cells and a
//! UTF-8 byte order mark by default (a comma on request), the header and
//! every word in the asked language (et, ru, en), lists inside a cell
//! separated by ` | `, and every text cell that a spreadsheet would run as
//! a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) behind
//! an apostrophe.
//!
//! Pure: outcomes and the catalogue in, bytes and numbers out; the summary
//! keeps counts per target, county and funder only, never a profile.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use oppepala_core::catalogue::Catalogue;
use oppepala_core::domain::county::region_name;
use oppepala_core::domain::{Bite, FundingTag, Mode, Target};
use oppepala_core::planner::Path;
use oppepala_core::text::{self, Lang};

use super::answer::TargetRecommendation;
use super::cohort::{Answered, LineOutcome};

/// How the CSV is written.
#[derive(Clone, Debug)]
pub struct CsvOptions {
    /// The cell separator: `b';'` (default) or `b','`.
    pub separator: u8,
    /// Whether the text starts with a UTF-8 byte order mark (default yes,
    /// so spreadsheets read it as UTF-8).
    pub bom: bool,
    /// The language of the header and of the words in cells.
    pub lang: String,
}

impl Default for CsvOptions {
    fn default() -> Self {
        Self {
            separator: b';',
            bom: true,
            lang: "en".into(),
        }
    }
}

/// Separates the items of a list inside one cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The columns' keys; their headers are `caseload-column-<key>` messages
/// (`_` written `-`) in the catalogue.
const COLUMNS: [&str; 27] = [
    "line",
    "learner",
    "rank",
    "target_type",
    "target_id",
    "target",
    "score",
    "real_path",
    "why_not",
    "hours",
    "cost_eur",
    "ects",
    "start",
    "finish",
    "weeks",
    "skills_met",
    "n_courses",
    "course_ids",
    "courses",
    "course_starts",
    "providers",
    "registration",
    "contacts",
    "funding",
    "counties",
    "locations",
    "reason",
];

/// Column keys, in order (for tests and documentation).
pub fn column_keys() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().copied()
}

fn word(lang: &str, id: &str) -> String {
    text::text(Lang::of(lang), id, &[])
}

/// The header of column `key` in `lang`.
fn column_header(key: &str, lang: &str) -> String {
    word(lang, &format!("caseload-column-{}", key.replace('_', "-")))
}

/// Why a learner has no real path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WhyNot {
    /// The line could not be read or answered.
    BadLine,
    /// No target could be recommended: the catalogue teaches this learner
    /// (in their languages, modes and county) too little of any.
    NoTarget,
    /// Targets, but no path within the learner's limits (budget, dates,
    /// hours) was found.
    NoPath,
    /// Paths, but none meets a missing item.
    NoProgress,
}

impl WhyNot {
    /// In words, in `lang`.
    pub fn label(self, lang: &str) -> String {
        match self {
            WhyNot::BadLine => word(lang, "caseload-why-bad-line"),
            WhyNot::NoTarget => word(lang, "caseload-why-no-target"),
            WhyNot::NoPath => word(lang, "caseload-why-no-path"),
            WhyNot::NoProgress => word(lang, "caseload-why-no-progress"),
        }
    }
}

/// Who carries a step's list price.
fn funder_label(key: &str, lang: &str) -> String {
    match key {
        "learner" => word(lang, "caseload-funder-learner"),
        "free" => word(lang, "caseload-funder-free"),
        "unemployed" => word(lang, "caseload-funder-unemployed"),
        "training-credit" => word(lang, "caseload-funder-training-credit"),
        "employed-adult" => word(lang, "caseload-funder-employed-adult"),
        other => return other.to_string(),
    }
    .to_string()
}

/// The funder of `bite` for a learner holding `tags`: `free` (no price or
/// free for all), the first of the learner's tags that makes it free, or
/// `learner`.
fn funder_key<'a>(bite: &'a Bite, tags: &[FundingTag]) -> &'a str {
    if bite.cost_eur == 0.0 || bite.funding.iter().any(|f| f.as_str() == "free") {
        return "free";
    }
    bite.funding
        .iter()
        .find(|f| tags.contains(f))
        .map_or("learner", |f| f.as_str())
}

/// Whether `path` meets at least one missing item of `target`.
pub fn is_real_path(target: &Target, path: &Path, catalogue: &Catalogue) -> bool {
    let modules = match target {
        Target::Qualification(id) => catalogue.qualification(id.as_str()),
        _ => None,
    };
    path.steps.iter().any(|step| {
        !step.covers.is_empty()
            || modules.is_some_and(|q| {
                q.requires.all_of.contains(&step.bite)
                    || q.requires.n_of.iter().any(|r| r.of.contains(&step.bite))
            })
    })
}

/// The target a learner would follow: the best-ranked one with a real path
/// (and `true`), else the best-ranked one (and `false`).
pub fn followed<'a>(
    targets: &'a [TargetRecommendation],
    catalogue: &Catalogue,
) -> Option<(&'a TargetRecommendation, bool)> {
    targets
        .iter()
        .find(|t| {
            t.best_path
                .as_ref()
                .is_some_and(|p| is_real_path(&t.target, p, catalogue))
        })
        .map(|t| (t, true))
        .or_else(|| targets.first().map(|t| (t, false)))
}

/// Why an outcome has no real path, or `None` when it has one.
pub fn why_not(outcome: &LineOutcome, catalogue: &Catalogue) -> Option<WhyNot> {
    let Some(answered) = &outcome.answer else {
        return Some(WhyNot::BadLine);
    };
    let targets = &answered.recommendations.targets;
    if targets.is_empty() {
        return Some(WhyNot::NoTarget);
    }
    match followed(targets, catalogue) {
        Some((_, true)) => None,
        _ if targets.iter().all(|t| t.best_path.is_none()) => Some(WhyNot::NoPath),
        _ => Some(WhyNot::NoProgress),
    }
}

/// A text cell a spreadsheet shows as text: one that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets an apostrophe before it.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The header (after the byte order mark, when asked for).
pub fn csv_header(options: &CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    if options.bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = writer(&mut out, options);
    writer
        .write_record(COLUMNS.iter().map(|key| column_header(key, &options.lang)))
        .expect("writing to memory");
    drop(writer);
    out
}

fn writer<'a>(out: &'a mut Vec<u8>, options: &CsvOptions) -> csv::Writer<&'a mut Vec<u8>> {
    csv::WriterBuilder::new()
        .delimiter(options.separator)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

fn number(x: f64) -> String {
    // Hours and euros to two decimals at most, without trailing zeros.
    let rounded = (x * 100.0).round() / 100.0;
    format!("{rounded}")
}

/// The CSV rows of one outcome (no header): one per recommended target, or
/// one saying why there is none.
pub fn csv_rows(outcome: &LineOutcome, catalogue: &Catalogue, options: &CsvOptions) -> Vec<u8> {
    let lang = options.lang.as_str();
    let mut out = Vec::new();
    let mut writer = writer(&mut out, options);
    let id = match &outcome.id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut row: Vec<String> = Vec::with_capacity(COLUMNS.len());
    let mut push = |row: &mut Vec<String>| {
        let cells = row.iter().map(|c| neutralise(c).into_owned());
        writer
            .write_record(cells.collect::<Vec<_>>())
            .expect("writing to memory");
        row.clear();
    };
    let yes_no = |b: bool| word(lang, if b { "caseload-yes" } else { "caseload-no" });
    let why = why_not(outcome, catalogue);
    let targets = outcome
        .answer
        .as_ref()
        .map_or(&[][..], |a| &a.recommendations.targets[..]);
    if targets.is_empty() {
        row.push(outcome.line.to_string());
        row.push(id);
        row.extend(std::iter::repeat_n(String::new(), 5));
        row.push(yes_no(false));
        let mut reason = why.map_or(String::new(), |w| w.label(lang).to_string());
        if let Some((field, message)) = &outcome.error {
            let field = if field.is_empty() {
                String::new()
            } else {
                format!("{field}: ")
            };
            reason = format!("{reason} ({field}{message})");
        }
        row.push(reason);
        row.extend(std::iter::repeat_n(
            String::new(),
            COLUMNS.len() - row.len(),
        ));
        push(&mut row);
        drop(writer);
        return out;
    }
    let answered = outcome
        .answer
        .as_ref()
        .expect("targets come from an answer");
    for (rank, target) in targets.iter().enumerate() {
        let (kind, target_id) = match &target.target {
            Target::Qualification(q) => (word(lang, "caseload-micro-qualification"), q.to_string()),
            Target::Occupation(o) => (word(lang, "caseload-occupation"), o.to_string()),
            Target::Skills(_) => (word(lang, "caseload-skills"), String::new()),
        };
        let real = target
            .best_path
            .as_ref()
            .is_some_and(|p| is_real_path(&target.target, p, catalogue));
        row.push(outcome.line.to_string());
        row.push(id.clone());
        row.push((rank + 1).to_string());
        row.push(kind);
        row.push(target_id);
        row.push(target.title.clone());
        row.push(format!("{}", target.score));
        row.push(yes_no(real));
        row.push(match (&target.best_path, real) {
            (_, true) => String::new(),
            (None, _) => WhyNot::NoPath.label(lang),
            (Some(_), false) => WhyNot::NoProgress.label(lang),
        });
        match &target.best_path {
            Some(path) => path_cells(&mut row, path, answered, catalogue, lang),
            // Every path column empty: all but the reason.
            None => row.extend(std::iter::repeat_n(
                String::new(),
                COLUMNS.len() - row.len() - 1,
            )),
        }
        row.push(target.reason.clone());
        push(&mut row);
    }
    drop(writer);
    out
}

/// The path's cells, from `hours` to `locations`.
fn path_cells(
    row: &mut Vec<String>,
    path: &Path,
    answered: &Answered,
    catalogue: &Catalogue,
    lang: &str,
) {
    let bites: Vec<Option<&Bite>> = path
        .steps
        .iter()
        .map(|s| catalogue.bite(s.bite.as_str()))
        .collect();
    let mut skills: Vec<&str> = path
        .steps
        .iter()
        .flat_map(|s| s.covers.iter().map(|c| c.as_str()))
        .collect();
    skills.sort_unstable();
    skills.dedup();
    let list = |f: &dyn Fn(usize, Option<&Bite>) -> String| {
        bites
            .iter()
            .enumerate()
            .map(|(i, b)| f(i, *b))
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR)
    };
    row.push(number(path.total_hours));
    row.push(number(path.total_cost_eur));
    row.push(number(path.total_ects));
    row.push(
        path.steps
            .iter()
            .map(|s| s.start)
            .min()
            .map_or(String::new(), |d| d.to_string()),
    );
    row.push(path.finish.to_string());
    row.push(path.total_weeks.to_string());
    row.push(skills.len().to_string());
    row.push(path.steps.len().to_string());
    row.push(list(&|i, _| path.steps[i].bite.to_string()));
    row.push(list(&|i, _| path.steps[i].title.clone()));
    row.push(list(&|i, _| path.steps[i].start.to_string()));
    row.push(list(&|_, b| {
        b.map_or(String::new(), |b| b.provider.clone())
    }));
    row.push(list(&|_, b| {
        b.and_then(|b| b.registration_url.clone().or_else(|| b.url.clone()))
            .unwrap_or_default()
    }));
    row.push(list(&|_, b| {
        b.map_or(String::new(), |b| {
            [&b.contact.email, &b.contact.phone]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        })
    }));
    row.push(list(&|_, b| {
        b.map_or(String::new(), |b| {
            funder_label(funder_key(b, &answered.funding), lang)
        })
    }));
    row.push(list(&|_, b| {
        b.map_or(String::new(), |b| match (b.mode, &b.region) {
            (Mode::Online, _) | (_, None) => word(lang, "caseload-online"),
            (_, Some(region)) => region_name(Some(region), lang),
        })
    }));
    row.push(list(&|_, b| {
        b.map_or(String::new(), |b| match b.mode {
            Mode::Online => word(lang, "caseload-online"),
            _ => b
                .contact
                .address
                .clone()
                .unwrap_or_else(|| region_name(b.region.as_ref(), lang)),
        })
    }));
}

/// A caseload in numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, ToSchema)]
pub struct CaseloadSummary {
    /// Lines read (learners, bad lines included).
    pub learners: usize,
    /// Lines that could not be read or answered.
    pub bad_lines: usize,
    /// Learners with a real path (one that meets a missing item).
    pub with_real_path: usize,
    /// Per target followed (the best-ranked one with a real path, else the
    /// best-ranked one), most learners first.
    pub by_target: Vec<TargetCount>,
    /// Per learner county (`null`: none given), most learners first.
    pub by_county: Vec<CountyCount>,
    /// Learners without a real path, by why.
    pub without_real_path: Vec<WhyNotCount>,
    /// Hours and list prices of the followed paths' courses, by who pays.
    pub by_funder: Vec<FunderTotal>,
}

/// Learners following one target.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct TargetCount {
    /// The target.
    pub target: Target,
    /// Its title.
    pub title: String,
    /// Learners following it.
    pub learners: usize,
    /// Of them, with a real path.
    pub with_real_path: usize,
}

/// Learners of one county.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct CountyCount {
    /// The county code.
    pub county: Option<String>,
    /// Its name.
    pub name: String,
    /// Learners.
    pub learners: usize,
    /// Of them, with a real path.
    pub with_real_path: usize,
}

/// Learners without a real path for one reason.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct WhyNotCount {
    /// The reason's code.
    pub reason: WhyNot,
    /// In words.
    pub label: String,
    /// Learners.
    pub learners: usize,
}

/// What one funder carries.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct FunderTotal {
    /// `learner`, `free` or a funding tag.
    pub funder: String,
    /// In words.
    pub label: String,
    /// Course places.
    pub courses: usize,
    /// Hours of study.
    pub hours: f64,
    /// List prices, EUR.
    pub cost_eur: f64,
}

/// Adds outcomes up into a [`CaseloadSummary`], in memory bounded by the
/// number of targets, counties and funders.
#[derive(Debug, Default)]
pub struct SummaryBuilder {
    learners: usize,
    bad_lines: usize,
    with_real_path: usize,
    by_target: BTreeMap<String, TargetCount>,
    by_county: BTreeMap<Option<String>, (usize, usize)>,
    why_not: BTreeMap<WhyNot, usize>,
    by_funder: BTreeMap<String, (usize, f64, f64)>,
}

impl SummaryBuilder {
    /// Counts one outcome.
    pub fn add(&mut self, outcome: &LineOutcome, catalogue: &Catalogue) {
        self.learners += 1;
        let why = why_not(outcome, catalogue);
        let real = why.is_none();
        self.with_real_path += usize::from(real);
        if let Some(why) = why {
            *self.why_not.entry(why).or_default() += 1;
        }
        let Some(answered) = &outcome.answer else {
            self.bad_lines += 1;
            return;
        };
        let county = answered.region.as_ref().map(|r| {
            oppepala_core::domain::county::canonical_region(r)
                .as_str()
                .to_string()
        });
        let entry = self.by_county.entry(county).or_default();
        entry.0 += 1;
        entry.1 += usize::from(real);
        let Some((target, _)) = followed(&answered.recommendations.targets, catalogue) else {
            return;
        };
        let key = serde_json::to_string(&target.target).expect("a target serializes");
        let count = self.by_target.entry(key).or_insert_with(|| TargetCount {
            target: target.target.clone(),
            title: target.title.clone(),
            learners: 0,
            with_real_path: 0,
        });
        count.learners += 1;
        count.with_real_path += usize::from(real);
        if !real {
            return;
        }
        let Some(path) = &target.best_path else {
            return;
        };
        for step in &path.steps {
            let Some(bite) = catalogue.bite(step.bite.as_str()) else {
                continue;
            };
            let funder = funder_key(bite, &answered.funding);
            let total = self.by_funder.entry(funder.to_string()).or_default();
            total.0 += 1;
            total.1 += bite.hours;
            total.2 += bite.cost_eur;
        }
    }

    /// The summary, with words in `lang`.
    pub fn finish(self, lang: &str) -> CaseloadSummary {
        let mut by_target: Vec<TargetCount> = self.by_target.into_values().collect();
        by_target.sort_by_key(|t| std::cmp::Reverse(t.learners));
        let mut by_county: Vec<CountyCount> = self
            .by_county
            .into_iter()
            .map(|(county, (learners, with_real_path))| CountyCount {
                name: match &county {
                    Some(code) => oppepala_core::domain::Region::new(code.clone())
                        .map(|r| region_name(Some(&r), lang))
                        .unwrap_or_else(|_| code.clone()),
                    None => word(lang, "caseload-no-county-given"),
                },
                county,
                learners,
                with_real_path,
            })
            .collect();
        by_county.sort_by_key(|c| std::cmp::Reverse(c.learners));
        CaseloadSummary {
            learners: self.learners,
            bad_lines: self.bad_lines,
            with_real_path: self.with_real_path,
            by_target,
            by_county,
            without_real_path: self
                .why_not
                .into_iter()
                .map(|(reason, learners)| WhyNotCount {
                    reason,
                    label: reason.label(lang),
                    learners,
                })
                .collect(),
            by_funder: self
                .by_funder
                .into_iter()
                .map(|(funder, (courses, hours, cost))| FunderTotal {
                    label: funder_label(&funder, lang),
                    funder,
                    courses,
                    hours: hours.round(),
                    cost_eur: cost.round(),
                })
                .collect(),
        }
    }
}

impl CaseloadSummary {
    /// The summary as a table for a terminal, in `lang`.
    pub fn table(&self, lang: &str) -> String {
        let w = |id: &str| word(lang, id);
        let mut out = String::new();
        let mut line = |text: String| {
            out.push_str(&text);
            out.push('\n');
        };
        line(format!(
            "{}: {}   {}: {}   {}: {}",
            w("caseload-learners"),
            self.learners,
            w("caseload-with-a-real-path"),
            self.with_real_path,
            w("caseload-bad-lines"),
            self.bad_lines
        ));
        let section =
            |line: &mut dyn FnMut(String), title: &str, head: [&str; 3], rows: Vec<[String; 3]>| {
                line(String::new());
                line(title.to_string());
                let width = rows
                    .iter()
                    .map(|r| r[0].chars().count())
                    .chain([head[0].chars().count()])
                    .max()
                    .unwrap_or(0)
                    .min(60);
                line(format!(
                    "  {:<width$}  {:>12}  {:>12}",
                    head[0], head[1], head[2]
                ));
                for r in rows {
                    let name: String = r[0].chars().take(width).collect();
                    line(format!("  {name:<width$}  {:>12}  {:>12}", r[1], r[2]));
                }
            };
        let learners = &w("caseload-learners");
        let with_path = &w("caseload-real-path");
        section(
            &mut line,
            &w("caseload-target-heading"),
            [&w("caseload-target"), learners, with_path],
            self.by_target
                .iter()
                .map(|t| {
                    [
                        t.title.clone(),
                        t.learners.to_string(),
                        t.with_real_path.to_string(),
                    ]
                })
                .collect(),
        );
        section(
            &mut line,
            &w("caseload-county-heading"),
            [&w("caseload-county"), learners, with_path],
            self.by_county
                .iter()
                .map(|c| {
                    [
                        c.name.clone(),
                        c.learners.to_string(),
                        c.with_real_path.to_string(),
                    ]
                })
                .collect(),
        );
        section(
            &mut line,
            &w("caseload-why-heading"),
            [&w("caseload-reason"), learners, ""],
            self.without_real_path
                .iter()
                .map(|r| [r.label.clone(), r.learners.to_string(), String::new()])
                .collect(),
        );
        section(
            &mut line,
            &w("caseload-funder-heading"),
            [
                &w("caseload-funder"),
                &w("caseload-hours"),
                &w("caseload-price"),
            ],
            self.by_funder
                .iter()
                .map(|f| {
                    [
                        f.label.clone(),
                        format!("{}", f.hours),
                        format!("{}", f.cost_eur),
                    ]
                })
                .collect(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, expected) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+372 600", "'+372 600"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Kassatöö", "Kassatöö"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), expected);
        }
    }

    #[test]
    fn header_in_every_language_with_bom_and_separator() {
        for lang in ["et", "ru", "en"] {
            let options = CsvOptions {
                lang: lang.into(),
                ..CsvOptions::default()
            };
            let header = String::from_utf8(csv_header(&options)).unwrap();
            assert!(header.starts_with('\u{feff}'));
            assert_eq!(
                header.trim_end().split(';').count(),
                COLUMNS.len(),
                "{lang}"
            );
        }
        let comma = CsvOptions {
            separator: b',',
            bom: false,
            lang: "en".into(),
        };
        let header = String::from_utf8(csv_header(&comma)).unwrap();
        assert!(header.starts_with("line,learner,rank"));
        // Every header differs from the others within a language.
        for lang in ["et", "ru", "en"] {
            let mut names: Vec<String> = COLUMNS.iter().map(|c| column_header(c, lang)).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), COLUMNS.len(), "{lang}");
        }
    }

    #[test]
    fn a_target_without_a_path_is_a_full_row() {
        use crate::recommend::{ModelInfo, Recommendations, TargetRecommendation};
        let target = TargetRecommendation {
            target: Target::Qualification(
                oppepala_core::domain::QualificationId::new("mq-x").unwrap(),
            ),
            title: "X".into(),
            title_lang: "en".into(),
            score: 0.5,
            reason: "r".into(),
            demand: None,
            best_path: None,
            features: Default::default(),
        };
        let outcome = LineOutcome {
            line: 1,
            ok: true,
            answer: Some(Answered {
                recommendations: Recommendations {
                    targets: vec![target],
                    next_bites: Vec::new(),
                    model: ModelInfo {
                        name: "fallback".into(),
                        version: "1".into(),
                    },
                },
                region: None,
                funding: Vec::new(),
            }),
            ..LineOutcome::default()
        };
        let text = String::from_utf8(csv_rows(
            &outcome,
            &Catalogue::default(),
            &CsvOptions::default(),
        ))
        .unwrap();
        let record = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(record.len(), COLUMNS.len());
        assert_eq!(&record[8], WhyNot::NoPath.label("en"));
        assert_eq!(&record[COLUMNS.len() - 1], "r");
    }

    #[test]
    fn a_bad_line_is_one_row_with_its_reason() {
        let outcome = LineOutcome {
            line: 7,
            id: serde_json::json!("=cmd"),
            error: Some(("learner.region".into(), "bad".into())),
            ..LineOutcome::default()
        };
        let options = CsvOptions {
            lang: "et".into(),
            ..CsvOptions::default()
        };
        let text = String::from_utf8(csv_rows(&outcome, &Catalogue::default(), &options)).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(text.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(record.len(), COLUMNS.len());
        assert_eq!(&record[0], "7");
        assert_eq!(&record[1], "'=cmd");
        assert_eq!(&record[7], "ei");
        assert_eq!(&record[8], "rida ei saanud lugeda (learner.region: bad)");
        let mut summary = SummaryBuilder::default();
        summary.add(&outcome, &Catalogue::default());
        let summary = summary.finish("ru");
        assert_eq!(
            (summary.learners, summary.bad_lines, summary.with_real_path),
            (1, 1, 0)
        );
        assert_eq!(summary.without_real_path[0].reason, WhyNot::BadLine);
        assert!(summary.table("ru").contains("строку не удалось прочитать"));
    }
}
