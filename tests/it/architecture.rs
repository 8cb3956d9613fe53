//! ARCHITECTURE.md's rules about who may name whom, checked on the
//! sources: no import circle between the library's modules, nor between
//! the files of one module, and the layers (the crates a workspace would
//! make) only ever name layers below them.

use std::collections::{BTreeMap, BTreeSet};

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
            "text",
            "atomic",
            "telemetry",
            "taxonomy",
            "catalogue",
            "goal",
            "planner",
        ],
    ),
    ("search", &["index", "tagging"]),
    ("insight", &["allocate", "demand", "ml", "recommend"]),
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

/// The module paths named in `text` (code of the module at `module`):
/// `crate::a::b`, `super::x` and `self::x` resolved to absolute paths, and
/// each name of a `prefix::{x, y}` group.
fn named_paths(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = Vec::new();
    // The crates of the workspace are one namespace: the root crate
    // re-exports each lower crate's modules under their own names.
    for prefix in [
        "crate::",
        "super::",
        "self::",
        "oppepala_core::",
        "oppepala_search::",
        "oppepala_insight::",
    ] {
        for (at, _) in text.match_indices(prefix) {
            // Not inside another name or path (`super::super::x` once).
            if text[..at].chars().next_back().is_some_and(is_ident) || text[..at].ends_with("::") {
                continue;
            }
            let mut base: Vec<String> = match prefix {
                "super::" => module[..module.len().saturating_sub(1)].to_vec(),
                "self::" => module.to_vec(),
                _ => Vec::new(),
            };
            let mut rest = &text[at + prefix.len()..];
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                for item in group.split(',') {
                    let name: String = item.trim().chars().take_while(|c| is_ident(*c)).collect();
                    if !name.is_empty() && name != "self" {
                        found.push([base.clone(), vec![name]].concat());
                    }
                }
                continue;
            }
            let mut path = base;
            for segment in rest.split("::") {
                let name: String = segment.chars().take_while(|c| is_ident(*c)).collect();
                if name.is_empty() {
                    break;
                }
                let whole = name.len() == segment.len();
                path.push(name);
                if !whole {
                    break;
                }
            }
            found.push(path);
        }
    }
    found
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

/// The source folders of the workspace's crates.
fn source_folders() -> Vec<std::path::PathBuf> {
    let root = support::root();
    let mut folders = vec![root.join("src")];
    for name in ["core", "search", "insight"] {
        folders.push(root.join("crates").join(name).join("src"));
    }
    folders
}

/// Every module of the library, in every crate of the workspace (by path:
/// `["index", "bites", "query"]`), with the module paths its code names.
fn modules() -> BTreeMap<Vec<String>, Vec<Vec<String>>> {
    let mut files = Vec::new();
    for src in source_folders() {
        let mut found = Vec::new();
        support::rust_files(&src, &mut found);
        files.extend(found.into_iter().map(|file| (src.clone(), file)));
    }
    let mut modules: BTreeMap<Vec<String>, Vec<Vec<String>>> = BTreeMap::new();
    for (src, path) in &files {
        let relative = path.strip_prefix(src).unwrap();
        let mut module: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        if module == ["lib"] || module == ["main"] {
            continue;
        }
        let text = code(&std::fs::read_to_string(path).unwrap());
        let named = named_paths(&text, &module);
        modules.entry(module).or_default().extend(named);
    }
    modules
}

/// For each module with modules inside it (the library itself is `[]`):
/// its child modules and the siblings each of them names (through any
/// module inside it).
fn graphs() -> BTreeMap<Vec<String>, Graph> {
    let modules = modules();
    let mut graphs: BTreeMap<Vec<String>, Graph> = BTreeMap::new();
    for module in modules.keys() {
        for depth in 0..module.len() {
            graphs
                .entry(module[..depth].to_vec())
                .or_default()
                .entry(module[depth].clone())
                .or_default();
        }
    }
    for (module, named) in &modules {
        for depth in 0..module.len() {
            let parent = &module[..depth];
            let child = &module[depth];
            let siblings = graphs.get(parent).unwrap().clone();
            let edges = graphs.get_mut(parent).unwrap().get_mut(child).unwrap();
            for path in named {
                if path.len() > depth
                    && path[..depth] == *parent
                    && path[depth] != *child
                    && siblings.contains_key(&path[depth])
                {
                    edges.insert(path[depth].clone());
                }
            }
        }
    }
    graphs
}

