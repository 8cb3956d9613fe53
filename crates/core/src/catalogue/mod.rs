//! What can be learned? The catalogue of learning bites and
//! micro-qualifications: reading it (JSON Lines, provider spreadsheets,
//! European Learning Model credentials), validating it, writing it back.
//!
//! Validation reports every problem with file, line and field, and by
//! default a catalogue with problems is refused whole; `lenient` keeps the
//! valid rows. Writing is atomic per file (temporary file, fsync, rename),
//! so a failed import never leaves a half-written catalogue.
//!
//! This module must never know HTTP or tantivy; whether a skill exists is
//! asked of the caller (the taxonomy), so it can be tested without one.

pub mod csv_import;
pub mod elm;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::domain::{
    Bite, BiteId, Competence, LocalizedText, Qualification, QualificationId, from_json_str,
};

/// The file name of the bites in a catalogue folder.
pub const BITES_FILE: &str = "bites.jsonl";
/// The file name of the micro-qualifications in a catalogue folder.
pub const QUALIFICATIONS_FILE: &str = "qualifications.jsonl";

/// One problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file (as given) or the source name.
    pub file: String,
    /// The 1-based line (for CSV: the record's first line).
    pub line: usize,
    /// The field or column at fault; empty when the whole row is.
    pub field: String,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if !self.field.is_empty() {
            write!(f, ": field `{}`", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Errors of the catalogue module.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The input has problems and nothing was changed.
    #[error("{} problem(s) found; nothing was changed:\n{}", problems.len(), list_problems(problems))]
    Invalid {
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// The input is not in a format this module reads.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

fn list_problems(problems: &[Problem]) -> String {
    const SHOWN: usize = 200;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n");
    if problems.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
    }
    text
}

/// A bite or qualification with where it came from.
#[derive(Clone, Debug)]
pub struct Sourced<T> {
    /// The file it was read from.
    pub file: String,
    /// Its 1-based line.
    pub line: usize,
    /// The value.
    pub value: T,
}

/// A validated catalogue, with lookups by id.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    bites: Vec<Bite>,
    qualifications: Vec<Qualification>,
    bite_index: HashMap<BiteId, usize>,
    qualification_index: HashMap<QualificationId, usize>,
}

impl Catalogue {
    /// Builds a catalogue from parts that were validated already.
    fn from_parts(bites: Vec<Bite>, qualifications: Vec<Qualification>) -> Self {
        let bite_index = bites
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.clone(), i))
            .collect();
        let qualification_index = qualifications
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        Self {
            bites,
            qualifications,
            bite_index,
            qualification_index,
        }
    }

    /// Validates `bites` and `qualifications` (see [`validate`]) and builds a
    /// catalogue; with `lenient`, invalid rows are left out and listed.
    pub fn build(
        bites: Vec<Sourced<Bite>>,
        qualifications: Vec<Sourced<Qualification>>,
        known_skill: &dyn Fn(&str) -> bool,
        lenient: bool,
    ) -> Result<(Self, Vec<Problem>), CatalogueError> {
        let report = validate(&bites, &qualifications, known_skill);
        if report.problems.is_empty() {
            let catalogue = Self::from_parts(
                bites.into_iter().map(|b| b.value).collect(),
                qualifications.into_iter().map(|q| q.value).collect(),
            );
            return Ok((catalogue, Vec::new()));
        }
        if !lenient {
            return Err(CatalogueError::Invalid {
                problems: report.problems,
            });
        }
        let catalogue = Self::from_parts(
            bites
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !report.bad_bites.contains(i))
                .map(|(_, b)| b.value)
                .collect(),
            qualifications
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !report.bad_qualifications.contains(i))
                .map(|(_, q)| q.value)
                .collect(),
        );
        Ok((catalogue, report.problems))
    }

    /// All bites, in file order.
    pub fn bites(&self) -> &[Bite] {
        &self.bites
    }

    /// All micro-qualifications, in file order.
    pub fn qualifications(&self) -> &[Qualification] {
        &self.qualifications
    }

    /// A bite by id.
    pub fn bite(&self, id: &str) -> Option<&Bite> {
        self.position(id).map(|i| &self.bites[i])
    }

    /// Where the bite `id` stands in [`Self::bites`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.bite_index.get(id).copied()
    }

    /// A micro-qualification by id.
    pub fn qualification(&self, id: &str) -> Option<&Qualification> {
        self.qualification_index
            .get(id)
            .map(|&i| &self.qualifications[i])
    }

    /// Adds or replaces bites and qualifications by id, keeping file order
    /// for existing ones and appending new ones. Returns (added, replaced).
    pub fn upsert(
        &self,
        bites: Vec<Bite>,
        qualifications: Vec<Qualification>,
    ) -> (Self, usize, usize) {
        let (mut added, mut replaced) = (0, 0);
        let mut all_bites = self.bites.clone();
        for bite in bites {
            match self.bite_index.get(&bite.id) {
                Some(&i) => {
                    all_bites[i] = bite;
                    replaced += 1;
                }
                None => {
                    all_bites.push(bite);
                    added += 1;
                }
            }
        }
        let mut all_qualifications = self.qualifications.clone();
        for qualification in qualifications {
            match self.qualification_index.get(&qualification.id) {
                Some(&i) => {
                    all_qualifications[i] = qualification;
                    replaced += 1;
                }
                None => {
                    all_qualifications.push(qualification);
                    added += 1;
                }
            }
        }
        (
            Self::from_parts(all_bites, all_qualifications),
            added,
            replaced,
        )
    }

    /// The catalogue's rows as sourced values, to validate again after a change.
    pub fn sourced(&self, dir: &str) -> (Vec<Sourced<Bite>>, Vec<Sourced<Qualification>>) {
        let bites = self
            .bites
            .iter()
            .enumerate()
            .map(|(i, b)| Sourced {
                file: format!("{dir}/{BITES_FILE}"),
                line: i + 1,
                value: b.clone(),
            })
            .collect();
        let qualifications = self
            .qualifications
            .iter()
            .enumerate()
            .map(|(i, q)| Sourced {
                file: format!("{dir}/{QUALIFICATIONS_FILE}"),
                line: i + 1,
                value: q.clone(),
            })
            .collect();
        (bites, qualifications)
    }
}

