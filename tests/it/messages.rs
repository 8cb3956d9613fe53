//! The message catalogue (`oppepala::text`, `crates/core/messages/*.ftl`)
//! from the code's side: every message id the code names exists in every
//! language. (That the languages agree with each other is tested next to
//! the catalogue.)

use std::collections::BTreeSet;
use std::path::Path;

use oppepala::text::{Lang, ids};

use super::support::rust_files;

/// The ids named by `tr!(lang, "id", …)` and `text(lang, "id", …)` in a
/// source file.
fn named_ids(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for opener in ["tr!(", "text::text("] {
        for (start, _) in source.match_indices(opener) {
            let rest = &source[start + opener.len()..];
            // The id is the first string literal after the language argument.
            let Some(comma) = rest.find(',') else {
                continue;
            };
            let after = rest[comma + 1..].trim_start();
            if let Some(literal) = after.strip_prefix('"')
                && let Some(end) = literal.find('"')
            {
                found.push(literal[..end].to_owned());
            }
        }
    }
    found
}

#[test]
fn every_message_the_code_names_is_in_every_language() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "crates"] {
        rust_files(&root.join(dir), &mut files);
    }
    let known: Vec<BTreeSet<String>> = Lang::ALL
        .iter()
        .map(|lang| ids(*lang).into_iter().collect())
        .collect();
    let mut named = 0;
    let mut unknown = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        for id in named_ids(&source) {
            if id == "no-such-message" {
                continue; // the catalogue's own test of a missing id
            }
            named += 1;
            for (lang, ids) in Lang::ALL.iter().zip(&known) {
                if !ids.contains(&id) {
                    unknown.push(format!("{}: {id} ({})", file.display(), lang.code()));
                }
            }
        }
    }
    assert!(named > 0, "no message ids found: the scan is broken");
    assert!(unknown.is_empty(), "ids no catalogue has: {unknown:#?}");
}

#[test]
fn the_scan_finds_ids_in_both_spellings() {
    let source = r#"tr!(lang, "unit-hours", n = 1); text::text(Lang::Et, "unit-weeks", &[])"#;
    assert_eq!(named_ids(source), ["unit-hours", "unit-weeks"]);
}
