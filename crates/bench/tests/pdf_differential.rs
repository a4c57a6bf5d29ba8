//! Differential test of vanban's PDF text interpreter against `pdftotext`
//! (poppler), on every corpus PDF and on generated PDFs: page by page, the
//! same letters in the same order. (It was also checked against pdf-extract,
//! the library it replaced, at similarity 1.0000 on the same files; that
//! comparison was dropped with the dependency, to keep test builds light.)
//!
//! Letters are compared with all whitespace removed, because the interpreter's
//! fixes are about whitespace (letter-spaced words joined, tabs between
//! columns); a page's similarity is the longest common subsequence of the two
//! letter streams over the longer stream.

use std::path::{Path, PathBuf};
use std::process::Command;

use unicode_normalization::UnicodeNormalization;
use vanban_bench::{generate_document, Formats};
use vanban_parse::{pdf::parse_pdf, Limits};

/// Least page similarity to pdftotext; poppler orders some header/footer lines differently.
const MIN_VS_PDFTOTEXT: f64 = 0.97;
/// Generated documents compared (each a few pages).
const GENERATED: u64 = 12;

fn corpus_pdfs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    files
}

fn generated_pdfs() -> Vec<(String, Vec<u8>)> {
    let formats = Formats {
        pdf: true,
        docx: false,
    };
    (0..GENERATED)
        .map(|i| {
            let g = generate_document(7, i, formats).expect("generates");
            (format!("generated #{i}"), g.pdf.expect("pdf bytes"))
        })
        .collect()
}

/// Non-whitespace characters, NFC (producers differ in composed/decomposed marks).
fn letters(text: &str) -> Vec<char> {
    text.nfc().filter(|c| !c.is_whitespace()).collect()
}

/// Longest common subsequence over the longer length; 1.0 when both are empty.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    let mut prev = vec![0u32; b.len() + 1];
    let mut row = vec![0u32; b.len() + 1];
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            row[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                row[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    f64::from(prev[b.len()]) / longer as f64
}

fn ours(bytes: &[u8]) -> Vec<String> {
    parse_pdf(bytes, &Limits::default())
        .expect("parses")
        .page_texts()
}

fn pdftotext_pages(bytes: &[u8]) -> Option<Vec<String>> {
    let dir = tempfile::tempdir().ok()?;
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, bytes).ok()?;
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&input)
        .arg("-")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// Compares page by page; returns the lowest similarity and a line per page below `min`.
fn compare(name: &str, ours: &[String], theirs: &[String], min: f64) -> (f64, Vec<String>) {
    let mut lowest: f64 = 1.0;
    let mut bad = Vec::new();
    for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
        let (a, b) = (letters(a), letters(b));
        if a.is_empty() && b.is_empty() {
            continue;
        }
        let s = similarity(&a, &b);
        lowest = lowest.min(s);
        if s < min {
            bad.push(format!(
                "{name} page {}: similarity {s:.4} ({} vs {} letters)",
                i + 1,
                a.len(),
                b.len()
            ));
        }
    }
    if ours.len() != theirs.len() {
        bad.push(format!(
            "{name}: {} pages vs {} pages",
            ours.len(),
            theirs.len()
        ));
    }
    (lowest, bad)
}

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = corpus_pdfs()
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("reads");
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                bytes,
            )
        })
        .collect();
    all.extend(generated_pdfs());
    all
}

#[test]
fn same_letters_in_the_same_order_as_pdftotext() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        // CI installs poppler-utils, so there a missing pdftotext is a failure.
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext is not installed (apt-get install poppler-utils)"
        );
        eprintln!("pdftotext is not installed (apt-get install poppler-utils); comparison skipped");
        return;
    }
    let mut failures = Vec::new();
    for (name, bytes) in inputs() {
        let Some(theirs) = pdftotext_pages(&bytes) else {
            eprintln!("{name}: pdftotext cannot read it; skipped");
            continue;
        };
        let (lowest, bad) = compare(&name, &ours(&bytes), &theirs, MIN_VS_PDFTOTEXT);
        eprintln!("{name}: lowest page similarity to pdftotext {lowest:.4}");
        failures.extend(bad);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_similarity_measure_sees_order_and_missing_letters() {
    let a = letters("Số 115/2004/QĐ-TTg");
    assert_eq!(similarity(&a, &letters("Số  115 / 2004 /QĐ-TTg")), 1.0);
    assert!(similarity(&a, &letters("QĐ-TTg Số 115/2004/")) < 0.7);
    assert!(similarity(&a, &letters("Số 115/2004")) < 0.7);
}