/// Parses JSON Lines text into values, one per non-blank line; every line
/// that does not parse becomes a problem naming its line and field.
pub fn parse_jsonl<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> (Vec<Sourced<T>>, Vec<Problem>) {
    let mut values = Vec::new();
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match from_json_str::<T>(line) {
            Ok(value) => values.push(Sourced {
                file: file.to_string(),
                line: index + 1,
                value,
            }),
            Err(error) => problems.push(Problem {
                file: file.to_string(),
                line: index + 1,
                field: error.path,
                message: error.message,
            }),
        }
    }
    (values, problems)
}

/// What [`validate`] found.
#[derive(Debug, Default)]
pub struct ValidationReport {
    /// Every problem.
    pub problems: Vec<Problem>,
    /// Indexes of bites with problems.
    pub bad_bites: HashSet<usize>,
    /// Indexes of qualifications with problems (including those naming a bad bite).
    pub bad_qualifications: HashSet<usize>,
}

/// Checks what parsing cannot: skills exist, numbers are in range, ids are
/// unique, qualifications name bites that exist, `n_of` fits its list.
pub fn validate(
    bites: &[Sourced<Bite>],
    qualifications: &[Sourced<Qualification>],
    known_skill: &dyn Fn(&str) -> bool,
) -> ValidationReport {
    let mut report = ValidationReport::default();
    let mut first_line: HashMap<&str, (usize, &str)> = HashMap::new();
    for (index, sourced) in bites.iter().enumerate() {
        let mut problems = Vec::new();
        let bite = &sourced.value;
        let mut problem = |field: &str, message: String| {
            problems.push(Problem {
                file: sourced.file.clone(),
                line: sourced.line,
                field: field.to_string(),
                message,
            })
        };
        check_id_and_title(
            &mut first_line,
            bite.id.as_str(),
            &bite.title,
            (sourced.line, &sourced.file),
            &mut problem,
        );
        if !(bite.hours.is_finite() && bite.hours > 0.0 && bite.hours <= MAX_BITE_HOURS) {
            problem(
                "hours",
                format!(
                    "hours must be > 0 and at most {MAX_BITE_HOURS}, got {}",
                    bite.hours
                ),
            );
        }
        if !(bite.ects.is_finite() && bite.ects >= 0.0) {
            problem("ects", format!("ects must be ≥ 0, got {}", bite.ects));
        }
        if !(bite.cost_eur.is_finite() && bite.cost_eur >= 0.0) {
            problem(
                "cost_eur",
                format!("cost_eur must be ≥ 0, got {}", bite.cost_eur),
            );
        }
        if bite.languages.is_empty() {
            problem(
                "languages",
                "at least one teaching language is required".into(),
            );
        }
        if bite.mode.needs_region() && bite.region.is_none() {
            problem(
                "region",
                format!("a region is required for {} bites", bite.mode),
            );
        }
        check_competences(&bite.outcomes, "outcomes", known_skill, &mut problem);
        check_competences(
            &bite.prerequisites,
            "prerequisites",
            known_skill,
            &mut problem,
        );
        if bite.outcomes.is_empty() && bite.outcome_texts.is_empty() {
            problem(
                "outcomes",
                "a bite needs at least one outcome (an ESCO competence, or text to tag)".into(),
            );
        }
        if !problems.is_empty() {
            report.bad_bites.insert(index);
            report.problems.extend(problems);
        }
    }

    let good_bites: HashSet<&str> = bites
        .iter()
        .enumerate()
        .filter(|(i, _)| !report.bad_bites.contains(i))
        .map(|(_, b)| b.value.id.as_str())
        .collect();
    let all_bites: HashSet<&str> = bites.iter().map(|b| b.value.id.as_str()).collect();
    let mut first_line: HashMap<&str, (usize, &str)> = HashMap::new();
    for (index, sourced) in qualifications.iter().enumerate() {
        let mut problems = Vec::new();
        let qualification = &sourced.value;
        let mut problem = |field: &str, message: String| {
            problems.push(Problem {
                file: sourced.file.clone(),
                line: sourced.line,
                field: field.to_string(),
                message,
            })
        };
        check_id_and_title(
            &mut first_line,
            qualification.id.as_str(),
            &qualification.title,
            (sourced.line, &sourced.file),
            &mut problem,
        );
        if !(qualification.min_ects.is_finite() && qualification.min_ects >= 0.0) {
            problem(
                "min_ects",
                format!("min_ects must be ≥ 0, got {}", qualification.min_ects),
            );
        }
        let requires = &qualification.requires;
        check_competences(
            &requires.competences,
            "requires.competences",
            known_skill,
            &mut problem,
        );
        let mut check_bite = |field: String, id: &BiteId| {
            if !all_bites.contains(id.as_str()) {
                problem(
                    &field,
                    format!("names bite {:?}, which does not exist", id.as_str()),
                );
            } else if !good_bites.contains(id.as_str()) {
                problem(
                    &field,
                    format!("names bite {:?}, which is invalid", id.as_str()),
                );
            }
        };
        for (i, id) in requires.all_of.iter().enumerate() {
            check_bite(format!("requires.all_of[{i}]"), id);
        }
        for (i, rule) in requires.n_of.iter().enumerate() {
            for (j, id) in rule.of.iter().enumerate() {
                check_bite(format!("requires.n_of[{i}].of[{j}]"), id);
            }
        }
        for (i, rule) in requires.n_of.iter().enumerate() {
            let distinct: HashSet<&BiteId> = rule.of.iter().collect();
            if rule.n == 0 {
                problem(
                    &format!("requires.n_of[{i}].n"),
                    "n must be at least 1".into(),
                );
            } else if rule.n as usize > distinct.len() {
                problem(
                    &format!("requires.n_of[{i}].n"),
                    format!(
                        "n is {} but the list has only {} distinct bite(s)",
                        rule.n,
                        distinct.len()
                    ),
                );
            }
        }
        if requires.competences.is_empty() && requires.all_of.is_empty() && requires.n_of.is_empty()
        {
            problem(
                "requires",
                "a qualification must require competences or modules".into(),
            );
        }
        if !problems.is_empty() {
            report.bad_qualifications.insert(index);
            report.problems.extend(problems);
        }
    }
    report
        .problems
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    report
}

