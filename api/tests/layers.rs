//! The API's modules depend one way (README, Development): no two top-level modules or folders of
//! `api/src` reach each other, directly or through others. This reads every `.rs` file, collects
//! the `crate::` paths it uses (`use crate::a::b`, `use crate::{a, b::c}`, `crate::a::f()` inline,
//! `super::` paths that climb to the crate root) and fails naming the first circle it finds.
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Who uses whom: `from` module → `to` module → the files that make the edge.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments, string and character literals, so only code is searched.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        match rest {
            ['/', '/', ..] => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            ['/', '*', ..] => {
                let mut depth = 0;
                while i < chars.len() {
                    if chars[i..].starts_with(&['/', '*']) {
                        depth += 1;
                        i += 2;
                    } else if chars[i..].starts_with(&['*', '/']) {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            ['r', '#' | '"', ..] if !chars.get(i.wrapping_sub(1)).is_some_and(|c| c.is_alphanumeric() || *c == '_') => {
                let hashes = rest[1..].iter().take_while(|c| **c == '#').count();
                if rest.get(1 + hashes) != Some(&'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                i += 2 + hashes;
                while i < chars.len() && !chars[i..].starts_with(&close) {
                    i += 1;
                }
                i += close.len();
                out.push_str("\"\"");
            }
            ['"', ..] => {
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    i += if chars[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                out.push_str("\"\"");
            }
            // A character literal ('x', '\n', '\u{..}'); a lifetime ('a) has no closing quote.
            ['\'', '\\', ..] => {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            ['\'', _, '\'', ..] => i += 3,
            [c, ..] => {
                out.push(*c);
                i += 1;
            }
            [] => unreachable!(),
        }
    }
    out
}

/// The module path of a file below `src`: `a.rs` and `a/mod.rs` are `[a]`, `a/b.rs` is `[a, b]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file = parts.pop().unwrap();
    let stem = file.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn ident_at(code: &str) -> Option<&str> {
    let end = code.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(code.len());
    (end > 0).then(|| &code[..end])
}

/// The first segments of the items of `{a, b::c, d::{e, f}}` that starts `code`.
fn group_items(code: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 1);
    for (i, c) in code.char_indices() {
        match c {
            '{' => depth += 1,
            '}' | ',' if depth == 1 => {
                items.extend(ident_at(code[start..i].trim_start()));
                start = i + 1;
                if c == '}' {
                    break;
                }
            }
            '}' => depth -= 1,
            _ => {}
        }
    }
    items
}

/// The top-level modules `code` (of the module at `path`) names through `crate::` or `super::`.
fn uses(code: &str, path: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let preceded_by_ident = code[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let (mut base, mut after) = if rest.starts_with("crate::") && !preceded_by_ident {
            (Vec::new(), &rest["crate::".len()..])
        } else if rest.starts_with("super::") && !preceded_by_ident {
            (path.to_vec(), rest)
        } else {
            i += rest.chars().next().unwrap().len_utf8();
            continue;
        };
        while let Some(tail) = after.strip_prefix("super::") {
            base.pop();
            after = tail;
        }
        if base.is_empty() {
            if after.starts_with('{') {
                found.extend(group_items(after).into_iter().map(str::to_string));
            } else {
                found.extend(ident_at(after).map(str::to_string));
            }
        } else {
            found.push(base[0].clone());
        }
        i += rest.len() - after.len();
    }
    found
}

fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_path(f.strip_prefix(src).unwrap()).first().cloned()).collect();
    let mut graph = Graph::new();
    for file in &files {
        let relative = file.strip_prefix(src).unwrap();
        let path = module_path(relative);
        // lib.rs is the top: it mounts every module and nothing uses it.
        let Some(from) = path.first() else { continue };
        for to in uses(&code_only(&fs::read_to_string(file).unwrap()), &path) {
            if &to != from && modules.contains(&to) {
                graph.entry(from.clone()).or_default().entry(to).or_default().insert(relative.display().to_string());
            }
        }
    }
    graph
}

/// A circle through `start`, if there is one.
fn circle_from(graph: &Graph, start: &str) -> Option<Vec<String>> {
    fn walk(graph: &Graph, start: &str, at: &str, path: &mut Vec<String>, seen: &mut BTreeSet<String>) -> bool {
        for next in graph.get(at).into_iter().flat_map(|e| e.keys()) {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(graph, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

fn first_circle(graph: &Graph) -> Option<String> {
    graph.keys().find_map(|start| circle_from(graph, start)).map(|circle| {
        let edges: Vec<String> = circle
            .windows(2)
            .map(|w| format!("  {} -> {} ({})", w[0], w[1], graph[&w[0]][&w[1]].iter().cloned().collect::<Vec<_>>().join(", ")))
            .collect();
        format!("{}\n{}", circle.join(" -> "), edges.join("\n"))
    })
}

#[test]
fn no_module_reaches_back_to_itself() {
    let graph = graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    if let Some(circle) = first_circle(&graph) {
        panic!("api/src has a circle of modules (README, Development: a module uses only what is below it):\n{circle}");
    }
}

#[test]
fn every_kind_of_use_is_seen() {
    let code = code_only(
        "use crate::a::b;\nuse crate::{c, d::{e, f}, g};\nfn x() { crate::h::run(); my_crate::i(); super::super::j::k(); }\n\
         // crate::comment\nconst S: &str = \"crate::string\"; const R: &str = r#\"crate::raw\"#; let q = '\"'; fn l<'a>() { super::m::n() }",
    );
    assert_eq!(uses(&code, &["p".into(), "q".into()]), ["a", "c", "d", "g", "h", "j", "p"]);
}
