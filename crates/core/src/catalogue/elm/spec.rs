//! How does one specification become a bite, and a micro-credential also
//! a micro-qualification?
//!
//! `map_spec` reads a specification one field after the other, a function
//! each: titles and descriptions, learning outcomes, ECTS credits, hours,
//! EQF level, languages, mode and region, awarding body, assessment,
//! sessions, price and homepage. What it assumes becomes a note; what it
//! cannot read becomes a problem, which keeps the whole specification out.

use serde_json::{Map, Value, json};

use super::import::{ElmImport, ElmOptions};
use super::values::{
    date_of, duration_hours, items, language_code, language_map, mode_of, pref_label, text_of,
};
use crate::catalogue::{Problem, Sourced};
use crate::domain::{Bite, Qualification, Region, from_json_str};

/// Hours of learning assumed per ECTS credit where only credits are given
/// (ECTS users' guide: 25–30 hours; the middle is used).
pub const HOURS_PER_ECTS: f64 = 27.0;

/// A specification found in the document, with the claim or opportunity
/// around it (for the awarding body, assessment and dates).
pub(super) struct Spec<'a> {
    pub(super) kind: &'static str,
    pub(super) path: String,
    pub(super) object: &'a Map<String, Value>,
    pub(super) parent: Option<&'a Map<String, Value>>,
}

/// Problems found while mapping one specification, by field name; any one
/// of them keeps the whole specification out.
type FieldProblems = Vec<(&'static str, String)>;

/// Maps one specification to a bite, and a micro-credential also to a
/// micro-qualification. What cannot be read is a problem (and then nothing
/// of the specification is mapped) or, where a value can be assumed, a note.
pub(super) fn map_spec(
    file: &str,
    id: &str,
    spec: &Spec<'_>,
    issuer: Option<&str>,
    options: &ElmOptions,
    out: &mut ElmImport,
) {
    let s = spec.object;
    let mut note = |message: String| out.notes.push(format!("{file}: {id}: {message}"));
    let is_badge = spec.kind == "Achievement";

    let inner = offer(spec);
    let (title, description) = titles(s, inner, is_badge);
    let (outcomes, outcome_texts) = outcomes(s, inner, &title, &mut note);
    let ects = ects(s, inner, is_badge, &mut note);
    let mut problems: FieldProblems = Vec::new();
    let hours = hours(inner, ects, &mut problems, &mut note);
    let eqf = eqf_level(inner, options, &mut problems, &mut note);
    let languages = languages(s, inner, is_badge, &mut problems);
    let mode = mode(inner, &mut problems, &mut note);
    let region = region(s, inner, mode, options, &mut problems, &mut note);
    let awarding_body = awarding_body(spec, issuer, &mut note);
    let assessment = assessment(spec);
    let learning_setting = inner.get("learningSetting").and_then(pref_label);
    let entry_requirements = language_map(
        inner
            .get("entryRequirement")
            .and_then(|e| e.get("noteLiteral").or(Some(e))),
    );
    let sessions = sessions(spec, &mut note);
    let cost = cost(s, inner);
    let url = url(s, inner);
    let contact = contact(s, inner);

    let field = |name: &str| field_path(spec, name);
    if !problems.is_empty() {
        for (name, message) in problems {
            out.problems.push(Problem {
                file: file.into(),
                line: 1,
                field: field(name),
                message: format!("{id}: {message}"),
            });
        }
        return;
    }
    let is_micro_credential = is_micro_credential(spec, is_badge);
    let credential = if is_micro_credential {
        Some("micro-credential")
    } else {
        None
    };

    let bite_json = json!({
        "id": id,
        "title": title,
        "description": description,
        "provider": awarding_body,
        "outcomes": outcomes,
        "outcome_texts": outcome_texts,
        "hours": hours.unwrap_or_default(),
        "ects": ects.unwrap_or_default(),
        "eqf_level": eqf.unwrap_or_default(),
        "languages": languages,
        "mode": mode,
        "region": region,
        "cost_eur": cost.unwrap_or_default(),
        "sessions": sessions,
        "assessment": assessment,
        "credential": credential,
        "learning_setting": learning_setting,
        "entry_requirements": entry_requirements,
        "url": url,
        "contact": contact,
    });
    let bite = match from_json_str::<Bite>(&bite_json.to_string()) {
        Ok(bite) => bite,
        Err(error) => {
            out.problems.push(Problem {
                file: file.into(),
                line: 1,
                field: field(&error.path),
                message: format!("{id}: {}", error.message),
            });
            return;
        }
    };
    if is_micro_credential {
        push_qualification(file, id, spec, &bite_json, out);
    }
    out.bites.push(Sourced {
        file: file.into(),
        line: 1,
        value: bite,
    });
}

/// What a specification offers: a learning opportunity describes its
/// offer in `learningSpecification`; any other specification is its own.
fn offer<'a>(spec: &Spec<'a>) -> &'a Map<String, Value> {
    let s = spec.object;
    // A learning opportunity describes its offer in `learningSpecification`.
    if spec.kind == "LearningOpportunity" {
        s.get("learningSpecification")
            .and_then(Value::as_object)
            .unwrap_or(s)
    } else {
        s
    }
}

