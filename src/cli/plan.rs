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
use crate::planner::{Gap, GapItem, Meets, Objective, OpenModule, PlanAnswer};
use crate::service::{self, plans};
use crate::text::{self, Lang};
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
        write_out(&render_answer(&answer, &args.learner.lang, Some(&data)))?;
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
    write_out(&render_gap(&gap, &args.learner.lang, &data))
}

/// Writes text to standard output; a closed pipe is an error `main` treats as done.
fn write_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// A number of hours, euros or credits as `lang` writes it (one decimal).
fn num(lang: Lang, value: f64) -> String {
    text::number(lang, value, 1)
}

/// A change as `lang` writes it, with its sign: "+48", "−170".
fn signed(lang: Lang, value: f64) -> String {
    let sign = if value < 0.0 { '−' } else { '+' };
    format!("{sign}{}", num(lang, value.abs()))
}

/// A text in `lang`, or one in another language (a label or title the
/// data have only in English) followed by that language's code: "IT user
/// support for beginners (en)".
fn marked(text: &str, text_lang: &str, lang: Lang) -> String {
    if text_lang.is_empty() || text_lang == lang.code() {
        text.to_owned()
    } else {
        format!("{text} ({text_lang})")
    }
}

/// A module rule of the goal in words, naming bites by their title in `lang`.
fn module_text(module: &OpenModule, lang: Lang, data: Option<&service::Data>) -> String {
    let title = |bite: &BiteId| -> String {
        data.and_then(|d| d.catalogue.bite(bite.as_str()))
            .and_then(|b| b.title.get_with_lang(lang.code()))
            .map_or_else(
                || bite.to_string(),
                |(t, in_lang)| format!("{} [{bite}]", marked(t, in_lang, lang)),
            )
    };
    match module {
        OpenModule::AllOf { bite } => tr!(lang, "cli-module-all-of", bite = title(bite)),
        OpenModule::NOf { n, of } => tr!(
            lang,
            "cli-module-n-of",
            n = *n,
            bites = of.iter().map(title).collect::<Vec<_>>().join(", ")
        ),
        OpenModule::MinEcts { min_ects } => {
            tr!(lang, "cli-module-min-ects", ects = num(lang, *min_ects))
        }
    }
}

/// The gap as text for people, in `lang`.
pub fn render_gap(gap: &Gap, lang: &str, data: &service::Data) -> String {
    use std::fmt::Write;
    let lang = Lang::of(lang);
    let mut out = String::new();
    if gap.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "cli-gap-none"));
        return out;
    }
    if !gap.items.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "cli-gap-heading", n = gap.items.len()));
    }
    for item in &gap.items {
        let _ = writeln!(out, "  - {}", gap_item(item, lang));
        if let Some(demand) = &item.demand {
            let _ = writeln!(
                out,
                "      {}",
                tr!(
                    lang,
                    "cli-gap-demand",
                    score = text::number(lang, demand.score, 2),
                    sentence = demand.text.as_str()
                )
            );
        } else if let Some(missing) = &item.demand_missing {
            let _ = writeln!(
                out,
                "      {}",
                tr!(
                    lang,
                    "cli-gap-demand-missing",
                    sentence = missing.text.as_str()
                )
            );
        }
    }
    if !gap.open_modules.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr!(lang, "cli-modules-heading", n = gap.open_modules.len())
        );
        for module in &gap.open_modules {
            let _ = writeln!(out, "  - {}", module_text(module, lang, Some(data)));
        }
    }
    out
}

/// A missing skill in words: its name, the level needed and the level held.
fn gap_item(item: &GapItem, lang: Lang) -> String {
    tr!(
        lang,
        "cli-gap-item",
        skill = marked(&item.label, &item.label_lang, lang),
        need = item.required_level,
        held = item.held_level
    )
}

