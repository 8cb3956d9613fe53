//! The embedded default catalogue (`data/`, written by `scripts/gen_catalogue.py`)
//! parses into the domain types, line by line, and refers only to bites that exist.

use std::collections::HashSet;
use std::path::Path;

use oppepala::domain::{Bite, Learner, Qualification, from_json_str};

fn lines(path: &str) -> Vec<(usize, String)> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

#[test]
fn bites_and_qualifications_parse_and_link() {
    let mut ids = HashSet::new();
    for (n, line) in lines("data/bites.jsonl") {
        let bite: Bite =
            from_json_str(&line).unwrap_or_else(|e| panic!("bites.jsonl line {n}: {e}"));
        assert!(
            ids.insert(bite.id.to_string()),
            "duplicate bite id {}",
            bite.id
        );
        assert!(!bite.outcomes.is_empty(), "{} has no outcomes", bite.id);
        assert_eq!(
            bite.region.is_some(),
            bite.mode != oppepala::domain::Mode::Online,
            "{}",
            bite.id
        );
    }
    assert!(ids.len() >= 300, "only {} bites", ids.len());
    let mut quals = 0;
    for (n, line) in lines("data/qualifications.jsonl") {
        let q: Qualification =
            from_json_str(&line).unwrap_or_else(|e| panic!("qualifications.jsonl line {n}: {e}"));
        for b in q
            .requires
            .all_of
            .iter()
            .chain(q.requires.n_of.iter().flat_map(|r| r.of.iter()))
        {
            assert!(
                ids.contains(b.as_str()),
                "{} refers to unknown bite {b}",
                q.id
            );
        }
        for r in &q.requires.n_of {
            assert!(r.n as usize <= r.of.len(), "{}: n_of n > len", q.id);
        }
        quals += 1;
    }
    assert!(quals >= 25, "only {quals} qualifications");
}

#[test]
fn example_learners_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let _: Learner =
                from_json_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            n += 1;
        }
    }
    assert!(n >= 3, "only {n} example learners");
}
