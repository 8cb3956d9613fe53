//! The taxonomy from the outside: importing the ESCO fixture in the official
//! layout (en + et, BOM, multi-line quoted fields, relation files with and
//! without the `_<lang>` suffix), the queries on it, import errors, and the
//! committed `data/taxonomy.bin`.

use std::path::{Path, PathBuf};

use oppepala::cli::import::{EscoArgs, ImportArgs, ImportCommand};
use oppepala::domain::{ReuseLevel, SkillType};
use oppepala::taxonomy::import::{EscoSources, import_esco};
use oppepala::taxonomy::{ConceptKind, Relation, SkillRef, Taxonomy};

const S: &str = "http://data.europa.eu/esco/skill/mini-";
const O: &str = "http://data.europa.eu/esco/occupation/mini-";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn skill(id: &str) -> String {
    format!("{S}{id}")
}

fn occupation(id: &str) -> String {
    format!("{O}{id}")
}

fn sources(dir: PathBuf) -> EscoSources {
    EscoSources {
        esco_dir: dir,
        languages: Vec::new(),
        et_labels: Some(fixture("sources-mini/derived_esco_uri_labels_et.csv")),
        ak2008: Some(fixture("sources-mini/ak2008_occupations_et_en_ru.csv")),
        ee_mapping: None,
        skill_labels: vec![fixture("sources-mini/skill_labels.csv")],
        occupation_labels: Some(fixture("sources-mini/occupation_labels.csv")),
    }
}

fn mini() -> Taxonomy {
    import_esco(&sources(fixture("esco-mini")), &mut |_| {}).expect("fixture imports")
}

fn sorted_uris(refs: Vec<SkillRef<'_>>) -> Vec<String> {
    let mut uris: Vec<String> = refs.iter().map(|s| s.uri().to_string()).collect();
    uris.sort();
    uris
}

/// Copies the fixture to a temporary folder so a test can break one file.
fn broken_copy(file: &str, edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture("esco-mini")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    dir
}

#[test]
fn counts_and_languages() {
    let t = mini();
    let counts = t.counts();
    assert_eq!(counts.skills, 5);
    assert_eq!(counts.skill_groups, 2);
    assert_eq!(counts.occupations, 2);
    assert_eq!(counts.broader_relations, 4);
    assert_eq!(counts.occupation_skill_relations, 4);
    assert_eq!(counts.skill_skill_relations, 2);
    let langs: Vec<&str> = t.languages().iter().map(|l| l.as_str()).collect();
    assert_eq!(langs, ["en", "et", "ru"]);
    assert_eq!(t.skills().count(), 5);
    assert_eq!(t.occupations().count(), 2);
}

#[test]
fn skill_details_and_multi_line_fields() {
    let t = mini();
    let a = t.skill(&skill("a")).unwrap();
    assert_eq!(a.skill_type(), SkillType::SkillCompetence);
    assert_eq!(a.reuse_level(), ReuseLevel::CrossSector);
    assert_eq!(
        a.labels("en").unwrap().alt,
        ["work with spreadsheets", "use spreadsheet programs"]
    );
    assert_eq!(a.labels("et").unwrap().alt, ["töötada arvutustabelitega"]);
    let d = t.skill(&skill("d")).unwrap();
    assert_eq!(d.labels("en").unwrap().hidden, ["cash regster"]);
    assert_eq!(
        d.labels("et").unwrap().alt,
        ["kassatöö", "kassas töötamine"]
    );
    let e = t.skill(&skill("e")).unwrap();
    assert_eq!(e.skill_type(), SkillType::Knowledge);
    assert_eq!(
        e.description("en"),
        Some(
            "The principles of retail.\nIncludes pricing, stock and\n\"customer service\", among others."
        )
    );
    assert!(t.contains_skill(&skill("c")));
    assert!(
        !t.contains_skill(&skill("g")),
        "a skill group is not a skill"
    );
    assert_eq!(t.skill_group(&skill("g")).unwrap().code(), "S5.6");
    assert!(!t.contains_skill("http://data.europa.eu/esco/skill/nope"));
}

