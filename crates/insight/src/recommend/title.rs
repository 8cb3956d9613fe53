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
        // shop assistant (ISCO 5223) has a hand-written Russian label now
        // (data/sources/occupation_labels_et_ru.csv): the label alone.
        let uri = "http://data.europa.eu/esco/occupation/0b15375e-dfdd-4047-9efb-096e0aaee7d2";
        let shop = taxonomy.occupation(uri).expect("shop assistant");
        let ru_label = shop
            .labels("ru")
            .expect("a Russian label")
            .preferred
            .clone();
        assert_eq!(occupation_title(shop, "ru"), ru_label);
        // An occupation with labels in en and et but none in ru, in a group
        // AK2008 names in Russian: the English label with the group's name.
        let occupation = taxonomy
            .occupations()
            .find(|o| {
                o.labels("ru").is_none()
                    && o.labels("et").is_some()
                    && o.isco_group().and_then(|g| g.labels("ru")).is_some()
            })
            .expect("an occupation without a Russian label");
        let en = occupation
            .label("en")
            .expect("an English label")
            .to_string();
        let group = occupation
            .isco_group()
            .unwrap()
            .labels("ru")
            .unwrap()
            .preferred
            .clone();
        let ru = occupation_title(occupation, "ru");
        assert_eq!(ru, format!("{en} ({group})"));
        // Where the language has a label, the label alone.
        let et = occupation_title(occupation, "et");
        assert_eq!(et, occupation.labels("et").expect("et label").preferred);
        assert_eq!(occupation_title(occupation, "en"), en);
    }
}
