//! `oppepala allocate --cohort FILE.jsonl [--out FILE] [--format json|jsonl]`:
//! seats shared across a caseload from the command line; an adapter of
//! `service::allocate::allocate`, with the data and models the server
//! loads. The summary (placements, reach, hours, gap, time) goes to
//! standard error.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};

use super::folders::Folders;
use crate::service::allocate as service;

/// Seats shared across a caseload.
#[derive(Debug, Args)]
pub struct AllocateArgs {
    /// JSON Lines of `{"id": …, "learner": {…}, "target": {…}?}`; `-` for standard input.
    #[arg(long)]
    cohort: PathBuf,
    /// Where to write the answer (written whole, then renamed); default standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    folders: Folders,
    /// Language of titles and reasons.
    #[arg(long, default_value = "et")]
    lang: String,
    /// The planning day (default today).
    #[arg(long)]
    today: Option<chrono::NaiveDate>,
    /// `json`: the API's answer; `jsonl`: one line per learner, then one
    /// with the summary.
    #[arg(long, value_enum, default_value = "json")]
    format: AllocateFormat,
}

/// How the allocation is written.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AllocateFormat {
    /// One JSON object, as `POST /v1/cohorts/allocate` answers.
    Json,
    /// One line per learner, then `{"summary": …}`.
    Jsonl,
}

/// Runs `oppepala allocate`.
pub fn run(args: AllocateArgs) -> anyhow::Result<()> {
    let config = args.folders.resolve()?;
    let options =
        service::check_options(Some(&args.lang), args.today, &config).map_err(super::flag_error)?;
    let data = crate::service::load_without_index(&config)?;
    let input: Box<dyn BufRead> = if args.cohort.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(&args.cohort)
            .with_context(|| format!("cannot open {}", args.cohort.display()))?;
        Box::new(std::io::BufReader::new(file))
    };
    let mut lines = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let line = line.context("cannot read the cohort")?;
        if !line.trim().is_empty() {
            lines.push((i + 1, line.trim().to_string()));
        }
    }
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let started = std::time::Instant::now();
    let answer = service::allocate(&data, &lines, &options, threads).map_err(super::flag_error)?;
    let elapsed = started.elapsed();
    let mut text = Vec::new();
    match args.format {
        AllocateFormat::Json => {
            serde_json::to_writer(&mut text, &answer)?;
            text.push(b'\n');
        }
        AllocateFormat::Jsonl => {
            for learner in &answer.learners {
                serde_json::to_writer(&mut text, learner)?;
                text.push(b'\n');
            }
            serde_json::to_writer(&mut text, &serde_json::json!({"summary": answer.summary}))?;
            text.push(b'\n');
        }
    }
    match &args.out {
        Some(path) => crate::atomic::write(path, &text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(&text)?,
    }
    let s = &answer.summary;
    eprintln!(
        "{} learners: {} first choice, {} later run, {} other path, {} without a seat, {} without a path, {} bad lines; {} reach their target; {} full runs of {} used; gap {} {:.4} ({}); planning {} ms, allocation {} ms, total {:.1} s",
        s.learners,
        s.first_choice,
        s.later_run,
        s.other_path,
        s.no_seat,
        s.no_path,
        s.bad_lines,
        s.reaching_target,
        s.runs_full,
        s.runs_used,
        s.gap.criterion,
        s.gap.relative,
        if s.optimal { "optimal" } else { "bound" },
        s.planning_ms,
        s.solve_ms,
        elapsed.as_secs_f64()
    );
    Ok(())
}
