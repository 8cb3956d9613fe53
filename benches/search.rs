//! Search index speed: build throughput on a 100 000-bite catalogue, query
//! latency (p50/p99) for a fixed mix of two-word queries with two filters
//! (searched as the API does, with the occupation names of
//! `data/taxonomy.bin`; the mix also runs without them, in turn, and a
//! mix of queries naming occupations has its own figure), and
//! skill-lookup latency.
//!
//! The catalogue is `data/bites.jsonl` (or the file named by
//! `OPPEPALA_BENCH_BITES`) when present, else the test fixtures, copied
//! round-robin under new ids up to `OPPEPALA_BENCH_N` bites (default
//! 100 000). Run: `cargo bench --bench search`; with `OPPEPALA_BENCH_QUICK=1`
//! only the plain figures (one build, p50/p99 loops), no criterion groups;
//! `OPPEPALA_BENCH_ROUNDS=N` runs the query mix N times (to profile),
//! `OPPEPALA_BENCH_BUILD_ONLY=1` stops after the first build.

use std::hint::black_box;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::collections::{BTreeMap, BTreeSet};

use oppepala::domain::{Bite, SkillUri, from_json_str};
use oppepala::index::{
    self, IndexDir, LabelKind, NoExpansion, OpenIndex, SearchRequest, SkillLabel,
};
use oppepala::taxonomy::Taxonomy;

#[path = "../tests/it/index_fixtures.rs"]
mod fixtures;

fn catalogue() -> (Vec<Bite>, String) {
    let path = std::env::var_os("OPPEPALA_BENCH_BITES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/bites.jsonl"));
    let n: usize = std::env::var("OPPEPALA_BENCH_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let (base, source) = match std::fs::read_to_string(&path) {
        Ok(text) => {
            let bites: Vec<Bite> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| from_json_str(l).expect("catalogue line parses"))
                .collect();
            (bites, path.display().to_string())
        }
        Err(_) => (fixtures::bites(), "test fixtures".to_string()),
    };
    let source = format!("{} base bites from {source}", base.len());
    (fixtures::replicate(&base, n), source)
}

fn query_mix() -> Vec<SearchRequest> {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let request = |q: &str| SearchRequest {
        q: q.into(),
        ..Default::default()
    };
    vec![
        SearchRequest {
            modes: strings(&["onsite"]),
            languages: strings(&["et"]),
            ..request("kassatöö algkursus")
        },
        SearchRequest {
            max_hours: Some(40.0),
            languages: strings(&["et"]),
            ..request("excel edasijõudnutele")
        },
        SearchRequest {
            languages: strings(&["ru"]),
            counties: strings(&["EE-44"]),
            lang: Some("ru".into()),
            ..request("уход пожилыми")
        },
        SearchRequest {
            modes: strings(&["online"]),
            eqf_max: Some(4),
            lang: Some("en".into()),
            ..request("customer service")
        },
        SearchRequest {
            funding: strings(&["unemployed"]),
            modes: strings(&["blended"]),
            ..request("eesti keel")
        },
        SearchRequest {
            languages: strings(&["et"]),
            max_cost: Some(200.0),
            ..request("klienditeenindus konfliktid")
        },
        SearchRequest {
            languages: strings(&["ru"]),
            modes: strings(&["onsite"]),
            ..request("компьютерные сети")
        },
        SearchRequest {
            counties: strings(&["EE-37"]),
            funding: strings(&["free"]),
            ..request("tööohutus tootmises")
        },
    ]
}

/// Queries naming an occupation, each with one filter.
fn occupation_mix() -> Vec<SearchRequest> {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        SearchRequest {
            q: "kassapidajale".into(),
            languages: strings(&["et"]),
            ..Default::default()
        },
        SearchRequest {
            q: "кассир".into(),
            lang: Some("ru".into()),
            modes: strings(&["onsite"]),
            ..Default::default()
        },
        SearchRequest {
            q: "forklift driver".into(),
            max_hours: Some(40.0),
            ..Default::default()
        },
        SearchRequest {
            q: "повар".into(),
            lang: Some("ru".into()),
            funding: strings(&["unemployed"]),
            ..Default::default()
        },
    ]
}