/// An id must be unique in its file set (`first_line` remembers where each
/// was first seen) and a title must be given in some language.
fn check_id_and_title<'a>(
    first_line: &mut HashMap<&'a str, (usize, &'a str)>,
    id: &'a str,
    title: &LocalizedText,
    at: (usize, &'a str),
    problem: &mut dyn FnMut(&str, String),
) {
    match first_line.get(id) {
        Some((line, file)) => problem(
            "id",
            format!("duplicate id {id:?} (first at {file}:{line})"),
        ),
        None => {
            first_line.insert(id, at);
        }
    }
    if title.is_empty() {
        problem(
            "title",
            "a title in at least one language is required".into(),
        );
    }
    for (lang, text) in &title.0 {
        let field = format!("title.{}", lang.as_str());
        if text.chars().count() > MAX_TITLE_CHARS {
            problem(
                &field,
                format!("a title has at most {MAX_TITLE_CHARS} characters"),
            );
        }
        if text.chars().any(char::is_control) {
            problem(&field, "a title may not hold control characters".into());
        } else if !text.trim().is_empty() && !text.chars().any(is_visible) {
            problem(&field, "a title needs a visible character".into());
        }
    }
}

/// The longest title accepted, in characters (the default catalogue's
/// longest is under 80).
pub const MAX_TITLE_CHARS: usize = 300;

