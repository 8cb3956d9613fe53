//! Is a catalogue valid?
//!
//! Checks what parsing cannot: skills exist (asked of the caller), numbers
//! are in range, ids are unique, titles are visible text, qualifications
//! name bites that exist and are valid, `n_of` fits its list. Every problem
//! is reported with file, line and field, and the rows at fault are listed
//! so a lenient load can leave them out.
//!
//! It must never do IO nor build a catalogue.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::problems::{Problem, Sourced};
use crate::domain::{Bite, BiteId, Competence, Contact, LocalizedText, Qualification};

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
        if let Some(url) = &bite.url
            && let Err(message) = check_url(url)
        {
            problem("url", message);
        }
        if let Some(url) = &bite.registration_url
            && let Err(message) = check_url(url)
        {
            problem("registration_url", message);
        }
        check_contact(&bite.contact, &mut problem);
        for (i, session) in bite.sessions.iter().enumerate() {
            if let Some(deadline) = session.registration_deadline
                && deadline >= session.end()
            {
                problem(
                    &format!("sessions[{i}].registration_deadline"),
                    format!(
                        "the registration deadline {deadline} is after the run's last day ({})",
                        session.end() - chrono::Duration::days(1)
                    ),
                );
            }
        }
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

/// The longest URL a bite may carry.
pub const MAX_URL_CHARS: usize = 2000;

/// A bite's URL is shown to people as a link: only `http` and `https`
/// (never `javascript:` or `data:`), without spaces or control characters.
fn check_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Err(format!("{url:?} is not an http or https URL"));
    };
    if rest.is_empty() || url.chars().count() > MAX_URL_CHARS {
        return Err(format!(
            "must be a URL of at most {MAX_URL_CHARS} characters"
        ));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces or control characters".into());
    }
    Ok(())
}

/// The longest contact field accepted, in characters.
pub const MAX_CONTACT_CHARS: usize = 300;

/// A provider contact is shown to people and put in spreadsheets: an
/// e-mail address of one `@` with a dotted domain, a phone number of
/// digits (at least five) with `+`, spaces, `-`, `(`, `)`, and an address
/// of visible text; none with control characters or over
/// [`MAX_CONTACT_CHARS`].
fn check_contact(contact: &Contact, problem: &mut dyn FnMut(&str, String)) {
    let fields = [
        ("contact.email", &contact.email),
        ("contact.phone", &contact.phone),
        ("contact.address", &contact.address),
    ];
    for (field, value) in fields {
        let Some(value) = value else { continue };
        if value.chars().count() > MAX_CONTACT_CHARS {
            problem(field, format!("at most {MAX_CONTACT_CHARS} characters"));
        } else if value.chars().any(char::is_control) {
            problem(field, "may not hold control characters".into());
        } else if !value.chars().any(is_visible) {
            problem(field, "needs a visible character".into());
        }
    }
    if let Some(email) = &contact.email {
        let ok = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    && !email.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if !ok {
            problem(
                "contact.email",
                format!("{email:?} is not an e-mail address (expected e.g. koolitus@example.ee)"),
            );
        }
    }
    if let Some(phone) = &contact.phone {
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let ok = phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
            && (5..=20).contains(&digits);
        if !ok {
            problem(
                "contact.phone",
                format!(
                    "{phone:?} is not a phone number (5–20 digits with +, spaces, -, parentheses; e.g. +372 600 1234)"
                ),
            );
        }
    }
}

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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::catalogue::parse_jsonl;

    const SKILL_A: &str = "http://data.europa.eu/esco/skill/a";
    const SKILL_B: &str = "http://data.europa.eu/esco/skill/b";

    pub(crate) fn known(uri: &str) -> bool {
        uri == SKILL_A || uri == SKILL_B
    }

    pub(crate) fn bite_line(id: &str, extra: &str) -> String {
        format!(
            r#"{{"id": "{id}", "title": {{"et": "Kursus", "en": "Course"}}, "outcomes": [{{"skill": "{SKILL_A}", "level": 1}}], "hours": 10, "ects": 0.4, "eqf_level": 3, "languages": ["et"], "mode": "online"{extra}}}"#
        )
    }

    pub(crate) fn qualification_line(id: &str, extra: &str) -> String {
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
    fn only_http_and_https_urls_are_links() {
        check(
            &[bite_line("b1", r#", "url": "https://example.ee/kursus""#)],
            &[],
            &[],
        );
        check(
            &[bite_line("b1", r#", "url": "HTTP://example.ee""#)],
            &[],
            &[],
        );
        for (url, message) in [
            (
                "javascript:alert(1)",
                "\"javascript:alert(1)\" is not an http or https URL",
            ),
            (
                "data:text/html,x",
                "\"data:text/html,x\" is not an http or https URL",
            ),
            ("https://", "must be a URL of at most 2000 characters"),
            (
                "https://a b",
                "must not contain spaces or control characters",
            ),
        ] {
            let line = bite_line("b1", &format!(r#", "url": {}"#, serde_json::json!(url)));
            let expected = format!("bites.jsonl:1: field `url`: {message}");
            check(&[line], &[], &[expected.as_str()]);
        }
    }

    #[test]
    fn enrolment_fields_are_checked() {
        check(
            &[bite_line(
                "b1",
                r#", "registration_url": "https://example.ee/reg", "contact": {"email": "koolitus@example.ee", "phone": "+372 600 1234", "address": "Tartu mnt 1, Tallinn"}, "sessions": [{"start": "2027-01-11", "weeks": 4, "registration_deadline": "2027-01-04", "seats": 12}, {"start": "2027-03-01", "weeks": 1, "seats": 0}]"#,
            )],
            &[],
            &[],
        );
        check(
            &[bite_line(
                "b1",
                r#", "registration_url": "ftp://x", "contact": {"email": "koolitus.example.ee", "phone": "call us", "address": "a\u0007b"}, "sessions": [{"start": "2027-01-11", "weeks": 1, "registration_deadline": "2027-01-18"}]"#,
            )],
            &[],
            &[
                "bites.jsonl:1: field `registration_url`: \"ftp://x\" is not an http or https URL",
                "bites.jsonl:1: field `contact.address`: may not hold control characters",
                "bites.jsonl:1: field `contact.email`: \"koolitus.example.ee\" is not an e-mail address (expected e.g. koolitus@example.ee)",
                "bites.jsonl:1: field `contact.phone`: \"call us\" is not a phone number (5–20 digits with +, spaces, -, parentheses; e.g. +372 600 1234)",
                "bites.jsonl:1: field `sessions[0].registration_deadline`: the registration deadline 2027-01-18 is after the run's last day (2027-01-17)",
            ],
        );
        check(
            &[
                bite_line(
                    "b1",
                    r#", "sessions": [{"start": "2027-01-11", "weeks": 4, "seats": -1}]"#,
                ),
                bite_line(
                    "b2",
                    r#", "sessions": [{"start": "2027-01-11", "weeks": 4, "registration_deadline": "soon"}]"#,
                ),
            ],
            &[],
            &[
                "bites.jsonl:1: field `sessions[0].seats`: seats -1 is outside 0–10000",
                "bites.jsonl:2: field `sessions[0].registration_deadline`: \"soon\" is not a date (expected YYYY-MM-DD)",
            ],
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
}
