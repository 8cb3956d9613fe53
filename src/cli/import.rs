//! `oppepala import …`: load outside data into the files the service reads.
//!
//! Each variant of [`ImportCommand`] is one source (ESCO now; catalogue,
//! ELM and demand later). A command parses its flags, calls one library
//! function, shows progress (a bar on a terminal, log lines otherwise) and
//! writes its output atomically. It must never leave a half-written file
//! behind, and never hold business logic that belongs in the library.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

use crate::domain::Lang;
use crate::taxonomy::import::{EscoSources, ImportEvent, import_esco};

/// Arguments of `oppepala import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What to import.
    #[command(subcommand)]
    pub what: ImportCommand,
}

/// The sources `oppepala import` knows.
#[derive(Debug, clap::Subcommand)]
pub enum ImportCommand {
    /// Import the ESCO classification (official CSV export) plus Estonian and
    /// Russian labels into the compact taxonomy file.
    Esco(EscoArgs),
    /// Import learning bites from a provider's CSV, a bites JSON Lines file
    /// or a catalogue folder into the catalogue (validated; all or nothing
    /// unless --lenient).
    Catalogue(super::catalogue::CatalogueArgs),
    /// Import micro-credentials and learning opportunities published in the
    /// European Learning Model (ELM v3 JSON-LD) or as Open Badges 3.0.
    Elm(super::catalogue::ElmArgs),
    /// Import labour-market demand series (long CSV, JSON, or a Eurostat
    /// panel) into data/demand/signals.json (validated; all or nothing
    /// unless --lenient).
    Demand(super::demand::ImportDemandArgs),
}

/// Default location of the Estonian labels of ESCO occupations and ISCO groups.
pub const DEFAULT_ET_LABELS: &str = "data/sources/derived_esco_uri_labels_et.csv";
/// Default location of AK2008 (ISCO-08 with et/en/ru names).
pub const DEFAULT_AK2008: &str = "data/sources/ak2008_occupations_et_en_ru.csv";
/// Default locations of the hand-written Estonian and Russian skill labels:
/// the catalogue's glossary, then the skills of common occupations.
pub const DEFAULT_SKILL_LABELS: [&str; 2] = [
    "data/sources/skill_labels_glossary.csv",
    "data/sources/skill_labels_common.csv",
];
/// Default location of the hand-written Estonian and Russian occupation names.
pub const DEFAULT_OCCUPATION_LABELS: &str = "data/sources/occupation_labels_et_ru.csv";
/// Default location of the ESCO ↔ Estonian occupation crosswalk.
pub const DEFAULT_EE_MAPPING: &str = "data/sources/EE_mapping_07.10.2021.csv";

/// Arguments of `oppepala import esco`.
#[derive(Debug, clap::Args)]
pub struct EscoArgs {
    /// Folder with the ESCO CSV export (skills_LANG.csv, occupations_LANG.csv,
    /// skillGroups_LANG.csv, ISCOGroups_LANG.csv and the relation files,
    /// with or without the _LANG suffix).
    #[arg(env = "OPPEPALA_ESCO_DIR")]
    pub dir: PathBuf,

    /// Languages to load, comma-separated (e.g. en,et); default: every
    /// skills_LANG.csv in DIR.
    #[arg(long, value_delimiter = ',', value_parser = parse_lang, env = "OPPEPALA_ESCO_LANG")]
    pub lang: Vec<Lang>,

    /// Where to write the taxonomy file.
    #[arg(long, default_value = "data/taxonomy.bin", env = "OPPEPALA_TAXONOMY")]
    pub out: PathBuf,

    /// Estonian labels of ESCO occupations and ISCO groups (CSV
    /// concept_uri,concept_type,labels_et) [default:
    /// data/sources/derived_esco_uri_labels_et.csv, skipped when absent].
    #[arg(long, env = "OPPEPALA_ET_LABELS")]
    pub et_labels: Option<PathBuf>,

    /// AK2008 occupations with et/en/ru names; levels 1–4 name the ISCO-08
    /// groups [default: data/sources/ak2008_occupations_et_en_ru.csv, skipped
    /// when absent].
    #[arg(long, env = "OPPEPALA_AK2008")]
    pub ak2008: Option<PathBuf>,