/// Titles and descriptions as language maps: an Open Badge's `name` and
/// `description` are in its `inLanguage`; a learning opportunity without a
/// title takes its offer's.
fn titles(
    s: &Map<String, Value>,
    inner: &Map<String, Value>,
    is_badge: bool,
) -> (Map<String, Value>, Map<String, Value>) {
    let mut title = language_map(s.get("title"));
    let mut description = language_map(s.get("description"));
    if is_badge {
        let lang = s
            .get("inLanguage")
            .and_then(Value::as_str)
            .filter(|l| l.len() == 2)
            .unwrap_or("en")
            .to_string();
        if let Some(name) = s.get("name").and_then(Value::as_str) {
            title.insert(lang.clone(), json!(name));
        }
        if let Some(text) = s.get("description").and_then(Value::as_str) {
            description = Map::new();
            description.insert(lang, json!(text));
        }
    }
    if title.is_empty() {
        title = language_map(inner.get("title"));
    }
    (title, description)
}

/// Learning outcomes: ESCO skills (`relatedESCOSkill`, Open Badges
/// `alignment`) at level 1, and as outcome texts to tag later what names no
/// ESCO skill (or, when there is nothing else, the title).
fn outcomes(
    s: &Map<String, Value>,
    inner: &Map<String, Value>,
    title: &Map<String, Value>,
    note: &mut impl FnMut(String),
) -> (Vec<Value>, Vec<String>) {
    let mut outcomes = Vec::new();
    let mut outcome_texts = Vec::new();
    for outcome in items(inner.get("learningOutcome")) {
        let skills = items(outcome.get("relatedESCOSkill"));
        for skill in &skills {
            match skill.get("id").and_then(Value::as_str) {
                Some(uri) if uri.contains("/esco/skill/") => {
                    if !outcomes.iter().any(|o: &Value| o["skill"] == uri) {
                        outcomes.push(json!({"skill": uri, "level": 1}));
                    }
                }
                _ => note(format!(
                    "learning outcome skill {skill} is not an ESCO skill URI; left out"
                )),
            }
        }
        for other in items(outcome.get("relatedSkill")) {
            let label = pref_label(other).unwrap_or_default();
            note(format!(
                "related skill {} ({label}) is not in ESCO; kept as outcome text",
                other.get("id").and_then(Value::as_str).unwrap_or("?")
            ));
            if !label.is_empty() {
                outcome_texts.push(label);
            }
        }
        if skills.is_empty()
            && let Some(text) = text_of(outcome.get("title"))
        {
            outcome_texts.push(text);
        }
    }
    for alignment in items(s.get("alignment")) {
        match alignment.get("targetUrl").and_then(Value::as_str) {
            Some(uri) if uri.contains("/esco/skill/") => {
                outcomes.push(json!({"skill": uri, "level": 1}));
            }
            _ => {
                if let Some(name) = alignment.get("targetName").and_then(Value::as_str) {
                    note(format!(
                        "alignment {name:?} has no ESCO skill URL; kept as outcome text"
                    ));
                    outcome_texts.push(name.to_string());
                }
            }
        }
    }
    if !outcomes.is_empty() {
        note("ELM gives no proficiency level; outcomes are set to level 1".into());
    }
    if outcomes.is_empty()
        && outcome_texts.is_empty()
        && let Some(text) = title
            .get("en")
            .or_else(|| title.values().next())
            .and_then(Value::as_str)
    {
        note("no learning outcomes; the title is kept as outcome text to tag".into());
        outcome_texts.push(text.to_string());
    }
    (outcomes, outcome_texts)
}

