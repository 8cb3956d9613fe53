//! What are skills, bites, qualifications and learners?
//!
//! Pure data types for everything in DESIGN.md §2 and the file contracts of
//! §5. Identifiers and values with a range are newtypes that cannot hold an
//! invalid value: they are checked when built and when deserialized, and a
//! wrong value is rejected with a message naming the value and what was
//! expected (the caller adds the field path, see [`from_json_str`]).
//!
//! This module must never do IO, know of HTTP, tantivy or tokio.

pub mod county;
mod demand;
mod hierarchy;

pub use demand::{Counts, DemandFigure, DemandMissing, FigureKind};
pub use hierarchy::{Hierarchy, MemoryHierarchy};

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Declares a string newtype that is validated by `$check` (a function
/// `fn(&str) -> Result<(), String>`) on construction and deserialization.
macro_rules! checked_string {
    ($(#[$meta:meta])* $name:ident, $check:path) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Checks `value` and wraps it.
            pub fn new(value: impl Into<String>) -> Result<Self, String> {
                let value = value.into();
                $check(&value)?;
                Ok(Self(value))
            }

            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(value: String) -> Result<Self, String> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

/// Declares an integer newtype limited to `$min..=$max`.
macro_rules! ranged_int {
    ($(#[$meta:meta])* $name:ident, $what:literal, $min:literal, $max:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(try_from = "i64", into = "u8")]
        pub struct $name(u8);

        impl $name {
            /// The smallest allowed value.
            pub const MIN: Self = Self($min);
            /// The largest allowed value.
            pub const MAX: Self = Self($max);

            /// Checks `value` and wraps it.
            pub fn new(value: i64) -> Result<Self, String> {
                if ($min..=$max).contains(&value) {
                    Ok(Self(value as u8))
                } else {
                    Err(format!(
                        concat!($what, " {} is outside {}–{}"),
                        value, $min, $max
                    ))
                }
            }

            /// The value as a number.
            pub fn get(self) -> u8 {
                self.0
            }
        }

        impl TryFrom<i64> for $name {
            type Error = String;
            fn try_from(value: i64) -> Result<Self, String> {
                Self::new(value)
            }
        }

        impl From<$name> for u8 {
            fn from(value: $name) -> u8 {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

fn check_concept_uri(value: &str, kind: &str) -> Result<(), String> {
    let ok = (value.starts_with("http://") || value.starts_with("https://"))
        && value.len() <= 512
        && !value.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{value:?} is not a {kind} URI (expected an absolute http(s) URI such as http://data.europa.eu/esco/{kind}/…)"
        ))
    }
}

fn check_skill_uri(value: &str) -> Result<(), String> {
    check_concept_uri(value, "skill")
}

fn check_occupation_uri(value: &str) -> Result<(), String> {
    check_concept_uri(value, "occupation")
}

fn check_id(value: &str) -> Result<(), String> {
    let ok = !value.is_empty()
        && value.len() <= 128
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{value:?} is not an id (1–128 characters of A–Z, a–z, 0–9, '-', '_', '.', ':')"
        ))
    }
}

fn check_region(value: &str) -> Result<(), String> {
    // ISO 3166-2: a two-letter country code, a hyphen, one to three letters or digits.
    let bytes = value.as_bytes();
    let ok = bytes.len() >= 4
        && bytes.len() <= 6
        && bytes[0].is_ascii_uppercase()
        && bytes[1].is_ascii_uppercase()
        && bytes[2] == b'-'
        && bytes[3..]
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{value:?} is not an ISO 3166-2 region code (expected e.g. \"EE-37\")"
        ))
    }
}

fn check_lang(value: &str) -> Result<(), String> {
    let ok = value.len() == 2 && value.bytes().all(|b| b.is_ascii_lowercase());
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{value:?} is not a language code (expected two lowercase letters, ISO 639-1, e.g. \"et\")"
        ))
    }
}

fn check_funding_tag(value: &str) -> Result<(), String> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{value:?} is not a funding tag (lowercase letters, digits and '-', e.g. \"training-credit\")"
        ))
    }
}

