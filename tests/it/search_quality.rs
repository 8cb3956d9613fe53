//! Search quality on the default catalogue: the judged queries of
//! `tests/fixtures/search_judgments.json` (Estonian, Russian and English,
//! inflected forms and typos) are run against an index built from `data/`,
//! and mean precision@5 and recall@10 must stay above a bar set a little
//! below the measured values. Run with `--nocapture` to see every query.
//! Queries are searched as the API searches them, with occupation names
//! recognised; the other tests check that a query naming no occupation
//! gets the answer it got without them, and that one naming an occupation
//! keeps filters, pages and facets, through the API too.
//!
//! Recall@10 is capped: a query with more than ten relevant bites counts
//! as fully recalled when its first ten hits are all relevant.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use oppepala::config::Config;
use oppepala::index::SearchRequest;
use oppepala::service::Served;
use serde::Deserialize;

use super::support;

/// The bars: (language or "all", mean precision@5, mean recall@10).
/// Measured when set (58 queries): et P@5 0.832 R@10 0.792, ru 0.813
/// 0.699, en 0.871 0.859, all 0.838 0.786; raised when words one edit
/// away started to match when nothing else does ("tõstuk", "forklfit"):
/// et 0.872 0.828, ru 0.813 0.699, en 0.941 0.929, all 0.876 0.822.
/// Raised again (65 queries, seven more with typos and inflections) when
/// an Estonian nominative no bite has started to match through its
/// genitive stem ("tõstuk", "tõstukit", "tostuk") and typed words through
/// their one-edit corrections before stemming ("klienditeenindsu",
/// "custmer servise"): et 0.927 0.880, ru 0.812 0.717, en 0.989 0.961,
/// all 0.914 0.860.
/// Raised again (69 queries, four more naming occupations: "laotöölisele",
/// "грузчик", "повар", "forklift driver") when occupation names in a query
/// started to match and rank bites by their outcome skills most specific
/// to the occupation (`index::occupations`), which fixed "кассир" and
/// "kassapidajale" (P@5 0 → 1): et 0.968 0.919, ru 0.895 0.820, en 0.989
/// 0.963, all 0.954 0.904.
const BARS: [(&str, f64, f64); 4] = [
    ("et", 0.95, 0.90),
    ("ru", 0.87, 0.80),
    ("en", 0.97, 0.94),
    ("all", 0.94, 0.89),
];

#[derive(Deserialize)]
struct Judgments {
    #[allow(dead_code)]
    description: String,
    queries: Vec<Judged>,
}

#[derive(Deserialize)]
struct Judged {
    lang: String,
    q: String,
    relevant: Vec<String>,
}

