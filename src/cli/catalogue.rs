//! `oppepala import catalogue` and `oppepala import elm`: bring bites and
//! micro-qualifications into a catalogue folder, validated against the
//! taxonomy; by default all or nothing. With `--tag-outcomes`, outcome
//! texts are tagged with ESCO skills first ([`crate::tagging`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;

use crate::catalogue::{self, Catalogue, CatalogueError, Problem, Sourced};
use crate::domain::{Bite, EqfLevel, Qualification, Region};
use crate::index::SkillIndex;
use crate::taxonomy::Taxonomy;
use crate::{service, tagging};

/// Options every catalogue import shares.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The catalogue folder to import into (bites.jsonl, qualifications.jsonl).
    #[arg(long, env = "OPPEPALA_CATALOGUE", default_value = "data")]
    pub catalogue: PathBuf,
    /// The taxonomy file that skill URIs are checked against.
    #[arg(long, env = "OPPEPALA_TAXONOMY", default_value = "data/taxonomy.bin")]
    pub taxonomy: PathBuf,
    /// Keep the valid rows and list the others, instead of refusing the whole import.
    #[arg(long, env = "OPPEPALA_LENIENT")]
    pub lenient: bool,
    /// Check and report only; change nothing on disk.
    #[arg(long)]
    pub dry_run: bool,
    /// Give bites without ESCO outcomes the skills their outcome texts name
    /// (best skill-label match, level 1); bites left without any still fail.
    #[arg(long)]
    pub tag_outcomes: bool,
}

/// `import catalogue FILE`.
#[derive(Debug, Args)]
pub struct CatalogueArgs {
    /// A catalogue CSV (one bite per row, columns in README), a bites JSON
    /// Lines file, or a catalogue folder with bites.jsonl and qualifications.jsonl.
    pub file: PathBuf,
    #[command(flatten)]
    pub target: TargetArgs,
}

/// `import elm FILE…`.
#[derive(Debug, Args)]
pub struct ElmArgs {
    /// ELM v3 JSON-LD credentials or learning opportunities, or Open Badges 3.0 JSON.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Prefix for ids made from the documents' ids.
    #[arg(long, default_value = "elm:")]
    pub id_prefix: String,
    /// EQF level for specifications that give none.
    #[arg(long)]
    pub eqf: Option<i64>,
    /// County (ISO 3166-2, e.g. EE-37) for onsite or blended offers without one.
    #[arg(long)]
    pub region: Option<String>,
    #[command(flatten)]
    pub target: TargetArgs,
}

/// Runs `import catalogue`.
pub fn run_catalogue(args: CatalogueArgs) -> anyhow::Result<()> {
    let name = args.file.display().to_string();
    let (bites, qualifications, problems) = if args.file.is_dir() {
        let bites_path = args.file.join(catalogue::BITES_FILE);
        let qualifications_path = args.file.join(catalogue::QUALIFICATIONS_FILE);
        let (bites, mut problems) =
            catalogue::parse_jsonl::<Bite>(&bites_path.display().to_string(), &read(&bites_path)?);
        let (qualifications, more) = if qualifications_path.exists() {
            catalogue::parse_jsonl::<Qualification>(
                &qualifications_path.display().to_string(),
                &read(&qualifications_path)?,
            )
        } else {
            (vec![], vec![])
        };
        problems.extend(more);
        (bites, qualifications, problems)
    } else {
        let text = read(&args.file)?;
        match args.file.extension().and_then(|e| e.to_str()) {
            Some("csv") => {
                let (bites, problems) = catalogue::csv_import::parse_csv(&name, &text);
                (bites, vec![], problems)
            }
            Some("jsonl" | "json" | "ndjson") => {
                let (bites, problems) = catalogue::parse_jsonl::<Bite>(&name, &text);
                (bites, vec![], problems)
            }
            _ => bail!("{name}: expected a .csv or .jsonl file, or a catalogue folder"),
        }
    };
    merge_and_write(&args.target, bites, qualifications, problems, &[])
}

