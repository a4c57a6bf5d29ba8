//! The RTF, HTML and MHTML renderings of the seeds in corpus/ (LibreOffice's RTF and
//! "Web Page" exports of the corpus DOCX files, and MHT files built from the HTML by
//! tools/corpus/make_corpus.py): each gives back the seed's words, the same facts as
//! the DOCX it was made from, and is recognised by content whatever its name.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::*;

/// Corpus files with one of `exts`, sorted.
fn files_with(exts: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    files.sort();
    files
}

fn extract(path: &Path) -> Value {
    let out = vanban(&["extract", "--json", path.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut records = json_lines(&out.stdout);
    assert_eq!(records.len(), 1, "{}: one record", path.display());
    records.remove(0)
}

/// The DOCX a rendering was made from: `<stem>[.vntime].docx`.
fn docx_of(path: &Path) -> PathBuf {
    path.with_extension("docx")
}

/// The seed text of a rendering (`<stem>.txt`, the stem being the part before the first dot).
fn seed_of(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    let stem = name.split('.').next().expect("stem");
    std::fs::read_to_string(corpus().join(format!("{stem}.txt"))).expect("seed text")
}

/// A fact list without its text positions (which differ when whitespace does).
fn without_positions(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "start" | "end" | "sentence" | "evidence"))
                .map(|(k, v)| (k.clone(), without_positions(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_positions).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_rtf_html_and_mht_rendering_covers_its_seed_words() {
    let files = files_with(&["rtf", "html", "mht"]);
    assert!(
        files.len() >= 14,
        "6 RTF, 6 HTML and 2 MHT files: {files:?}"
    );
    let mut failures = Vec::new();
    for file in &files {
        let rec = extract(file);
        let want = match file.extension().and_then(|e| e.to_str()) {
            Some("rtf") => "rtf",
            _ => "html",
        };
        assert_eq!(rec["format"], want, "{}", file.display());
        let (cov, missing) = coverage(&seed_of(file), &record_text(&rec));
        eprintln!("{}: coverage {cov:.4}", file.display());
        if cov < 0.99 {
            failures.push(format!(
                "{}: {cov:.4} (missing: {})",
                file.display(),
                missing
                    .iter()
                    .take(20)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "coverage below 99%:\n{}",
        failures.join("\n")
    );
}

#[test]
fn facts_equal_those_of_the_docx_they_were_made_from() {
    for file in files_with(&["rtf", "html", "mht"]) {
        let rec = extract(&file);
        let docx = extract(&docx_of(&file));
        assert_eq!(rec["pages"], docx["pages"], "{}: pages", file.display());
        for key in ["header", "references", "money", "case_counts", "periods"] {
            assert_eq!(
                without_positions(&rec[key]),
                without_positions(&docx[key]),
                "{}: {key} differs from the DOCX's",
                file.display()
            );
        }
        assert!(
            !rec["references"].as_array().expect("references").is_empty()
                || !rec["money"].as_array().expect("money").is_empty()
                || rec["header"]["kind"].is_string(),
            "{}: some facts found",
            file.display()
        );
    }
}

#[test]
fn tcvn3_renderings_decode_to_unicode_vietnamese() {
    let files: Vec<PathBuf> = files_with(&["rtf", "html", "mht"])
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".vntime."))
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    for file in files {
        let rec = extract(&file);
        let text = record_text(&rec);
        for phrase in [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Hà Tĩnh, ngày 15 tháng 6 năm 2021",
        ] {
            assert!(text.contains(phrase), "{}: {phrase}", file.display());
        }
        let fonts = rec["meta"]["fonts"].to_string();
        assert!(fonts.contains(".VnTime"), "{}: {fonts}", file.display());
        let encodings = rec["meta"]["encodings"].to_string();
        assert!(
            encodings.contains("TCVN3"),
            "{}: {encodings}",
            file.display()
        );
    }
}

#[test]
fn renderings_are_recognised_by_content_under_any_name() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("003_e4290625d62bc623.rtf", "bao-cao.doc", "rtf"),
        ("004_96e4fb11d5746ddb.html", "ke-hoach.pdf", "html"),
        ("004_96e4fb11d5746ddb.mht", "ke-hoach.doc", "html"),
        ("000_1caea9d70ae52738.vntime.html", "bao-cao.txt", "html"),
    ];
    for (name, renamed, format) in cases {
        let copy = scratch.path().join(renamed);
        std::fs::copy(corpus().join(name), &copy).expect("copy");
        let rec = extract(&copy);
        assert_eq!(rec["format"], format, "{name} as {renamed}");
        let original = extract(&corpus().join(name));
        assert_eq!(rec["text"], original["text"], "{name} as {renamed}");
    }
}

#[test]
fn table_structure_survives_in_rtf_and_html() {
    // Seed 003's body is an 18×6 table; its rows whose cells hold one line each show as
    // lines with 5 tabs (14 of them in the DOCX rendering's text).
    for name in ["003_e4290625d62bc623.rtf", "003_e4290625d62bc623.html"] {
        let text = record_text(&extract(&corpus().join(name)));
        let six_cell_rows = text
            .lines()
            .filter(|l| l.matches('\t').count() == 5)
            .count();
        assert!(
            six_cell_rows >= 14,
            "{name}: {six_cell_rows} rows of 6 cells"
        );
        assert!(text.contains("(1)\t(2)\t(3)\t(4)\t(5)\t(6)"), "{name}");
    }
}