#[test]
fn labels_fall_back_lang_en_et_ru() {
    let t = mini();
    assert_eq!(
        t.skill_label(&skill("a"), "et"),
        Some("kasutada tabelarvutustarkvara")
    );
    assert_eq!(
        t.skill_label(&skill("a"), "en"),
        Some("use spreadsheets software")
    );
    assert_eq!(
        t.skill_label(&skill("b"), "et"),
        Some("use Microsoft Excel")
    );
    assert_eq!(
        t.skill_label(&skill("a"), "ru"),
        Some("use spreadsheets software")
    );
    assert_eq!(
        t.skill_label(&skill("a"), "fi"),
        Some("use spreadsheets software")
    );
    assert_eq!(
        t.skill(&skill("a")).unwrap().description("et"),
        Some("Kasutada tarkvara tabelite loomiseks.")
    );
    assert_eq!(
        t.skill_label("http://data.europa.eu/esco/skill/nope", "en"),
        None
    );
}

#[test]
fn occupations_have_labels_isco_groups_and_skills() {
    let t = mini();
    let cashier = occupation("cashier");
    let clerk = occupation("clerk");
    assert!(t.contains_occupation(&cashier));
    // ESCO's own occupations_et.csv wins; the et-labels file adds alternatives.
    assert_eq!(t.occupation_label(&cashier, "et"), Some("kassapidaja"));
    let et = t
        .occupation(&cashier)
        .unwrap()
        .labels("et")
        .unwrap()
        .clone();
    assert_eq!(et.alt, ["kassiir", "müüja-kassapidaja"]);
    assert_eq!(t.occupation_label(&clerk, "et"), Some("kontoriametnik"));
    assert_eq!(
        t.occupation(&clerk).unwrap().labels("et").unwrap().alt,
        ["kantseleitöötaja"]
    );
    // ESCO has no Russian labels: the clerk falls back to English, the
    // cashier has the hand-written names; the ISCO group's is kept apart.
    assert_eq!(t.occupation_label(&clerk, "ru"), Some("office clerk"));
    assert_eq!(t.occupation_label(&cashier, "ru"), Some("кассир"));
    let o = t.occupation(&cashier).unwrap();
    assert_eq!(o.isco_code(), "5230");
    assert_eq!(o.code(), "5230.1");
    assert_eq!(o.isco_group_label("ru"), Some("Кассиры и билетные кассиры"));
    assert_eq!(
        o.isco_group_label("et"),
        Some("Kassapidajad ja piletimüüjad")
    );
    assert_eq!(o.isco_group_label("en"), Some("Cashiers and ticket clerks"));
    let chain: Vec<&str> = o.isco_groups().iter().map(|g| g.code()).collect();
    assert_eq!(chain, ["5230", "523", "52", "5"]);
    assert_eq!(o.isco_group().unwrap().parent().unwrap().code(), "523");
    assert_eq!(
        t.isco_group("5").unwrap().label("ru"),
        Some("Работники сферы обслуживания и торговли")
    );

    assert_eq!(
        sorted_uris(t.essential_skills(&cashier)),
        [skill("b"), skill("d")]
    );
    assert_eq!(sorted_uris(t.optional_skills(&cashier)), [skill("e")]);
    assert!(
        t.essential_skills("http://data.europa.eu/esco/occupation/nope")
            .is_empty()
    );
    let domain = o.to_domain();
    assert_eq!(domain.labels.get("et"), Some("kassapidaja"));
    assert_eq!(domain.essential_skills.len(), 2);
}