    /// ESCO → Estonian occupation crosswalk [default:
    /// data/sources/EE_mapping_07.10.2021.csv, skipped when absent].
    #[arg(long, env = "OPPEPALA_EE_MAPPING")]
    pub ee_mapping: Option<PathBuf>,

    /// Extra skill labels, CSV concept_uri,lang,label (hand translations of
    /// skills whose ESCO export in that language is not at hand), several
    /// comma-separated, the first one's labels preferred [default:
    /// data/sources/skill_labels_glossary.csv,data/sources/skill_labels_common.csv,
    /// each skipped when absent].
    #[arg(long, value_delimiter = ',', env = "OPPEPALA_SKILL_LABELS")]
    pub skill_labels: Vec<PathBuf>,

    /// Extra occupation labels, CSV concept_uri,lang,label (hand-written
    /// names and synonyms) [default: data/sources/occupation_labels_et_ru.csv,
    /// skipped when absent].
    #[arg(long, env = "OPPEPALA_OCCUPATION_LABELS")]
    pub occupation_labels: Option<PathBuf>,
}

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::new(value.trim())
}

/// An explicitly given file must exist; a default file is used when present.
fn source_file(
    given: Option<PathBuf>,
    default: &str,
    flag: &str,
) -> anyhow::Result<Option<PathBuf>> {
    match given {
        Some(path) if path.is_file() => Ok(Some(path)),
        Some(path) => anyhow::bail!("{flag} {}: no such file", path.display()),
        None => Ok(Some(PathBuf::from(default)).filter(|p| p.is_file())),
    }
}

/// Like [`source_file`] for a list: given files must all exist; without
/// any, the defaults that are present.
fn source_files(
    given: Vec<PathBuf>,
    defaults: &[&str],
    flag: &str,
) -> anyhow::Result<Vec<PathBuf>> {
    if given.is_empty() {
        return Ok(defaults
            .iter()
            .map(PathBuf::from)
            .filter(|p| p.is_file())
            .collect());
    }
    for path in &given {
        if !path.is_file() {
            anyhow::bail!("{flag} {}: no such file", path.display());
        }
    }
    Ok(given)
}

/// Runs `oppepala import`.
pub fn run(args: ImportArgs) -> anyhow::Result<()> {
    match args.what {
        ImportCommand::Esco(esco) => run_esco(esco),
        ImportCommand::Catalogue(args) => super::catalogue::run_catalogue(args),
        ImportCommand::Elm(args) => super::catalogue::run_elm(args),
        ImportCommand::Demand(args) => super::demand::run_import(args),
    }
}

fn run_esco(args: EscoArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let sources = EscoSources {
        esco_dir: args.dir,
        languages: args.lang,
        et_labels: source_file(args.et_labels, DEFAULT_ET_LABELS, "--et-labels")?,
        ak2008: source_file(args.ak2008, DEFAULT_AK2008, "--ak2008")?,
        ee_mapping: source_file(args.ee_mapping, DEFAULT_EE_MAPPING, "--ee-mapping")?,
        skill_labels: source_files(args.skill_labels, &DEFAULT_SKILL_LABELS, "--skill-labels")?,
        occupation_labels: source_file(
            args.occupation_labels,
            DEFAULT_OCCUPATION_LABELS,
            "--occupation-labels",
        )?,
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} files {msg}")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    });
    let file_name = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut on_event = |event: ImportEvent<'_>| match (&bar, event) {
        (Some(bar), ImportEvent::Planned { files }) => bar.set_length(files as u64),
        (Some(bar), ImportEvent::FileStarted { path }) => bar.set_message(file_name(path)),
        (Some(bar), ImportEvent::FileDone { .. }) => bar.inc(1),
        (None, ImportEvent::FileDone { path, rows }) => {
            tracing::info!(file = %path.display(), rows, "read")
        }
        (None, _) => {}
    };
    let result = import_esco(&sources, &mut on_event);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let taxonomy = result.context("cannot import ESCO")?;
    taxonomy
        .save(&args.out)
        .with_context(|| format!("cannot save the taxonomy to {}", args.out.display()))?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    tracing::info!(
        out = %args.out.display(),
        size_bytes = size,
        duration_ms = started.elapsed().as_millis() as u64,
        "taxonomy written: {}",
        taxonomy.counts()
    );
    Ok(())
}
