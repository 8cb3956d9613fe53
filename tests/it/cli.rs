//! The command line as a user runs it: exit codes, messages naming file,
//! line and field, and nothing changed on disk when an import is refused.

use super::support;
use support::oppepala;

/// A scratch copy of data/ (catalogue and taxonomy) to import into.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for file in ["bites.jsonl", "qualifications.jsonl", "taxonomy.bin"] {
        std::fs::copy(support::root().join("data").join(file), data.join(file)).unwrap();
    }
    dir
}

#[test]
fn help_lists_the_commands() {
    let (ok, stdout, _) = oppepala(&["--help"], &support::root());
    assert!(ok);
    for command in ["serve", "import", "healthcheck"] {
        assert!(stdout.contains(command), "{stdout}");
    }
}

#[test]
fn a_bad_provider_csv_is_refused_whole_and_changes_nothing() {
    let dir = scratch();
    let csv = support::fixture("provider.csv");
    let before = std::fs::read(dir.path().join("data/bites.jsonl")).unwrap();
    let (ok, _, stderr) = oppepala(&["import", "catalogue", csv.to_str().unwrap()], dir.path());
    assert!(!ok);
    let line = |field: &str| format!("provider.csv:4: field `{field}`");
    for field in ["outcomes", "eqf_level", "sessions"] {
        assert!(stderr.contains(&line(field)), "{stderr}");
    }
    assert!(stderr.contains("nothing was changed"), "{stderr}");
    assert_eq!(
        std::fs::read(dir.path().join("data/bites.jsonl")).unwrap(),
        before
    );

    let (ok, stdout, stderr) = oppepala(
        &["import", "catalogue", csv.to_str().unwrap(), "--lenient"],
        dir.path(),
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 new and 0 replaced"), "{stdout}");
    assert!(stderr.contains("skipped:"), "{stderr}");
    let after = std::fs::read_to_string(dir.path().join("data/bites.jsonl")).unwrap();
    assert!(after.contains("\"csv-kassa-1\""));
    assert!(!after.contains("csv-bad-1"));
}

#[test]
fn a_missing_esco_folder_is_a_clear_error() {
    let dir = scratch();
    let (ok, _, stderr) = oppepala(&["import", "esco", "no-such-dir"], dir.path());
    assert!(!ok);
    assert!(stderr.contains("no-such-dir"), "{stderr}");
    assert!(dir.path().join("data/taxonomy.bin").exists());
}

#[test]
fn every_cli_environment_variable_is_known_to_the_server_configuration() {
    // `serve` refuses unknown OPPEPALA_* variables; one set for another
    // command must not stop the server from starting.
    let mut names = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(support::root().join("src/cli")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in text.split("env = \"OPPEPALA_").skip(1) {
            names.insert(part.split('"').next().unwrap().to_string());
        }
    }
    let config_keys = toml::Table::try_from(oppepala::config::Config::default()).unwrap();
    for name in names {
        assert!(
            oppepala::config::CLI_ONLY.contains(&name.as_str())
                || config_keys.contains_key(&name.to_lowercase()),
            "OPPEPALA_{name} is neither a configuration key nor in config::CLI_ONLY"
        );
    }
}

#[test]
fn outcome_texts_are_tagged_with_esco_skills_and_untagged_bites_refused() {
    let dir = scratch();
    let csv = support::fixture("provider_outcome_texts.csv");
    let csv = csv.to_str().unwrap();
    let before = std::fs::read(dir.path().join("data/bites.jsonl")).unwrap();
    let (ok, _, stderr) = oppepala(&["import", "catalogue", csv, "--tag-outcomes"], dir.path());
    assert!(!ok);
    let spreadsheets = "http://data.europa.eu/esco/skill/1973c966-f236-40c9-b2d4-5d71a89019be";
    let cash_register = "http://data.europa.eu/esco/skill/0cb013af-6dd9-4fb2-b34e-63dda1a5cf82";
    for expected in [
        format!(
            "tagged: {csv}:2: \"use spreadsheets software\" → {spreadsheets} (use spreadsheets software), 1.00"
        ),
        format!(
            "tagged: {csv}:3: \"operate cash register\" → {cash_register} (operate cash register), 1.00"
        ),
        format!("untagged: {csv}:4: \"xyzzy plugh frobnicate\""),
        format!("{csv}:4: field `outcome_texts`: no ESCO skill matches"),
        "nothing was changed".to_string(),
    ] {
        assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("data/bites.jsonl")).unwrap(),
        before
    );

    let (ok, stdout, stderr) = oppepala(
        &["import", "catalogue", csv, "--tag-outcomes", "--lenient"],
        dir.path(),
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("2 new and 0 replaced"), "{stdout}");
    let after = std::fs::read_to_string(dir.path().join("data/bites.jsonl")).unwrap();
    let line = |id: &str| {
        after
            .lines()
            .find(|l| l.contains(&format!("\"id\":\"{id}\"")))
            .unwrap_or_else(|| panic!("{id} imported"))
            .to_string()
    };
    assert!(
        line("csv-tag-1").contains(&format!("{{\"skill\":\"{spreadsheets}\",\"level\":1}}")),
        "{after}"
    );
    assert!(line("csv-tag-2").contains(cash_register));
    assert!(!after.contains("csv-tag-3"));
}
