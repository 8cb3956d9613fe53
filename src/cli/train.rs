//! `oppepala feedback append|stats`: the feedback log from the command line
//! (events from a log shipper or a file, appended with the same checks and
//! syncs as `POST /v1/feedback`).

use std::io::BufRead;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand};

use crate::ml::feedback::{self, FeedbackLog, LoggedEvent, check_learner_id};

/// The feedback log.
#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// A TOML configuration file (its feedback_dir and feedback_rotate_bytes).
    #[arg(long, env = "OPPEPALA_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: FeedbackCommand,
}

#[derive(Debug, Subcommand)]
enum FeedbackCommand {
    /// Append events (JSON Lines on standard input or a file) to the log,
    /// synced every batch; a bad line stops with its line number.
    Append {
        /// The feedback folder [default: feedback_dir / OPPEPALA_FEEDBACK_DIR,
        /// else feedback, as the server appends to].
        #[arg(long)]
        dir: Option<PathBuf>,
        /// The events; `-` or nothing for standard input.
        file: Option<PathBuf>,
        /// Events per synced batch.
        #[arg(long, default_value_t = 100)]
        batch: usize,
        /// A file at this size is closed and a new one started [default:
        /// feedback_rotate_bytes / OPPEPALA_FEEDBACK_ROTATE_BYTES, else 64 MiB].
        #[arg(long)]
        rotate_bytes: Option<u64>,
    },
    /// Count the events in the log and the lines skipped.
    Stats {
        /// The feedback folder [default: feedback_dir / OPPEPALA_FEEDBACK_DIR,
        /// else feedback].
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

/// Runs `oppepala feedback …`.
pub fn run_feedback(args: FeedbackArgs) -> anyhow::Result<()> {
    let config = super::folders::Folders {
        config: args.config,
        ..Default::default()
    }
    .resolve()?;
    match args.command {
        FeedbackCommand::Append {
            dir,
            file,
            batch,
            rotate_bytes,
        } => {
            let input: Box<dyn BufRead> = match &file {
                Some(path) if path.as_os_str() != "-" => Box::new(std::io::BufReader::new(
                    std::fs::File::open(path)
                        .with_context(|| format!("cannot open {}", path.display()))?,
                )),
                _ => Box::new(std::io::stdin().lock()),
            };
            let retention = config.feedback_retention();
            let dir = dir.unwrap_or(config.feedback_dir);
            let rotate_bytes = rotate_bytes.unwrap_or(config.feedback_rotate_bytes);
            // The server's retention applies here too (`feedback_max_bytes`,
            // `feedback_max_age_days` of the configuration).
            let (mut log, pruned) =
                FeedbackLog::open_with_retention(&dir, rotate_bytes, retention)?;
            pruned.log();
            let mut pending = Vec::with_capacity(batch.max(1));
            let mut total = 0usize;
            for (i, line) in input.lines().enumerate() {
                let line = line.context("cannot read the events")?;
                if line.trim().is_empty() {
                    continue;
                }
                let event: LoggedEvent = crate::domain::from_json_str(&line)
                    .with_context(|| format!("line {}", i + 1))?;
                if let Some(reason) = check_learner_id(&event.event.learner) {
                    bail!("line {}: field `learner`: {reason}", i + 1);
                }
                pending.push(event);
                if pending.len() >= batch.max(1) {
                    log.append(&pending)?;
                    total += pending.len();
                    pending.clear();
                }
            }
            log.append(&pending)?;
            total += pending.len();
            out!("{total} events appended to {}", dir.display());
        }
        FeedbackCommand::Stats { dir } => {
            let dir = dir.unwrap_or(config.feedback_dir);
            let read = feedback::read_dir(&dir)?;
            out!(
                "{} events, {} lines skipped{}",
                read.events.len(),
                read.skipped.len(),
                if read.skipped.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", read.skipped.join(", "))
                }
            );
        }
    }
    Ok(())
}

/// The simulated feedback log shipped with the default data, which
/// `train` and `eval ranking` learn from unless told otherwise (the
/// server's own log, `feedback_dir`, starts empty).
const SIMULATED_FEEDBACK: &str = "data/feedback-simulated";

/// Train the skill space and the ranker into model files.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// The data folder (taxonomy and catalogue) and where the model files go.
    #[command(flatten)]
    folders: super::folders::Folders,
    /// The feedback log to learn from: a folder the server appended to
    /// (its feedback_dir), or the simulated log shipped in data/.
    #[arg(long, default_value = SIMULATED_FEEDBACK)]
    feedback_dir: PathBuf,
    /// Dimensions of the skill space.
    #[arg(long, default_value_t = 32)]
    dim: usize,
    /// Train only the skill space.
    #[arg(long)]
    space_only: bool,
    /// Machine-readable output.
    #[arg(long)]
    json: bool,
    /// `train demand` trains the demand forecasts instead.
    #[command(subcommand)]
    what: Option<TrainWhat>,
}

/// The other models `oppepala train` makes.
#[derive(Debug, Subcommand)]
enum TrainWhat {
    /// Forecast every demand series (linfa regression vs baselines) and write models/demand-forecast.json.
    Demand(super::demand::TrainDemandArgs),
}