#[test]
fn hierarchy_closures_and_coverage() {
    let t = mini();
    assert_eq!(
        sorted_uris(t.broader_closure(&skill("c"))),
        [skill("a"), skill("b"), skill("g"), skill("g0")]
    );
    assert_eq!(
        sorted_uris(t.narrower_closure(&skill("a"))),
        [skill("b"), skill("c")]
    );
    assert_eq!(
        sorted_uris(t.narrower_closure(&skill("g0"))),
        [skill("a"), skill("b"), skill("c"), skill("g")]
    );
    let groups = t.skill_groups(&skill("c"));
    assert!(groups.iter().all(|g| g.kind() == ConceptKind::SkillGroup));
    assert_eq!(sorted_uris(groups), [skill("g"), skill("g0")]);
    // A held narrower skill meets a broader requirement, transitively; never the reverse.
    assert!(t.covers(&skill("c"), &skill("a")));
    assert!(t.covers(&skill("b"), &skill("a")));
    assert!(t.covers(&skill("a"), &skill("a")));
    assert!(!t.covers(&skill("a"), &skill("c")));
    assert!(!t.covers(&skill("d"), &skill("a")));
}

#[test]
fn related_skills_keep_their_relation() {
    let t = mini();
    let mut related: Vec<(String, Relation)> = t
        .related_skills(&skill("d"))
        .iter()
        .map(|r| (r.skill.uri().to_string(), r.relation))
        .collect();
    related.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        related,
        [
            (skill("a"), Relation::Optional),
            (skill("e"), Relation::Essential)
        ]
    );
    assert!(t.related_skills(&skill("a")).is_empty());
}

#[test]
fn save_and_load_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/taxonomy.bin");
    let t = mini();
    t.save(&path).unwrap();
    let back = Taxonomy::load(&path).unwrap();
    assert_eq!(back.counts(), t.counts());
    assert_eq!(
        back.skill_label(&skill("d"), "et"),
        Some("kassaaparaadi kasutamine")
    );
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
}

#[test]
fn explicit_languages_must_have_files() {
    let mut s = sources(fixture("esco-mini"));
    s.languages = vec![oppepala::domain::Lang::ru()];
    let error = import_esco(&s, &mut |_| {}).unwrap_err().to_string();
    assert!(error.contains("skills_ru.csv"), "{error}");
}

