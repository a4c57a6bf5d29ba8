//! Replays the committed fuzz seeds and crash inputs of the `text_repair` fuzz
//! target (fuzz/corpus, fuzz/regressions) through the very same check, on
//! the stable toolchain.

#[path = "../../../fuzz/src/text_repair.rs"]
mod text_repair;

use std::path::PathBuf;

/// Every committed input of `target`, seeds and regressions; at least one must exist.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
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

#[test]
fn text_repair_inputs_pass_the_fuzz_check() {
    for (path, bytes) in inputs("text_repair") {
        eprintln!("{}", path.display());
        text_repair::check(&bytes);
    }
}
