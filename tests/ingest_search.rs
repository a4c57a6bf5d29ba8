//! Ingest and search through the real binary: Vietnamese-aware matching and
//! ranking, citations both ways, incremental re-ingest, pruning, failures,
//! concurrent search and the ingest lock. Every test has its own temp index.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{corpus, vanban};
use serde_json::Value;

/// A temp folder holding the index (and any small corpus of the test).
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn index(&self) -> String {
        self.dir.path().join("index").to_string_lossy().into_owned()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `vanban ingest --quiet --index I --report R PATHS...`: output and report lines.
    fn ingest(&self, paths: &[&Path], extra: &[&str]) -> (Output, Vec<Value>) {
        let report = self.path("report.jsonl");
        let mut args: Vec<String> = vec![
            "ingest".into(),
            "--quiet".into(),
            "--index".into(),
            self.index(),
            "--report".into(),
            report.to_string_lossy().into_owned(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = vanban(&refs);
        let lines = std::fs::read_to_string(&report)
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("report line is JSON"))
            .collect();
        (out, lines)
    }

    /// Runs a read command with `--index` and `--json`, returning its JSON.
    /// A search matching nothing exits 1 (as grep) and still prints its JSON.
    fn json(&self, args: &[&str]) -> Value {
        let mut full: Vec<&str> = args.to_vec();
        let index = self.index();
        full.extend(["--index", index.as_str(), "--json"]);
        let out = vanban(&full);
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON output");
        let no_match = args[0] == "search" && v["total"] == 0;
        assert_eq!(
            out.status.code(),
            Some(if no_match { 1 } else { 0 }),
            "{full:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        v
    }

    /// File names (not paths) of the files matching `query` (every
    /// rendering of a report, as `--all-files` lists them).
    fn search_names(&self, query: &str) -> Vec<String> {
        let v = self.json(&["search", query, "--limit", "100", "--all-files"]);
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| file_name(h["path"].as_str().unwrap()))
            .collect()
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

fn statuses(report: &[Value]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = report
        .iter()
        .map(|l| {
            (
                file_name(l["path"].as_str().unwrap()),
                l["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Copies the five seed texts into `dir` under their own names.
fn copy_seeds(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for stem in crate::common::seed_stems() {
        let name = format!("{stem}.txt");
        std::fs::copy(corpus().join(&name), dir.join(&name)).unwrap();
    }
}

const SEED_000: &str = "000_1caea9d70ae52738";

#[test]
fn corpus_search_citations_and_unchanged_reingest() {
    let s = Scratch::new();
    let (out, report) = s.ingest(&[&corpus()], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!report.is_empty());
    for (name, status) in statuses(&report) {
        assert!(
            status == "added" || status == "needs_ocr",
            "{name}: {status}"
        );
    }

    // Accents optional: both spellings find every seed about administrative reform.
    let folded: BTreeSet<String> = s.search_names("cai cach hanh chinh").into_iter().collect();
    let exact: BTreeSet<String> = s.search_names("cải cách hành chính").into_iter().collect();
    for stem in [
        "000_1caea9d70ae52738",
        "001_09954975408c523d",
        "002_e34e126762d9ad74",
        "004_96e4fb11d5746ddb",
    ] {
        assert!(
            folded.contains(&format!("{stem}.txt")),
            "{stem} in {folded:?}"
        );
        assert!(
            exact.contains(&format!("{stem}.txt")),
            "{stem} in {exact:?}"
        );
    }
    // The appendix (003) never mentions it.
    assert!(!folded.contains("003_e4290625d62bc623.txt"));
    assert_eq!(folded, exact);

    // Either tone placement.
    let old: BTreeSet<String> = s.search_names("uỷ ban").into_iter().collect();
    let new: BTreeSet<String> = s.search_names("ủy ban").into_iter().collect();
    assert!(!old.is_empty());
    assert_eq!(old, new);

    // Snippets come from the page text, with the page and the hits located.
    let v = s.json(&["search", "cải cách hành chính", "--limit", "1"]);
    let hit = &v["hits"][0];
    let snippet = &hit["snippet"];
    assert!(snippet["page"].as_u64().unwrap() >= 1);
    assert!(snippet["highlighted"].as_str().unwrap().contains('«'));
    assert!(!snippet["hits"].as_array().unwrap().is_empty());
    assert!(v["total"].as_u64().unwrap() >= 4);

    // cited-by: any spelling of the number finds seed 000, with page and sentence.
    for number in ["55/2011/NĐ-CP", "55/2011/ND-CP", "55/2011/NĐ- CP"] {
        let v = s.json(&["cited-by", number]);
        let citing = v["citing"].as_array().unwrap();
        let seed = citing
            .iter()
            .find(|c| file_name(c["document"]["path"].as_str().unwrap()).starts_with(SEED_000))
            .unwrap_or_else(|| panic!("{number}: seed 000 not among {citing:?}"));
        let mention = &seed["references"][0]["mentions"][0];
        assert!(mention["page"].as_u64().unwrap() >= 1);
        assert!(mention["sentence"].as_str().unwrap().contains("55/2011"));
    }

    // cites: by the document's own number; every rendering of seed 000 gives
    // the gold's 41 references, each with its mentions.
    let v = s.json(&["cites", "77/BC-SNgV"]);
    let reports = v.as_array().unwrap();
    assert!(reports
        .iter()
        .any(|r| file_name(r["document"]["path"].as_str().unwrap()) == format!("{SEED_000}.txt")));
    // Scans (OCRed when Tesseract is installed) show only some pages of the seed.
    let full = |r: &&Value| !file_name(r["document"]["path"].as_str().unwrap()).contains("scan");
    for r in reports.iter().filter(full) {
        let refs = r["references"].as_array().unwrap();
        assert_eq!(refs.len(), 41, "{}", r["document"]["path"]);
        assert!(refs
            .iter()
            .all(|x| !x["mentions"].as_array().unwrap().is_empty()));
    }

    // A filter narrows without a query: the seed citing the decree.
    let v = s.json(&["search", "", "--cites", "55/2011/nd-cp", "--limit", "100"]);
    assert!(v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| file_name(h["path"].as_str().unwrap()).starts_with(SEED_000)));
    let v = s.json(&["search", "", "--year", "1900"]);
    assert_eq!(v["total"], 0);

    // Stats count every file (and each report once, see tests/grouping.rs).
    let st = s.json(&["stats"]);
    assert_eq!(st["files"].as_u64().unwrap() as usize, report.len());

    // Nothing changed: nothing is parsed again.
    let (out, again) = s.ingest(&[&corpus()], &[]);
    assert!(out.status.success());
    assert_eq!(again.len(), report.len());
    for (name, status) in statuses(&again) {
        assert_eq!(status, "unchanged", "{name}");
    }
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("0 added, 0 updated"), "{summary}");
}

#[test]
fn exact_spelling_ranks_above_unaccented() {
    let s = Scratch::new();
    let dir = s.path("docs");
    std::fs::create_dir_all(&dir).unwrap();
    let filler = "Báo cáo tình hình thực hiện nhiệm vụ trong kỳ của cơ quan.\n";
    std::fs::write(
        dir.join("plain.txt"),
        format!("{filler}Day manh cai cach thu tuc trong nam.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("marked.txt"),
        format!("{filler}Đẩy mạnh cải cách thủ tục trong năm.\n"),
    )
    .unwrap();
    let (out, _) = s.ingest(&[&dir], &[]);
    assert!(out.status.success());

    let marked_first = s.search_names("cải cách");
    assert_eq!(marked_first, ["marked.txt", "plain.txt"]);
    // Without marks both spellings match.
    let both: BTreeSet<String> = s.search_names("cai cach").into_iter().collect();
    assert_eq!(both.len(), 2);
    // A quoted phrase must appear in order.
    assert_eq!(s.search_names("\"cach cai\""), Vec::<String>::new());
    assert_eq!(s.search_names("\"cải cách thủ tục\"").len(), 2);
    // The human output marks the hit on its page.
    let index = s.index();
    let out = vanban(&["search", "cải cách", "--index", &index]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("p.1: "), "{text}");
    assert!(text.contains("«cải» «cách»"), "{text}");
    // Nothing matching exits 1, as grep, and says so.
    let out = vanban(&["search", "\"cach cai\"", "--index", &index]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document matches"));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("0 documents match"));
    // Amounts as analysts type them.
    for amount in ["1.000.000", "1,5 tỷ", "450 triệu", "2 triệu đồng"] {
        let out = vanban(&["search", "", "--min-amount", amount, "--index", &index]);
        assert_eq!(out.status.code(), Some(1), "{amount}");
    }
    let out = vanban(&["search", "", "--min-amount", "mười", "--index", &index]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid amount"));
}

#[test]
fn changed_files_update_and_pruned_files_go() {
    let s = Scratch::new();
    let dir = s.path("docs");
    copy_seeds(&dir);
    let (out, first) = s.ingest(&[&dir], &[]);
    assert!(out.status.success());
    assert_eq!(first.len(), 5);

    let changed = dir.join("003_e4290625d62bc623.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nPhụ lục bổ sung về chuyển đổi số xanh lam.\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(dir.join("004_96e4fb11d5746ddb.txt")).unwrap();

    // Without --prune the removed file stays indexed.
    let (out, second) = s.ingest(&[&dir], &[]);
    assert!(out.status.success());
    let st = statuses(&second);
    assert!(
        st.contains(&("003_e4290625d62bc623.txt".into(), "updated".into())),
        "{st:?}"
    );
    assert_eq!(
        st.iter().filter(|x| x.1 == "unchanged").count(),
        3,
        "{st:?}"
    );
    assert_eq!(s.json(&["stats"])["documents"], 5);
    assert_eq!(s.search_names("xanh lam"), ["003_e4290625d62bc623.txt"]);

    let (out, third) = s.ingest(&[&dir], &["--prune"]);
    assert!(out.status.success());
    let st = statuses(&third);
    assert!(
        st.contains(&("004_96e4fb11d5746ddb.txt".into(), "removed".into())),
        "{st:?}"
    );
    assert_eq!(
        st.iter().filter(|x| x.1 == "unchanged").count(),
        4,
        "{st:?}"
    );
    assert_eq!(s.json(&["stats"])["documents"], 4);
    // The updated document replaced the old one rather than joining it.
    assert_eq!(s.search_names("xanh lam").len(), 1);
}

#[test]
fn one_bad_file_fails_alone_with_exit_3() {
    let s = Scratch::new();
    let dir = s.path("docs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        corpus().join(format!("{SEED_000}.txt")),
        dir.join("good.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("broken.pdf"), b"%PDF-1.7\n garbage \x00\x01\x02").unwrap();
    std::fs::write(dir.join("notes.json"), b"{}").unwrap();
    let (out, report) = s.ingest(&[&dir], &[]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let st = statuses(&report);
    assert_eq!(
        st,
        [
            ("broken.pdf".to_string(), "failed".to_string()),
            ("good.txt".to_string(), "added".to_string())
        ]
    );
    let failed = report.iter().find(|l| l["status"] == "failed").unwrap();
    assert!(!failed["error"].as_str().unwrap().is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.pdf"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 failed"));
    assert_eq!(s.search_names("cải cách"), ["good.txt"]);
}

#[test]
fn search_during_ingest_and_second_ingest_is_refused() {
    let s = Scratch::new();
    let seeds = s.path("seeds");
    copy_seeds(&seeds);
    let (out, _) = s.ingest(&[&seeds], &[]);
    assert!(out.status.success());

    // Copies committed one by one (each commit syncs to disk) make an ingest
    // that lasts seconds.
    let many = s.path("many");
    std::fs::create_dir_all(&many).unwrap();
    let text = std::fs::read_to_string(corpus().join(format!("{SEED_000}.txt"))).unwrap();
    for i in 0..40 {
        std::fs::write(
            many.join(format!("copy{i:03}.txt")),
            format!("{text}\nBản sao {i}.\n"),
        )
        .unwrap();
    }
    let index = s.index();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "ingest",
            "--quiet",
            "--commit-every",
            "1",
            "--index",
            &index,
        ])
        .arg(&many)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it holds the lock.
    let lock = Path::new(&index).join("vanban-ingest.lock");
    let start = Instant::now();
    while std::fs::read_to_string(&lock).unwrap_or_default().trim() != child.id().to_string() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "ingest never took the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let searched = vanban(&["search", "cải cách hành chính", "--index", &index, "--json"]);
    let second = vanban(&[
        "ingest",
        "--quiet",
        "--index",
        &index,
        seeds.to_str().unwrap(),
    ]);
    let still_running = child.try_wait().unwrap().is_none();
    let status = child.wait().unwrap();
    assert!(status.success());

    assert!(
        searched.status.success(),
        "{}",
        String::from_utf8_lossy(&searched.stderr)
    );
    let v: Value = serde_json::from_slice(&searched.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() >= 4);
    assert!(
        still_running,
        "the ingest ended before the checks; make it longer"
    );
    assert_eq!(second.status.code(), Some(2));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(
        err.contains(&format!("locked by pid {}", child.id())),
        "{err}"
    );
    // The 40 near-identical copies are renderings of seed 000's report.
    assert_eq!(s.json(&["stats"])["files"], 45);
}

#[test]
fn stats_lists_failed_files_until_they_read() {
    let s = Scratch::new();
    let dir = s.path("docs");
    copy_seeds(&dir);
    let broken = dir.join("bao-cao-hong.pdf");
    std::fs::write(&broken, b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n").unwrap();
    let (out, _) = s.ingest(&[&dir], &[]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a failed file makes the exit code 3"
    );

    let stats = s.json(&["stats"]);
    let failed = stats["failed_files"].as_array().expect("failed_files");
    assert_eq!(failed.len(), 1, "{stats}");
    assert_eq!(
        file_name(failed[0]["path"].as_str().unwrap()),
        "bao-cao-hong.pdf"
    );
    assert!(!failed[0]["error"].as_str().unwrap().is_empty());
    let index = s.index();
    let text = vanban(&["stats", "--index", index.as_str()]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("failed files, not indexed (1):"), "{text}");
    assert!(text.contains("bao-cao-hong.pdf: "), "{text}");

    // Once the file reads, it is no longer listed.
    std::fs::write(
        &broken,
        "Báo cáo đã sửa: tình hình thực hiện nhiệm vụ năm 2024.\n",
    )
    .unwrap();
    let (out, _) = s.ingest(&[&dir], &[]);
    assert!(out.status.success());
    assert_eq!(s.json(&["stats"])["failed_files"], serde_json::json!([]));

    // A failed file that is removed goes with --prune.
    let gone = dir.join("hong-nua.docx");
    std::fs::write(&gone, b"PK\x03\x04 not really a zip").unwrap();
    let (out, _) = s.ingest(&[&dir], &[]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        s.json(&["stats"])["failed_files"].as_array().unwrap().len(),
        1
    );
    std::fs::remove_file(&gone).unwrap();
    let (out, _) = s.ingest(&[&dir], &["--prune"]);
    assert!(out.status.success());
    assert_eq!(s.json(&["stats"])["failed_files"], serde_json::json!([]));
}