/// The answer as text for people, in `lang` (the language it was asked in).
pub fn render_answer(answer: &PlanAnswer, lang: &str, data: Option<&service::Data>) -> String {
    use std::fmt::Write;
    let lang = Lang::of(lang);
    let mut out = String::new();
    if answer.gap.is_empty() && answer.open_modules.is_empty() {
        let _ = writeln!(out, "{}", tr!(lang, "cli-gap-none"));
    } else if !answer.gap.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr!(lang, "cli-gap-heading", n = answer.gap.len())
        );
        for item in &answer.gap {
            let _ = writeln!(out, "  - {}", gap_item(item, lang));
        }
    }
    if !answer.open_modules.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr!(lang, "cli-modules-heading", n = answer.open_modules.len())
        );
        for module in &answer.open_modules {
            let _ = writeln!(out, "  - {}", module_text(module, lang, data));
        }
    }
    for item in &answer.uncoverable {
        let what = match &item.skill {
            Some(skill) => answer.gap.iter().find(|g| &g.skill == skill).map_or_else(
                || skill.to_string(),
                |g| marked(&g.label, &g.label_lang, lang),
            ),
            None => tr!(lang, "cli-uncoverable-module"),
        };
        let _ = writeln!(
            out,
            "{}",
            tr!(lang, "cli-uncoverable", what = what, reason = &item.reason)
        );
        for unlock in &item.unlocks {
            let _ = writeln!(
                out,
                "    {}",
                tr!(
                    lang,
                    "cli-unlock",
                    change = unlock.text.as_str(),
                    n = unlock.adds_items,
                    hours = signed(lang, unlock.adds_hours),
                    cost = signed(lang, unlock.adds_cost_eur)
                )
            );
        }
    }
    let _ = writeln!(out, "\n{}", answer.summary);
    for item in &answer.left {
        let what = match &item.skill {
            Some(skill) => answer.gap.iter().find(|g| &g.skill == skill).map_or_else(
                || skill.to_string(),
                |g| marked(&g.label, &g.label_lang, lang),
            ),
            None => item
                .module
                .as_ref()
                .map_or_else(String::new, |m| module_text(m, lang, data)),
        };
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
        let label = if path.optimal {
            format!("{} {}", path.label, tr!(lang, "cli-path-optimal"))
        } else {
            path.label.clone()
        };
        let _ = writeln!(
            out,
            "\n{}",
            tr!(
                lang,
                "cli-path",
                n = n + 1,
                label = label,
                hours = num(lang, path.total_hours),
                cost = num(lang, path.total_cost_eur),
                ects = num(lang, path.total_ects),
                finish = path.finish.to_string(),
                weeks = path.total_weeks
            )
        );
        let _ = writeln!(out, "  {}", meets_line(lang, &path.meets));
        for (i, step) in path.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}\n     {}",
                tr!(
                    lang,
                    "cli-step",
                    i = i + 1,
                    start = step.start.to_string(),
                    end = step.end.to_string(),
                    title = marked(&step.title, &step.title_lang, lang),
                    bite = step.bite.to_string(),
                    hours = num(lang, step.hours),
                    cost = num(lang, step.cost_eur)
                ),
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

/// What a path meets, naming only the kinds of item there are (no "0 of 0
/// missing skills").
fn meets_line(lang: Lang, meets: &Meets) -> String {
    let (skills, skills_of) = (meets.skills.met, meets.skills.of);
    let (modules, modules_of) = (meets.modules.met, meets.modules.of);
    match (skills_of, modules_of) {
        (0, m) if m > 0 => tr!(
            lang,
            "cli-plan-meets-modules",
            modules = modules,
            modules_of = modules_of
        ),
        (_, 0) => tr!(
            lang,
            "cli-plan-meets-skills",
            skills = skills,
            skills_of = skills_of
        ),
        _ => tr!(
            lang,
            "cli-plan-meets",
            skills = skills,
            skills_of = skills_of,
            modules = modules,
            modules_of = modules_of
        ),
    }
}