/// Runs `import elm`.
pub fn run_elm(args: ElmArgs) -> anyhow::Result<()> {
    let options = catalogue::elm::ElmOptions {
        id_prefix: args.id_prefix.clone(),
        default_eqf: args
            .eqf
            .map(EqfLevel::new)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--eqf: {e}"))?,
        default_region: args
            .region
            .clone()
            .map(Region::new)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--region: {e}"))?,
    };
    let mut bites = Vec::new();
    let mut qualifications = Vec::new();
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for file in &args.files {
        let out = catalogue::elm::map_document(&file.display().to_string(), &read(file)?, &options);
        bites.extend(out.bites);
        qualifications.extend(out.qualifications);
        problems.extend(out.problems);
        notes.extend(out.notes);
    }
    merge_and_write(&args.target, bites, qualifications, problems, &notes)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Validates the new rows together with the catalogue they go into, and
/// writes the result only if it is valid (or `--lenient`).
fn merge_and_write(
    target: &TargetArgs,
    mut bites: Vec<Sourced<Bite>>,
    qualifications: Vec<Sourced<Qualification>>,
    mut problems: Vec<Problem>,
    notes: &[String],
) -> anyhow::Result<()> {
    for note in notes {
        eprintln!("note: {note}");
    }
    let taxonomy = Taxonomy::load(&target.taxonomy)
        .with_context(|| format!("cannot load the taxonomy {}", target.taxonomy.display()))?;
    if target.tag_outcomes {
        let skills = SkillIndex::create_in_ram(service::skill_labels(&taxonomy))
            .context("cannot index the taxonomy's skill labels")?;
        let report = tagging::tag_outcomes(&mut bites, &skills, &taxonomy)?;
        for tagged in &report.tagged {
            eprintln!("tagged: {tagged}");
        }
        for untagged in &report.untagged {
            eprintln!("untagged: {untagged}");
        }
        problems.extend(report.problems);
        if target.lenient {
            let bad: HashSet<usize> = report.bad_bites.into_iter().collect();
            bites = bites
                .into_iter()
                .enumerate()
                .filter(|(i, _)| !bad.contains(i))
                .map(|(_, b)| b)
                .collect();
        }
    }
    let known = |uri: &str| taxonomy.contains_skill(uri);
    let existing = if target.catalogue.join(catalogue::BITES_FILE).exists() {
        catalogue::load_dir(&target.catalogue, &known, false)
            .map(|(c, _)| c)
            .with_context(|| {
                format!(
                    "the catalogue {} is invalid already; fix it first",
                    target.catalogue.display()
                )
            })?
    } else {
        Catalogue::default()
    };
    // Check the new rows on their own first, so problems name their lines.
    let report = catalogue::validate(&bites, &qualifications, &known);
    problems.extend(report.problems);
    if !problems.is_empty() && !target.lenient {
        return Err(CatalogueError::Invalid { problems }.into());
    }
    let good_bites: Vec<Bite> = bites
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !report.bad_bites.contains(i))
        .map(|(_, b)| b.value)
        .collect();
    let good_qualifications: Vec<Qualification> = qualifications
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !report.bad_qualifications.contains(i))
        .map(|(_, q)| q.value)
        .collect();
    let (merged, added, replaced) = existing.upsert(good_bites, good_qualifications);
    // Then the merged catalogue as a whole (a new qualification may name an
    // existing bite, a replaced bite may break an existing qualification).
    let dir = target.catalogue.display().to_string();
    let (all_bites, all_qualifications) = merged.sourced(&dir);
    let (merged, more) = Catalogue::build(all_bites, all_qualifications, &known, target.lenient)?;
    problems.extend(more);
    for problem in &problems {
        eprintln!("skipped: {problem}");
    }
    if target.dry_run {
        out!(
            "dry run: {added} new and {replaced} replaced row(s) would give {} bites and {} qualifications; nothing written",
            merged.bites().len(),
            merged.qualifications().len()
        );
        return Ok(());
    }
    catalogue::write_dir(&target.catalogue, &merged)?;
    out!(
        "{added} new and {replaced} replaced row(s); {} now has {} bites and {} qualifications{}",
        target.catalogue.display(),
        merged.bites().len(),
        merged.qualifications().len(),
        if problems.is_empty() {
            String::new()
        } else {
            format!("; {} problem(s) skipped", problems.len())
        }
    );
    Ok(())
}