checked_string!(
    /// An ESCO skill concept URI (`http://data.europa.eu/esco/skill/…`).
    /// Other absolute http(s) URIs are accepted so that other taxonomies
    /// can be loaded; whether the skill exists is the taxonomy's question.
    SkillUri,
    check_skill_uri
);
checked_string!(
    /// An ESCO occupation concept URI (`http://data.europa.eu/esco/occupation/…`).
    OccupationUri,
    check_occupation_uri
);
checked_string!(
    /// The id of a learning bite.
    BiteId,
    check_id
);
checked_string!(
    /// The id of a micro-qualification.
    QualificationId,
    check_id
);
checked_string!(
    /// An ISO 3166-2 subdivision code, such as `EE-37` (Harju county).
    Region,
    check_region
);
checked_string!(
    /// An ISO 639-1 language code, such as `et`, `ru` or `en`.
    Lang,
    check_lang
);
checked_string!(
    /// Who takes a bite free of charge: `free`, `unemployed`, `training-credit`, …
    FundingTag,
    check_funding_tag
);

ranged_int!(
    /// Proficiency level: 1 basic, 2 intermediate, 3 advanced, 4 expert.
    Level,
    "level",
    1,
    4
);
ranged_int!(
    /// European Qualifications Framework level, 1–8.
    EqfLevel,
    "EQF level",
    1,
    8
);
ranged_int!(
    /// ISCED 2011 level of education, 0–8.
    Isced,
    "ISCED level",
    0,
    8
);

impl Default for Level {
    /// A competence without a level is level 1.
    fn default() -> Self {
        Level::MIN
    }
}

impl Lang {
    /// Estonian.
    pub fn et() -> Self {
        Self("et".into())
    }
    /// English.
    pub fn en() -> Self {
        Self("en".into())
    }
    /// Russian.
    pub fn ru() -> Self {
        Self("ru".into())
    }
}

/// How a bite is taught.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Fully online.
    Online,
    /// In a classroom or workplace, in one region.
    Onsite,
    /// Partly online, partly in one region.
    Blended,
}

impl Mode {
    /// All modes, in the order of the contract.
    pub const ALL: [Mode; 3] = [Mode::Online, Mode::Onsite, Mode::Blended];

    /// The contract's name of the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Online => "online",
            Mode::Onsite => "onsite",
            Mode::Blended => "blended",
        }
    }

    /// Whether the learner must be in the bite's region.
    pub fn needs_region(self) -> bool {
        !matches!(self, Mode::Online)
    }
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, String> {
        match value {
            "online" => Ok(Mode::Online),
            "onsite" => Ok(Mode::Onsite),
            "blended" => Ok(Mode::Blended),
            other => Err(format!(
                "{other:?} is not a mode (expected online, onsite or blended)"
            )),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text in several languages. Missing languages fall back in a fixed order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
#[schema(value_type = BTreeMap<String, String>, example = json!({"et": "Kassatöö alused", "en": "Cashier basics"}))]
pub struct LocalizedText(pub BTreeMap<Lang, String>);

impl LocalizedText {
    /// The fallback order after the requested language.
    pub const FALLBACK: [&'static str; 3] = ["en", "et", "ru"];

    /// The text in `lang`, else in English, Estonian, Russian, else any.
    pub fn get(&self, lang: &str) -> Option<&str> {
        std::iter::once(lang)
            .chain(Self::FALLBACK)
            .find_map(|l| self.0.get(l).map(String::as_str))
            .or_else(|| self.0.values().next().map(String::as_str))
    }

    /// [`Self::get`] with the code of the language the text is in:
    /// another than `lang` marks a fallback.
    pub fn get_with_lang(&self, lang: &str) -> Option<(&str, &str)> {
        std::iter::once(lang)
            .chain(Self::FALLBACK)
            .find_map(|l| self.0.get_key_value(l))
            .or_else(|| self.0.iter().next())
            .map(|(l, t)| (t.as_str(), l.as_str()))
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|t| t.trim().is_empty())
    }

    /// Builds a text from `(lang, text)` pairs; panics on a bad language code,
    /// so it is for literals in code and tests only.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        Self(
            pairs
                .iter()
                .map(|(l, t)| (Lang::new(*l).expect("literal language code"), t.to_string()))
                .collect(),
        )
    }
}

/// Whether a concept is knowledge or a skill/competence (ESCO `skillType`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SkillType {
    /// Knowledge.
    Knowledge,
    /// Skill or competence (`skill/competence` in ESCO).
    #[serde(rename = "skill/competence")]
    SkillCompetence,
    /// Not given in the source.
    Unknown,
}

/// ESCO reuse level of a skill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReuseLevel {
    /// Relevant across all sectors.
    Transversal,
    /// Relevant across several sectors.
    CrossSector,
    /// Relevant within one sector.
    SectorSpecific,
    /// Relevant to one occupation.
    OccupationSpecific,
    /// Not given in the source.
    Unknown,
}

