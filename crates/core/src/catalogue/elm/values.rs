//! How is one JSON-LD value read? Language maps and their texts, labels,
//! language codes, ISO 8601 durations as hours, modes and dates, as ELM and
//! Open Badges write them.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

/// Items of a value that may be one object or an array of them.
pub(super) fn items(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
        None => vec![],
    }
}

/// A language map (`{"en": "…"}`) as a JSON object of two-letter keys.
pub(super) fn language_map(value: Option<&Value>) -> Map<String, Value> {
    let mut map = Map::new();
    match value {
        Some(Value::Object(object)) => {
            for (lang, text) in object {
                let text = match text {
                    Value::String(s) => s.clone(),
                    Value::Array(a) => a
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                    _ => continue,
                };
                if lang.len() == 2 && !text.trim().is_empty() {
                    map.insert(lang.to_lowercase(), json!(text.trim()));
                }
            }
        }
        Some(Value::String(s)) if !s.trim().is_empty() => {
            map.insert("en".into(), json!(s.trim()));
        }
        _ => {}
    }
    map
}

pub(super) fn first_text(value: &Value) -> Option<String> {
    let map = language_map(Some(value));
    map.get("en")
        .or_else(|| map.values().next())
        .and_then(Value::as_str)
        .map(str::to_string)
}

pub(super) fn text_of(value: Option<&Value>) -> Option<String> {
    value.and_then(first_text)
}

pub(super) fn pref_label(value: &Value) -> Option<String> {
    value.get("prefLabel").and_then(first_text)
}

/// ISO 639-2/B codes of the EU's languages (and Russian, Norwegian,
/// Ukrainian) as used by the EU language authority table, to ISO 639-1.
const LANGUAGES: &[(&str, &str)] = &[
    ("BUL", "bg"),
    ("CES", "cs"),
    ("DAN", "da"),
    ("DEU", "de"),
    ("ELL", "el"),
    ("ENG", "en"),
    ("EST", "et"),
    ("FIN", "fi"),
    ("FRA", "fr"),
    ("GLE", "ga"),
    ("HRV", "hr"),
    ("HUN", "hu"),
    ("ITA", "it"),
    ("LAV", "lv"),
    ("LIT", "lt"),
    ("MLT", "mt"),
    ("NLD", "nl"),
    ("POL", "pl"),
    ("POR", "pt"),
    ("RON", "ro"),
    ("SLK", "sk"),
    ("SLV", "sl"),
    ("SPA", "es"),
    ("SWE", "sv"),
    ("RUS", "ru"),
    ("NOR", "no"),
    ("UKR", "uk"),
];

pub(super) fn language_code(value: &Value) -> Option<String> {
    if let Some(code) = value.as_str() {
        return (code.len() == 2).then(|| code.to_lowercase());
    }
    let id = value.get("id").and_then(Value::as_str)?;
    let code = id.rsplit('/').next()?;
    LANGUAGES
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| two.to_string())
}

/// Hours in an ISO 8601 duration such as `PT60H` or `P2DT4H`. Days count
/// 8 hours and weeks 40; months and years are refused, being ambiguous as
/// a volume of learning.
pub(super) fn duration_hours(text: &str) -> Result<f64, String> {
    let rest = text
        .strip_prefix('P')
        .ok_or_else(|| format!("{text:?} is not an ISO 8601 duration"))?;
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let mut hours = 0.0;
    let mut parse = |part: &str, in_time: bool| -> Result<(), String> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            let n: f64 = number
                .parse()
                .map_err(|_| format!("{text:?} is not an ISO 8601 duration"))?;
            number.clear();
            hours += match (c, in_time) {
                ('H', true) => n,
                ('M', true) => n / 60.0,
                ('S', true) => n / 3600.0,
                ('D', false) => n * 8.0,
                ('W', false) => n * 40.0,
                ('M' | 'Y', false) => {
                    return Err(format!(
                        "{text:?} is given in months or years, which is not a volume of learning in hours"
                    ));
                }
                _ => return Err(format!("{text:?} is not an ISO 8601 duration")),
            };
        }
        if number.is_empty() {
            Ok(())
        } else {
            Err(format!("{text:?} is not an ISO 8601 duration"))
        }
    };
    parse(date, false)?;
    parse(time, true)?;
    Ok(hours)
}

pub(super) fn mode_of(label: &str) -> Option<&'static str> {
    let label = label.to_lowercase();
    if label.contains("blend") || label.contains("hybrid") {
        Some("blended")
    } else if label.contains("online") || label.contains("distance") || label.contains("e-learning")
    {
        Some("online")
    } else if label.contains("site")
        || label.contains("presence")
        || label.contains("face")
        || label.contains("classroom")
    {
        Some("onsite")
    } else {
        None
    }
}

pub(super) fn date_of(value: Option<&Value>) -> Option<NaiveDate> {
    let text = value?.as_str()?;
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_hours("PT60H"), Ok(60.0));
        assert_eq!(duration_hours("P2DT4H30M"), Ok(20.5));
        assert_eq!(duration_hours("P1W"), Ok(40.0));
        assert!(
            duration_hours("P60M")
                .unwrap_err()
                .contains("months or years")
        );
        assert!(duration_hours("60 hours").is_err());
        assert!(duration_hours("PT6X").is_err());
    }
}
