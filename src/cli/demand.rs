//! `oppepala import demand`, `oppepala train demand`, `oppepala eval demand`
//! and `oppepala demand pull`: labour-market signals on the command line.
//!
//! Commands parse flags, call the library (`crate::demand`) and write files
//! atomically; they never leave a half-written store or model behind.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;

use crate::demand::signals::{self, Format, PanelSelection, Subject};
use crate::demand::{self, Method};

/// Arguments of `oppepala import demand`.
#[derive(Debug, clap::Args)]
pub struct ImportDemandArgs {
    /// The file: long CSV (subject,region,period,value,unit,source), the
    /// store's JSON, or a Eurostat wide panel (see --format).
    pub file: PathBuf,
    /// The file's format; default from the extension (.csv → csv, .json → json).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Eurostat panel: the country (`geo`), e.g. EE.
    #[arg(long)]
    pub geo: Option<String>,
    /// Eurostat panel: the column to import, e.g. ict_employed_ths.
    #[arg(long)]
    pub variable: Option<String>,
    /// Eurostat panel: what the values are about (isco:CODE or an ESCO URI).
    #[arg(long)]
    pub subject: Option<String>,
    /// Eurostat panel: the unit to record (default: the column's name).
    #[arg(long)]
    pub unit: Option<String>,
    /// Keep the good rows when some are bad (they are still all reported).
    #[arg(long, env = "OPPEPALA_LENIENT")]
    pub lenient: bool,
    #[command(flatten)]
    pub folders: super::folders::Folders,
}

/// Runs `oppepala import demand`.
pub fn run_import(args: ImportDemandArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let name = args.file.display().to_string();
    let format = match args.format {
        Some(f) => f,
        None => match args.file.extension().and_then(|e| e.to_str()) {
            Some("csv") => Format::Csv,
            Some("json") => Format::Json,
            _ => anyhow::bail!("{name}: cannot tell the format from the name; pass --format"),
        },
    };
    let panel = match format {
        Format::EurostatPanel => {
            let need = |value: Option<String>, flag: &str| {
                value.with_context(|| format!("a eurostat-panel import needs {flag}"))
            };
            let variable = need(args.variable, "--variable")?;
            Some(PanelSelection {
                geo: need(args.geo, "--geo")?,
                subject: Subject::parse(&need(args.subject, "--subject")?)
                    .map_err(|m| anyhow::anyhow!("--subject: {m}"))?,
                unit: args.unit.unwrap_or_else(|| variable.clone()),
                variable,
            })
        }
        _ => None,
    };
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {name}"))?;
    let parsed = signals::parse_strict(&bytes, &name, format, panel.as_ref(), args.lenient)
        .with_context(|| format!("nothing imported from {name}"))?;
    for error in &parsed.errors {
        tracing::warn!("skipped: {error}");
    }
    let store_path = args.folders.resolve()?.data_dir.join(demand::SIGNALS_FILE);
    let mut store = signals::load_store(&store_path)
        .with_context(|| format!("cannot read the signals {}", store_path.display()))?;
    let n_points: usize = parsed.series.iter().map(|s| s.values.len()).sum();
    let (added, replaced) = store.merge(parsed.series);
    signals::save_store(&store_path, &store)
        .with_context(|| format!("cannot write the signals {}", store_path.display()))?;
    out!(
        "{name}: {added} series added, {replaced} replaced ({n_points} values, {} bad rows skipped) → {} ({} series); run `oppepala train demand` to forecast them",
        parsed.errors.len(),
        store_path.display(),
        store.series.len()
    );
    tracing::info!(
        duration_ms = started.elapsed().as_millis() as u64,
        "demand imported"
    );
    Ok(())
}