/// A skill at a proficiency level.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
pub struct Competence {
    /// The ESCO skill.
    pub skill: SkillUri,
    /// The level; 1 when not given.
    #[serde(default)]
    pub level: Level,
}

/// A competence a learner holds, with optional evidence (a certificate, a
/// work history line) that is passed through and never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HeldCompetence {
    /// The ESCO skill.
    pub skill: SkillUri,
    /// The level; 1 when not given.
    #[serde(default)]
    pub level: Level,
    /// Free-text evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

impl HeldCompetence {
    /// The competence without its evidence.
    pub fn competence(&self) -> Competence {
        Competence {
            skill: self.skill.clone(),
            level: self.level,
        }
    }
}

/// One run of a bite: when it starts, how many weeks it lasts, until when
/// one can register and how many places it has.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
pub struct Session {
    /// First day.
    #[serde(deserialize_with = "iso_date")]
    pub start: NaiveDate,
    /// Length in weeks, at least 1.
    #[serde(deserialize_with = "positive_weeks")]
    pub weeks: u16,
    /// The last day to register (on or before the run's last day).
    #[serde(
        default,
        deserialize_with = "optional_iso_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub registration_deadline: Option<NaiveDate>,
    /// Places in the run (0–10 000); none means unlimited.
    #[serde(
        default,
        deserialize_with = "optional_seats",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(minimum = 0, maximum = 10000)]
    pub seats: Option<u32>,
}

/// The most places a run may have: more is a typing error.
pub const MAX_SEATS: u32 = 10_000;

/// How to reach a bite's provider about enrolment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Contact {
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number, e.g. `+372 600 1234`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Postal or street address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Contact {
    /// Whether no way of contact is given.
    pub fn is_empty(&self) -> bool {
        self.email.is_none() && self.phone.is_none() && self.address.is_none()
    }
}

/// Reads a `YYYY-MM-DD` date, naming the value when it is not one.
pub fn iso_date<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
        serde::de::Error::custom(format!("{text:?} is not a date (expected YYYY-MM-DD)"))
    })
}

/// Reads an optional `YYYY-MM-DD` date (null or absent is none).
pub fn optional_iso_date<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                serde::de::Error::custom(format!("{text:?} is not a date (expected YYYY-MM-DD)"))
            }),
    }
}

fn optional_seats<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u32>, D::Error> {
    match Option::<i64>::deserialize(deserializer)? {
        None => Ok(None),
        Some(seats) if (0..=i64::from(MAX_SEATS)).contains(&seats) => Ok(Some(seats as u32)),
        Some(seats) => Err(serde::de::Error::custom(format!(
            "seats {seats} is outside 0–{MAX_SEATS}"
        ))),
    }
}

fn positive_weeks<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u16, D::Error> {
    let weeks = i64::deserialize(deserializer)?;
    if (1..=520).contains(&weeks) {
        Ok(weeks as u16)
    } else {
        Err(serde::de::Error::custom(format!(
            "weeks {weeks} is outside 1–520"
        )))
    }
}

impl Session {
    /// The day after the last day of the session.
    pub fn end(&self) -> NaiveDate {
        self.start + chrono::Duration::weeks(i64::from(self.weeks))
    }
}

/// One short course or module (DESIGN.md §2, §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Bite {
    /// Unique id.
    pub id: BiteId,
    /// Title per language.
    pub title: LocalizedText,
    /// Description per language.
    #[serde(default)]
    pub description: LocalizedText,
    /// Who teaches it.
    #[serde(default)]
    pub provider: String,
    /// Competences it gives.
    #[serde(default)]
    pub outcomes: Vec<Competence>,
    /// Outcomes given as text only, before they are tagged with ESCO skills.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome_texts: Vec<String>,
    /// Competences needed before starting.
    #[serde(default)]
    pub prerequisites: Vec<Competence>,
    /// Workload in hours, > 0.
    pub hours: f64,
    /// ECTS credits, ≥ 0.
    #[serde(default)]
    pub ects: f64,
    /// EQF level.
    pub eqf_level: EqfLevel,
    /// Teaching languages.
    pub languages: Vec<Lang>,
    /// How it is taught.
    pub mode: Mode,
    /// The county for onsite and blended bites.
    #[serde(default)]
    pub region: Option<Region>,
    /// Cost in EUR, ≥ 0.
    #[serde(default)]
    pub cost_eur: f64,
    /// Who takes it free of charge.
    #[serde(default)]
    pub funding: Vec<FundingTag>,
    /// Known runs; empty means "starts any time" (self-paced).
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Assessment type (e.g. `project`, `test`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<String>,
    /// Credential issued (e.g. `certificate`, `micro-credential`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<String>,
    /// Quality assurance (e.g. the accrediting body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_assurance: Option<String>,
    /// The field of education or sector, for facets (e.g. `retail`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Formal, non-formal or informal learning (ELM `learningSetting`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning_setting: Option<String>,
    /// Entry requirements in words, where they are not ESCO competences.
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub entry_requirements: LocalizedText,
    /// Where to read more and enrol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where to register (http or https), when not `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_url: Option<String>,
    /// How to reach the provider about enrolment.
    #[serde(default, skip_serializing_if = "Contact::is_empty")]
    pub contact: Contact,
}

