//! CPU cost of a cold `POST /v1/paths` without HTTP: the load test's (c)
//! request (data/examples/ru-care-worker.json towards mq-care-elderly,
//! k = 3, planned as of 2026-12-01) on the default data, each round with a
//! new `max_hours_per_week` as scripts/load/paths_cold.lua sends, so no
//! answer is reused. Prints rounds per second and the mean; run under
//! `perf record` to see where the time goes.
//!
//! By default it plans as the service does, through a `planner::PrepCache`
//! (the goal's learner-independent preparation made once and reused), then
//! as many rounds with `planner::plan` (a preparation made and thrown away
//! each time), and checks that both give the same answers.
//! `PLAN_COLD_MODE=cached` or `fresh` runs only one of them (for `perf`).
//!
//! ```sh
//! cargo run --release --example plan_cold -- [ROUNDS] [LEARNER.json] [QUALIFICATION]
//! ```

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use oppepala::domain::{Learner, Target, from_json_str};
use oppepala::planner::{self, PlanOptions};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().map_or(Ok(2_000), |n| n.parse())?;
    let learner_path = args
        .next()
        .unwrap_or_else(|| "data/examples/ru-care-worker.json".into());
    let qualification = args.next().unwrap_or_else(|| "mq-care-elderly".into());
    let (taxonomy, catalogue) = oppepala::service::load_data("data".as_ref())?;
    let learner: Learner = from_json_str(&std::fs::read_to_string(&learner_path)?)?;
    let target: Target = from_json_str(&format!("{{\"qualification\": \"{qualification}\"}}"))?;
    let goal = oppepala::goal::resolve(&target, &catalogue, &taxonomy)?;
    let mut options = PlanOptions::new(NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day"));
    options.time_budget = Duration::from_millis(200);
    let base_hours = learner.constraints.max_hours_per_week.unwrap_or(15.0);

    let mode = std::env::var("PLAN_COLD_MODE").unwrap_or_else(|_| "both".into());
    let cache = planner::PrepCache::default();
    let run = |cached: bool| -> anyhow::Result<(Duration, usize, Vec<u8>)> {
        let started = Instant::now();
        let mut n_paths = 0;
        let mut last = Vec::new();
        for round in 0..rounds {
            let mut learner = learner.clone();
            learner.constraints.max_hours_per_week =
                Some(base_hours + (round % 1_000_000) as f64 * 1e-7);
            let answer = if cached {
                planner::plan_cached(
                    &cache,
                    &goal,
                    catalogue.bites(),
                    &learner,
                    &taxonomy,
                    &options,
                )?
            } else {
                planner::plan(&goal, catalogue.bites(), &learner, &taxonomy, &options)?
            };
            n_paths += answer.paths.len();
            last = std::hint::black_box(serde_json::to_vec(&answer)?);
        }
        Ok((started.elapsed(), n_paths, last))
    };
    let report = |what: &str, (elapsed, n_paths, _): &(Duration, usize, Vec<u8>)| {
        println!(
            "{what}: {rounds} cold plans in {:.2} s: {:.0}/s, {:.3} ms each ({} paths each)",
            elapsed.as_secs_f64(),
            rounds as f64 / elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1e3 / rounds as f64,
            n_paths / rounds.max(1)
        );
    };
    let cached = (mode != "fresh").then(|| run(true)).transpose()?;
    let fresh = (mode != "cached").then(|| run(false)).transpose()?;
    if let Some(cached) = &cached {
        report("cached preparation", cached);
    }
    if let Some(fresh) = &fresh {
        report("fresh preparation", fresh);
    }
    if let (Some(cached), Some(fresh)) = (&cached, &fresh) {
        anyhow::ensure!(
            cached.2 == fresh.2,
            "the cached preparation gave another answer"
        );
        println!(
            "same answer; the cached preparation takes {:.2}× less time",
            fresh.0.as_secs_f64() / cached.0.as_secs_f64()
        );
    }
    Ok(())
}
