//! How do providers who keep a spreadsheet get their courses in? A CSV
//! with one bite per row, columns by header name (README lists them).
//!
//! Each row is turned into the JSON form of DESIGN.md §5 and read by the
//! same code as `bites.jsonl`, so a CSV bite and a JSON bite are checked
//! alike; problems name the CSV line and column.
//!
//! This module must never write files; the caller decides what to keep.

use serde_json::{Map, Value, json};

use super::{Problem, Sourced};
use crate::domain::{
    Bite, EqfLevel, FundingTag, Lang, Level, Mode, Region, SkillUri, from_json_str,
};

/// The columns a catalogue CSV may have; `id`, a title, `hours`,
/// `eqf_level`, `languages` and `mode` are required.
pub const COLUMNS: &[(&str, &str)] = &[
    ("id", "unique bite id, e.g. ttu-sql-1"),
    (
        "title_et",
        "title in Estonian (at least one title_* is required)",
    ),
    ("title_en", "title in English"),
    ("title_ru", "title in Russian"),
    ("description_et", "description in Estonian"),
    ("description_en", "description in English"),
    ("description_ru", "description in Russian"),
    ("provider", "who teaches it"),
    (
        "outcomes",
        "ESCO skills it gives, `URI level` separated by `;` (level 1–4, default 1)",
    ),
    (
        "outcome_texts",
        "outcomes as text, separated by `;` (tagged with --tag-outcomes)",
    ),
    (
        "prerequisites",
        "ESCO skills needed first, `URI level` separated by `;`",
    ),
    ("hours", "workload in hours, > 0"),
    ("ects", "ECTS credits, ≥ 0"),
    ("eqf_level", "EQF level 1–8"),
    ("languages", "teaching languages, e.g. `et;ru`"),
    ("mode", "online, onsite or blended"),
    ("region", "ISO 3166-2 county for onsite/blended, e.g. EE-37"),
    ("cost_eur", "cost in EUR, ≥ 0"),
    (
        "funding",
        "funding tags, e.g. `free;unemployed;training-credit`",
    ),
    (
        "sessions",
        "runs as `YYYY-MM-DD/weeks[/seats[/deadline]]` separated by `;` (seats empty = unlimited)",
    ),
    ("assessment", "assessment type"),
    ("credential", "credential issued"),
    ("quality_assurance", "quality assurance"),
    ("field", "field or sector, e.g. retail"),
    ("url", "where to read more"),
    ("registration_url", "where to register, when not `url`"),
    (
        "contact_email",
        "the provider's e-mail address for enrolment",
    ),
    (
        "contact_phone",
        "the provider's phone number, e.g. +372 600 1234",
    ),
    ("contact_address", "the provider's address"),
];

const REQUIRED: &[&str] = &["id", "hours", "eqf_level", "languages", "mode"];