impl Bite {
    /// Whether a learner holding `tags` takes this bite free of charge.
    pub fn is_free_for(&self, tags: &[FundingTag]) -> bool {
        self.cost_eur == 0.0
            || self
                .funding
                .iter()
                .any(|f| f.as_str() == "free" || tags.contains(f))
    }

    /// The cost for a learner holding funding `tags` (0 when funded).
    pub fn cost_for(&self, tags: &[FundingTag]) -> f64 {
        if self.is_free_for(tags) {
            0.0
        } else {
            self.cost_eur
        }
    }

    /// The earliest session start, if any.
    pub fn first_start(&self) -> Option<NaiveDate> {
        self.sessions.iter().map(|s| s.start).min()
    }
}

/// "At least `n` of these bites".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NOf {
    /// How many are needed.
    pub n: u32,
    /// The bites to choose from.
    pub of: Vec<BiteId>,
}

/// What a micro-qualification requires: all competences, all `all_of`
/// bites, and each `n_of` rule.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Requirement {
    /// Competences, all required.
    #[serde(default)]
    pub competences: Vec<Competence>,
    /// Bites that must all be taken.
    #[serde(default)]
    pub all_of: Vec<BiteId>,
    /// Choice rules.
    #[serde(default)]
    pub n_of: Vec<NOf>,
}

/// A micro-qualification (DESIGN.md §2, §5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Qualification {
    /// Unique id.
    pub id: QualificationId,
    /// Title per language.
    pub title: LocalizedText,
    /// Description per language.
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub description: LocalizedText,
    /// Who awards it.
    #[serde(default)]
    pub awarding_body: String,
    /// EQF level.
    pub eqf_level: EqfLevel,
    /// Minimum ECTS credits of the bites taken for it.
    #[serde(default)]
    pub min_ects: f64,
    /// The requirement.
    #[serde(default)]
    pub requires: Requirement,
    /// The field, for grouping (e.g. `care`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A learner's circumstances that limit which bites fit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Constraints {
    /// Hours of study per week the learner can give (0.5–168).
    #[schema(minimum = 0.5, maximum = 168)]
    pub max_hours_per_week: Option<f64>,
    /// A cap on the path's total cost in EUR (0 or more).
    #[schema(minimum = 0)]
    pub budget_eur: Option<f64>,
    /// Allowed modes; empty means all.
    pub modes: Vec<Mode>,
    /// Allowed teaching languages; empty means the learner's `languages`.
    pub languages: Vec<Lang>,
    /// Other counties (ISO 3166-2) where the learner can attend on site or
    /// blended courses, besides `region`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    /// No session may start before this day (2000-01-01–2100-12-31).
    pub start_after: Option<NaiveDate>,
    /// Every bite must end by this day (2000-01-01–2100-12-31).
    pub finish_by: Option<NaiveDate>,
    /// Funding tags the learner holds (e.g. `unemployed`).
    pub funding: Vec<FundingTag>,
}

/// A level of the Common European Framework of Reference for Languages.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
pub enum Cefr {
    /// Breakthrough.
    A1,
    /// Waystage.
    A2,
    /// Threshold.
    B1,
    /// Vantage.
    B2,
    /// Effective operational proficiency.
    C1,
    /// Mastery (also a native speaker).
    C2,
}

