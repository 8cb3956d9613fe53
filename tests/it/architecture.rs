//! ARCHITECTURE.md's rules about who may name whom, checked on the
//! sources: no import circle between the library's modules, nor between
//! the files of one module, and the layers (the crates a workspace would
//! make) only ever name layers below them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::support;

/// The layers, lowest first; a module may name modules of its own layer
/// or of a lower one. `core` is the pure planning core, `search` the one
/// user of tantivy, `insight` the models and the labour market, `server`
/// the use cases and their HTTP and page doors, `cli` the command line.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "core",
        &[
            "domain",
            "atomic",
            "telemetry",
            "taxonomy",
            "catalogue",
            "goal",
            "planner",
        ],
    ),
    ("search", &["index", "tagging"]),
    ("insight", &["demand", "ml", "recommend"]),
    ("server", &["config", "service", "api", "web"]),
    ("cli", &["cli"]),
];

/// The code of a file without comments (doc links are not imports).
fn code(text: &str) -> String {
    let text = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `name` in every `prefix::name` of `text`.
fn named_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = text[at + prefix.len()..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect();
        if !name.is_empty() {
            names.insert(name);
        }
    }
    names
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each node and the nodes it names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The circles of `graph` (strongly connected parts of more than one node).
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    // Two nodes are in one circle when each reaches the other.
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(node) = stack.pop() {
            for next in graph.get(&node).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|n| (n, reach(n))).collect();
    let mut found: Vec<Vec<String>> = Vec::new();
    for node in graph.keys() {
        let circle: Vec<String> = graph
            .keys()
            .filter(|other| reaches[node].contains(*other) && reaches[*other].contains(node))
            .cloned()
            .collect();
        if circle.len() > 1 && !found.contains(&circle) {
            found.push(circle);
        }
    }
    found
}

/// Top-level module → the top-level modules its code names, and for each
/// module with files of its own, file → the sibling files it names.
fn graphs() -> (Graph, BTreeMap<String, Graph>) {
    let src = support::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules = Graph::new();
    let mut inner: BTreeMap<String, Graph> = BTreeMap::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        let parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        let top = parts[0].clone();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = code(&std::fs::read_to_string(path).unwrap());
        let named = named_after(&text, "crate::");
        modules
            .entry(top.clone())
            .or_default()
            .extend(named.iter().filter(|n| **n != top).cloned());
        // Files directly in a module's folder, other than its mod.rs.
        if parts.len() == 2 && parts[1] != "mod" {
            let mut siblings = named_after(&text, "super::");
            siblings.extend(named_after(&text, &format!("crate::{top}::")));
            siblings.remove(&parts[1]);
            inner
                .entry(top)
                .or_default()
                .insert(parts[1].clone(), siblings);
        }
    }
    // Only names that are modules (`crate::VERSION` is not one).
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    for named in modules.values_mut() {
        named.retain(|n| known.contains(n));
    }
    for files in inner.values_mut() {
        let known: BTreeSet<String> = files.keys().cloned().collect();
        for named in files.values_mut() {
            named.retain(|n| known.contains(n));
        }
    }
    (modules, inner)
}

#[test]
fn no_import_circle_between_modules_or_the_files_of_one() {
    let (modules, inner) = graphs();
    assert!(modules.len() > 15, "the sources were read: {modules:?}");
    assert_eq!(circles(&modules), Vec::<Vec<String>>::new(), "{modules:#?}");
    for (module, files) in &inner {
        assert_eq!(
            circles(files),
            Vec::<Vec<String>>::new(),
            "inside {module}: {files:#?}"
        );
    }
}

#[test]
fn layers_name_only_layers_below_them() {
    let (modules, _) = graphs();
    let layer_of = |module: &str| {
        LAYERS
            .iter()
            .position(|(_, members)| members.contains(&module))
            .unwrap_or_else(|| panic!("module {module} is in no layer of LAYERS"))
    };
    for (module, named) in &modules {
        let own = layer_of(module);
        for other in named {
            assert!(
                layer_of(other) <= own,
                "{module} ({}) names {other} ({})",
                LAYERS[own].0,
                LAYERS[layer_of(other)].0
            );
        }
    }
}

#[test]
fn the_circle_finder_finds_circles() {
    let graph: Graph = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(circles(&graph), vec![vec!["a", "b", "c"]]);
    assert_eq!(
        named_after("use crate::planner::{x}; supercrate::no", "crate::"),
        BTreeSet::from(["planner".to_string()])
    );
}
