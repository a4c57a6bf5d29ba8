//! The OCR stage through the real binary, over the scans in corpus/scans/ (made by
//! tools/corpus/make_corpus.py from the seed PDFs): scans come out with text and
//! the references of the pages they show, a garbled invisible layer is replaced,
//! a good one is left alone, readings are cached, and without Tesseract a scan
//! still ingests as `needs_ocr` with a warning that says what to install.
//!
//! Needs `tesseract` (with the `vie` model) and `pdftoppm`; without them the
//! tests that OCR are skipped with a message, except in CI (`CI=true`), where
//! `.ci/run` installs them and their absence is a failure.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::common::*;

/// Whether OCR can run here; panics in CI when it cannot.
fn ocr_available(test: &str) -> bool {
    let found = ["tesseract", "pdftoppm"].iter().all(|program| {
        std::env::var_os("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
    });
    if !found {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "{test}: tesseract/pdftoppm missing in CI; .ci/run installs \
             tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils"
        );
        eprintln!(
            "{test}: SKIPPED: tesseract or pdftoppm is not installed \
             (apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd poppler-utils)"
        );
    }
    found
}

fn scans_dir() -> PathBuf {
    corpus().join("scans")
}

/// The scans with the pages of `<stem>.pdf` each shows (from `corpus/scans/pages.tsv`).
fn scans(kind: &str) -> Vec<(PathBuf, String, Vec<u32>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(scans_dir()).expect("corpus/scans") {
        let path = entry.expect("dir entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some(base) = name.strip_suffix(&format!(".{kind}.pdf")) else {
            continue;
        };
        let listing = std::fs::read_to_string(scans_dir().join("pages.tsv")).expect("pages.tsv");
        let pages = listing
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('\t'))
            .unwrap_or_else(|| panic!("{name} in corpus/scans/pages.tsv"))
            .split_whitespace()
            .map(|n| n.parse().expect("page number"))
            .collect();
        out.push((path.clone(), base.to_string(), pages));
    }
    out.sort();
    out
}

/// Runs vanban with a private OCR cache (and optionally another PATH).
fn run(args: &[&str], cache: &Path, path: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args(args).env("VANBAN_OCR_CACHE", cache);
    if matches!(args.first(), Some(&"extract" | &"ingest")) {
        // The per-page budget is wall time and these tests run beside other
        // builds on shared cores; a page timing out is not what they check.
        cmd.args(["--timeout", "900"]);
    }
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    cmd.output().expect("run vanban")
}

fn extract(files: &[&Path], extra: &[&str], cache: &Path) -> Vec<Value> {
    let mut args = vec!["extract", "--json"];
    args.extend_from_slice(extra);
    let names: Vec<&str> = files
        .iter()
        .map(|f| f.to_str().expect("utf-8 path"))
        .collect();
    args.extend(names);
    let out = run(&args, cache, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout)
}

/// Reference numbers of a record, with the pages their mentions stand on.
fn reference_pages(record: &Value) -> Vec<(String, BTreeSet<u64>)> {
    record["references"]
        .as_array()
        .expect("references")
        .iter()
        .map(|r| {
            let pages = r["mentions"]
                .as_array()
                .expect("mentions")
                .iter()
                .filter_map(|m| m["page"].as_u64())
                .collect();
            (r["number"].as_str().unwrap_or("").to_string(), pages)
        })
        .collect()
}

fn gold_numbers(stem: &str) -> BTreeSet<String> {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join(format!("tests/gold/{stem}.json"))).expect("gold"),
    )
    .expect("gold JSON");
    gold["references"]
        .as_array()
        .expect("gold references")
        .iter()
        .filter_map(|r| r["number"].as_str().map(str::to_string))
        .collect()
}

/// Share of letter-words carrying a Vietnamese diacritic.
fn marked_share(text: &str) -> f64 {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let marked = words.iter().filter(|w| !w.is_ascii()).count();
    marked as f64 / words.len().max(1) as f64
}

