//! `oppepala plan` and `oppepala gap`: a learner's gap to a target and the
//! best learning paths, on the command line.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::catalogue::{self, Catalogue};
use crate::domain::{Competence, Learner, OccupationUri, QualificationId, Target, from_json_str};
use crate::goal;
use crate::planner::{self, Objective, PlanAnswer, PlanOptions};
use crate::taxonomy::Taxonomy;

/// Where the data comes from and who the learner is.
#[derive(Debug, Args)]
pub struct LearnerArgs {
    /// The catalogue folder (bites.jsonl, qualifications.jsonl).
    #[arg(long, env = "OPPEPALA_CATALOGUE", default_value = "data")]
    pub catalogue: PathBuf,
    /// The taxonomy file.
    #[arg(long, env = "OPPEPALA_TAXONOMY", default_value = "data/taxonomy.bin")]
    pub taxonomy: PathBuf,
    /// The learner profile (JSON, DESIGN.md §5), e.g. data/examples/ru-care-worker.json.
    #[arg(long)]
    pub learner: PathBuf,
    /// The target: qualification:ID, occupation:URI or skills:FILE (a JSON list of competences).
    #[arg(long)]
    pub target: String,
    /// Language of labels, titles and explanations (et, ru, en).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Print the JSON answer instead of text.
    #[arg(long)]
    pub json: bool,
}

/// What to minimise.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ObjectiveArg {
    /// Fewest hours of study.
    Hours,
    /// Lowest cost after funding.
    Cost,
    /// Earliest finish.
    Weeks,
}

/// `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub learner: LearnerArgs,
    /// The models folder (the demand forecast); demand signals are read
    /// from <CATALOGUE>/demand/signals.json.
    #[arg(long, default_value = "models")]
    pub models_dir: PathBuf,
    /// What "shortest" means.
    #[arg(long, value_enum, default_value = "hours")]
    pub objective: ObjectiveArg,
    /// How many paths.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=10))]
    pub k: u16,
    /// Planning day (YYYY-MM-DD); sessions before it are over. Default: today.
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Time budget of the exact search, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub budget_ms: u64,
}

/// `gap`.
#[derive(Debug, Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub learner: LearnerArgs,
    /// The models folder (the demand forecast); demand signals are read
    /// from <CATALOGUE>/demand/signals.json.
    #[arg(long, default_value = "models")]
    pub models_dir: PathBuf,
}

struct Loaded {
    taxonomy: Taxonomy,
    catalogue: Catalogue,
    learner: Learner,
    target: Target,
}

fn load(args: &LearnerArgs) -> anyhow::Result<Loaded> {
    let taxonomy = Taxonomy::load(&args.taxonomy)
        .with_context(|| format!("cannot load the taxonomy {}", args.taxonomy.display()))?;
    let (catalogue, _) =
        catalogue::load_dir(&args.catalogue, &|uri| taxonomy.contains_skill(uri), false)
            .with_context(|| format!("cannot load the catalogue {}", args.catalogue.display()))?;
    let learner: Learner = read_json(&args.learner)?;
    let target = parse_target(&args.target)?;
    goal::check_learner(&learner, &taxonomy)
        .with_context(|| format!("learner profile {}", args.learner.display()))?;
    crate::domain::Lang::new(args.lang.clone()).map_err(|e| anyhow::anyhow!("--lang: {e}"))?;
    Ok(Loaded {
        taxonomy,
        catalogue,
        learner,
        target,
    })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    from_json_str(&text).with_context(|| format!("{}", path.display()))
}

fn parse_target(text: &str) -> anyhow::Result<Target> {
    let Some((kind, value)) = text.split_once(':') else {
        bail!("--target must be qualification:ID, occupation:URI or skills:FILE, got {text:?}");
    };
    Ok(match kind {
        "qualification" => Target::Qualification(
            QualificationId::new(value).map_err(|e| anyhow::anyhow!("--target: {e}"))?,
        ),
        "occupation" => Target::Occupation(
            OccupationUri::new(value).map_err(|e| anyhow::anyhow!("--target: {e}"))?,
        ),
        "skills" => Target::Skills(read_json::<Vec<Competence>>(Path::new(value))?),
        other => bail!("--target kind {other:?} is not qualification, occupation or skills"),
    })
}

