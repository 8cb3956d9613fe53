//! `oppepala index …`, `oppepala search` and `oppepala skills`: build and
//! move index generations, and search bites and skills on the command line.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use super::folders::Folders;
use crate::index::LabelKind;
use crate::index::{self, BuildProgress, IndexDir, SearchRequest};
use crate::service;
use crate::text::{self, Lang};
use oppepala_core::tr;

/// `index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(subcommand)]
    pub what: IndexCommand,
}

/// What to do with the index.
#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Build a new generation from the data folder and switch to it atomically.
    Build(Folders),
    /// Write the current generation to one archive with checksums (for replicas).
    Export {
        /// The archive to write.
        file: PathBuf,
        #[command(flatten)]
        folders: Folders,
    },
    /// Check an exported archive and make it the current generation.
    Import {
        /// The archive to read.
        file: PathBuf,
        #[command(flatten)]
        folders: Folders,
    },
    /// List the generations and which one is current.
    List(Folders),
    /// Make an older complete generation current again (rollback).
    Switch {
        /// The generation number.
        generation: u64,
        #[command(flatten)]
        folders: Folders,
    },
}

/// Runs `index`.
pub fn run(args: IndexArgs) -> anyhow::Result<()> {
    match args.what {
        IndexCommand::Build(folders) => {
            let paths = folders.resolve()?;
            let (taxonomy, catalogue) = service::load_data(&paths.data_dir)?;
            let bar = progress_bar();
            let report = service::build_index(&paths.index_dir, &catalogue, &taxonomy, |event| {
                show(&bar, event);
                ControlFlow::Continue(())
            })?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            out!(
                "generation {} is current: {} bites and {} skill labels indexed in {:.1} s",
                report.generation,
                report.manifest.n_bites,
                report.manifest.n_skill_labels,
                report.elapsed.as_secs_f64()
            );
            IndexDir::new(&paths.index_dir).clean()?;
        }
        IndexCommand::Export { file, folders } => {
            let paths = folders.resolve()?;
            let manifest = index::export(&paths.index_dir, &file)
                .with_context(|| format!("cannot export to {}", file.display()))?;
            out!(
                "exported generation {} ({} bites) to {}",
                manifest.generation,
                manifest.n_bites,
                file.display()
            );
        }
        IndexCommand::Import { file, folders } => {
            let paths = folders.resolve()?;
            let report = index::import(&paths.index_dir, &file)
                .with_context(|| format!("cannot import {}", file.display()))?;
            out!(
                "imported {} as generation {} ({} bites); it is current",
                file.display(),
                report.generation,
                report.manifest.n_bites
            );
        }
        IndexCommand::List(folders) => {
            let paths = folders.resolve()?;
            let dir = IndexDir::new(&paths.index_dir);
            let current = dir.current()?.map(|g| g.number);
            for generation in dir.generations()? {
                out!(
                    "{}{:>6}  {}",
                    if Some(generation.number) == current {
                        "*"
                    } else {
                        " "
                    },
                    generation.number,
                    if generation.is_complete() {
                        "complete"
                    } else {
                        "incomplete"
                    }
                );
            }
        }
        IndexCommand::Switch {
            generation,
            folders,
        } => {
            let paths = folders.resolve()?;
            IndexDir::new(&paths.index_dir).switch_to(generation)?;
            out!("generation {generation} is current");
        }
    }
    Ok(())
}

fn progress_bar() -> Option<ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len}")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        bar
    })
}

fn show(bar: &Option<ProgressBar>, event: &BuildProgress) {
    // The two counted stages, by name, with how far they are.
    let counted = match event {
        BuildProgress::Bites { done, total } => Some(("bites", *done, *total)),
        BuildProgress::SkillLabels { done, total } => Some(("skill labels", *done, *total)),
        _ => None,
    };
    match (bar, counted) {
        (Some(bar), Some((stage, done, total))) => {
            bar.set_message(stage);
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
        (Some(bar), None) => bar.set_message(format!("{event:?}")),
        (None, Some((stage, done, total))) if done == total => {
            tracing::info!(count = total, "{stage} indexed");
        }
        (None, _) => {
            if let BuildProgress::Switching { generation } = event {
                tracing::info!(index.generation = generation, "switching");
            }
        }
    }
}

/// `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Free text in Estonian, Russian or English (may be empty).
    #[arg(default_value = "")]
    pub q: String,
    /// Your language: matches in it rank higher.
    #[arg(long)]
    pub lang: Option<String>,
    /// Only bites giving this ESCO skill (or a narrower one); repeatable.
    #[arg(long)]
    pub skill: Vec<String>,
    /// Teaching language, repeatable (et, ru, en).
    #[arg(long = "language")]
    pub languages: Vec<String>,
    /// Mode, repeatable (online, onsite, blended).
    #[arg(long = "mode")]
    pub modes: Vec<String>,
    /// County (ISO 3166-2, e.g. EE-37), repeatable.
    #[arg(long = "county")]
    pub counties: Vec<String>,
    /// Funding tag, repeatable (free, unemployed, training-credit).
    #[arg(long)]
    pub funding: Vec<String>,
    /// Field, repeatable (retail, care, …).
    #[arg(long = "field")]
    pub fields: Vec<String>,
    /// Lowest EQF level.
    #[arg(long)]
    pub eqf_min: Option<u8>,
    /// Highest EQF level.
    #[arg(long)]
    pub eqf_max: Option<u8>,
    /// Most hours.
    #[arg(long)]
    pub max_hours: Option<f64>,
    /// Highest cost in EUR.
    #[arg(long)]
    pub max_cost: Option<f64>,
    /// relevance, start or hours.
    #[arg(long)]
    pub sort: Option<String>,
    /// Page, from 1.
    #[arg(long)]
    pub page: Option<usize>,
    /// Hits per page.
    #[arg(long)]
    pub per_page: Option<usize>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub folders: Folders,
}