impl Cefr {
    /// The proficiency level (1–4) a CEFR level meets on ESCO's language
    /// skills: A1–A2 basic (1), B1–B2 intermediate (2), C1 advanced (3),
    /// C2 expert (4). The default catalogue's language qualifications
    /// agree: its A2 qualification asks for level 1, its B1 for level 2.
    pub fn proficiency(self) -> Level {
        Level(match self {
            Cefr::A1 | Cefr::A2 => 1,
            Cefr::B1 | Cefr::B2 => 2,
            Cefr::C1 => 3,
            Cefr::C2 => 4,
        })
    }
}

/// A language the learner speaks, and how well.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpokenLanguage {
    /// ISO 639-1 code, e.g. `et`.
    pub language: Lang,
    /// CEFR level, `A1`–`C2` (a native speaker: `C2`).
    pub level: Cefr,
}

/// A learner profile: request data, never stored or logged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct Learner {
    /// What the learner can do already.
    pub competences: Vec<HeldCompetence>,
    /// Languages the learner can study in.
    pub languages: Vec<Lang>,
    /// Languages the learner speaks, with a CEFR level: each meets the
    /// matching ESCO language skills (understand, speak, write) up to the
    /// level's proficiency.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spoken_languages: Vec<SpokenLanguage>,
    /// The county the learner lives in.
    pub region: Option<Region>,
    /// Highest education, ISCED.
    pub education: Option<Isced>,
    /// Limits on what fits.
    pub constraints: Constraints,
}

impl Learner {
    /// The teaching languages allowed: the constraint if given, else the
    /// learner's languages; empty means any.
    pub fn allowed_languages(&self) -> &[Lang] {
        if self.constraints.languages.is_empty() {
            &self.languages
        } else {
            &self.constraints.languages
        }
    }
}

/// What the learner wants to reach.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// A micro-qualification by id.
    Qualification(QualificationId),
    /// An ESCO occupation: its essential skills become required competences.
    Occupation(OccupationUri),
    /// A list of competences.
    Skills(Vec<Competence>),
}

/// An ESCO occupation (DESIGN.md §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Occupation {
    /// The ESCO URI.
    pub uri: OccupationUri,
    /// The ISCO-08 code (4 digits) of its group.
    pub isco_code: String,
    /// Preferred label per language.
    pub labels: LocalizedText,
    /// Essential skills.
    pub essential_skills: Vec<SkillUri>,
    /// Optional skills.
    pub optional_skills: Vec<SkillUri>,
}

/// What happened to a recommendation (DESIGN.md §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FeedbackKind {
    /// It was shown.
    Shown,
    /// The learner chose it.
    Chosen,
    /// The learner enrolled.
    Enrolled,
    /// The learner completed it.
    Completed,
    /// The learner dropped out.
    Dropped,
    /// The learner found a job.
    Employed,
}

/// One feedback event, with a pseudonymous learner id only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FeedbackEvent {
    /// A pseudonymous learner id.
    pub learner: String,
    /// The bite, if the event is about one.
    #[serde(default)]
    pub bite: Option<BiteId>,
    /// The path's bites, if the event is about a path.
    #[serde(default)]
    pub path: Vec<BiteId>,
    /// What happened.
    pub event: FeedbackKind,
    /// When.
    pub time: chrono::DateTime<chrono::Utc>,
}

/// An error from reading JSON into a domain type: the field path, and what
/// was wrong with its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", if path.is_empty() { String::new() } else { format!("field `{path}`: ") })]
pub struct JsonError {
    /// The path of the field at fault, such as `outcomes[0].level`.
    pub path: String,
    /// What was wrong.
    pub message: String,
}

/// Reads `text` as JSON into `T`, naming the field at fault on error.
pub fn from_json_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| JsonError {
        // A syntax error has no field: serde_path_to_error says "?" or ".".
        path: match e.path().to_string() {
            p if p == "?" || p == "." => String::new(),
            p => p,
        },
        message: strip_position(&e.inner().to_string()),
    })?;
    deserializer.end().map_err(|e| JsonError {
        path: String::new(),
        message: strip_position(&e.to_string()),
    })?;
    Ok(value)
}

