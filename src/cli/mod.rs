//! The command line: one binary, `oppepala`, with a subcommand per job.
//!
//! Each subcommand lives in its own file with a clap `Args` struct and a
//! `run` function; this file only lists them. Commands may use `anyhow`;
//! library modules may not.

pub mod catalogue;
pub mod import;
pub mod plan;
pub mod serve;

use clap::{Parser, Subcommand};

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
    /// Serve the HTTP API and web page on the data folder.
    Serve(serve::ServeArgs),
    /// Exit 0 if the service answers its health URL (for container probes).
    Healthcheck(serve::HealthcheckArgs),
    /// Import outside data (ESCO, …) into the files the service reads.
    Import(import::ImportArgs),
    /// The best learning paths from a learner to a target.
    Plan(plan::PlanArgs),
    /// What a learner is missing for a target.
    Gap(plan::GapArgs),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    crate::telemetry::init(cli.log_json);
    match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Healthcheck(args) => serve::healthcheck(args),
        Command::Import(args) => import::run(args),
        Command::Plan(args) => plan::run_plan(args),
        Command::Gap(args) => plan::run_gap(args),
    }
}