/// Whether record `rec` carries a warning of `kind` whose message contains `words`.
fn has_warning(rec: &serde_json::Value, kind: &str, words: &str) -> bool {
    rec["warnings"].as_array().is_some_and(|ws| {
        ws.iter()
            .any(|w| w["kind"] == kind && w["message"].as_str().unwrap_or("").contains(words))
    })
}

#[test]
fn scans_come_out_with_text_and_the_references_of_their_pages() {
    if !ocr_available("scans_come_out_with_text") {
        return;
    }
    let cache = tempfile::tempdir().expect("cache dir");
    let mut all = scans("scan");
    all.extend(scans("fax"));
    all.extend(scans("garbled"));
    assert!(all.len() >= 6, "corpus/scans has the seeds' scans");
    let files: Vec<&Path> = all.iter().map(|(p, _, _)| p.as_path()).collect();
    let records = extract(&files, &[], cache.path());
    let mut report = Vec::new();
    let mut failures = Vec::new();
    let (mut all_hit, mut all_expected) = (0usize, 0usize);
    for ((path, stem, pages), rec) in all.iter().zip(&records) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // What the born-digital rendering cites on the pages the scan shows (gold numbers only).
        let digital = &extract(
            &[&corpus().join(format!("{stem}.pdf"))],
            &["--ocr", "never"],
            cache.path(),
        )[0];
        let gold = gold_numbers(stem);
        let expected: BTreeSet<String> = reference_pages(digital)
            .into_iter()
            .filter(|(n, p)| gold.contains(n) && p.iter().any(|p| pages.contains(&(*p as u32))))
            .map(|(n, _)| n)
            .collect();
        let found: BTreeSet<String> = reference_pages(rec).into_iter().map(|(n, _)| n).collect();
        let hit = expected.intersection(&found).count();
        let recall = hit as f64 / expected.len().max(1) as f64;
        all_hit += hit;
        all_expected += expected.len();
        report.push(format!("{name}: {hit}/{} references", expected.len()));
        // Over all scans at least 0.9 (below); one file may lose more (a 200-dpi fax misreads digits).
        if expected.is_empty() || recall < 0.8 {
            failures.push(format!(
                "{name}: {hit}/{} (missing {:?})",
                expected.len(),
                expected.difference(&found).collect::<Vec<_>>()
            ));
        }
        // Provenance: the document names the engine; every page says it was OCRed.
        assert_eq!(rec["needs_ocr"], false, "{name}");
        assert!(
            rec["meta"]["ocr"]["engine"]
                .as_str()
                .is_some_and(|e| e.starts_with("tesseract ")),
            "{name}: meta.ocr names the engine"
        );
        assert!(
            rec["meta"]["ocr"]["model"]
                .as_str()
                .is_some_and(|m| m.starts_with("vie")),
            "{name}: meta.ocr names the model"
        );
        let ocr_pages = rec["ocr"]["pages"].as_array().expect("ocr.pages");
        assert_eq!(ocr_pages.len(), pages.len(), "{name}: every page OCRed");
        for page in ocr_pages {
            let mean = page["mean_confidence"].as_f64().expect("mean confidence");
            assert!(mean > 50.0 && mean <= 100.0, "{name}: confidence {mean}");
        }
        // Every reference mention on an OCR page is listed with its words' confidences.
        let facts = rec["ocr"]["facts"].as_array().expect("ocr.facts");
        for (i, r) in rec["references"]
            .as_array()
            .expect("refs")
            .iter()
            .enumerate()
        {
            for j in 0..r["mentions"].as_array().expect("mentions").len() {
                let pointer = format!("/references/{i}/mentions/{j}");
                let fact = facts
                    .iter()
                    .find(|f| f["fact"] == pointer.as_str())
                    .unwrap_or_else(|| panic!("{name}: {pointer} has OCR provenance"));
                assert!(!fact["word_confidences"]
                    .as_array()
                    .expect("confs")
                    .is_empty());
                let mention = rec
                    .pointer(&pointer)
                    .unwrap_or_else(|| panic!("{name}: {pointer} resolves"));
                // The fact itself says it was read by OCR, with its weakest word's confidence.
                assert_eq!(mention["ocr"], true, "{name}: {pointer}");
                assert_eq!(
                    mention["ocr_confidence"], fact["min_confidence"],
                    "{name}: {pointer}"
                );
            }
        }
        let text: String = rec["text"]
            .as_array()
            .expect("text")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let share = marked_share(&text);
        assert!(
            share > 0.6,
            "{name}: Vietnamese text ({share:.2} of words marked)"
        );
    }
    eprintln!("{}", report.join("\n"));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let recall = all_hit as f64 / all_expected.max(1) as f64;
    assert!(
        recall >= 0.9,
        "{all_hit}/{all_expected} references found over all scans:\n{}",
        report.join("\n")
    );
}