#[test]
fn no_import_circle_between_modules_or_the_files_of_one() {
    let graphs = graphs();
    assert!(graphs[&Vec::new()].len() > 15, "the sources were read");
    assert!(
        graphs.contains_key(&vec!["index".to_string(), "bites".to_string()]),
        "nested folders are read"
    );
    for (module, children) in &graphs {
        assert_eq!(
            circles(children),
            Vec::<Vec<String>>::new(),
            "inside {}: {children:#?}",
            if module.is_empty() {
                "the library".to_string()
            } else {
                module.join("::")
            }
        );
    }
}

#[test]
fn layers_name_only_layers_below_them() {
    let graphs = graphs();
    let layer_of = |module: &str| {
        LAYERS
            .iter()
            .position(|(_, members)| members.contains(&module))
            .unwrap_or_else(|| panic!("module {module} is in no layer of LAYERS"))
    };
    for (module, named) in &graphs[&Vec::new()] {
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
    let module = vec![
        "index".to_string(),
        "bites".to_string(),
        "query".to_string(),
    ];
    let named = named_paths(
        "use crate::planner::{x}; supercrate::no; use super::{open, variants::Word}; \
         super::super::analysis::f",
        &module,
    );
    let joined: Vec<String> = named.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        joined,
        [
            "planner",
            "index::bites::open",
            "index::bites::variants",
            "index::analysis::f"
        ]
    );
}

/// The image builds the workspace as Cargo.toml declares it: every COPY
/// source exists, and every member crate and every declared bench target
/// is inside what is copied (a missing one makes cargo refuse the
/// manifest). No Docker engine runs here, so this reads the files.
#[test]
fn the_dockerfile_copies_every_target_the_manifest_names() {
    let root = support::root();
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    let build_stage = dockerfile
        .split("\nFROM ")
        .find(|stage| stage.contains("cargo build"))
        .expect("a build stage");
    let copied: Vec<String> = build_stage
        .lines()
        .filter_map(|line| line.strip_prefix("COPY "))
        .filter(|line| !line.starts_with("--from"))
        .flat_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            words[..words.len() - 1]
                .iter()
                .map(|w| w.trim_start_matches("./").to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for source in &copied {
        assert!(root.join(source).exists(), "COPY {source}: no such file");
    }
    let is_copied = |path: &str| {
        copied
            .iter()
            .any(|c| path == c || path.starts_with(&format!("{c}/")))
    };
    for file in ["Cargo.toml", "Cargo.lock", "src/main.rs", "src/lib.rs"] {
        assert!(is_copied(file), "{file} is not copied");
    }
    let members = manifest["workspace"]["members"].as_array().unwrap();
    for member in members.iter().map(|m| m.as_str().unwrap()) {
        if member != "." {
            assert!(
                is_copied(&format!("{member}/Cargo.toml")),
                "{member} is not copied"
            );
        }
    }
    for bench in manifest["bench"].as_array().unwrap() {
        let name = bench["name"].as_str().unwrap();
        assert!(
            is_copied(&format!("benches/{name}.rs")),
            "bench {name} is not copied"
        );
    }
}

/// Every base image of the Dockerfile is pinned by digest (issue 20, item
/// 8): a tag alone may point to other bytes tomorrow.
#[test]
fn every_base_image_is_pinned_by_digest() {
    let dockerfile = std::fs::read_to_string(support::root().join("Dockerfile")).unwrap();
    let images: Vec<&str> = dockerfile
        .lines()
        .filter_map(|line| line.strip_prefix("FROM "))
        .map(|rest| rest.split_whitespace().next().unwrap_or(""))
        .collect();
    assert!(images.len() >= 2, "{images:?}");
    for image in images {
        let digest = image.split_once("@sha256:").map(|(_, d)| d);
        assert!(
            digest.is_some_and(|d| d.len() == 64 && d.bytes().all(|b| b.is_ascii_hexdigit())),
            "FROM {image}: not pinned by digest (scripts/pin-images.sh)"
        );
    }
}
