//! `oppepala plan` and `oppepala gap`: a learner's gap to a target and the
//! best learning paths, on the command line.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::folders::Folders;
use crate::domain::{
    BiteId, Competence, Learner, OccupationUri, QualificationId, Target, from_json_str,
};
use crate::planner::{Objective, PlanAnswer};
use crate::service::{self, plans};
use crate::text::Lang;
use oppepala_core::tr;

/// Where the data comes from and who the learner is.
#[derive(Debug, Args)]
pub struct LearnerArgs {
    #[command(flatten)]
    pub folders: Folders,
    /// The learner profile (JSON, DESIGN.md §5), e.g. data/examples/ru-care-worker.json.
    #[arg(long)]
    pub learner: PathBuf,
    /// The target: qualification:ID, occupation:URI or skills:FILE (a JSON list of competences).
    #[arg(long)]
    pub target: String,
    /// Language of labels, titles and explanations (et, ru, en).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Print the JSON answer (the same bytes as the HTTP API's) instead of text.
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
    /// What "shortest" means.
    #[arg(long, value_enum, default_value = "hours")]
    pub objective: ObjectiveArg,
    /// How many paths.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=10))]
    pub k: u16,
    /// Planning day (YYYY-MM-DD); sessions before it are over. Default: today.
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Time budget of the exact search, in milliseconds [default: the
    /// configuration's planner_budget_ms, as the server plans].
    #[arg(long)]
    pub budget_ms: Option<u64>,
    /// Instead of the paths, say why this bite (an id) is not in the best
    /// path (the same answer as POST /v1/paths/why-not).
    #[arg(long, value_name = "BITE")]
    pub why_not: Option<String>,
}

/// `gap`.
#[derive(Debug, Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub learner: LearnerArgs,
    /// Planning day (YYYY-MM-DD) the demand figures are dated against. Default: today.
    #[arg(long)]
    pub today: Option<NaiveDate>,
}

/// The learner profile and the target named on the command line.
fn read_learner(args: &LearnerArgs) -> anyhow::Result<(Learner, Target)> {
    let learner: Learner = read_json(&args.learner)?;
    let target = parse_target(&args.target)?;
    Ok((learner, target))
}

/// A use case's error, naming the flag or file a person gave.
fn explain(error: service::ServiceError, args: &LearnerArgs) -> anyhow::Error {
    match error {
        service::ServiceError::Goal(error) => anyhow::Error::new(error).context(format!(
            "learner profile {} or --target {}",
            args.learner.display(),
            args.target
        )),
        error => super::flag_error(error),
    }
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

/// Runs `plan`: an adapter of `service::plans::paths`.
pub fn run_plan(args: PlanArgs) -> anyhow::Result<()> {
    let mut config = args.learner.folders.resolve()?;
    if let Some(budget_ms) = args.budget_ms {
        config.planner_budget_ms = budget_ms;
    }
    let (learner, target) = read_learner(&args.learner)?;
    let objective = match args.objective {
        ObjectiveArg::Hours => Objective::Hours,
        ObjectiveArg::Cost => Objective::Cost,
        ObjectiveArg::Weeks => Objective::Weeks,
    };
    if let Some(bite) = &args.why_not {
        let request = plans::WhyNotRequest {
            learner,
            target,
            bite: BiteId::new(bite.as_str()).map_err(|e| anyhow::anyhow!("--why-not: {e}"))?,
            objective: Some(objective),
            lang: Some(args.learner.lang.clone()),
            today: args.today,
        };
        let query =
            plans::check_why_not(request, &config).map_err(|e| explain(e, &args.learner))?;
        let data = service::load_without_index(&config)?;
        let answer = plans::why_not(&data, &query).map_err(|e| explain(e, &args.learner))?;
        if args.learner.json {
            out!("{}", String::from_utf8_lossy(&plans::to_json(&answer)));
        } else {
            out!("{}", answer.text);
        }
        return Ok(());
    }
    let request = plans::PathsRequest {
        learner,
        target,
        objective: Some(objective),
        k: Some(usize::from(args.k)),
        lang: Some(args.learner.lang.clone()),
        today: args.today,
    };
    let query = plans::check_paths(request, &config).map_err(|e| explain(e, &args.learner))?;
    let data = service::load_without_index(&config)?;
    let answer = plans::paths(&data, &query).map_err(|e| explain(e, &args.learner))?;
    if args.learner.json {
        out!("{}", String::from_utf8_lossy(&plans::to_json(&answer)));
    } else {
        print!("{}", render_answer(&answer, &args.learner.lang));
    }
    Ok(())
}

/// Runs `gap`: an adapter of `service::plans::gap`.
pub fn run_gap(args: GapArgs) -> anyhow::Result<()> {
    let config = args.learner.folders.resolve()?;
    let (learner, target) = read_learner(&args.learner)?;
    let request = plans::GapRequest {
        learner,
        target,
        lang: Some(args.learner.lang.clone()),
        today: args.today,
    };
    let query = plans::check_gap(request).map_err(|e| explain(e, &args.learner))?;
    let data = service::load_without_index(&config)?;
    let gap = plans::gap(&data, &query).map_err(|e| explain(e, &args.learner))?;
    if args.learner.json {
        out!("{}", String::from_utf8_lossy(&plans::to_json(&gap)));
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
            out!("      demand {:.2}: {}", demand.score, demand.text);
        } else if let Some(missing) = &item.demand_missing {
            out!("      demand: {}", missing.text);
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

/// The answer as text for people; the planner's sentences (summary,
/// labels, reasons, notes) are in `lang`.
pub fn render_answer(answer: &PlanAnswer, lang: &str) -> String {
    use std::fmt::Write;
    let lang = Lang::of(lang);
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
            .map(|skill| {
                answer
                    .gap
                    .iter()
                    .find(|g| &g.skill == skill)
                    .map_or_else(|| skill.to_string(), |g| g.label.clone())
            })
            .unwrap_or_else(|| "a module rule".into());
        let _ = writeln!(out, "Cannot be covered: {what} — {}", item.reason);
        for unlock in &item.unlocks {
            let _ = writeln!(
                out,
                "    would work: {} (+{} skill(s) met, {:+} h, {:+} EUR)",
                unlock.text, unlock.adds_items, unlock.adds_hours, unlock.adds_cost_eur
            );
        }
    }
    let _ = writeln!(out, "\n{}", answer.summary);
    let label = |skill: Option<&crate::domain::SkillUri>| {
        skill
            .and_then(|s| answer.gap.iter().find(|g| &g.skill == s))
            .map(|g| g.label.clone())
    };
    for item in &answer.left {
        let what = label(item.skill.as_ref())
            .or_else(|| {
                item.module
                    .as_ref()
                    .and_then(|m| serde_json::to_string(m).ok())
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}",
            tr!(
                lang,
                "cli-plan-left",
                item = what,
                reason = item.reason.as_str()
            )
        );
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
        let _ = writeln!(
            out,
            "  {}",
            tr!(
                lang,
                "cli-plan-meets",
                skills = path.meets.skills.met,
                skills_of = path.meets.skills.of,
                modules = path.meets.modules.met,
                modules_of = path.meets.modules.of
            )
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
            if let Some(note) = &step.calendar_note {
                let _ = writeln!(
                    out,
                    "     {}",
                    tr!(lang, "cli-plan-note", note = note.as_str())
                );
            }
        }
        let _ = writeln!(out, "  {}", path.explanation);
    }
    out
}