#[test]
fn garbled_layer_is_replaced_and_good_layer_left_alone() {
    if !ocr_available("garbled_layer_is_replaced") {
        return;
    }
    let cache = tempfile::tempdir().expect("cache dir");
    let (garbled, _, _) = scans("garbled").into_iter().next().expect("a garbled scan");
    let (good, _, _) = scans("ocrlayer")
        .into_iter()
        .next()
        .expect("an OCR-layer scan");
    let text_of = |rec: &Value| -> String {
        rec["text"]
            .as_array()
            .expect("text")
            .iter()
            .filter_map(Value::as_str)
            .collect()
    };

    let kept = &extract(&[&garbled], &["--ocr", "never"], cache.path())[0];
    assert!(
        marked_share(&text_of(kept)) < 0.05,
        "the layer itself has no marks"
    );
    assert!(kept.get("ocr").is_none());

    let replaced = &extract(&[&garbled], &[], cache.path())[0];
    assert!(marked_share(&text_of(replaced)) > 0.6);
    assert_eq!(replaced["ocr"]["pages"][0]["replaced_text_layer"], true);
    assert!(has_warning(replaced, "text_repaired", "Vietnamese check"));

    let layer = &extract(&[&good], &["--ocr", "never"], cache.path())[0];
    let auto = &extract(&[&good], &[], cache.path())[0];
    assert!(auto.get("ocr").is_none(), "a good layer is not OCRed");
    assert!(auto["meta"].get("ocr").is_none());
    assert_eq!(text_of(auto), text_of(layer));

    let forced = &extract(&[&good], &["--ocr", "always"], cache.path())[0];
    assert_eq!(forced["ocr"]["pages"].as_array().map(Vec::len), Some(1));
}

#[test]
fn pages_scanned_sideways_and_upside_down_are_read_upright() {
    if !ocr_available("pages_scanned_sideways") {
        return;
    }
    let cache = tempfile::tempdir().expect("cache dir");
    let mut turned = scans("rot90");
    turned.extend(scans("rot180"));
    assert_eq!(
        turned.len(),
        2,
        "corpus/scans has a page turned 90° and one turned 180°"
    );
    let files: Vec<&Path> = turned.iter().map(|(p, _, _)| p.as_path()).collect();
    let records = extract(&files, &[], cache.path());
    for ((path, stem, pages), rec) in turned.iter().zip(&records) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let digital = &extract(
            &[&corpus().join(format!("{stem}.pdf"))],
            &["--ocr", "never"],
            cache.path(),
        )[0];
        // Read upright, the page is the digital page: same header number, same references.
        assert!(
            digital["header"]["number"].is_string(),
            "{stem}.pdf has a number"
        );
        assert_eq!(
            rec["header"]["number"], digital["header"]["number"],
            "{name}"
        );
        let expected: BTreeSet<String> = reference_pages(digital)
            .into_iter()
            .filter(|(_, p)| p.iter().any(|p| pages.contains(&(*p as u32))))
            .map(|(n, _)| n)
            .collect();
        let found: BTreeSet<String> = reference_pages(rec).into_iter().map(|(n, _)| n).collect();
        let hit = expected.intersection(&found).count();
        assert!(
            !expected.is_empty() && hit * 10 >= expected.len() * 9,
            "{name}: {hit}/{} references (missing {:?})",
            expected.len(),
            expected.difference(&found).collect::<Vec<_>>()
        );
        let text = rec["text"][0].as_str().expect("page text");
        // Upside-down or sideways text read as is would be letter soup, not Vietnamese.
        assert!(marked_share(text) > 0.6, "{name}: {text}");
        let mean = rec["ocr"]["pages"][0]["mean_confidence"]
            .as_f64()
            .expect("confidence");
        assert!(mean > 70.0, "{name}: confidence {mean}");
    }
}