/// Runs `plan`.
pub fn run_plan(args: PlanArgs) -> anyhow::Result<()> {
    let loaded = load(&args.learner)?;
    let goal = goal::resolve(&loaded.target, &loaded.catalogue, &loaded.taxonomy)?;
    let options = PlanOptions {
        objective: match args.objective {
            ObjectiveArg::Hours => Objective::Hours,
            ObjectiveArg::Cost => Objective::Cost,
            ObjectiveArg::Weeks => Objective::Weeks,
        },
        k: usize::from(args.k),
        time_budget: Duration::from_millis(args.budget_ms),
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        lang: args.learner.lang.clone(),
    };
    let mut answer = planner::plan(
        &goal,
        loaded.catalogue.bites(),
        &loaded.learner,
        &loaded.taxonomy,
        &options,
    )?;
    let demand =
        crate::demand::Demand::load(&args.learner.catalogue, &args.models_dir, &loaded.taxonomy)
            .context("cannot load the demand signals")?;
    demand.annotate_answer(
        &mut answer,
        loaded.learner.region.as_ref(),
        &args.learner.lang,
    );
    if args.learner.json {
        out!("{}", serde_json::to_string_pretty(&answer)?);
    } else {
        print!("{}", render_answer(&answer));
    }
    Ok(())
}

/// Runs `gap`.
pub fn run_gap(args: GapArgs) -> anyhow::Result<()> {
    let loaded = load(&args.learner)?;
    let goal = goal::resolve(&loaded.target, &loaded.catalogue, &loaded.taxonomy)?;
    let mut gap = planner::gap_in(&goal, &loaded.learner, &loaded.taxonomy, &args.learner.lang);
    let demand =
        crate::demand::Demand::load(&args.learner.catalogue, &args.models_dir, &loaded.taxonomy)
            .context("cannot load the demand signals")?;
    demand.annotate_gap(&mut gap.items, loaded.learner.region.as_ref());
    if args.learner.json {
        out!("{}", serde_json::to_string_pretty(&gap)?);
        return Ok(());
    }
    if gap.is_empty() {
        out!("Nothing is missing: the learner meets every requirement.");
        return Ok(());
    }
    out!("Missing ({} skill(s)):", gap.items.len());
    for item in &gap.items {
        out!(
            "  - {} — needs level {}, holds {}",
            item.label,
            item.required_level,
            item.held_level
        );
        if let Some(demand) = &item.demand {
            out!(
                "      demand {:.2}: {}",
                demand.score,
                crate::demand::sentence(demand, "en")
            );
        }
    }
    if !gap.open_modules.is_empty() {
        out!("Module rules still open: {}", gap.open_modules.len());
        for module in &gap.open_modules {
            out!("  - {}", serde_json::to_string(module)?);
        }
    }
    Ok(())
}

/// The answer as text for people.
pub fn render_answer(answer: &PlanAnswer) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if answer.gap.is_empty() && answer.open_modules.is_empty() {
        let _ = writeln!(
            out,
            "Nothing is missing: the learner meets every requirement."
        );
    } else {
        let _ = writeln!(out, "Missing ({} skill(s)):", answer.gap.len());
        for item in &answer.gap {
            let _ = writeln!(
                out,
                "  - {} — needs level {}, holds {}",
                item.label, item.required_level, item.held_level
            );
        }
    }
    for item in &answer.uncoverable {
        let what = item
            .skill
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_else(|| "a module rule".into());
        let _ = writeln!(out, "Cannot be covered: {what} — {}", item.reason);
    }
    for (n, path) in answer.paths.iter().enumerate() {
        let _ = writeln!(
            out,
            "\nPath {} — {}{}: {} h, {} EUR, {:.1} ECTS, finish {} ({} weeks)",
            n + 1,
            path.label,
            if path.optimal {
                " (proven optimal)"
            } else {
                ""
            },
            path.total_hours,
            path.total_cost_eur,
            path.total_ects,
            path.finish,
            path.total_weeks
        );
        for (i, step) in path.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {} → {}  {}  [{}] {} h, {} EUR\n     {}",
                i + 1,
                step.start,
                step.end,
                step.title,
                step.bite,
                step.hours,
                step.cost_eur,
                step.why
            );
        }
        let _ = writeln!(out, "  {}", path.explanation);
    }
    out
}