/// ECTS credits: credit points in the ECTS framework (others are noted
/// and left out), or an Open Badge's `creditsAvailable`.
fn ects(
    s: &Map<String, Value>,
    inner: &Map<String, Value>,
    is_badge: bool,
    note: &mut impl FnMut(String),
) -> Option<f64> {
    let mut ects = None;
    for credit in items(inner.get("creditPoint")) {
        let framework = credit
            .get("framework")
            .map(|f| pref_label(f).unwrap_or_default())
            .unwrap_or_default();
        let point = match credit.get("point") {
            Some(Value::String(p)) => p.replace(',', ".").parse::<f64>().ok(),
            Some(Value::Number(n)) => n.as_f64(),
            _ => None,
        };
        if framework.contains("European Credit Transfer") || framework.contains("ECTS") {
            ects = point;
        } else if let Some(point) = point {
            note(format!(
                "{point} credit points in {framework:?} are not ECTS; left out"
            ));
        }
    }
    if is_badge && let Some(credits) = s.get("creditsAvailable").and_then(Value::as_f64) {
        note("Open Badges creditsAvailable read as ECTS credits".into());
        ects = Some(credits);
    }
    ects
}

/// Hours of learning: the volume of learning (an ISO 8601 duration), else
/// estimated from the ECTS credits at [`HOURS_PER_ECTS`]; a problem when
/// neither can be read.
fn hours(
    inner: &Map<String, Value>,
    ects: Option<f64>,
    problems: &mut FieldProblems,
    note: &mut impl FnMut(String),
) -> Option<f64> {
    let hours = match inner.get("volumeOfLearning").and_then(Value::as_str) {
        Some(text) => match duration_hours(text) {
            Ok(hours) => Some(hours),
            Err(message) => {
                problems.push(("volumeOfLearning", message));
                None
            }
        },
        None => None,
    };
    match (hours, ects) {
        (Some(hours), _) => Some(hours),
        (None, Some(ects)) if ects > 0.0 && problems.is_empty() => {
            note(format!(
                "no volume of learning; {:.0} hours estimated from {ects} ECTS at {HOURS_PER_ECTS} h per credit",
                ects * HOURS_PER_ECTS
            ));
            Some(ects * HOURS_PER_ECTS)
        }
        _ => {
            if problems.is_empty() {
                problems.push((
                    "volumeOfLearning",
                    "no volume of learning and no ECTS credits; hours unknown".into(),
                ));
            }
            None
        }
    }
}

/// The EQF level (the last digit of its id or label), else the default
/// level with a note; a problem when there is neither.
fn eqf_level(
    inner: &Map<String, Value>,
    options: &ElmOptions,
    problems: &mut FieldProblems,
    note: &mut impl FnMut(String),
) -> Option<i64> {
    let eqf = inner
        .get("eqfLevel")
        .and_then(|e| {
            e.get("id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| pref_label(e))
        })
        .and_then(|text| text.chars().rev().find(|c| c.is_ascii_digit()))
        .and_then(|c| c.to_digit(10))
        .map(i64::from);
    match (eqf, options.default_eqf) {
        (Some(level), _) => Some(level),
        (None, Some(default)) => {
            note(format!("no EQF level; the default {default} was used"));
            Some(i64::from(default.get()))
        }
        (None, None) => {
            problems.push((
                "eqfLevel",
                "no EQF level given (use --eqf to set one)".into(),
            ));
            None
        }
    }
}

/// Teaching languages as ISO 639-1 codes (an Open Badge's `inLanguage`
/// too); a problem when there is none.
fn languages(
    s: &Map<String, Value>,
    inner: &Map<String, Value>,
    is_badge: bool,
    problems: &mut FieldProblems,
) -> Vec<String> {
    let mut languages: Vec<String> = items(inner.get("language"))
        .into_iter()
        .filter_map(language_code)
        .collect();
    if is_badge
        && let Some(lang) = s
            .get("inLanguage")
            .and_then(Value::as_str)
            .filter(|l| l.len() == 2)
    {
        languages.push(lang.to_string());
    }
    languages.dedup();
    if languages.is_empty() {
        problems.push(("language", "no teaching language given".into()));
    }
    languages
}

/// The mode: online, onsite or blended, read from its label; online, with
/// a note, when none is given, and a problem when the label is none of
/// them.
fn mode(
    inner: &Map<String, Value>,
    problems: &mut FieldProblems,
    note: &mut impl FnMut(String),
) -> &'static str {
    match inner.get("mode").and_then(pref_label) {
        Some(label) => match mode_of(&label) {
            Some(mode) => mode,
            None => {
                problems.push((
                    "mode",
                    format!("mode {label:?} is not online, onsite or blended"),
                ));
                "online"
            }
        },
        None => {
            note("no mode given; assumed online".into());
            "online"
        }
    }
}

