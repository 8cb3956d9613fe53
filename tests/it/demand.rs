//! Labour-market demand from the outside: importing real and broken
//! files on the command line, forecasts, the demand lookups, the API and
//! the HTTP feeds.

use std::path::Path;
use std::process::Command;

use super::support;

fn oppepala(args: &[&str], dir: &Path) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_oppepala"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_real_eurostat_table_imports_as_a_yearly_series() {
    let dir = tempfile::tempdir().unwrap();
    let table = support::fixture("demand/eurostat_panel_annual_2014_2024.csv");
    let table = table.to_str().unwrap();
    let (ok, stdout, stderr) = oppepala(
        &[
            "import",
            "demand",
            table,
            "--format",
            "eurostat-panel",
            "--geo",
            "EE",
            "--variable",
            "ict_employed_ths",
            "--subject",
            "isco:25",
            "--unit",
            "employed-thousands",
        ],
        dir.path(),
    );
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 series added"), "{stdout}");
    let store = oppepala::demand::signals::load_store(&dir.path().join("data/demand/signals.json"))
        .unwrap();
    let series = &store.series[0];
    // Estonia's employed ICT specialists (thousands), Eurostat isoc_sks_itspt.
    assert_eq!(
        series.values,
        [
            24.0, 26.0, 33.0, 34.0, 36.0, 38.0, 40.0, 40.0, 44.0, 46.0, 51.0
        ]
    );
    assert_eq!(series.start.to_string(), "2014-01");
    assert_eq!(series.step_months, 12);
    assert!(series.source.starts_with("Eurostat, ict_employed_ths (EE)"));

    // An unknown column is named, and nothing is written.
    let (ok, _, stderr) = oppepala(
        &[
            "import",
            "demand",
            table,
            "--format",
            "eurostat-panel",
            "--geo",
            "EE",
            "--variable",
            "vacancies",
            "--subject",
            "isco:25",
            "--data-dir",
            "other",
        ],
        dir.path(),
    );
    assert!(!ok);
    assert!(stderr.contains("no column \"vacancies\""), "{stderr}");
    assert!(!dir.path().join("other").exists());
}

#[test]
fn bad_rows_are_all_named_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let good = "subject,region,period,value,unit,source\n\
                isco:5131,EE-37,2024-01,10,vacancies,EUIF\n\
                isco:5131,EE-37,2024-02,12,vacancies,EUIF\n";
    std::fs::write(dir.path().join("good.csv"), good).unwrap();
    let (ok, stdout, stderr) = oppepala(&["import", "demand", "good.csv"], dir.path());
    assert!(ok, "{stderr}");
    assert!(stdout.contains("1 series added"), "{stdout}");
    let store_path = dir.path().join("data/demand/signals.json");
    let before = std::fs::read(&store_path).unwrap();

    let bad = "subject,region,period,value,unit,source\n\
               isco:5131,EE-37,2024-03,11,vacancies,EUIF\n\
               isco:51x,EE-37,2024-01,10,vacancies,EUIF\n\
               isco:5131,Harjumaa,2024-01,10,vacancies,EUIF\n\
               isco:5131,EE-37,2024-04,many,vacancies,EUIF\n";
    std::fs::write(dir.path().join("bad.csv"), bad).unwrap();
    let (ok, _, stderr) = oppepala(&["import", "demand", "bad.csv"], dir.path());
    assert!(!ok);
    for needle in [
        "bad.csv:3: subject:",
        "bad.csv:4: region:",
        "bad.csv:5: value: \"many\" is not a count",
    ] {
        assert!(stderr.contains(needle), "{needle} in {stderr}");
    }
    assert_eq!(
        std::fs::read(&store_path).unwrap(),
        before,
        "store unchanged"
    );

    // --lenient keeps the good row (and still names the bad ones).
    let (ok, stdout, stderr) = oppepala(&["import", "demand", "bad.csv", "--lenient"], dir.path());
    assert!(ok, "{stderr}");
    assert!(stdout.contains("3 bad rows skipped"), "{stdout}");
}