fn taxonomy_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/taxonomy.bin")
}

/// About the size of ESCO in three languages: 14 000 skills with eight
/// labels each (English preferred and three alternatives, Estonian and
/// Russian preferred and one alternative), made of two to four words drawn
/// from the catalogue's own vocabulary, plus the fixture labels.
fn synthetic_labels(bites: &[Bite]) -> Vec<SkillLabel> {
    let mut vocabulary: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for bite in bites.iter().take(2_000) {
        for (lang, text) in bite.title.0.iter().chain(bite.description.0.iter()) {
            let words = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_lowercase);
            vocabulary.entry(lang.as_str()).or_default().extend(words);
        }
    }
    let vocabulary: BTreeMap<&str, Vec<String>> = vocabulary
        .into_iter()
        .map(|(lang, words)| (lang, words.into_iter().collect()))
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    let mut labels = fixtures::skill_labels();
    let plan = [
        ("en", LabelKind::Preferred),
        ("en", LabelKind::Alt),
        ("en", LabelKind::Alt),
        ("en", LabelKind::Alt),
        ("et", LabelKind::Preferred),
        ("et", LabelKind::Alt),
        ("ru", LabelKind::Preferred),
        ("ru", LabelKind::Alt),
    ];
    for i in 0..14_000 {
        let uri = SkillUri::new(format!("http://data.europa.eu/esco/skill/synthetic-{i}"))
            .expect("valid uri");
        for (lang, kind) in plan {
            let Some(words) = vocabulary.get(lang).filter(|w| !w.is_empty()) else {
                continue;
            };
            let n_words = 2 + next(3);
            let label = (0..n_words)
                .map(|_| words[next(words.len())].as_str())
                .collect::<Vec<_>>()
                .join(" ");
            labels.push(SkillLabel {
                uri: uri.clone(),
                lang: lang.into(),
                label,
                kind,
            });
        }
    }
    labels
}

const SKILL_QUERIES: [&str; 6] = [
    "kassatöö",
    "Excel",
    "уход за пожилыми",
    "customer service",
    "klienditeenindsu",
    "data analysis",
];

