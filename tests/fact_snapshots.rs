//! Whole-document snapshots of the facts `vanban extract --json` finds in each
//! corpus file: any change in what is extracted shows up as a snapshot diff.

use crate::common::*;
use serde_json::{json, Value};

fn facts_of(file: &std::path::Path) -> Value {
    // Without OCR: the snapshots are of what the readers and rules find, the same
    // with or without Tesseract (and whatever its version); tests/ocr.rs covers scans.
    let out = vanban(&[
        "extract",
        "--json",
        "--ocr",
        "never",
        file.to_str().expect("utf-8 path"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = json_lines(&out.stdout).remove(0);
    json!({
        "format": rec["format"],
        "pages": rec["pages"],
        "needs_ocr": rec["needs_ocr"],
        "header": rec["header"],
        "references": rec["references"],
        "money": rec["money"],
        "case_counts": rec["case_counts"],
        "periods": rec["periods"],
    })
}

#[test]
fn corpus_facts_match_snapshots() {
    let files = corpus_documents();
    assert!(!files.is_empty());
    for file in files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name")
            .replace('.', "_");
        insta::assert_json_snapshot!(name, facts_of(&file));
    }
}
