//! Helpers shared by the integration tests: paths, running the real binary, word sets.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use unicode_normalization::UnicodeNormalization;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled corpus folder.
pub fn corpus() -> PathBuf {
    repo().join("corpus")
}

/// Runs the real `vanban` binary with `args`.
pub fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .output()
        .expect("run vanban")
}

/// Runs the real `vanban` binary with `args` and requires success (its stderr in the failure).
pub fn ok(args: &[&str]) -> Output {
    let out = vanban(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Ingests the files under `dir` into the index at `index`, quietly and without
/// OCR (scans stay `needs_ocr`, so results do not depend on Tesseract), requiring success.
pub fn ingest_without_ocr(index: &Path, dir: &Path) -> Output {
    ok(&[
        "ingest",
        "--quiet",
        "--ocr",
        "never",
        "--index",
        index.to_str().expect("utf-8 index path"),
        dir.to_str().expect("utf-8 folder path"),
    ])
}

/// Every document of the corpus (TXT, PDF, DOCX), sorted.
pub fn corpus_documents() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "txt" | "pdf" | "docx"))
        })
        .collect();
    files.sort();
    files
}

/// Seed stems: the corpus `.txt` files whose name has a gold file.
pub fn seed_stems() -> Vec<String> {
    let mut stems: Vec<String> = std::fs::read_dir(repo().join("tests/gold"))
        .expect("gold dir")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    stems.sort();
    stems
}

/// Corpus files (not .txt) whose name starts with `stem`: its DOCX/PDF renderings and variants.
pub fn renderings(stem: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(stem) && (name.ends_with(".pdf") || name.ends_with(".docx"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn markup_is_stripped_but_brackets_kept() {
    assert_eq!(
        strip_extraction_markup("<p>tuân thủ</p> [bookmark: _GoBack]Hà [1] a<b"),
        "tuân thủ Hà [1] a<b"
    );
}

/// Words (maximal runs of letters and digits) of `text`, NFC and lower-cased, with counts.
pub fn word_counts(text: &str) -> HashMap<String, usize> {
    let nfc: String = text.nfc().collect::<String>().to_lowercase();
    let mut counts = HashMap::new();
    for w in nfc
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(w.to_string()).or_insert(0) += 1;
    }
    counts
}

/// The seed text without the markup its extraction left in (`<p>` tags,
/// `[bookmark: _GoBack]`): those are not words of the document.
pub fn strip_extraction_markup(seed: &str) -> String {
    let mut out = String::with_capacity(seed.len());
    let mut rest = seed;
    while let Some(i) = rest.find(['<', '[']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = if tail.starts_with('<') { '>' } else { ']' };
        let is_markup =
            tail.starts_with("<p>") || tail.starts_with("</p>") || tail.starts_with("[bookmark:");
        match tail.find(close) {
            Some(j) if is_markup => rest = &tail[j + 1..],
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Share of `reference`'s words (with multiplicity) that `candidate` also has.
pub fn coverage(reference: &str, candidate: &str) -> (f64, Vec<String>) {
    let reference = strip_extraction_markup(reference);
    let want = word_counts(&reference);
    let have = word_counts(candidate);
    let total: usize = want.values().sum();
    let mut found = 0;
    let mut missing = Vec::new();
    for (w, &n) in &want {
        let h = have.get(w).copied().unwrap_or(0);
        found += n.min(h);
        if h < n {
            missing.push(format!("{w}×{}", n - h));
        }
    }
    missing.sort();
    (found as f64 / total.max(1) as f64, missing)
}

/// Parses `vanban extract --json` output (JSON Lines) into values.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// The page texts of one extract record joined.
pub fn record_text(record: &serde_json::Value) -> String {
    record["text"]
        .as_array()
        .expect("text array")
        .iter()
        .map(|p| p.as_str().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}
