//! Inputs shared by the index benches: extract records of real or generated
//! documents, and large indexes built from them with varied metadata.

#![allow(dead_code)] // each bench uses its own part of this module

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use vanban_extract::ExtractRecord;
use vanban_index::{IngestOptions, VanbanIndex};
use vanban_model::Limits;
use vanban_pipeline::Pipeline;

/// Extract records for the benches, from (first match wins):
/// `VANBAN_BENCH_RECORDS` (JSON Lines of `vanban extract --json`),
/// `VANBAN_BENCH_DOCS` (a folder of PDF/DOCX/TXT files, parsed here), or the
/// committed `corpus/`. Scans (no text) are left out: they add nothing to search.
pub fn records() -> Vec<ExtractRecord> {
    if let Some(file) = std::env::var_os("VANBAN_BENCH_RECORDS") {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| {
            panic!(
                "cannot read VANBAN_BENCH_RECORDS {}: {e}",
                Path::new(&file).display()
            )
        });
        return text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str::<ExtractRecord>(l).ok())
            .filter(|r| !r.needs_ocr)
            .collect();
    }
    let dir = std::env::var_os("VANBAN_BENCH_DOCS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "pdf" || e == "docx" || e == "txt")
        })
        .collect();
    paths.sort();
    // The same stages as the CLI, from the one pipeline library.
    let pipeline = Pipeline::in_process(Limits::default());
    paths
        .iter()
        .filter_map(|p| pipeline.process(p).ok())
        .filter(|r| !r.needs_ocr)
        .collect()
}

/// A record of the pool with its identity changed, so that `n` documents
/// built from a small pool differ in number, year, agency and path.
pub fn varied(pool: &[ExtractRecord], agencies: &[String], i: usize, path: &Path) -> ExtractRecord {
    let mut r = pool[i % pool.len()].clone();
    r.source = path.to_string_lossy().into_owned();
    let round = i / pool.len();
    let h = &mut r.header;
    if let Some(n) = h.number.as_mut() {
        // Keep the symbol (`/BC-STC`), change the serial.
        let symbol = n.find('/').map_or("", |k| &n[k..]).to_string();
        *n = format!("{}{symbol}", 1 + (i * 7919) % 9973);
    }
    if let Some(d) = h.date.as_mut() {
        // Years 2010..=2025, month and day as they were.
        if d.len() >= 4 && d.is_char_boundary(4) {
            *d = format!("{}{}", 2010 + (i % 16), &d[4..]);
        }
    }
    if !agencies.is_empty() && round > 0 {
        h.agency = Some(agencies[(i / 3 + round) % agencies.len()].clone());
    }
    r
}

/// The distinct issuing bodies of the pool, sorted.
pub fn agencies(pool: &[ExtractRecord]) -> Vec<String> {
    let mut v: Vec<String> = pool
        .iter()
        .filter_map(|r| r.header.agency.clone())
        .filter(|a| !a.trim().is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Writes `n` tiny distinct files under `files` (one per document, so the
/// real ingest path runs: walk, hash, channel, writer, commits) and returns
/// their canonical paths with the index of the record each stands for.
pub fn bench_files(files: &Path, n: usize) -> HashMap<PathBuf, usize> {
    let mut by_path: HashMap<PathBuf, usize> = HashMap::with_capacity(n);
    for i in 0..n {
        let dir = files.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).expect("create bench file folder");
        }
        let path = dir.join(format!("doc{i:06}.txt"));
        std::fs::write(&path, format!("bench document {i}\n")).expect("write bench file");
        let canonical = path.canonicalize().expect("canonical bench path");
        by_path.insert(canonical, i);
    }
    by_path
}

/// Ingests the files of [`bench_files`] into the index at `index_dir`, each
/// file standing for the [`varied`] record of its number: only the parse is
/// replaced by the pool's records.
pub fn ingest_varied(
    index_dir: &Path,
    files: &Path,
    by_path: &HashMap<PathBuf, usize>,
    pool: &[ExtractRecord],
    commit_docs: usize,
) -> vanban_index::IngestSummary {
    let agencies = agencies(pool);
    let index = VanbanIndex::open_or_create(index_dir).expect("create bench index");
    let opts = IngestOptions {
        engine: "bench".into(),
        commit_docs,
        commit_interval: std::time::Duration::from_secs(3600),
        ..IngestOptions::default()
    };
    let summary = index
        .ingest(
            &[files.to_path_buf()],
            &opts,
            |p: &Path, _bytes: &[u8], _hash: &str| -> Result<ExtractRecord, String> {
                let canonical = p.canonicalize().map_err(|e| e.to_string())?;
                let i = *by_path
                    .get(&canonical)
                    .ok_or_else(|| format!("unknown bench file {}", p.display()))?;
                Ok(varied(pool, &agencies, i, &canonical))
            },
            &mut (),
        )
        .expect("bench ingest");
    assert!(
        summary.failed.is_empty(),
        "bench ingest failed: {:?}",
        &summary.failed[..summary.failed.len().min(3)]
    );
    summary
}

/// Builds (or reuses) an index of `n` documents under `work`, made from `pool`
/// by [`varied`] through [`ingest_varied`]. Returns the index folder.
pub fn build_index(work: &Path, pool: &[ExtractRecord], n: usize) -> PathBuf {
    let key = blake3::hash(
        format!(
            "v5 {n} {:?}",
            pool.iter().map(|r| &r.meta.blake3).collect::<Vec<_>>()
        )
        .as_bytes(),
    )
    .to_hex()
    .to_string();
    let root = work.join(format!("n{n}-{}", &key[..12]));
    let index_dir = root.join("index");
    let done = root.join("complete");
    if done.is_file() {
        return index_dir;
    }
    let _ = std::fs::remove_dir_all(&root);
    let files = root.join("files");
    let by_path = bench_files(&files, n);
    let started = std::time::Instant::now();
    ingest_varied(&index_dir, &files, &by_path, pool, 20_000);
    eprintln!(
        "built a {n}-document index in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        index_dir.display()
    );
    std::fs::write(&done, b"").expect("mark bench index complete");
    index_dir
}
