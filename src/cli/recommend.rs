//! `oppepala recommend --cohort FILE.jsonl [--out FILE] [--format
//! jsonl|csv|summary] [--summary text|json]`: recommendations for a cohort,
//! JSON Lines in, JSON Lines, CSV or a caseload summary out in the same
//! order, in bounded chunks (constant memory whatever the size), with a
//! progress bar on a terminal and a summary at the end.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use oppepala_core::tr;

use super::folders::Folders;
use crate::recommend::caseload::SummaryBuilder;
use crate::recommend::cohort::CHUNK;
use crate::service::recommend::{self as service, CohortFormat, DEFAULT_COHORT_TARGETS};

/// Recommendations for a cohort of learners.
#[derive(Debug, Args)]
pub struct RecommendArgs {
    /// JSON Lines of `{"id": …, "learner": {…}}`; `-` for standard input.
    #[arg(long)]
    cohort: PathBuf,
    /// Where to write the answers (written whole, then renamed); default standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    folders: Folders,
    /// Targets per learner, 1–10.
    #[arg(long, default_value_t = DEFAULT_COHORT_TARGETS)]
    k: usize,
    /// Language of titles and reasons.
    #[arg(long, default_value = "et")]
    lang: String,
    /// The planning day (default today).
    #[arg(long)]
    today: Option<chrono::NaiveDate>,
    /// What to write: `jsonl` (the API's lines), `csv` (one row per
    /// learner × target) or `summary` (the caseload summary as JSON).
    #[arg(long, default_value = "jsonl")]
    format: String,
    /// CSV cell separator: `semicolon` (Estonian spreadsheets) or `comma`.
    #[arg(long)]
    separator: Option<String>,
    /// CSV without the UTF-8 byte order mark.
    #[arg(long)]
    no_bom: bool,
    /// At the end, the caseload summary on standard error: `text` (a
    /// table) or `json`.
    #[arg(long)]
    summary: Option<SummaryArg>,
}

/// How the caseload summary is shown at the end.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SummaryArg {
    /// A table.
    Text,
    /// One JSON object.
    Json,
}

/// Runs `oppepala recommend`: an adapter of `service::recommend::cohort_chunk`,
/// with the data, demand (feed snapshots included) and models the server loads.
pub fn run(args: RecommendArgs) -> anyhow::Result<()> {
    let config = args.folders.resolve()?;
    let options = service::check_options(
        Some(args.k),
        Some(&args.lang),
        args.today,
        DEFAULT_COHORT_TARGETS,
        &config,
    )
    .map_err(super::flag_error)?;
    let format = service::check_cohort_format(
        Some(&args.format),
        args.separator.as_deref(),
        args.no_bom.then_some(false),
        &options.lang,
    )
    .map_err(super::flag_error)?;
    let data = crate::service::load_without_index(&config)?;
    let input: Box<dyn BufRead> = if args.cohort.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file = std::fs::File::open(&args.cohort)
            .with_context(|| format!("cannot open {}", args.cohort.display()))?;
        Box::new(std::io::BufReader::new(file))
    };
    let total_bytes = std::fs::metadata(&args.cohort).map(|m| m.len()).ok();
    let progress = if std::io::stderr().is_terminal() {
        let bar = match total_bytes {
            Some(n) => indicatif::ProgressBar::new(n),
            None => indicatif::ProgressBar::new_spinner(),
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {per_sec} {msg}",
            )
            .expect("a valid template"),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let (mut writer, temp): (Box<dyn Write>, Option<tempfile::NamedTempFile>) = match &args.out {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let temp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("cannot write in {}", dir.display()))?;
            let file = temp.reopen()?;
            (Box::new(std::io::BufWriter::new(file)), Some(temp))
        }
        None => (
            Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            None,
        ),
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let started = std::time::Instant::now();
    let (mut n_learners, mut n_errors, mut n_with_path) = (0usize, 0usize, 0usize);
    // Hours of first steps in a bounded histogram (0.5 h bins up to 500 h)
    // for the median, so memory stays constant.
    let mut hours_histogram = vec![0u64; 1001];
    // The command line answers every line: nothing raises the stop.
    let never = std::sync::atomic::AtomicBool::new(false);
    let mut summary = SummaryBuilder::default();
    if let CohortFormat::Csv(csv) = &format {
        writer.write_all(&service::cohort_csv_header(csv))?;
    }
    let mut chunk: Vec<(usize, String)> = Vec::with_capacity(CHUNK);
    let mut lines = input.lines().enumerate();
    loop {
        chunk.clear();
        for (i, line) in lines.by_ref() {
            let line = line.context("cannot read the cohort")?;
            progress.inc(line.len() as u64 + 1);
            if line.trim().is_empty() {
                continue;
            }
            chunk.push((i + 1, line));
            if chunk.len() == CHUNK {
                break;
            }
        }
        if chunk.is_empty() {
            break;
        }
        let outcomes = service::cohort_chunk(&data, &chunk, &options, threads, &never);
        match &format {
            CohortFormat::Jsonl => {
                for outcome in &outcomes {
                    writeln!(writer, "{}", outcome.json)?;
                }
            }
            CohortFormat::Csv(csv) => {
                writer.write_all(&service::cohort_csv_rows(&data, &outcomes, csv))?;
            }
            CohortFormat::Summary => {}
        }
        service::cohort_summary_add(&data, &mut summary, &outcomes);
        for outcome in outcomes {
            n_learners += 1;
            n_errors += usize::from(!outcome.ok);
            n_with_path += usize::from(outcome.has_path);
            if let Some(h) = outcome.first_step_hours {
                hours_histogram[((h * 2.0).round() as usize).min(1000)] += 1;
            }
        }
        progress.set_message(format!("{n_learners} learners"));
    }
    let summary = summary.finish(&options.lang);
    if let CohortFormat::Summary = &format {
        serde_json::to_writer_pretty(&mut writer, &summary)?;
        writeln!(writer)?;
    }
    writer.flush()?;
    drop(writer);
    if let (Some(temp), Some(path)) = (temp, &args.out) {
        temp.as_file().sync_all()?;
        temp.persist(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    progress.finish_and_clear();
    let elapsed = started.elapsed().as_secs_f64();
    let counted: u64 = hours_histogram.iter().sum();
    let median = (counted > 0).then(|| {
        let mut seen = 0;
        hours_histogram
            .iter()
            .position(|n| {
                seen += n;
                seen * 2 >= counted
            })
            .map_or(0.0, |bin| bin as f64 / 2.0)
    });
    // The summary is for the person who ran the command, in the asked language.
    let lang = crate::text::Lang::of(&args.lang);
    let median = match median {
        Some(m) => tr!(lang, "cli-cohort-median-hours", n = m),
        None => tr!(lang, "cli-cohort-median-none"),
    };
    eprintln!(
        "{}",
        tr!(
            lang,
            "cli-cohort-summary",
            n = n_learners,
            bad = n_errors,
            with_path = n_with_path,
            median = median,
            rate = (n_learners as f64 / elapsed.max(1e-9)).round()
        )
    );
    match args.summary {
        Some(SummaryArg::Text) => eprint!("{}", summary.table(&options.lang)),
        Some(SummaryArg::Json) => eprintln!("{}", serde_json::to_string(&summary)?),
        None => {}
    }
    Ok(())
}
