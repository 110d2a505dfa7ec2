//! The modules of `src/` import each other in no circle: every domain builds only on the ones
//! below it (accounts, then moderation and notifications, the shop, notes, social, lists), and
//! what shows several domains at once (the profile, the storefront, search) sits above them all.
//! A circle makes a change in one domain ripple back into itself; this test names the first one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names of the top-level modules that `crate::` paths in `text` refer to, with the line of
/// the first reference to each. Comments are left out (a doc link is no dependency).
fn references(text: &str, modules: &BTreeSet<String>) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let code = match line.trim_start().starts_with("//") {
            true => continue,
            false => line.split(" // ").next().unwrap_or(line),
        };
        for (at, _) in code.match_indices("crate::") {
            let name: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if modules.contains(&name) {
                found.entry(name).or_insert(number + 1);
            }
        }
    }
    found
}

/// module → (module it imports → "file:line" of one such import).
fn graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if name != "lib" && name != "main" && (path.is_dir() || path.extension().is_some_and(|e| e == "rs")) {
            modules.insert(name);
        }
    }
    let mut graph = BTreeMap::new();
    for module in &modules {
        let mut files = Vec::new();
        let dir = src.join(module);
        match dir.is_dir() {
            true => sources(&dir, &mut files),
            false => files.push(src.join(format!("{module}.rs"))),
        }
        let mut edges = BTreeMap::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (target, line) in references(&text, &modules) {
                if &target != module {
                    let place = format!("{}:{line}", file.strip_prefix(&src).unwrap().display());
                    edges.entry(target).or_insert(place);
                }
            }
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

/// A circle through the graph, if there is one, as the modules along it.
fn circle(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph[node].keys() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_another_that_imports_it_back() {
    let graph = graph();
    assert!(graph["notes"].contains_key("shop"), "the scan sees notes' use of the shop: {graph:?}");
    if let Some(found) = circle(&graph) {
        let steps: Vec<String> =
            found.windows(2).map(|w| format!("  {} → {} ({})", w[0], w[1], graph[&w[0]][&w[1]])).collect();
        panic!("these modules import each other in a circle:\n{}", steps.join("\n"));
    }
}

#[test]
fn the_shared_web_layer_and_the_infrastructure_depend_on_no_domain() {
    let graph = graph();
    let infrastructure = ["web", "db", "schema", "config", "jobs", "mail", "media", "outbox"];
    for module in infrastructure {
        let domains: Vec<String> = graph[module]
            .iter()
            .filter(|(target, _)| !infrastructure.contains(&target.as_str()))
            .map(|(target, place)| format!("{target} ({place})"))
            .collect();
        assert!(domains.is_empty(), "{module} depends on {domains:?}");
    }
}

#[test]
fn the_scan_finds_a_circle_when_there_is_one() {
    let mut graph = graph();
    graph.get_mut("accounts").unwrap().insert("profile".into(), "made up".into());
    let found = circle(&graph).expect("accounts → profile → accounts is a circle");
    assert_eq!(found.first(), found.last());
    assert!(found.contains(&"profile".to_string()) && found.contains(&"accounts".to_string()), "{found:?}");
}