/// Runs `oppepala train` (skill space and ranker) or `oppepala train demand`.
pub fn run_train(args: TrainArgs) -> anyhow::Result<()> {
    use crate::ml::training;
    if let Some(TrainWhat::Demand(demand)) = args.what {
        return super::demand::run_train(demand);
    }
    let config = args.folders.resolve()?;
    let models_dir = &config.models_dir;
    let (taxonomy, catalogue) = crate::service::load_data(&config.data_dir)?;
    let started = std::time::Instant::now();
    let space = training::train_space(models_dir, &taxonomy, &catalogue, args.dim)?;
    let space_s = started.elapsed().as_secs_f64();
    let mut report = serde_json::json!({
        "skill_space": {"skills": space.0, "dim": space.1, "variance_kept": space.2, "seconds": space_s}
    });
    if !args.space_only {
        let read = crate::ml::feedback::read_dir(&args.feedback_dir)?;
        if !read.skipped.is_empty() {
            tracing::warn!(
                lines = read.skipped.len(),
                "feedback lines skipped (torn or invalid)"
            );
        }
        let metrics = training::train_ranker(models_dir, &read.events, &catalogue)?;
        // Outcomes sent without an API key are not learned from; the
        // counts are in the report (`ignored_unauthenticated_outcomes`).
        let counts = training::EventCounts::of(&read.events);
        tracing::info!(
            events = counts.events,
            ignored_unauthenticated_outcomes = counts.ignored_unauthenticated_outcomes,
            unauthenticated_used = counts.unauthenticated_used,
            "feedback events read for the ranker"
        );
        report["ranker"] = serde_json::to_value(&metrics)?;
        report["ranker"]["events"] = read.events.len().into();
    }
    if args.json {
        out!("{report:#}");
    } else {
        out!(
            "skill space: {} skills × {} dimensions, {:.1}% of variance kept ({space_s:.1} s)",
            space.0,
            space.1,
            space.2 * 100.0
        );
        if let Some(ranker) = report.get("ranker") {
            out!(
                "ranker: logistic AUC {:.3} NDCG@5 {:.3}; fallback AUC {:.3} NDCG@5 {:.3} (holdout: last {}% by time)",
                ranker["logistic_auc"].as_f64().unwrap_or(f64::NAN),
                ranker["logistic_ndcg_at_5"].as_f64().unwrap_or(f64::NAN),
                ranker["fallback_auc"].as_f64().unwrap_or(f64::NAN),
                ranker["fallback_ndcg_at_5"].as_f64().unwrap_or(f64::NAN),
                (crate::ml::training::HOLDOUT * 100.0) as u32
            );
        }
        out!("written to {}", models_dir.display());
    }
    Ok(())
}

/// Evaluate models.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    command: EvalCommand,
}

#[derive(Debug, Subcommand)]
enum EvalCommand {
    /// AUC and NDCG@5 of the served ranker against the fallback on the
    /// time-split holdout of a feedback log.
    Ranking {
        /// Where the model files are.
        #[command(flatten)]
        folders: super::folders::Folders,
        /// The feedback log to evaluate on.
        #[arg(long, default_value = SIMULATED_FEEDBACK)]
        feedback_dir: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Backtest the demand forecasts: MAPE on the last 6 months vs seasonal-naive and naive.
    Demand(super::demand::TrainDemandArgs),
}

/// Runs `oppepala eval …`.
pub fn run_eval(args: EvalArgs) -> anyhow::Result<()> {
    use crate::ml::{Models, ranker::Ranker, training};
    let (models_dir, feedback_dir, json) = match args.command {
        EvalCommand::Ranking {
            folders,
            feedback_dir,
            json,
        } => (folders.resolve()?.models_dir, feedback_dir, json),
        EvalCommand::Demand(demand) => return super::demand::run_eval(demand),
    };
    let models = Models::load(&models_dir)?;
    let read = crate::ml::feedback::read_dir(&feedback_dir)?;
    let rows = training::rows(&read.events);
    let (_, holdout) = training::time_split(&rows, training::HOLDOUT);
    if holdout.is_empty() {
        bail!(
            "no shown events with features in {}",
            feedback_dir.display()
        );
    }
    let metrics = match models.ranker.as_ref() {
        Ranker::Logistic { model, .. } => training::compare(model, holdout),
        Ranker::Fallback => training::evaluate(holdout, crate::ml::ranker::fallback_score)
            .into_iter()
            .map(|(k, v)| (format!("fallback_{k}"), v))
            .collect(),
    };
    if json {
        out!("{}", serde_json::to_string_pretty(&metrics)?);
    } else {
        out!(
            "holdout: {} rows (last {}% by time), model {} {}",
            holdout.len(),
            (training::HOLDOUT * 100.0) as u32,
            models.ranker.name(),
            models.ranker.version()
        );
        out!("{:<10} {:>7} {:>8}", "ranker", "AUC", "NDCG@5");
        for name in ["logistic", "fallback"] {
            if let Some(auc) = metrics.get(&format!("{name}_auc")) {
                out!(
                    "{name:<10} {auc:>7.3} {:>8.3}",
                    metrics[&format!("{name}_ndcg_at_5")]
                );
            }
        }
    }
    Ok(())
}
