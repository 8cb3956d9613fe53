//! CPU cost of a cold `POST /v1/paths` without HTTP: the load test's (c)
//! request (data/examples/ru-care-worker.json towards mq-care-elderly,
//! k = 3, planned as of 2026-12-01) on the default data, each round with a
//! new `max_hours_per_week` as scripts/load/paths_cold.lua sends, so no
//! answer is reused. Prints rounds per second and the mean; run under
//! `perf record` to see where the time goes.
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

    let started = Instant::now();
    let mut n_paths = 0;
    for round in 0..rounds {
        let mut learner = learner.clone();
        learner.constraints.max_hours_per_week =
            Some(base_hours + (round % 1_000_000) as f64 * 1e-7);
        let answer = planner::plan(&goal, catalogue.bites(), &learner, &taxonomy, &options)?;
        n_paths += answer.paths.len();
        std::hint::black_box(serde_json::to_vec(&answer)?);
    }
    let elapsed = started.elapsed();
    println!(
        "{rounds} cold plans in {:.2} s: {:.0}/s, {:.3} ms each ({} paths each)",
        elapsed.as_secs_f64(),
        rounds as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e3 / rounds as f64,
        n_paths / rounds.max(1)
    );
    Ok(())
}