#[test]
fn missing_column_names_file_line_and_column() {
    let dir = broken_copy("occupations_en.csv", |t| {
        t.replacen("iscoGroup", "iscoGruop", 1)
    });
    let error = import_esco(&sources(dir.path().to_path_buf()), &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(error.contains("occupations_en.csv, line 1"), "{error}");
    assert!(error.contains("no column \"iscoGroup\""), "{error}");
}

#[test]
fn broken_csv_names_file_and_line() {
    let dir = broken_copy("occupationSkillRelations.csv", |t| {
        t + "http://data.europa.eu/esco/occupation/mini-clerk,essential\n"
    });
    let error = import_esco(&sources(dir.path().to_path_buf()), &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("occupationSkillRelations.csv, line 6: broken CSV"),
        "{error}"
    );
    assert!(error.contains("expected 4 fields, found 2"), "{error}");
}

#[test]
fn bad_field_names_column() {
    let dir = broken_copy("occupationSkillRelations.csv", |t| {
        t.replacen(",optional,", ",maybe,", 1)
    });
    let error = import_esco(&sources(dir.path().to_path_buf()), &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("occupationSkillRelations.csv, line 4, column \"relationType\""),
        "{error}"
    );
}

#[test]
fn every_bad_row_is_reported() {
    let dir = broken_copy("occupationSkillRelations.csv", |t| {
        t.replacen(",optional,", ",maybe,", 1)
            .replacen(",essential,", ",vital,", 1)
    });
    let error = import_esco(&sources(dir.path().to_path_buf()), &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("occupationSkillRelations.csv: 2 bad rows"),
        "{error}"
    );
    assert!(error.contains("line 2, column \"relationType\""), "{error}");
    assert!(error.contains("line 4, column \"relationType\""), "{error}");
}

#[test]
fn failed_import_writes_nothing() {
    let dir = broken_copy("skills_en.csv", |t| {
        t.replacen("preferredLabel", "label", 1)
    });
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("data/taxonomy.bin");
    let args = ImportArgs {
        what: ImportCommand::Esco(EscoArgs {
            dir: dir.path().to_path_buf(),
            lang: Vec::new(),
            out: out.clone(),
            et_labels: None,
            ak2008: None,
            ee_mapping: None,
            skill_labels: Vec::new(),
            occupation_labels: None,
        }),
    };
    let error = format!("{:#}", oppepala::cli::import::run(args).unwrap_err());
    assert!(error.contains("skills_en.csv, line 1"), "{error}");
    assert!(!out.exists());
    assert!(
        !out.parent().unwrap().exists()
            || std::fs::read_dir(out.parent().unwrap()).unwrap().count() == 0
    );
}

#[test]
fn explicitly_given_missing_source_is_an_error() {
    let out_dir = tempfile::tempdir().unwrap();
    let args = ImportArgs {
        what: ImportCommand::Esco(EscoArgs {
            dir: fixture("esco-mini"),
            lang: Vec::new(),
            out: out_dir.path().join("taxonomy.bin"),
            et_labels: None,
            ak2008: Some(out_dir.path().join("absent.csv")),
            ee_mapping: None,
            skill_labels: Vec::new(),
            occupation_labels: None,
        }),
    };
    let error = format!("{:#}", oppepala::cli::import::run(args).unwrap_err());
    assert!(
        error.contains("--ak2008") && error.contains("absent.csv"),
        "{error}"
    );
}

#[test]
fn committed_taxonomy_loads_with_et_and_ru() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/taxonomy.bin");
    let t = Taxonomy::load(&path).expect("data/taxonomy.bin loads");
    assert_eq!(t.n_skills(), 13_896);
    assert_eq!(t.n_occupations(), 3_007);
    let langs: Vec<&str> = t.languages().iter().map(|l| l.as_str()).collect();
    assert_eq!(langs, ["en", "et", "ru"]);
    let with_et = t.occupations().filter(|o| o.labels("et").is_some()).count();
    assert!(
        with_et >= 2_900,
        "{with_et} occupations have Estonian labels"
    );
    let without_ru_group: Vec<&str> = t
        .occupations()
        .filter(|o| o.isco_group().and_then(|g| g.labels("ru")).is_none())
        .map(|o| o.uri())
        .collect();
    assert!(
        without_ru_group.is_empty(),
        "no Russian ISCO group name: {without_ru_group:?}"
    );
    // Spot checks on real ESCO content.
    let first = t.skills().next().unwrap();
    assert!(first.label("en").is_some() && first.description("en").is_some());
    assert!(t.counts().broader_relations > 20_000);
}

/// Issue 17, item 2: picking one of the common occupations adds its essential
/// skills, and every one of them has an Estonian and a Russian name in the
/// committed taxonomy, for at least the first 50 of
/// `data/sources/common_occupations.csv` (all 150 as of this writing).
#[test]
fn committed_taxonomy_names_every_essential_skill_of_the_common_occupations_in_et_and_ru() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let t = Taxonomy::load(root.join("data/taxonomy.bin")).expect("data/taxonomy.bin loads");
    let mut reader = csv::Reader::from_path(root.join("data/sources/common_occupations.csv"))
        .expect("common_occupations.csv reads");
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "concept_uri")
        .expect("a concept_uri column");
    let chosen: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[column].to_string())
        .collect();
    assert_eq!(chosen.len(), 150, "150 common occupations");
    let mut unnamed = Vec::new();
    let mut skills = std::collections::BTreeSet::new();
    for uri in &chosen[..50] {
        let occupation = t
            .occupation(uri)
            .unwrap_or_else(|| panic!("{uri} in the taxonomy"));
        for skill in occupation.essential_skills() {
            skills.insert(skill.uri().to_string());
            for lang in ["et", "ru"] {
                if skill.labels(lang).is_none() {
                    unnamed.push(format!(
                        "{lang}: {} ({})",
                        skill.label("en").unwrap_or("?"),
                        uri
                    ));
                }
            }
        }
    }
    assert!(skills.len() >= 700, "{} essential skills", skills.len());
    assert!(
        unnamed.is_empty(),
        "{} without a name: {unnamed:?}",
        unnamed.len()
    );
}