/// Reads catalogue CSV text into bites. Returns the bites that parsed and a
/// problem for each row or cell that did not; a missing required column is
/// one problem on line 1 and no bites.
pub fn parse_csv(file: &str, text: &str) -> (Vec<Sourced<Bite>>, Vec<Problem>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let problem = |line: usize, field: &str, message: String| Problem {
        file: file.to_string(),
        line,
        field: field.to_string(),
        message,
    };
    let headers = match reader.headers() {
        Ok(headers) => headers
            .iter()
            .map(|h| h.trim().to_string())
            .collect::<Vec<_>>(),
        Err(error) => return (vec![], vec![problem(1, "", error.to_string())]),
    };
    let mut problems = Vec::new();
    for required in REQUIRED {
        if !headers.iter().any(|h| h == required) {
            problems.push(problem(1, required, "required column is missing".into()));
        }
    }
    if !headers.iter().any(|h| h.starts_with("title_")) {
        problems.push(problem(
            1,
            "title_et",
            "at least one title column (title_et, title_en, title_ru) is required".into(),
        ));
    }
    for header in &headers {
        if !COLUMNS.iter().any(|(name, _)| name == header) {
            problems.push(problem(
                1,
                header,
                "unknown column (see README for the catalogue CSV columns)".into(),
            ));
        }
    }
    if !problems.is_empty() {
        return (vec![], problems);
    }

    let mut bites = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line() as usize);
                problems.push(problem(line, "", format!("not a valid CSV row: {error}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells: Vec<(&str, &str)> = headers
            .iter()
            .map(String::as_str)
            .zip(record.iter().map(str::trim))
            .collect();
        let (json, cell_problems) = row_to_json(&cells);
        if !cell_problems.is_empty() {
            problems.extend(
                cell_problems
                    .into_iter()
                    .map(|(column, message)| problem(line, column, message)),
            );
            continue;
        }
        match from_json_str::<Bite>(&json.to_string()) {
            Ok(bite) => bites.push(Sourced {
                file: file.to_string(),
                line,
                value: bite,
            }),
            Err(error) => problems.push(problem(line, column_of(&error.path), error.message)),
        }
    }
    (bites, problems)
}

/// The CSV column that a JSON field path came from.
fn column_of(path: &str) -> &str {
    let head = path.split(['[', '.']).next().unwrap_or(path);
    match (head, path.split('.').nth(1)) {
        ("title", Some(lang)) if lang.len() == 2 => match lang {
            "et" => "title_et",
            "ru" => "title_ru",
            _ => "title_en",
        },
        ("contact", Some(part)) => match part {
            "email" => "contact_email",
            "phone" => "contact_phone",
            _ => "contact_address",
        },
        ("description", Some(lang)) if lang.len() == 2 => match lang {
            "et" => "description_et",
            "ru" => "description_ru",
            _ => "description_en",
        },
        _ => COLUMNS
            .iter()
            .map(|(name, _)| *name)
            .find(|name| *name == head)
            .unwrap_or(""),
    }
}

fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn number(column: &'static str, cell: &str) -> Result<Value, (&'static str, String)> {
    let parsed: f64 = cell
        .replace(',', ".")
        .parse()
        .map_err(|_| (column, format!("{cell:?} is not a number")))?;
    Ok(json!(parsed))
}

fn competences(column: &'static str, cell: &str) -> Result<Value, (&'static str, String)> {
    list(cell)
        .map(|item| {
            let mut parts = item.split_whitespace();
            let skill = parts.next().unwrap_or_default();
            let level: i64 = match parts.next() {
                None => 1,
                Some(level) => level.parse().map_err(|_| {
                    (
                        column,
                        format!("{level:?} is not a level (expected 1–4 after the URI)"),
                    )
                })?,
            };
            if let Some(extra) = parts.next() {
                return Err((column, format!("unexpected {extra:?} after `URI level`")));
            }
            SkillUri::new(skill).map_err(|e| (column, e))?;
            Level::new(level).map_err(|e| (column, e))?;
            Ok(json!({"skill": skill, "level": level}))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

fn sessions(cell: &str) -> Result<Value, (&'static str, String)> {
    list(cell)
        .map(|item| {
            let bad = || {
                (
                    "sessions",
                    format!(
                        "{item:?} is not a session (expected YYYY-MM-DD/weeks[/seats[/deadline]])"
                    ),
                )
            };
            let mut parts = item.split('/').map(str::trim);
            let start = parts.next().ok_or_else(bad)?;
            let weeks = parts.next().ok_or_else(bad)?;
            let seats = parts.next().filter(|s| !s.is_empty());
            let deadline = parts.next().filter(|s| !s.is_empty());
            if parts.next().is_some() {
                return Err(bad());
            }
            let weeks: i64 = weeks
                .parse()
                .map_err(|_| ("sessions", format!("{weeks:?} is not a number of weeks")))?;
            let date = |text: &str| {
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                    (
                        "sessions",
                        format!("{text:?} is not a date (expected YYYY-MM-DD)"),
                    )
                })
            };
            date(start)?;
            let mut session = json!({"start": start, "weeks": weeks});
            if let Some(seats) = seats {
                let seats: i64 = seats
                    .parse()
                    .map_err(|_| ("sessions", format!("{seats:?} is not a number of seats")))?;
                session["seats"] = json!(seats);
            }
            if let Some(deadline) = deadline {
                date(deadline)?;
                session["registration_deadline"] = json!(deadline);
            }
            Ok(session)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// Turns one row into the JSON form of a bite, checking each cell on its
/// own so that one pass reports every bad cell of the row, by column.
fn row_to_json(cells: &[(&str, &str)]) -> (Value, Vec<(&'static str, String)>) {
    let mut object = Map::new();
    let mut title = Map::new();
    let mut description = Map::new();
    let mut contact = Map::new();
    let mut problems = Vec::new();
    for &(column, cell) in cells {
        if cell.is_empty() {
            continue;
        }
        let column: &'static str = COLUMNS
            .iter()
            .map(|(name, _)| *name)
            .find(|name| *name == column)
            .expect("headers were checked");
        let value = match column {
            "title_et" | "title_en" | "title_ru" => {
                title.insert(column[6..].to_string(), json!(cell));
                continue;
            }
            "description_et" | "description_en" | "description_ru" => {
                description.insert(column[12..].to_string(), json!(cell));
                continue;
            }
            "contact_email" | "contact_phone" | "contact_address" => {
                contact.insert(column[8..].to_string(), json!(cell));
                continue;
            }
            "hours" | "ects" | "cost_eur" => number(column, cell),
            "eqf_level" => cell
                .parse::<i64>()
                .map_err(|_| (column, format!("{cell:?} is not a whole number")))
                .and_then(|n| EqfLevel::new(n).map(|_| json!(n)).map_err(|e| (column, e))),
            "outcomes" | "prerequisites" => competences(column, cell),
            "languages" => each(column, cell, Lang::new),
            "funding" => each(column, cell, FundingTag::new),
            "outcome_texts" => Ok(json!(list(cell).collect::<Vec<_>>())),
            "sessions" => sessions(cell),
            "mode" => cell
                .parse::<Mode>()
                .map(|_| json!(cell))
                .map_err(|e| (column, e)),
            "region" => Region::new(cell)
                .map(|_| json!(cell))
                .map_err(|e| (column, e)),
            _ => Ok(json!(cell)),
        };
        match value {
            Ok(value) => {
                object.insert(column.to_string(), value);
            }
            Err(problem) => problems.push(problem),
        }
    }
    object.insert("title".into(), Value::Object(title));
    object.insert("description".into(), Value::Object(description));
    if !contact.is_empty() {
        object.insert("contact".into(), Value::Object(contact));
    }
    (Value::Object(object), problems)
}

/// A `;`-separated list whose items must each pass `check`.
fn each<T>(
    column: &'static str,
    cell: &str,
    check: fn(String) -> Result<T, String>,
) -> Result<Value, (&'static str, String)> {
    list(cell)
        .map(|item| {
            check(item.to_string())
                .map(|_| json!(item))
                .map_err(|e| (column, e))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,title_et,title_en,outcomes,prerequisites,hours,ects,eqf_level,languages,mode,region,cost_eur,funding,sessions";

    fn check(rows: &str, expected: &[&str]) -> Vec<Bite> {
        let text = format!("\u{feff}{HEADER}\n{rows}");
        let (bites, problems) = parse_csv("c.csv", &text);
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(got, expected);
        bites.into_iter().map(|b| b.value).collect()
    }

    #[test]
    fn parses_a_row() {
        let bites = check(
            "b1,Kassatöö,Cashier work,http://data.europa.eu/esco/skill/a 2; http://data.europa.eu/esco/skill/b,,12.5,\"0,5\",3,et;ru,onsite,EE-37,90,unemployed,2027-01-11/4;2027-03-01/2\n",
            &[],
        );
        let bite = &bites[0];
        assert_eq!(bite.title.get("et"), Some("Kassatöö"));
        assert_eq!(bite.outcomes[0].level.get(), 2);
        assert_eq!(bite.outcomes[1].level.get(), 1);
        assert_eq!(bite.ects, 0.5);
        assert_eq!(bite.sessions.len(), 2);
        assert_eq!(bite.languages.len(), 2);
    }

    #[test]
    fn problems_name_line_and_column() {
        check(
            "b1,K,C,http://data.europa.eu/esco/skill/a 9,,10,1,3,et,online,,0,,\n\
             b2,K,C,http://data.europa.eu/esco/skill/a,,ten,1,3,et,online,,0,,\n\
             b3,K,C,http://data.europa.eu/esco/skill/a,,10,1,3,et,by pigeon,,0,,\n\
             b4,\"K\nmultiline\",C,http://data.europa.eu/esco/skill/a,,10,1,3,xx1,online,,0,,2027-01-01\n",
            &[
                "c.csv:2: field `outcomes`: level 9 is outside 1–4",
                "c.csv:3: field `hours`: \"ten\" is not a number",
                "c.csv:4: field `mode`: \"by pigeon\" is not a mode (expected online, onsite or blended)",
                "c.csv:5: field `languages`: \"xx1\" is not a language code (expected two lowercase letters, ISO 639-1, e.g. \"et\")",
                "c.csv:5: field `sessions`: \"2027-01-01\" is not a session (expected YYYY-MM-DD/weeks[/seats[/deadline]])",
            ],
        );
    }

    #[test]
    fn enrolment_columns() {
        let text = "id,title_en,outcomes,hours,eqf_level,languages,mode,sessions,registration_url,contact_email,contact_phone,contact_address\n\
            b1,C,http://data.europa.eu/esco/skill/a,10,3,et,online,2027-01-11/4/12/2027-01-04;2027-03-01/2;2027-05-03/2//2027-04-26,https://example.ee/reg,koolitus@example.ee,+372 600 1234,\"Tartu mnt 1, Tallinn\"\n\
            b2,C,http://data.europa.eu/esco/skill/a,10,3,et,online,2027-01-11/4/many,,,,\n\
            b3,C,http://data.europa.eu/esco/skill/a,10,3,et,online,2027-01-11/4/-3,,,,\n";
        let (bites, problems) = parse_csv("c.csv", text);
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "c.csv:3: field `sessions`: \"many\" is not a number of seats",
                "c.csv:4: field `sessions`: seats -3 is outside 0–10000",
            ]
        );
        let bite = &bites[0].value;
        assert_eq!(bite.sessions[0].seats, Some(12));
        assert_eq!(
            bite.sessions[0]
                .registration_deadline
                .map(|d| d.to_string()),
            Some("2027-01-04".into())
        );
        assert_eq!(bite.sessions[1].seats, None);
        assert_eq!(bite.sessions[2].seats, None);
        assert!(bite.sessions[2].registration_deadline.is_some());
        assert_eq!(bite.contact.email.as_deref(), Some("koolitus@example.ee"));
        assert_eq!(
            bite.contact.address.as_deref(),
            Some("Tartu mnt 1, Tallinn")
        );
        assert_eq!(
            bite.registration_url.as_deref(),
            Some("https://example.ee/reg")
        );
    }

    #[test]
    fn missing_and_unknown_columns() {
        let (bites, problems) = parse_csv("c.csv", "id,title_en,colour\nb1,C,red\n");
        assert!(bites.is_empty());
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "c.csv:1: field `hours`: required column is missing",
                "c.csv:1: field `eqf_level`: required column is missing",
                "c.csv:1: field `languages`: required column is missing",
                "c.csv:1: field `mode`: required column is missing",
                "c.csv:1: field `colour`: unknown column (see README for the catalogue CSV columns)",
            ]
        );
    }
}