/// The most hours a bite may take: a year of full-time study; more is a
/// typing error, and would distort every plan that could use the bite.
pub const MAX_BITE_HOURS: f64 = 2000.0;

/// Whether `c` shows as something: not whitespace, a control, a combining
/// mark on its own, or an invisible format character (bidi marks, zero
/// widths, the BOM).
fn is_visible(c: char) -> bool {
    let invisible = matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{180E}');
    !(invisible || c.is_whitespace() || c.is_control())
}

fn check_competences(
    competences: &[Competence],
    field: &str,
    known_skill: &dyn Fn(&str) -> bool,
    problem: &mut dyn FnMut(&str, String),
) {
    let mut seen = BTreeMap::new();
    for (i, competence) in competences.iter().enumerate() {
        let uri = competence.skill.as_str();
        if !known_skill(uri) {
            problem(
                &format!("{field}[{i}].skill"),
                format!("unknown skill URI {uri:?} (not in the loaded taxonomy)"),
            );
        }
        if let Some(first) = seen.insert(uri, i) {
            problem(
                &format!("{field}[{i}].skill"),
                format!("skill {uri:?} is listed twice (also at {field}[{first}])"),
            );
        }
    }
}

/// Reads a file into a string, naming the file on error.
pub(crate) fn read_file(path: &Path) -> Result<String, CatalogueError> {
    std::fs::read_to_string(path).map_err(|source| CatalogueError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads and validates the catalogue folder `dir` (`bites.jsonl` and
/// `qualifications.jsonl`). Parse problems and validation problems are
/// reported together; with `lenient` the valid rows are kept.
pub fn load_dir(
    dir: &Path,
    known_skill: &dyn Fn(&str) -> bool,
    lenient: bool,
) -> Result<(Catalogue, Vec<Problem>), CatalogueError> {
    let bites_path = dir.join(BITES_FILE);
    let qualifications_path = dir.join(QUALIFICATIONS_FILE);
    let (bites, mut problems) =
        parse_jsonl::<Bite>(&bites_path.display().to_string(), &read_file(&bites_path)?);
    let qualifications_text = match std::fs::read_to_string(&qualifications_path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(CatalogueError::Io {
                path: qualifications_path,
                source,
            });
        }
    };
    let (qualifications, more) = parse_jsonl::<Qualification>(
        &qualifications_path.display().to_string(),
        &qualifications_text,
    );
    problems.extend(more);
    if !problems.is_empty() && !lenient {
        // Report validation problems of the rows that did parse as well, so
        // one run shows everything that needs fixing.
        let report = validate(&bites, &qualifications, known_skill);
        problems.extend(report.problems);
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        return Err(CatalogueError::Invalid { problems });
    }
    let (catalogue, more) = Catalogue::build(bites, qualifications, known_skill, lenient)?;
    problems.extend(more);
    Ok((catalogue, problems))
}

/// Writes `catalogue` into `dir` as JSON Lines. Each file is written to a
/// temporary file beside it, synced and renamed over the old one, so a
/// reader sees either the old file or the new one, never a part.
pub fn write_dir(dir: &Path, catalogue: &Catalogue) -> Result<(), CatalogueError> {
    let to_lines = |lines: Vec<String>| {
        let mut text = lines.join("\n");
        text.push('\n');
        text
    };
    let bites = to_lines(
        catalogue
            .bites
            .iter()
            .map(|b| serde_json::to_string(b).expect("a bite serializes"))
            .collect(),
    );
    let qualifications = to_lines(
        catalogue
            .qualifications
            .iter()
            .map(|q| serde_json::to_string(q).expect("a qualification serializes"))
            .collect(),
    );
    std::fs::create_dir_all(dir).map_err(|source| CatalogueError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    write_atomic(&dir.join(BITES_FILE), bites.as_bytes())?;
    write_atomic(&dir.join(QUALIFICATIONS_FILE), qualifications.as_bytes())
}

/// Writes `bytes` to `path` whole or not at all (`atomic::write`).
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CatalogueError> {
    crate::atomic::write(path, bytes).map_err(|source| CatalogueError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SKILL_A: &str = "http://data.europa.eu/esco/skill/a";
    const SKILL_B: &str = "http://data.europa.eu/esco/skill/b";

    fn known(uri: &str) -> bool {
        uri == SKILL_A || uri == SKILL_B
    }

    fn bite_line(id: &str, extra: &str) -> String {
        format!(
            r#"{{"id": "{id}", "title": {{"et": "Kursus", "en": "Course"}}, "outcomes": [{{"skill": "{SKILL_A}", "level": 1}}], "hours": 10, "ects": 0.4, "eqf_level": 3, "languages": ["et"], "mode": "online"{extra}}}"#
        )
    }

    fn qualification_line(id: &str, extra: &str) -> String {
        format!(
            r#"{{"id": "{id}", "title": {{"en": "Q"}}, "eqf_level": 3, "requires": {{"competences": [{{"skill": "{SKILL_B}", "level": 1}}]{extra}}}}}"#
        )
    }

    /// Validates a catalogue given as text and checks the problems, one
    /// `file:line: field: message` string each.
    fn check(bites: &[String], qualifications: &[String], expected: &[&str]) {
        let (b, mut problems) = parse_jsonl::<Bite>("bites.jsonl", &bites.join("\n"));
        let (q, more) =
            parse_jsonl::<Qualification>("qualifications.jsonl", &qualifications.join("\n"));
        problems.extend(more);
        problems.extend(validate(&b, &q, &known).problems);
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn valid_catalogue_has_no_problems() {
        check(
            &[bite_line("b1", ""), bite_line("b2", "")],
            &[qualification_line(
                "q1",
                r#", "all_of": ["b1"], "n_of": [{"n": 1, "of": ["b1", "b2"]}]"#,
            )],
            &[],
        );
    }

    #[test]
    fn unknown_skill_uri() {
        check(
            &[bite_line(
                "b1",
                r#", "prerequisites": [{"skill": "http://data.europa.eu/esco/skill/zzz"}]"#,
            )],
            &[],
            &[
                "bites.jsonl:1: field `prerequisites[0].skill`: unknown skill URI \"http://data.europa.eu/esco/skill/zzz\" (not in the loaded taxonomy)",
            ],
        );
    }

    #[test]
    fn level_outside_range() {
        check(
            &[format!(
                r#"{{"id": "b1", "title": {{"en": "C"}}, "outcomes": [{{"skill": "{SKILL_A}", "level": 7}}], "hours": 10, "eqf_level": 3, "languages": ["et"], "mode": "online"}}"#
            )],
            &[],
            &["bites.jsonl:1: field `outcomes[0].level`: level 7 is outside 1–4"],
        );
    }

    #[test]
    fn hours_not_positive() {
        check(
            &[bite_line("b1", "").replace("\"hours\": 10", "\"hours\": 0")],
            &[],
            &["bites.jsonl:1: field `hours`: hours must be > 0 and at most 2000, got 0"],
        );
    }

    #[test]
    fn hours_absurd() {
        check(
            &[bite_line("b1", "").replace("\"hours\": 10", "\"hours\": 100000")],
            &[],
            &["bites.jsonl:1: field `hours`: hours must be > 0 and at most 2000, got 100000"],
        );
    }

    #[test]
    fn titles_need_visible_text_without_controls() {
        check(
            &[
                bite_line("b1", "").replace("\"en\": \"Course\"", "\"en\": \"\\u202e\\u0301 \""),
                bite_line("b2", "").replace("\"en\": \"Course\"", "\"en\": \"a\\u0000b\""),
            ],
            &[],
            &[
                "bites.jsonl:1: field `title.en`: a title needs a visible character",
                "bites.jsonl:2: field `title.en`: a title may not hold control characters",
            ],
        );
    }

    #[test]
    fn eqf_outside_range() {
        check(
            &[bite_line("b1", "").replace("\"eqf_level\": 3", "\"eqf_level\": 9")],
            &[],
            &["bites.jsonl:1: field `eqf_level`: EQF level 9 is outside 1–8"],
        );
    }

    #[test]
    fn duplicate_id() {
        check(
            &[bite_line("b1", ""), bite_line("b1", "")],
            &[],
            &["bites.jsonl:2: field `id`: duplicate id \"b1\" (first at bites.jsonl:1)"],
        );
    }

    #[test]
    fn qualification_names_missing_bite() {
        check(
            &[bite_line("b1", "")],
            &[qualification_line("q1", r#", "all_of": ["nope"]"#)],
            &[
                "qualifications.jsonl:1: field `requires.all_of[0]`: names bite \"nope\", which does not exist",
            ],
        );
    }

    #[test]
    fn n_of_larger_than_list() {
        check(
            &[bite_line("b1", ""), bite_line("b2", "")],
            &[qualification_line(
                "q1",
                r#", "n_of": [{"n": 3, "of": ["b1", "b2"]}]"#,
            )],
            &[
                "qualifications.jsonl:1: field `requires.n_of[0].n`: n is 3 but the list has only 2 distinct bite(s)",
            ],
        );
    }

    #[test]
    fn bad_date() {
        check(
            &[bite_line(
                "b1",
                r#", "sessions": [{"start": "2027-13-01", "weeks": 2}]"#,
            )],
            &[],
            &[
                "bites.jsonl:1: field `sessions[0].start`: \"2027-13-01\" is not a date (expected YYYY-MM-DD)",
            ],
        );
    }

    #[test]
    fn malformed_json_and_region() {
        check(
            &[
                "{not json".to_string(),
                bite_line("b2", "").replace("\"online\"", "\"onsite\""),
            ],
            &[],
            &[
                "bites.jsonl:1: key must be a string",
                "bites.jsonl:2: field `region`: a region is required for onsite bites",
            ],
        );
    }

    #[test]
    fn lenient_keeps_valid_rows_and_drops_dependants() {
        let (b, _) = parse_jsonl::<Bite>(
            "bites.jsonl",
            &[bite_line("b1", ""), bite_line("b2", "").replace("10", "-1")].join("\n"),
        );
        let (q, _) = parse_jsonl::<Qualification>(
            "qualifications.jsonl",
            &[
                qualification_line("q1", r#", "all_of": ["b2"]"#),
                qualification_line("q2", r#", "all_of": ["b1"]"#),
            ]
            .join("\n"),
        );
        assert!(matches!(
            Catalogue::build(b.clone(), q.clone(), &known, false),
            Err(CatalogueError::Invalid { .. })
        ));
        let (catalogue, problems) = Catalogue::build(b, q, &known, true).unwrap();
        assert_eq!(catalogue.bites().len(), 1);
        assert_eq!(catalogue.qualifications().len(), 1);
        assert!(catalogue.qualification("q2").is_some());
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn upsert_replaces_by_id_and_appends() {
        let (b, _) =
            parse_jsonl::<Bite>("b", &[bite_line("b1", ""), bite_line("b2", "")].join("\n"));
        let (catalogue, _) = Catalogue::build(b, vec![], &known, false).unwrap();
        let (new, _) =
            parse_jsonl::<Bite>("n", &[bite_line("b2", ""), bite_line("b3", "")].join("\n"));
        let (merged, added, replaced) =
            catalogue.upsert(new.into_iter().map(|s| s.value).collect(), vec![]);
        assert_eq!((added, replaced), (1, 1));
        let ids: Vec<&str> = merged.bites().iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["b1", "b2", "b3"]);
    }
}
