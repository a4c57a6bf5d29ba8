//! Crash safety: `vanban ingest` killed with SIGKILL at random points keeps
//! what it committed, leaves an index that opens, and a re-run finishes the
//! job with every file indexed exactly once. (A second ingest while one runs
//! is refused with "locked by pid N": `ingest_search.rs`,
//! `search_during_ingest_and_second_ingest_is_refused`.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{corpus, seed_stems, vanban};
use serde_json::Value;

/// Files in the generated corpus (plus the copied DOCX and PDF files).
const TEXT_FILES: usize = 1_200;
/// Killed runs before the run that completes.
const KILLED_RUNS: usize = 5;

/// A small xorshift generator: the test logs its seed so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Writes the corpus: text files cut from the seed texts, each with a unique
/// marker, and copies of the DOCX and PDF renderings; returns every file.
fn build_corpus(dir: &Path, rng: &mut Rng) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("corpus dir");
    let seeds: Vec<String> = seed_stems()
        .iter()
        .map(|s| std::fs::read_to_string(corpus().join(format!("{s}.txt"))).expect("seed"))
        .collect();
    let mut files = Vec::new();
    for i in 0..TEXT_FILES {
        let seed = &seeds[i % seeds.len()];
        // Varied lengths, cut at a character boundary.
        let mut cut = 2_000 + rng.below(seed.len() as u64 - 2_000) as usize;
        while !seed.is_char_boundary(cut) {
            cut -= 1;
        }
        let path = dir.join(format!("van-ban-{i:04}.txt"));
        std::fs::write(&path, format!("Bản lưu trữ số {i}\n{}\n", &seed[..cut])).expect("write");
        files.push(path);
    }
    for stem in seed_stems() {
        for ext in ["docx", "pdf"] {
            let name = format!("{stem}.{ext}");
            let path = dir.join(&name);
            std::fs::copy(corpus().join(&name), &path).expect("copy");
            files.push(path);
        }
    }
    files
}

fn documents(index: &str) -> u64 {
    let out = vanban(&["stats", "--index", index, "--json"]);
    assert!(
        out.status.success(),
        "the index must open: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    v["files"].as_u64().expect("files count")
}

fn ingest_command(index: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
    cmd.args([
        "ingest",
        "--quiet",
        "--commit-every",
        "20",
        "--commit-secs",
        "1",
        "--index",
        index,
    ])
    .arg(dir);
    cmd
}

#[test]
fn killed_ingests_lose_only_their_uncommitted_tail() {
    let seed = std::env::var("VANBAN_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("crash test seed {seed} (set VANBAN_CRASH_SEED={seed} to replay)");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("docs");
    let files = build_corpus(&dir, &mut rng);
    let total = files.len() as u64;
    let index = tmp.path().join("index").to_string_lossy().into_owned();

    let mut kills_after_a_commit = 0;
    for run in 0..KILLED_RUNS {
        let mut child = ingest_command(&index, &dir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ingest");
        let delay = Duration::from_millis(50 + rng.below(1_500));
        let started = Instant::now();
        while started.elapsed() < delay && child.try_wait().expect("try_wait").is_none() {
            std::thread::sleep(Duration::from_millis(10));
        }
        // What is committed now must survive the kill.
        let committed_before = if Path::new(&index).join("meta.json").exists() {
            documents(&index)
        } else {
            0
        };
        let finished = child.try_wait().expect("try_wait").is_some();
        child.kill().expect("SIGKILL");
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            !stderr.contains("locked"),
            "a killed ingest left its lock: {stderr}"
        );
        let after = documents(&index);
        eprintln!(
            "run {run}: killed after {delay:?}{}; {committed_before} committed before, {after} after",
            if finished { " (it had already finished)" } else { "" }
        );
        assert!(
            after >= committed_before,
            "run {run}: {committed_before} committed documents before SIGKILL, {after} after"
        );
        assert!(
            after <= total,
            "run {run}: {after} documents for {total} files"
        );
        if committed_before > 0 && !finished {
            kills_after_a_commit += 1;
        }
    }
    assert!(
        kills_after_a_commit > 0,
        "no kill landed mid-ingest after a commit; make the ingest longer"
    );

    // A run to completion redoes the tail.
    let report = tmp.path().join("report.jsonl");
    let out = ingest_command(&index, &dir)
        .arg("--report")
        .arg(&report)
        .output()
        .expect("final ingest");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let lines: Vec<Value> = std::fs::read_to_string(&report)
        .expect("report")
        .lines()
        .map(|l| serde_json::from_str(l).expect("report JSON"))
        .collect();
    let mut reported = BTreeSet::new();
    let (mut added, mut unchanged) = (0u64, 0u64);
    for line in &lines {
        let path = line["path"].as_str().expect("path").to_string();
        assert!(reported.insert(path.clone()), "{path} reported twice");
        match line["status"].as_str() {
            Some("added") => added += 1,
            Some("unchanged") => unchanged += 1,
            other => panic!("{path}: {other:?} ({line})"),
        }
    }
    let expected: BTreeSet<String> = files
        .iter()
        .map(|f| {
            f.canonicalize()
                .expect("canonical")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(reported, expected, "the report accounts for every file");
    assert_eq!(added + unchanged, total);
    assert!(
        unchanged > 0,
        "committed work before the kills was redone instead of kept"
    );
    assert!(
        stdout.contains(&format!("{added} added, 0 updated, {unchanged} unchanged")),
        "{stdout}"
    );

    // Every file is in the index exactly once.
    assert_eq!(documents(&index), total);
    let out = vanban(&[
        "search",
        "\"Bản lưu trữ số\"",
        "--index",
        &index,
        "--json",
        "--limit",
        "100000",
        "--all-files",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("search JSON");
    let mut seen = BTreeSet::new();
    for hit in v["hits"].as_array().expect("hits") {
        let path = hit["path"].as_str().expect("path").to_string();
        assert!(seen.insert(path.clone()), "{path} indexed twice");
    }
    assert_eq!(
        seen.len(),
        TEXT_FILES,
        "every generated text file is found once"
    );
}