/// Architecture invariant: the taxonomy core does no IO and knows nothing of
/// HTTP or tantivy; files are touched only in `import` and `store`, and no
/// part of the module does network IO.
#[test]
fn taxonomy_core_stays_pure() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/core/src/taxonomy");
    let everywhere = ["tantivy", "axum", "reqwest", "hyper", "tokio", "std::net"];
    let core_only = ["std::fs", "File::", "std::io::Read", "read_to_string"];
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        // Comments may name what the module must not use; code may not.
        let text: String = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for word in everywhere {
            assert!(!text.contains(word), "{name} mentions {word}");
        }
        if name != "import.rs" && name != "store.rs" {
            for word in core_only {
                assert!(!text.contains(word), "{name} does IO ({word})");
            }
        }
    }
}

#[test]
fn extra_skill_labels_merge_and_a_stale_uri_is_an_error() {
    let taxonomy = mini();
    let uri = "http://data.europa.eu/esco/skill/mini-c";
    assert_eq!(
        taxonomy.skill_label(uri, "ru"),
        Some("работа с электронными таблицами")
    );
    let labels = taxonomy.skill(uri).unwrap().labels("ru").unwrap().clone();
    assert_eq!(labels.alt, ["таблицы"]);
    // English stays ESCO's own.
    assert_eq!(
        taxonomy.skill_label(uri, "en"),
        Some("create pivot tables in Excel")
    );

    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join("labels.csv");
    std::fs::write(
        &stale,
        "concept_uri,lang,label\nhttp://data.europa.eu/esco/skill/gone,et,kadunud\n",
    )
    .unwrap();
    let mut sources = sources(fixture("esco-mini"));
    sources.skill_labels = vec![stale];
    let error = import_esco(&sources, &mut |_| {}).unwrap_err().to_string();
    assert!(
        error.contains("labels.csv") && error.contains("line 2"),
        "{error}"
    );
}

#[test]
fn extra_occupation_labels_merge_below_official_ones_and_a_stale_uri_is_an_error() {
    let taxonomy = mini();
    let cashier = taxonomy
        .occupation("http://data.europa.eu/esco/occupation/mini-cashier")
        .unwrap();
    // No Russian label before: the first hand-written name is preferred.
    let ru = cashier.labels("ru").unwrap();
    assert_eq!(ru.preferred, "кассир");
    assert_eq!(ru.alt, ["кассир магазина"]);
    assert_eq!(cashier.label("en"), Some("cashier"));
    // The Estonian labels stay preferred; a repeated one is not doubled.
    let clerk = taxonomy
        .occupation("http://data.europa.eu/esco/occupation/mini-clerk")
        .unwrap();
    let et = clerk.labels("et").unwrap();
    assert_eq!(et.preferred, "kontoriametnik");
    assert_eq!(et.alt, ["kantseleitöötaja"]);

    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join("names.csv");
    std::fs::write(
        &stale,
        "concept_uri,lang,label\nhttp://data.europa.eu/esco/occupation/gone,ru,нет\n",
    )
    .unwrap();
    let mut sources = sources(fixture("esco-mini"));
    sources.occupation_labels = Some(stale);
    let error = import_esco(&sources, &mut |_| {}).unwrap_err().to_string();
    assert!(
        error.contains("names.csv") && error.contains("line 2") && error.contains("occupation"),
        "{error}"
    );
}