/// The number of segments of the current generation's bite index (from
/// tantivy's `meta.json`): each costs a term lookup per query term.
fn bite_segments(root: &std::path::Path) -> usize {
    let current = std::fs::read_to_string(root.join("CURRENT")).unwrap_or_default();
    let meta = root.join(current.trim()).join("bites").join("meta.json");
    std::fs::read_to_string(meta)
        .map(|text| text.matches("\"segment_id\"").count())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn latencies(rounds: usize, mut f: impl FnMut(usize)) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let started = Instant::now();
        f(i);
        times.push(started.elapsed());
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

fn bench_search(c: &mut Criterion) {
    let (bites, source) = catalogue();
    let labels = fixtures::skill_labels();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("index");

    // One timed build outside criterion for a plain number.
    let report =
        index::build(&root, &bites, labels.clone(), |_| ControlFlow::Continue(())).expect("build");
    println!(
        "index build: {} bites ({source}) in {:.2} s = {:.0} bites/s",
        bites.len(),
        report.elapsed.as_secs_f64(),
        report.bites_per_second()
    );

    // For profiling the build alone.
    if std::env::var_os("OPPEPALA_BENCH_BUILD_ONLY").is_some() {
        return;
    }
    // The plain figures only (one build, the p50/p99 loops), without the
    // criterion groups: a few minutes less on a busy machine.
    let quick = std::env::var_os("OPPEPALA_BENCH_QUICK").is_some();

    let mut group = c.benchmark_group("index_build");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Elements(bites.len() as u64));
    if !quick {
        group.bench_function("build_100k", |b| {
            b.iter(|| {
                index::build(&root, &bites, labels.clone(), |_| ControlFlow::Continue(()))
                    .expect("build")
            })
        });
    }
    group.finish();

    // The index queried below has skill labels at ESCO scale.
    let many_labels = synthetic_labels(&bites);
    let n_labels = many_labels.len();
    let report =
        index::build(&root, &bites, many_labels, |_| ControlFlow::Continue(())).expect("build");
    println!(
        "index build with {n_labels} skill labels: {:.2} s",
        report.elapsed.as_secs_f64()
    );

    let open: OpenIndex = IndexDir::new(&root).open().expect("open");
    println!("bite index segments: {}", bite_segments(&root));
    // Queries are searched as the API does: with the occupation names of
    // the default taxonomy (`data/taxonomy.bin`; none when it is missing).
    let started = Instant::now();
    let occupations = Taxonomy::load(taxonomy_path())
        .map(|taxonomy| oppepala::service::occupations(&taxonomy))
        .unwrap_or_default();
    println!(
        "occupation names: {} occupations in {:.0} ms",
        occupations.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let search = |request: &SearchRequest| {
        open.bites
            .search_recognising(request, &NoExpansion, &occupations)
            .expect("query runs")
    };
    // Each query's total, so a run shows what it measured.
    let show_totals = |requests: &[SearchRequest]| {
        for request in requests {
            let response = search(request);
            println!(
                "  {:32} total {:6}{}",
                request.q,
                response.total,
                if response.relaxed { " (relaxed)" } else { "" }
            );
        }
    };
    let mix = query_mix();
    show_totals(&mix);
    // More rounds (`OPPEPALA_BENCH_ROUNDS`) make a longer loop to profile.
    let rounds: usize = std::env::var("OPPEPALA_BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4_000);
    // With and without occupation names, twice in turn: the cost of
    // looking for names in queries that name none.
    for round in 1..=2 {
        let (p50, p99) = latencies(rounds, |i| {
            black_box(search(&mix[i % mix.len()]));
        });
        println!(
            "query mix (2 words, 2 filters, facets, 20 hits + snippets): p50 {p50:?}, p99 {p99:?} (round {round})"
        );
        let (p50, p99) = latencies(rounds, |i| {
            black_box(open.bites.search(&mix[i % mix.len()]).expect("query runs"));
        });
        println!("query mix without occupation names: p50 {p50:?}, p99 {p99:?} (round {round})");
    }
    // Queries that name an occupation: its skills' clauses are added.
    let named = occupation_mix();
    show_totals(&named);
    let (p50, p99) = latencies(rounds, |i| {
        black_box(search(&named[i % named.len()]));
    });
    println!("queries naming an occupation (one filter): p50 {p50:?}, p99 {p99:?}");
    // Queries answered by the fallbacks (a typo, a nominative no bite
    // has): no word matches as typed, so more queries run.
    let fallback: Vec<SearchRequest> =
        ["klienditeenindsu", "forklfit", "tõstuk", "custmer servise"]
            .iter()
            .map(|q| SearchRequest {
                q: q.to_string(),
                ..Default::default()
            })
            .collect();
    show_totals(&fallback);
    for round in 1..=2 {
        let (p50, p99) = latencies(400, |i| {
            black_box(search(&fallback[i % fallback.len()]));
        });
        println!(
            "typo and fallback queries (no filters): p50 {p50:?}, p99 {p99:?} (round {round})"
        );
        let (p50, p99) = latencies(400, |i| {
            black_box(
                open.bites
                    .search(&fallback[i % fallback.len()])
                    .expect("query runs"),
            );
        });
        println!(
            "typo and fallback queries without occupation names: p50 {p50:?}, p99 {p99:?} (round {round})"
        );
    }
    let (p50, p99) = latencies(4_000, |i| {
        black_box(
            open.skills
                .lookup(SKILL_QUERIES[i % SKILL_QUERIES.len()], None, 10)
                .expect("lookup runs"),
        );
    });
    println!("skill lookup: p50 {p50:?}, p99 {p99:?}");
    if quick {
        return;
    }

    let mut group = c.benchmark_group("query");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("search_mix", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            search(&mix[i % mix.len()])
        })
    });
    group.bench_function("skill_lookup", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            open.skills
                .lookup(SKILL_QUERIES[i % SKILL_QUERIES.len()], None, 10)
                .expect("lookup runs")
        })
    });
    group.finish();
}

criterion_group!(benches, bench_search);
criterion_main!(benches);
