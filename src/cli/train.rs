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
    #[command(subcommand)]
    command: FeedbackCommand,
}

#[derive(Debug, Subcommand)]
enum FeedbackCommand {
    /// Append events (JSON Lines on standard input or a file) to the log,
    /// synced every batch; a bad line stops with its line number.
    Append {
        /// The feedback folder.
        #[arg(long, env = "OPPEPALA_FEEDBACK_DIR", default_value = "feedback")]
        dir: PathBuf,
        /// The events; `-` or nothing for standard input.
        file: Option<PathBuf>,
        /// Events per synced batch.
        #[arg(long, default_value_t = 100)]
        batch: usize,
        /// A file at this size is closed and a new one started.
        #[arg(long, env = "OPPEPALA_FEEDBACK_ROTATE_BYTES", default_value_t = 64 << 20)]
        rotate_bytes: u64,
    },
    /// Count the events in the log and the lines skipped.
    Stats {
        /// The feedback folder.
        #[arg(long, env = "OPPEPALA_FEEDBACK_DIR", default_value = "feedback")]
        dir: PathBuf,
    },
}

/// Runs `oppepala feedback …`.
pub fn run_feedback(args: FeedbackArgs) -> anyhow::Result<()> {
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
            let mut log = FeedbackLog::open(&dir, rotate_bytes)?;
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
