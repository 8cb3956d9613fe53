//! The words for the codes people read in bite and qualification answers:
//! assessment, credential, mode, funding, teaching languages, field and
//! EQF level, in the asked language from the message catalogue
//! (`enum-…` messages). An answer keeps every code as it is and adds the
//! text beside it (`assessment: "practical-test"`, `assessment_text:
//! "praktiline katse"`), so machines match codes and people read words.
//!
//! A code the catalogue has no words for (an imported catalogue may use
//! its own) is shown as the data give it: it is the provider's own word.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::{Bite, Qualification};
use crate::text::{self, Lang};
use oppepala_core::tr;

/// The message `enum-{kind}-{code}` in `lang`, or the code itself when the
/// catalogue has none.
pub fn code_text(lang: Lang, kind: &str, code: &str) -> String {
    let id = format!("enum-{kind}-{code}");
    let said = text::text(lang, &id, &[]);
    if said == id { code.to_owned() } else { said }
}

/// "EKR 3. tase", "3-й уровень EQF", "EQF level 3".
pub fn eqf_level_text(lang: Lang, level: u8) -> String {
    tr!(lang, "enum-eqf-level", n = level)
}

/// The texts beside a bite's codes, in one language.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BiteTexts {
    /// The language of the texts (`et`, `ru` or `en`).
    pub text_lang: &'static str,
    /// The assessment in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment_text: Option<String>,
    /// The credential in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_text: Option<String>,
    /// The mode in words.
    pub mode_text: String,
    /// Who takes it free, in words, in the order of `funding`.
    pub funding_text: Vec<String>,
    /// The teaching languages in words, in the order of `languages`.
    pub languages_text: Vec<String>,
    /// The field in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field_text: Option<String>,
    /// The EQF level in words.
    pub eqf_level_text: String,
}

impl BiteTexts {
    /// The texts for `bite` in `lang`.
    pub fn of(bite: &Bite, lang: Lang) -> Self {
        Self {
            text_lang: lang.code(),
            assessment_text: bite
                .assessment
                .as_deref()
                .map(|a| code_text(lang, "assessment", a)),
            credential_text: bite
                .credential
                .as_deref()
                .map(|c| code_text(lang, "credential", c)),
            mode_text: code_text(lang, "mode", bite.mode.as_str()),
            funding_text: bite
                .funding
                .iter()
                .map(|f| code_text(lang, "funding", f.as_str()))
                .collect(),
            languages_text: bite
                .languages
                .iter()
                .map(|l| code_text(lang, "lang", l.as_str()))
                .collect(),
            field_text: bite.field.as_deref().map(|f| code_text(lang, "field", f)),
            eqf_level_text: eqf_level_text(lang, bite.eqf_level.get()),
        }
    }
}

/// A bite as answered to people: every field of the bite (the same as a
/// write takes) and the texts beside its codes.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BiteView {
    /// The bite.
    #[serde(flatten)]
    pub bite: Bite,
    /// The words for its codes.
    #[serde(flatten)]
    pub texts: BiteTexts,
}

impl BiteView {
    /// `bite` with texts in `lang`.
    pub fn new(bite: &Bite, lang: Lang) -> Self {
        Self {
            texts: BiteTexts::of(bite, lang),
            bite: bite.clone(),
        }
    }
}

/// The texts beside a qualification's codes, in one language.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QualificationTexts {
    /// The language of the texts.
    pub text_lang: &'static str,
    /// The EQF level in words.
    pub eqf_level_text: String,
    /// The field in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field_text: Option<String>,
}

/// A qualification as answered to people: its fields and the texts beside
/// its codes.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QualificationView {
    /// The qualification.
    #[serde(flatten)]
    pub qualification: Qualification,
    /// The words for its codes.
    #[serde(flatten)]
    pub texts: QualificationTexts,
}

impl QualificationView {
    /// `qualification` with texts in `lang`.
    pub fn new(qualification: &Qualification, lang: Lang) -> Self {
        Self {
            qualification: qualification.clone(),
            texts: QualificationTexts {
                text_lang: lang.code(),
                eqf_level_text: eqf_level_text(lang, qualification.eqf_level.get()),
                field_text: qualification
                    .field
                    .as_deref()
                    .map(|f| code_text(lang, "field", f)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_get_words_and_unknown_ones_stay() {
        assert_eq!(
            code_text(Lang::Et, "assessment", "practical-test"),
            "praktiline katse"
        );
        assert_eq!(
            code_text(Lang::Ru, "credential", "certificate-of-participation"),
            "справка об участии"
        );
        assert_eq!(code_text(Lang::Et, "assessment", "Eksam"), "Eksam");
        assert_eq!(eqf_level_text(Lang::Et, 3), "EKR 3. tase");
        assert_eq!(eqf_level_text(Lang::Ru, 4), "4-й уровень EQF");
    }
}
