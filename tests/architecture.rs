//! The layers of ARCHITECTURE.md, checked: every `use crate::…` outside test code must be an arrow of
//! the table "Who may import whom", and every module of `src/` must have a row in it.
//!
//! The table is parsed from ARCHITECTURE.md itself, so the document and the check cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Modules whose imports break the table today, each with the import and the reason. This list only
/// shrinks: a new exception is a design decision for ARCHITECTURE.md's table, not for here.
const KNOWN_EXCEPTIONS: &[(&str, &str)] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The "may import" table: module → allowed modules.
fn parse_table(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let start = text.find("| module      | may import |").expect("ARCHITECTURE.md has the import table");
    let mut table = BTreeMap::new();
    for line in text[start..].lines().skip(2) {
        let line = line.trim();
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 2, "a row of the import table has two cells: {line}");
        let module = cells[0].trim_matches('`').to_owned();
        let allowed = cells[1]
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty() && *name != "—")
            .map(str::to_owned)
            .collect();
        assert!(table.insert(module.clone(), allowed).is_none(), "{module} has two rows");
    }
    table
}

/// The top-level modules of the crate: `src/*.rs` and `src/*/` except the crate roots.
fn modules() -> Vec<(String, Vec<PathBuf>)> {
    let mut found = Vec::new();
    for entry in fs::read_dir(root().join("src")).expect("src/ is readable") {
        let path = entry.expect("src/ entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name").to_owned();
        if path.is_dir() {
            let mut files = Vec::new();
            collect_rs(&path, &mut files);
            found.push((name, files));
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main" {
            found.push((name, vec![path]));
        }
    }
    found.sort();
    found
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a file holds only tests (`tests.rs`, or a file under a `tests/` folder).
fn is_test_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "tests.rs") || path.components().any(|c| c.as_os_str() == "tests")
}

/// The source without comments and without a trailing `#[cfg(test)] mod …` block.
fn code_of(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut code = String::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed == "#[cfg(test)]" && lines.get(i + 1).is_some_and(|next| is_mod_block(next)) {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let without_comment = line.find("//").map_or(*line, |at| &line[..at]);
        code.push_str(without_comment);
        code.push('\n');
    }
    code
}

fn is_mod_block(line: &str) -> bool {
    let line = line.trim();
    let line = line.strip_prefix("pub(crate) ").or_else(|| line.strip_prefix("pub ")).unwrap_or(line);
    line.starts_with("mod ") && line.ends_with('{')
}

/// The first path segment after every `crate::` in the code: `crate::model::Map` gives `model`,
/// `crate::{model::Map, text::{Face, Glyph}}` gives `model` and `text`.
fn crate_imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(offset) = code[at..].find("crate::") {
        let mut i = at + offset + "crate::".len();
        at = i;
        if bytes.get(i) == Some(&b'{') {
            let mut depth = 0;
            let mut item_start = true;
            while i < bytes.len() {
                match bytes[i] {
                    b'{' => {
                        depth += 1;
                        item_start = depth == 1;
                    }
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    b',' if depth == 1 => item_start = true,
                    c if item_start && depth == 1 && (c.is_ascii_alphabetic() || c == b'_') => {
                        let word = identifier(&code[i..]);
                        found.insert(word.to_owned());
                        item_start = false;
                        i += word.len();
                        continue;
                    }
                    _ => {}
                }
                i += 1;
            }
        } else {
            let word = identifier(&code[i..]);
            if !word.is_empty() {
                found.insert(word.to_owned());
            }
        }
    }
    found
}

fn identifier(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

#[test]
fn every_crate_import_follows_the_table_of_architecture_md() {
    let document = fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md exists");
    let table = parse_table(&document);
    let modules = modules();
    let names: BTreeSet<&str> = modules.iter().map(|(name, _)| name.as_str()).collect();

    let mut broken = Vec::new();
    for (module, files) in &modules {
        let Some(allowed) = table.get(module) else {
            broken.push(format!("src/{module} has no row in ARCHITECTURE.md's import table"));
            continue;
        };
        for file in files.iter().filter(|f| !is_test_file(f)) {
            let source = fs::read_to_string(file).expect("source is readable");
            for import in crate_imports(&code_of(&source)) {
                let known = KNOWN_EXCEPTIONS.iter().any(|(m, i)| m == module && *i == import);
                if import != *module
                    && names.contains(import.as_str())
                    && !allowed.contains(&import)
                    && !known
                {
                    let shown = file.strip_prefix(root()).unwrap_or(file).display().to_string();
                    broken.push(format!("{shown}: `{module}` imports `crate::{import}`, not in its row"));
                }
            }
        }
    }
    for row in table.keys() {
        if !names.contains(row.as_str()) {
            broken.push(format!("ARCHITECTURE.md has a row for `{row}`, which is not a module of src/"));
        }
    }
    for (row, allowed) in &table {
        for target in allowed {
            if !table.contains_key(target) {
                broken.push(format!("ARCHITECTURE.md: `{row}` may import `{target}`, which has no row"));
            }
        }
    }
    assert!(broken.is_empty(), "the layers of ARCHITECTURE.md are broken:\n{}", broken.join("\n"));
}

#[test]
fn the_table_of_architecture_md_has_no_cycle() {
    let document = fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md exists");
    let table = parse_table(&document);
    // Kahn's algorithm: repeatedly remove a module whose allowed imports are all removed already.
    let mut left = table.clone();
    while !left.is_empty() {
        let ready: Vec<String> = left
            .iter()
            .filter(|(_, allowed)| allowed.iter().all(|a| !left.contains_key(a)))
            .map(|(m, _)| m.clone())
            .collect();
        assert!(
            !ready.is_empty(),
            "the import table has a cycle among: {:?}",
            left.keys().collect::<Vec<_>>()
        );
        for module in ready {
            left.remove(&module);
        }
    }
}

#[test]
fn the_import_scanner_reads_paths_and_groups() {
    let code = "use crate::model::Map;\nuse crate::{text::{Face, Glyph}, display::Item};\nlet x = crate::lang::Lang::Fr;";
    let found: Vec<String> = crate_imports(code).into_iter().collect();
    assert_eq!(found, ["display", "lang", "model", "text"]);
    let stripped =
        code_of("use crate::a;\n// use crate::b;\n#[cfg(test)]\nmod tests {\n    use crate::c;\n}\n");
    assert_eq!(crate_imports(&stripped).into_iter().collect::<Vec<_>>(), ["a"]);
}