/// serde_json appends " at line L column C"; in a JSON Lines file the line
/// is the file's and the column is noise, so keep the message only.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_err<T: serde::de::DeserializeOwned + fmt::Debug>(json: &str, expected: &str) {
        let error = from_json_str::<T>(json).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn level_out_of_range_names_field_and_value() {
        check_err::<Competence>(
            r#"{"skill": "http://data.europa.eu/esco/skill/x", "level": 5}"#,
            "field `level`: level 5 is outside 1–4",
        );
        check_err::<Competence>(
            r#"{"skill": "http://data.europa.eu/esco/skill/x", "level": -1}"#,
            "field `level`: level -1 is outside 1–4",
        );
    }

    #[test]
    fn level_defaults_to_one() {
        let c: Competence =
            from_json_str(r#"{"skill": "http://data.europa.eu/esco/skill/x"}"#).unwrap();
        assert_eq!(c.level.get(), 1);
    }

    #[test]
    fn bad_values_are_rejected_with_path() {
        check_err::<Learner>(
            r#"{"region": "Harjumaa"}"#,
            "field `region`: \"Harjumaa\" is not an ISO 3166-2 region code (expected e.g. \"EE-37\")",
        );
        check_err::<Learner>(
            r#"{"constraints": {"modes": ["online", "remote"]}}"#,
            "field `constraints.modes[1]`: unknown variant `remote`, expected one of `online`, `onsite`, `blended`",
        );
        check_err::<Learner>(
            r#"{"education": 9}"#,
            "field `education`: ISCED level 9 is outside 0–8",
        );
        check_err::<Learner>(
            r#"{"languages": ["EST"]}"#,
            "field `languages[0]`: \"EST\" is not a language code (expected two lowercase letters, ISO 639-1, e.g. \"et\")",
        );
    }

    #[test]
    fn extra_fields_are_tolerated() {
        let learner: Learner =
            from_json_str(r#"{"languages": ["et"], "favourite_colour": "blue"}"#).unwrap();
        assert_eq!(learner.languages, vec![Lang::et()]);
    }

    #[test]
    fn design_example_bite_parses() {
        let bite: Bite = from_json_str(
            r#"{"id": "ttu-sql-1", "title": {"et": "SQL algajatele", "en": "SQL for beginners"},
 "description": {"et": "…"}, "provider": "…",
 "outcomes": [{"skill": "http://data.europa.eu/esco/skill/a", "level": 2}],
 "prerequisites": [{"skill": "http://data.europa.eu/esco/skill/b", "level": 1}],
 "hours": 26, "ects": 1.0, "eqf_level": 4, "languages": ["et", "ru"],
 "mode": "online", "region": null, "cost_eur": 0, "funding": ["free"],
 "sessions": [{"start": "2027-01-11", "weeks": 4}],
 "assessment": "project", "credential": "certificate", "url": "https://…"}"#,
        )
        .unwrap();
        assert_eq!(bite.hours, 26.0);
        assert_eq!(bite.sessions[0].end().to_string(), "2027-02-08");
        assert!(bite.is_free_for(&[]));
    }

    #[test]
    fn bad_session_date_names_field() {
        let error = from_json_str::<Session>(r#"{"start": "2027-02-30", "weeks": 2}"#).unwrap_err();
        assert_eq!(error.path, "start");
        let error = from_json_str::<Session>(r#"{"start": "2027-02-01", "weeks": 0}"#).unwrap_err();
        assert_eq!(error.to_string(), "field `weeks`: weeks 0 is outside 1–520");
    }

    #[test]
    fn target_forms() {
        let t: Target = from_json_str(r#"{"qualification": "mq-1"}"#).unwrap();
        assert_eq!(
            t,
            Target::Qualification(QualificationId::new("mq-1").unwrap())
        );
        let t: Target =
            from_json_str(r#"{"skills": [{"skill": "http://data.europa.eu/esco/skill/a"}]}"#)
                .unwrap();
        assert!(matches!(t, Target::Skills(ref s) if s.len() == 1));
    }

    #[test]
    fn localized_text_falls_back() {
        let text = LocalizedText::from_pairs(&[("et", "Tere"), ("ru", "Привет")]);
        assert_eq!(text.get("ru"), Some("Привет"));
        assert_eq!(text.get("en"), Some("Tere"));
        assert_eq!(text.get("fi"), Some("Tere"));
    }

    #[test]
    fn funding_makes_cost_zero() {
        let mut bite: Bite = from_json_str(
            r#"{"id": "b", "title": {"en": "B"}, "hours": 10, "eqf_level": 3,
                "languages": ["et"], "mode": "online", "cost_eur": 120, "funding": ["unemployed"]}"#,
        )
        .unwrap();
        assert_eq!(bite.cost_for(&[]), 120.0);
        assert_eq!(
            bite.cost_for(&[FundingTag::new("unemployed").unwrap()]),
            0.0
        );
        bite.funding.clear();
        assert_eq!(
            bite.cost_for(&[FundingTag::new("unemployed").unwrap()]),
            120.0
        );
    }
}
