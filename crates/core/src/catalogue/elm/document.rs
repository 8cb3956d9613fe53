//! Which specifications does a document hold, and under which ids?
//!
//! A document is read as plain JSON; its specifications are found whatever
//! their depth (an activity specification beside the qualification it
//! earned is not a second offer), given ids from the document's id, and
//! each mapped by `spec::map_spec` with the issuer as the fallback awarding
//! body.

use serde_json::{Map, Value};

use super::import::{ElmImport, ElmOptions};
use super::spec::{Spec, map_spec};
use super::values::{first_text, text_of};
use crate::catalogue::Problem;

/// Maps one ELM or Open Badges document (`file` names it in messages).
pub fn map_document(file: &str, text: &str, options: &ElmOptions) -> ElmImport {
    let mut out = ElmImport::default();
    let document: Value = match serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
    {
        Ok(value) => value,
        Err(error) => {
            out.problems.push(Problem {
                file: file.into(),
                line: error.line(),
                field: String::new(),
                message: format!("not JSON: {error}"),
            });
            return out;
        }
    };
    let top_id = document
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("document");
    let mut specs = Vec::new();
    find_specs(&document, None, "", &mut specs);
    // In a credential, an activity specification beside a qualification or
    // achievement specification says how it was earned: not a second offer.
    if specs
        .iter()
        .any(|s| matches!(s.kind, "Qualification" | "LearningAchievementSpecification"))
    {
        specs.retain(|s| s.kind != "LearningActivitySpecification");
    }
    if specs.is_empty() {
        out.problems.push(Problem {
            file: file.into(),
            line: 1,
            field: String::new(),
            message: "no ELM Qualification, LearningAchievementSpecification, LearningActivitySpecification, LearningOpportunity or Open Badges Achievement found".into(),
        });
        return out;
    }
    let issuer = document.get("issuer").and_then(|i| {
        i.get("legalName")
            .and_then(first_text)
            .or_else(|| text_of(i.get("name")))
    });
    let many = specs.len() > 1;
    for (n, spec) in specs.iter().enumerate() {
        let id = if many {
            format!("{}{}-{}", options.id_prefix, sanitize(top_id), n + 1)
        } else {
            format!("{}{}", options.id_prefix, sanitize(top_id))
        };
        map_spec(file, &id, spec, issuer.as_deref(), options, &mut out);
    }
    out
}

fn types(object: &Map<String, Value>) -> Vec<&str> {
    match object.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

fn find_specs<'a>(
    value: &'a Value,
    parent: Option<&'a Map<String, Value>>,
    path: &str,
    out: &mut Vec<Spec<'a>>,
) {
    match value {
        Value::Object(object) => {
            let kinds = types(object);
            let kind = kinds.iter().find_map(|t| match *t {
                "Qualification" => Some("Qualification"),
                "LearningAchievementSpecification" => Some("LearningAchievementSpecification"),
                "LearningActivitySpecification" => Some("LearningActivitySpecification"),
                "LearningOpportunity" => Some("LearningOpportunity"),
                "Achievement" => Some("Achievement"),
                _ => None,
            });
            if let Some(kind) = kind {
                // An activity specification inside a claim that already has a
                // qualification is how the credential was earned, not a
                // second offer; keep only top-most specifications.
                if !out.iter().any(|s| path.starts_with(&s.path)) {
                    out.push(Spec {
                        kind,
                        path: path.to_string(),
                        object,
                        parent,
                    });
                }
                if kind != "LearningOpportunity" {
                    return;
                }
            }
            for (key, child) in object {
                if key == "displayParameter" {
                    continue;
                }
                find_specs(child, Some(object), &format!("{path}.{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                find_specs(item, parent, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn sanitize(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':') {
                c
            } else {
                '-'
            }
        })
        .collect();
    cleaned.chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Region;

    #[test]
    fn minimal_learning_opportunity() {
        let doc = r#"{"id": "urn:x:1", "type": "LearningOpportunity",
          "title": {"et": "Laotöö alused", "en": "Warehouse basics"},
          "temporal": {"startDate": "2027-02-01T08:00:00Z", "endDate": "2027-02-22T16:00:00Z"},
          "location": {"spatialCode": {"id": "EE-44"}},
          "learningSpecification": {"type": "LearningActivitySpecification",
            "volumeOfLearning": "PT24H", "eqfLevel": {"id": "http://data.europa.eu/snb/eqf/3"},
            "mode": {"prefLabel": {"en": "Onsite"}},
            "language": [{"id": "http://publications.europa.eu/resource/authority/language/EST"},
                         {"id": "http://publications.europa.eu/resource/authority/language/RUS"}],
            "learningOutcome": {"relatedESCOSkill": {"id": "http://data.europa.eu/esco/skill/abc"}}}}"#;
        let out = map_document("x.jsonld", doc, &ElmOptions::default());
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let bite = &out.bites[0].value;
        assert_eq!(bite.id.as_str(), "urn:x:1");
        assert_eq!(bite.hours, 24.0);
        assert_eq!(bite.eqf_level.get(), 3);
        assert_eq!(bite.region.as_ref().map(Region::as_str), Some("EE-44"));
        assert_eq!(bite.sessions[0].weeks, 3);
        assert_eq!(bite.languages.len(), 2);
        assert!(out.qualifications.is_empty());
    }

    #[test]
    fn enrolment_from_elm() {
        let doc = r#"{"id": "urn:x:3", "type": "LearningOpportunity",
          "title": {"en": "Forklift"},
          "temporal": {"startDate": "2027-02-01", "endDate": "2027-02-22"},
          "applicationDeadline": "2027-01-25T23:59:00Z",
          "contactPoint": {"type": "ContactPoint",
            "emailAddress": {"id": "mailto:koolitus@example.ee", "type": "Mailbox"},
            "phone": {"type": "Phone", "phoneNumber": "+372 600 1234"},
            "address": {"type": "Address", "fullAddress": {"noteLiteral": {"et": "Rakvere, Pikk 1"}}}},
          "location": {"spatialCode": {"id": "EE-59"}},
          "learningSpecification": {"type": "LearningActivitySpecification",
            "volumeOfLearning": "PT24H", "eqfLevel": {"id": "http://data.europa.eu/snb/eqf/3"},
            "mode": {"prefLabel": {"en": "Onsite"}},
            "language": {"id": "http://publications.europa.eu/resource/authority/language/EST"},
            "learningOutcome": {"relatedESCOSkill": {"id": "http://data.europa.eu/esco/skill/abc"}}}}"#;
        let out = map_document("x.jsonld", doc, &ElmOptions::default());
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let bite = &out.bites[0].value;
        assert_eq!(
            bite.sessions[0]
                .registration_deadline
                .map(|d| d.to_string()),
            Some("2027-01-25".into())
        );
        assert_eq!(bite.sessions[0].seats, None, "ELM has no seats");
        assert_eq!(bite.contact.email.as_deref(), Some("koolitus@example.ee"));
        assert_eq!(bite.contact.phone.as_deref(), Some("+372 600 1234"));
        assert_eq!(bite.contact.address.as_deref(), Some("Rakvere, Pikk 1"));
    }

    #[test]
    fn missing_values_are_problems_not_silence() {
        let doc = r#"{"id": "urn:x:2", "type": "Qualification", "title": {"en": "Q"},
                     "mode": {"prefLabel": {"en": "Blended"}}}"#;
        let out = map_document("y.jsonld", doc, &ElmOptions::default());
        let fields: Vec<&str> = out.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["volumeOfLearning", "eqfLevel", "language", "location"]
        );
        assert!(out.bites.is_empty());
    }
}