/// The default data with an index built afresh in Cargo's scratch folder,
/// once per test process. Each process builds in a folder of its own
/// (nextest runs every test in a process of its own, and one process
/// removing the folder another is building in failed both), and removes
/// the folders of processes that have ended.
fn served() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| {
        let scratch = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
        for entry in std::fs::read_dir(scratch).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ended = match name.strip_prefix("search-quality-") {
                Some(pid) => !std::path::Path::new("/proc").join(pid).exists(),
                // The shared folder of earlier versions of this test.
                None => name == "search-quality",
            };
            if ended && cfg!(target_os = "linux") {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let index_dir = scratch.join(format!("search-quality-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&index_dir);
        let config = Config {
            data_dir: support::root().join("data"),
            index_dir,
            ..Config::default()
        };
        oppepala::service::load(&config).expect("default data loads")
    })
}

fn judgments() -> Judgments {
    let text =
        std::fs::read_to_string(support::fixture("search_judgments.json")).expect("judgments file");
    serde_json::from_str(&text).expect("judgments parse")
}

/// Precision@5 and capped recall@10 of one ranked list.
fn precision_recall(ranked: &[String], relevant: &HashSet<&str>) -> (f64, f64) {
    let hits_in = |n: usize| {
        ranked
            .iter()
            .take(n)
            .filter(|id| relevant.contains(id.as_str()))
            .count() as f64
    };
    let precision = hits_in(5) / 5.0;
    let recall = if relevant.is_empty() {
        1.0
    } else {
        hits_in(10) / relevant.len().min(10) as f64
    };
    (precision, recall)
}

/// Means per language and over all, from (lang, precision, recall).
fn means(scores: &[(String, f64, f64)]) -> BTreeMap<String, (f64, f64, usize)> {
    let mut sums: BTreeMap<String, (f64, f64, usize)> = BTreeMap::new();
    for (lang, p, r) in scores {
        for key in [lang.as_str(), "all"] {
            let entry = sums.entry(key.to_string()).or_default();
            entry.0 += p;
            entry.1 += r;
            entry.2 += 1;
        }
    }
    sums.into_iter()
        .map(|(k, (p, r, n))| (k, (p / n as f64, r / n as f64, n)))
        .collect()
}

#[test]
fn judged_queries_meet_the_quality_bar() {
    let served = served();
    let judgments = judgments();
    let occupations = oppepala::service::occupations(&served.taxonomy);
    assert!(judgments.queries.len() >= 40);
    let known: HashSet<&str> = served
        .catalogue
        .bites()
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    let mut scores = Vec::new();
    println!(
        "{:4} {:32} {:>5} {:>5} {:>4}  first hits",
        "lang", "query", "P@5", "R@10", "rel"
    );
    for judged in &judgments.queries {
        for id in &judged.relevant {
            assert!(
                known.contains(id.as_str()),
                "{:?}: unknown bite {id}",
                judged.q
            );
        }
        let request = SearchRequest {
            q: judged.q.clone(),
            lang: Some(judged.lang.clone()),
            per_page: Some(10),
            ..Default::default()
        };
        // As the API searches: narrower skills and occupation names.
        let response = served
            .index
            .bites
            .search_recognising(
                &request,
                &oppepala::service::narrower_expansion(&served.taxonomy),
                &occupations,
            )
            .expect("query runs");
        let ranked: Vec<String> = response.hits.iter().map(|h| h.id.to_string()).collect();
        let relevant: HashSet<&str> = judged.relevant.iter().map(String::as_str).collect();
        let (p, r) = precision_recall(&ranked, &relevant);
        println!(
            "{:4} {:32} {p:5.2} {r:5.2} {:4}  {}",
            judged.lang,
            judged.q,
            relevant.len(),
            ranked.iter().take(5).cloned().collect::<Vec<_>>().join(" ")
        );
        scores.push((judged.lang.clone(), p, r));
    }
    let means = means(&scores);
    let mut failures = Vec::new();
    for (key, bar_p, bar_r) in BARS {
        let (p, r, n) = means[key];
        println!(
            "{key:4} n={n:2}  mean P@5 {p:.3} (bar {bar_p:.2})  mean R@10 {r:.3} (bar {bar_r:.2})"
        );
        if p < bar_p || r < bar_r {
            failures.push(format!(
                "{key}: P@5 {p:.3} (bar {bar_p}), R@10 {r:.3} (bar {bar_r})"
            ));
        }
    }
    assert!(failures.is_empty(), "below the quality bar: {failures:?}");
}

#[test]
fn a_query_with_no_relevant_hits_lowers_the_means() {
    let ranked: Vec<String> = ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec();
    let relevant: HashSet<&str> = ["a", "b", "c", "d", "e"].into_iter().collect();
    assert_eq!(precision_recall(&ranked, &relevant), (1.0, 1.0));
    let none: HashSet<&str> = ["x"].into_iter().collect();
    assert_eq!(precision_recall(&ranked, &none), (0.0, 0.0));
    let many: HashSet<&str> = (0..20)
        .map(|i| &*Box::leak(format!("r{i}").into_boxed_str()))
        .chain(["a"])
        .collect();
    assert_eq!(precision_recall(&ranked, &many), (0.2, 0.1));
    let good = ("et".to_string(), 1.0, 1.0);
    let bad = ("et".to_string(), 0.0, 0.0);
    let all = means(&[good.clone(), bad]);
    assert_eq!(all["et"], (0.5, 0.5, 2));
    assert!(all["all"].0 < means(&[good])["all"].0);
}

/// Whether `q` names an occupation in any language's analysis.
fn names_an_occupation(occupations: &oppepala::index::Occupations, q: &str) -> bool {
    use oppepala::index::analysis;
    analysis::TEXT_LANGS.iter().enumerate().any(|(slot, lang)| {
        let mut analyzer = if *lang == "et" {
            analysis::et_with_variants_analyzer()
        } else {
            analysis::stemmed_analyzer(lang)
        };
        !occupations
            .recognise(slot, &analysis::words(&mut analyzer, q))
            .is_empty()
    })
}

#[test]
fn queries_naming_no_occupation_get_the_answer_they_got_before() {
    let served = served();
    let occupations = oppepala::service::occupations(&served.taxonomy);
    let expansion = oppepala::service::narrower_expansion(&served.taxonomy);
    let mut compared = 0;
    for judged in judgments().queries {
        if names_an_occupation(&occupations, &judged.q) {
            continue;
        }
        // Plain, with filters and a second page, and with typos (the
        // fallbacks): scores, snippets, facets and `relaxed` alike.
        for request in [
            SearchRequest {
                q: judged.q.clone(),
                lang: Some(judged.lang.clone()),
                ..Default::default()
            },
            SearchRequest {
                q: judged.q.clone(),
                modes: vec!["online".into(), "blended".into()],
                max_hours: Some(40.0),
                page: Some(2),
                per_page: Some(5),
                ..Default::default()
            },
        ] {
            let plain = served.index.bites.search_with(&request, &expansion);
            let named = served
                .index
                .bites
                .search_recognising(&request, &expansion, &occupations);
            assert_eq!(plain.unwrap(), named.unwrap(), "{:?}", judged.q);
            compared += 1;
        }
    }
    assert!(compared >= 100, "only {compared} requests compared");
}

#[test]
fn a_query_naming_an_occupation_keeps_filters_pages_and_facets() {
    let served = served();
    let occupations = oppepala::service::occupations(&served.taxonomy);
    let search = |request: &SearchRequest| {
        served
            .index
            .bites
            .search_recognising(request, &oppepala::index::NoExpansion, &occupations)
            .expect("query runs")
    };
    let all = search(&SearchRequest {
        q: "кассир".into(),
        lang: Some("ru".into()),
        per_page: Some(100),
        ..Default::default()
    });
    // Names match bites through skills too, never fewer than the word.
    let plain = served
        .index
        .bites
        .search(&SearchRequest {
            q: "кассир".into(),
            lang: Some("ru".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(all.total >= plain.total && !all.relaxed);
    assert!(all.hits[0].id.as_str().starts_with("ret-cash-"));
    let onsite = SearchRequest {
        q: "кассир".into(),
        lang: Some("ru".into()),
        modes: vec!["onsite".into()],
        per_page: Some(3),
        ..Default::default()
    };
    let first = search(&onsite);
    let second = search(&SearchRequest {
        page: Some(2),
        ..onsite.clone()
    });
    assert_eq!(first.facets.mode.len(), 1);
    assert_eq!(first.facets.mode[0].value, "onsite");
    assert_eq!(first.facets.mode[0].count as usize, first.total);
    assert_eq!(first.total, second.total);
    for hit in first.hits.iter().chain(&second.hits) {
        let bite = served.catalogue.bite(hit.id.as_str()).unwrap();
        assert_eq!(bite.mode.as_str(), "onsite");
    }
    let ids = |r: &oppepala::index::SearchResponse| -> Vec<String> {
        r.hits.iter().map(|h| h.id.to_string()).collect()
    };
    assert!(ids(&first).iter().all(|id| !ids(&second).contains(id)));
    // Ranked as in the unfiltered search, filtered.
    let unfiltered_onsite: Vec<String> = all
        .hits
        .iter()
        .filter(|h| served.catalogue.bite(h.id.as_str()).unwrap().mode.as_str() == "onsite")
        .map(|h| h.id.to_string())
        .take(6)
        .collect();
    let mut paged = ids(&first);
    paged.extend(ids(&second));
    assert_eq!(paged, unfiltered_onsite);
}

#[tokio::test]
async fn the_api_recognises_occupations_in_bite_queries() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    let state = super::support::TestApp::state(Config::default());
    for uri in [
        // "кассир"
        "/v1/bites?q=%D0%BA%D0%B0%D1%81%D1%81%D0%B8%D1%80&lang=ru&per_page=5",
        "/v1/bites?q=kassapidajale&lang=et&per_page=5",
    ] {
        let response = oppepala::api::app(state.clone())
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let page: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let hits = page["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 5, "{uri}");
        for hit in hits {
            let id = hit["bite"]["id"].as_str().unwrap();
            assert!(id.starts_with("ret-cash-"), "{uri}: {id}");
        }
    }
    // The names are made once per served taxonomy.
    assert!(state.served.load().made().occupations);
}
