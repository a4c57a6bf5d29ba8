//! The committed inputs of a fuzz target, for the stable replay tests in
//! `crates/*/tests/fuzz_regressions.rs` (included there with `#[path]`; the
//! fuzz targets themselves do not use it).

use std::path::PathBuf;

/// Every committed input of `target`, seeds and regressions; at least one must exist.
pub fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let fuzz = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut out = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("readable fuzz directory").path();
            if path.is_file() {
                let bytes = std::fs::read(&path).expect("readable fuzz input");
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no committed inputs for {target}");
    out
}