/// The county of an onsite or blended bite: an ISO 3166-2 location, else
/// the default region with a note; a problem when there is neither. None
/// for an online bite.
fn region(
    s: &Map<String, Value>,
    inner: &Map<String, Value>,
    mode: &str,
    options: &ElmOptions,
    problems: &mut FieldProblems,
    note: &mut impl FnMut(String),
) -> Option<Region> {
    let mut region = None;
    if mode != "online" {
        let location = items(s.get("location"))
            .into_iter()
            .chain(items(inner.get("location")))
            .find_map(|l| {
                l.get("spatialCode")
                    .and_then(|c| c.get("id"))
                    .and_then(Value::as_str)
            });
        let from_location = location.and_then(|code| {
            let code = code.rsplit('/').next().unwrap_or(code);
            Region::new(code).ok()
        });
        region = match (from_location, &options.default_region) {
            (Some(r), _) => Some(r),
            (None, Some(default)) => {
                note(format!(
                    "{mode} without an ISO 3166-2 location{}; the default region {default} was used",
                    location.map(|l| format!(" ({l})")).unwrap_or_default()
                ));
                Some(default.clone())
            }
            (None, None) => {
                problems.push((
                    "location",
                    format!(
                        "{mode} bite without an ISO 3166-2 location{} (use --region to set one)",
                        location
                            .map(|l| format!("; {l} is not one"))
                            .unwrap_or_default()
                    ),
                ));
                None
            }
        };
    }
    region
}

