//! What is a target called in the asked language? A qualification's title
//! or an occupation's label, with the catalogue's and taxonomy's fallbacks
//! (an occupation without a label in the language is named through its
//! ISCO group).

use oppepala_core::domain::Target;
use oppepala_core::taxonomy::OccupationRef;

use super::prepared::Prepared;

/// A target's title in `lang` (with the catalogue's and taxonomy's
/// fallbacks) and the language its name is in: another than `lang` marks
/// a fallback (an occupation ESCO names only in English).
pub(super) fn target_title(target: &Target, prepared: &Prepared, lang: &str) -> (String, String) {
    match target {
        Target::Qualification(id) => {
            let qualification = prepared.catalogue().qualification(id.as_str());
            match qualification.and_then(|q| q.title.get_with_lang(lang)) {
                Some((title, in_lang)) => (title.to_string(), in_lang.to_string()),
                None => (id.to_string(), String::new()),
            }
        }
        Target::Occupation(uri) => match prepared.taxonomy().occupation(uri.as_str()) {
            Some(occupation) => (
                occupation_title(occupation, lang),
                occupation
                    .label_with_lang(lang)
                    .map_or_else(String::new, |(_, l)| l.to_string()),
            ),
            None => (uri.to_string(), String::new()),
        },
        Target::Skills(_) => (String::new(), String::new()),
    }
}

/// An occupation's preferred label in `lang`. ESCO has no Russian
/// occupation labels, so where `lang` has none the fallback label comes
/// with the name of its ISCO group in `lang` (AK2008 names the groups in
/// Russian): "shop assistant (Продавцы и помощники продавцов магазинов)".
fn occupation_title(occupation: OccupationRef<'_>, lang: &str) -> String {
    let label = occupation.label(lang).unwrap_or(occupation.uri());
    if occupation.labels(lang).is_some() {
        return label.to_string();
    }
    match occupation
        .isco_group()
        .and_then(|group| group.labels(lang))
        .map(|labels| labels.preferred.as_str())
    {
        Some(group) if !group.is_empty() => format!("{label} ({group})"),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oppepala_core::taxonomy::Taxonomy;

    #[test]
    fn an_occupation_without_a_label_in_the_language_is_named_through_its_isco_group() {
        let taxonomy = Taxonomy::load(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/taxonomy.bin"
        ))
        .expect("the default taxonomy");
        // shop assistant (ISCO 5223): ESCO labels in en and et, none in ru.
        let uri = "http://data.europa.eu/esco/occupation/0b15375e-dfdd-4047-9efb-096e0aaee7d2";
        let occupation = taxonomy.occupation(uri).expect("shop assistant");
        assert!(occupation.labels("ru").is_none());
        let ru = occupation_title(occupation, "ru");
        assert!(ru.starts_with("shop assistant ("), "{ru}");
        assert!(ru.contains("Продавцы"), "{ru}");
        // Where the language has a label, the label alone.
        let et = occupation_title(occupation, "et");
        assert_eq!(et, occupation.labels("et").expect("et label").preferred);
        assert_eq!(occupation_title(occupation, "en"), "shop assistant");
    }
}
