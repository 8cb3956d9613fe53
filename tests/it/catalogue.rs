//! The catalogue against the real taxonomy: the default data validates,
//! imports are all-or-nothing, ELM samples map with their problems reported.

use std::sync::OnceLock;

use oppepala::catalogue::{self, CatalogueError, elm};
use oppepala::taxonomy::Taxonomy;

use super::support;

/// The committed taxonomy, loaded once for all tests of this binary.
pub fn taxonomy() -> &'static Taxonomy {
    static TAXONOMY: OnceLock<Taxonomy> = OnceLock::new();
    TAXONOMY.get_or_init(|| Taxonomy::load(support::root().join("data/taxonomy.bin")).unwrap())
}

#[test]
fn default_catalogue_validates_against_the_taxonomy() {
    let taxonomy = taxonomy();
    let (catalogue, problems) = catalogue::load_dir(
        &support::root().join("data"),
        &|uri| taxonomy.contains_skill(uri),
        false,
    )
    .unwrap();
    assert!(problems.is_empty());
    assert!(catalogue.bites().len() >= 300);
    assert!(catalogue.qualifications().len() >= 25);
    let fields: std::collections::BTreeSet<_> = catalogue
        .bites()
        .iter()
        .filter_map(|b| b.field.clone())
        .collect();
    assert!(fields.len() >= 8, "{fields:?}");
}

#[test]
fn a_catalogue_with_errors_is_refused_whole_and_lenient_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    // Two lines of the default catalogue, then a copy of the first with a bad value.
    let default = std::fs::read_to_string(support::root().join("data/bites.jsonl")).unwrap();
    let good: String = default.lines().take(2).map(|l| format!("{l}\n")).collect();
    let first = default.lines().next().unwrap();
    let id = first.split('"').nth(3).unwrap();
    let bad =
        first
            .replacen(id, "copy-with-bad-hours", 1)
            .replacen("\"hours\": ", "\"hours\": -", 1);
    std::fs::write(dir.path().join("bites.jsonl"), format!("{good}{bad}\n")).unwrap();
    std::fs::write(dir.path().join("qualifications.jsonl"), "").unwrap();
    let error = catalogue::load_dir(dir.path(), &|_| true, false).unwrap_err();
    let CatalogueError::Invalid { problems } = error else {
        panic!("expected problems")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 3);
    assert_eq!(problems[0].field, "hours");
    let (catalogue, problems) = catalogue::load_dir(dir.path(), &|_| true, true).unwrap();
    assert_eq!(catalogue.bites().len(), 2);
    assert_eq!(problems.len(), 1);
}

#[test]
fn elm_samples_map_to_bites_and_qualifications() {
    let options = elm::ElmOptions {
        id_prefix: "elm:".into(),
        default_eqf: None,
        default_region: Some(oppepala::domain::Region::new("EE-37").unwrap()),
    };
    let text =
        std::fs::read_to_string(support::fixture("elm/Sample-MC-Annex1-unsigned.jsonld")).unwrap();
    let out = elm::map_document("mc.jsonld", &text, &options);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.bites.len(), 1);
    let bite = &out.bites[0].value;
    assert_eq!(bite.hours, 60.0);
    assert_eq!(bite.ects, 2.0);
    assert_eq!(bite.eqf_level.get(), 6);
    assert_eq!(bite.outcomes.len(), 4);
    assert_eq!(bite.provider, "University of Zed");
    assert_eq!(
        bite.learning_setting.as_deref(),
        Some("non-formal learning")
    );
    assert!(
        bite.entry_requirements
            .get("en")
            .unwrap()
            .contains("EU Login")
    );
    assert_eq!(out.qualifications.len(), 1);
    // The non-ESCO DigComp skills are reported and kept as text, not dropped.
    assert!(out.notes.iter().any(|n| n.contains("is not in ESCO")));
    assert_eq!(bite.outcome_texts.len(), 2);
    let taxonomy = taxonomy();
    assert!(
        bite.outcomes
            .iter()
            .all(|o| taxonomy.contains_skill(o.skill.as_str()))
    );

    let text = std::fs::read_to_string(support::fixture("elm/mynextid-open-badge-mc-example.json"))
        .unwrap();
    let out = elm::map_document("ob.json", &text, &options);
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
    assert!(out.problems[0].message.contains("no EQF level"));

    let text =
        std::fs::read_to_string(support::fixture("elm/Sample-CertOfPart-unsigned.jsonld")).unwrap();
    let out = elm::map_document("cert.jsonld", &text, &options);
    assert!(
        out.problems
            .iter()
            .any(|p| p.message.contains("months or years"))
    );
}