/// The awarding body: the claim's `awardedBy`, an Open Badge's creator, or
/// the document's issuer; empty, with a note, when none is found.
fn awarding_body(spec: &Spec<'_>, issuer: Option<&str>, note: &mut impl FnMut(String)) -> String {
    let s = spec.object;
    let awarding_body = spec
        .parent
        .and_then(|p| p.get("awardedBy"))
        .and_then(|a| a.get("awardingBody"))
        .and_then(|b| {
            items(Some(b))
                .into_iter()
                .find_map(|b| text_of(b.get("legalName")))
        })
        .or_else(|| {
            s.get("creator")
                .and_then(|c| c.get("name"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .or_else(|| issuer.map(str::to_string))
        .unwrap_or_default();
    if awarding_body.is_empty() {
        note("no awarding body found".into());
    }
    awarding_body
}

/// How the credential is assessed: the title of the claim's `provenBy`
/// specification, or an Open Badge's criteria.
fn assessment(spec: &Spec<'_>) -> Option<String> {
    let s = spec.object;
    spec.parent
        .and_then(|p| p.get("provenBy"))
        .and_then(|p| p.get("specifiedBy"))
        .and_then(|p| text_of(p.get("title")))
        .or_else(|| {
            s.get("criteria")
                .and_then(|c| c.get("narrative"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
}

/// A learning opportunity's dates as one session (with a note when they
/// cannot all be read); a credential's activity dates are the holder's
/// record, not an offer, and give no session.
fn sessions(spec: &Spec<'_>, note: &mut impl FnMut(String)) -> Vec<Value> {
    let s = spec.object;
    let mut sessions = Vec::new();
    if spec.kind == "LearningOpportunity" {
        if let Some(temporal) = s.get("temporal") {
            match (
                date_of(temporal.get("startDate")),
                date_of(temporal.get("endDate")),
            ) {
                (Some(start), Some(end)) if end >= start => {
                    let weeks = ((end - start).num_days() + 6) / 7;
                    sessions.push(json!({"start": start.to_string(), "weeks": weeks.max(1)}));
                }
                (Some(start), None) => {
                    note("opportunity has a start but no end; one week assumed".into());
                    sessions.push(json!({"start": start.to_string(), "weeks": 1}));
                }
                _ => note("opportunity dates could not be read; left out".into()),
            }
        }
        // ELM's `applicationDeadline` is the run's registration deadline;
        // one after the run has ended is a typing error and is left out.
        if let Some(deadline) = date_of(items(s.get("applicationDeadline")).into_iter().next())
            && let Some(session) = sessions.first_mut()
        {
            let start = session["start"]
                .as_str()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let weeks = session["weeks"].as_i64().unwrap_or(1);
            match start {
                Some(start) if deadline < start + chrono::Duration::weeks(weeks) => {
                    session["registration_deadline"] = json!(deadline.to_string());
                }
                _ => note(format!(
                    "the application deadline {deadline} is after the run ends; left out"
                )),
            }
        }
    } else if spec.parent.and_then(|p| p.get("influencedBy")).is_some() {
        note(
            "the credential's activity dates are the holder's record, not an offer; no sessions"
                .into(),
        );
    }
    sessions
}

/// The price for the learner, from the offer or the specification.
fn cost(s: &Map<String, Value>, inner: &Map<String, Value>) -> Option<f64> {
    inner.get("hasPrice").or(s.get("hasPrice")).and_then(|p| {
        items(Some(p))
            .into_iter()
            .find_map(|p| p.get("amount").and_then(Value::as_f64))
    })
}

/// The homepage, from the offer or the specification.
fn url(s: &Map<String, Value>, inner: &Map<String, Value>) -> Option<String> {
    inner
        .get("homepage")
        .or(s.get("homepage"))
        .and_then(|h| {
            items(Some(h))
                .into_iter()
                .find_map(|h| h.get("contentURL").and_then(Value::as_str))
        })
        .map(str::to_string)
}

/// The provider's contact for enrolment: ELM's `contactPoint` on the
/// opportunity, its offer or its provider (`providedBy`): an e-mail
/// (`emailAddress`, a `mailto:` id), a phone (`phone.phoneNumber`) and an
/// address (`address.fullAddress`).
fn contact(s: &Map<String, Value>, inner: &Map<String, Value>) -> Value {
    let point = [s, inner]
        .into_iter()
        .find_map(|o| o.get("contactPoint"))
        .or_else(|| {
            [s, inner]
                .into_iter()
                .find_map(|o| o.get("providedBy"))
                .and_then(|p| items(Some(p)).into_iter().next())
                .and_then(|p| p.get("contactPoint"))
        });
    let Some(point) = items(point).into_iter().next() else {
        return json!({});
    };
    let email = items(point.get("emailAddress"))
        .into_iter()
        .find_map(|m| m.get("id").and_then(Value::as_str).or(m.as_str()))
        .map(|m| m.trim_start_matches("mailto:").to_string());
    let phone = items(point.get("phone")).into_iter().find_map(|p| {
        p.get("phoneNumber")
            .and_then(Value::as_str)
            .or(p.as_str())
            .map(str::to_string)
    });
    let address = items(point.get("address")).into_iter().find_map(|a| {
        text_of(
            a.get("fullAddress")
                .map(|f| f.get("noteLiteral").unwrap_or(f)),
        )
    });
    let mut contact = Map::new();
    for (key, value) in [("email", email), ("phone", phone), ("address", address)] {
        if let Some(value) = value {
            contact.insert(key.into(), json!(value));
        }
    }
    Value::Object(contact)
}

/// Where `name` is in the document, for a problem: the specification's
/// path, then the field.
fn field_path(spec: &Spec<'_>, name: &str) -> String {
    match spec.path.trim_start_matches('.') {
        "" => name.to_string(),
        path => format!("{path}.{name}"),
    }
}

/// Whether the specification is a micro-credential: an ELM
/// qualification, or an Open Badge achievement of type `MicroCredential`.
fn is_micro_credential(spec: &Spec<'_>, is_badge: bool) -> bool {
    let s = spec.object;
    matches!(spec.kind, "Qualification")
        || (is_badge
            && s.get("achievementType")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("MicroCredential")))
}

/// The micro-qualification of a micro-credential mapped to `bite_json`:
/// earning the bite earns it, with the bite's outcomes, level and credits.
fn push_qualification(
    file: &str,
    id: &str,
    spec: &Spec<'_>,
    bite_json: &Value,
    out: &mut ElmImport,
) {
    let qualification_json = json!({
        "id": format!("{id}-mq"),
        "title": bite_json["title"],
        "description": bite_json["description"],
        "awarding_body": bite_json["provider"],
        "eqf_level": bite_json["eqf_level"],
        "min_ects": bite_json["ects"],
        "requires": {"competences": bite_json["outcomes"], "all_of": [id]},
    });
    match from_json_str::<Qualification>(&qualification_json.to_string()) {
        Ok(qualification) => out.qualifications.push(Sourced {
            file: file.into(),
            line: 1,
            value: qualification,
        }),
        Err(error) => out.problems.push(Problem {
            file: file.into(),
            line: 1,
            field: field_path(spec, &error.path),
            message: format!("{id}-mq: {}", error.message),
        }),
    }
}
