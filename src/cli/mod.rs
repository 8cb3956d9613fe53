//! The command line: one binary, `oppepala`, with a subcommand per job.
//!
//! Each subcommand lives in its own file with a clap `Args` struct and a
//! `run` function; this file only lists them. Commands may use `anyhow`;
//! library modules may not.

/// `println!` that returns an error instead of panicking when stdout is
/// closed (`oppepala search … | head`); `main` treats a broken pipe as done.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)?
    }};
}

pub mod allocate;
pub mod catalogue;
pub mod demand;
pub mod folders;
pub mod import;
pub mod index;
pub mod plan;
pub mod recommend;
pub mod serve;
pub mod train;

use clap::{Parser, Subcommand};

/// A use case's error as the command line says it: a request field is
/// the flag that set it (`k` → `--k`, `max_hours` → `--max-hours`).
pub(crate) fn flag_error(error: crate::service::ServiceError) -> anyhow::Error {
    match error {
        crate::service::ServiceError::Field { field, message } => {
            anyhow::anyhow!("--{}: {message}", field.replace('_', "-"))
        }
        other => other.into(),
    }
}

/// õppepala — the shortest sensible path to a micro-qualification.
#[derive(Debug, Parser)]
#[command(name = "oppepala", version, about, long_about = None)]
pub struct Cli {
    /// Log as JSON lines instead of plain text.
    #[arg(long, global = true, env = "OPPEPALA_LOG_JSON")]
    pub log_json: bool,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API and its docs page on the data folder.
    Serve(serve::ServeArgs),
    /// Exit 0 if the service answers its health URL (for container probes).
    Healthcheck(serve::HealthcheckArgs),
    /// Import outside data (ESCO, …) into the files the service reads.
    Import(import::ImportArgs),
    /// Build, export, import and switch index generations.
    Index(index::IndexArgs),
    /// Search learning bites (free text in et, ru, en, and filters).
    Search(index::SearchArgs),
    /// Find ESCO skills by free text in any loaded language.
    Skills(index::SkillsArgs),
    /// The best learning paths from a learner to a target.
    Plan(plan::PlanArgs),
    /// What a learner is missing for a target.
    Gap(plan::GapArgs),
    /// Labour-market demand jobs (pull the feeds once).
    Demand(demand::DemandArgs),
    /// Append to and count the feedback log the ranker learns from.
    Feedback(train::FeedbackArgs),
    /// Train the skill space and the ranker (from the feedback log) into models/.
    Train(train::TrainArgs),
    /// Evaluate models: `eval ranking` (AUC, NDCG@5 against the fallback).
    Eval(train::EvalArgs),
    /// Recommendations for a cohort: JSON Lines of {id, learner} in, answers out.
    Recommend(recommend::RecommendArgs),
    /// Seats shared across a caseload: one path per learner, no run over its seats.
    Allocate(allocate::AllocateArgs),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    crate::telemetry::init(cli.log_json);
    match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Healthcheck(args) => serve::healthcheck(args),
        Command::Import(args) => import::run(args),
        Command::Index(args) => index::run(args),
        Command::Search(args) => index::run_search(args),
        Command::Skills(args) => index::run_skills(args),
        Command::Plan(args) => plan::run_plan(args),
        Command::Gap(args) => plan::run_gap(args),
        Command::Demand(args) => demand::run(args),
        Command::Feedback(args) => train::run_feedback(args),
        Command::Train(args) => train::run_train(args),
        Command::Eval(args) => train::run_eval(args),
        Command::Recommend(args) => recommend::run(args),
        Command::Allocate(args) => allocate::run(args),
    }
}
