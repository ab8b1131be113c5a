//! The core's top-level modules form no cycle: a module uses another through `crate::name`, and
//! a module that adds methods to `Journal` (`impl Journal`) builds on `journal`. A cycle means
//! two modules can no longer be read, changed or tested one at a time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The non-test source of a file (everything before its `#[cfg(test)]` module).
fn source(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read source");
    match text.find("#[cfg(test)]\nmod ").or_else(|| text.find("#[cfg(test)]\npub(crate) mod ")) {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

fn files_of(path: &Path) -> Vec<std::path::PathBuf> {
    if path.is_dir() {
        let mut all = Vec::new();
        for item in std::fs::read_dir(path).expect("read dir") {
            all.extend(files_of(&item.expect("item").path()));
        }
        all
    } else if path.extension().is_some_and(|e| e == "rs") {
        vec![path.to_path_buf()]
    } else {
        Vec::new()
    }
}

#[test]
fn top_level_modules_form_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules: BTreeMap<String, Vec<std::path::PathBuf>> = BTreeMap::new();
    for item in std::fs::read_dir(&src).expect("src") {
        let path = item.expect("item").path();
        let name = path.file_stem().expect("name").to_string_lossy().into_owned();
        // lib.rs declares the modules; crash_steps is a test module.
        if name != "lib" && name != "crash_steps" && !files_of(&path).is_empty() {
            modules.insert(name, files_of(&path));
        }
    }
    let mut uses: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, files) in &modules {
        let text: String = files.iter().map(|f| source(f)).collect();
        let mut deps = BTreeSet::new();
        for other in modules.keys().filter(|o| *o != name) {
            if text.contains(&format!("crate::{other}"))
                || (other == "journal" && text.contains("impl Journal"))
            {
                deps.insert(other.as_str());
            }
        }
        uses.insert(name, deps);
    }
    // Depth-first search for a path back to where it started.
    for start in uses.keys() {
        let mut stack: Vec<Vec<&str>> = vec![vec![start]];
        while let Some(path) = stack.pop() {
            let last = path[path.len() - 1];
            for next in &uses[last] {
                assert!(next != start, "modules form a cycle: {} → {start}", path.join(" → "));
                if !path.contains(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
    assert!(uses["journal"].contains("backup"), "the scan sees real dependencies: {uses:?}");
}
