//! One document, several files: the corpus holds every seed as TXT, DOCX and
//! PDF (and legacy-font and decomposed-Unicode variants); search, cited-by
//! and stats show each report once, `--all-files` shows every file, and a
//! rendering ingested later joins its document even after the first file
//! of the group is gone.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{corpus, vanban};
use serde_json::Value;

fn name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// Runs a read command on `index` with `--json`; exit 0 or 1 (no match).
fn json(index: &str, args: &[&str]) -> Value {
    let mut full = args.to_vec();
    full.extend(["--index", index, "--json"]);
    let out = vanban(&full);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{full:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ingest(index: &str, paths: &[&Path], extra: &[&str]) {
    let mut args = vec!["ingest", "--quiet", "--index", index];
    args.extend(extra);
    let paths: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    let out = vanban(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Each hit's files, as sorted name sets.
fn hit_files(v: &Value) -> Vec<BTreeSet<String>> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            h["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| name(f.as_str().unwrap()))
                .collect()
        })
        .collect()
}

/// The corpus files of seed `stem`: its TXT and every rendering.
fn seed_files(stem: &str) -> BTreeSet<String> {
    std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(stem))
        .collect()
}

#[test]
fn corpus_renderings_are_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index").to_string_lossy().into_owned();
    // Without OCR, so the groups do not depend on Tesseract being installed (an
    // OCRed fax can misread the digits of a number and rightly stand alone).
    ingest(&index, &[&corpus()], &["--ocr", "never"]);

    let stems = crate::common::seed_stems();
    let all = json(&index, &["search", "", "--limit", "1000"]);
    let docs = hit_files(&all);
    for stem in &stems {
        let expected = seed_files(stem);
        assert!(expected.len() >= 3, "{stem}: {expected:?}");
        let holding: Vec<&BTreeSet<String>> = docs
            .iter()
            .filter(|f| f.iter().any(|n| expected.contains(n)))
            .collect();
        // With OCR available, the scans of a seed (corpus/scans/, and
        // scan_no_text_layer.pdf for seed 000) read as that seed and join its group.
        assert_eq!(holding.len(), 1, "{stem}: {docs:?}");
        let group = holding[0];
        assert!(
            group.is_superset(&expected),
            "{stem}: {group:?} ⊉ {expected:?}"
        );
        for extra in group.difference(&expected) {
            assert!(
                extra.contains("scan")
                    || extra.contains("fax")
                    || extra.contains("garbled")
                    || extra.contains("ocrlayer")
                    || extra.contains(".rot"),
                "{stem}: {extra} joined"
            );
        }
    }
    // Every file is in exactly one document.
    let files: usize = docs.iter().map(BTreeSet::len).sum();
    let listed: BTreeSet<&String> = docs.iter().flatten().collect();
    assert_eq!(files, listed.len());
    assert_eq!(all["total"].as_u64().unwrap() as usize, docs.len());

    // --all-files: one hit per file.
    let every = json(&index, &["search", "", "--limit", "1000", "--all-files"]);
    assert_eq!(every["total"].as_u64().unwrap() as usize, files);
    assert_eq!(every["hits"].as_array().unwrap().len(), files);

    // A word search shows seed 000 once, listing its files.
    let v = json(&index, &["search", "cải cách hành chính", "--limit", "100"]);
    let seed000: Vec<_> = hit_files(&v)
        .into_iter()
        .filter(|f| f.iter().any(|n| n.starts_with(stems[0].as_str())))
        .collect();
    assert_eq!(seed000, [seed_files(&stems[0])]);

    // cited-by: seed 000 cites 55/2011/NĐ-CP once, with all its files;
    // with --all-files once per file, each with its own mentions.
    let v = json(&index, &["cited-by", "55/2011/NĐ-CP"]);
    let citing = v["citing"].as_array().unwrap();
    let from_000: Vec<&Value> = citing
        .iter()
        .filter(|c| name(c["document"]["path"].as_str().unwrap()).starts_with(stems[0].as_str()))
        .collect();
    assert_eq!(from_000.len(), 1, "{citing:?}");
    assert_eq!(
        from_000[0]["document"]["files"].as_array().unwrap().len(),
        seed_files(&stems[0]).len()
    );
    let v = json(&index, &["cited-by", "55/2011/NĐ-CP", "--all-files"]);
    let per_file = v["citing"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| name(c["document"]["path"].as_str().unwrap()).starts_with(stems[0].as_str()))
        .count();
    assert_eq!(per_file, seed_files(&stems[0]).len());
    for c in v["citing"].as_array().unwrap() {
        let m = &c["references"][0]["mentions"][0];
        assert!(m["page"].as_u64().unwrap() >= 1);
    }

    // Stats count documents, not files; "most cited" counts each citing report once.
    let st = json(&index, &["stats"]);
    assert_eq!(st["documents"].as_u64().unwrap() as usize, docs.len());
    assert_eq!(st["files"].as_u64().unwrap() as usize, files);
    // "Most cited" counts each citing report once: as cited-by lists them.
    let top = st["top_cited"].as_array().unwrap();
    assert!(!top.is_empty());
    for c in top.iter().take(3) {
        let number = c["value"].as_str().unwrap();
        let v = json(&index, &["cited-by", number]);
        let citing = v["citing"].as_array().unwrap().len();
        assert_eq!(c["count"].as_u64().unwrap() as usize, citing, "{number}");
    }
}

#[test]
fn a_later_rendering_joins_and_survives_removal_of_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index").to_string_lossy().into_owned();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let stem = &crate::common::seed_stems()[0];
    let copy = |ext: &str| {
        let from = corpus().join(format!("{stem}.{ext}"));
        let to = docs.join(format!("{stem}.{ext}"));
        std::fs::copy(from, &to).unwrap();
        to
    };
    let txt = copy("txt");
    ingest(&index, &[&docs], &[]);
    copy("docx");
    ingest(&index, &[&docs], &[]);
    let v = json(&index, &["search", "Sở Ngoại vụ"]);
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(hit_files(&v)[0].len(), 2);

    // The first file goes; the group stays with the DOCX, and the PDF joins it.
    std::fs::remove_file(&txt).unwrap();
    copy("pdf");
    ingest(&index, &[&docs], &["--prune"]);
    let v = json(&index, &["search", "Sở Ngoại vụ"]);
    assert_eq!(v["total"], 1, "{v}");
    let files = &hit_files(&v)[0];
    assert_eq!(
        files,
        &BTreeSet::from([format!("{stem}.docx"), format!("{stem}.pdf")])
    );
    // Another report is not pulled in.
    let other = &crate::common::seed_stems()[4];
    std::fs::copy(
        corpus().join(format!("{other}.txt")),
        docs.join(format!("{other}.txt")),
    )
    .unwrap();
    ingest(&index, &[&docs], &[]);
    let st = json(&index, &["stats"]);
    assert_eq!(st["documents"], 2);
    assert_eq!(st["files"], 3);
}
