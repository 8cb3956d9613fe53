//! How does a bite become a tantivy document?
//!
//! A bite's titles and descriptions go to the text fields of their
//! language, its outcome skills to raw terms and, through their preferred
//! labels, to every language's outcome text; mode, languages, county,
//! provider, funding and field become facets, its numbers and session
//! days fast fields.
//!
//! It must never change the schema, nor query or search.

use tantivy::TantivyDocument;
use tantivy::schema::Facet;

use super::schema::{BiteFields, day_number};
use crate::index::analysis::TEXT_LANGS;
use crate::index::skills::SkillLabels;
use oppepala_core::domain::Bite;

/// Which text language a free outcome text is in, by script: Cyrillic is
/// Russian; Latin text goes to both Estonian and English.
fn outcome_text_langs(text: &str) -> &'static [usize] {
    let cyrillic = text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
    if cyrillic { &[1] } else { &[0, 2] }
}

/// The index position of a language's text fields; other languages are
/// indexed with the English analyzer (the mildest stemmer).
fn lang_slot(lang: &str) -> usize {
    TEXT_LANGS.iter().position(|l| *l == lang).unwrap_or(2)
}

/// Turns a bite into a tantivy document; outcome skills are indexed as
/// text through their preferred labels in each language.
pub(crate) fn bite_document(
    fields: &BiteFields,
    bite: &Bite,
    labels: &SkillLabels,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.id, bite.id.as_str());
    for (lang, text) in &bite.title.0 {
        let slot = lang_slot(lang.as_str());
        doc.add_text(fields.text[slot].title, text);
    }
    for (lang, text) in &bite.description.0 {
        let slot = lang_slot(lang.as_str());
        doc.add_text(fields.text[slot].description, text);
    }
    for competence in &bite.outcomes {
        doc.add_text(fields.skill_outcome, competence.skill.as_str());
        for (slot, lang) in TEXT_LANGS.iter().enumerate() {
            if let Some(label) = labels.preferred(&competence.skill, lang) {
                doc.add_text(fields.text[slot].outcomes, label);
            }
        }
    }
    for text in &bite.outcome_texts {
        for &slot in outcome_text_langs(text) {
            doc.add_text(fields.text[slot].outcomes, text);
        }
    }
    for competence in &bite.prerequisites {
        doc.add_text(fields.skill_prerequisite, competence.skill.as_str());
    }
    doc.add_facet(fields.facet, Facet::from_path(["mode", bite.mode.as_str()]));
    for lang in &bite.languages {
        doc.add_facet(fields.facet, Facet::from_path(["language", lang.as_str()]));
    }
    if let Some(region) = &bite.region {
        doc.add_facet(fields.facet, Facet::from_path(["county", region.as_str()]));
    }
    if !bite.provider.trim().is_empty() {
        doc.add_facet(
            fields.facet,
            Facet::from_path(["provider", bite.provider.trim()]),
        );
    }
    for tag in &bite.funding {
        doc.add_facet(fields.facet, Facet::from_path(["funding", tag.as_str()]));
    }
    if let Some(field) = bite
        .field
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        doc.add_facet(fields.facet, Facet::from_path(["field", field]));
    }
    doc.add_f64(fields.hours, bite.hours);
    doc.add_f64(fields.cost, bite.cost_eur);
    doc.add_u64(fields.eqf, u64::from(bite.eqf_level.get()));
    let first_start = bite
        .first_start()
        .map_or(u64::MAX, |d| day_number(d).max(0) as u64);
    doc.add_u64(fields.first_start, first_start);
    for session in &bite.sessions {
        doc.add_i64(fields.starts, day_number(session.start));
    }
    doc.add_u64(fields.self_paced, u64::from(bite.sessions.is_empty()));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_outcome_text_language_by_script() {
        assert_eq!(outcome_text_langs("уход за пожилыми"), &[1]);
        assert_eq!(outcome_text_langs("kassatöö"), &[0, 2]);
    }
}