/// Runs `search`.
pub fn run_search(args: SearchArgs) -> anyhow::Result<()> {
    let served = service::load(&args.folders.resolve()?)?;
    let (q, truncated) = index::truncate_query(&args.q);
    if truncated {
        eprintln!(
            "{}",
            tr!(
                Lang::of(args.lang.as_deref().unwrap_or("et")),
                "cli-query-cut",
                n = index::MAX_QUERY_CHARS
            )
        );
    }
    let request = SearchRequest {
        q,
        lang: args.lang.clone(),
        skills: args.skill,
        languages: args.languages,
        modes: args.modes,
        counties: args.counties,
        funding: args.funding,
        fields: args.fields,
        eqf_min: args.eqf_min,
        eqf_max: args.eqf_max,
        max_hours: args.max_hours,
        max_cost: args.max_cost,
        sort: args.sort,
        page: args.page,
        per_page: args.per_page,
        ..SearchRequest::default()
    };
    let page = service::search::search(&served, &request)?;
    if args.json {
        out!(
            "{}",
            String::from_utf8_lossy(&service::plans::to_json(&page))
        );
        return Ok(());
    }
    let code = args.lang.as_deref().unwrap_or("et");
    let lang = Lang::of(code);
    out!(
        "{}",
        tr!(lang, "cli-search-heading", n = page.total, page = page.page)
    );
    if page.relaxed {
        out!("({})", tr!(lang, "cli-search-relaxed"));
    }
    for hit in &page.hits {
        // The words in the language of this listing (the service's answer
        // has them in the asked language, English when none is asked).
        let bite = &hit.bite.bite;
        let texts = crate::service::texts::BiteTexts::of(bite, lang);
        out!(
            "  {:<16} {} — {} {}, {} {}, {}, {}{}",
            bite.id,
            bite.title
                .get_with_lang(code)
                .map(|(title, in_lang)| if in_lang == code {
                    title.to_owned()
                } else {
                    format!("{title} ({in_lang})")
                })
                .unwrap_or_default(),
            text::number(lang, bite.hours, 1),
            tr!(lang, "cli-unit-hours-short"),
            text::number(lang, bite.cost_eur, 2),
            tr!(lang, "cli-unit-euro-short"),
            texts.mode_text,
            texts.languages_text.join(", "),
            bite.region
                .as_ref()
                .map(|r| format!(", {}", crate::domain::county::region_name(Some(r), code)))
                .unwrap_or_default()
        );
    }
    Ok(())
}

/// `skills`.
#[derive(Debug, Args)]
pub struct SkillsArgs {
    /// Free text, e.g. "kassatöö", "Excel", "уход за пожилыми".
    pub q: String,
    /// Your language: labels in it rank higher.
    #[arg(long)]
    pub lang: Option<String>,
    /// How many skills.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub folders: Folders,
}

/// Runs `skills`.
pub fn run_skills(args: SkillsArgs) -> anyhow::Result<()> {
    let served = service::load(&args.folders.resolve()?)?;
    let (q, truncated) = index::truncate_query(&args.q);
    if truncated {
        eprintln!(
            "{}",
            tr!(
                Lang::of(args.lang.as_deref().unwrap_or("et")),
                "cli-query-cut",
                n = index::MAX_QUERY_CHARS
            )
        );
    }
    let hits = service::search::lookup_skills(&served, &q, args.lang.as_deref(), args.limit)
        .map_err(super::flag_error)?;
    if args.json {
        out!("{}", serde_json::to_string_pretty(&hits)?);
        return Ok(());
    }
    let lang = Lang::of(args.lang.as_deref().unwrap_or("et"));
    for hit in &hits {
        let kind = match hit.kind {
            LabelKind::Preferred => tr!(lang, "cli-label-kind-preferred"),
            LabelKind::Alt => tr!(lang, "cli-label-kind-alt"),
            LabelKind::Hidden => tr!(lang, "cli-label-kind-hidden"),
        };
        // The label's language code marks a label that is not in the
        // asked language (an ESCO skill with only an English name).
        out!("  {}  {} ({}, {kind})", hit.uri, hit.label, hit.lang);
    }
    if hits.is_empty() {
        out!("{}", tr!(lang, "cli-skills-none", q = &args.q));
    }
    Ok(())
}