#[test]
fn readings_are_cached_by_page_image() {
    if !ocr_available("readings_are_cached") {
        return;
    }
    let cache = tempfile::tempdir().expect("cache dir");
    let (scan, _, _) = scans("scan")
        .into_iter()
        .find(|(_, _, pages)| pages.len() == 1)
        .expect("a one-page scan");
    let first = &extract(&[&scan], &[], cache.path())[0];
    let cached: Vec<PathBuf> = walk(cache.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    assert_eq!(cached.len(), 1, "one reading per page image");
    // Change the cached reading: a second run must show the change, so it did not OCR again.
    let tsv = std::fs::read_to_string(&cached[0]).expect("cached tsv");
    let word = first["text"][0]
        .as_str()
        .and_then(|t| t.split_whitespace().find(|w| w.chars().count() >= 4))
        .expect("a word")
        .to_string();
    std::fs::write(
        &cached[0],
        tsv.replacen(&format!("\t{word}\n"), "\tCACHEDWORD\n", 1),
    )
    .expect("edit cache");
    let second = &extract(&[&scan], &[], cache.path())[0];
    assert!(second["text"][0]
        .as_str()
        .is_some_and(|t| t.contains("CACHEDWORD")));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn without_tesseract_a_scan_ingests_as_needs_ocr_and_says_what_to_install() {
    let cache = tempfile::tempdir().expect("cache dir");
    let index = tempfile::tempdir().expect("index dir");
    let (scan, _, _) = scans("scan").into_iter().next().expect("a scan");
    let scan = scan.to_str().expect("utf-8 path");
    // An empty PATH: no tesseract, no pdftoppm (vanban finds its PDF workers by its own path).
    let out = run(&["extract", "--json", scan], cache.path(), Some(""));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec = &json_lines(&out.stdout)[0];
    assert_eq!(rec["needs_ocr"], true);
    assert!(rec.get("ocr").is_none());
    assert!(has_warning(
        rec,
        "needs_ocr",
        "apt-get install tesseract-ocr tesseract-ocr-vie"
    ));
    let index = index.path().join("idx");
    let out = run(
        &[
            "ingest",
            "-q",
            "--index",
            index.to_str().expect("utf-8"),
            scan,
        ],
        cache.path(),
        Some(""),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 needs OCR"), "{stdout}");
}

#[test]
fn ingested_scans_are_searchable_without_accents() {
    if !ocr_available("ingested_scans_are_searchable") {
        return;
    }
    let cache = tempfile::tempdir().expect("cache dir");
    let index = tempfile::tempdir().expect("index dir");
    let index = index.path().join("idx");
    let index = index.to_str().expect("utf-8");
    let dir = scans_dir();
    let out = run(
        &[
            "ingest",
            "-q",
            "--index",
            index,
            dir.to_str().expect("utf-8"),
        ],
        cache.path(),
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(" 0 needs OCR"), "{stdout}");
    for query in ["cải cách hành chính", "cai cach hanh chinh"] {
        let out = run(&["search", "--index", index, query], cache.path(), None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let hits = String::from_utf8_lossy(&out.stdout);
        assert!(
            hits.contains(".scan.pdf") && hits.contains(".fax.pdf"),
            "{query}: {hits}"
        );
        assert!(hits.contains("(OCR, confidence "), "{query}: {hits}");
    }
    // OCR provenance in the index: a filter, a flag on every hit, and the export columns.
    let digital = corpus().join("003_e4290625d62bc623.pdf");
    let out = run(
        &[
            "ingest",
            "-q",
            "--index",
            index,
            digital.to_str().expect("utf-8"),
        ],
        cache.path(),
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let search_json = |extra: &[&str]| -> Value {
        let mut args = vec![
            "search",
            "--index",
            index,
            "--json",
            "--all-files",
            "--limit",
            "100",
        ];
        args.extend_from_slice(extra);
        args.push("");
        let out = run(&args, cache.path(), None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("search JSON")
    };
    let paths = |v: &Value| -> Vec<String> {
        v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .filter_map(|h| h["path"].as_str().map(str::to_string))
            .collect()
    };
    let all = search_json(&[]);
    assert!(paths(&all)
        .iter()
        .any(|p| p.ends_with("003_e4290625d62bc623.pdf")));
    let ocred = search_json(&["--ocr-only"]);
    let ocred_paths = paths(&ocred);
    // Every scan was OCRed; the born-digital PDF and the good OCR layer were not.
    assert_eq!(ocred_paths.len(), paths(&all).len() - 2, "{ocred_paths:?}");
    assert!(ocred_paths
        .iter()
        .all(|p| !p.ends_with("003_e4290625d62bc623.pdf") && !p.ends_with(".ocrlayer.pdf")));
    for hit in ocred["hits"].as_array().expect("hits") {
        assert_eq!(hit["ocr"], true, "{hit}");
    }
    let out_dir = tempfile::tempdir().expect("export dir");
    let csv_dir = out_dir.path().join("csv");
    let out = run(
        &[
            "export",
            "--index",
            index,
            "--format",
            "csv",
            "--out",
            csv_dir.to_str().expect("utf-8"),
        ],
        cache.path(),
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = |name: &str| -> Vec<std::collections::HashMap<String, String>> {
        let mut reader =
            csv::Reader::from_path(csv_dir.join(format!("{name}.csv"))).expect("table file");
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        reader
            .records()
            .map(|r| {
                let r = r.expect("row");
                header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect()
            })
            .collect()
    };
    let documents = table("documents");
    let mut scans_seen = 0;
    for row in &documents {
        let path = &row["path"];
        let pages: u64 = row["ocr_pages"].parse().expect("ocr_pages");
        if path.ends_with(".ocrlayer.pdf") || path.ends_with("003_e4290625d62bc623.pdf") {
            assert_eq!(pages, 0, "{path}");
            assert_eq!(row["ocr_min_confidence"], "", "{path}");
            assert_eq!(row["ocr_engine"], "", "{path}");
            continue;
        }
        scans_seen += 1;
        assert!(pages >= 1, "{path}");
        let conf: u64 = row["ocr_min_confidence"]
            .parse()
            .expect("ocr_min_confidence");
        assert!(conf > 50 && conf <= 100, "{path}: {conf}");
        assert!(row["ocr_engine"].starts_with("tesseract "), "{path}");
    }
    assert!(scans_seen >= 6, "{scans_seen}");
    let references = table("references");
    let ocred: Vec<_> = references.iter().filter(|r| r["ocr"] == "true").collect();
    assert!(!ocred.is_empty(), "some reference row is marked OCR");
    for r in &references {
        let conf = &r["ocr_confidence"];
        if r["ocr"] == "true" {
            assert!(conf.parse::<u8>().is_ok_and(|c| c <= 100), "{r:?}");
        } else {
            assert_eq!(r["ocr"], "false");
            assert_eq!(conf, "", "{r:?}");
        }
    }
}

/// The image-only Word documents of tests/ocr-inputs/ (made by
/// tools/corpus/make_image_only.py) with the seed pages they show, in order.
fn image_only_documents() -> Vec<(PathBuf, String, Vec<u32>)> {
    let dir = repo().join("tests/ocr-inputs");
    let listing =
        std::fs::read_to_string(dir.join("pages.tsv")).expect("tests/ocr-inputs/pages.tsv");
    listing
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(name, pages)| {
            let stem = name.split('.').next().expect("stem").to_string();
            let pages = pages
                .split_whitespace()
                .map(|n| n.parse().expect("page number"))
                .collect();
            (dir.join(name), stem, pages)
        })
        .collect()
}

#[test]
fn image_only_word_documents_are_read_page_by_page() {
    let docs = image_only_documents();
    let kinds: BTreeSet<&str> = docs
        .iter()
        .filter_map(|(p, _, _)| p.extension().and_then(|e| e.to_str()))
        .collect();
    assert_eq!(kinds, BTreeSet::from(["doc", "docx"]), "{docs:?}");
    if !ocr_available("image_only_word_documents") {
        return;
    }
    let cache = tempfile::tempdir().expect("cache dir");
    for (path, stem, pages) in &docs {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let without = &extract(&[path], &["--ocr", "never"], cache.path())[0];
        assert_eq!(without["needs_ocr"], true, "{name}: pictures only");
        assert!(without.get("ocr").is_none());

        let rec = &extract(&[path], &[], cache.path())[0];
        assert_eq!(rec["needs_ocr"], false, "{name}: {}", rec["warnings"]);
        // One page per picture, in document order: each reads as its seed page.
        assert_eq!(rec["pages"].as_u64(), Some(pages.len() as u64), "{name}");
        let digital = &extract(
            &[&corpus().join(format!("{stem}.pdf"))],
            &["--ocr", "never"],
            cache.path(),
        )[0];
        assert_eq!(
            rec["header"]["number"], digital["header"]["number"],
            "{name}: the header's số"
        );
        assert!(
            rec["header"]["number"]
                .as_str()
                .is_some_and(|n| n.contains("77/BC-SNgV")),
            "{name}: {}",
            rec["header"]
        );
        let gold = gold_numbers(stem);
        let found = reference_pages(rec);
        let (mut hit, mut expected) = (0, 0);
        for (number, digital_pages) in reference_pages(digital) {
            if !gold.contains(&number) {
                continue;
            }
            for (i, page) in pages.iter().enumerate() {
                if digital_pages.contains(&u64::from(*page)) {
                    expected += 1;
                    // The seed's page `page` is the document's page `i + 1`.
                    let on_page = found
                        .iter()
                        .any(|(n, p)| *n == number && p.contains(&(i as u64 + 1)));
                    hit += usize::from(on_page);
                }
            }
        }
        assert!(expected >= 5, "{name}: the pages cite documents");
        assert!(
            hit as f64 >= 0.9 * expected as f64,
            "{name}: {hit}/{expected} references on their pages"
        );
        // Provenance: engine and model named, every page OCRed, facts marked.
        assert!(
            rec["meta"]["ocr"]["engine"]
                .as_str()
                .is_some_and(|e| e.starts_with("tesseract ")),
            "{name}"
        );
        let ocr_pages: Vec<u64> = rec["ocr"]["pages"]
            .as_array()
            .expect("ocr.pages")
            .iter()
            .filter_map(|p| p["page"].as_u64())
            .collect();
        assert_eq!(
            ocr_pages,
            (1..=pages.len() as u64).collect::<Vec<_>>(),
            "{name}"
        );
        assert_eq!(rec["references"][0]["mentions"][0]["ocr"], true, "{name}");
        let text: String = rec["text"]
            .as_array()
            .expect("text")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(text.contains("Hà Tĩnh"), "{name}");
        assert!(marked_share(&text) > 0.6, "{name}: Vietnamese text");
    }
}

#[test]
fn without_tesseract_an_image_only_word_document_says_what_to_install() {
    let cache = tempfile::tempdir().expect("cache dir");
    for (path, _, _) in image_only_documents() {
        let out = run(
            &["extract", "--json", path.to_str().expect("utf-8")],
            cache.path(),
            Some(""),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rec = &json_lines(&out.stdout)[0];
        assert_eq!(rec["needs_ocr"], true);
        assert!(has_warning(rec, "needs_ocr", "tesseract-ocr-vie"));
    }
}