/// Arguments of `oppepala train demand` and `oppepala eval demand`.
#[derive(Debug, clap::Args)]
pub struct TrainDemandArgs {
    #[command(flatten)]
    pub folders: super::folders::Folders,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

fn load_store(config: &crate::config::Config) -> anyhow::Result<signals::Store> {
    let path = config.data_dir.join(demand::SIGNALS_FILE);
    let store = signals::load_store(&path)
        .with_context(|| format!("cannot read the signals {}", path.display()))?;
    if store.series.is_empty() {
        anyhow::bail!(
            "{}: no demand series (import some with `oppepala import demand FILE`)",
            path.display()
        );
    }
    Ok(store)
}

/// Runs `oppepala train demand`: forecasts every series and writes the model file.
pub fn run_train(args: TrainDemandArgs) -> anyhow::Result<()> {
    let config = args.folders.resolve()?;
    let store = load_store(&config)?;
    let started = Instant::now();
    let model = demand::train(&store);
    let elapsed = started.elapsed();
    let path = config.models_dir.join(demand::MODEL_FILE);
    demand::save_model(&path, &model)
        .with_context(|| format!("cannot write the model {}", path.display()))?;
    let s = &model.summary;
    if args.json {
        out!("{}", serde_json::to_string(&s)?);
    } else {
        out!(
            "{} series forecast in {} ms; the model beats seasonal-naive on {} and naive on {}; {} use the model → {}",
            s.series,
            elapsed.as_millis(),
            s.model_beats_seasonal_naive,
            s.model_beats_naive,
            s.uses_model,
            path.display()
        );
    }
    Ok(())
}

/// Runs `oppepala eval demand`: the backtest table (MAPE on the last 6
/// months of each series) against seasonal-naive and naive.
pub fn run_eval(args: TrainDemandArgs) -> anyhow::Result<()> {
    let store = load_store(&args.folders.resolve()?)?;
    let started = Instant::now();
    let model = demand::train(&store);
    let elapsed = started.elapsed();
    if args.json {
        out!("{}", serde_json::to_string(&model.summary)?);
        return Ok(());
    }
    let pct = |x: Option<f64>| x.map_or_else(|| "–".to_string(), |x| format!("{x:.1}"));
    out!(
        "{:<48} {:<6} {:>8} {:>8} {:>8}  uses",
        "series",
        "region",
        "model",
        "s-naive",
        "naive"
    );
    for f in &model.series {
        out!(
            "{:<48} {:<6} {:>8} {:>8} {:>8}  {}{}",
            f.subject.to_string(),
            f.region.as_ref().map_or("EE", |r| r.as_str()),
            pct(f.backtest.model),
            pct(Some(f.backtest.seasonal_naive)),
            pct(Some(f.backtest.naive)),
            match f.method {
                Method::Model => "model",
                Method::SeasonalNaive => "seasonal-naive",
                Method::Naive => "naive",
            },
            if f.pooled { " (pooled)" } else { "" }
        );
    }
    let s = &model.summary;
    out!(
        "\nMAPE % on the last {} months of each series. {} series: the model beats seasonal-naive on {} ({:.0} %) and naive on {}; {} use the model.",
        model.holdout_months,
        s.series,
        s.model_beats_seasonal_naive,
        100.0 * s.model_beats_seasonal_naive as f64 / s.series.max(1) as f64,
        s.model_beats_naive,
        s.uses_model
    );
    out!(
        "Median MAPE: model {:.1}, seasonal-naive {:.1}, naive {:.1}, chosen per series {:.1}. Backtest and fit took {} ms.",
        s.median_mape_model,
        s.median_mape_seasonal_naive,
        s.median_mape_naive,
        s.median_mape_chosen,
        elapsed.as_millis()
    );
    Ok(())
}

/// `oppepala demand …`.
#[derive(Debug, clap::Args)]
pub struct DemandArgs {
    /// What to do.
    #[command(subcommand)]
    pub what: DemandCommand,
}

/// Demand jobs by hand.
#[derive(Debug, clap::Subcommand)]
pub enum DemandCommand {
    /// Pull every configured feed ([[demand.feeds]]) once: a valid body
    /// replaces the feed's snapshot; a failure keeps the last good one.
    Pull(super::serve::ServeArgs),
}

/// Runs `oppepala demand`.
pub fn run(args: DemandArgs) -> anyhow::Result<()> {
    match args.what {
        DemandCommand::Pull(args) => run_pull(args),
    }
}

fn run_pull(args: super::serve::ServeArgs) -> anyhow::Result<()> {
    use crate::demand::feed::{self, PullOutcome};
    let config = super::serve::load_config(&args)?;
    if config.demand.feeds.is_empty() {
        anyhow::bail!(
            "no feeds configured (add [[demand.feeds]] with name, url, format to the configuration file)"
        );
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let client = feed::client(&config.demand);
    let mut failed = 0;
    for f in &config.demand.feeds {
        let started = Instant::now();
        let outcome = runtime.block_on(feed::pull(&client, &config.demand, f, &config.data_dir));
        let took = started.elapsed().as_millis();
        match outcome {
            PullOutcome::Updated { series } => {
                out!("{}: updated, {series} series ({took} ms)", f.name)
            }
            PullOutcome::NotModified => out!("{}: not modified ({took} ms)", f.name),
            PullOutcome::Failed { reason, detail } => {
                failed += 1;
                out!(
                    "{}: failed ({reason}): {detail}; the last good snapshot is kept",
                    f.name
                )
            }
        }
    }
    if failed > 0 {
        anyhow::bail!("{failed} of {} feeds failed", config.demand.feeds.len());
    }
    Ok(())
}
